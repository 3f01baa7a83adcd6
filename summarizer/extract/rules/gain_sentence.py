"""Labels of gains that a sentence gives to several values at once: lists paired item by item.

`by 19% and 51% over Llama 2 and RoBERTa, respectively`, `reduces the MSE and MAE by 9.17% and 2.3%`, and the same
pairing when `respectively` is left out of a comparison (`25% and 56% less delay compared to FastEmit and constrained
alignment`): item i of the value list gets name i, and only lists of exactly as many names as values count.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_context import clause_bounds
from summarizer.extract.rules.gain_dataset import is_a_model
from summarizer.extract.rules.gain_metric import METRIC_RE

# ---------------------------------------------------------------- lists paired by `respectively`

_NAME = r"(?:the\s)?[\w.+/-]*[A-Z0-9][\w.+/-]*(?:\s[\w.+/-]*[A-Z0-9][\w.+/-]*){0,3}"
_LIST = re.compile(rf"\b(?P<prep>on|in|across|over|than|against|versus|vs\.?|compared\s(?:to|with)|relative\sto|"
                   rf"such\sas|outperform(?:s|ing|ed)?)\s"
                   rf"(?P<list>{_NAME}(?:\s*,\s(?:and\s)?{_NAME})*\s*,?\s(?:and|&)\s{_NAME})")
_GLUE = re.compile(r"\s*(?:,\s*(?:and\s)?|and\s)(?:by\s)?")
_PARENS = re.compile(r"\([^()]*\)")


def respective_labels(text: str, spans: list[tuple[int, int]]) -> dict[int, tuple[str, str]]:
    """`by 19% and 51% over Llama 2 and RoBERTa, respectively`: item i of the value list gets name i.

    Returns {index of a span: (slot, name)}; `on/in/across` lists are datasets, comparison lists baselines.
    Only lists of exactly as many names as values count, and only in sentences that say `respectively`.
    """
    if len(spans) < 2:
        return {}
    flat = _PARENS.sub(lambda m: " " * len(m.group(0)), text)  # `CIFAR100-LT (IF100), ImageNet-LT`: asides out
    out: dict[int, tuple[str, str]] = {}
    for group in _value_lists(flat, spans):
        out.update(_metric_list(flat, spans, group))
    if "respectively" not in text:
        for group in _value_lists(flat, spans):
            out.update(_compared_list(flat, spans, group))
            out.update(dataset_list(flat, spans, group))
        return out
    for group in _value_lists(flat, spans):
        lo, hi = clause_bounds(flat, spans[group[0]][0], spans[group[-1]][1])
        for m in _LIST.finditer(flat, lo, hi):
            names = [n.strip() for n in re.split(r"\s*,\s(?:and\s)?|\s(?:and|&)\s", m.group("list")) if n.strip()]
            if len(names) == len(group):
                slot = "dataset" if m.group("prep") in ("on", "in", "across") else "baseline"
                out.update({i: (slot, re.sub(r"^the\s", "", name)) for i, name in zip(group, names, strict=True)})
        for m in _SHARED_LIST.finditer(flat, lo, hi):  # `on the Cityscapes test and validation datasets`
            names = [f"{m.group('name')} {part}" for part in _names(m.group("list"))]
            if len(names) == len(group):
                out.update({i: ("dataset", name) for i, name in zip(group, names, strict=True)})
    return out


# `on the Cityscapes test and validation datasets, respectively`: one name shared by the listed splits, each value
# measured on its split of it
_SHARED_LIST = re.compile(r"\b(?:on|in|across)\s(?:the\s)?(?P<name>[A-Z][\w.-]*(?:\s[A-Z0-9][\w.-]*){0,2})\s"
                          r"(?P<list>[a-z][\w-]*(?:,\s[a-z][\w-]*)*,?\s(?:and|&)\s[a-z][\w-]*)\s"
                          r"(?:datasets|data\ssets|sets|splits|subsets|partitions)\b")


def _value_lists(text: str, spans: list[tuple[int, int]]) -> list[list[int]]:
    """Runs of >= 2 values joined only by list glue (`19% and 51%`, `56.3%, 60.3%, and 41.9%`)."""
    groups: list[list[int]] = [[0]]
    for i in range(1, len(spans)):
        if _GLUE.fullmatch(text[spans[i - 1][1]:spans[i][0]]):
            groups[-1].append(i)
        else:
            groups.append([i])
    return [g for g in groups if len(g) >= 2]


_ITEM = r"[\w@-]+(?:\s[\w@-]+)?"
_METRIC_LIST = re.compile(rf"(?P<list>{_ITEM}(?:,\s{_ITEM})*,?\s(?:and|&)\s{_ITEM})\s(?:by|of)\s"
                          r"(?:up\sto\s|about\s|over\s)?$")


def _metric_list(text: str, spans: list[tuple[int, int]], group: list[int]) -> dict[int, tuple[str, str]]:
    """`reduces the MSE and MAE by 9.17% and 2.3%`: as many metrics before `by` as values after it pair in order."""
    m = _METRIC_LIST.search(text, max(0, spans[group[0]][0] - 80), spans[group[0]][0])
    if not m:
        return {}
    names = [re.sub(r"^(?:the|its|their)\s", "", n.strip()) for n in re.split(r",\s(?:and\s)?|\s(?:and|&)\s",
                                                                           m.group("list")) if n.strip()]
    if len(names) != len(group) or not all(METRIC_RE.fullmatch(n) for n in names):
        return {}
    return {i: ("metric", name) for i, name in zip(group, names, strict=True)}


# `25% and 56% less delay compared to FastEmit and constrained alignment at the similar word error rate`: a comparison
# cue right after the value list, naming as many systems as there are values (the usual reading of such a pair,
# `respectively` or not); names may be lower case, so the list ends at a preposition or punctuation
_WORDS = r"(?:the\s)?[\w.+/-]+(?:\s(?!and\b|or\b)[\w.+/-]+){0,3}?"
_COMPARED = re.compile(rf"\s(?:compared\s(?:to|with)|relative\sto|than|over|versus|vs\.?|against)\s"
                       rf"(?P<list>{_WORDS}(?:,\s{_WORDS})*,?\s(?:and|&)\s{_WORDS})"
                       r"(?=\s(?:at|on|in|with|while|when|for|under|across|by|using)\b|[,.;:)]|$)")


def _compared_list(text: str, spans: list[tuple[int, int]], group: list[int]) -> dict[int, tuple[str, str]]:
    """Item i of `N% and M% <measure> compared to A and B` is compared with name i (no other number in between)."""
    end = spans[group[-1]][1]
    found = _COMPARED.search(text, end, end + 80)
    if not found or re.search(r"\d", text[end:found.start()]):
        return {}
    names = [re.sub(r"^the\s", "", n.strip()) for n in re.split(r",\s(?:and\s)?|\s(?:and|&)\s", found.group("list"))]
    if len(names) != len(group) or not all(names):
        return {}
    return {i: ("baseline", name) for i, name in zip(group, names, strict=True)}


# `on PASCAL VOC 2012 and Cityscapes datasets, achieving the test set performance of 89.0% and 82.1%`: a list of as
# many named evaluation sets as values, in the values' clause or the clause its result participle hangs off, pairs in
# order (the usual reading, `respectively` or not); only names count (`on unseen objects and tasks` is no list)
_RESULT_PARTICIPLE = re.compile(r"(?:achieving|reaching|attaining|obtaining|yielding|with)\b")


def dataset_list(text: str, spans: list[tuple[int, int]], group: list[int]) -> dict[int, tuple[str, str]]:
    """Item i of `on A and B ..., achieving N% and M%` (or `N% and M% on A and B`) was measured on name i."""
    lo, hi = clause_bounds(text, spans[group[0]][0], spans[group[-1]][1])
    if _RESULT_PARTICIPLE.match(text, lo) and lo > 2:
        lo = clause_bounds(text, lo - 3, lo - 3)[0]  # the clause the participle elaborates
    lists = [m for m in (*_LIST.finditer(text, lo, hi), *_SPLIT_LIST.finditer(text, lo, hi))
             if m.group("prep") in ("on", "in", "across")]
    named = [m for m in lists if len(_names(m.group("list"))) == len(group)]
    if len(named) != 1:
        return {}
    names = _names(named[0].group("list"))
    if any(is_a_model(name) for name in names):
        return {}
    return {i: ("dataset", name) for i, name in zip(group, names, strict=True)}


# `on the more challenging dev-other and test-other evaluation subsets`: the standard splits are names though lower case
_SPLIT = r"(?:dev|test|eval)[-\s](?:clean|other)"
_SPLIT_LIST = re.compile(rf"\b(?P<prep>on|in|across)\s(?:the\s)?(?:[a-z]+\s){{0,2}}?"
                         rf"(?P<list>{_SPLIT}(?:,\s{_SPLIT})*,?\s(?:and|&)\s{_SPLIT})\b")


def _names(listed: str) -> list[str]:
    return [re.sub(r"^the\s", "", n.strip()) for n in re.split(r"\s*,\s(?:and\s)?|\s(?:and|&)\s", listed) if n.strip()]
