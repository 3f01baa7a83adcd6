"""Papers -> extractions. `make_extractor` picks the backend: the LLM one when the run has a model."""

from __future__ import annotations

from typing import TYPE_CHECKING

from summarizer.extract.base import CardResult, Extractor, Usage
from summarizer.settings import Settings

if TYPE_CHECKING:
    from summarizer.llm.session import LLM

__all__ = ["CardResult", "Extractor", "Usage", "make_extractor", "make_llm"]


def make_llm(settings: Settings) -> LLM | None:
    """The run's one model (imported lazily), or None for the offline rules backend: the one place that decides."""
    if settings.resolved_backend() != "llm":
        return None
    from summarizer.llm.session import build_llm

    return build_llm(settings)


def make_extractor(settings: Settings, llm: LLM | None = None) -> Extractor:
    """The LLM backend on `llm` (built from the settings when not given and they ask for it), else rules."""
    llm = llm or make_llm(settings)
    if llm is not None:
        from summarizer.extract.llm_backend import LLMExtractor

        return LLMExtractor(settings, llm=llm)
    from summarizer.extract.parallel import ParallelExtractor, default_workers
    from summarizer.extract.rules import RulesExtractor

    return ParallelExtractor(RulesExtractor, settings.workers or default_workers())
