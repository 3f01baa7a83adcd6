"""A run's outputs appear together or not at all.

`run` writes every file into a staging folder beside `--out` and swaps it in
at the end; until then the previous run's outputs stay as they were, and a
run that fails (an exception, a full disk, no card extracted at all) leaves
them intact. `--out` is checked before extraction starts: a file, a folder we
cannot write, or a full disk is one line, before any model call is paid for.

The swap: a new `--out` is the staging folder renamed; an `--out` holding
only our outputs is exchanged with it in one `renameat2(RENAME_EXCHANGE)`
(two renames where the kernel or filesystem lacks it); an `--out` that also
holds the user's own files keeps them, and our files are renamed into it one
by one, `run.json` last (renames cannot run out of space).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import stat
import tempfile
from pathlib import Path

from summarizer.errors import SummarizerError

PROBE_BYTES = 1 << 20  # written and fsynced before extraction: a full disk fails here, not after the model calls
_LAST = "run.json"  # renamed into place last: its presence says the set is complete


class OutputError(SummarizerError):
    """An output path that cannot or must not be written: one line naming it; `reason` without the path."""

    def __init__(self, message: str, reason: str | None = None) -> None:
        super().__init__(message)
        self.reason = reason or message


def write_failed(path: Path, exc: OSError) -> OutputError:
    reason = exc.strerror or str(exc)
    return OutputError(f"{path}: cannot be written ({reason})", reason)


def check_output_file(path: Path) -> None:
    """Refuse anything but a regular file or a new path (`-o /dev/null` as root would replace the device)."""
    try:
        mode = path.lstat().st_mode
    except FileNotFoundError:
        return
    except OSError as exc:
        raise OutputError(f"{path}: cannot be checked ({exc.strerror or exc})") from None
    if stat.S_ISREG(mode):
        return
    kind = ("a symlink" if stat.S_ISLNK(mode) else "a folder" if stat.S_ISDIR(mode)
            else "a device" if stat.S_ISCHR(mode) or stat.S_ISBLK(mode) else "a FIFO" if stat.S_ISFIFO(mode)
            else "not a regular file")
    raise OutputError(f"{path}: is {kind}; refusing to replace it: give a regular file or a new path")


class StagedOutputs:
    """The staging folder of one run: `open()` checks `out` and probes the disk, `commit()` swaps it in."""

    def __init__(self, out: Path) -> None:
        self.out = Path(out).absolute()
        if self.out.is_symlink() and self.out.is_dir():
            self.out = self.out.resolve()  # swap the folder the link points to, keep the link
        self.path: Path | None = None

    def open(self) -> Path:
        out = self.out
        if out.exists() and not out.is_dir():
            raise OutputError(f"{out}: is a file, not a folder: give --out a folder (it is created if missing)")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            self.path = Path(tempfile.mkdtemp(prefix=f".{out.name}.staging-", dir=out.parent))
            _probe(self.path / ".space-probe")
        except OSError as exc:
            self.discard()
            raise OutputError(f"{out}: cannot write outputs here ({exc.strerror or exc}); "
                              "choose another --out") from None
        return self.path

    def check(self) -> None:
        """`open()` then `discard()`: what the CLI runs before reading any input."""
        self.open()
        self.discard()

    def has_previous(self) -> bool:
        """Whether `out` holds an earlier run's outputs (a run with no card will not replace them)."""
        return (self.out / _LAST).is_file() or (self.out / "cards.jsonl").is_file()

    def commit(self) -> None:
        """Put the staged files in place: together, or (when `out` holds the user's files) run.json last."""
        staging = self._staging()
        if not self.out.exists():
            staging.rename(self.out)
        elif all((staging / p.name).exists() for p in self.out.iterdir()):
            _exchange(staging, self.out)
            shutil.rmtree(staging)  # now the previous outputs
        else:
            names = sorted((p.name for p in staging.iterdir()), key=lambda n: n == _LAST)
            for name in names:
                _replace(staging / name, self.out / name)
            staging.rmdir()
        self.path = None

    def discard(self) -> None:
        """Drop the staged files; the previous outputs stay untouched."""
        if self.path is not None:
            shutil.rmtree(self.path, ignore_errors=True)
            self.path = None

    def _staging(self) -> Path:
        if self.path is None:
            raise RuntimeError("StagedOutputs.open() was not called")
        return self.path


def _probe(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        block = memoryview(b"\0" * PROBE_BYTES)
        while block:  # a short write is how a nearly full disk (or a file-size limit) first shows
            block = block[os.write(fd, block):]
        os.fsync(fd)
    finally:
        os.close(fd)
        path.unlink(missing_ok=True)


def _replace(source: Path, target: Path) -> None:
    if target.is_dir() and not target.is_symlink():
        shutil.rmtree(target)
    source.replace(target)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(a: Path, b: Path) -> None:
    """Swap two folders in one step where Linux allows it; else two renames (b is never lost)."""
    libc_name = ctypes.util.find_library("c")
    renameat2 = getattr(ctypes.CDLL(libc_name, use_errno=True), "renameat2", None) if libc_name else None
    if renameat2 is not None and renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b),
                                           _RENAME_EXCHANGE) == 0:
        return
    aside = b.with_name(f"{b.name}.previous-{os.getpid()}")
    b.rename(aside)
    a.rename(b)
    aside.rename(a)
