"""Metric, baseline and dataset of a claimed gain, read from the gain's own clause only.

The guidelines (and users) want precision over recall: a label the clause does
not state is an error, so every reader here looks only inside the clause that
holds the number and returns None when nothing there names the slot. An
achieved score (`reaches 59.4% accuracy`) has no baseline; lists paired with
`respectively` are matched item by item. Clause bounds live in `gain_clause`,
the baseline reader in `gain_baseline`, the dataset reader in `gain_dataset`.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from summarizer.extract.rules.gain_asides import restated_anchor
from summarizer.extract.rules.gain_baseline import baseline as _baseline
from summarizer.extract.rules.gain_baseline import framed_baseline, main_verb_baseline, owner_of_measure
from summarizer.extract.rules.gain_clause import clause_bounds, while_part
from summarizer.extract.rules.gain_dataset import dataset as _dataset
from summarizer.extract.rules.gain_dataset import elaborated_dataset, framed_dataset
from summarizer.extract.rules.gain_margin import (
    inherited_labels,
    margin_owns_comparison,
    participle_comparison,
    same_measure,
    which_comparison,
)
from summarizer.extract.rules.gain_metric import read_metric

__all__ = ["Labels", "clause_bounds", "clean_metric", "describe", "framed_dataset", "is_achieved_score", "while_part"]


# a claim of parity (`comparable to X`, `on par with X`): its comparison is of the level kept, not of a change
_PARITY = re.compile(r"\b(?:comparable|similar|equivalent|on\spar|competitive)\s(?:to|with)\b|\bmatch(?:es|ing)?\b")
_RESULT_PARTICIPLE = re.compile(r"(?:achieving|reaching|attaining|obtaining|yielding)\b")


class Labels(NamedTuple):
    """What a claim measures, what it is compared with, and where it was measured (None = not stated)."""

    metric: str | None
    baseline: str | None
    dataset: str | None


def describe(text: str, start: int, end: int, metric: str | None = None, score: bool = False,
             pair: bool = False) -> Labels:
    """Metric, baseline and dataset of the claim at text[start:end], from its own clause only.

    `metric` is the name a score rule already read (`an MAE of 11.87`). A before -> after `pair` takes
    no baseline (its `before` is the comparison). A change stated in a result participle
    (`outperforms X, achieving a 16.1% improvement`) is measured against the main clause's X; an
    achieved level there (`score`, or `achieving 100% accuracy`) is not.
    """
    lo, hi = clause_bounds(text, start, end)
    at = (start, end)
    clause, start, end = text[lo:hi], start - lo, end - lo
    side_lo, side_hi = while_part(clause, start, end)
    side, side_start, side_end = clause[side_lo:side_hi], start - side_lo, end - side_lo
    absolute = score or is_achieved_score(clause, start, end)
    # an achieved level is compared only inside its own part (`achieves 84.3% top-1 accuracy on ImageNet, while
    # being 8.4x smaller ... than X`: X is compared with the size, not with the score)
    # a value in a `while` part after a parity claim takes only its own part's comparison (`maintains quality
    # comparable to X, while reducing latency by a factor of 5.8`: X is compared with the quality, §11 a)
    own_part = absolute or (side_lo > 0 and _PARITY.search(clause, 0, side_lo) is not None)
    baseline = None if pair else _baseline(side, side_start, side_end) if own_part else _baseline(clause, start, end)
    metric = clean_metric(metric or read_metric(clause, start, end))
    if metric is None and (anchor := restated_anchor(clause, start, end)):
        metric = clean_metric(read_metric(clause, *anchor))  # `by 7.5 minutes (>30%)`: 30% measures the same
    if baseline and not pair and margin_owns_comparison(clause, start, end, baseline):
        baseline = None  # `67.5% on MMLU, greater than a 7% improvement over Gopher`: Gopher is the 7%'s (§11 d)
    if absolute and baseline is None and not pair:
        # `0.372 ..., which are higher than X`; `improvements over X, achieving a 75% success rate` (§11 d)
        baseline = which_comparison(text, hi, metric) or (
            participle_comparison(text, lo, metric) if _RESULT_PARTICIPLE.match(clause) else None)
    if baseline is None and not (pair or absolute) and _RESULT_PARTICIPLE.match(clause):
        # `outperforms prior methods, achieving a +16.1% improvement`: the change is measured against the
        # system the main clause outperforms (an achieved level would not be: see `absolute`)
        baseline = _baseline(text[:lo], lo, lo)
    if baseline is None and not pair:
        baseline = framed_baseline(text, lo)  # `Compared to X, ... by 3 times`
    if baseline is None and not (pair or absolute):
        baseline = owner_of_measure(side, side_start)  # `improve the output of X by 0.4 BLEU`
    if baseline is None and not (pair or absolute):
        baseline = main_verb_baseline(side, side_start)  # `X outperforms Y ..., showing 1.9x ... gains`
    dataset = _dataset(side, side_start, side_end) or framed_dataset(text, lo) or (
        elaborated_dataset(text, lo) if side_lo == 0 else None)
    if metric is None or dataset is None:  # `..., outperforming X by 9.6%`: the claim's metric and dataset (§11 a)
        claimed_metric, claimed_dataset = inherited_labels(text, lo, *at)
        if dataset is None and (metric is None or claimed_metric is None or same_measure(metric, claimed_metric)):
            dataset = claimed_dataset
        metric = metric or claimed_metric
    return Labels(metric, baseline, dataset)


# `state-of-the-art BLEU score of 41.8` read as `the-art BLEU`: a qualifier of the claim, not part of the measure
_METRIC_QUALIFIER = re.compile(r"^(?:(?:state-of-the-art|the-art|of-the-art|new|best|record)\s)+", re.IGNORECASE)


def clean_metric(metric: str | None) -> str | None:
    """The metric without a leading claim qualifier (`state-of-the-art`, `new`); None stays None."""
    if metric is None:
        return None
    # (`1.26x average throughput gains (up to 1.55x)` read as `26x average throughput gains` for 1.55x: a number's
    # fragment is no part of the measure)
    metric = _NUMBER_FRAGMENT.sub("", metric)
    return _METRIC_QUALIFIER.sub("", metric) or None


_NUMBER_FRAGMENT = re.compile(r"^(?:\d[\d.,]*\s?(?:%|×|x)?\s)+")


# `achieves 59.4% top-1 accuracy`, `reaching 100% verification accuracy`: the level reached, not a change
_ACHIEVED_BEFORE = re.compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|scor\w*|records?|recorded)\s"
                              r"(?:an?\s|the\s)?(?:new\s)?(?:state-of-the-art\s)?(?:(?:average|mean|overall|accuracy|F1|score)\s)?(?:of\s)?"
                              r"(?:about\s|around\s|approximately\s|nearly\s|over\s|up to\s|~)?$", re.IGNORECASE)
_CHANGE_AFTER = re.compile(r"\s?(?:\w+\s)?(?:improvement|gain|increase|reduction|decrease|higher|lower|more|fewer|less|"
                           r"better|faster|slower|smaller|larger|speed-?up|boost|lift|relative|absolute|points?|"
                           r"reduction|drop|cheaper|savings?|compression)\b", re.IGNORECASE)


def is_achieved_score(clause: str, start: int, end: int) -> bool:
    """`achieves 59.4% top-1 accuracy` (a level reached) rather than `achieves a 12% gain` (a change).

    The second item of `achieving a 75% success rate on new tasks and an 83% ...` is reached too.
    """
    before = clause[max(0, start - 120):start]
    reached = _ACHIEVED_BEFORE.search(before[-40:]) or _ACHIEVED_LIST.search(before)
    return bool(reached) and not _CHANGE_AFTER.match(clause, end)


_ACHIEVED_LIST = re.compile(r"\b(?:achiev|attain|reach|obtain)\w*\s(?:an?\s)?~?\d[^;,]{0,80}\sand\s(?:an?\s|the\s)?$",
                            re.IGNORECASE)
