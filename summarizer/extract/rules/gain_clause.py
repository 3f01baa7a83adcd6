"""Clause boundaries of a result sentence: a gain's metric, baseline and dataset must come from its own clause.

A `;`, a `, while`, a `, which`, a result participle with its own number (`, outperforming X by 9.6%`) or a
conjunct with its own subject and result verb starts another claim; so does a `while`/`whereas` part inside a clause.
"""

from __future__ import annotations

import re
from functools import lru_cache

# what ends a clause: metric, baseline and dataset of a gain must be stated inside the gain's own clause
# (`, achieving 100% accuracy` and `, outperforming X by 9.6%` are claims of their own: a result participle after
# a comma starts a new clause; `, outperforming LoRA (5.50%)` has no number of its own and stays with the score)
CLAUSE_BREAK = re.compile(r"[;:]\s|,\s(?:while|whereas|but|although|though|which|where|and\s(?:we|it|our))\b"
                          r"(?!\s\w+ing\b)|\s(?:while|whereas|but)\s(?!\w+ing\b)|(?<!\bvs)(?<!\bal)(?<!\be\.g)(?<!\bi\.e)\.\s|"
                          r"\sand\s(?=(?:find|found|show|showed|observe|observed|demonstrate|demonstrated)\s)|"
                          r",\s(?=(?:achieving|reaching|"
                          r"attaining|obtaining|yielding)\b|(?:outperforming|surpassing|beating|exceeding)\b[^,;.]*?\bby\s)"
                          r"|,\sand\s(?=(?:achiev|obtain|reach|attain)\w*\s|(?:when|if|after|once)\b)"
                          r"|,\s(?=being\s[^,;]*?\d[\d.]*\s?(?:%|×|x\b|times\b|-fold\b))"
                          r"|\sand\s(?=(?:(?:for|with|on|in|at|under|using)\s[^,;.]{0,45},\s)?(?:[A-Z][\w-]*|it|we|they)"
                          r"\s(?:achiev|obtain|reach|attain)\w*\s)")
# (`performs better than X, and achieves an F1 of 72.43`, `... and for 512 input, SSD achieves 76.9%`: a conjunct
# with its own result verb is a claim of its own; so is `, and when combined with quantization, our method ...`, and
# `achieves 50.3% mIoU on ADE20K, being 5x smaller and 2.2% better than X`: the participle's numbers are its own claims,
# compared with X, the achieved score is not)


def clause_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Bounds of the clause holding text[start:end]: from the last break before it to the first after it.

    A break inside parentheses (`on BERT-large (seq. length 512) compared to X`) ends no clause.
    """
    breaks = _breaks(text)
    lo = max((b_end for _, b_end in breaks if b_end <= start), default=0)
    after = next((b_start for b_start, _ in breaks if b_start >= end), None)
    return lo, after if after is not None else len(text)


def breaks_between(text: str, lo: int, hi: int) -> list[str]:
    """The clause breaks that start in text[lo:hi], each with the word that follows it (`, achieving`): read on the
    whole sentence, since a break's lookahead may pass `hi`."""
    return [text[b_start:b_end] + text[b_end:].split(" ", 1)[0]
            for b_start, b_end in _breaks(text) if lo <= b_start < hi]


@lru_cache(maxsize=64)
def _breaks(text: str) -> tuple[tuple[int, int], ...]:
    """The clause breaks of a sentence outside parentheses (each gain of the sentence asks again)."""
    return tuple(m.span() for m in CLAUSE_BREAK.finditer(text)
                 if text.count("(", 0, m.start()) <= text.count(")", 0, m.start()))


def nearest(matches: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    if not matches:
        return None
    return min(matches, key=lambda m: min(abs(m[0] - end), abs(start - m[1])) + (0 if m[0] >= end else 5))[2]


# `X is 3.2% more accurate on ImageNet while reducing latency by 15% compared to Y`: the while-part is a claim of its
# own for where it was measured (latency is not measured `on ImageNet`), though both claims are compared with Y
_WHILE = re.compile(r",?\s(?:while|whereas)\s")


def while_part(clause: str, start: int, end: int) -> tuple[int, int]:
    """Bounds, inside the clause, of the part holding clause[start:end] when a `while`/`whereas` splits it."""
    lo = max((m.end() for m in _WHILE.finditer(clause, 0, start)), default=0)
    after = _WHILE.search(clause, end)
    return lo, after.start() if after else len(clause)
