"""Which sentence the summary rule picks, next to the best one, per dev paper.

The summary is scored by ROUGE-1 against a human one-sentence summary; the best single abstract sentence
(the oracle) is the ceiling of an extractive pick. This prints, for every dev paper where the pick is not the
oracle, both sentences with their index and score, then the totals: mean pick, mean oracle, how often the pick
is the oracle sentence and how often the oracle is the sentence right after the pick (the "how it works"
sentence that follows a naming-only contribution sentence). Dev only: never point it at the blind set.

    python eval/summary_picks.py            # losses only
    python eval/summary_picks.py --all      # every dev paper
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from summarizer.evaluation.text_scores import rouge  # noqa: E402
from summarizer.extract.rules.method import find_method  # noqa: E402
from summarizer.extract.rules.sentences import split_sentences  # noqa: E402
from summarizer.extract.rules.summary import find_summary  # noqa: E402


def name_of(record: dict) -> str | None:
    """The method name the rules find, as the extractor passes it to the summary rule."""
    method = find_method(record["title"], record["abstract"], split_sentences(record["abstract"]))
    return method.name.value if method else None


def dev_records(path: Path) -> list[dict]:
    """Dev records with a summary gold (the blind set is refused: it is not to be looked at)."""
    if "blind" in path.name:
        raise SystemExit("summary_picks: the blind set is not to be tuned on")
    records = [json.loads(line) for line in path.read_text().splitlines() if line.strip()]
    return [r for r in records if r["split"] == "dev" and r["gold"].get("summary")]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--labeled", type=Path, default=ROOT / "eval" / "labeled.jsonl")
    parser.add_argument("--all", action="store_true", help="show every paper, not only the losses")
    args = parser.parse_args()
    picks, oracles, same, next_one = [], [], 0, 0
    for record in dev_records(args.labeled):
        gold, sentences = record["gold"]["summary"], split_sentences(record["abstract"])
        hit = find_summary(sentences, record["title"], name_of(record))
        pick = rouge(gold, hit.value)[0] if hit else 0.0
        scores = [rouge(gold, s.text)[0] for s in sentences]
        best = max(range(len(scores)), key=scores.__getitem__)
        at = next((i for i, s in enumerate(sentences) if hit and s.start <= hit.start < s.end), -1)
        picks.append(pick)
        oracles.append(scores[best])
        same += at == best
        next_one += best == at + 1
        if args.all or at != best:
            print(f"== {record['id']} {record['title'][:70]}\n   gold   {gold}\n"
                  f"   pick   [{at}] {100 * pick:.0f}  {hit.value if hit else None}\n"
                  f"   oracle [{best}] {100 * scores[best]:.0f}  {sentences[best].text}")
    n = len(picks)
    print(f"\nn={n}  pick {100 * sum(picks) / n:.1f}  oracle {100 * sum(oracles) / n:.1f}  "
          f"pick is oracle {same}/{n}  oracle is the next sentence {next_one}/{n}")


if __name__ == "__main__":
    main()
