"""The one seam every extractor plugs into: papers in, one result per paper out.

The rules backend, the LLM backend and test fakes all implement `Extractor`,
so the pipeline never knows which one it drives.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import Protocol

from pydantic import BaseModel, Field

from summarizer.llm.usage import Usage
from summarizer.models import Extraction, ExtractorInfo, GroundingNote, Paper, Span

__all__ = ["CardResult", "Extractor", "OnDone", "Usage", "iter_results"]


class CardResult(BaseModel):
    """Outcome for one paper: an extraction, or the reason there is none."""

    paper_id: str
    extraction: Extraction | None = None
    provenance: dict[str, list[Span]] = Field(default_factory=dict)
    error: str | None = None
    cached: bool = False
    calls: int = Field(default=0, description="model requests made for this paper (0 when cached or rules)")
    usage: Usage = Field(default_factory=Usage)
    extractor: ExtractorInfo | None = Field(default=None, description="who filled it, when not the backend itself "
                                                                      "(a rules fallback)")
    grounding: list[GroundingNote] = Field(default_factory=list, description="values the grounding dropped/nulled")


OnDone = Callable[[CardResult], None]


class Extractor(Protocol):
    info: ExtractorInfo

    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        """One result per paper, in input order; `on_done` fires as each finishes (progress bars)."""
        ...


def iter_results(extractor: Extractor, papers: Sequence[Paper], on_done: OnDone | None = None) -> Iterator[CardResult]:
    """Results as a stream where the extractor offers one (`iter_results`: the rules backend), else its list."""
    stream = getattr(extractor, "iter_results", None)
    return stream(papers, on_done) if stream is not None else iter(extractor.extract_all(papers, on_done))
