"""Achieved scores: numbers without a unit of change that an abstract presents as its own result.

`achieves an MAE of 11.87`, `reaches 0.89 accuracy`, `scores above 32 on
HealthBench Hard`, `improvements of 4.3--11.2 BLEU`: the number carries no
`%` or `×`, so only the words around it say it is a result. Each rule below
needs two things: a *score metric* (a measure a result is reported in, never a
setting such as a batch size or a learning rate) and a *result cue* (achieve,
reach, obtain, score ... in the same clause). Someone else's number (`LoRA's
score of 79.23`, `the previous best F1 of 0.8`) is never the paper's result.
"""

from __future__ import annotations

import re
from typing import NamedTuple

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# measures results are reported in (settings such as `batch size` or `learning rate` are absent on purpose)
_SCORE_WORDS = (
    r"(?:top-[15]\s)?accuracy|F1(?:[-\s]score)?|(?:macro|micro)-?F1|BLEU(?:-4)?|ROUGE(?:-[12L])?|METEOR|chrF\+*|"
    r"CIDEr|SPICE|perplexity|PPL|AUC|AUROC|AUPRC|area under the (?:ROC\s)?curve|mAP(?:@\d+)?|mIoU|IoU|Dice"
    r"(?:\s(?:score|coefficient))?|FID|NDCG(?:@\d+)?|MRR|Recall@\d+|HR@\d+|pass@\d+|win[-\s]rate|success rate|"
    r"exact match|EM|MSE|MAE|RMSE|MAPE|SMAPE|R\^?2|WERs?|CERs?|word error rates?|C-index|concordance index|"
    r"correlation|PSNR|SSIM|LPIPS|Elo|(?:mean\s)?(?:absolute|squared)\serror|error rate|precision|recall|"
    r"sensitivity|specificity|kappa|score|scores|rating")
_METRIC = re.compile(r"(?<![\w@-])(?:" + _SCORE_WORDS + r")(?![\w@-])", re.IGNORECASE)
# metric names that are also English words: they count only in their own spelling (`mAP`, not `map`)
_EXACT_CASE = {"map": "mAP", "em": "EM", "spice": "SPICE", "elo": "Elo", "cer": "CER", "dice": "Dice"}
# words that may precede a metric inside its name: `mean concordance index`, `average F1`, `time-dependent AUC`
_MODIFIER = re.compile(r"(?:(?:mean|average|avg\.?|overall|macro|micro|weighted|top-\d|test|validation|"
                       r"[a-z]+-[a-z]+|[a-z]+-\d+|zero-shot|few-shot|relative|absolute|normalized|(?-i:[A-Z][A-Z0-9]{1,5}))\s){1,2}$",
                       re.IGNORECASE)
_PAREN_ABBR = re.compile(r"\s?\((?P<a>[^()]{1,20})\)")
_CUE = re.compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|record\w*|yield\w*|deliver\w*|get|gets|"
                  r"scor\w*|establish\w*|sets?|with|lowest|highest|best|improv\w*|boost\w*|rais\w*|gains?|"
                  r"receiv\w*|earn\w*)\b",
                  re.IGNORECASE)
# someone else's number: a possessive name, a comparison, or prior/baseline work right before the metric
_OTHERS = re.compile(r"(?:'s\s(?:\w+\s)?$|\b(?:than|surpassing|vs\.?|versus|over|compared\s(?:to|with)|whereas|"
                     r"previous|prior|existing|baseline|original|reported|human|humans|oracle)\b[^,;]*$)",
                     re.IGNORECASE)
_BOUND = r"(?:(?:above|over|below|under|about|around|approximately|nearly|up to|more than|at least|of|=|:)\s?)?"
_METRIC_OF = re.compile(rf"\s?(?:score\s|value\s)?(?:of\s|=\s?|:\s)(?:about\s|around\s|approximately\s|"
                        rf"nearly\s|over\s|up to\s|~)?(?P<v>{NUM}%?)(?![\w.,/^]\d|[\w/^×x-])")
