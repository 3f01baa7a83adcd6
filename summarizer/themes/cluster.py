"""Cluster papers in an LSA space with work linear in the number of papers.

LSA keeps ~50 topics: with more, k-means spends a cluster on papers that share
nothing but boilerplate. k is picked by silhouette around a size-based target,
scored on a fixed sample (silhouette is quadratic in the points it sees).
Exact k-means for a day's listing (for each run of a consensus, one start from k-means++ seeds drawn by
paper id: seeding.py), on an exact SVD; mini-batch k-means and a sampled randomized SVD for archives.
All seeds fixed: the same input gives the same clusters.
"""

from __future__ import annotations

import math

import numpy as np
import scipy.sparse as sp
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.decomposition import TruncatedSVD
from sklearn.metrics import silhouette_score
from sklearn.preprocessing import normalize
from threadpoolctl import threadpool_limits

from summarizer.themes.seeding import keyed_centers

MAX_THEMES = 15
LSA_COMPONENTS = 50
KMEANS_RESTARTS = 10  # enough restarts that a day's partition does not hinge on one lucky seed
FULL_KMEANS_MAX = 5_000  # above this many papers, mini-batches
SVD_SAMPLE = 10_000  # topics are fitted on this many papers, then every paper is projected
SILHOUETTE_SAMPLE = 2_000


def lsa(matrix: sp.csr_matrix) -> np.ndarray:
    """Unit-length topic vectors, one row per paper."""
    n = matrix.shape[0]
    components = max(2, min(LSA_COMPONENTS, n - 1, matrix.shape[1] - 1))
    if n <= FULL_KMEANS_MAX:  # exact: randomized SVD's 5 power iterations moved the topics with 5 papers dropped
        svd = TruncatedSVD(n_components=components, algorithm="arpack", random_state=0)
        return normalize(svd.fit_transform(matrix)).astype(np.float32)
    svd = TruncatedSVD(n_components=components, random_state=0)
    if n <= SVD_SAMPLE:
        return normalize(svd.fit_transform(matrix)).astype(np.float32)
    svd.fit(matrix[np.sort(np.random.default_rng(0).choice(n, size=SVD_SAMPLE, replace=False))])
    return normalize(svd.transform(matrix)).astype(np.float32)


def threads(n: int) -> threadpool_limits:
    """One BLAS/OpenMP thread for a day's listing: on small inputs idle workers spin more than they
    work (k-means ran 10x slower on a busy 2-core machine); archives use every core."""
    return threadpool_limits(1 if n <= FULL_KMEANS_MAX else None)


def kmeans(points: np.ndarray, k: int, seed: int = 0, restarts: int = KMEANS_RESTARTS) -> np.ndarray:
    if len(points) <= FULL_KMEANS_MAX:
        return KMeans(n_clusters=k, random_state=seed, n_init=restarts).fit_predict(points)
    model = MiniBatchKMeans(n_clusters=k, random_state=seed, n_init=3, batch_size=4096, max_no_improvement=20)
    return model.fit_predict(points)


def keyed_kmeans(points: np.ndarray, keys: np.ndarray, k: int, seed: int) -> np.ndarray:
    """Exact k-means from k-means++ seeds drawn by the papers' keys (seeding.py): one start, as a run of a
    consensus is one of several, and best-of-n restarts would pick between optima of near-equal inertia."""
    return KMeans(n_clusters=k, init=keyed_centers(points, keys, k, seed), n_init=1).fit_predict(points)


def target_k(n: int) -> int:
    return max(2, min(MAX_THEMES, round(math.sqrt(n / 4))))


def silhouette(points: np.ndarray, labels: np.ndarray) -> float:
    if len(set(labels.tolist())) < 2:
        return -1.0
    size = min(len(points), SILHOUETTE_SAMPLE)
    return float(silhouette_score(points, labels, metric="cosine", sample_size=size, random_state=0))


def cluster(points: np.ndarray, target: int, spread: int = 2, seed: int | None = None,
            keys: np.ndarray | None = None) -> np.ndarray:
    """k-means labels with k picked by (sampled) silhouette within target +- spread; with a `seed`, k-means
    at exactly `target` clusters from that seed (one run of a consensus, see consensus.py), its k-means++
    seeds drawn by the papers' `keys` (paper ids; positions when none are given)."""
    if seed is not None:
        k = max(2, min(target, len(points) - 1))
        return keyed_kmeans(points, np.arange(len(points), dtype=np.uint64) if keys is None else keys, k, seed)
    candidates = range(max(2, target - spread), min(MAX_THEMES, target + spread, len(points) - 1) + 1)
    best: tuple[float, np.ndarray] | None = None
    for k in candidates:
        labels = kmeans(points, k)
        score = silhouette(points, labels)
        if best is None or score > best[0] + 1e-9:
            best = (score, labels)
    assert best is not None
    return best[1]


def coherence(matrix: sp.csr_matrix) -> float:
    """Mean cosine between two different papers of the group (TF-IDF rows are unit length).

    |sum of rows|^2 = n + sum of pairwise cosines, so this is O(nnz), not O(n^2).
    """
    n = matrix.shape[0]
    if n < 2:
        return 1.0
    total = np.asarray(matrix.sum(axis=0)).ravel()
    return float((total @ total - n) / (n * (n - 1)))


def split_grab_bags(matrix: sp.csr_matrix, points: np.ndarray, labels: np.ndarray, min_size: int,
                    min_lift: float, seed: int | None = None, keys: np.ndarray | None = None) -> np.ndarray:
    """Clusters whose papers are no closer than `min_lift` x the day's mean are split by k-means;
    parts that are still incoherent (or too small) go to Other (-1)."""
    baseline = coherence(matrix)
    out = np.full(len(labels), -1)
    fresh = 0
    for label in sorted(set(labels.tolist())):
        members = np.flatnonzero(labels == label)
        parts = [members]
        if len(members) >= 2 * min_size and coherence(matrix[members]) < min_lift * baseline:
            sub = cluster(points[members], target=3, spread=1) if seed is None else \
                cluster(points[members], target=3, seed=seed, keys=None if keys is None else keys[members])
            parts = [members[sub == s] for s in sorted(set(sub.tolist()))]
        for part in parts:
            if len(part) >= min_size and coherence(matrix[part]) >= min_lift * baseline:
                out[part], fresh = fresh, fresh + 1
    return out

