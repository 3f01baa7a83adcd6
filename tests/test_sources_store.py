"""Past SPOOL_ABOVE records the loaded papers wait on disk; they are the same papers, in the same order."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from summarizer.sources import load_papers
from summarizer.sources.store import SpooledPapers


@pytest.mark.parametrize("spool_above", [0, 40, 300])
def test_papers_on_disk_are_the_papers_in_memory(samples_dir: Path, spool_above: int) -> None:
    in_memory = load_papers([samples_dir])
    on_disk = load_papers([samples_dir], spool_above=spool_above)
    assert isinstance(on_disk.papers, SpooledPapers) and isinstance(in_memory.papers, list)
    assert on_disk.duplicates == in_memory.duplicates == 61  # the richest copy of each, in first-seen order
    assert [p.model_dump() for p in on_disk.papers] == [p.model_dump() for p in in_memory.papers]
    assert len(on_disk.papers) == 503 and on_disk.papers[-1] == in_memory.papers[-1]
    assert on_disk.papers[10:13] == in_memory.papers[10:13]
    assert [s.records for s in on_disk.sources] == [s.records for s in in_memory.sources]


def _peak_bytes(path: Path, spool_above: int) -> tuple[int, int]:
    tracemalloc.start()
    try:
        loaded = load_papers([path], spool_above=spool_above)
        return len(loaded.papers), tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_a_large_jsonl_file_is_read_one_paper_at_a_time(tmp_path: Path) -> None:
    """On disk, a file's papers never exist all at once: the peak is about the file's text, not its papers."""
    listing = tmp_path / "archive.jsonl"
    abstract = "We study sparse attention for long documents. " * 20
    listing.write_text("".join(json.dumps({"title": f"Paper number {i}", "abstract": abstract}) + "\n"
                               for i in range(3000)), encoding="utf-8")
    size = listing.stat().st_size
    kept, in_memory = _peak_bytes(listing, spool_above=10**9)
    spooled, on_disk = _peak_bytes(listing, spool_above=100)
    assert kept == spooled == 3000
    assert in_memory > 3.5 * size  # the papers as objects: several times the text (4.7x when measured)
    assert on_disk < 0.6 * in_memory  # the text, its lines, and a paper at a time (2.3x the text)
