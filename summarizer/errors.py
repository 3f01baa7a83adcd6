"""Errors that reach the user as one line, never a traceback."""

from __future__ import annotations


class SummarizerError(Exception):
    """Base for errors the CLI prints as `error: <message>` and exits 2."""


class InputError(SummarizerError):
    """A whole input file is unusable; the message names the file and the fix."""

    def __init__(self, source: str, problem: str) -> None:
        super().__init__(f"{source}: {problem}")
        self.source = source
        self.problem = problem
