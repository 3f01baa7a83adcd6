"""Automatic themes: cluster cards in a TF-IDF/LSA space and name each cluster.

Offline and deterministic: no model download, fixed seeds. The number of
themes follows the size of the day (about sqrt(n/4), 2..15), refined by
silhouette; clusters too small to be a theme go to `Other`. Labels are the
cluster's most distinctive terms, in the case the papers write them (LoRA, LLMs).
"""

from __future__ import annotations

import math
import re
from collections import Counter

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from summarizer.models import PaperCard
from summarizer.themes.model import OTHER, Theme, ThemedCards, finalise
from summarizer.themes.text import texts, vectorizer

MIN_PAPERS = 6  # below this, one theme reads better than clusters of one
MAX_THEMES = 15
MIN_THEME_SIZE = 3
LABEL_TERMS = 3


def _target_k(n: int) -> int:
    return max(2, min(MAX_THEMES, round(math.sqrt(n / 4))))


def _cluster(points: np.ndarray, n: int) -> np.ndarray:
    """KMeans with k picked by silhouette around the size-based target."""
    target = _target_k(n)
    candidates = range(max(2, target - 2), min(MAX_THEMES, target + 2, n - 1) + 1)
    best: tuple[float, np.ndarray] | None = None
    for k in candidates:
        labels = KMeans(n_clusters=k, random_state=0, n_init=4).fit_predict(points)
        score = silhouette_score(points, labels, metric="cosine") if len(set(labels)) > 1 else -1.0
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    assert best is not None
    return best[1]


def _surface_form(term: str, docs: list[str]) -> str:
    """The spelling the papers use most for a lower-cased term (LoRA, not lora)."""
    pattern = re.compile(rf"\b{re.escape(term)}\b", re.IGNORECASE)
    forms = Counter(m.group(0) for doc in docs for m in pattern.finditer(doc))
    form = forms.most_common(1)[0][0] if forms else term
    return form if any(c.isupper() for c in form[1:]) else form.lower()


def _label_terms(weights: np.ndarray, vocab: np.ndarray, docs: list[str]) -> list[str]:
    """Top distinctive terms, skipping words already inside a chosen bigram."""
    chosen: list[str] = []
    for index in np.argsort(-weights)[:40]:
        term = str(vocab[index])
        if any(term in c.split() or c in term.split() for c in chosen) or weights[index] <= 0:
            continue
        chosen.append(term)
        if len(chosen) == LABEL_TERMS:
            break
    return [_surface_form(t, docs) for t in chosen]


def _label(terms: list[str]) -> str:
    text = ", ".join(terms) or "Miscellaneous"
    return text[0].upper() + text[1:] if not text[:2].isupper() else text


def auto_themes(cards: list[PaperCard]) -> ThemedCards:
    docs = texts(cards)
    if len(cards) < MIN_PAPERS:
        return finalise(cards, ["All papers"] * len(cards), {"All papers": Theme(name="All papers")})
    vec = vectorizer(len(docs))
    matrix = vec.fit_transform(docs)
    components = max(2, min(100, matrix.shape[0] - 1, matrix.shape[1] - 1))
    points = normalize(TruncatedSVD(n_components=components, random_state=0).fit_transform(matrix))
    clusters = _cluster(points, len(cards))
    vocab, overall = vec.get_feature_names_out(), np.asarray(matrix.mean(axis=0)).ravel()
    themes: dict[str, Theme] = {OTHER: Theme(name=OTHER, description="papers that form no theme of their own")}
    labels: list[str] = []
    names: dict[int, str] = {}
    for cluster in sorted(set(clusters.tolist())):
        members = np.flatnonzero(clusters == cluster)
        if len(members) < MIN_THEME_SIZE:
            names[cluster] = OTHER
            continue
        weights = np.asarray(matrix[members].mean(axis=0)).ravel() - overall
        terms = _label_terms(weights, vocab, [docs[i] for i in members])
        name = _label(terms)
        while name in themes:  # two clusters with the same top terms stay distinct
            name += "'"
        themes[name] = Theme(name=name, description="automatic theme: " + ", ".join(terms), terms=terms)
        names[cluster] = name
    labels = [names[int(c)] for c in clusters]
    return finalise(cards, labels, themes)
