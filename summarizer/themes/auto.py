"""Automatic themes: cluster cards in a TF-IDF/LSA space, name each cluster, keep only what its name covers.

Offline and deterministic: no model download, fixed seeds. The number of clusters
follows the size of the day (about sqrt(n/4), 2..15). A day's listing is clustered CONSENSUS_RUNS
times (k around that target, one seed each) and the runs vote on the themes (consensus.py): one
k-means run on papers without sharp clusters is a coin toss. An archive's sample is clustered once,
k refined by silhouette on a sample. A cluster whose papers are no closer to each other than MIN_LIFT x the
day's average pair is a grab bag: it is split, and parts that still share no topic
go to `Other`. Each cluster is then named (name.py: a phrase the papers write and the
rest of the day does not) and only the papers that relate to the name stay (gate.py);
the rest of the cluster is named again (up to MAX_NAME_TRIES themes per cluster). What no name
covers is clustered and named once more (PASSES), then papers that write a theme's name
and sit near it are rescued from `Other`. Last, once the runs have voted, a phrase that three of the
papers still left have in their title or task names a theme of exactly those papers ("Reinforcement
learning": one-off papers no cluster gathered; LEFTOVER_SAMPLE of them are read). A theme below
MIN_LIFT at the end (TIGHT_LIFT when some of its papers do not write its name), or, past about five
times the target count, among the smallest and least coherent, goes to `Other`, as does one whose
papers mostly do not write its name (MIN_SUPPORT).
Key terms for the digest: see label.py. Every step is linear in the number of papers
(see bench/themes_scale.py).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from sklearn.feature_extraction.text import TfidfVectorizer

from summarizer.themes.cluster import FULL_KMEANS_MAX, cluster, coherence, lsa, split_grab_bags, target_k, threads
from summarizer.themes.consensus import Run, vote
from summarizer.themes.gate import Gate, rescue, writes
from summarizer.themes.label import label_terms
from summarizer.themes.model import OTHER, Theme, ThemeAssignment, ThemeDoc, finalise
from summarizer.themes.name import PhraseIndex, clash, theme_name, title_names
from summarizer.themes.seeding import paper_keys
from summarizer.themes.text import sample_indices, tfidf
from summarizer.themes.wording import acronym

MIN_PAPERS = 6  # below this, one theme reads better than clusters of one
MIN_THEME_SIZE = 3
MIN_LIFT = 2.0  # a theme's papers are at least this much closer to each other than two papers of the day
MIN_NAME_SUPPORT = 0.2  # a name's phrase is written by at least this share of the cluster it names
MIN_SUPPORT = 0.5  # ... and by at least half the theme's final papers: else the name is not theirs
WRITTEN = 0.9  # a theme whose papers do not nearly all write its name (some joined by their words alone)...
TIGHT_LIFT = 3.0  # ... must hang together this much more than the day: else its extra papers are passers-by
LABEL_SAMPLE = 300  # abstracts read to spell the key terms
MAX_NAME_TRIES = 3  # names tried per cluster: its papers may form up to this many themes
PASSES = 2  # clusterings: the day, then the papers the first pass's names did not cover
LEFTOVER_SAMPLE = 2_000  # leftovers read for title phrases (a day's `Other` whole; an archive's, sampled)
LEFTOVER_TRIES = 60  # title phrases tried on them, most used first
CONSENSUS_RUNS = 9  # clusterings of a day's listing that vote on its themes (consensus.py); 5 left the vote a coin toss
K_OFFSETS = range(-2, 3)  # run i clusters at the target k + K_OFFSETS[i % 5]
MAX_THEMES_PER_TARGET = 5  # at most this many themes per k-means cluster of the first pass (pure themes are smaller)


def auto_themes(cards: Sequence[ThemeDoc]) -> ThemeAssignment:
    if len(cards) < MIN_PAPERS:
        return finalise(cards, ["All papers"] * len(cards), {"All papers": Theme(name="All papers")})
    with threads(len(cards)):
        fit = fit_themes(cards)
        return finalise(cards, fit.names(fit.labels.tolist()), fit.kept)


@dataclass
class Fit:
    """What clustering and naming found: each paper's theme number (-1: none), the themes that passed
    `_kept` (and Other), and what places an unseen paper: the gates, one per theme number, and the space."""

    labels: np.ndarray
    themes: list[Theme]
    gates: list[Gate]
    kept: dict[str, Theme]
    vectorizer: TfidfVectorizer

    def names(self, numbers: Iterable[int]) -> list[str]:
        return [self.themes[n].name if n >= 0 and self.themes[n].name in self.kept else OTHER for n in numbers]


def fit_themes(cards: Sequence[ThemeDoc]) -> Fit:
    matrix, vec = tfidf(cards)
    points = lsa(matrix)
    index = PhraseIndex(cards)
    target = target_k(len(cards))
    keys = paper_keys(card.id for card in cards)
    runs = [_run(cards, matrix, points, keys, index, plan) for plan in consensus_plans(len(cards))]
    del points
    labels, themes, gates = vote(runs)
    naming = _Naming(cards, matrix, vec.get_feature_names_out(), index, themes, gates)
    pool = np.flatnonzero(labels < 0)  # title phrases name what no run's clusters gathered, once
    for number, members in naming.leftovers(pool[sample_indices(len(pool), LEFTOVER_SAMPLE, seed=4)]):
        labels[members] = number
    kept = _kept(naming.themes, labels, matrix, cards, target)
    naming.label(labels, kept)
    return Fit(labels, naming.themes, naming.gates, kept, vec)


def consensus_plans(n: int) -> list[tuple[int, int] | None]:
    """(k offset, seed) per clustering run: a day's listing votes over CONSENSUS_RUNS k-means runs at k
    around the target (K_OFFSETS in turn, one seed each; consensus.py); an archive's sample, whose
    mini-batch clusters rest on thousands of papers, is clustered once with k picked by silhouette (None)."""
    if n > FULL_KMEANS_MAX:
        return [None]
    return [(run % len(K_OFFSETS) + K_OFFSETS[0], run) for run in range(CONSENSUS_RUNS)]


def _run(cards: Sequence[ThemeDoc], matrix: sp.csr_matrix, points: np.ndarray, keys: np.ndarray,
         index: PhraseIndex, plan: tuple[int, int] | None) -> Run:
    """One clustering of the day, named and gated: each paper's theme number (-1: Other) and the themes."""
    naming = _Naming(cards, matrix, np.array([]), index)
    labels = np.full(len(cards), -1)  # index into naming.themes
    pool = np.arange(len(cards))
    for again in range(PASSES):
        if len(pool) < 2 * MIN_THEME_SIZE:
            break
        rows = matrix if len(pool) == len(cards) else matrix[pool]
        if plan is None:
            found = cluster(points[pool], target_k(len(pool)), spread=0 if again else 2)
        else:
            found = cluster(points[pool], target_k(len(pool)) + (0 if again else plan[0]), seed=plan[1],
                            keys=keys[pool])
        seed = None if plan is None else plan[1]
        clusters = split_grab_bags(rows, points[pool], found, MIN_THEME_SIZE, MIN_LIFT, seed=seed, keys=keys[pool])
        sizes = np.bincount(clusters[clusters >= 0])
        for label_id in sorted(set(clusters.tolist()) - {-1}, key=lambda c: (-sizes[c], c)):  # big ones name first
            for number, members in naming.split(pool[clusters == label_id]):
                labels[members] = number
        pool = np.flatnonzero(labels < 0)
    found = rescue(cards, matrix, pool, naming.gates)
    labels[pool[found >= 0]] = found[found >= 0]
    if plan is not None:  # a run's vote counts only the themes that would stand on their own
        kept = _kept(naming.themes, labels, matrix, cards, target_k(len(cards)))
        labels = np.array([n if n >= 0 and naming.themes[n].name in kept else -1 for n in labels.tolist()])
    return Run(labels, naming.themes, naming.gates)


