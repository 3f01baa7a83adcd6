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
from functools import lru_cache
from typing import NamedTuple

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
# measures results are reported in (settings such as `batch size` or `learning rate` are absent on purpose)
_SCORE_WORDS = (
    r"(?:top-[15]\s)?accuracy|F1(?:[-\s]score)?|(?:macro|micro)-?F1|BLEU(?:-4)?|ROUGE(?:-[12L])?|METEOR|chrF\+*|"
    r"CIDEr|SPICE|perplexit(?:y|ies)|PPL|AUC|AUROC|AUPRC|"
    r"area under the (?:ROC\s|receiver operating characteristic\s)?curve|"
    r"mAP(?:@\d+)?|AP(?:50|75)?|mIoU|IoU|Dice"
    r"(?:\s(?:score|coefficient))?|FID|NDCG(?:@\d+)?|MRR|Recall@\d+|HR@\d+|pass@\d+|win[-\s]rate|success rate|"
    r"exact match|EM|MSE|MAE|RMSE|MAPE|SMAPE|R\^?2|WERs?|CERs?|word error rates?|C-index|concordance index|"
    r"(?:Pearson|Spearman)(?:'s)?\s(?:r|rho|ρ|correlation)|correlation|GDT_TS|GDT-TS|TM-score|lDDT|"
    r"PSNR|SSIM|LPIPS|Elo|(?:mean\s)?(?:absolute|squared)\serror|error rate|precision|recall|"
    r"sensitivity|specificity|kappa|SI-S[DN]R|SDR|PESQ|STOI|MOS|mean opinion score|(?:mean\s)?reciprocal rank|"
    r"compression ratio|F-measure|MCC|Matthews correlation(?:\scoefficient)?|Jaccard(?:\sindex)?|hit rate|"
    r"score|scores|rating")
_METRIC = re.compile(r"(?<![\w@-])(?:" + _SCORE_WORDS + r")(?![\w@-])", re.IGNORECASE)
# metric names that are also English words: they count only in their own spelling (`mAP`, not `map`)
_EXACT_CASE = {"map": "mAP", "em": "EM", "spice": "SPICE", "elo": "Elo", "cer": "CER", "dice": "Dice", "ap": "AP",
               "ap50": "AP50", "ap75": "AP75", "mos": "MOS", "sdr": "SDR", "mcc": "MCC"}
# words that may precede a metric inside its name: `mean concordance index`, `average F1`, `time-dependent AUC`
_MODIFIER = re.compile(r"(?<![\w-])(?:(?:mean|average|avg\.?|overall|macro|micro|weighted|top-\d|test|validation|"
                       r"[a-z]+-[a-z]+|[a-z]+-\d+|zero-shot|few-shot|relative|absolute|normalized|(?-i:[A-Z][A-Z0-9]{1,5}))\s){1,2}$",
                       re.IGNORECASE)
_PAREN_ABBR = re.compile(r"\s?\((?P<a>[^()]{1,20})\)")
_CUE = re.compile(r"\b(?:runs?|ran|achiev\w*|attain\w*|reach\w*|obtain\w*|record\w*|yield\w*|deliver\w*|get|gets|"
                  r"scor\w*|establish\w*|sets?|with|lowest|highest|best|improv\w*|boost\w*|rais\w*|gains?|"
                  r"receiv\w*|earn\w*)\b",
                  re.IGNORECASE)
# someone else's number: a possessive name, a comparison, or prior/baseline work right before the metric
_OTHERS = re.compile(r"(?:'s\s(?:\w+\s)?$|\b(?:than|surpassing|vs\.?|versus|over|compared\s(?:to|with)|"
                     r"comparable\sto|similar\sto|on\spar\swith|whereas|in\scomparison\s(?:to|with)|"
                     r"previous|prior|existing|baseline|original|reported|humans?(?!-)|oracle)\b[^,;]*$)",
                     re.IGNORECASE)
_BOUND = r"(?:(?:above|over|below|under|about|around|approximately|nearly|up to|more than|at least|of|=|:)\s?)?"
_METRIC_OF = re.compile(rf"\s?(?:score\s|value\s|coefficient\s)?(?:of\s|=\s?|:\s|(?P<cop>was|were|is|are)\s)"
                        rf"(?:about\s|around\s|approximately\s|"
                        rf"nearly\s|over\s|up to\s|~)?(?P<v>{NUM}%?)(?![\w.,/^]\d|[\w/^×x-])")
