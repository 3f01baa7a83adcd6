"""Speed of the offline rules backend over every sample record (564, before dedupe).

Run: `.venv/bin/python bench/rules_speed.py [--repeat N] [paths...]`. Prints the
record count, wall and CPU seconds, and CPU milliseconds per 100 papers (the
figure the rules issue budgets: under 2 ms of CPU per paper, 200 ms per 100).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from summarizer.extract.rules import RulesExtractor
from summarizer.models import Paper
from summarizer.sources import parse_file
from summarizer.sources.loader import expand_inputs

SAMPLES = Path(__file__).resolve().parents[1] / "examples" / "hf-papers"


def load_all(paths: list[Path]) -> list[Paper]:
    """Every record of every file, duplicates included: the benchmark measures records, not unique papers."""
    papers: list[Paper] = []
    for path in expand_inputs(paths):
        papers.extend(parse_file(path, lambda _msg: None)[1])
    return papers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="*", type=Path, default=[SAMPLES])
    parser.add_argument("--repeat", type=int, default=5, help="timed passes; the best is reported")
    args = parser.parse_args()
    papers = load_all(args.paths)
    extractor = RulesExtractor()
    extractor.extract_all(papers[:5])  # warm-up: compiles the regexes and lexicon indexes once
    best_wall, best_cpu = float("inf"), float("inf")
    for _ in range(max(1, args.repeat)):
        wall, cpu = time.perf_counter(), time.process_time()
        extractor.extract_all(papers)
        best_wall = min(best_wall, time.perf_counter() - wall)
        best_cpu = min(best_cpu, time.process_time() - cpu)
    per_100 = best_cpu / max(1, len(papers)) * 100 * 1000
    print(f"papers: {len(papers)}")
    print(f"wall seconds: {best_wall:.3f}")
    print(f"cpu seconds: {best_cpu:.3f}")
    print(f"cpu ms per 100 papers: {per_100:.1f}")
    print(f"cpu ms per paper: {per_100 / 100:.2f} (budget: 2.00)")


if __name__ == "__main__":
    main()
