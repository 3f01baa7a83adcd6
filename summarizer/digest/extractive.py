"""Offline theme overviews: the theme's strongest claims, quoted, each citing its paper.

Extractive on purpose: a sentence copied from an abstract cannot misstate it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.digest.ranking import ranked, strongest_gains
from summarizer.models import PaperCard

SENTENCES_PER_THEME = 3


def _sentence_for(card: PaperCard) -> str | None:
    gains = strongest_gains(card, 1)
    if gains:
        return gains[0].evidence
    return card.method.description


class ExtractiveOverviewWriter:
    """Quotes the best evidence sentence of the theme's top-ranked papers."""

    name = "extractive"

    def write_overviews(self, themes: Mapping[str, Sequence[PaperCard]]) -> dict[str, Overview]:
        overviews: dict[str, Overview] = {}
        for name, cards in themes.items():
            sentences: list[OverviewSentence] = []
            for card in ranked(list(cards)):
                text = _sentence_for(card)
                if text and text not in {s.text for s in sentences}:
                    sentences.append(OverviewSentence(text=text, cites=[card.id]))
                if len(sentences) == SENTENCES_PER_THEME:
                    break
            overviews[name] = Overview(sentences=sentences, writer=self.name)
        return overviews
