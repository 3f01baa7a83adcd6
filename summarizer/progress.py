"""Progress reporting that the pipeline can call without knowing about terminals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

Advance = Callable[[int], None]


class ProgressSink(Protocol):
    def stage(self, name: str, total: int | None) -> AbstractContextManager[Advance]:
        """A context manager yielding `advance(n)` for one pipeline stage."""
        ...


class NullProgress:
    """For tests and library use: stages run silently."""

    @contextmanager
    def stage(self, name: str, total: int | None) -> Iterator[Advance]:
        yield lambda n=1: None


class RichProgress:
    """Rich bars on stderr; hidden when stderr is not a terminal (CI logs stay clean)."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)

    @contextmanager
    def stage(self, name: str, total: int | None) -> Iterator[Advance]:
        if not self.console.is_terminal:
            yield lambda n=1: None
            return
        columns = (TextColumn("[bold]{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                   TimeElapsedColumn())
        with Progress(*columns, console=self.console, transient=False) as bar:
            task = bar.add_task(name, total=total)
            yield lambda n=1: bar.advance(task, n)
