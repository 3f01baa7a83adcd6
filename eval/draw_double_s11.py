"""Draw the 15 held-out papers labeled again under the §11 decisions (eval/double_labeled_s11_ids.txt).

Rule: the `heldout` records of `eval/labeled.jsonl` (any origin: sample pages and outside) whose gold has at
least one gain and which are not already twice labeled (`eval/double_labeled_v2_ids.txt`), ordered by sha1(id);
the first 15. Only held-out papers with gains are drawn because the question is whether the held-out
gain-record bar (>= 90) is measurable. The only gold the draw reads is whether `gains` is empty; it prints
ids, splits and titles, nothing else.
Run: `python eval/draw_double_s11.py` (deterministic; rewrites the ids file).
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

HERE = Path(__file__).resolve().parent
N_PAPERS = 15


def read_ids(path: Path) -> set[str]:
    """Ids of an ids file (first tab-separated column; `#` lines are comments)."""
    return {line.split("\t")[0] for line in path.read_text().splitlines() if line.strip() and not line.startswith("#")}


def draw(records: list[dict], exclude: set[str], n: int = N_PAPERS) -> list[dict]:
    """First `n` held-out records with a gold gain, not in `exclude`, in sha1(id) order."""
    pool = [r for r in records if r["split"] == "heldout" and r["gold"].get("gains") and r["id"] not in exclude]
    return sorted(pool, key=lambda r: hashlib.sha1(r["id"].encode()).hexdigest())[:n]


def main() -> None:
    records = [json.loads(line) for line in (HERE / "labeled.jsonl").read_text().splitlines() if line.strip()]
    chosen = draw(records, read_ids(HERE / "double_labeled_v2_ids.txt"))
    lines = [f"# {len(chosen)} held-out papers with a gold gain labeled again under GUIDELINES §11 as decided "
             "2026-11-29 (drawn by eval/draw_double_s11.py): sha1(id) order, not in double_labeled_v2_ids.txt",
             "# id\tsplit\ttitle"]
    lines += [f"{r['id']}\t{r['split']}\t{r['title']}" for r in chosen]
    (HERE / "double_labeled_s11_ids.txt").write_text("\n".join(lines) + "\n")
    print("\n".join(lines[2:]))


if __name__ == "__main__":
    main()
