"""The unit every rule returns: a value plus the span of the text that grounds it."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from summarizer.models import Alignment, Span


@dataclass(frozen=True)
class Hit:
    """`value` found at `source_field[start:end]` (the slice is the value unless a rule says otherwise)."""

    value: str
    start: int
    end: int
    field: str = "abstract"
    alignment: Alignment = "exact"  # `normalised`: the slice equals the value up to case (a capitalised summary)

    def span(self) -> Span:
        return Span(field=self.field, start=self.start, end=self.end, alignment=self.alignment)

    def as_sentence(self) -> Hit:
        """The same slice with its first letter capitalised (`we propose` -> `We propose`), span marked normalised."""
        if not self.value[:1].islower():
            return self
        return Hit(self.value[0].upper() + self.value[1:], self.start, self.end, self.field, "normalised")


def dedupe_hits(hits: list[Hit]) -> list[Hit]:
    """First hit per case-, space- and hyphen-insensitive value, in order of appearance."""
    seen: set[str] = set()
    kept: list[Hit] = []
    for hit in sorted(hits, key=lambda h: (h.field != "title", h.start)):
        norm = normalise_name(hit.value)
        if norm and norm not in seen:
            seen.add(norm)
            kept.append(hit)
    return kept


_NON_ALNUM = re.compile(r"[\W_]+")


def normalise_name(name: str) -> str:
    """Comparison key for names: `CIFAR-10` = `cifar10`, `MS MARCO` = `MSMarco`."""
    return _NON_ALNUM.sub("", name.lower())


def words(text: str) -> frozenset[str]:
    """A vocabulary written as one space-separated string (lexicons read better that way)."""
    return frozenset(text.split())


# function words that carry no topic: `content_words` drops them before comparing a phrase with a text
STOP_WORDS = words("""a an the of for in on and or to with via by from at as is are be using based its their our we
this that into towards toward through over under without across within between than vs versus new novel""")
_WORD = re.compile(r"[a-z][a-z0-9]*|\d+[a-z]+")


@cache
def fold(word: str) -> str:
    """Comparison key of a lower-cased word: crude plural folding (`models` ~ `model`, `llms` ~ `llm`)."""
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def content_words(text: str) -> list[str]:
    """The topic-bearing words of `text`, lower-cased and plural-folded: what two phrases about one topic share."""
    return [fold(w) for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]