def _kept(found: list[Theme], labels: np.ndarray, matrix: sp.csr_matrix, cards: Sequence[ThemeDoc],
          target: int) -> dict[str, Theme]:
    """Figures on each theme's final papers; themes below MIN_THEME_SIZE, MIN_LIFT, MIN_SUPPORT or (unless
    WRITTEN) TIGHT_LIFT, and the weakest past MAX_THEMES_PER_TARGET x the target count, go to Other."""
    baseline = coherence(matrix)
    themes: dict[str, Theme] = {}
    sizes: dict[str, int] = {}
    for number, theme in enumerate(found):
        members = np.flatnonzero(labels == number)
        if len(members) < MIN_THEME_SIZE:
            continue
        theme.coherence = coherence(matrix[members])
        theme.lift = theme.coherence / baseline if baseline > 0 else None
        sampled = members[sample_indices(len(members), LABEL_SAMPLE, seed=3)]
        theme.support = sum(writes(cards[i], theme.phrases) for i in sampled.tolist()) / len(sampled)
        lift = theme.lift or 0.0
        if lift >= MIN_LIFT and theme.support >= MIN_SUPPORT and (lift >= TIGHT_LIFT or theme.support >= WRITTEN):
            themes[theme.name] = theme
            sizes[theme.name] = len(members)
    for name in _weakest(themes, sizes, MAX_THEMES_PER_TARGET * target):
        del themes[name]
    themes[OTHER] = Theme(name=OTHER, description="papers that form no theme of their own")
    return themes


