"""Offline theme overviews: the theme's strongest claims, quoted, each citing its paper.

Extractive on purpose: a sentence copied from an abstract cannot misstate it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.digest.ranking import ranked, strongest_gains
from summarizer.models import PaperCard

SENTENCES_PER_THEME = 3


# openings that lean on a previous sentence ("We then leverage this bound..."): quoted alone they confuse
_ANAPHORIC = re.compile(r"^(?:we then|then|(?:this|these)(?!\s+(?:paper|work|study|article|survey)\b)|those|it|"
                        r"its|they|such|moreover|furthermore|however|additionally|in addition|also|finally|thus|"
                        r"therefore|hence|to this end)\b", re.I)


def _sentence_for(card: PaperCard) -> str | None:
    """The card's strongest claim, else what its method does; only sentences that stand on their own."""
    candidates = [g.evidence for g in strongest_gains(card)] + [card.method.description or ""]
    return next((c.strip() for c in candidates if c.strip() and not _ANAPHORIC.match(c.strip())), None)


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