_METRIC_THEN = re.compile(rf"\s(?:score\s)?(?P<v>{NUM})(?![\w%]|\.\d)")
_NUMBER = re.compile(rf"(?<![\w.\-/(^])(?P<v>{NUM})\s(?P<mod>[\w-]+\s)?")
_SCORE_ON = re.compile(rf"\b(?P<cue>scor\w*|achiev\w*|attain\w*|reach\w*|obtain\w*)\s(?:an?\s)?(?:average\s)?"
                       rf"{_BOUND}(?P<v>{NUM})(?=\s(?:on|in)\s(?:the\s)?[A-Z]|\s(?:compared\s(?:to|with)|versus|vs\.?|against)\s)")
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
    for rule in (points_of_change, metrics_respectively, metric_of_number, number_then_metric, score_on_benchmark,
                 slash_list, score_then_comparison):
        for score in rule(text):
            found.setdefault(score.start, score)
    ordered = sorted(found.values())
    return sorted({s.start: s for s in (*ordered, *respective_list(text, ordered))}.values())


def clause_before(text: str, start: int) -> str:
    """The part of the clause before `start` (a result cue must be in the number's own clause)."""
    lo = max((m.end() for m in _CLAUSE_START.finditer(text, 0, start)), default=0)
    return text[lo:start]


def _claimed(text: str, start: int) -> bool:
    """A result cue in the clause, and no sign that the number belongs to someone else."""
    before = clause_before(text, start)
    return bool(_CUE.search(before)) and not _OTHERS.search(before[-60:])


_BOUND_BEFORE = re.compile(r"(?:more than|less than|fewer than|over|up to|at least)\s$")


def others_number(text: str, start: int) -> bool:
    """Someone else's number: a comparison or prior work earlier in the number's clause (`compared to 57.5 AP50
    in 198 ms`); a bound on the number itself (`more than 100 FPS`) is no comparison."""
    before = _BOUND_BEFORE.sub("", clause_before(text, start))
    return bool(_OTHERS.search(before[-60:]))


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
    for m in named_metrics(text):
        if re.search(r"\b(?:threshold|confidence|cutoff|similarity|z|risk|propensity)[\s-]$",
                     text[max(0, m.start() - 14):m.start()], re.IGNORECASE):
            continue  # `a confidence score of 0.9` is a setting
        end, name = _metric_name(text, m)
        value = _METRIC_OF.match(text, end) or _METRIC_THEN.match(text, end) or _raised_to(text, end)
        vouched = _claimed(text, m.start()) or _specific_had(text, m) or _reported_as(text, m, value)
        if value and vouched and not _after_setting(text, value.end("v")) \
                and all(s.start != value.start("v") for s in out):  # `MSE (MSE) score 0.3`: the first name wins
            out.append(Score(value.start("v"), value.end("v"), name))
    return out


# `pushing the ... Test F1 to 93.2`, `reduces the WER to 3.1%`: the level a change verb brings the metric to
_METRIC_TO = re.compile(rf"\sto\s(?:an?\s)?(?P<v>{NUM}%?)(?![\w.,/^]\d|[\w/^×x-])")
_CHANGE_VERB = re.compile(r"\b(?:push\w*|rais\w*|improv\w*|boost\w*|increas\w*|bring\w*|brought|lift\w*|reduc\w*|"
                          r"lower\w*|decreas\w*|cut\w*|driv\w*)\b", re.IGNORECASE)
# `the predictions had a median domain GDT_TS of 92.4`: `had` vouches only for a specific measure, never `score`
_HAD = re.compile(r"\b(?:had|has|have|show\w*|exhibit\w*)\s(?:an?\s|the\s)?(?:[\w-]+\s){0,3}$", re.IGNORECASE)


def _raised_to(text: str, end: int) -> re.Match[str] | None:
    """`Test F1 to 93.2` is a level reached only when a change verb governs the clause (not `from ... to`)."""
    m = _METRIC_TO.match(text, end)
    before = clause_before(text, end)
    return m if m and _CHANGE_VERB.search(before) and not re.search(r"\bfrom\s[^,;]*$", before) else None


