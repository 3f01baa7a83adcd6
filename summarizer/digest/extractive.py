"""Offline theme overviews: a short synthesis built from the cards' fields, not quotes.

The quotes are already on each card; an overview should say what the cards do
not: which tasks recur across the theme, which benchmarks papers share (so their
numbers compare), the strongest claimed result against a stated baseline, and
where code is released. Every sentence cites its cards and carries no number
that is not a card's own, so `verify_overview` can check it like an LLM's.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence

from summarizer.digest.compare import short_title
from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.digest.ranking import magnitude, ranked, strongest_gains
from summarizer.models import PaperCard

MAX_NAMES = 3


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _shared(cards: Sequence[PaperCard], values: Callable[[PaperCard], Iterable[str]]) -> dict[str, list[str]]:
    """value (as first written) -> ids of the cards that have it, for values at least two cards share."""
    seen: dict[str, list[str]] = defaultdict(list)
    spelled: dict[str, str] = {}
    for card in cards:
        for value in dict.fromkeys(v.strip() for v in values(card) if v and v.strip()):  # a set would order by hash
            key = re.sub(r"[^0-9a-z]+", "", value.casefold()) or value
            spelled.setdefault(key, value)
            if card.id not in seen[key]:
                seen[key].append(card.id)
    shared = sorted(((k, ids) for k, ids in seen.items() if len(ids) >= 2), key=lambda kv: -len(kv[1]))
    return {spelled[k]: ids for k, ids in shared[:MAX_NAMES]}


def _tasks(cards: Sequence[PaperCard]) -> OverviewSentence | None:
    """Tasks several papers share; else the tasks of the top papers, so every theme says what it is about."""
    if shared := _shared(cards, lambda c: [c.task or ""]):
        return OverviewSentence(text=f"Recurring tasks: {_listing(list(shared))}.",
                                cites=[i for ids in shared.values() for i in ids])
    top: dict[str, str] = {}
    for card in cards:
        if card.task and card.task.casefold() not in {t.casefold() for t in top}:
            top[card.task] = card.id
        if len(top) == MAX_NAMES:
            break
    return OverviewSentence(text=f"Tasks include {_listing(list(top))}.", cites=list(top.values())) if top else None


def _benchmarks(cards: Sequence[PaperCard]) -> OverviewSentence | None:
    shared = _shared(cards, lambda c: [*c.resources.datasets, *(g.dataset or "" for g in c.claimed_gains)])
    if not shared:
        return None
    return OverviewSentence(text=f"Benchmarks several papers share, so their results compare: "
                                 f"{_listing(list(shared))}.", cites=[i for ids in shared.values() for i in ids])


def _strongest(cards: Sequence[PaperCard]) -> OverviewSentence | None:
    compared = [(g, c) for c in cards for g in strongest_gains(c) if g.baseline]
    if not compared:
        return None
    gain, card = max(compared, key=lambda gc: magnitude(gc[0].value))
    who = card.method.name or f"“{short_title(card.title, 50)}”"
    what = f"{gain.value}" + (f" in {gain.metric}" if gain.metric else "")
    where = f" on {gain.dataset}" if gain.dataset else ""
    return OverviewSentence(text=f"Largest claimed gain over a stated baseline: {who}, {what} over {gain.baseline}"
                                 f"{where}.", cites=[card.id])


def _code(cards: Sequence[PaperCard]) -> OverviewSentence | None:
    released = [c for c in cards if c.resources.code_urls][:MAX_NAMES]
    if not released:
        return None
    names = [c.method.name or f"“{short_title(c.title, 40)}”" for c in released]
    return OverviewSentence(text=f"Code is released for {_listing(names)}.", cites=[c.id for c in released])


class ExtractiveOverviewWriter:
    """A 2-4 sentence synthesis per theme from its cards' fields; suspicious cards never contribute."""

    name = "extractive"

    def write_overviews(self, themes: Mapping[str, Sequence[PaperCard]]) -> dict[str, Overview]:
        overviews: dict[str, Overview] = {}
        for name, cards in themes.items():
            trusted = ranked([c for c in cards if not c.suspicious])
            found = (part(trusted) for part in (_tasks, _benchmarks, _strongest, _code))
            overviews[name] = Overview(sentences=[s for s in found if s], writer=self.name)
        return overviews
