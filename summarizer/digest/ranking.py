"""The documented order of papers (README: "How papers are ranked").

score = 2·log2(1 + upvotes) + quantified result + 2·(code link) + 0.5·(named datasets) + 4·relevance

"Quantified result" counts once, whatever the number of figures: a paper with a
stated comparison (a baseline or a benchmark) scores 2, a bare number 1, so an
abstract full of numbers is not preferred to one clear result. Relevance (0-1,
fit to the reader's profile) counts only when a profile was given. Ties keep
input order, so the ranking is stable.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from summarizer.models import Gain, PaperCard

SCORE_FORMULA = ("2·log2(1 + upvotes) + quantified result (2 with a baseline or benchmark, 1 bare number) "
                 "+ 2·(code link) + 0.5·(named datasets) + 4·relevance")
HIGHLIGHTS = 8
HIGHLIGHTS_PER_THEME = 2  # so the top of the day spans the day, not one busy theme
FOR_YOU = 8


def quantified(card: PaperCard) -> float:
    """2 for a stated comparison (baseline or benchmark), 1 for a bare number, 0 for none."""
    if any(g.baseline or g.dataset for g in card.claimed_gains):
        return 2.0
    return 1.0 if card.claimed_gains else 0.0


def score(card: PaperCard) -> float:
    return (2 * math.log2(1 + (card.upvotes or 0))
            + quantified(card)
            + 2 * bool(card.resources.code_urls)
            + 0.5 * bool(card.resources.datasets)
            + 4 * (card.relevance or 0.0))


def ranked(cards: Sequence[PaperCard]) -> list[PaperCard]:
    return sorted(cards, key=score, reverse=True)  # sorted() is stable: ties keep input order


@dataclass(slots=True)
class Ranked:
    """A card's place in the ranking without the card: a large run ranks these and re-reads the cards it shows."""

    index: int  # the card's position in the run
    score: float
    suspicious: bool
    relevance: float | None
    theme: str | None

    @classmethod
    def of(cls, index: int, card: PaperCard) -> Ranked:
        return cls(index, score(card), bool(card.suspicious), card.relevance, card.theme)


def best_first(ranks: Iterable[Ranked]) -> list[Ranked]:
    return sorted(ranks, key=lambda r: r.score, reverse=True)  # stable: ties keep input order


def highlight_picks(ranks: Iterable[Ranked], limit: int = HIGHLIGHTS) -> list[Ranked]:
    """See `highlights`."""
    per_theme: Counter[str | None] = Counter()
    chosen: list[Ranked] = []
    for rank in best_first(r for r in ranks if not r.suspicious and r.score >= 2):
        if per_theme[rank.theme] < HIGHLIGHTS_PER_THEME:
            per_theme[rank.theme] += 1
            chosen.append(rank)
        if len(chosen) == limit:
            break
    return chosen


def for_you_picks(ranks: Iterable[Ranked], limit: int = FOR_YOU) -> list[Ranked]:
    """See `for_you`."""
    scored = [r for r in ranks if r.relevance and not r.suspicious]
    return sorted(scored, key=lambda r: (round(r.relevance or 0.0, 2), r.score), reverse=True)[:limit]  # ties: score


def highlights(cards: Iterable[PaperCard], limit: int = HIGHLIGHTS) -> list[PaperCard]:
    """The day's top papers by `score`: never a suspicious card, at most two per theme, only papers with
    something to show (upvotes, a quantified result, code or relevance)."""
    listed = list(cards)
    return [listed[r.index] for r in highlight_picks((Ranked.of(i, c) for i, c in enumerate(listed)), limit)]


def for_you(cards: Iterable[PaperCard], limit: int = FOR_YOU) -> list[PaperCard]:
    """The papers that fit the reader's profile best (cards carry `relevance` only when one was given)."""
    listed = list(cards)
    return [listed[r.index] for r in for_you_picks((Ranked.of(i, c) for i, c in enumerate(listed)), limit)]


def magnitude(value: str) -> float:
    """The largest number in a claimed value (`9.64 -> 7.23` gives 9.64): how big a claim reads."""
    numbers = [float(n.replace(",", "")) for n in re.findall(r"\d[\d,]*(?:\.\d+)?", value)]
    return max(numbers, default=0.0)


def strongest_gains(card: PaperCard, limit: int = 3) -> list[Gain]:
    """Gains with a stated baseline first (they are comparisons), then the larger numbers."""
    return sorted(card.claimed_gains, key=lambda g: (g.baseline is None, -magnitude(g.value)))[:limit]