def _reported_as(text: str, metric: re.Match[str], value: re.Match[str] | None) -> bool:
    """`The mean Dice coefficient was 0.91`: a specific measure stated with a copula is a reported result (never a
    generic `score`/`rating`, and never someone else's)."""
    copula = value is not None and "cop" in value.re.groupindex and value.group("cop") is not None
    generic = metric.group(0).lower() in ("score", "scores", "rating")
    return copula and not generic and not _OTHERS.search(clause_before(text, metric.start())[-60:])


def _specific_had(text: str, metric: re.Match[str]) -> bool:
    before = clause_before(text, metric.start())
    generic = metric.group(0).lower() in ("score", "scores", "rating")
    return not generic and bool(_HAD.search(before)) and not _OTHERS.search(before[-60:])


def number_then_metric(text: str) -> list[Score]:
    """`reaches 0.89 accuracy`, `obtains 45.2 mAP on COCO`: a unit-less number named by the metric after it."""
    out = []
    for m in _NUMBER.finditer(text):
        metric = (_metric_at(text, m.start("mod")) if m.group("mod") else None) or _metric_at(text, m.end())
        if metric and _claimed(text, m.start()) and metric.group(0).lower() not in ("score", "scores", "rating"):
            out.append(Score(m.start("v"), m.end("v"), _metric_name(text, metric)[1]))
    return out


def _own_spelling(m: re.Match[str]) -> bool:
    """A metric that is also an English word (`map`, `dice`) counts only in its own spelling (`mAP`, `Dice`)."""
    return _EXACT_CASE.get(m.group(0).lower(), m.group(0)) == m.group(0)


@lru_cache(maxsize=256)
def named_metrics(text: str) -> tuple[re.Match[str], ...]:
    """Score metrics named in `text`, in order, lookalikes only in their own spelling (cached: several rules of
    one sentence ask, and the scan is the costliest step of the value rules)."""
    return tuple(m for m in _METRIC.finditer(text) if _own_spelling(m))


def _metric_at(text: str, pos: int) -> re.Match[str] | None:
    m = _METRIC.match(text, pos)
    return m if m and _own_spelling(m) else None


def score_on_benchmark(text: str) -> list[Score]:
    """`scores above 32 on HealthBench Hard`, `achieves 75.4 on MMLU`: a bare number reported on a named test."""
    return [Score(m.start("v"), m.end("v"), "score" if m.group("cue").lower().startswith("scor") else None)
            for m in _SCORE_ON.finditer(text) if not _OTHERS.search(clause_before(text, m.start())[-60:])]


# `up to 2.3 points higher`, `1.8 BLEU better than X`: the change word follows the units
_POINTS_THEN_CHANGE = re.compile(rf"(?<![\w.])\+?(?P<v>{NUM})[\s-](?P<m>points?|pts|BLEU|F1|ROUGE(?:-[12L])?|mAP|"
                                 rf"mIoU|AP|CIDEr|METEOR|dB)\s(?:higher|better|more|lower|improvements?|gains?|increase|absolute|"
                                 rf"jump|lead|(?:of\s)?(?:lift|improvement|gain|increase|boost))\b")
# `0.7 better perplexity`, `2.1 lower WER`: a change written before the metric it changes
_CHANGE_THEN_METRIC = re.compile(rf"(?<![\w.])(?P<v>{NUM})\s(?:better|lower|higher|less)\s(?=[\w-])")


def points_of_change(text: str) -> list[Score]:
    """`by up to 0.4 BLEU`, `improvements of 4.3--11.2 BLEU`, `by 2.5 points`: a change in the metric's own units."""
    out = []
    for m in _POINTS.finditer(text):
        unit = m.group("m")
        metric = None if unit.lower() in ("points", "point", "pts", "absolute") else unit
        end = m.end("v") + 1 + len(unit) if metric or unit.startswith("point") else m.end("v")
        if m.group(0).startswith("by") or re.search(r"\b(?:improv\w*|gains?|increas\w*|boost\w*|outperform\w*|"
                                                     r"reduc\w*|margin|lead)\b", clause_before(text, m.start())[-50:],
                                                     re.IGNORECASE):
            out.append(Score(m.start("v"), end, metric, change=True))
    for m in _POINTS_THEN_CHANGE.finditer(text):
        unit = m.group("m")
        out.append(Score(m.start("v"), m.end("m"), None if unit.startswith(("point", "pts")) else unit, change=True))
    for m in _CHANGE_THEN_METRIC.finditer(text):
        if metric := _metric_at(text, m.end()):
            out.append(Score(m.start("v"), m.end("v"), metric.group(0), change=True))
    return out


