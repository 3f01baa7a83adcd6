"""Themes at archive scale: time and peak memory of `assign_themes` on synthetic listings.

Synthetic papers are perturbed copies of the bundled samples' rules cards: sentences and
words dropped at random, and a few coined tokens (a method name, a dataset) drawn from a pool
that grows with n, so the vocabulary grows with the archive as real ones do. Each size runs in
its own process so its peak RSS is its own.

    python bench/themes_scale.py                 # 5k, 20k, 100k
    python bench/themes_scale.py --sizes 20000   # one size
"""

from __future__ import annotations

import argparse
import json
import os
import re
import resource
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.models import PaperCard  # noqa: E402

TARGETS = {20_000: 20.0, 100_000: 120.0}  # seconds, from issue 11
MEMORY_TARGET_MB = 1500


def sample_cards() -> list[PaperCard]:
    from tests.cards_factory import sample_cards as cards

    return list(cards())


def _perturb(text: str, rng: np.random.Generator, coined: int) -> str:
    sentences = [s for s in re.split(r"(?<=[.!?])\s+", text) if s]
    kept = [s for s in sentences if rng.random() > 0.15] or sentences[:2]
    words = " ".join(kept).split()
    words = [w for w in words if rng.random() > 0.08]
    for _ in range(2):  # a coined name or dataset, as every paper has
        words.insert(int(rng.integers(0, len(words) + 1)), f"Zq{int(rng.integers(0, coined)):x}")
    return " ".join(words)


def synthetic_cards(n: int, seed: int = 0) -> list[PaperCard]:
    """n perturbed copies of the samples, deterministic for a seed."""
    base = sample_cards()
    rng = np.random.default_rng(seed)
    coined = max(1000, n // 2)
    out = []
    for i in range(n):
        card = base[i % len(base)]
        title_words = [w for w in card.title.split() if rng.random() > 0.1] or card.title.split()
        out.append(card.model_copy(update={
            "id": f"syn{i:07d}", "title": " ".join(title_words), "abstract": _perturb(card.abstract, rng, coined),
        }))
    return out


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def measure(n: int) -> dict[str, object]:
    from summarizer.themes import OTHER, assign_themes

    cards = synthetic_cards(n)
    before = _rss_mb()
    start, cpu = time.perf_counter(), time.process_time()
    themed = assign_themes(cards)
    seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
    other = sum(t.size for t in themed.themes if t.name == OTHER)
    return {
        "n": n, "seconds": round(seconds, 1), "cpu_seconds": round(cpu, 1),
        "peak_rss_mb": round(_rss_mb()), "rss_before_mb": round(before),
        "themes": len(themed.themes), "other_share": round(other / n, 3),
        "names": [f"{t.name} ({t.size} papers, {t.metrics()})" for t in themed.themes],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[5_000, 20_000, 100_000])
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a child process measuring one size
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    print(f"{os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f} (wall time > CPU time on a busy machine)")
    for n in args.sizes:
        out = subprocess.run([sys.executable, __file__, "--one", str(n)], capture_output=True, text=True, check=True)
        result = json.loads(out.stdout.strip().splitlines()[-1])
        target = TARGETS.get(n)
        verdict = "" if target is None else (" ok" if result["seconds"] < target else f" OVER {target:.0f} s")
        print(f"{n:>7} papers: themes {result['seconds']:6.1f} s{verdict} (CPU {result['cpu_seconds']} s), "
              f"peak RSS {result['peak_rss_mb']} MB "
              f"(cards alone {result['rss_before_mb']} MB), {result['themes']} themes, "
              f"Other {result['other_share']:.0%}")
        for name in result["names"]:
            print(f"          {name}")


if __name__ == "__main__":
    main()
