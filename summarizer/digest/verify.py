"""Check overview sentences against the cards they cite.

A sentence must cite at least one card of its theme, and every number and
coined name in it (digits, inner capitals: `31×`, `LoRA`, `GPT-4`) must occur in
a cited card. Sentences that fail are flagged and left out of the digest.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.models import PaperCard

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
NAME = re.compile(r"\b(?=[A-Za-z0-9\-+]*[A-Z][A-Za-z0-9\-+]*[A-Z0-9])[A-Za-z][A-Za-z0-9\-+]+\b")


def card_haystack(card: PaperCard) -> str:
    """All text a card stands behind: its paper's title and abstract and every extracted field."""
    return " ".join([card.title, card.abstract, card.model_dump_json(exclude={"abstract", "provenance"})])


def _problem(sentence: OverviewSentence, cards: dict[str, PaperCard]) -> str | None:
    cited = [cards[i] for i in sentence.cites if i in cards]
    if not cited:
        return "cites no paper of this theme"
    haystack = " ".join(card_haystack(c) for c in cited)
    numbers = set(NUMBER.findall(haystack))
    for number in NUMBER.findall(sentence.text):
        if number not in numbers:
            return f"number {number} is not in the cited cards"
    for name in NAME.findall(sentence.text):
        if name not in haystack:
            return f"name {name} is not in the cited cards"
    return None


def verify_overview(overview: Overview, cards: Sequence[PaperCard]) -> Overview:
    index = {card.id: card for card in cards}
    checked = [s.model_copy(update={"flagged": _problem(s, index)}) for s in overview.sentences]
    return overview.model_copy(update={"sentences": checked})
