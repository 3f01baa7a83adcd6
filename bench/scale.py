"""How far one machine goes offline: `summarizer run` on synthetic archives of N papers.

The listings are built from the bundled samples: each synthetic paper is a sample paper
with its abstract's sentences shuffled and a numbered title, so texts stay realistic
(same vocabulary, lengths and claims) while every paper is unique. Each size runs
`summarizer run --backend rules` in a child process and reports wall time, peak memory
(the child's max RSS), papers per hour and the per-stage timings from its run.json.

Run: `.venv/bin/python bench/scale.py 5000 20000 100000 200000 500000 [--workers N] [--keep DIR]`.
Sizes past 100,000 are written as a folder of 100,000-paper files (one input file is capped at 200 MiB).
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

PART = 100_000  # papers per file: an input file is refused over 200 MiB (~140,000 of these papers)


def write_listing(n: int, path: Path, seed: int = 0) -> None:
    """N unique papers as JSONL, derived from the sample records; past PART papers, a folder of PART-paper files."""
    papers, rng = load_all([SAMPLES]), random.Random(seed)
    if n > PART:
        path.mkdir(parents=True, exist_ok=True)
    handle = None
    for i in range(n):
        if i % PART == 0:
            if handle is not None:
                handle.close()
            handle = (path / f"part-{i // PART:03d}.jsonl" if n > PART else path).open("w", encoding="utf-8")
        paper = papers[i % len(papers)]
        sentences = paper.abstract.split(". ")
        rng.shuffle(sentences)
        record = {"title": f"{paper.title} ({i})", "abstract": ". ".join(sentences), "url": paper.url,
                  "date": paper.date, "upvotes": paper.upvotes}
        assert handle is not None
        handle.write(json.dumps(record) + "\n")
    if handle is not None:
        handle.close()


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
        print(f"{'papers':>8} {'wall s':>7} {'peak MB':>8} {'papers/h':>10} {'load 1m':>8}  stages (s)")
        for n in args.sizes:
            listing = base / (f"listing-{n}" if n > PART else f"listing-{n}.jsonl")
            if not listing.exists():
                write_listing(n, listing)
            result = run_once(listing, base / f"out-{n}", args.workers)
            rate = n / float(result["wall_s"]) * 3600  # type: ignore[arg-type]
            load = os.getloadavg()[0]  # other work on the machine inflates the wall time: say how busy it was
            print(f"{n:>8} {result['wall_s']:>7} {result['peak_rss_mb']:>8} {rate:>10,.0f} {load:>8.1f}  "
                  f"{result['stages_s']}", flush=True)


if __name__ == "__main__":
    main()
