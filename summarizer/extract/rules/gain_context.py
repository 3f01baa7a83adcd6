"""Metric, baseline and dataset of a claimed gain, read from the gain's own clause only.

The guidelines (and users) want precision over recall: a label the clause does
not state is an error, so every reader here looks only inside the clause that
holds the number and returns None when nothing there names the slot. An
achieved score (`reaches 59.4% accuracy`) has no baseline; lists paired with
`respectively` are matched item by item.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from summarizer.extract.rules.lexicon import METRICS
from summarizer.extract.rules.resources import find_datasets_cached

# what ends a clause: metric, baseline and dataset of a gain must be stated inside the gain's own clause
# (`, achieving 100% accuracy` and `, outperforming X by 9.6%` are claims of their own: a result participle after
# a comma starts a new clause; `, outperforming LoRA (5.50%)` has no number of its own and stays with the score)
_CLAUSE_BREAK = re.compile(r"[;:]\s|,\s(?:while|whereas|but|although|though|which|where|and\s(?:we|it|our))\b"
                           r"(?!\s\w+ing\b)|\s(?:while|whereas|but)\s(?!\w+ing\b)|\.\s|,\s(?=(?:achieving|reaching|"
                           r"attaining|obtaining|yielding)\b|(?:outperforming|surpassing|beating|exceeding)\b[^,;.]*?\bby\s)")
# `only 12.3% of the computing resources`: the share names its own metric
_SHARE_OF = re.compile(r"^\s?of\s(?:the\s)?(?:original\s|total\s|full\s)?(?P<m>[a-z][\w-]*(?:\s(?!of\b|for\b|in\b|on\b|"
                       r"by\b|to\b|required\b|used\b|needed\b)[a-z][\w-]*)?)")
_BASELINE = re.compile(
    r"\b(?:[Cc]ompared\s(?:to|with)|[Rr]elative\sto|than|versus|vs\.?|against|over|outperform(?:s|ing|ed)?|"
    r"surpass(?:es|ing|ed)?|beat(?:s|ing)?|exceed(?:s|ing|ed)?)\s(?:\([^()]{1,60}\)\s)?(?:the\s|an?\s(?!\d))?(?P<b>(?!by\b|up\b|\d)[\w\-.+/]+(?:\s(?!by\b|on\b|in\b|with\b|"
    r"while\b|and\b|across\b|for\b|at\b|when\b|using\b|under\b|to\b|of\b|which\b)[\w\-.+/]+){0,4})")
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


def _baseline(text: str, start: int, end: int, after_only: bool = False) -> str | None:
    """The compared system nearest the number; an achieved score takes one only after it (`, outperforming X`)."""
    found = [(m.start(), m.end(), m.group("b").rstrip(".,;:)-")) for m in _BASELINE.finditer(text)
             if re.match(r"(?!an?\s)[A-Za-z]", m.group("b")) and not re.search(r"\d%", m.group("b"))
             and not _GENERIC_BASELINE.match(m.group("b"))
             and not re.match(r"(?:on|in|at|for|with|of|to|by|from|one|two|three|four|five|ten|half|a few)\b",
                              m.group("b"))  # `less than one modification per sentence` is a quantity
             and not re.search(r"\b(?:rather|other|less|more|fewer|greater)\s$", text[max(0, m.start() - 8):m.start()])]
    # within the clause, and near: up to 90 characters before the number or 150 after it
    found = [f for f in found if (f[0] >= end and f[0] - end < 150) or (f[0] < start and f[1] > end)
             or (not after_only and f[1] <= start and start - f[1] < 90)]  # (or around it: `beats (by 2%) X`)
    return _nearest(found, start, end)


def _dataset(text: str, start: int, end: int) -> str | None:
    """A named dataset in the clause, else `on <a few words> tasks/benchmarks/datasets` after the number."""
    found = [(h.start, h.end, h.value) for h in find_datasets_cached(text)]
    if not found and (on := _ON_TASKS.search(text, end)):
        return on.group("d")
    return _nearest(found, start, end)


class Labels(NamedTuple):
    """What a claim measures, what it is compared with, and where it was measured (None = not stated)."""

    metric: str | None
    baseline: str | None
    dataset: str | None


def describe(text: str, start: int, end: int, metric: str | None = None, score: bool = False,
             pair: bool = False) -> Labels:
    """Metric, baseline and dataset of the claim at text[start:end], from its own clause only.

    `metric` is the name a score rule already read (`an MAE of 11.87`); an achieved
    score (`score`, or `achieves 59.4% accuracy`) takes a baseline only from a comparison after it
    (`, outperforming LoRA (5.50%)`), never from one before it in the clause; a before -> after `pair`
    takes none (its `before` is the comparison).
    """
    lo, hi = _clause(text, start, end)
    clause, start, end = text[lo:hi], start - lo, end - lo
    absolute = score or is_achieved_score(clause, start, end)
    baseline = None if pair else _baseline(clause, start, end, after_only=absolute)
    return Labels(metric or _metric(clause, start, end), baseline, _dataset(clause, start, end))


# `achieves 59.4% top-1 accuracy`, `reaching 100% verification accuracy`: the level reached, not a change
_ACHIEVED_BEFORE = re.compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|scor\w*|records?|recorded)\s"
                              r"(?:an?\s|the\s)?(?:(?:average|mean|overall|accuracy|F1|score)\s)?(?:of\s)?"
                              r"(?:about\s|around\s|approximately\s|nearly\s|over\s|up to\s|~)?$", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"\s?(?:\w+\s)?(?:improvement|gain|increase|reduction|decrease|higher|lower|more|fewer|less|"
                           r"better|faster|slower|smaller|larger|speed-?up|boost|lift|relative|absolute|points?|"
                           r"reduction|drop|cheaper|savings?|compression)\b", re.IGNORECASE)


def is_achieved_score(clause: str, start: int, end: int) -> bool:
    """`achieves 59.4% top-1 accuracy` (a level reached) rather than `achieves a 12% gain` (a change)."""
    return bool(_ACHIEVED_BEFORE.search(clause[max(0, start - 40):start])) and not _CHANGE_AFTER.match(clause, end)


# ---------------------------------------------------------------- lists paired by `respectively`

_NAME = r"(?:the\s)?[\w.+/-]*[A-Z0-9][\w.+/-]*(?:\s[\w.+/-]*[A-Z0-9][\w.+/-]*){0,3}"
_LIST = re.compile(rf"\b(?P<prep>on|in|across|over|than|against|versus|vs\.?|compared\s(?:to|with)|relative\sto)\s"
                   rf"(?P<list>{_NAME}(?:\s*,\s(?:and\s)?{_NAME})*\s*,?\s(?:and|&)\s{_NAME})")
_GLUE = re.compile(r"\s*(?:,\s*(?:and\s)?|and\s)(?:by\s)?")
_PARENS = re.compile(r"\([^()]*\)")


def respective_labels(text: str, spans: list[tuple[int, int]]) -> dict[int, tuple[str, str]]:
    """`by 19% and 51% over Llama 2 and RoBERTa, respectively`: item i of the value list gets name i.

    Returns {index of a span: (slot, name)}; `on/in/across` lists are datasets, comparison lists baselines.
    Only lists of exactly as many names as values count, and only in sentences that say `respectively`.
    """
    if "respectively" not in text or len(spans) < 2:
        return {}
    flat = _PARENS.sub(lambda m: " " * len(m.group(0)), text)  # `CIFAR100-LT (IF100), ImageNet-LT`: asides out
    out: dict[int, tuple[str, str]] = {}
    for group in _value_lists(flat, spans):
        lo, hi = _clause(flat, spans[group[0]][0], spans[group[-1]][1])
        for m in _LIST.finditer(flat, lo, hi):
            names = [n.strip() for n in re.split(r"\s*,\s(?:and\s)?|\s(?:and|&)\s", m.group("list")) if n.strip()]
            if len(names) == len(group):
                slot = "dataset" if m.group("prep") in ("on", "in", "across") else "baseline"
                out.update({i: (slot, re.sub(r"^the\s", "", name)) for i, name in zip(group, names, strict=True)})
    return out


def _value_lists(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of >= 2 values joined only by list glue (`19% and 51%`, `56.3%, 60.3%, and 41.9%`)."""
    groups: list[list[int]] = [[0]]
    for i in range(1, len(spans)):
        if _GLUE.fullmatch(text[spans[i - 1][1]:spans[i][0]]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return [g for g in groups if len(g) >= 2]
