"""Draw the 30 outside papers labeled twice under guidelines v2 (eval/double_labeled_v2_ids.txt).

Rule: per split (heldout, dev), the `origin: outside` records ordered by sha1(id); the first 12 whose gold has
at least one gain, then the first 3 whose gold has none (so "which numbers are gains at all" is tested on papers
with no gain too). The only gold the draw reads is whether `gains` is empty; it prints ids and titles, nothing else.
Run: `python eval/draw_double_v2.py` (deterministic; rewrites the ids file).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
PER_SPLIT = {"with_gains": 12, "without_gains": 3}


def draw(records: list[dict]) -> list[dict]:
    chosen = []
    for split in ("heldout", "dev"):
        pool = sorted((r for r in records if r["split"] == split and r.get("origin") == "outside"),
                      key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())
        with_gains = [r for r in pool if r["gold"].get("gains")][: PER_SPLIT["with_gains"]]
        without = [r for r in pool if not r["gold"].get("gains")][: PER_SPLIT["without_gains"]]
        chosen += with_gains + without
    return chosen


def main() -> None:
    records = [json.loads(line) for line in (HERE / "labeled.jsonl").read_text().splitlines() if line.strip()]
    chosen = draw(records)
    lines = ["# 30 outside papers labeled twice under guidelines v2 (drawn by eval/draw_double_v2.py): per split, "
             "sha1(id) order, first 12 with a gold gain + first 3 without", "# id\tsplit\ttitle"]
    lines += [f"{r['id']}\t{r['split']}\t{r['title']}" for r in chosen]
    (HERE / "double_labeled_v2_ids.txt").write_text("\n".join(lines) + "\n")
    print(f"{len(chosen)} papers written")


if __name__ == "__main__":
    main()
