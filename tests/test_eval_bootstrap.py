"""Bootstrap intervals: deterministic, sensible, and the paired test finds real drops only."""

from __future__ import annotations

import numpy as np

from summarizer.evaluation.bootstrap import mean_ci, micro_ci, paired_bootstrap


def test_mean_ci_is_deterministic_and_contains_the_mean() -> None:
    values = list(np.random.default_rng(1).random(80))
    first, second = mean_ci(values), mean_ci(values)
    assert first == second
    assert first[0] < float(np.mean(values)) < first[1]


def test_mean_ci_width_shrinks_with_more_papers() -> None:
    rng = np.random.default_rng(2)
    small, large = rng.integers(0, 2, 30), rng.integers(0, 2, 600)
    lo_s, hi_s = mean_ci(list(small))
    lo_l, hi_l = mean_ci(list(large))
    assert hi_l - lo_l < hi_s - lo_s


def test_micro_ci_degenerate() -> None:
    assert micro_ci([1, 1], [0, 0], [0, 0]) == (1.0, 1.0)


def test_paired_identical_is_not_a_drop() -> None:
    scores = list(np.random.default_rng(3).random(60))
    result = paired_bootstrap(scores, scores)
    assert result.delta == 0 and not result.significant_drop


def test_paired_detects_consistent_drop() -> None:
    base = [1.0] * 60
    new = [1.0] * 45 + [0.0] * 15
    result = paired_bootstrap(base, new)
    assert result.significant_drop and result.high < 0


def test_paired_ignores_a_single_noisy_paper() -> None:
    base = [1.0] * 60
    new = [1.0] * 59 + [0.0]
    assert not paired_bootstrap(base, new).significant_drop


def test_paired_same_seed_same_interval() -> None:
    rng = np.random.default_rng(4)
    base, new = list(rng.random(50)), list(rng.random(50))
    assert paired_bootstrap(base, new) == paired_bootstrap(base, new)
