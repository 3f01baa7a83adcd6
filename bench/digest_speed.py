"""CPU time to build and write the digest (HTML, Markdown, Atom) for the 503 sample cards.

Run: .venv/bin/python bench/digest_speed.py   (CPU seconds, so a busy machine does not inflate it)
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from summarizer.digest import write_digest
from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.digest.verify import verify_overview
from summarizer.digest.view import DigestMeta
from summarizer.themes import assign_themes
from tests.cards_factory import sample_cards


def main() -> None:
    themed = assign_themes(list(sample_cards()))
    grouped = themed.by_theme()
    meta = DigestMeta(date="2026-11-22", sources=["examples/hf-papers"], cards=len(themed.cards))
    with tempfile.TemporaryDirectory() as out:
        start = time.process_time()
        overviews = {n: verify_overview(o, grouped[n])
                     for n, o in ExtractiveOverviewWriter().write_overviews(grouped).items()}
        middle = time.process_time()
        paths = write_digest(themed, overviews, Path(out), meta)
        end = time.process_time()
        sizes = {p.name: p.stat().st_size // 1024 for p in paths}
    print(f"{len(themed.cards)} cards, {len(themed.themes)} themes: overviews {middle - start:.3f} s CPU, "
          f"digest {end - middle:.3f} s CPU; sizes KiB {sizes}")


if __name__ == "__main__":
    main()
