"""Theme records shared by the theming strategies and the digest."""

from __future__ import annotations

from dataclasses import dataclass, field

from summarizer.models import PaperCard

OTHER = "Other"


@dataclass
class Theme:
    name: str
    description: str = ""
    terms: list[str] = field(default_factory=list)
    paper_ids: list[str] = field(default_factory=list)
    automatic: bool = False  # named by its terms: an LLM-written title may stand in for the name
    # how well the papers hang together: mean cosine between two of its papers (TF-IDF), and that over the
    # day's mean (1.0: no closer than any two papers of the day); None for Other and user themes
    coherence: float | None = None
    lift: float | None = None
    support: float | None = None  # share of its papers that write the phrase(s) the name is made of
    phrases: list[str] = field(default_factory=list)  # those phrases (lower case), for automatic themes
    scores: dict[str, float] = field(default_factory=dict)  # user themes: paper id -> match score

    @property
    def match(self) -> float | None:
        """Mean match score of the theme's papers (user themes)."""
        return sum(self.scores.values()) / len(self.scores) if self.scores else None

    def metrics(self) -> dict[str, object]:
        """The figures run.json reports for this theme."""
        figures = {"coherence": self.coherence, "lift": self.lift, "support": self.support, "match": self.match}
        return {k: round(v, 4) for k, v in figures.items() if v is not None}

    @property
    def size(self) -> int:
        return len(self.paper_ids)


@dataclass
class ThemedCards:
    """Every card exactly once, its `theme` set; themes largest first, `Other` last."""

    cards: list[PaperCard]
    themes: list[Theme]

    def by_theme(self) -> dict[str, list[PaperCard]]:
        index = {card.id: card for card in self.cards}
        return {theme.name: [index[i] for i in theme.paper_ids] for theme in self.themes}

    def report(self) -> list[dict[str, object]]:
        """run.json's `themes`: name, size and figures per theme; `Other` lists its papers (id, title)."""
        titles = {card.id: card.title for card in self.cards}
        entries: list[dict[str, object]] = []
        for theme in self.themes:
            entry: dict[str, object] = {"name": theme.name, "papers": theme.size, **theme.metrics()}
            if theme.name == OTHER:
                entry["paper_list"] = [{"id": i, "title": titles[i], **({"match": theme.scores[i]}
                                        if i in theme.scores else {})} for i in theme.paper_ids]
            entries.append(entry)
        return entries


def finalise(cards: list[PaperCard], labels: list[str], themes: dict[str, Theme]) -> ThemedCards:
    """Write each card's theme and order themes for reading: big first, Other last."""
    themed = [card.model_copy(update={"theme": label}) for card, label in zip(cards, labels, strict=True)]
    for card in themed:
        themes[card.theme or OTHER].paper_ids.append(card.id)
    ordered = sorted((t for t in themes.values() if t.size), key=lambda t: (t.name == OTHER, -t.size, t.name))
    return ThemedCards(cards=themed, themes=ordered)
