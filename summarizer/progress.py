"""Progress reporting that the pipeline can call without knowing about terminals."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from typing import Protocol

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    ProgressColumn,
    Task,
    TaskProgressColumn,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

Advance = Callable[[int], None]


class ProgressSink(Protocol):
    def stage(self, name: str, total: int | None) -> AbstractContextManager[Advance]:
        """A context manager yielding `advance(n)` for one pipeline stage."""
        ...


class RateColumn(ProgressColumn):
    """Items per second, so a long backfill shows its pace beside the ETA."""

    def render(self, task: Task) -> Text:
        speed = task.finished_speed or task.speed
        return Text(f"{speed:,.0f}/s" if speed else "", style="progress.data.speed")


def _ignore(n: int = 1) -> None:
    """`advance` of a stage nobody watches."""


class NullProgress:
    """For tests and library use: stages run silently."""

    @contextmanager
    def stage(self, name: str, total: int | None) -> Iterator[Advance]:
        yield _ignore


class RichProgress:
    """Rich bars on stderr; hidden when stderr is not a terminal (CI logs stay clean)."""

    def __init__(self, console: Console | None = None) -> None:
        self.console = console or Console(stderr=True)

    @contextmanager
    def stage(self, name: str, total: int | None) -> Iterator[Advance]:
        if not self.console.is_terminal:
            yield _ignore
            return
        columns = (TextColumn("[bold]{task.description:<10}"), BarColumn(), MofNCompleteColumn(),
                   TaskProgressColumn(), RateColumn(), TimeElapsedColumn(), TextColumn("eta"),
                   TimeRemainingColumn())
        with Progress(*columns, console=self.console, transient=False) as bar:
            task = bar.add_task(name, total=total)

            def advance(n: int = 1) -> None:
                bar.advance(task, n)

            yield advance
