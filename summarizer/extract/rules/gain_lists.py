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
* A precision reached: `an object detector that is accurate to 1.5 cm`, `a median localization error of 2.3 m`.
* A share of the items the system gets right: `resolves 12.5% of the issues`, `succeeded in 87% of trials`,
  `outperforms ... on 90% of 1380 verification targets` (a share of people or of the data is no result).
* A multiple written out: `reduces the number of queries by a factor of 3`, `up to a factor 3 faster`.
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
_ACCURATE_TO = re.compile(rf"\b(?:accurate\s(?:to|within)|error\s(?:of|was|is)(?:\sonly)?)\s"
                          rf"(?P<v>{NUM}\s?(?:mm|cm|m|degrees?|°))(?![\w/])", re.IGNORECASE)
# `resolves 12.5% of the issues`, `succeeded in 87% of trials`, `wins 71% of pairwise comparisons`
_SHARE_DONE = re.compile(rf"\b(?:solv\w*|resolv\w*|pass\w*|answer\w*|complet\w*|succeed\w*|success\w* in|"
                         rf"wins?|won|fix\w*|identif\w*|detect\w*|classif\w*|predict\w*|recover\w*|repair\w*|"
                         rf"outperform\w*[^,;]{{0,80}}\bon)\s(?:correctly\s|successfully\s|in\s)?"
                         rf"(?:about\s|over\s|nearly\s|up to\s|more than\s)?(?P<v>{NUM}%)\sof\s(?:the\s|all\s)?"
                         rf"(?:[\w-]+\s){{0,3}}?(?:problems|tasks|issues|questions|cases|instances|queries|bugs|tests|"
                         rf"games|puzzles|trials|attempts|episodes|comparisons|targets|benchmarks|challenges|"
                         rf"vulnerabilities|errors|goals)\b", re.IGNORECASE)
_FACTOR_OF = re.compile(rf"\b(?:by|of|up to)\s(?:up to\s|about\s|nearly\s|more than\s)?a\sfactor\s(?:of\s)?"
                        rf"(?:up to\s)?(?P<v>{NUM})(?![\w%]|\.\d)", re.IGNORECASE)
_COMPARATIVE_AFTER = re.compile(r"\s(?:faster|smaller|fewer|less|lower|higher|better|cheaper|more)\b", re.IGNORECASE)
_CHANGE_VERB = re.compile(r"\b(?:improv\w*|increas\w*|reduc\w*|decreas\w*|speed\w*|accelerat\w*|cut\w*|lower\w*|"
                          r"boost\w*|outperform\w*|faster|fewer|less|smaller|sav\w*|shrink\w*)\b", re.IGNORECASE)


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


def shares_done(text: str) -> list[Score]:
    """`the agent resolves 12.5% of the issues`: the share of items the system gets right."""
    return [Score(m.start("v"), m.end("v"), None) for m in _SHARE_DONE.finditer(text)]


def factors(text: str) -> list[Score]:
    """`reduces the number of queries by a factor of 3`: a multiple written out, under a verb of change."""
    return [Score(m.start("v"), m.end("v"), None, change=True) for m in _FACTOR_OF.finditer(text)
            if _CHANGE_VERB.search(text[max(0, m.start() - 80):m.start()]) or _COMPARATIVE_AFTER.match(text, m.end())]


def find_sizes_and_shares(text: str) -> list[Score]:
    """Every size, fraction and precision above, in order (only where a digit and a marker word are)."""
    lowered = text.lower()
    found = []
    if any(w in lowered for w in ("compress", "shrink", "reduc", " cut")):
        found += compressed_sizes(text)
    if "/" in text and " than " in text:
        found += resource_fractions(text)
    if "accurate " in lowered or "error " in lowered:
        found += precisions(text)
    if "% of" in text:
        found += shares_done(text)
    if "factor " in lowered:
        found += factors(text)
    return sorted(found)
