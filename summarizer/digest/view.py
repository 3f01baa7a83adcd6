"""The digest as data: what every renderer (Markdown, HTML, Atom) shows, decided once.

Renderers only format this view, so "what the digest says" is testable in one
place, and all three formats say the same thing.
"""

from __future__ import annotations

import os.path
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from pydantic import BaseModel, Field

from summarizer.digest.compare import ComparisonRow, comparison, short_title
from summarizer.digest.links import PaperLink, paper_link, safe_url
from summarizer.digest.marks import Segment, marked
from summarizer.digest.overview import Overview
from summarizer.digest.ranking import SCORE_FORMULA, for_you, highlights, quantified, ranked, score
from summarizer.models import PaperCard
from summarizer.themes import Theme, ThemedCards

__all__ = ["DigestMeta", "DigestView", "EntryView", "ThemeView", "build_view", "safe_url", "slug", "view_of"]


# a theme shows its best papers; an archive-size run (100,000 papers) would otherwise render a page no one can
# open. Every paper stays in cards.jsonl / cards.csv, and a day's listing (~500 papers) is never cut.
MAX_ENTRIES_PER_THEME = 200

class DigestMeta(BaseModel):
    title: str = "Research digest"
    date: str
    sources: list[str] = Field(default_factory=list)
    papers: int = 0
    cards: int = 0
    failures: int = 0
    backend: str = "rules"
    model: str | None = None
    feed_url: str | None = Field(default=None, description="where digest.xml is published (its self link)")

    @property
    def sources_text(self) -> str:
        """`a.json, b.csv` for a few sources; `examples/hf-papers/ (4 files)` for a folder of them."""
        if len(self.sources) <= 2:
            return ", ".join(self.sources) or "no source"
        common = os.path.commonpath(self.sources) if all("://" not in s for s in self.sources) else ""
        return f"{common}/ ({len(self.sources)} files)" if common else f"{len(self.sources)} sources"


@dataclass
class GainView:
    value: str
    metric: str | None
    baseline: str | None
    dataset: str | None


@dataclass
class EvidenceView:
    """One verbatim sentence of the abstract and the gains it states."""

    gains: list[GainView]
    quote: list[Segment]  # empty when the sentence is the outcome already shown


@dataclass
class EntryView:
    id: str
    title: str
    link: PaperLink
    byline: str | None  # authors, or organisation, or "N authors"
    date: str | None
    upvotes: int | None
    summary: str | None
    outcome: list[Segment]
    evidence: list[EvidenceView]
    method: str | None
    task: str | None
    code_urls: list[str]
    datasets: list[str]
    models: list[str]
    compute: str | None
    abstract: str
    score: float
    theme: str = ""  # the theme's anchor
    theme_name: str = ""
    quantified: bool = False
    suspicious: str | None = None
    relevance: float | None = None
    relevance_reasons: list[str] = field(default_factory=list)

    @property
    def url(self) -> str:
        return self.link.href

    @property
    def gains(self) -> list[GainView]:
        return [g for e in self.evidence for g in e.gains]

    @property
    def lead(self) -> str | None:
        """One line to show in a list of picks: the summary, else the outcome sentence."""
        return self.summary or "".join(text for text, _ in self.outcome) or None

    @property
    def search_text(self) -> str:
        """What the search box matches: title, summary, method, task, datasets."""
        parts = [self.title, self.summary, self.method, self.task, *self.datasets]
        return " ".join(p for p in parts if p).casefold()


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
    table: list[ComparisonRow] = field(default_factory=list)
    table_total: int = 0  # papers with a quantified result, of which `table` shows the first rows
    total: int = 0  # papers in the theme, of which `entries` shows the best MAX_ENTRIES_PER_THEME

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def columns(self) -> list[str]:
        """The comparison table's optional columns that some row fills (an all-empty column says nothing)."""
        return [c for c in ("task", "dataset", "metric", "baseline", "code") if any(getattr(r, c) for r in self.table)]

    @property
    def with_code(self) -> int:
        return sum(bool(e.code_urls) for e in self.entries)


@dataclass
class DigestView:
    meta: DigestMeta
    themes: list[ThemeView]
    highlights: list[EntryView] = field(default_factory=list)
    for_you: list[EntryView] = field(default_factory=list)
    ranking: str = SCORE_FORMULA

    @property
    def entries(self) -> list[EntryView]:
        return [e for t in self.themes for e in t.entries]

    @property
    def with_code(self) -> int:
        return sum(bool(e.code_urls) for e in self.entries)

    @property
    def with_result(self) -> int:
        return sum(e.quantified for e in self.entries)


def slug(text: str, index: int) -> str:
    words = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    if len(words) > 40:
        words = words[:41].rsplit("-", 1)[0]  # cut between words, not inside one
    return f"t{index}-" + (words or "theme")


def _subtitle(theme: Theme, title: str | None) -> str:
    """The user's description; under an LLM title, also the terms the theme was found by."""
    terms = "key terms: " + ", ".join(theme.terms) if title and theme.terms else ""
    return " — ".join(p for p in (theme.description, terms) if p)


def _byline(card: PaperCard) -> str | None:
    if card.authors:
        names = ", ".join(card.authors[:3])
        return names + (" et al." if len(card.authors) > 3 else "")
    if card.organization:
        return card.organization
    return f"{card.authors_count} authors" if card.authors_count else None


