"""What a day shows: its papers sorted against the memory, and which of them reach the digest."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from summarizer.daily.memory import Seen
from summarizer.digest.ranking import score
from summarizer.models import Paper, PaperCard
from summarizer.profile import Profile, excluded_by

if TYPE_CHECKING:
    from summarizer.daily.run import DailyOptions

HIGHLIGHTS = 3


@dataclass
class DayPlan:
    """The day's papers by status, each under its canonical key."""

    day: str
    seen: dict[str, Seen]
    new: list[tuple[str, Paper]] = field(default_factory=list)
    updated: list[tuple[str, Paper]] = field(default_factory=list)
    repeated: list[tuple[str, Paper]] = field(default_factory=list)
    papers: dict[str, Paper] = field(default_factory=dict)

    def add(self, status: str, key: str, paper: Paper) -> None:
        getattr(self, status).append((key, paper))
        self.papers[key] = paper

    def shown(self) -> list[tuple[str, Paper]]:
        """The papers this day needs a card for: first seen today, or a new version."""
        return [*self.new, *self.updated]


def digest_selection(cards: list[PaperCard], profile: Profile | None, min_relevance: float | None
                     ) -> tuple[list[PaperCard], list[PaperCard], list[PaperCard]]:
    """(shown, hidden by an excluded phrase, below the relevance threshold); all stay in cards.jsonl."""
    if profile is None:
        return cards, [], []
    threshold = min_relevance if min_relevance is not None else profile.min_relevance
    hidden = [c for c in cards if excluded_by(c, profile)]
    rest = [c for c in cards if c not in hidden]
    below = [c for c in rest if threshold is not None and (c.relevance or 0.0) < threshold]
    return [c for c in rest if c not in below], hidden, below


def highlights(cards: list[PaperCard]) -> list[dict[str, str]]:
    """The index's lines for a day: most relevant first, then the digest's own ranking."""
    top = sorted(cards, key=lambda c: (-(c.relevance or 0.0), -score(c)))[:HIGHLIGHTS]
    return [{"id": c.id, "title": c.title,
             "why": "; ".join(c.relevance_reasons[:2]) or (c.method.name or "")} for c in top]


def notes_for(plan: DayPlan, hidden: list[PaperCard], below: list[PaperCard], options: DailyOptions) -> list[str]:
    """One line each: what the day holds beyond the digest, so nothing disappears silently."""
    notes = [f"{len(plan.new)} papers first seen on {plan.day}"
             + (f"; {len(plan.repeated)} seen on earlier days are not repeated" if plan.repeated else "") + "."]
    if hidden:
        phrases = sorted({excluded_by(c, options.profile) or "" for c in hidden} if options.profile else set())
        notes.append(f"{len(hidden)} hidden by your exclude list ({', '.join(phrases)}); they are in cards.jsonl.")
    if below:
        threshold = options.min_relevance if options.min_relevance is not None else (
            options.profile.min_relevance if options.profile else None)
        notes.append(f"{len(below)} below your relevance threshold {threshold:g} are left out; "
                     "they are in cards.jsonl.")
    return notes
