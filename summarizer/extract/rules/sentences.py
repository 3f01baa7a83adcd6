"""Sentence splitting with character offsets, so every value can point back to its text.

A sentence ends at `.`, `!` or `?` followed by space and a capital, digit or
bracket, unless the period belongs to an abbreviation (`e.g.`, `et al.`,
`Fig.`). Decimals (`2.4`) and URLs (`github.com/a.b`) never split because no
space follows their period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_BOUNDARY = re.compile(r"[.!?][\"'”’)\]]*\s+(?=[\"“'(\[]?[A-Z0-9])")
_ABBREVIATIONS = frozenset({
    "e.g", "i.e", "al", "vs", "cf", "fig", "figs", "eq", "eqs", "sec", "tab", "ref", "refs", "approx",
    "resp", "w.r.t", "dr", "mr", "nos", "vol", "ca", "incl", "viz", "u.s", "e.t.c",
    "wrt", "ie", "eg", "ph.d", "jr", "inc", "corp", "ltd",
})
_LAST_WORD = re.compile(r"([\w.]+)$")


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text is exactly `source[start:end]`."""

    start: int
    end: int
    text: str


def _is_abbreviation(text: str, dot: int) -> bool:
    match = _LAST_WORD.search(text, max(0, dot - 12), dot)
    if not match:
        return False
    word = match.group(1).strip(".")
    if word.isalpha() and word.isupper() and len(word) > 1:
        return False  # `... for AL. Experiments`: an acronym ends the sentence; `et al.` is lowercase
    return word.lower() in _ABBREVIATIONS


def split_sentences(text: str) -> list[Sentence]:
    """Sentences of `text` in order, stripped of surrounding space, with offsets."""
    sentences: list[Sentence] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        if text[match.start()] == "." and _is_abbreviation(text, match.start()):
            continue
        _append(sentences, text, start, match.end())
        start = match.end()
    _append(sentences, text, start, len(text))
    return sentences


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start, end, text[start:end]))
