"""Claimed gains: numbers an abstract presents as improvements or headline results.

A number qualifies only with a unit of change (`%`, `×`, `times`, `-fold`,
`points`) *and* a cue that it is a claim (`by`, `up to`, `outperforms`,
`faster`, `improvement`, `achieves ... on`), or as a `from A to B` change.
Settings and sizes (`4-bit`, `7B`, `at 50% sparsity`, `50% of the data`,
`95% CI`) are rejected: a wrong gain is worse than a missing one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from summarizer.extract.rules.lexicon import METRICS
from summarizer.extract.rules.resources import find_datasets_cached
from summarizer.extract.rules.sentences import Sentence

_NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_MULT = (r"(?:\s?(?:×|\\times)(?![A-Za-z0-9])|\s?times(?![a-z])|[xX](?![\w])|\s?-?fold\b"
         r"|\sx(?=\s+(?:more|less|fewer|faster|smaller|larger|higher|lower|better|speed|reduction|compress)))")
_PCT = r"(?:\s?(?:%|\\%)|\s(?:percentage points?|percent|per\s?cent|pp)\b)"
_UNIT = f"(?:{_PCT}|{_MULT})"
_PRE = r"(?:[~≈∼<>≤≥+]\s?)"
_CANDIDATE = re.compile(
    rf"(?<![\w.\-/])(?P<pre>{_PRE})?(?<![\w.\-/])(?:{_NUM}{_UNIT}?\s?(?:--|-|–|—|to)\s?)?{_NUM}(?P<unit>{_UNIT})"
    rf"(?!\s?[×x]\s?\d)(?![\w%])")
_FROM_TO = re.compile(rf"\bfrom\s(?P<a>~?{_NUM}\s?%?)\s?(?:to|→|->)\s(?P<b>~?{_NUM}\s?%?)(?![\w.]*\s?[BMK]\b)")
_POINTS = re.compile(rf"\bby\s(?:an?\s(?:average|absolute)\s(?:of\s)?)?(?P<v>\+?{_NUM})"
                     rf"(?=\s(?:points?|pts|BLEU|F1|ROUGE|mAP|mIoU|AP|dB|FID|accuracy|absolute|perplexity|PPL)\b)")

_CLAIM_BEFORE = re.compile(
    r"\b(?:by|up to|improv\w*|outperform\w*|surpass\w*|exceed\w*|beat\w*|gains?|boost\w*|increas\w*|"
    r"reduc\w*|decreas\w*|lower\w*|faster|speed\w*|accelerat\w*|sav\w*|cut\w*|achiev\w*|attain\w*|"
    r"reach\w*|obtain\w*|yield\w*|deliver\w*|enhanc\w*|relative|absolute|average|outperforming|"
    r"raises?|rais\w*|drops?|shrink\w*|compress\w*|advantage|margin|score\w*|accuracy)\W+(?:\S+\W+){0,4}$"
    r"|\b(?:about|around|approximately|nearly|roughly|at least|more than|over|almost)\s$",
    re.IGNORECASE)
_CLAIM_AFTER = re.compile(
    r"^\s*(?:\w+\s){0,2}?(?:improvement|gain|increase|reduction|decrease|speed-?ups?|faster|fewer|less|"
    r"lower|higher|more|better|smaller|larger|boost|accuracy|compression|cheaper|savings?|relative|"
    r"absolute|points?|lift|acceleration|throughput|memory|error|improvements|gains|reductions|on\s[A-Z])",
    re.IGNORECASE)
_SETTING_AFTER = re.compile(
    r"^\s*(?:of\b|sparsity|"
    r"compression rate|pruning|confidence|CI\b|significance|quantile|bits?\b|-bit|quantiz|masking|"
    r"mask|noise|dropout|trainable parameters|labeled|subset|split|training data|size\b|"
    r"cross[-\s]?validation|CV\b|folds?\b|(?:active|activated)\sparameters|board|grid)",
    re.IGNORECASE)
_SETTING_BEFORE = re.compile(r"\b(?:at|top|first|keeping|keep|"
                             r"standard deviation of|std of|rate of|ratio of|level of|the)\s(?:a\s|an\s)?$",
                             re.IGNORECASE)
# `prior work reached 11%`, `the best baseline obtains 40%`: someone else's number, not the paper's gain
_OTHERS_NUMBER = re.compile(r"\b(?:prior|previous|existing|earlier|baseline|competing|their)\s(?:[\w-]+\s){0,3}?"
                            r"(?:reach|achiev|obtain|report|attain|scor|get|yield)\w*\s(?:\w+\s){0,3}$", re.IGNORECASE)
# `9 × 9 board`, `3x3 kernels`: a dimension, not a multiplier
_DIMENSION = re.compile(r"^\s?\d")
# what ends a clause: metric, baseline and dataset of a gain must be stated inside the gain's own clause
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s(?:while|whereas|but|although|though|which|where|and\s(?:we|it|our))\b"
                           r"(?!\s\w+ing\b)|\s(?:while|whereas|but)\s(?!\w+ing\b)|\.\s")
# `only 12.3% of the computing resources`: the share names its own metric
_SHARE_OF = re.compile(r"^\s?of\s(?:the\s)?(?:original\s|total\s|full\s)?(?P<m>[a-z][\w-]*(?:\s(?!of\b|for\b|in\b|on\b|"
                       r"by\b|to\b|required\b|used\b|needed\b)[a-z][\w-]*)?)")
_CONTINUES = re.compile(r"^(?:\s*(?:,|and|or|/|,\s?and)\s*(?:by\s)?(?:\w+\s)?|[^.;()%×]{0,40}\sand\s(?:by\s)?)$")
_BASELINE = re.compile(
    r"\b(?:compared\s(?:to|with)|relative\sto|than|versus|vs\.?|against|over|outperform(?:s|ing|ed)?|"
    r"surpass(?:es|ing|ed)?|beat(?:s|ing)?|exceed(?:s|ing|ed)?)\s(?:the\s|an?\s(?!\d))?(?P<b>(?!by\b|up\b|\d)[\w\-.+/]+(?:\s(?!by\b|on\b|in\b|with\b|"
    r"while\b|and\b|across\b|for\b|at\b|when\b|using\b|under\b|to\b|of\b|which\b)[\w\-.+/]+){0,4})")
_ABOUT_OTHERS = re.compile(r"(?:In comparison|By contrast|In contrast|Previously|Prior work|Existing)\b", re.I)
_FIRST_PERSON = re.compile(r"\b(?:we|our|ours)\b", re.IGNORECASE)
_METRIC_RE = re.compile(r"(?<![\w-])(?:" + "|".join(
    f"(?i:{re.escape(m)})" if m.islower() else re.escape(m) for m in sorted(METRICS, key=len, reverse=True))
    + r")(?![\w-])")
_METRIC_BY = re.compile(r"(?P<m>[\w-]+(?:\s[\w-]+)?)\sby\s(?:up\sto\s|over\s|about\s|around\s|nearly\s|"
                        r"an?\s(?:average|absolute)\s(?:of\s)?)?[~+]?$")
# `on commonsense reasoning tasks`: the evaluation named by what it is, when no dataset name is given
_ON_TASKS = re.compile(r"\bon\s(?:the\s|six\s|five\s|four\s|three\s|two\s|several\s|\d+\s)?(?P<d>(?:[\w-]+\s){0,3}"
                       r"(?:tasks|benchmarks?|datasets?|test\sset))\b")
# `(around 12.3%) computing resources`, `12.3% of the memory`: a share of a resource names its own metric
_RESOURCE_AFTER = re.compile(r"^\)?\s(?:of\s(?:the\s)?)?(?P<m>(?:[a-z-]+\s)?(?:resources|parameters|memory|compute|"
                             r"computation|cost|time|latency|storage|energy|FLOPs|tokens))\b")
_UNIT_METRIC = (("faster", "speed"), ("speedup", "speed"), ("speed-up", "speed"), ("fewer parameters",
                "parameters"), ("smaller", "size"), ("cheaper", "cost"), ("throughput", "throughput"))


# `vs performance`, `than that`: a word, not a compared system
_GENERIC_BASELINE = re.compile(r"(?:performance|accuracy|results?|that|those|this|it|them|time|cost|compute|memory|"
                               r"speed|quality|efficiency|\w+ly)\b", re.IGNORECASE)


@dataclass(frozen=True)
class GainHit:
    """One claim: its value, where its number(s) sit, and the sentence that makes it."""

    value: str
    spans: tuple[tuple[int, int], ...]
    sentence: Sentence
    metric: str | None
    baseline: str | None
    dataset: str | None


def find_gains(sentences: list[Sentence]) -> list[GainHit]:
    """Every qualifying claim, in order of appearance, at most one per number."""
    found: list[GainHit] = []
    for sentence in sentences:
        found.extend(_sentence_gains(sentence))
    return found


def _sentence_gains(sentence: Sentence) -> list[GainHit]:
    text = sentence.text
    if _ABOUT_OTHERS.match(text) and not _FIRST_PERSON.search(text):
        return []  # `In comparison, DT achieved 93.73%`: a baseline's number, not the paper's claim
    spans: list[tuple[str, tuple[tuple[int, int], ...]]] = []
    covered: list[tuple[int, int]] = []
    for m in _FROM_TO.finditer(text):
        if _is_change(m.group("a"), m.group("b")) and _claim_sentence(text):
            spans.append((f"{m.group('a').strip()} -> {m.group('b').strip()}", (m.span("a"), m.span("b"))))
            covered.append(m.span())
    last_end: int | None = None
    for m in (*_CANDIDATE.finditer(text), *_POINTS.finditer(text)):
        start, end = m.span("v") if "v" in m.groupdict() else (m.end("pre") if m.group("pre") else m.start(), m.end())
        if any(s <= start < e for s, e in covered):
            continue
        continues = last_end is not None and bool(_CONTINUES.match(text[last_end:start]))
        if continues or _accept(text, start, end):
            spans.append((text[start:end], ((start, end),)))
            covered.append((start, end))
            last_end = end
    spans.sort(key=lambda item: item[1][0][0])
    return [_describe(sentence, value, local) for value, local in spans]


def _is_change(a: str, b: str) -> bool:
    """`from 9.64 to 7.23` is a change; `from 2019 to 2023` or `from 1 to 10` usually is not."""
    numbers = [float(re.sub(r"[^\d.]", "", x) or 0) for x in (a, b)]
    years = all(n.is_integer() and 1900 <= n <= 2100 for n in numbers)
    return numbers[0] != numbers[1] and not years and ("." in a + b or "%" in a + b)


def _claim_sentence(text: str) -> bool:
    return bool(re.search(r"improv|reduc|increas|boost|lower|rais|decreas|cut|enhanc|drop|from .* to",
                          text, re.IGNORECASE))


def _accept(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 60):start], text[end:end + 45]
    if _DIMENSION.match(text[end:end + 3]) and text[end - 1:end] in "×xX":
        return False  # `9 × 9 board`
    if _OTHERS_NUMBER.search(before):
        return False
    frugal = re.search(r"\b(?:(?:only|just|merely)\s(?:\w+s\s)?|less than\s|fewer than\s|down to\s)"
                       r"(?:about\s|around\s)?$", before)
    if frugal and re.search(r"\bwith\s(?:\w+\s)?(?:less|fewer)\sthan\s(?:about\s|around\s)?$", before):
        return False  # `with less than 90% activated parameters`: the budget the result is reached under
    if frugal and not re.search(r"\b(?:at|top)\s", before[-30:]):
        return True  # `uses only 0.1% of the parameters` is the claimed advantage
    if _SETTING_AFTER.match(after) and not re.search(r"\b(?:by|reduc\w*|sav\w*|cut\w*)\s(?:\w+\s)?$", before):
        return False
    if _SETTING_BEFORE.search(before) or _after_a_name_in_parens(before):
        return False
    if re.search(r"\bwhereas\s(?!(?:our|we|it)\b)[^,;]*$", before):
        return False  # a baseline's number in a contrast clause
    return bool(_CLAIM_BEFORE.search(before) or _CLAIM_AFTER.match(after))


def _after_a_name_in_parens(before: str) -> bool:
    """`outperforming LoRA (5.50%)` quotes a baseline; `much fewer (around 12.3%)` is still the claim."""
    if before.count("(") <= before.count(")"):
        return False
    outside = before[:before.rfind("(")].rstrip()
    return not re.search(r"\b(?:fewer|less|lower|higher|more|faster|smaller|better|improv\w*|gains?|"
                         r"reduc\w*|increas\w*|speedup|by)$", outside, re.IGNORECASE)


def _describe(sentence: Sentence, value: str, local: tuple[tuple[int, int], ...]) -> GainHit:
    """Metric, baseline and dataset come only from the gain's own clause (else null: precision over recall)."""
    start, end = local[0][0], local[-1][1]
    lo, hi = _clause(sentence.text, start, end)
    text = sentence.text[lo:hi]
    spans = tuple((sentence.start + s, sentence.start + e) for s, e in local)
    start, end = start - lo, end - lo
    return GainHit(value=value, spans=spans, sentence=sentence, metric=_metric(text, start, end),
                   baseline=_baseline(text, start, end), dataset=_dataset(text, start, end))


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause holding text[start:end]: from the last break before it to the first after it."""
    lo = max((m.end() for m in _CLAUSE_BREAK.finditer(text, 0, start)), default=0)
    after = _CLAUSE_BREAK.search(text, end)
    return lo, after.start() if after else len(text)


def _nearest(matches: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    if not matches:
        return None
    return min(matches, key=lambda m: min(abs(m[0] - end), abs(start - m[1])) + (0 if m[0] >= end else 5))[2]


def _metric(text: str, start: int, end: int) -> str | None:
    window_start = max(0, start - 80)
    window = text[window_start:end + 60]
    after = text[end:end + 30].lower()
    for cue, metric in _UNIT_METRIC:
        if after.lstrip().startswith(cue):
            return metric
    if resource := _RESOURCE_AFTER.match(text[end:end + 50]):
        return resource.group("m")
    if share := _SHARE_OF.match(text[end:end + 50]):
        return share.group("m")
    improved = _METRIC_BY.search(text, max(0, start - 60), start)
    for candidate in (improved.group("m"), improved.group("m").split()[-1]) if improved else ():
        if _METRIC_RE.fullmatch(candidate):
            return candidate  # `improves accuracy by 4.2%`: the metric is what the verb changes
    found = [(window_start + m.start(), window_start + m.end(), m.group(0)) for m in _METRIC_RE.finditer(window)
             if m.group(0).lower() != "performance"]  # `performance` names no measure: null beats a vague label
    return _nearest(found, start, end)


def _baseline(text: str, start: int, end: int) -> str | None:
    found = [(m.start(), m.end(), m.group("b").rstrip(".,;:)-")) for m in _BASELINE.finditer(text)
             if re.match(r"(?!an?\s)[A-Za-z]", m.group("b")) and not re.search(r"\d%", m.group("b"))
             and not _GENERIC_BASELINE.match(m.group("b"))
             and not re.match(r"(?:on|in|at|for|with|of|to|by|from)\b", m.group("b"))]
    # within the clause, and near: up to 90 characters before the number or 150 after it
    found = [f for f in found if (f[0] >= end and f[0] - end < 150) or (f[1] <= start and start - f[1] < 90)]
    return _nearest(found, start, end)


def _dataset(text: str, start: int, end: int) -> str | None:
    """A named dataset in the clause, else `on <a few words> tasks/benchmarks/datasets` after the number."""
    found = [(h.start, h.end, h.value) for h in find_datasets_cached(text)]
    if not found and (on := _ON_TASKS.search(text, end)):
        return on.group("d")
    return _nearest(found, start, end)
