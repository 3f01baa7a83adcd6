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


def _first_sentence(text: str) -> str:
    return text.split(". ")[0].rstrip(".") + "."


@cache
def filled_sample_cards(filled: int = 8) -> tuple[PaperCard, ...]:
    """The sample cards, the first `filled` with a quantified result completed as the v2 extractors fill them:
    a one-line summary, the outcome sentence (verbatim, its gain's evidence), relevance to a profile; the
    last of them flagged suspicious. Text comes from each paper's own abstract."""
    cards = list(sample_cards())
    chosen = [i for i, c in enumerate(cards) if c.claimed_gains][:filled]
    for rank, i in enumerate(chosen):
        card = cards[i]
        cards[i] = card.model_copy(update={
            "summary": _first_sentence(card.abstract), "outcome": card.claimed_gains[0].evidence,
            "relevance": round(0.9 - 0.1 * rank, 2), "relevance_reasons": [f"matches {card.task or 'your topics'}"],
            "suspicious": "the abstract addresses the model" if rank == len(chosen) - 1 else None,
        })
    return tuple(cards)
