"""Who may stay in a named theme: the papers that relate to its name.

k-means puts every paper of a cluster under one name, including papers that only sit nearby
(a tomography paper under "Constraint"). A paper keeps the theme when it writes one of the name's
phrases or its acronym (case, hyphens and a plural ending aside: "Low-Rank Adaptations" writes
"low rank adaptation") where it states its topic: title, task, or twice in the abstract. One passing
mention keeps it only if it sits about as close to those papers' TF-IDF centroid as they do
(PASSING_QUANTILE of their own leave-one-out cosines); a paper that never writes the name stays when it
is closer than half of them (NEAR_QUANTILE): on-topic papers that use another term stay, passers-by do not.

A paper of another cluster that writes the name and sits as close as most of the theme's papers
(RESCUE_QUANTILE) is rescued from `Other` into the theme. Linear: one regex search per paper and
theme it could join, and sparse products.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import scipy.sparse as sp

from summarizer.themes.model import ThemeDoc

NEAR_QUANTILE = 0.5  # a paper not writing the name stays when closer than this share of the writers
MIN_WRITERS = 3  # a name written by fewer papers of the pool gates nothing
PASSING_QUANTILE = 0.25  # a passing mention stays when closer than the least close quarter of them
RESCUE_QUANTILE = 0.25  # a writer from another cluster joins on the same terms
TITLED = 3  # mentions(): the name is in the title or task


@lru_cache(maxsize=256)
def name_pattern(parts: tuple[str, ...]) -> re.Pattern[str]:
    """One regex for the name's phrases (keys as name.py makes them: lower case, hyphens as spaces)."""
    spelled = [r"[\s\-]+".join(re.escape(w) for w in part.split()) + r"(?:s|es)?" for part in parts]
    return re.compile(rf"(?<![\w-])(?:{'|'.join(spelled)})(?![\w-])", re.IGNORECASE)


def writes(card: ThemeDoc, parts: Sequence[str]) -> bool:
    return mentions(card, parts) > 0


def mentions(card: ThemeDoc, parts: Sequence[str]) -> int:
    """3: the paper names the topic in its title or task; 2: twice in its abstract (both: where it states its
    own topic); 1: one passing mention ("trained by gradient descent"); 0: none."""
    if titled(card, parts):
        return TITLED
    found = name_pattern(tuple(parts)).finditer(card.abstract or "")
    return 0 if next(found, None) is None else 2 if next(found, None) is not None else 1


def titled(card: ThemeDoc, parts: Sequence[str]) -> bool:
    """The paper names the topic in its title or task."""
    pattern = name_pattern(tuple(parts))
    return any(pattern.search(text) for text in (card.title, card.task or "") if text)


@dataclass
class Gate:
    """A theme's name phrases and where its papers sit: what a paper needs to belong."""

    parts: tuple[str, ...]
    centroid: sp.csr_matrix  # 1 x vocabulary, unit length
    rescue_line: float
    # what let a paper of the pool in, kept to admit papers the fit never saw (archive.py)
    core_level: int = 2  # mentions() at or above this: in unconditionally
    passing: float = 0.0  # a passing mention: in when at least this close
    near: float = 0.0  # no mention: in when at least this close
    strangers: bool = True  # False: only papers titled by the name (leftover themes)

    def admits(self, level: int, similarity: float) -> bool:
        """Would `Gate.fit` have kept a paper of this `mentions()` level sitting this close to the centroid."""
        if not self.strangers:
            return level == TITLED
        return level >= self.core_level or (level > 0 and similarity >= self.passing) or similarity >= self.near

    @classmethod
    def fit(cls, cards: Sequence[ThemeDoc], matrix: sp.csr_matrix, pool: np.ndarray,
            parts: Sequence[str], strangers: bool = True) -> tuple[Gate | None, np.ndarray]:
        """The gate of a name over `pool`, and the mask of `pool` it keeps (None: too few papers name it).

        The centroid is that of the papers naming the topic in a topical place (of all that name it when
        they are too few); a passing mention stays when it sits about as close as they do (PASSING_QUANTILE),
        a paper that never names the topic when it is closer than half of them (NEAR_QUANTILE)."""
        level = np.array([mentions(cards[i], parts) for i in pool.tolist()], dtype=np.int8)
        writers = level > 0 if strangers else level == TITLED  # no strangers: only papers titled by the name
        if writers.sum() < MIN_WRITERS:
            return None, writers
        core_level = 2 if (level >= 2).sum() >= MIN_WRITERS else 1 if strangers else TITLED
        core = level >= core_level
        rows = matrix[pool]
        total = np.asarray(rows[core].sum(axis=0)).ravel()
        dots = np.asarray(rows @ total).ravel()
        norm = float(np.sqrt(total @ total))
        sims = dots / max(norm, 1e-12)
        sims[core] = _left_out(dots[core], norm)  # a paper is not compared with a centroid made of itself
        own = sims[core]
        centroid = sp.csr_matrix(total / max(norm, 1e-12), dtype=np.float32)
        passing, near = float(np.quantile(own, PASSING_QUANTILE)), float(np.quantile(own, NEAR_QUANTILE))
        gate = cls(tuple(parts), centroid, float(np.quantile(own, RESCUE_QUANTILE)), core_level, passing, near,
                   strangers)
        if not strangers:
            return gate, writers
        return gate, core | (writers & (sims >= passing)) | (sims >= near)


def _left_out(dots: np.ndarray, norm: float) -> np.ndarray:
    """Cosine of each unit row with the sum minus that row: (x.S - 1) / |S - x|."""
    rest = np.sqrt(np.maximum(norm * norm - 2 * dots + 1, 1e-12))
    return (dots - 1) / rest


def rescue(cards: Sequence[ThemeDoc], matrix: sp.csr_matrix, others: np.ndarray,
           gates: Sequence[Gate]) -> np.ndarray:
    """For each paper of `others`, the index of the gate it passes best (closest centroid), or -1: it names
    the topic and sits as close as most of the theme's papers."""
    out = np.full(len(others), -1)
    if not gates or not len(others):
        return out
    sims = np.asarray((matrix[others] @ sp.vstack([g.centroid for g in gates]).T).todense())
    lines = np.array([g.rescue_line for g in gates])
    for row, i in enumerate(others.tolist()):
        for t in np.argsort(-sims[row], kind="stable"):
            if sims[row, t] >= lines[t] and writes(cards[i], gates[t].parts):
                out[row] = t
                break
    return out