_SLASH = re.compile(rf"(?<![\w.\-/])(?P<list>{NUM}%?(?:/{NUM}%?)+)(?![\w/^-])")
_PART = re.compile(rf"{NUM}%?")


def slash_list(text: str) -> list[Score]:
    """`achieve 1.8/3.3 WER on the clean/other test sets`, `a WER of 2.1%/4.3%`: each number of a slash list
    named by one metric (before it with `of`, or after it) is a result; `3/2` or `1/4 of the compute` name none."""
    out = []
    for m in _SLASH.finditer(text):
        metric = _metric_at(text, m.end() + 1) if text[m.end():m.end() + 1] == " " else None
        if metric is None and (named := re.search(r"(?P<m>[\w-]+)(?:\s\([^()]{1,20}\))?\s(?:of|=|:)\s$",
                                                  text[max(0, m.start() - 40):m.start()])):
            metric = _metric_at(named.group("m"), 0)
        if metric is None or not _claimed(text, m.start()):
            continue
        for part in _PART.finditer(m.group("list")):
            out.append(Score(m.start() + part.start(), m.start() + part.end(), metric.group(0)))
    return out


# `for the DNN (0.837) exceeded that of average cardiologists (0.780)`: the score quoted before the comparison
_QUOTED_THEN_BEATS = re.compile(rf"\((?P<v>{NUM}%?)\)\s(?:exceed\w*|outperform\w*|surpass\w*|beat\w*|was higher|"
                                rf"is higher|improv\w*)\b")


def score_then_comparison(text: str) -> list[Score]:
    """A parenthesised score right before `exceeded`/`outperforms` is the subject's result, named by the first
    metric of the sentence (its subject) (the number after `that of` is the compared party's and stays out)."""
    out = []
    for m in _QUOTED_THEN_BEATS.finditer(text):
        named = named_metrics(text[:m.start()])
        if named and not _OTHERS.search(clause_before(text, m.start())[-40:]):
            out.append(Score(m.start("v"), m.end("v"), _metric_name(text, named[0])[1]))
    return out


# `the AUC, sensitivity, and specificity of the DLA were 0.989, 97.0%, and 91.4%, respectively`
_VALUES_RESPECTIVELY = re.compile(rf"\b(?:were|was|are|is|of|:)\s(?P<vals>{NUM}%?(?:,\s(?:and\s)?{NUM}%?)*,?\sand\s"
                                  rf"{NUM}%?),?\srespectively\b")
_SETTING_NOUN = re.compile(r"\b(?:thresholds?|cut-?offs?|weights?|coefficients?|budgets?)\b", re.IGNORECASE)


def metrics_respectively(text: str) -> list[Score]:
    """A list of metrics then a list of values `..., respectively`: each value is a result in its own metric when
    the counts agree (an abbreviation in brackets is the same metric) and no threshold or baseline is named."""
    out = []
    for m in _VALUES_RESPECTIVELY.finditer(text):
        clause = clause_before(text, m.start())
        named = [x for x in named_metrics(clause) if clause[:x.start()].count("(") <= clause[:x.start()].count(")")]
        values = list(_PART.finditer(m.group("vals")))
        if len(named) != len(values) or _SETTING_NOUN.search(clause[named[-1].end():] if named else "") \
                or _OTHERS.search(clause[-60:]):
            continue
        for metric, value in zip(named, values, strict=True):
            abbr = _PAREN_ABBR.match(clause, metric.end())  # `area under the curve (AUC)`
            name = clause[metric.start():abbr.end()] if abbr else metric.group(0)
            out.append(Score(m.start("vals") + value.start(), m.start("vals") + value.end(), name))
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


def metric_after(text: str, pos: int, window: int) -> str | None:
    """The first score metric starting within `window` characters after `pos` (`30` skips `11.22% corrected`)."""
    for m in _METRIC.finditer(text, pos, min(len(text), pos + window + 40)):
        if m.start() - pos > window:
            break
        if _own_spelling(m):
            return _metric_name(text, m)[1]
    return None
