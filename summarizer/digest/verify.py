"""Align overview sentences back to the cards they cite; flag (and so drop) what the cards do not support.

A sentence must cite at least one card of its theme and no suspicious card (`PaperCard.suspicious`); every
number in it must be a whole number of a cited card (`9%` never matches `99%`), every coined name (digits,
inner capitals: `LoRA`, `GPT-4`) a whole word of one (`LoRA` is not `QLoRA`), every link a link of one. A
model-written sentence must also be mostly about its cards: at least `SUPPORT_THRESHOLD` of its content
words (folded as alignment folds them; stop words and the digest's own vocabulary aside) occur in the cited
cards, so a sentence on something else entirely is dropped even when it cites the right ids. Flagged
sentences are left out of the digest. An LLM-written theme title is held to the same rules against all the
theme's cards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.extract.align import fold
from summarizer.models import PaperCard
from summarizer.text import find_links

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NAME = re.compile(r"\b(?=[A-Za-z0-9\-+]*[A-Z][A-Za-z0-9\-+]*[A-Z0-9])[A-Za-z][A-Za-z0-9\-+]+\b")
WORD = re.compile(r"[a-z][a-z0-9]+(?:-[a-z0-9]+)*")
SUPPORT_THRESHOLD = 0.5  # share of a model-written sentence's content words that must be in its cited cards
# function words, and the words any overview uses about papers without saying anything a card must back
_GENERIC_WORDS = """
a an and are as at be been both but by can do does each for from has have how in into is it its more most one
not of on or other over such than that the their them then there these they this those through to two three
four five under using via was were what when which while who with within without
paper papers work works study studies studied theme themes topic approach approaches method methods model
models technique techniques propose proposes proposed present presents introduce introduces introduced show
shows shown demonstrate demonstrates report reports reported achieve achieves achieved several many some
various recent new novel based use uses used also further together overall respectively across task tasks
result results benchmark benchmarks improve improves improved improvement improvements performance
"""
GENERIC = frozenset(_GENERIC_WORDS.split())


def _strings(value: object) -> list[str]:
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, list | tuple):
        return [s for v in value for s in _strings(v)]
    return [str(value)] if value is not None else []


def card_haystack(card: PaperCard) -> str:
    """All text a card stands behind: its paper's title and abstract and every extracted field
    (collected as strings, not serialised, so a stray surrogate in a field cannot break the check)."""
    return " ".join([card.title, card.abstract, *_strings(card.model_dump(exclude={"abstract", "provenance"}))])


def _unsupported(text: str, cited: Sequence[PaperCard], what: str, support: bool = False) -> str | None:
    haystack = " ".join(card_haystack(c) for c in cited)
    numbers = set(NUMBER.findall(haystack))
    for number in NUMBER.findall(text):
        if number not in numbers:
            return f"number {number} is not in the {what}"
    for name in NAME.findall(text):
        if not re.search(rf"(?<![A-Za-z0-9]){re.escape(name)}(?![A-Za-z0-9])", haystack):
            return f"name {name} is not in the {what}"
    links = {_link_key(u) for u in find_links(haystack)}
    for url in find_links(text):
        if _link_key(url) not in links:
            return f"link {url} is not in the {what}"
    if support:
        return _off_topic(text, haystack, what)
    return None


def _off_topic(text: str, haystack: str, what: str) -> str | None:
    """Too few of the sentence's content words are in the cards (folded: case, accents, `×`, dashes)."""
    words = [w for w in WORD.findall(fold(text)[0]) if w not in GENERIC]
    if not words:
        return None
    known = set(WORD.findall(fold(haystack)[0]))
    known |= {part for word in known for part in word.split("-")}
    found = sum(w in known or all(p in known for p in w.split("-")) for w in words)
    if found / len(words) < SUPPORT_THRESHOLD:
        return f"mostly not in the {what} ({found} of {len(words)} content words are)"
    return None


def _link_key(url: str) -> str:
    return url.rstrip("/").lower()


def _problem(sentence: OverviewSentence, cards: dict[str, PaperCard], support: bool) -> str | None:
    cited = [cards[i] for i in sentence.cites if i in cards]
    if not cited:
        return "cites no paper of this theme"
    if any(card.suspicious for card in cited):
        return "cites a card whose abstract addresses the model (suspicious)"
    return _unsupported(sentence.text, cited, "cited cards", support)


def verify_overview(overview: Overview, cards: Sequence[PaperCard]) -> Overview:
    """Flag sentences the cited cards do not support, and a title the theme's cards do not.

    The content-word check applies to model-written overviews; extractive sentences are assembled from the
    cards' own fields with connecting words of their own, and get every other check.
    """
    index = {card.id: card for card in cards}
    support = overview.writer.startswith("llm")
    checked = [s.model_copy(update={"flagged": _problem(s, index, support)}) for s in overview.sentences]
    title_problem = _unsupported(overview.title, cards, "theme's cards") if overview.title else None
    return overview.model_copy(update={"sentences": checked, "title_flagged": title_problem})
