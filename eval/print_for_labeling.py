"""Print only id, title and abstract of the listed papers: what a second labeler may see (never the gold).

Run: `python eval/print_for_labeling.py eval/double_labeled_v2_ids.txt [eval/labeled.jsonl]`.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path


def main(ids_path: str, labeled_path: str = "eval/labeled.jsonl") -> None:
    ids = [line.split("\t")[0] for line in Path(ids_path).read_text().splitlines()
           if line.strip() and not line.startswith("#")]
    by_id = {}
    for line in Path(labeled_path).read_text().splitlines():
        if line.strip():
            record = json.loads(line)
            by_id[record["id"]] = (record["title"], record["abstract"])
    for paper_id in ids:
        title, abstract = by_id[paper_id]
        print(f"=== {paper_id}\nTITLE: {title}\nABSTRACT: {abstract}\n")


if __name__ == "__main__":
    main(*sys.argv[1:])