class _Naming:
    """Names clusters and keeps in each theme only the papers that relate to its name (gate.py);
    the rest of a cluster may form a theme of its own under its next phrase (a cluster of "Gradient
    descent" and "Portfolio optimization" papers becomes two themes), and what no phrase names is left over."""

    def __init__(self, cards: Sequence[ThemeDoc], matrix: sp.csr_matrix, vocab: np.ndarray, index: PhraseIndex,
                 themes: Sequence[Theme] = (), gates: Sequence[Gate] = ()):
        self.cards, self.matrix, self.vocab, self.index = cards, matrix, vocab, index
        self.themes: list[Theme] = list(themes)
        self.gates: list[Gate] = list(gates)
        self.taken: list[str] = [p for t in themes for p in t.phrases]  # a topic names one theme only
        self.taken_terms: set[str] = set()

    def split(self, pool: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """(theme number, its papers) for the themes found in `pool`."""
        out: list[tuple[int, np.ndarray]] = []
        skipped: list[str] = []  # phrases that gathered too few papers here
        for _ in range(MAX_NAME_TRIES):
            if len(pool) < MIN_THEME_SIZE:
                break
            name, parts, support = theme_name(self.index, pool.tolist(), self.taken + skipped)
            if not name or support < MIN_NAME_SUPPORT:
                break
            short = acronym(parts[0], [self.cards[i].abstract for i in pool[:LABEL_SAMPLE].tolist()])
            parts = [*parts, short] if short and short not in parts else parts
            gate, keep = Gate.fit(self.cards, self.matrix, pool, parts)
            if gate is None or keep.sum() < MIN_THEME_SIZE:
                skipped.extend(parts)
                continue
            members = pool[keep]
            self.taken.extend(parts)
            out.append((len(self.themes), members))
            self.themes.append(self._theme(name, parts, members))
            self.gates.append(gate)
            pool = pool[~keep]
        return out

    def leftovers(self, pool: np.ndarray) -> list[tuple[int, np.ndarray]]:
        """Themes of papers no cluster gathered: a phrase MIN_THEME_SIZE of them have in their title or task
        ("Reinforcement learning", "Unbiased learning to rank") gathers exactly those papers."""
        out: list[tuple[int, np.ndarray]] = []
        for name, key in title_names(self.index, pool.tolist(), self.taken, MIN_THEME_SIZE, LEFTOVER_TRIES):
            if len(pool) < MIN_THEME_SIZE or any(clash(key, t) for t in self.taken):
                continue
            gate, keep = Gate.fit(self.cards, self.matrix, pool, [key], strangers=False)
            if gate is None or keep.sum() < MIN_THEME_SIZE:
                continue
            self.taken.append(key)
            out.append((len(self.themes), pool[keep]))
            self.themes.append(self._theme(name, [key], pool[keep]))
            self.gates.append(gate)
            pool = pool[~keep]
        return out

    def _theme(self, name: str, parts: list[str], members: np.ndarray) -> Theme:
        """A named theme; its key terms come once the runs have voted (`label`)."""
        while name in {t.name for t in self.themes}:  # two clusters with the same name stay distinct
            name += "'"
        return Theme(name=name, automatic=True, phrases=list(parts))  # theme_name gave a name: never empty

    def label(self, labels: np.ndarray, kept: dict[str, Theme]) -> None:
        """Key terms for the digest of each kept theme, from its final papers, in theme order."""
        for number, theme in enumerate(self.themes):
            if theme.name not in kept:
                continue
            members = np.flatnonzero(labels == number)
            abstracts = [self.cards[i].abstract for i in members[:LABEL_SAMPLE]]
            theme.terms = label_terms(self.matrix[members], self.matrix, self.vocab, abstracts, self.taken_terms)
            self.taken_terms.update(t.lower() for t in theme.terms)


def _weakest(themes: dict[str, Theme], sizes: dict[str, int], keep: int) -> list[str]:
    """Past `keep` themes, those that are small and hang together least go to Other:
    a big theme under a precise name serves a reader more than a pair of papers."""
    ranked = sorted(themes.values(), key=lambda t: (sizes[t.name] * np.log(max(t.lift or 1.0, 1.0)), t.name),
                    reverse=True)
    return [t.name for t in ranked[keep:]]