_METRIC_THEN = re.compile(rf"\s(?:score\s)?(?P<v>{NUM})(?![\w%]|\.\d)")
_NUMBER = re.compile(rf"(?<![\w.\-/(^])(?P<v>{NUM})\s(?P<mod>[\w-]+\s)?")
_SCORE_ON = re.compile(rf"\b(?P<cue>scor\w*|achiev\w*|attain\w*|reach\w*|obtain\w*)\s(?:an?\s)?(?:average\s)?"
                       rf"{_BOUND}(?P<v>{NUM})(?=\s(?:on|in)\s(?:the\s)?[A-Z])")
_POINTS = re.compile(rf"\b(?:by|of)\s(?:up to\s|over\s|about\s|around\s|nearly\s|more than\s|an?\s(?:average|absolute)"
                     rf"\s(?:of\s)?)?\+?(?P<v>{NUM}(?:\s?(?:--|-|–|to)\s?{NUM})?)(?=\s(?P<m>points?|pts|BLEU|F1|"
                     rf"ROUGE(?:-[12L])?|mAP|mIoU|AP|dB|FID|accuracy|absolute|perplexity|PPL|CIDEr|METEOR|Elo)\b)")
_CONTINUE = re.compile(rf"(?:,\s(?:and\s)?|\sand\s)(?P<v>{NUM})(?![\w.%×]|\s?(?:x|times)\b)")
_CLAUSE_START = re.compile(r"[;:]\s|,\s(?:while|whereas|but|which|and\s(?:we|it))\b|\.\s")


_DIGIT = re.compile(r"\d")


class Score(NamedTuple):
    """An achieved score at text[start:end], measured in `metric` (None when the text names none)."""

    start: int
    end: int
    metric: str | None
    change: bool = False  # `by 0.4 BLEU` is a change (it may have a baseline); `an MAE of 11.87` a level reached


def find_scores(text: str) -> list[Score]:
    """Every achieved score in one sentence, in order, at most one per number."""
    if not _DIGIT.search(text):
        return []  # most sentences hold no number: skip the metric scans (speed budget: 2 ms per paper)
    found: dict[int, Score] = {}
    for rule in (points_of_change, metric_of_number, number_then_metric, score_on_benchmark):
        for score in rule(text):
            found.setdefault(score.start, score)
    ordered = sorted(found.values())
    return sorted({s.start: s for s in (*ordered, *respective_list(text, ordered))}.values())


def _clause_before(text: str, start: int) -> str:
    """The part of the clause before `start` (a result cue must be in the number's own clause)."""
    lo = max((m.end() for m in _CLAUSE_START.finditer(text, 0, start)), default=0)
    return text[lo:start]


def _claimed(text: str, start: int) -> bool:
    """A result cue in the clause, and no sign that the number belongs to someone else."""
    before = _clause_before(text, start)
    return bool(_CUE.search(before)) and not _OTHERS.search(before[-60:])


def _metric_name(text: str, m: re.Match[str]) -> tuple[int, str]:
    """The metric as written, with its modifiers and a parenthesised abbreviation: `mean absolute error (MAE)`."""
    start, end = m.start(), m.end()
    if modifier := _MODIFIER.search(text, max(0, start - 30), start):
        start = modifier.start()
    if abbr := _PAREN_ABBR.match(text, end):
        end = abbr.end()
    return end, text[start:end]


def metric_of_number(text: str) -> list[Score]:
    """`achieves an MAE of 11.87`, `a C-index of 0.77`, `the lowest MSE score 0.00347`: metric, then its value."""
    out: list[Score] = []
    for m in _metrics(text):
        if re.search(r"\b(?:threshold|confidence|cutoff|similarity|z|risk|propensity)[\s-]$",
                     text[max(0, m.start() - 14):m.start()], re.IGNORECASE):
            continue  # `a confidence score of 0.9` is a setting
        end, name = _metric_name(text, m)
        value = _METRIC_OF.match(text, end) or _METRIC_THEN.match(text, end)
        if value and _claimed(text, m.start()) and not _after_setting(text, value.end("v")) \
                and all(s.start != value.start("v") for s in out):  # `MSE (MSE) score 0.3`: the first name wins
            out.append(Score(value.start("v"), value.end("v"), name))
    return out


