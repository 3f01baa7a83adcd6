"""The cards a digest shows, re-read from the run's spool: each theme's best, and the day's picks.

A theme shows at most MAX_ENTRIES_PER_THEME papers, so a run of any size materialises a few
thousand cards for its digest, however many it extracted. A theme within the cap gets all its
cards (in input order, as before), so a day's listing is digested exactly as from memory; a larger
theme's overview and comparison table are drawn from its best papers.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.digest.ranking import Ranked, best_first, for_you_picks, highlight_picks
from summarizer.digest.view import MAX_ENTRIES_PER_THEME
from summarizer.models import PaperCard
from summarizer.spool import CardSpool
from summarizer.themes import Theme


@dataclass
class Shown:
    grouped: dict[str, list[PaperCard]]  # theme name -> its best cards, in input order
    highlights: list[PaperCard]
    for_you: list[PaperCard]


def best_per_theme(ranks: Sequence[Ranked], limit: int = MAX_ENTRIES_PER_THEME) -> dict[str | None, list[Ranked]]:
    """Each theme's `limit` best-ranked papers, in input order."""
    best: dict[str | None, list[Ranked]] = defaultdict(list)
    for rank in best_first(ranks):
        if len(best[rank.theme]) < limit:
            best[rank.theme].append(rank)
    return {theme: sorted(chosen, key=lambda r: r.index) for theme, chosen in best.items()}


def shown_cards(spool: CardSpool, ranks: Sequence[Ranked], themes: Sequence[Theme],
                limit: int = MAX_ENTRIES_PER_THEME) -> Shown:
    """`ranks[i]` describes the spool's card i, its theme set; the cards come back with their theme."""
    best = best_per_theme(ranks, limit)
    picks, mine = highlight_picks(ranks), for_you_picks(ranks)
    wanted = {r.index for chosen in best.values() for r in chosen} | {r.index for r in [*picks, *mine]}
    cards = {i: card.model_copy(update={"theme": ranks[i].theme}) for i, card in spool.read(wanted).items()}
    grouped = {theme.name: [cards[r.index] for r in best.get(theme.name, [])] for theme in themes}
    return Shown(grouped, [cards[r.index] for r in picks], [cards[r.index] for r in mine])
