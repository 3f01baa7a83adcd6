"""A value next to an accepted value: the next item of its list, its restatement in brackets, or not a claim at all.

* The next item of a list continues the claim (`2.1%/4.6%`, `9% and 23% faster`, `(4.96%) and Mistral-7B (`).
* A bracket right after an accepted value that holds only another value restates the same claim in other units:
  `an AUPRC of 0.6156 (+36.41%)`, `speeds-up execution by 7.5 minutes (>30%)`, `(median: over 94%)`.
* A `(A vs. B)` bracket right after a margin restates the margin as the two levels compared (`on MNLI by +0.9%
  (90.2% vs. 91.1%)`): neither level is a claim of its own (the first is the compared party's).
"""

from __future__ import annotations

import re

_CONTINUES = re.compile(r"^(?:\s*(?:,|and|or|/|,\s?and)\s*(?:by\s)?(?:\w+\s)?"
                        r"|[^.;()%×]{0,40}\sand\s(?:by\s|an?\s|the\s)?"
                        r"|\)\s?(?:,\s)?(?:and\s)?[\w.-]+(?:\s[\w.-]+){0,2}\s\()$")  # `(4.96%) and Mistral-7B (`
_COMPARED_BETWEEN = re.compile(r"\b(?:compared|than|vs\.?|versus|relative\sto|against|over)\b", re.IGNORECASE)
# ` (+`, ` (>`, ` (median: over `: an opening bracket with at most a sign, a bound or a short label before the value
_RESTATING_BRACKET = re.compile(r"\s?\((?:[+~≈]|[<>≥≤]\s?|(?:median|mean|average|i\.e\.|or|about|around|over|nearly)"
                                r":?\s(?:over\s|about\s|around\s|nearly\s)?)?$", re.IGNORECASE)


def continues(text: str, last_end: int | None, start: int, end: int, ends: set[int]) -> bool:
    """The value at text[start:end] continues an accepted value: the next item of its list (no comparison in
    between: `(93.4%) compared to CNN (91.4%)` is the baseline's), or a restatement in the bracket right after it
    (`ends` are where accepted values end)."""
    if last_end is not None and _CONTINUES.match(text[last_end:start]) \
            and not _COMPARED_BETWEEN.search(text[last_end:start]):
        return True
    return restated(text, start, end, ends | ({last_end} if last_end is not None else set()))


def restated(text: str, start: int, end: int, ends: set[int]) -> bool:
    """`an AUPRC of 0.6156 (+36.41%)`: alone in a bracket that opens right after an accepted value."""
    bracket = _RESTATING_BRACKET.search(text, max(0, start - 25), start)
    return bracket is not None and bracket.start() in ends and text[end:end + 1] == ")"


# `by +0.9% (90.2% vs. 91.1%)`: a margin, then the bracket of the two levels it is the difference of
_MARGIN_THEN_BRACKET = re.compile(r"\d\s?(?:%|×|x|points?)\s\($")
_MARGIN_THEN_FIRST = re.compile(r"\d\s?(?:%|×|x|points?)\s\([\d.,]+\s?%?\s(?:vs\.?|versus)\s$")
_VERSUS_NEXT = re.compile(r"\s(?:vs\.?|versus)\s[\d.,]+\s?%?\)")


def levels_of_a_margin(text: str, start: int, end: int) -> bool:
    """Either level in the `(A vs. B)` bracket right after a margin: the margin is the claim, not A or B (a bracket
    with one value, `more than 10% (6%) more correlated`, is a parallel claim and stays)."""
    if _MARGIN_THEN_BRACKET.search(text, max(0, start - 12), start):
        return bool(_VERSUS_NEXT.match(text, end))
    return bool(_MARGIN_THEN_FIRST.search(text, max(0, start - 40), start)) and text[end:end + 1] == ")"


_ANCHOR = re.compile(r"(?<![\w.])\d[\d.,]*(?:\s?(?:%|×|x)|\s[a-z]+)?$")


def restated_anchor(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Where the value that a bracketed restatement restates sits (`by 7.5 minutes (>30%)` -> `7.5 minutes`), so
    that the restatement measures what it measures (GUIDELINES §11 a: a parenthetical margin inherits)."""
    bracket = _RESTATING_BRACKET.search(text, max(0, start - 25), start)
    if bracket is None or text[end:end + 1] != ")":
        return None
    anchor = _ANCHOR.search(text, max(0, bracket.start() - 30), bracket.start())
    return anchor.span() if anchor else None
