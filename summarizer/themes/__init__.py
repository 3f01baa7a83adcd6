"""Cards -> themes: the user's themes when given, automatic clusters otherwise."""

from __future__ import annotations

from collections.abc import Sequence

from summarizer.models import PaperCard
from summarizer.themes.archive import automatic_themes
from summarizer.themes.assign import assign_to_spec
from summarizer.themes.model import OTHER, Theme, ThemeAssignment, ThemedCards, ThemeDoc
from summarizer.themes.spec import ThemeDef, ThemeSpec, load_theme_spec

__all__ = ["OTHER", "Theme", "ThemeAssignment", "ThemeDef", "ThemeDoc", "ThemeSpec", "ThemedCards",
           "assign_themes", "load_theme_spec", "theme_docs"]


def theme_docs(docs: Sequence[ThemeDoc], spec: ThemeSpec | None = None) -> ThemeAssignment:
    """Every paper in exactly one theme: what a run needs of theming without holding its cards."""
    if not docs:
        return ThemeAssignment(labels=[], themes=[])
    return assign_to_spec(docs, spec) if spec else automatic_themes(docs)


def assign_themes(cards: list[PaperCard], spec: ThemeSpec | None = None) -> ThemedCards:
    """Every card in exactly one theme, its `theme` field set."""
    return ThemedCards.of(cards, theme_docs([ThemeDoc.of(card) for card in cards], spec))
