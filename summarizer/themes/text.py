"""The text a card is themed by, and a TF-IDF space that needs no model download."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from summarizer.models import PaperCard

# words that every ML abstract uses: they would make every theme look alike
_GENERIC_WORDS = """
model models method methods approach approaches propose proposed proposes present presents paper
work results result show shows shown demonstrate demonstrates performance novel new based using use
used learning task tasks data existing framework state art experiments experimental extensive
significantly improve improves improved improvement effective efficient efficiently problem problems
study studies analysis introduce introduces different various set large small high low order achieve
achieves provide provides way ways make training trained train network networks neural deep however
also well across while via can may often paper's address addresses challenge challenges key
important recent recently first second two three one previous prior significant substantial leverage
leverages leveraging propose applications application outperforms outperform baselines baseline
benchmark benchmarks code available github https com
"""
GENERIC = frozenset(_GENERIC_WORDS.split())
STOP_WORDS = sorted(ENGLISH_STOP_WORDS | GENERIC)


def card_text(card: PaperCard) -> str:
    """Title and task twice (they name the topic), method, then the abstract."""
    parts = [card.title, card.title, card.task or "", card.task or "", card.method.name or "", card.abstract]
    return " ".join(parts)


def vectorizer(n_docs: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        stop_words=STOP_WORDS, sublinear_tf=True, ngram_range=(1, 2), min_df=2 if n_docs >= 20 else 1,
        max_df=0.4 if n_docs >= 20 else 1.0, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9\-]{2,}\b",
        dtype=np.float64,
    )


def texts(cards: Sequence[PaperCard]) -> list[str]:
    return [card_text(card) for card in cards]
