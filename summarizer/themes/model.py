"""Theme records shared by the theming strategies and the digest."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from summarizer.models import PaperCard

OTHER = "Other"


@dataclass(frozen=True, slots=True)
class ThemeDoc:
    """What theming reads of a card: a large run holds these while its cards wait on disk."""

    id: str
    title: str
    task: str | None
    method: str | None  # the method's name
    abstract: str

    @classmethod
    def of(cls, card: PaperCard) -> ThemeDoc:
        return cls(card.id, card.title, card.task, card.method.name, card.abstract)


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
class ThemeAssignment:
    """Each paper's theme (by position) and the themes, largest first, `Other` last."""

    labels: list[str]
    themes: list[Theme]

    def report(self, titles: Mapping[str, str]) -> list[dict[str, object]]:
        """run.json's `themes`: name, size and figures per theme; `Other` lists its papers (id, title)."""
        entries: list[dict[str, object]] = []
        for theme in self.themes:
            entry: dict[str, object] = {"name": theme.name, "papers": theme.size, **theme.metrics()}
            if theme.name == OTHER:
                entry["paper_list"] = [{"id": i, "title": titles[i], **({"match": theme.scores[i]}
                                        if i in theme.scores else {})} for i in theme.paper_ids]
            entries.append(entry)
        return entries


@dataclass
class ThemedCards:
    """Every card exactly once, its `theme` set; themes largest first, `Other` last."""

    cards: list[PaperCard]
    themes: list[Theme]

    @classmethod
    def of(cls, cards: Sequence[PaperCard], assignment: ThemeAssignment) -> ThemedCards:
        themed = [card.model_copy(update={"theme": label})
                  for card, label in zip(cards, assignment.labels, strict=True)]
        return cls(cards=themed, themes=assignment.themes)

    def by_theme(self) -> dict[str, list[PaperCard]]:
        index = {card.id: card for card in self.cards}
        return {theme.name: [index[i] for i in theme.paper_ids] for theme in self.themes}

    def report(self) -> list[dict[str, object]]:
        return ThemeAssignment([], self.themes).report({card.id: card.title for card in self.cards})


def finalise(docs: Iterable[ThemeDoc], labels: list[str], themes: dict[str, Theme]) -> ThemeAssignment:
    """Fill each theme's papers and order themes for reading: big first, Other last."""
    return finalise_ids((doc.id for doc in docs), labels, themes)


def finalise_ids(ids: Iterable[str], labels: list[str], themes: dict[str, Theme]) -> ThemeAssignment:
    """`finalise` from the papers' ids: an archive's themes collect them while placing its papers."""
    for paper_id, label in zip(ids, labels, strict=True):
        themes[label or OTHER].paper_ids.append(paper_id)
    ordered = sorted((t for t in themes.values() if t.size), key=lambda t: (t.name == OTHER, -t.size, t.name))
    return ThemeAssignment(labels=labels, themes=ordered)
