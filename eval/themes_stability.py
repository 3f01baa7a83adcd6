"""Automatic themes under small input changes: do the same papers stay together?

A day's listing and tomorrow's similar one differ in a few papers, and the task rules change a few task
phrases as they improve. Themes a reader can trust keep their papers together through that. Per listing
(the samples, `eval/outside/papers.jsonl`, both mixed) this prints the themes' count and `Other` share,
then for each perturbation (several seeds) how the themes moved, on the papers both runs see:

- *task*: ~1% of the cards get another task phrase (a noun phrase of their own abstract, or none);
- *drop*: ~1% of the papers are left out.

Figures: `pairs kept` = of the pairs of papers sharing a named theme before, the share that still do
after; `ARI` = adjusted Rand index of the two partitions (each `Other` paper its own singleton, so a
shared `Other` counts as no agreement); `other` = the perturbed run's `Other` share. Misfiled: the
hand-labelled purity sample of `eval/themes_check.py` (samples only).

    python eval/themes_stability.py                    # all listings, 3 seeds each
    python eval/themes_stability.py --listing samples --seeds 5
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.metrics import adjusted_rand_score

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "eval"))

from themes_check import listing, load_labels, purity_sample  # noqa: E402

from summarizer.models import PaperCard  # noqa: E402
from summarizer.themes import OTHER, ThemedCards, assign_themes  # noqa: E402
from summarizer.themes.name import phrases  # noqa: E402

SHARE = 0.01


def perturb_tasks(cards: list[PaperCard], seed: int, share: float = SHARE) -> list[PaperCard]:
    """~`share` of the cards with another task: a 2-3 word phrase of their abstract (or none when it has none)."""
    rng = np.random.default_rng(seed)
    chosen = set(rng.choice(len(cards), size=max(1, round(share * len(cards))), replace=False).tolist())
    out = []
    for i, card in enumerate(cards):
        if i in chosen:
            options = sorted({" ".join(words) for words in phrases(card.abstract).values() if len(words) >= 2})
            task = options[int(rng.integers(len(options)))] if options else None
            card = card.model_copy(update={"task": task})
        out.append(card)
    return out


def drop_papers(cards: list[PaperCard], seed: int, share: float = SHARE) -> list[PaperCard]:
    rng = np.random.default_rng(seed)
    gone = set(rng.choice(len(cards), size=max(1, round(share * len(cards))), replace=False).tolist())
    return [c for i, c in enumerate(cards) if i not in gone]


def theme_of(themed: ThemedCards) -> dict[str, str]:
    return {c.id: c.theme or OTHER for c in themed.cards}


def pairs_kept(before: dict[str, str], after: dict[str, str]) -> float:
    """Of the pairs sharing a named theme before (papers in both runs), the share sharing one after."""
    common = [i for i in before if i in after]
    together = kept = 0
    groups: dict[str, list[str]] = {}
    for i in common:
        if before[i] != OTHER:
            groups.setdefault(before[i], []).append(i)
    for members in groups.values():
        n = len(members)
        together += n * (n - 1) // 2
        counts = Counter(after[i] for i in members if after[i] != OTHER)
        kept += sum(c * (c - 1) // 2 for c in counts.values())
    return kept / together if together else 1.0


def ari(before: dict[str, str], after: dict[str, str]) -> float:
    common = [i for i in before if i in after]
    a = [before[i] if before[i] != OTHER else f"-{i}" for i in common]
    b = [after[i] if after[i] != OTHER else f"-{i}" for i in common]
    return float(adjusted_rand_score(a, b))


def other_share(themed: ThemedCards) -> float:
    return sum(t.size for t in themed.themes if t.name == OTHER) / max(len(themed.cards), 1)


def misfiled(themed: ThemedCards) -> str:
    labels = load_labels()
    known = [labels[(c.id, c.theme)] for c in purity_sample(themed) if (c.id, c.theme) in labels]
    return f"{known.count(False)}/{len(known)} labelled misfiled ({len(purity_sample(themed)) - len(known)} unlabelled)"


def report(name: str, seeds: int) -> dict[str, float]:
    cards = listing(name)
    start = time.process_time()
    base = assign_themes(cards)
    seconds = time.process_time() - start
    named = len([t for t in base.themes if t.name != OTHER])
    extra = f", {misfiled(base)}" if name == "samples" else ""
    print(f"== {name}: {len(cards)} papers, {named} themes, Other {other_share(base):.0%}{extra}, {seconds:.1f} s CPU")
    before = theme_of(base)
    figures: dict[str, list[float]] = {}
    for kind, change in (("task", perturb_tasks), ("drop", drop_papers)):
        for seed in range(seeds):
            after = assign_themes(change(cards, seed))
            moved = theme_of(after)
            kept, agreement = pairs_kept(before, moved), ari(before, moved)
            count = len([t for t in after.themes if t.name != OTHER])
            figures.setdefault(f"{kind} pairs kept", []).append(kept)
            figures.setdefault(f"{kind} ARI", []).append(agreement)
            print(f"  {kind} seed {seed}: pairs kept {kept:.2f}, ARI {agreement:.2f}, "
                  f"{count} themes, Other {other_share(after):.0%}")
    means = {k: float(np.mean(v)) for k, v in figures.items()}
    print("  mean: " + ", ".join(f"{k} {v:.2f}" for k, v in means.items())
          + f"; min pairs kept {min(min(figures['task pairs kept']), min(figures['drop pairs kept'])):.2f}")
    return means


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listing", choices=["samples", "outside", "mixed"], action="append")
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    for name in args.listing or ["samples", "outside", "mixed"]:
        report(name, args.seeds)


if __name__ == "__main__":
    main()
