"""Does a text mention a name as a whole name? Shared by the method-name rules.

The same test as `re.search(r"(?<![\\w-])NAME(?![\\w-])", text)`, without compiling a new pattern
for every paper's name: that compile cost ~4% of the rules backend's CPU (one or two names per paper,
too many for `re`'s own cache across a listing).
"""

from __future__ import annotations

import re
from collections.abc import Iterator


def mentions(text: str, name: str, ignore_case: bool = False) -> bool:
    """`name` in `text`, not inside a longer word or hyphenated compound (`ARM` is not in `ARMs` or `LLM-ARM`)."""
    return next(_places(text, name, ignore_case), None) is not None


def mention_spans(text: str, name: str) -> list[tuple[int, int]]:
    """Every whole-name place of `name` in `text`, left to right without overlaps (what `re.finditer` of the
    pattern in `mentions` gives, case-sensitive, without compiling it)."""
    return list(_places(text, name)) if name else []


def _places(text: str, name: str, ignore_case: bool = False) -> Iterator[tuple[int, int]]:
    """The whole-name places of `name`, lazily: `mentions` stops at the first, `mention_spans` takes them all."""
    if ignore_case and not (text.isascii() and name.isascii()):
        # `re.IGNORECASE` folds a few non-ASCII letters (`ſ`, `K`) that `str.lower` keeps: let `re` decide
        yield from (m.span() for m in re.finditer(rf"(?<![\w-]){re.escape(name)}(?![\w-])", text, re.IGNORECASE))
        return
    haystack, needle = (text.lower(), name.lower()) if ignore_case else (text, name)
    at = haystack.find(needle)
    while at >= 0:
        if not _joins(text, at - 1) and not _joins(text, at + len(name)):
            yield at, at + len(name)
            at = haystack.find(needle, at + max(len(needle), 1))  # no overlaps, as `re.finditer`
        else:
            at = haystack.find(needle, at + 1)


def _joins(text: str, i: int) -> bool:
    """Whether the character at `i` would continue a word (`\\w` or a hyphen); outside the text it does not."""
    return 0 <= i < len(text) and (text[i].isalnum() or text[i] in "-_")
