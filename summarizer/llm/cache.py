"""The model-reply cache: JSON text in a diskcache folder, keyed by canonical JSON.

Why not diskcache's defaults: it pickles values (and non-string keys), stores
large values in files, and trusts each row's file pointer, so a planted row in a
shared cache folder executes code or reads and deletes files outside it
(CVE-2025-69872, issue 12). `cache_disk.SafeDisk` keeps every value inline and
never opens or removes a file. Why not instructor's cache: its key uses a random
per-process namespace unless given one, and a cached object failing a changed
validator raises instead of missing. Here the caller validates every value it
reads; a value that no longer validates is dropped and counted as a miss.

The folder: created by us with a marker file (`.summarizer-cache`), or an empty
or older summarizer cache folder (adopted), never a folder holding other files.
Only a database that fails sqlite's integrity check is moved aside, and only in
a folder that carries the marker; a lock held by another process is waited for
(`busy_timeout`), then reported as one line. Writes commit one by one (WAL), so
a run killed with SIGKILL keeps every card it finished.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import sqlite3
import time
import weakref
from pathlib import Path
from types import TracebackType
from typing import Any

import diskcache

from summarizer.errors import SummarizerError
from summarizer.llm.cache_disk import SafeCache, UnsafeCacheEntry

log = logging.getLogger("summarizer.llm.cache")
KEY_FORMAT = 1  # bump when the key layout changes: every old entry becomes unreachable
MARKER = ".summarizer-cache"
# what a summarizer cache folder may hold: the database, diskcache's old value folders, `run --batch` jobs
_OWN_FILES = re.compile(r"cache\.db(-wal|-shm|-journal)?|[0-9a-f]{2}|batches|" + re.escape(MARKER))
BUSY_TIMEOUT = 30.0  # seconds to wait for another process's lock before giving up

__all__ = ["MARKER", "CacheError", "JsonCache", "UnsafeCacheEntry", "cache_key"]


def cache_key(**parts: Any) -> str:
    """sha256 of the canonical JSON (sorted keys, no spaces) of the key parts plus the key-format version."""
    payload = json.dumps({"key_format": KEY_FORMAT, **parts}, sort_keys=True, separators=(",", ":"),
                         ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CacheError(SummarizerError):
    """The cache folder cannot be used: one line naming it and what to do."""


class JsonCache:
    """JSON values under string keys; `enabled=False` makes every call a no-op miss.

    Opens lazily; `close()` (or `with JsonCache(...)`) closes every thread's connection.
    """

    def __init__(self, directory: Path, enabled: bool = True, busy_timeout: float = BUSY_TIMEOUT) -> None:
        self.directory = Path(directory).absolute()
        self.enabled = enabled
        self.busy_timeout = busy_timeout
        self._cache: SafeCache | None = None
        self.moved_aside: Path | None = None
        self.refused = 0  # rows that were not inline JSON text: ignored, reported, their files untouched

    def __enter__(self) -> JsonCache:
        return self

    def __exit__(self, *exc: type[BaseException] | BaseException | TracebackType | None) -> None:
        self.close()

    # -- the folder --------------------------------------------------------------------------------------
    def _prepare(self) -> bool:
        """Create the folder (marked as ours) or check an existing one; True when it still needs the marker.

        A folder holding anything but a summarizer cache is refused; an unmarked
        older cache folder is marked only once it opened healthy.
        """
        d = self.directory
        if d.exists() and not d.is_dir():
            raise CacheError(f"cache folder {d} is a file, not a folder: choose another --cache-dir")
        try:
            if (d / MARKER).is_file():
                return False
            if not d.exists():
                d.mkdir(parents=True)
                self._mark()
                return False
            foreign = sorted(p.name for p in d.iterdir() if not _OWN_FILES.fullmatch(p.name))
        except OSError as exc:
            raise self._unusable(exc) from None
        if foreign:
            shown = ", ".join(foreign[:3]) + (", ..." if len(foreign) > 3 else "")
            raise CacheError(f"cache folder {d} holds other files ({shown}); choose an empty or new folder "
                             "with --cache-dir")
        return True

    def _mark(self) -> None:
        try:
            (self.directory / MARKER).write_text("summarizer model-reply cache: safe to delete\n", encoding="utf-8")
        except OSError as exc:
            raise self._unusable(exc) from None

    def _unusable(self, exc: OSError) -> CacheError:
        return CacheError(f"cache folder {self.directory} cannot be used ({exc.strerror or exc}): choose a "
                          "writable --cache-dir, or --no-cache")

    def _open(self) -> SafeCache:
        if self._cache is None:
            unmarked = self._prepare()
            try:
                self._cache = self._connect()
            except (sqlite3.DatabaseError, diskcache.Timeout) as exc:
                self._failed(exc)
                unmarked = self._prepare()
                self._cache = self._connect()
            if unmarked:
                self._mark()
        return self._cache

    def _connect(self) -> SafeCache:
        try:
            cache = SafeCache(str(self.directory), timeout=self.busy_timeout)
        except OSError as exc:
            raise self._unusable(exc) from None
        weakref.finalize(self, cache.close)  # a forgotten close() still closes when this object goes away
        return cache

    def _failed(self, exc: Exception) -> None:
        """A lock or an I/O problem is one line; only a database failing its integrity check moves aside."""
        self.close()
        problem = _integrity_problem(self.directory / "cache.db", self.busy_timeout)
        if _is_lock(exc) or problem is None:
            reason = f"locked by another process (waited {self.busy_timeout:g}s)" if _is_lock(exc) else str(exc)
            raise CacheError(f"cache {self.directory}: {reason}; try again, or use --no-cache") from None
        if not (self.directory / MARKER).is_file():
            raise CacheError(f"cache {self.directory} is corrupt ({problem}) and was not created by summarizer: "
                             "left as is; choose another --cache-dir") from None
        target = self.directory.with_name(f"{self.directory.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        self.directory.rename(target)
        self.moved_aside = target
        log.warning("cache %s is corrupt (%s); moved it to %s and continuing with an empty cache",
                    self.directory, problem, target)

    # -- values ------------------------------------------------------------------------------------------
    def get(self, key: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            text = self._open().get(key)
        except UnsafeCacheEntry as exc:
            self.refused += 1
            log.warning("cache %s: entry %s ignored: %s", self.directory, key[:12], exc)
            self.delete(key)
            return None
        except (sqlite3.DatabaseError, diskcache.Timeout) as exc:
            self._failed(exc)
            return None
        try:
            value = json.loads(text) if text is not None else None
        except json.JSONDecodeError:
            self.delete(key)
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        if not self.enabled:
            return
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        try:
            self._open().set(key, text)
        except (sqlite3.DatabaseError, diskcache.Timeout) as exc:
            self._failed(exc)
            self._open().set(key, text)

    def delete(self, key: str) -> None:
        """Remove the row (a file it names is never touched)."""
        if self.enabled:
            try:
                self._open().delete(key)
            except (sqlite3.DatabaseError, diskcache.Timeout) as exc:
                self._failed(exc)

    def stats(self) -> dict[str, Any]:
        """Entries, bytes on disk, entries per kind/prompt/model, and refused rows (`summarizer cache stats`)."""
        cache = self._open()
        kinds: dict[str, int] = {}
        refused: dict[str, int] = {}
        for _key, raw, mode, filename, value in cache.rows():
            problem = _row_problem(raw, mode, filename, value)
            if problem:
                refused[problem] = refused.get(problem, 0) + 1
                continue
            try:
                data = json.loads(value)
            except json.JSONDecodeError:
                data = None
            data = data if isinstance(data, dict) else {"kind": "unreadable"}
            label = f"{data.get('kind', '?')}:{data.get('prompt', '?')}:{data.get('model', '?')}"
            kinds[label] = kinds.get(label, 0) + 1
        return {"directory": str(self.directory), "entries": cache.entries(), "bytes": cache.bytes_on_disk(),
                "by_kind_prompt_model": dict(sorted(kinds.items())), "refused": dict(sorted(refused.items()))}

    def clear(self) -> int:
        """Delete every row; files named by planted rows are left alone (`SafeDisk.remove`)."""
        try:
            return int(self._open().clear())
        except (sqlite3.DatabaseError, diskcache.Timeout) as exc:
            self._failed(exc)
            return 0

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None


def _row_problem(raw: Any, mode: Any, filename: Any, value: Any) -> str | None:
    if not raw:
        return "pickled key"
    if filename is not None:
        return "points at a file"
    if mode != diskcache.core.MODE_RAW or not isinstance(value, str):
        return "not inline text"
    return None


def _is_lock(exc: Exception) -> bool:
    return isinstance(exc, diskcache.Timeout) or "locked" in str(exc) or "busy" in str(exc)


def _integrity_problem(db: Path, timeout: float) -> str | None:
    """sqlite's own verdict on the file: None when healthy (or absent), else what it reported."""
    if not db.is_file():
        return None
    try:
        con = sqlite3.connect(f"{db.as_uri()}?mode=ro", uri=True, timeout=timeout)
        try:
            rows = con.execute("PRAGMA integrity_check").fetchall()
        finally:
            con.close()
    except sqlite3.OperationalError:
        return None  # locked, unreadable, not openable: a problem to report, not a corruption
    except sqlite3.DatabaseError as exc:  # "file is not a database", "database disk image is malformed"
        return str(exc)
    verdict = "; ".join(str(r[0]) for r in rows)
    return None if verdict == "ok" else verdict[:200]
