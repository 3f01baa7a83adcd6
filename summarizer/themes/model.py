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


def finalise(cards: list[PaperCard], labels: list[str], themes: dict[str, Theme]) -> ThemedCards:
    """Write each card's theme and order themes for reading: big first, Other last."""
    themed = [card.model_copy(update={"theme": label}) for card, label in zip(cards, labels, strict=True)]
    for card in themed:
        themes[card.theme or OTHER].paper_ids.append(card.id)
    ordered = sorted((t for t in themes.values() if t.size), key=lambda t: (t.name == OTHER, -t.size, t.name))
    return ThemedCards(cards=themed, themes=ordered)
