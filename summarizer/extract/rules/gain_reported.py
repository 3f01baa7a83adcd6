"""Scores in the wording of clinical and evaluation reports rather than of ML claims.

Structured abstracts report a result with its interval between the number and
the measure (`showed 95.8% (95% CI 92.9–98.7) sensitivity`), name agreement
by its symbol (`a kappa agreement of k = 0.78`), and set a result against the
compared party's (`scored highest with 68.3 vs 48.2 for the next closest
group`, `fewer errors (5.30% vs. 11.22% corrected error rate)`), and give one score
per named set in brackets (`F1 scores for PPI (0.995) and Reddit (0.970)`). Each rule
needs a score metric or a favourable comparison in the number's own clause;
the interval's bounds, p-values and the compared party's number stay out.
"""

from __future__ import annotations

import re

from summarizer.extract.rules.gain_scores import NUM, Score, clause_before, metric_after, named_metrics, others_number

_INTERVAL = r"\((?:95|90|99)\s?%\s?(?:CI|confidence interval)[^()]{0,40}\)"
# `95.8% (95% CI 92.9–98.7) sensitivity`: the interval sits between the value and its measure
_VALUE_INTERVAL = re.compile(rf"(?<![\w.])(?P<v>{NUM}%?)\s{_INTERVAL}\s")
_REPORTED = re.compile(r"\b(?:show(?:ed|s)?|achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|had|has|have|"
                       r"demonstrat\w*|was|were|is|are)\b", re.IGNORECASE)


def value_interval_metric(text: str) -> list[Score]:
    """`The AI software showed 95.8% (95% CI 92.9–98.7) sensitivity and 80.2% (...) specificity`."""
    out = []
    for m in _VALUE_INTERVAL.finditer(text):
        metric = metric_after(text, m.end(), 0)
        before = clause_before(text, m.start())
        if metric and _REPORTED.search(before) and not others_number(text, m.start()):
            out.append(Score(m.start("v"), m.end("v"), metric))
    return out


# `a kappa agreement of k = 0.78 (p< 0.001) and k = 0.75`, `a Pearson correlation of r = 0.82`
_SYMBOL_VALUE = re.compile(rf"\s(?:[\w-]+\s){{0,2}}?(?:of\s)?(?P<sym>[A-Za-zκρτ]{{1,3}})\s?=\s?(?P<v>{NUM})(?![\w.%])")
_NEXT_SYMBOL = re.compile(rf"(?:\s\([^()]{{0,30}}\))?(?:,\s(?:and\s)?|\sand\s)(?P<sym>[A-Za-zκρτ]{{1,3}})\s?=\s?"
                          rf"(?P<v>{NUM})(?![\w.%])")


def symbol_values(text: str) -> list[Score]:
    """A score metric named, then its value given through a symbol; later `sym = value` items share the metric.
    A p-value is never a result (`p` as the symbol is skipped)."""
    out = []
    for metric in named_metrics(text):
        m = _SYMBOL_VALUE.match(text, metric.end())
        if not m or m.group("sym").lower() == "p" or others_number(text, metric.start()):
            continue
        out.append(Score(m.start("v"), m.end("v"), metric.group(0)))
        while (nxt := _NEXT_SYMBOL.match(text, out[-1].end)) and nxt.group("sym") == m.group("sym"):
            out.append(Score(nxt.start("v"), nxt.end("v"), metric.group(0)))
    return out


# `scored highest with 68.3 vs 48.2 for the next closest group`: the first of a `vs` pair is the subject's
_UNIT = r"(?:%|\s?(?:seconds?|s|ms|minutes?|hours?|[KMGT]B|x|×))"
_VERSUS = re.compile(rf"(?<![\w.])(?P<v>{NUM}{_UNIT}?)\s(?:vs\.?|versus)\s{NUM}{_UNIT}?(?![\w.])")
_RESTATES = re.compile(rf"{NUM}\s?(?:%|×|x|times|-fold)\s[\w-]+\s\($")
_PRIOR_SUBJECT = re.compile(r"^\W*(?:the\s)?(?:prior|previous|existing|baseline|competing|their|other)\b", re.I)
_FAVOURABLE = re.compile(r"\b(?:highest|best|top|fewer|lower|higher|better|faster|smaller|cheaper|quicker|"
                         r"outperform\w*|surpass\w*|beat\w*|"
                         r"exceed\w*|improv\w*|reduc\w*|less)\b", re.IGNORECASE)


