"""Assign cards to the user's themes by meaning; what fits none goes to `Other`.

A keyword is evidence only where it names the topic: in the title, the task or the
method, or written twice in the abstract. One passing mention ("an alignment
mechanism") is not. The meaning of a theme is its name, description and keywords,
widened by the papers that clearly belong to it (their keyword in a topical place
and their text close to the description: one Rocchio round), so a paper matches
by its whole text. A paper joins its best theme when its text is close enough to
it (MIN_SIMILARITY of what that theme's clear members reach); a keyword adds to
the match but never carries it alone.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp
from sklearn.preprocessing import normalize

from summarizer.themes.model import OTHER, Theme, ThemeAssignment, ThemeDoc, finalise
from summarizer.themes.spec import ThemeDef, ThemeSpec
from summarizer.themes.text import card_text, sample_indices, tfidf_with

KEYWORD_WEIGHT = 0.1  # per distinct keyword in a topical place (at most two count)
MIN_SIMILARITY = 0.35  # share of a theme's typical member similarity a paper must reach
MIN_DESCRIPTION_SIMILARITY = 0.03  # a paper with a keyword but nothing else of the theme is no clear member
MAX_SEEDS = 2_000


def _theme_text(theme: ThemeDef) -> str:
    return " ".join([theme.name, theme.description, *(theme.keywords * 2)])


def _pattern(keyword: str) -> re.Pattern[str]:
    words = r"[\s\-]+".join(re.escape(w) for w in keyword.split())
    return re.compile(rf"(?<![\w-]){words}(?:s|es)?(?![\w-])", re.IGNORECASE)


def topical_keywords(theme: ThemeDef, card: ThemeDoc) -> int:
    """Distinct keywords of the theme that name the paper's topic (title/task/method, or twice in the abstract)."""
    head = " ".join([card.title, card.task or "", card.method or ""])
    hits = 0
    for keyword in theme.keywords:
        pattern = _pattern(keyword)
        hits += bool(pattern.search(head) or len(pattern.findall(card.abstract)) >= 2)
    return hits


def _keyword_matrix(cards: Sequence[ThemeDoc], spec: ThemeSpec) -> np.ndarray:
    return np.array([[topical_keywords(t, c) for t in spec.themes] for c in cards], dtype=np.float32)


def _without_keywords(vectors: sp.csr_matrix, spec: ThemeSpec, vocab: np.ndarray) -> sp.csr_matrix:
    """Zero each theme's own keyword terms: similarity then measures the rest of the text, so a paper that
    shares only the keyword ("an alignment mechanism") is not close to the theme."""
    rows = []
    for t, theme in enumerate(spec.themes):
        row = vectors[t].toarray().ravel()
        if theme.keywords:
            either = "|".join(r"[\s\-]+".join(re.escape(w) for w in k.lower().split()) for k in theme.keywords)
            pattern = re.compile(rf"(?<![\w-])(?:{either})(?:s|es)?(?![\w-])")
            row[[i for i, term in enumerate(vocab) if pattern.search(term)]] = 0.0
        rows.append(sp.csr_matrix(row))
    return sp.vstack(rows, format="csr")


def _theme_vectors(matrix: sp.csr_matrix, described: sp.csr_matrix, hits: np.ndarray) -> sp.csr_matrix:
    """Each theme's description plus the mean of its clear members (Rocchio), unit length.

    Clear members: a keyword in a topical place and text close to the description (keywords left
    out), or two distinct keywords in topical places."""
    direct = (matrix @ described.T).toarray()
    rows = []
    for t in range(described.shape[0]):
        clear = ((hits[:, t] > 0) & (direct[:, t] >= MIN_DESCRIPTION_SIMILARITY)) | (hits[:, t] >= 2)
        seeds = np.flatnonzero(clear)
        seeds = seeds[sample_indices(len(seeds), MAX_SEEDS)]
        centroid = sp.csr_matrix(matrix[seeds].mean(axis=0)) if len(seeds) else sp.csr_matrix(described[t].shape)
        rows.append(normalize(described[t] + normalize(centroid)))
    return sp.vstack(rows, format="csr")


def match_scores(cards: Sequence[ThemeDoc], spec: ThemeSpec) -> tuple[np.ndarray, np.ndarray]:
    """(similarity, match) per paper and theme: text similarity to the widened theme (its keywords left
    out), and that plus the keywords in topical places."""
    matrix, vec = tfidf_with(cards, [_theme_text(t) for t in spec.themes])
    vocab = vec.get_feature_names_out()
    described = _without_keywords(normalize(vec.transform([_theme_text(t) for t in spec.themes])), spec, vocab)
    hits = _keyword_matrix(cards, spec)
    themes = _without_keywords(_theme_vectors(matrix, normalize(described), hits), spec, vocab)
    similarity = (matrix @ themes.T).toarray()
    return similarity, similarity + KEYWORD_WEIGHT * np.minimum(hits, 2)


def assign_to_spec(cards: Sequence[ThemeDoc], spec: ThemeSpec) -> ThemeAssignment:
    similarity, match = match_scores(cards, spec)
    best = match.argmax(axis=1)
    typical = np.array([_typical(similarity[:, t], best == t) for t in range(len(spec.themes))])
    themes = {t.name: Theme(name=t.name, description=t.description, terms=list(t.keywords)) for t in spec.themes}
    themes[OTHER] = Theme(name=OTHER, description="papers that fit none of the themes")
    labels = []
    for i, card in enumerate(cards):
        t = int(best[i])
        close = similarity[i, t] >= MIN_SIMILARITY * typical[t] and similarity[i, t] > 0
        name = spec.themes[t].name if close else OTHER
        themes[name].scores[card.id] = round(float(match[i, t]), 4)
        labels.append(name)
    return finalise(cards, labels, themes)


def _typical(similarity: np.ndarray, candidates: np.ndarray) -> float:
    """The similarity the theme's likely members reach: the upper quartile of those that rank it first."""
    values = similarity[candidates]
    return float(np.percentile(values, 75)) if len(values) else float("inf")


__all__ = ["assign_to_spec", "card_text", "match_scores", "topical_keywords"]
