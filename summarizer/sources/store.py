"""Where loaded papers wait for extraction: in memory for a day's listing, on disk for an archive.

100,000 papers held as objects took ~0.5 GB before the first card; a run reads each paper about
twice, in order. Past SPOOL_ABOVE records the loader writes every record to an anonymous
temporary file (one JSON line each) and keeps, per paper id, only the richest record's number:
memory then grows by an id and two integers per paper, and no input file is held longer than
it takes to parse it.
"""

from __future__ import annotations

import tempfile
import weakref
from array import array
from collections.abc import Iterable, Iterator, Sequence
from typing import IO, overload

from summarizer.models import Paper

SPOOL_ABOVE = 20_000  # records; a day's listing (hundreds) never touches the disk


class SpooledPapers(Sequence[Paper]):
    """De-duplicated papers in a temporary file, read back on demand in the order they were chosen."""

    def __init__(self, file: IO[bytes], offsets: array[int]) -> None:
        self._file, self._offsets = file, offsets
        weakref.finalize(self, file.close)  # the file goes when the last reference to its papers does

    def __len__(self) -> int:
        return len(self._offsets)

    @overload
    def __getitem__(self, index: int) -> Paper: ...

    @overload
    def __getitem__(self, index: slice) -> list[Paper]: ...

    def __getitem__(self, index: int | slice) -> Paper | list[Paper]:
        if isinstance(index, slice):
            return [self._read(self._offsets[i]) for i in range(*index.indices(len(self)))]
        return self._read(self._offsets[index])

    def __iter__(self) -> Iterator[Paper]:
        for offset in self._offsets:
            yield self._read(offset)

    def _read(self, offset: int) -> Paper:
        self._file.seek(offset)
        return Paper.model_validate_json(self._file.readline())


class PaperCollector:
    """Records in, de-duplicated papers out: one per id, the richest record, in first-seen order."""

    def __init__(self, spool_above: int = SPOOL_ABOVE) -> None:
        self.spool_above = spool_above
        self.records = 0
        self._kept: dict[str, Paper] = {}
        self._file: IO[bytes] | None = None
        self._best: dict[str, tuple[int, int]] = {}  # on disk: id -> (richness, offset of that record)

    def add(self, papers: Iterable[Paper]) -> int:
        """Take the papers (a stream is consumed one paper at a time); returns how many."""
        before = self.records
        for paper in papers:
            self.records += 1
            if self._file is None:
                current = self._kept.get(paper.id)
                if current is None or paper.richness() > current.richness():
                    self._kept[paper.id] = paper
                if self.records > self.spool_above:
                    self._to_disk()
            else:
                self._write(paper)
        return self.records - before

    def result(self) -> tuple[Sequence[Paper], int]:
        """The papers and how many records were duplicates."""
        if self._file is None:
            return list(self._kept.values()), self.records - len(self._kept)
        offsets = array("q", (offset for _, offset in self._best.values()))
        self._file.flush()
        self._closer.detach()
        return SpooledPapers(self._file, offsets), self.records - len(offsets)

    def _to_disk(self) -> None:
        self._file = tempfile.TemporaryFile()  # noqa: SIM115 - lives as long as the papers it holds
        self._closer = weakref.finalize(self, self._file.close)  # until SpooledPapers takes the file over
        kept, self._kept = self._kept, {}
        for paper in kept.values():
            self._write(paper)

    def _write(self, paper: Paper) -> None:
        assert self._file is not None
        current = self._best.get(paper.id)
        richness = paper.richness()
        if current is not None and richness <= current[0]:
            return
        offset = self._file.seek(0, 2)
        self._file.write(paper.model_dump_json().encode("utf-8") + b"\n")
        self._best[paper.id] = (richness, offset)
