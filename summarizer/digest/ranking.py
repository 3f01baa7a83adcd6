"""The documented order of papers within a theme (README: "How papers are ranked").

score = 2·log2(1 + upvotes) + 1.5·min(quantified gains, 3) + 2·(code link) + 0.5·(named datasets)

Community interest first, then how concrete the paper's claims are, then
whether you can run it. Ties keep input order, so the ranking is stable.
"""

from __future__ import annotations

import math
import re

from summarizer.models import Gain, PaperCard

SCORE_FORMULA = "2·log2(1 + upvotes) + 1.5·min(quantified gains, 3) + 2·(code link) + 0.5·(named datasets)"


def score(card: PaperCard) -> float:
    return (2 * math.log2(1 + (card.upvotes or 0))
            + 1.5 * min(len(card.claimed_gains), 3)
            + 2 * bool(card.resources.code_urls)
            + 0.5 * bool(card.resources.datasets))


def ranked(cards: list[PaperCard]) -> list[PaperCard]:
    return sorted(cards, key=score, reverse=True)  # sorted() is stable: ties keep input order


def _magnitude(gain: Gain) -> float:
    numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", gain.value)]
    return max(numbers, default=0.0)


def strongest_gains(card: PaperCard, limit: int = 3) -> list[Gain]:
    """Gains with a stated baseline first (they are comparisons), then the larger numbers."""
    return sorted(card.claimed_gains, key=lambda g: (g.baseline is None, -_magnitude(g)))[:limit]
