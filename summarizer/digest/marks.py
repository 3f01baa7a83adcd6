"""Claimed numbers marked inside verbatim sentences, so the eye finds them and the words stay the paper's."""

from __future__ import annotations

import re
from collections.abc import Iterable

# a figure with a unit of improvement: 5.8%, 31×, 2.5x, 3-fold, 12 points; bare numbers (years, model sizes) stay plain
_CLAIM = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*\s?(?:%|×|x\b|-fold\b|\s?times\b|\s?(?:pp|points?)\b)")

Segment = tuple[str, bool]  # (text, marked)


def marked(sentence: str, values: Iterable[str] = ()) -> list[Segment]:
    """`sentence` cut into plain and marked runs: the gain values that occur in it verbatim, and unit-bearing
    figures. Joining the texts gives back the sentence exactly."""
    spans: list[tuple[int, int]] = [m.span() for m in _CLAIM.finditer(sentence)]
    for value in {v.strip() for v in values if v and v.strip()}:
        spans += [m.span() for m in re.finditer(rf"(?<![\w.]){re.escape(value)}(?![\w])", sentence)]
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    segments: list[Segment] = []
    cursor = 0
    for start, end in merged:
        if start > cursor:
            segments.append((sentence[cursor:start], False))
        segments.append((sentence[start:end], True))
        cursor = end
    if cursor < len(sentence):
        segments.append((sentence[cursor:], False))
    return segments
