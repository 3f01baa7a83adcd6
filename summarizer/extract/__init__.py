"""Papers -> extractions. `make_extractor` picks the backend the settings ask for."""

from __future__ import annotations

from summarizer.extract.base import CardResult, Extractor, Usage
from summarizer.settings import Settings

__all__ = ["CardResult", "Extractor", "Usage", "make_extractor"]


def make_extractor(settings: Settings) -> Extractor:
    """The rules backend offline; the LLM backend (imported lazily) when configured."""
    if settings.resolved_backend() == "llm":
        from summarizer.extract.llm_backend import LLMExtractor

        return LLMExtractor(settings)
    from summarizer.extract.parallel import ParallelExtractor, default_workers
    from summarizer.extract.rules import RulesExtractor

    return ParallelExtractor(RulesExtractor, settings.workers or default_workers())
