"""Contract for theme overviews: extractive offline, LLM-written when a model is on.

Every sentence cites the cards it summarises by paper id, so the digest can
check it against them (numbers and names must appear in the cited cards).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

from pydantic import BaseModel, Field

from summarizer.models import PaperCard


class OverviewSentence(BaseModel):
    text: str
    cites: list[str] = Field(default_factory=list, description="ids of the papers this sentence summarises")
    flagged: str | None = Field(default=None, description="why verification distrusts it, if it does")


class Overview(BaseModel):
    sentences: list[OverviewSentence] = Field(default_factory=list)
    writer: str = Field(description="'extractive' or 'llm:<model>'")
    title: str | None = Field(default=None, max_length=80,
                              description="optional human name for the theme (an LLM writer may set it); the digest "
                                          "shows it instead of the term label once verification passes")
    title_flagged: str | None = Field(default=None, description="why verification distrusts the title, if it does")


class OverviewWriter(Protocol):
    def write_overviews(self, themes: Mapping[str, Sequence[PaperCard]]) -> dict[str, Overview]:
        """theme name -> overview, for every theme given."""
        ...
