"""Draw batch 22: 20 sample-page papers not yet labeled, by a seeded random draw.

Why: dev holds only 28 sample-page papers against 300 outside ones, so task rules were tuned on a
distribution unlike held-out's. The draw is blind to any extractor output: it reads the pages with
the project's own reader, drops papers already in labeled/blind/blind2 (by id and normalised title),
and samples with a fixed seed. Run: `python eval/draw_batch22.py` (prints one id<TAB>title a line).
"""

from __future__ import annotations

import json
import random
from pathlib import Path

from summarizer.sources.loader import load_papers

SEED = 22
SIZE = 20
EVAL = Path(__file__).parent
TAKEN_FILES = ["labeled.jsonl", "blind.jsonl", "blind2.jsonl", "outside/papers.jsonl"]


def _norm(title: str) -> str:
    return " ".join(title.lower().split())


def taken() -> tuple[set[str], set[str]]:
    """Ids and normalised titles of every paper already in a labeled or blind file."""
    ids: set[str] = set()
    titles: set[str] = set()
    for name in TAKEN_FILES:
        path = EVAL / name
        if not path.exists():
            continue
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                rec = json.loads(line)
                ids.add(str(rec.get("id", "")))
                titles.add(_norm(str(rec.get("title", ""))))
    return ids, titles


def draw() -> list:
    ids, titles = taken()
    papers = load_papers([EVAL.parent / "examples" / "hf-papers"]).papers
    pool = sorted((p for p in papers if p.id not in ids and _norm(p.title) not in titles), key=lambda p: p.id)
    return random.Random(SEED).sample(pool, SIZE)


if __name__ == "__main__":
    for paper in draw():
        print(f"{paper.id}\t{paper.source}\t{paper.title}")
