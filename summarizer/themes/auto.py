"""Automatic themes: cluster cards in a TF-IDF/LSA space, drop grab bags, name each cluster.

Offline and deterministic: no model download, fixed seeds. The number of clusters
follows the size of the day (about sqrt(n/4), 2..15), refined by silhouette on a
sample. A cluster whose papers are no closer to each other than MIN_LIFT x the
day's average pair is a grab bag: it is split, and parts that still share no topic
go to `Other`, as do clusters no phrase names (MIN_NAME_SUPPORT) and, past about
twice the target count, the least coherent. Names: see name.py; key terms for the digest: see label.py.
Every step is linear in the number of papers (see bench/themes_scale.py).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import scipy.sparse as sp

from summarizer.themes.cluster import cluster, coherence, lsa, split_grab_bags, target_k, threads
from summarizer.themes.label import label, label_terms
from summarizer.themes.model import OTHER, Theme, ThemeAssignment, ThemeDoc, finalise
from summarizer.themes.name import PhraseIndex, theme_name
from summarizer.themes.text import tfidf

MIN_PAPERS = 6  # below this, one theme reads better than clusters of one
MIN_THEME_SIZE = 3
MIN_LIFT = 1.8  # a theme's papers are at least this much closer to each other than two papers of the day
MIN_NAME_SUPPORT = 0.2  # and at least this share of them write a phrase of its name: else nothing names it
LABEL_SAMPLE = 300  # abstracts read to spell the key terms


def auto_themes(cards: Sequence[ThemeDoc]) -> ThemeAssignment:
    if len(cards) < MIN_PAPERS:
        return finalise(cards, ["All papers"] * len(cards), {"All papers": Theme(name="All papers")})
    with threads(len(cards)):
        return _auto_themes(cards)


def _auto_themes(cards: Sequence[ThemeDoc]) -> ThemeAssignment:
    matrix, vec = tfidf(cards)
    points = lsa(matrix)
    clusters = split_grab_bags(matrix, points, cluster(points, target_k(len(cards))), MIN_THEME_SIZE, MIN_LIFT)
    del points
    baseline = coherence(matrix)
    index = PhraseIndex(cards)
    vocab = vec.get_feature_names_out()
    themes: dict[str, Theme] = {OTHER: Theme(name=OTHER, description="papers that form no theme of their own")}
    names: dict[int, str] = {-1: OTHER}
    taken: list[str] = []  # the phrases of earlier names: a topic names one theme only
    taken_terms: set[str] = set()
    sizes = np.bincount(clusters[clusters >= 0])
    for label_id in sorted(set(clusters.tolist()) - {-1}, key=lambda c: (-sizes[c], c)):  # big themes name first
        members = np.flatnonzero(clusters == label_id)
        theme = _named(cards, matrix, vocab, members, index, taken, taken_terms)
        if (theme.support or 0.0) < MIN_NAME_SUPPORT:
            continue  # no phrase is shared: its papers go to Other
        theme.coherence = coherence(matrix[members])
        theme.lift = theme.coherence / baseline if baseline > 0 else None
        while theme.name in themes:  # two clusters with the same name stay distinct
            theme.name += "'"
        themes[theme.name] = theme
        names[label_id] = theme.name
    for name in _weakest(themes, 2 * target_k(len(cards)) - 2):
        del themes[name]
    return finalise(cards, [names.get(int(c), OTHER) if names.get(int(c)) in themes else OTHER for c in clusters],
                    themes)


def _weakest(themes: dict[str, Theme], keep: int) -> list[str]:
    """Past about twice the target count (split grab bags leave many small themes), the themes whose papers
    hang together least and share their name's phrase least go to Other."""
    named = [t for t in themes.values() if t.name != OTHER]
    ranked = sorted(named, key=lambda t: ((t.lift or 1.0) - 1.0) * (t.support or 0.0), reverse=True)
    return [t.name for t in ranked[keep:]]


def _named(cards: Sequence[ThemeDoc], matrix: sp.csr_matrix, vocab: np.ndarray, members: np.ndarray,
           index: PhraseIndex, taken: list[str], taken_terms: set[str]) -> Theme:
    """A theme for `members`: a noun-phrase name, and key terms for the digest."""
    abstracts = [cards[i].abstract for i in members[:LABEL_SAMPLE]]
    terms = label_terms(matrix[members], matrix, vocab, abstracts, taken_terms)
    taken_terms.update(t.lower() for t in terms)
    name, parts, support = theme_name(index, members.tolist(), taken)
    if name and support >= MIN_NAME_SUPPORT:
        taken.extend(parts)
    return Theme(name=name or label(terms), terms=terms, automatic=True, support=support)