def first_of_versus(text: str) -> list[Score]:
    """`speech made fewer errors during entry (5.30% vs. 11.22% corrected error rate)`: the subject's figure in a
    `vs` pair counts when its clause says it compares favourably; `more errors (1.30% vs. 0.79%)` says not, nor
    does a clause whose subject is prior work. Units ride along: `faster than VR-GCN (1523 seconds vs 1961 seconds)`."""
    out = []
    for m in _VERSUS.finditer(text):
        before = clause_before(text, m.start())  # the clause names the compared party; the subject's side is first
        if _RESTATES.search(text, max(0, m.start() - 40), m.start()):
            continue  # `2.93 times faster (153 vs. 52 WPM)`: the pair restates the multiple just claimed
        if _FAVOURABLE.search(before) and not _PRIOR_SUBJECT.match(before):
            out.append(Score(m.start("v"), m.end("v"), metric_after(text, m.end(), 30)))
    return out


# `achieves new state-of-the-art F1 scores for PPI (0.995) and Reddit (0.970)`
_NAME = r"(?:the\s)?[A-Z][\w-]*(?:\s[A-Z0-9][\w-]*){0,3}"
_FOR_NAMED = re.compile(rf"\s(?:scores?\s)?(?:for|on)\s{_NAME}\s\((?P<v>{NUM}%?)\)")
_NEXT_NAMED = re.compile(rf"(?:,\s(?:and\s)?|\sand\s){_NAME}\s\((?P<v>{NUM}%?)\)")


def values_for_named_sets(text: str) -> list[Score]:
    """A metric, then each named set with its value in brackets, under a verb of achieving."""
    out = []
    for metric in named_metrics(text):
        m = _FOR_NAMED.match(text, metric.end())
        if not m or not _ACHIEVED.search(clause_before(text, metric.start())) or others_number(text, metric.start()):
            continue
        out.append(Score(m.start("v"), m.end("v"), metric.group(0)))
        end = m.end()
        while nxt := _NEXT_NAMED.match(text, end):
            out.append(Score(nxt.start("v"), nxt.end("v"), metric.group(0)))
            end = nxt.end()
    return out


# `improves the state-of-the-art word-level perplexities on the Penn Treebank and WikiText-2 datasets to 51.1 and
# 44.3 respectively`: a change verb, the metric, where it was measured, then the level(s) it was brought to
_CHANGED = re.compile(r"\b(?:improv\w*|reduc\w*|lower\w*|rais\w*|push\w*|bring\w*|brought|boost\w*|decreas\w*|"
                      r"cut\w*|increas\w*)\b(?:\s[\w-]+){0,4}\s$", re.IGNORECASE)
_LEVEL_AFTER = re.compile(rf"(?P<where>[^,;()]{{0,70}}?)\sto\s(?P<v>{NUM}%?)(?:\sand\s(?P<w>{NUM}%?))?"
                          rf"(?![\w%]|\.\d)")


_TO_NUMBER = re.compile(r"\sto\s\d")


def levels_after_sets(text: str) -> list[Score]:
    """A metric a change verb governs, brought `to` one level or two (`... respectively`) after naming where."""
    out = []
    for metric in named_metrics(text):
        m = _LEVEL_AFTER.match(text, metric.end())
        before = clause_before(text, metric.start())
        if not m or not m.group("where").strip() or re.search(r"\bfrom\b", m.group("where")) \
                or not _CHANGED.search(before) or others_number(text, metric.start()):
            continue
        out.append(Score(m.start("v"), m.end("v"), metric.group(0)))
        if m.group("w"):
            out.append(Score(m.start("w"), m.end("w"), metric.group(0)))
    return out


_ACHIEVED = re.compile(r"\b(?:achiev\w*|attain\w*|reach\w*|obtain\w*|yield\w*|set\w*|establish\w*)\b", re.I)


def find_reported(text: str) -> list[Score]:
    """Every reported score of the five forms above, in order."""
    found = []  # each form only where its marker is (speed budget: most sentences have none)
    if "CI" in text or "confidence interval" in text:
        found += value_interval_metric(text)
    if "=" in text:
        found += symbol_values(text)
    if " vs" in text or "versus" in text:
        found += first_of_versus(text)
    if _TO_NUMBER.search(text):
        found += levels_after_sets(text)
    if ("(" in text and ") and " in text) or "), " in text:
        found += values_for_named_sets(text)
    return sorted(found)
