"""Check overview sentences against the cards they cite.

A sentence must cite at least one card of its theme, and every number and
coined name in it (digits, inner capitals: `31×`, `LoRA`, `GPT-4`) must occur in
a cited card. Sentences that fail are flagged and left out of the digest. An
LLM-written theme title is held to the same rule against all the theme's cards.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.models import PaperCard

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NAME = re.compile(r"\b(?=[A-Za-z0-9\-+]*[A-Z][A-Za-z0-9\-+]*[A-Z0-9])[A-Za-z][A-Za-z0-9\-+]+\b")


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


def _unsupported(text: str, cited: Sequence[PaperCard], what: str) -> str | None:
    haystack = " ".join(card_haystack(c) for c in cited)
    numbers = set(NUMBER.findall(haystack))
    for number in NUMBER.findall(text):
        if number not in numbers:
            return f"number {number} is not in the {what}"
    for name in NAME.findall(text):
        if name not in haystack:
            return f"name {name} is not in the {what}"
    return None


def _problem(sentence: OverviewSentence, cards: dict[str, PaperCard]) -> str | None:
    cited = [cards[i] for i in sentence.cites if i in cards]
    if not cited:
        return "cites no paper of this theme"
    return _unsupported(sentence.text, cited, "cited cards")


def verify_overview(overview: Overview, cards: Sequence[PaperCard]) -> Overview:
    """Flag sentences the cited cards do not support, and a title the theme's cards do not."""
    index = {card.id: card for card in cards}
    checked = [s.model_copy(update={"flagged": _problem(s, index)}) for s in overview.sentences]
    title_problem = _unsupported(overview.title, cards, "theme's cards") if overview.title else None
    return overview.model_copy(update={"sentences": checked, "title_flagged": title_problem})
