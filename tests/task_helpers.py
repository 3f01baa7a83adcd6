"""The task rule as the tests call it: the phrase, after checking it is a slice of the paper's own text."""

from __future__ import annotations

from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.task import find_task


def task_of(title: str, abstract: str = "", method: str | None = None) -> str | None:
    """`find_task`'s value; asserts it slices the title or abstract (up to case when `normalised`)."""
    hit = find_task(title, method, split_sentences(abstract), abstract)
    if hit is None:
        return None
    source = title if hit.field == "title" else abstract
    sliced = source[hit.start:hit.end]
    assert sliced == hit.value or (hit.alignment == "normalised" and sliced.casefold() == hit.value.casefold())
    return hit.value
