"""Automatic themes: cluster cards in a TF-IDF/LSA space and name each cluster.

Offline and deterministic: no model download, fixed seeds. The number of
themes follows the size of the day (about sqrt(n/4), 2..15), refined by
silhouette; clusters too small to be a theme go to `Other`. LSA keeps only
~50 topics: with more, k-means spends a cluster on papers that share nothing
but boilerplate (a grab-bag theme no label can name). Labels: see label.py.
"""

from __future__ import annotations

import math

import numpy as np
from sklearn.cluster import KMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize

from summarizer.models import PaperCard
from summarizer.themes.label import label, label_terms
from summarizer.themes.model import OTHER, Theme, ThemedCards, finalise
from summarizer.themes.text import texts, vectorizer

MIN_PAPERS = 6  # below this, one theme reads better than clusters of one
MAX_THEMES = 15
MIN_THEME_SIZE = 3
LSA_COMPONENTS = 50
KMEANS_RESTARTS = 10  # enough restarts that the partition does not hinge on one lucky seed


def _target_k(n: int) -> int:
    return max(2, min(MAX_THEMES, round(math.sqrt(n / 4))))


def _cluster(points: np.ndarray, n: int) -> np.ndarray:
    """KMeans with k picked by silhouette around the size-based target."""
    target = _target_k(n)
    candidates = range(max(2, target - 2), min(MAX_THEMES, target + 2, n - 1) + 1)
    best: tuple[float, np.ndarray] | None = None
    for k in candidates:
        labels = KMeans(n_clusters=k, random_state=0, n_init=KMEANS_RESTARTS).fit_predict(points)
        score = silhouette_score(points, labels, metric="cosine") if len(set(labels)) > 1 else -1.0
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    assert best is not None
    return best[1]


def auto_themes(cards: list[PaperCard]) -> ThemedCards:
    docs = texts(cards)
    if len(cards) < MIN_PAPERS:
        return finalise(cards, ["All papers"] * len(cards), {"All papers": Theme(name="All papers")})
    vec = vectorizer(len(docs))
    matrix = vec.fit_transform(docs)
    components = max(2, min(LSA_COMPONENTS, matrix.shape[0] - 1, matrix.shape[1] - 1))
    points = normalize(TruncatedSVD(n_components=components, random_state=0).fit_transform(matrix))
    clusters = _cluster(points, len(cards))
    vocab = vec.get_feature_names_out()
    themes: dict[str, Theme] = {OTHER: Theme(name=OTHER, description="papers that form no theme of their own")}
    names: dict[int, str] = {}
    taken: set[str] = set()  # a term names one theme only, so labels tell themes apart
    sizes = np.bincount(clusters)
    for cluster in sorted(set(clusters.tolist()), key=lambda c: (-sizes[c], c)):  # big themes pick terms first
        members = np.flatnonzero(clusters == cluster)
        if len(members) < MIN_THEME_SIZE:
            names[cluster] = OTHER
            continue
        terms = label_terms(matrix[members], matrix, vocab, [cards[i].abstract for i in members], taken)
        taken.update(t.lower() for t in terms)
        name = label(terms)
        while name in themes:  # two clusters with the same top terms stay distinct
            name += "'"
        themes[name] = Theme(name=name, terms=terms, automatic=True)  # the name already says what a description would
        names[cluster] = name
    return finalise(cards, [names[int(c)] for c in clusters], themes)
