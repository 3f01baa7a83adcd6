"""The text a card is themed by, and a TF-IDF space that needs no model download.

At archive scale the vocabulary and IDF come from a fixed sample of the papers and the rest
are transformed in chunks: memory stays bounded by the sample's vocabulary, not the archive's.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from summarizer.themes.model import ThemeDoc

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
FIT_SAMPLE = 6000  # vocabulary and IDF from at most this many papers
CHUNK = 5000  # papers transformed at a time


def card_text(card: ThemeDoc) -> str:
    """Title and task twice (they name the topic), method, then the abstract."""
    parts = [card.title, card.title, card.task or "", card.task or "", card.method or "", card.abstract]
    return " ".join(parts)


def vectorizer(n_docs: int) -> TfidfVectorizer:
    return TfidfVectorizer(
        stop_words=STOP_WORDS, sublinear_tf=True, ngram_range=(1, 2), min_df=2 if n_docs >= 20 else 1,
        max_df=0.4 if n_docs >= 20 else 1.0, token_pattern=r"(?u)\b[a-zA-Z][a-zA-Z0-9\-]{2,}\b",
        dtype=np.float32,
    )


def texts(cards: Sequence[ThemeDoc]) -> list[str]:
    return [card_text(card) for card in cards]


def sample_indices(n: int, size: int, seed: int = 0) -> np.ndarray:
    """A fixed random subset (sorted), or everything when n <= size: same input, same sample."""
    if n <= size:
        return np.arange(n)
    return np.sort(np.random.default_rng(seed).choice(n, size=size, replace=False))


def tfidf(cards: Sequence[ThemeDoc]) -> tuple[sp.csr_matrix, TfidfVectorizer]:
    """L2-normalised TF-IDF rows of the cards, the vocabulary fitted on a sample of them.

    Texts are built chunk by chunk: the whole archive's texts are never held at once.
    """
    vec = vectorizer(len(cards))
    if len(cards) <= FIT_SAMPLE:
        return vec.fit_transform(texts(cards)).tocsr(), vec
    vec.fit([card_text(cards[i]) for i in sample_indices(len(cards), FIT_SAMPLE)])
    return _transform(vec, cards), vec


def tfidf_with(cards: Sequence[ThemeDoc], extra: list[str]) -> tuple[sp.csr_matrix, TfidfVectorizer]:
    """As `tfidf`, the vocabulary also fitted on `extra` (the user's theme descriptions).

    No document-frequency ceiling: a theme may well hold half the papers, and its words must stay.
    """
    vec = vectorizer(len(cards) + len(extra))
    vec.set_params(max_df=1.0)
    vec.fit([card_text(cards[i]) for i in sample_indices(len(cards), FIT_SAMPLE)] + extra)
    return _transform(vec, cards), vec


def _transform(vec: TfidfVectorizer, cards: Sequence[ThemeDoc]) -> sp.csr_matrix:
    """Chunks stacked into one matrix, each chunk freed once copied: the peak is about one matrix, not
    two as with `scipy.sparse.vstack` (the output's pages are committed as they are written)."""
    chunks = [vec.transform(texts(cards[start:start + CHUNK])) for start in range(0, len(cards), CHUNK)]
    nnz = sum(chunk.nnz for chunk in chunks)
    data, indices = np.empty(nnz, dtype=np.float32), np.empty(nnz, dtype=np.int32)
    indptr, at = [np.zeros(1, dtype=np.int64)], 0
    chunks.reverse()
    while chunks:
        chunk = chunks.pop()
        data[at:at + chunk.nnz], indices[at:at + chunk.nnz] = chunk.data, chunk.indices
        indptr.append(chunk.indptr[1:].astype(np.int64) + at)
        at += chunk.nnz
    return sp.csr_matrix((data, indices, np.concatenate(indptr)), shape=(len(cards), len(vec.vocabulary_)))