# openings that lean on a previous sentence ("We then leverage this bound..."): shown alone they confuse
_ANAPHORIC = re.compile(r"^(?:we then|then|(?:this|these)(?!\s+(?:paper|work|study|article|survey)\b)|those|it|"
                        r"its|they|such|moreover|furthermore|however|additionally|in addition|also|finally|thus|"
                        r"therefore|hence|to this end)\b", re.I)


# a short opening clause that points back ("To address these issues, we propose ..."): dropped when shown alone
_BACKREF_CLAUSE = re.compile(r"^[^,;:]{0,60}\b(?:these|this|that|those|such|aforementioned)\b[^,;:]{0,40},\s+(?=we\b)",
                             re.I)


def _summary(card: PaperCard) -> str | None:
    """The card's one-line summary; without one, the method's description if it stands on its own."""
    description = _BACKREF_CLAUSE.sub("", (card.summary or card.method.description or "").strip())
    if not description or (not card.summary and _ANAPHORIC.match(description)):
        return None
    return description[0].upper() + description[1:]


def _evidence(card: PaperCard, outcome: str | None) -> list[EvidenceView]:
    """The card's gains grouped by the sentence that states them; the outcome sentence is not quoted twice."""
    groups: dict[str, list[GainView]] = {}
    for g in card.claimed_gains:
        groups.setdefault(g.evidence.strip(), []).append(GainView(g.value, g.metric, g.baseline, g.dataset))
    shown = _plain(outcome or "")
    views = []
    for text, gains in groups.items():
        said = bool(shown) and (shown in _plain(text) or _plain(text) in shown)
        if said and not any(g.metric or g.baseline or g.dataset for g in gains):
            continue  # a bare number already marked in the outcome: nothing to add
        views.append(EvidenceView(gains, [] if said else marked(text, [g.value for g in gains])))
    return views


def _plain(text: str) -> str:
    return " ".join(text.casefold().split()).rstrip(".")


def entry_view(card: PaperCard, theme_anchor: str = "", theme_name: str = "") -> EntryView:
    values = [g.value for g in card.claimed_gains]
    summary = _summary(card)
    if summary and card.outcome and _plain(summary) in _plain(card.outcome):
        summary = None  # the outcome sentence says it already
    return EntryView(
        id=card.id, title=card.title, link=paper_link(card.title, card.url, card.arxiv_id), byline=_byline(card),
        date=card.date, upvotes=card.upvotes, summary=summary,
        outcome=marked(card.outcome, values) if card.outcome else [], evidence=_evidence(card, card.outcome),
        method=card.method.name, task=card.task,
        code_urls=[u for u in map(safe_url, card.resources.code_urls) if u], datasets=card.resources.datasets,
        models=card.resources.models, compute=card.resources.compute, abstract=card.abstract,
        score=round(score(card), 2), theme=theme_anchor, theme_name=theme_name, quantified=bool(quantified(card)),
        suspicious=card.suspicious, relevance=card.relevance, relevance_reasons=card.relevance_reasons,
    )


def _theme_view(theme: Theme, index: int, cards: list[PaperCard], overview: Overview) -> ThemeView:
    anchor = slug(theme.name, index)
    verified = overview.title and not overview.title_flagged and theme.automatic  # the user's names stand
    title = overview.title.strip() if verified and overview.title else None
    entries = [entry_view(card, anchor, title or theme.name) for card in ranked(cards)[:MAX_ENTRIES_PER_THEME]]
    titles = {e.id: e.method or short_title(e.title, 40) for e in entries}  # short cites: the method's name
    distrusted = {c.id for c in cards if c.suspicious}
    sentences = [SentenceView(s.text, [(f"p-{i}", titles[i]) for i in s.cites if i in titles])
                 for s in overview.sentences if not s.flagged and not distrusted & set(s.cites)]
    rows, total = comparison(ranked(cards))
    return ThemeView(name=title or theme.name, key=theme.name, anchor=anchor, subtitle=_subtitle(theme, title),
                     overview=sentences, overview_writer=overview.writer, entries=entries, table=rows,
                     table_total=total, total=theme.size)


def build_view(themed: ThemedCards, overviews: dict[str, Overview], meta: DigestMeta) -> DigestView:
    return view_of(themed.themes, themed.by_theme(), overviews, meta, highlights(themed.cards), for_you(themed.cards))


def view_of(themes: Sequence[Theme], grouped: Mapping[str, list[PaperCard]], overviews: Mapping[str, Overview],
            meta: DigestMeta, picks: list[PaperCard], for_you_cards: list[PaperCard]) -> DigestView:
    """The view from each theme's cards (all of them, or at least its best MAX_ENTRIES_PER_THEME: a large run
    re-reads only those) and the day's picks, ranked beforehand."""
    views = [_theme_view(theme, index, grouped[theme.name], overviews.get(theme.name, Overview(writer="none")))
             for index, theme in enumerate(themes, 1)]
    by_id = {e.id: e for t in views for e in t.entries}
    anchors = {t.key: (t.anchor, t.name) for t in views}

    def entry(card: PaperCard) -> EntryView:  # a paper past its theme's cut is still shown where it is picked
        if card.id not in by_id:
            anchor, name = anchors.get(card.theme or "", ("", card.theme or ""))
            by_id[card.id] = entry_view(card, anchor, name)
        return by_id[card.id]

    return DigestView(meta=meta, themes=views, highlights=[entry(c) for c in picks],
                      for_you=[entry(c) for c in for_you_cards])
