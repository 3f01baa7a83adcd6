"""A theme's comparison table: one row per paper with a quantified result.

Rows that name a benchmark come first, grouped by benchmark and metric so
comparable figures sit next to each other, then by the size of the claim.
Suspicious cards (abstracts that address the model) never appear.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from summarizer.digest.links import safe_url
from summarizer.digest.ranking import magnitude, strongest_gains
from summarizer.models import PaperCard

MAX_ROWS = 15


@dataclass
class ComparisonRow:
    paper_id: str
    method: str  # the method's name, else the paper's short title
    task: str | None
    dataset: str | None
    metric: str | None
    value: str
    baseline: str | None
    code: str | None  # the first http(s) code link


def _key(name: str | None) -> str:
    """`GSM-8K`, `GSM8k` and `gsm8k` sort together."""
    return re.sub(r"[^0-9a-z]+", "", (name or "").casefold())


def short_title(title: str, limit: int = 60) -> str:
    return title if len(title) <= limit else title[: limit - 1].rsplit(" ", 1)[0] + "…"


def _row(card: PaperCard) -> ComparisonRow | None:
    gains = strongest_gains(card, limit=len(card.claimed_gains))
    gain = next((g for g in gains if g.dataset), gains[0] if gains else None)  # a benchmark makes it comparable
    if gain is None:
        return None
    code = next((u for u in map(safe_url, card.resources.code_urls) if u), None)
    return ComparisonRow(card.id, card.method.name or short_title(card.title, 48), card.task, gain.dataset,
                         gain.metric, gain.value, gain.baseline, code)


def comparison(cards: Sequence[PaperCard], limit: int = MAX_ROWS) -> tuple[list[ComparisonRow], int]:
    """The table's rows (at most `limit`) and how many papers qualified in all."""
    rows = [r for r in (_row(c) for c in cards if not c.suspicious) if r]
    rows.sort(key=lambda r: (r.dataset is None, _key(r.dataset), _key(r.metric) or "~", -magnitude(r.value)))
    return rows[:limit], len(rows)

