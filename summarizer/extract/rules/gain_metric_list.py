"""Two places a claim names its measure that the verb-object reader (`gain_metric.object_of_change`) does not reach.

* A list of `NAME by N` items after one verb of change: `improving F1 by 7.3%, ROC-AUC by 6.2%, and CMAP by 6.6%`.
  Each later item drops the verb but names its own measure right before its `by`.
* A measure after the amount, introduced by `in`: `outperforms X by 1.43x in speed and 0.5 mAP in accuracy`.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_measures import MEASURE_NOUN, METRIC_RE, NOT_A_MEASURE, names_measure
from summarizer.extract.rules.resources import find_datasets_cached, find_models_cached

# `..., ROC-AUC by 6.2%`, `... and CMAP by `: a list item that names its measure right before `by`
_ITEM_BY = re.compile(r"(?:,\s(?:and\s)?|\sand\s)(?P<m>[A-Za-z][\w@^/-]*(?:\s[A-Za-z][\w@^/-]*)?)\sby\s"
                      r"(?:up\sto\s|over\s|more\sthan\s|about\s|around\s|nearly\s)?[~+]?$")
# the list's first item: a verb of change, its object and `by N` (`improving F1 by 7.3%`)
_HEAD_BY = re.compile(r"\b(?:reduc|improv|increas|decreas|lower|boost|cut|rais|enhanc)(?:e|es|ed|ing|s)?\s(?:the\s)?"
                      r"(?!(?:on|in|for|over|across|upon)\b)[A-Za-z][\w@^/-]*(?:\s[A-Za-z][\w@^/-]*){0,2}\sby\s"
                      r"[~+]?\d[\d.,]*\s?(?:%|×|x|points?)?")
# (`improvements on MNLI by +0.9%, ... and RACE by +3.6%` is a list of datasets: a noun, not a verb, heads it)


def listed_object(text: str, start: int, end: int) -> str | None:
    """`improving F1 by 7.3%, ROC-AUC by 6.2%` -> `ROC-AUC` for 6.2%: the measure a list item names before `by`.

    Only after a first item `VERB M by N` in the same clause, and only a measure's name (a known metric, an
    acronym, a measure noun), never a dataset or model (`on SQuAD v2.0 by +2.3% and RACE by +3.6%` are datasets).
    """
    item = _ITEM_BY.search(text, max(0, start - 60), start)
    if item is None:
        return None
    head = _HEAD_BY.search(text, 0, item.start() + 1)
    if head is None or head.end() > item.start() + 1 or ";" in text[head.end():item.start()]:
        return None
    name = item.group("m")
    if NOT_A_MEASURE.search(name) or find_datasets_cached(name) or find_models_cached(name):
        return None
    return name if _names_a_measure(name) else None


# `by 1.43x in speed`, `3% in accuracy`: the amount, then `in` and the measure
_IN_MEASURE = re.compile(r"\s(?:points?\s)?in\s(?:the\s)?(?P<m>[A-Za-z][\w@^/-]*(?:\s[A-Za-z][\w@^/-]*)?)"
                         r"(?=[\s,.;)]|$)")


def in_measure_after(text: str, start: int, end: int) -> str | None:
    """`outperforms X by 1.43x in speed and 0.5 mAP in accuracy` -> `speed` for 1.43x: `in` + a measure right after
    the amount (`in the latter case`, `in 2019`, `in CLUE I` name no measure)."""
    found = _IN_MEASURE.match(text, end)
    if found is None:
        return None
    name = found.group("m")
    words = name.split()
    if len(words) == 2 and not (MEASURE_NOUN.fullmatch(words[1]) or METRIC_RE.fullmatch(words[1])):
        name = words[0]  # `in speed and` -> `speed`
    return name if names_measure(name) and not NOT_A_MEASURE.search(name) and not find_datasets_cached(name) else None


def _names_a_measure(name: str) -> bool:
    """A known metric (`F1`, `mAP`), an acronym (`ROC-AUC`, `CMAP`) or a phrase headed by a measure noun."""
    return names_measure(name) or re.fullmatch(r"[A-Z][A-Z0-9@^/-]{1,9}", name) is not None