def number_then_metric(text: str) -> list[Score]:
    """`reaches 0.89 accuracy`, `obtains 45.2 mAP on COCO`: a unit-less number named by the metric after it."""
    out = []
    for m in _NUMBER.finditer(text):
        metric = (_metric_at(text, m.start("mod")) if m.group("mod") else None) or _metric_at(text, m.end())
        if metric and _claimed(text, m.start()) and metric.group(0).lower() not in ("score", "scores", "rating"):
            out.append(Score(m.start("v"), m.end("v"), _metric_name(text, metric)[1]))
    return out


def _metrics(text: str) -> list[re.Match[str]]:
    """Score metrics named in `text`, English-word lookalikes (`map`) only in their own spelling."""
    return [m for m in _METRIC.finditer(text) if _EXACT_CASE.get(m.group(0).lower(), m.group(0)) == m.group(0)]


def _metric_at(text: str, pos: int) -> re.Match[str] | None:
    m = _METRIC.match(text, pos)
    return m if m and _EXACT_CASE.get(m.group(0).lower(), m.group(0)) == m.group(0) else None


def score_on_benchmark(text: str) -> list[Score]:
    """`scores above 32 on HealthBench Hard`, `achieves 75.4 on MMLU`: a bare number reported on a named test."""
    return [Score(m.start("v"), m.end("v"), "score" if m.group("cue").lower().startswith("scor") else None)
            for m in _SCORE_ON.finditer(text) if not _OTHERS.search(_clause_before(text, m.start())[-60:])]


# `up to 2.3 points higher`, `1.8 BLEU better than X`: the change word follows the units
_POINTS_THEN_CHANGE = re.compile(rf"(?<![\w.])\+?(?P<v>{NUM})\s(?P<m>points?|pts|BLEU|F1|ROUGE(?:-[12L])?|mAP|mIoU|AP|"
                                 rf"CIDEr|METEOR)\s(?:higher|better|more|lower|improvements?|gains?|increase|absolute)\b")


def points_of_change(text: str) -> list[Score]:
    """`by up to 0.4 BLEU`, `improvements of 4.3--11.2 BLEU`, `by 2.5 points`: a change in the metric's own units."""
    out = []
    for m in _POINTS.finditer(text):
        unit = m.group("m")
        metric = None if unit.lower() in ("points", "point", "pts", "absolute") else unit
        end = m.end("v") + 1 + len(unit) if metric or unit.startswith("point") else m.end("v")
        if m.group(0).startswith("by") or re.search(r"\b(?:improv\w*|gains?|increas\w*|boost\w*|outperform\w*|"
                                                     r"reduc\w*|margin|lead)\b", _clause_before(text, m.start())[-50:],
                                                     re.IGNORECASE):
            out.append(Score(m.start("v"), end, metric, change=True))
    for m in _POINTS_THEN_CHANGE.finditer(text):
        unit = m.group("m")
        out.append(Score(m.start("v"), m.end("m"), None if unit.startswith(("point", "pts")) else unit, change=True))
    return out


def respective_list(text: str, scores: list[Score]) -> list[Score]:
    """`scores of 49.36 and 8.8, respectively`: numbers listed right after an accepted score share its metric."""
    out = []
    for score in scores:
        end = score.end
        while (cont := _CONTINUE.match(text, end)) and not _metric_at(text, cont.end("v") + 1) \
                and not _metric_at(text, _after_word(text, cont.end("v"))):
            out.append(Score(cont.start("v"), cont.end("v"), score.metric, score.change))
            end = cont.end("v")  # (`an F1 score of 72.43 and 76.96 NA accuracy`: 76.96 names its own metric)
    return out


def _after_word(text: str, pos: int) -> int:
    """Where the word after the one starting at pos + 1 begins (`76.96 NA accuracy` -> `accuracy`)."""
    m = re.match(r"\s[\w-]+\s", text[pos:pos + 40])
    return pos + m.end() if m else pos


def _after_setting(text: str, end: int) -> bool:
    """`an accuracy of 90% as the stopping threshold`: the number is a setting, not a result."""
    return bool(re.match(r"\s?(?:as\s(?:the\s|a\s)?(?:threshold|target|cutoff)|threshold|or (?:more|higher|above)|"
                         r"(?:B|M|K|GB|MB|ms|s)\b)", text[end:end + 30]))
