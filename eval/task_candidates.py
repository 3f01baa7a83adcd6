"""Every task candidate of every dev paper, with the checks it passes and its token-F1 against the gold.

Shows how far the chooser is from the best candidate it already has (the oracle), per tier, so that changes
to the chooser are measured against what is reachable. Dev only: never point it at held-out or blind files.

Run: `python eval/task_candidates.py [eval/labeled.jsonl] [--batch "batch 19"] [--show]`.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from summarizer.evaluation.metrics import score_task
from summarizer.extract.rules.method import find_method
from summarizer.extract.rules.sentences import split_sentences
from summarizer.extract.rules.task import all_candidates, find_task


def dev_records(path: Path, batch: str | None) -> list[dict]:
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in records if r["split"] == "dev" and (batch is None or r["notes"].startswith(batch))]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("labeled", nargs="?", default="eval/labeled.jsonl")
    parser.add_argument("--batch")
    parser.add_argument("--show", action="store_true")
    args = parser.parse_args()
    chosen_sum = oracle_sum = oracle_ok_sum = 0.0
    records = dev_records(Path(args.labeled), args.batch)
    for r in records:
        title, abstract, gold = r["title"], r["abstract"], r["gold"]["task"]
        sentences = split_sentences(abstract)
        method = find_method(title, abstract, sentences)
        name = method.name.value if method else None
        hit = find_task(title, name, sentences, abstract)
        chosen = score_task(gold, hit.value if hit else None).lenient
        cands = all_candidates(title, name, sentences, abstract)
        scored = [(score_task(gold, c.hit.value).lenient, c) for c in cands]
        oracle = max((f for f, _ in scored), default=0.0)
        oracle_ok = max((f for f, c in scored if c.ok), default=0.0)
        chosen_sum, oracle_sum, oracle_ok_sum = chosen_sum + chosen, oracle_sum + oracle, oracle_ok_sum + oracle_ok
        if args.show and chosen < 1:
            print(f"\n== {title}\n   gold={gold}\n   chosen={hit.value if hit else None!r} F1={chosen:.2f}")
            for f, c in scored:
                mark = "ok" if c.ok else "--"
                print(f"   {f:.2f} {mark} {c.tier:18} {c.hit.value!r}")
    n = len(records) or 1
    print(f"n={len(records)} chosen={100 * chosen_sum / n:.1f} oracle(passing)={100 * oracle_ok_sum / n:.1f} "
          f"oracle(all)={100 * oracle_sum / n:.1f}")


if __name__ == "__main__":
    main()
