"""A term the abstract defines with an abbreviation is one name, whatever words it holds.

`mean Intersection over Union (IoU) scores of 84.5%`: `over Union` is no comparison with a system called Union, and
the measure is `Intersection over Union`, not `(IoU) scores`. A long form counts as defined when the capitals of the
abbreviation are the initials of its last words, small words skipped and hyphenated parts counted (the rule the
scorer uses to equate `WER` and `word error rate`, GUIDELINES §11).
"""

from __future__ import annotations

import re

_ABBREVIATION = re.compile(r"\((?P<a>[A-Za-z][A-Za-z0-9-]{1,9})\)")
_SMALL = frozenset(["of", "the", "over", "to", "and", "for", "in", "on", "a", "an", "with", "at", "by"])
_WORD = re.compile(r"[A-Za-z][\w]*")


def defined_term_start(text: str, paren: int) -> int | None:
    """Where the long form that the `(ABBR)` opening at text[paren] defines begins, or None when the words before
    it do not spell the abbreviation (`achieves 94% (AdmDemo)` defines nothing)."""
    found = _ABBREVIATION.match(text, paren)
    if found is None:
        return None
    capitals = [c.lower() for c in found.group("a") if c.isupper()]
    if len(capitals) < 2:
        return None
    words = list(_WORD.finditer(text, max(0, paren - 120), paren))
    needed, start = list(capitals), None
    for word in reversed(words):
        if not needed:
            break
        if word.group(0).lower() in _SMALL:
            continue
        if word.group(0)[0].lower() != needed[-1]:
            return None
        needed.pop()
        start = word.start()
    return start if not needed else None


def inside_defined_term(text: str, pos: int) -> bool:
    """`over` in `Intersection over Union (IoU)`: text[pos] lies inside a long form an abbreviation right after
    it defines."""
    paren = text.find(" (", pos, pos + 60)
    if paren < 0:
        return False
    start = defined_term_start(text, paren + 1)
    return start is not None and start <= pos
