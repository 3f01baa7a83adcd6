"""The digest as data: what every renderer (Markdown, HTML, Atom) shows, decided once.

Renderers only format this view, so "what the digest says" is testable in one
place, and all three formats say the same thing.
"""

from __future__ import annotations

import os.path
import re
from dataclasses import dataclass, field
from urllib.parse import urlparse

from pydantic import BaseModel, Field

from summarizer.digest.overview import Overview
from summarizer.digest.ranking import SCORE_FORMULA, ranked, score, strongest_gains
from summarizer.models import PaperCard
from summarizer.themes import Theme, ThemedCards


class DigestMeta(BaseModel):
    title: str = "Research digest"
    date: str
    sources: list[str] = Field(default_factory=list)
    papers: int = 0
    cards: int = 0
    failures: int = 0
    backend: str = "rules"
    model: str | None = None

    @property
    def sources_text(self) -> str:
        """`a.json, b.csv` for a few sources; `examples/hf-papers/ (4 files)` for a folder of them."""
        if len(self.sources) <= 2:
            return ", ".join(self.sources) or "no source"
        common = os.path.commonpath(self.sources) if all("://" not in s for s in self.sources) else ""
        return f"{common}/ ({len(self.sources)} files)" if common else f"{len(self.sources)} sources"


def safe_url(url: str | None) -> str | None:
    """Only http(s) links become anchors; `javascript:` and friends stay text."""
    if not url:
        return None
    parsed = urlparse(url.strip())
    return url.strip() if parsed.scheme in ("http", "https") and parsed.netloc else None


@dataclass
class GainView:
    value: str
    metric: str | None
    baseline: str | None
    dataset: str | None


@dataclass
class EntryView:
    id: str
    title: str
    url: str | None
    method: str | None
    task: str | None
    gains: list[GainView]
    code_urls: list[str]
    datasets: list[str]
    models: list[str]
    compute: str | None
    upvotes: int | None
    date: str | None
    score: float


@dataclass
class SentenceView:
    text: str
    cites: list[tuple[str, str]]  # (anchor of the cited entry, its short title)


@dataclass
class ThemeView:
    name: str  # what the reader sees: a verified LLM title, else the theme's own name
    key: str  # the theme as written on its cards (`card.theme`)
    anchor: str
    subtitle: str  # the user's description, or the key terms when a title replaced them
    overview: list[SentenceView]
    overview_writer: str
    entries: list[EntryView] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.entries)


@dataclass
class DigestView:
    meta: DigestMeta
    themes: list[ThemeView]
    ranking: str = SCORE_FORMULA

    @property
    def with_code(self) -> int:
        return sum(bool(e.code_urls) for t in self.themes for e in t.entries)


def slug(text: str, index: int) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(words) > 40:
        words = words[:41].rsplit("-", 1)[0]  # cut between words, not inside one
    return f"t{index}-" + (words or "theme")


def _subtitle(theme: Theme, title: str | None) -> str:
    """The user's description; under an LLM title, also the terms the theme was found by."""
    terms = "key terms: " + ", ".join(theme.terms) if title and theme.terms else ""
    return " — ".join(p for p in (theme.description, terms) if p)


def entry_view(card: PaperCard) -> EntryView:
    code = [u for u in map(safe_url, card.resources.code_urls) if u]
    return EntryView(
        id=card.id, title=card.title, url=safe_url(card.url), method=card.method.name, task=card.task,
        gains=[GainView(g.value, g.metric, g.baseline, g.dataset) for g in strongest_gains(card)],
        code_urls=code, datasets=card.resources.datasets, models=card.resources.models,
        compute=card.resources.compute, upvotes=card.upvotes, date=card.date, score=round(score(card), 2),
    )


def build_view(themed: ThemedCards, overviews: dict[str, Overview], meta: DigestMeta) -> DigestView:
    grouped = themed.by_theme()
    views: list[ThemeView] = []
    for index, theme in enumerate(themed.themes, 1):
        entries = [entry_view(card) for card in ranked(grouped[theme.name])]
        titles = {e.id: e.title if len(e.title) <= 60 else e.title[:57] + "..." for e in entries}
        overview = overviews.get(theme.name, Overview(writer="none"))
        sentences = [SentenceView(s.text, [(f"p-{i}", titles[i]) for i in s.cites if i in titles])
                     for s in overview.sentences if not s.flagged]
        verified = overview.title and not overview.title_flagged and theme.automatic  # the user's names stand
        title = overview.title.strip() if verified and overview.title else None
        views.append(ThemeView(name=title or theme.name, key=theme.name, anchor=slug(theme.name, index),
                               subtitle=_subtitle(theme, title), overview=sentences,
                               overview_writer=overview.writer, entries=entries))
    return DigestView(meta=meta, themes=views)
