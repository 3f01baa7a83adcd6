"""Cards on disk between extraction and the outputs, so a run's memory does not grow with its cards.

A card with its provenance is ~18 KB in memory; 100,000 of them were most of a 2 GB run. The
pipeline appends each card here as it is extracted and keeps only what later stages read (theme
texts, ranking fields); exports stream the spool back, and the digest re-reads only the cards it
shows. One JSON line per card (the export's own form), an 8-byte offset per card to find it again.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterable, Iterator
from pathlib import Path
from types import TracebackType
from typing import IO

from summarizer.models import PaperCard

READ_BUFFER = 1 << 20


class CardSpool:
    """Append-only card file: `append` returns the card's index; `read` and iteration give cards back."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self._file: IO[bytes] = path.open("w+b")
        self._offsets = array("q")
        self._end = 0

    def __len__(self) -> int:
        return len(self._offsets)

    def append(self, card: PaperCard) -> int:
        line = card.model_dump_json().encode("utf-8") + b"\n"
        self._file.seek(self._end)
        self._file.write(line)
        self._offsets.append(self._end)
        self._end += len(line)
        return len(self._offsets) - 1

    def read(self, indices: Iterable[int]) -> dict[int, PaperCard]:
        """The cards at `indices`, read in file order (one seek each)."""
        self._file.flush()
        cards: dict[int, PaperCard] = {}
        for index in sorted(set(indices)):
            self._file.seek(self._offsets[index])
            cards[index] = PaperCard.model_validate_json(self._file.readline())
        return cards

    def __iter__(self) -> Iterator[PaperCard]:
        """Every card in the order appended, read through a private handle (reads may interleave)."""
        self._file.flush()
        with self.path.open("rb", buffering=READ_BUFFER) as handle:
            for _ in range(len(self._offsets)):
                yield PaperCard.model_validate_json(handle.readline())

    def close(self) -> None:
        self._file.close()

    def remove(self) -> None:
        self.close()
        self.path.unlink(missing_ok=True)

    def __enter__(self) -> CardSpool:
        return self

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None) -> None:
        self.remove()
