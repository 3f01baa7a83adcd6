"""k-means++ seeds drawn by paper ids: a paper's draws and the seeds do not hang on the other papers' positions."""

from __future__ import annotations

import numpy as np
from sklearn.metrics import adjusted_rand_score

from summarizer.themes.cluster import cluster, lsa
from summarizer.themes.model import ThemeDoc
from summarizer.themes.seeding import draws, keyed_centers, paper_keys
from summarizer.themes.text import tfidf
from tests.cards_factory import sample_cards


def test_a_papers_draws_are_its_own() -> None:
    keys = paper_keys(f"p{i}" for i in range(200))
    every, some = draws(keys, seed=3, step=2), draws(keys[50:120], seed=3, step=2)
    assert np.array_equal(every[50:120], some)  # the other papers being there or not changes nothing
    assert every.min() > 0 and every.max() < 1 and abs(every.mean() - 0.5) < 0.06
    assert not np.array_equal(every, draws(keys, seed=4, step=2))  # another run draws afresh


def test_dropping_papers_that_seed_nothing_leaves_the_seeds_be() -> None:
    rng = np.random.default_rng(0)
    points = rng.normal(size=(300, 5))
    keys = paper_keys(f"p{i}" for i in range(300))
    centres = keyed_centers(points, keys, k=8, seed=1)
    seeds = {int(np.flatnonzero((points == c).all(axis=1))[0]) for c in centres}
    rest = np.array([i for i in range(300) if i not in seeds][::7])
    kept = np.setdiff1d(np.arange(300), rest)  # ~40 papers gone, none of them a seed
    assert np.array_equal(keyed_centers(points[kept], keys[kept], k=8, seed=1), centres)


def test_one_percent_of_the_samples_dropped_leaves_a_runs_clusters_mostly_be() -> None:
    """The samples have no sharp clusters: a run's k-means (k=11, scikit-learn's k-means++, 3 restarts) with 5 of
    503 papers dropped agreed with itself at ARI 0.34, 0.31, 0.39 (seeds 0-2), as far as another seed; with
    seeds drawn by paper id 0.87, 0.76, 0.67."""
    points = lsa(tfidf([ThemeDoc.of(c) for c in sample_cards()])[0])
    keys = paper_keys(c.id for c in sample_cards())
    kept = np.setdiff1d(np.arange(len(points)), np.random.default_rng(7).choice(len(points), 5, replace=False))
    agreement = [adjusted_rand_score(cluster(points, 11, seed=seed, keys=keys)[kept],
                                     cluster(points[kept], 11, seed=seed, keys=keys[kept])) for seed in range(3)]
    assert np.mean(agreement) >= 0.6, agreement
