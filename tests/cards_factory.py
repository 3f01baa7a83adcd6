"""Real cards for digest and theme tests: the rules backend over the bundled samples."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from summarizer.extract.rules import RulesExtractor
from summarizer.models import PaperCard
from summarizer.sources import load_papers

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "hf-papers"


@cache
def sample_cards() -> tuple[PaperCard, ...]:
    papers = load_papers([SAMPLES]).papers
    extractor = RulesExtractor()
    results = extractor.extract_all(papers)
    return tuple(PaperCard.build(p, r.extraction, extractor.info, r.provenance)
                 for p, r in zip(papers, results, strict=True) if r.extraction)
