"""Results that ride on another result or on a verb of shrinking, as abstracts outside ML-arXiv write them.

* A list of results under one claim: `achieves a WER of 2.1%/4.6% without external language model (LM),
  1.9%/4.1% with LM and 2.9%/7.0% with only 10M parameters`, `43.5% AP (65.7% AP50)`, `4.9% top-5 validation
  error (and 4.8% test error)`, `PASCAL VOC 2007 (73.2% mAP) and 2012 (70.4% mAP)`: once one value is accepted,
  the next value of the same unit that opens a list item (`, `, ` and `, `(`) is a result too, unless the text
  between brings in a comparison (`vs`, `than`, `compares to the previous ...`), which starts someone else's
  numbers.
* A size something is compressed to: `compresses the weights and the attention cache to 4 bits`, `compress
  SqueezeNet to less than 0.5MB`, `can be compressed down to 120MB`; a size used as a setting (`a 4-bit model`,
  `trained on 16GB GPUs`) has no such verb.
* A share of a resource the method needs: `while using fewer than 1/4 of the parameters`.
* A precision reached: `an object detector that is accurate to 1.5 cm`.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_scores import NUM, Score

# ---------------------------------------------------------------- lists of results under one claim

_COMPARISON = re.compile(r"\b(?:vs\.?|versus|than|compar\w*|previous|prior|baseline|whereas|while|but|from|which|"
                         r"respectively|whose|outperform\w*|surpass\w*|beat\w*|exceed\w*|over|against|relative|"
                         r"unlike|like)\b", re.IGNORECASE)
_ITEM_START = re.compile(r"(?:,\s(?:and\s)?|\sand\s|\s?\((?:and\s)?)$")


def continued_result(between: str) -> bool:
    """The text between an accepted value and the next one opens another item of the same result list."""
    return (len(between) <= 120 and not re.search(r"[.;:]\s", between) and not _COMPARISON.search(between)
            and bool(_ITEM_START.search(between)))


# ---------------------------------------------------------------- sizes, shares and precisions reached

_SIZE = r"(?:bits?|[KMGT]B|bytes)"
_COMPRESSED_TO = re.compile(rf"\b(?:compress\w*|shrink\w*|reduc\w*|cut\w*)\b"
                            rf"[^,;]{{0,60}}?\bto\s(?:(?:less than|under|below|only|just|about|around)\s)?"
                            rf"(?P<v>{NUM}\s?{_SIZE})(?![\w/])", re.IGNORECASE)
_FRACTION_OF = re.compile(r"\b(?:using|uses|use|requir\w*|needs?|with)\s(?:only\s)?(?:fewer|less)\sthan\s"
                          r"(?P<v>\d+/\d+)\sof\s(?:the\s|its\s)?(?:parameters|compute|memory|FLOPs|data|"
                          r"training data|labels)\b", re.IGNORECASE)
_ACCURATE_TO = re.compile(rf"\baccurate\s(?:to|within)\s(?P<v>{NUM}\s?(?:mm|cm|m|degrees?|°))(?![\w/])",
                          re.IGNORECASE)


def compressed_sizes(text: str) -> list[Score]:
    """`compresses the weights ... to 4 bits with negligible accuracy loss`: the size a model is brought to."""
    return [Score(m.start("v"), m.end("v"), None) for m in _COMPRESSED_TO.finditer(text)]


def resource_fractions(text: str) -> list[Score]:
    """`achieve better performance ... while using fewer than 1/4 of the parameters`: a share of a resource
    needed, written as a fraction (a budget written `with fewer than`, as in `with fewer than 1/4 of the
    parameters active`, is a setting, so `with` counts only when nothing follows the resource)."""
    out = []
    for m in _FRACTION_OF.finditer(text):
        if m.group(0).lower().startswith("with") and re.match(r"\s\w+", text[m.end():]):
            continue
        out.append(Score(m.start("v"), m.end("v"), None))
    return out


def precisions(text: str) -> list[Score]:
    """`a real-world object detector that is accurate to 1.5 cm`: the precision the system reaches."""
    return [Score(m.start("v"), m.end("v"), "accuracy") for m in _ACCURATE_TO.finditer(text)]


def find_sizes_and_shares(text: str) -> list[Score]:
    """Every size, fraction and precision above, in order (only where a digit and a marker word are)."""
    lowered = text.lower()
    found = []
    if any(w in lowered for w in ("compress", "shrink", "reduc", " cut")):
        found += compressed_sizes(text)
    if "/" in text and " than " in text:
        found += resource_fractions(text)
    if "accurate " in lowered:
        found += precisions(text)
    return sorted(found)
