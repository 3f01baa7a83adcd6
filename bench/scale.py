"""How far one machine goes offline: `summarizer run` on synthetic archives of N papers.

The listings are built from the bundled samples: each synthetic paper is a sample paper
with its abstract's sentences shuffled and a numbered title, so texts stay realistic
(same vocabulary, lengths and claims) while every paper is unique. Each size runs
`summarizer run --backend rules` in a child process and reports wall time, peak memory
(the child's max RSS), papers per hour and the per-stage timings from its run.json.

Run: `.venv/bin/python bench/scale.py 5000 20000 100000 [--workers N] [--keep DIR]`.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.rules_speed import SAMPLES, load_all  # noqa: E402


def write_listing(n: int, path: Path, seed: int = 0) -> None:
    """N unique papers as JSONL, derived from the sample records."""
    papers, rng = load_all([SAMPLES]), random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n):
            paper = papers[i % len(papers)]
            sentences = paper.abstract.split(". ")
            rng.shuffle(sentences)
            record = {"title": f"{paper.title} ({i})", "abstract": ". ".join(sentences), "url": paper.url,
                      "date": paper.date, "upvotes": paper.upvotes}
            handle.write(json.dumps(record) + "\n")


def run_once(listing: Path, out: Path, workers: int | None) -> dict[str, object]:
    """One `summarizer run` in a child process; wall time and the child's own peak RSS."""
    cmd = [sys.executable, "-m", "summarizer", "run", str(listing), "--out", str(out), "--backend", "rules",
           "--no-cache"]
    if workers is not None:
        cmd += ["--workers", str(workers)]
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - start
    stderr = proc.stderr.read() if proc.stderr else ""
    if os.waitstatus_to_exitcode(status) not in (0, 1):
        raise SystemExit(f"summarizer run failed:\n{stderr}")
    report = json.loads((out / "run.json").read_text())
    # on Linux wait4's ru_maxrss is the largest of the child and its reaped descendants (the workers):
    # the peak of any one process, not their sum
    return {"wall_s": round(wall, 1), "peak_rss_mb": round(usage.ru_maxrss / 1024),
            "stages_s": report["timings_s"], "cards": report["counts"]["cards"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sizes", nargs="*", type=int, default=[5_000, 20_000])
    parser.add_argument("--workers", type=int, default=None, help="passed to `summarizer run --workers`")
    parser.add_argument("--keep", type=Path, default=None, help="keep listings and outputs here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        base = args.keep or Path(tmp)
        base.mkdir(parents=True, exist_ok=True)
        print(f"{'papers':>8} {'wall s':>7} {'peak MB':>8} {'papers/h':>10}  stages (s)")
        for n in args.sizes:
            listing = base / f"listing-{n}.jsonl"
            if not listing.exists():
                write_listing(n, listing)
            result = run_once(listing, base / f"out-{n}", args.workers)
            rate = n / float(result["wall_s"]) * 3600  # type: ignore[arg-type]
            print(f"{n:>8} {result['wall_s']:>7} {result['peak_rss_mb']:>8} {rate:>10,.0f}  {result['stages_s']}",
                  flush=True)


if __name__ == "__main__":
    main()
