"""Past SPOOL_ABOVE records the loaded papers wait on disk; they are the same papers, in the same order."""

from __future__ import annotations

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
