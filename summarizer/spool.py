"""Cards on disk between extraction and the outputs, so a run's memory does not grow with its cards.

A card with its provenance is ~18 KB in memory; 100,000 of them were most of a 2 GB run. The
pipeline appends each card here as it is extracted and keeps only what later stages read (theme
texts, ranking fields); exports stream the spool back, and the digest re-reads only the cards it
shows. One JSON line per card (the export's own form), an 8-byte offset per card to find it again.
The theme texts wait on disk too (`DocSpool`): themes read them once in order and by fixed samples,
and a million abstracts would otherwise be the largest thing a run holds.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from types import TracebackType
from typing import IO, Self, overload

from summarizer.models import PaperCard
from summarizer.themes import ThemeDoc

READ_BUFFER = 1 << 20


class _LineSpool:
    """An append-only file of lines, an 8-byte offset per line: the mechanics both spools share."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] = path.open("w+b")
        self._offsets = array("q")
        self._end = 0
        self._unflushed = False

    def __len__(self) -> int:
        return len(self._offsets)

    def _append(self, line: bytes) -> int:
        """Write one line at the end (reads may have moved the handle); returns its index."""
        self._file.seek(self._end)
        self._file.write(line)
        self._offsets.append(self._end)
        self._end += len(line)
        self._unflushed = True
        return len(self._offsets) - 1

    def _seek(self, index: int) -> None:
        """Put the shared handle at line `index`, flushing what was appended since the last read."""
        if self._unflushed:
            self._file.flush()
            self._unflushed = False
        self._file.seek(self._offsets[index])

    def _lines(self) -> Iterator[bytes]:
        """Every line in the order appended, through a private handle (reads may interleave)."""
        self._file.flush()
        with self.path.open("rb", buffering=READ_BUFFER) as handle:
            for _ in range(len(self._offsets)):
                yield handle.readline()

    def close(self) -> None:
        self._file.close()

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> Self:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.remove()


class CardSpool(_LineSpool):
    """Append-only card file: `append` returns the card's index; `read` and iteration give cards back."""

    def append(self, card: PaperCard) -> int:
        return self._append(card.model_dump_json().encode("utf-8") + b"\n")

    def read(self, indices: Iterable[int]) -> dict[int, PaperCard]:
        """The cards at `indices`, read in file order (one seek each)."""
        cards: dict[int, PaperCard] = {}
        for index in sorted(set(indices)):
            self._seek(index)
            cards[index] = PaperCard.model_validate_json(self._file.readline())
        return cards

    def __iter__(self) -> Iterator[PaperCard]:
        for line in self._lines():
            yield PaperCard.model_validate_json(line)


class DocSpool(_LineSpool, Sequence[ThemeDoc]):
    """Theme texts on disk, one JSON array a line: a `Sequence[ThemeDoc]` for the themes module."""

    def append(self, doc: ThemeDoc) -> None:
        self._append(json.dumps([doc.id, doc.title, doc.task, doc.method, doc.abstract]).encode("ascii") + b"\n")

    @overload
    def __getitem__(self, index: int) -> ThemeDoc: ...

    @overload
    def __getitem__(self, index: slice) -> list[ThemeDoc]: ...

    def __getitem__(self, index: int | slice) -> ThemeDoc | list[ThemeDoc]:
        if not isinstance(index, slice):  # an int, or a numpy integer from a sample
            self._seek(index)
            return ThemeDoc(*json.loads(self._file.readline()))
        rows = range(*index.indices(len(self)))
        if index.step not in (None, 1):
            return [self[i] for i in rows]
        if rows:
            self._seek(rows[0])
        return [ThemeDoc(*json.loads(self._file.readline())) for _ in rows]

    def __iter__(self) -> Iterator[ThemeDoc]:
        for line in self._lines():
            yield ThemeDoc(*json.loads(line))
