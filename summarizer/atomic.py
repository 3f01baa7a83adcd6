"""Atomic file writes: an interrupted run never leaves a half-written output.

The target must be a regular file or a new path: a symlink, a device (`-o
/dev/null` as root) or a FIFO would be replaced by the rename, so they are
refused. An OS error (no space, no permission) is one line naming the file.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from summarizer.outputs import check_output_file, write_failed


def _umask() -> int:
    current = os.umask(0)
    os.umask(current)
    return current


@contextmanager
def atomic_open(path: Path, newline: str | None = None) -> Iterator[IO[str]]:
    """Write to a temp file beside `path`, fsync, then rename over it."""
    check_output_file(path)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise write_failed(path, exc) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline=newline) as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        Path(tmp).chmod(0o666 & ~_umask())  # mkstemp makes 0600; outputs are ordinary files
        check_output_file(path)  # still not a link or device: it may have appeared while we wrote
        Path(tmp).replace(path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise write_failed(path, exc) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def write_text_atomic(path: Path, text: str) -> Path:
    with atomic_open(path) as handle:
        handle.write(text)
    return path
