"""Cards -> themes: the user's themes when given, automatic clusters otherwise."""

from __future__ import annotations

from summarizer.models import PaperCard
from summarizer.themes.assign import assign_to_spec
from summarizer.themes.auto import auto_themes
from summarizer.themes.model import OTHER, Theme, ThemedCards
from summarizer.themes.spec import ThemeDef, ThemeSpec, load_theme_spec

__all__ = ["OTHER", "Theme", "ThemeDef", "ThemeSpec", "ThemedCards", "assign_themes", "load_theme_spec"]


def assign_themes(cards: list[PaperCard], spec: ThemeSpec | None = None) -> ThemedCards:
    """Every card in exactly one theme, its `theme` field set."""
    if not cards:
        return ThemedCards(cards=[], themes=[])
    return assign_to_spec(cards, spec) if spec else auto_themes(cards)
