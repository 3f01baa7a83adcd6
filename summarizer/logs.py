"""Logging for the command line: one line per record on stderr (`warning: ...`), `-v`/`-q` set the level.

Library code only calls `logging.getLogger("summarizer...")`; this module is
the one place that decides where those lines go, so retry warnings read like
every other warning (`warning: paper ...`) instead of Python's bare fallback.
"""

from __future__ import annotations

import logging
import sys

LOGGER = "summarizer"


class _StderrHandler(logging.Handler):
    """Writes to whatever `sys.stderr` is now (test runners swap it), one line per record."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            line = " ".join(self.format(record).split("\n"))
            prefix = "" if record.levelno == logging.INFO else f"{record.levelname.lower()}: "
            sys.stderr.write(f"{prefix}{line}\n")
        except Exception:  # logging must never break a run
            self.handleError(record)


def verbosity_level(verbose: int, quiet: bool) -> int:
    """`-q` errors only; default: what was read, warnings and errors; `-v` debug detail."""
    if quiet:
        return logging.ERROR
    return logging.INFO if verbose == 0 else logging.DEBUG


def setup_logging(verbose: int = 0, quiet: bool = False) -> int:
    """Install (once) the stderr handler on the `summarizer` logger and set its level; return the level."""
    logger = logging.getLogger(LOGGER)
    level = verbosity_level(verbose, quiet)
    # the handler filters; the logger stays open (INFO, or DEBUG with -v) so other handlers still see warnings
    logger.setLevel(min(level, logging.INFO))
    handler = next((h for h in logger.handlers if isinstance(h, _StderrHandler)), None)
    if handler is None:
        handler = _StderrHandler()
        logger.addHandler(handler)
    handler.setLevel(level)
    return level
