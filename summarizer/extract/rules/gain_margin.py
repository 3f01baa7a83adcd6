"""Slots a gain shares with the claim next to it (GUIDELINES §11, judgement calls a and d).

(a) A margin phrase attached to a claim (`, outperforming MobileNetV3 by 9.6%`, `, which represents a 55% relative
improvement over X`, `, being ... 2.2% better than X`) measures what the claim measured, where it was measured.
(d) A comparison gives its baseline to the margin that quantifies it, not to an absolute score next to it; an
absolute score takes a comparison only from its own clause, a relative clause on it (`, which are higher than X`) or
the main clause its result participle hangs off, when that comparison is about the same measure (or names none).
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_baseline import baseline as read_baseline
from summarizer.extract.rules.gain_clause import clause_bounds
from summarizer.extract.rules.gain_dataset import dataset as read_dataset
from summarizer.extract.rules.gain_dataset import framed_dataset
from summarizer.extract.rules.gain_metric import read_metric

# the opening of a phrase that gives the margin of the claim before it
_MARGIN_OPENING = re.compile(r"(?:outperforming|surpassing|beating|exceeding|improving\s(?:on|over|upon)|"
                             r"which\s(?:represents|corresponds\sto|amounts\sto|is)|being)\b")
# a value that is a margin: `by 9.6%`, `a 55% relative improvement`, `2.2% better`
_BY_BEFORE = re.compile(r"\bby\s(?:up\sto\s|over\s|about\s|around\s|nearly\s|more\sthan\s|at\sleast\s)?[~+]?$")
# (`a 4.2% and 2.2% improvement`: a list's earlier value is a margin too)
_CHANGE_AFTER = re.compile(r"(?:(?:,\s|\s(?:and|or)\s|,\sand\s)[~+]?\d[\d.,]*\s?(?:%|×|x)?)*"
                           r"\s?(?:\([^()]{0,20}\)\s)?(?:[\w-]+\s)?(?:improvements?|gains?|increases?|reductions?|"
                           r"higher|lower|better|more|boosts?|lift|faster|smaller|fewer|less|cheaper|speed-?ups?)\b")
_NUMBER = re.compile(r"(?<![\w.])[~+]?\d[\d.,]*\s?(?:%|×|x\b|times\b|points?\b)?")


def is_margin(clause: str, start: int, end: int) -> bool:
    """`by 9.6%`, `a 55% relative improvement`, `2.2% better`: the value is a difference, not a level."""
    return bool(_BY_BEFORE.search(clause[max(0, start - 30):start]) or _CHANGE_AFTER.match(clause, end))


# `under the constraint of 12M FLOPs, MicroNet achieves 59.4% ...`, `achieves 50.3% mIoU on ADE20K with 64M parameters`:
# the claim's number is the first one its result verb reaches
_RESULT_CUE = re.compile(r"\b(?:achiev|reach|obtain|attain|scor|yield|get|gets|including)\w*\s")


def inherited_labels(text: str, lo: int, start: int, end: int) -> tuple[str | None, str | None]:
    """Metric and dataset of the claim a margin phrase (the clause text[lo:...] holding text[start:end]) is attached
    to: `MicroNet achieves 59.4% top-1 accuracy on ImageNet classification, outperforming MobileNetV3 by 9.6%` ->
    (`top-1 accuracy`, `ImageNet classification`) for 9.6%. (None, None) when the clause is no margin phrase."""
    _, hi = clause_bounds(text, start, end)
    opening = text.rfind(", ", 0, lo)  # `, outperforming`, `, which represents`: the break before the phrase
    if opening < 1 or not _MARGIN_OPENING.match(text, opening + 2) or not is_margin(text[:hi], start, end):
        return None, None
    prev_lo, _ = clause_bounds(text, opening - 1, opening - 1)
    claim = text[prev_lo:opening]
    cue = _RESULT_CUE.search(claim)
    numbers = list(_NUMBER.finditer(claim, cue.end() if cue else 0))
    if numbers:  # the claim's own number (the first one it reaches, not a setting before it): metric and dataset
        at = numbers[0]
        return read_metric(claim, at.start(), at.end()), read_dataset(claim, at.start(), at.end()) or framed_dataset(
            text, prev_lo)
    # `Our system is ... the top entry in the leaderboard of the MS MARCO passage retrieval task, outperforming ...`
    return None, read_dataset(claim, len(claim), len(claim)) or framed_dataset(text, prev_lo)


def same_measure(own: str | None, claimed: str | None) -> bool:
    """Two metric labels name one measure: a shared content word (`accuracy` / `top-1 accuracy`)."""
    if not own or not claimed:
        return False
    words = {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", own)} - {"the", "of", "average", "mean"}
    return bool(words & {w.lower() for w in re.findall(r"[A-Za-z][\w-]*", claimed)})


# `..., a 4.2% improvement compared to the previous best results`, `greater than a 7% improvement over Gopher`,
# `improving over the existing best results, including ensembles by over 2 BLEU`: the comparison is the margin's
_MARGIN_BETWEEN = re.compile(r"(?<![\w.])[~+]?\d[\d.,]*\s?(?:%|×|x|points?)?\s(?:[\w-]+\s)?(?:improvements?|gains?|"
                             r"higher|lower|better|more|increases?|reductions?)\b")
_BY_AFTER = re.compile(r"[^;:]{0,40}?\bby\s(?:up\sto\s|over\s|about\s|more\sthan\s)?[~+]?\d")


def margin_owns_comparison(clause: str, start: int, end: int, name: str) -> bool:
    """The comparison with `name`, after the absolute score clause[start:end], is quantified by a margin of its own
    (a value that is itself a margin, `20.4% lower, and ... 63.4% lower, than X`, shares the comparison)."""
    at = clause.find(name, end)
    if at < 0 or is_margin(clause, start, end) or clause[max(0, start - 2):start] in ("(+", "(−"):
        return False
    return bool(_MARGIN_BETWEEN.search(clause, end, at) or _BY_AFTER.match(clause, at + len(name))
                or _SIGNED_ASIDE.search(clause, end, at))


# `an AUPRC of 0.6156 (+36.41%) ... compared to X`: a signed value in brackets is the margin of the comparison
_SIGNED_ASIDE = re.compile(r"\(\s?[+−]\d[\d.,]*\s?(?:%|×|x|points?)?\)")


# `F1-macro score of 0.372 ... on the validation set, which are higher than the baseline results shared at PAN CLEF
# 2023`, `95.12% accuracy ..., which is comparable to the maximum reported accuracy of 95.54%`
_WHICH_COMPARES = re.compile(
    r",\swhich\s(?:is|are|was|were)\s(?:[a-z]+ly\s)?(?P<cmp>higher|better|lower|faster|slower|comparable|close|"
    r"similar|superior|more\saccurate)\s(?:than|to)\s(?:that\sof\s|those\sof\s)?(?:the\s)?"
    r"(?P<b>[^,;.()]{2,60}?)(?=\sof\s~?\d|\s(?:achieved|reported)\b|[,;.()]|$)")
_COMPARATIVE_MEASURE = {"faster": "speed", "slower": "speed", "more accurate": "accuracy"}


def which_comparison(text: str, hi: int, metric: str | None) -> str | None:
    """The system a relative clause right after the score's clause compares the score with (same measure only:
    `68.4% Mean IOU ... with speed of 105 FPS, which is significantly faster than X` gives X to 105 FPS only)."""
    found = _WHICH_COMPARES.match(text, hi)
    if found is None:
        return None
    measure = _COMPARATIVE_MEASURE.get(found.group("cmp"))
    if measure and not same_measure(measure, metric):
        return None
    return found.group("b").strip()


# `demonstrates significant performance improvements over existing baselines, achieving a 75% success rate`: the
# measure the main clause compares (the word before `over/than/compared to`)
_COMPARED_MEASURE = re.compile(r"(?P<m>[\w-]+)\s(?:improvements?\s|gains?\s)?(?:compared\s(?:to|with)|over|than|"
                               r"relative\sto)\s")
_GENERIC = frozenset(["performance", "results", "result", "improvements", "gains"])


def participle_comparison(text: str, lo: int, metric: str | None) -> str | None:
    """The baseline of the main clause an achieved level's result participle (the clause at `lo`) hangs off, when the
    main clause compares the same measure or a generic one (`superior efficiency ... compared to existing approaches,
    achieving 100% verification accuracy` compares efficiency, so 100% takes no baseline)."""
    prev_lo, _ = clause_bounds(text, max(0, lo - 3), max(0, lo - 3))
    main = text[prev_lo:lo]
    compared = list(_COMPARED_MEASURE.finditer(main))
    if compared:
        word = compared[-1].group("m").lower()
        if word not in _GENERIC and not same_measure(word, metric) and not word.endswith("ly"):
            return None
    return read_baseline(text[:lo], lo, lo)
