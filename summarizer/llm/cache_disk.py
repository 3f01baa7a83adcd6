"""diskcache, made safe for a folder someone else may have written to.

diskcache trusts its rows: a row's `mode` and `filename` make `get` open (and
unpickle) any path joined onto the cache folder, and `delete`, `clear` and
`cull` remove that path and its emptied parent folders. A planted row with
`filename='../victim/x'` or an absolute path would read and delete files
outside the cache (issue 12). So here:

- values are JSON text stored inline in the row (`MODE_RAW`), never in files;
- `SafeDisk.fetch` accepts only an inline text row, whatever the row claims;
- `SafeDisk.remove` never deletes anything: we create no value files, so a
  filename in a row is planted, and is only reported;
- no eviction (`cull_limit=0`, `eviction_policy="none"`): nothing is culled;
- `SafeCache` remembers every thread's sqlite connection so `close()` closes
  them all (diskcache's closes only the calling thread's, and Python 3.13
  warns about the rest).
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import diskcache
from diskcache.core import DBNAME, ENOVAL, MODE_RAW, UNKNOWN

log = logging.getLogger("summarizer.llm.cache")

# pragmas applied on every connection: ours, never values read from the folder's Settings table
# (diskcache runs `PRAGMA <key> = <value>` for every `sqlite_*` row it finds there)
PRAGMAS: dict[str, Any] = {
    "sqlite_auto_vacuum": 1, "sqlite_cache_size": 2**13, "sqlite_journal_mode": "wal",
    "sqlite_mmap_size": 2**26, "sqlite_synchronous": 1,
}
# settings written to the cache's own Settings table on every open (they override planted ones)
SAFE_SETTINGS: dict[str, Any] = {
    **PRAGMAS,
    "disk_min_file_size": 2**62,  # every value inline
    "eviction_policy": "none",
    "cull_limit": 0,
    "statistics": 0,
    "tag_index": 0,
}


class UnsafeCacheEntry(ValueError):
    """A row that is not inline text (pickle, or a pointer to a file): never read, never deleted."""


class SafeDisk(diskcache.Disk):
    """Keys and values are str; values live inline in the row; files are never read or removed."""

    refused_files: list[str]

    def __init__(self, directory: str, **kwargs: Any) -> None:
        super().__init__(directory, **kwargs)
        self.refused_files = []

    def put(self, key: Any) -> tuple[Any, bool]:
        if not isinstance(key, str):
            raise TypeError("cache keys are str (sha256 hex)")
        return super().put(key)

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise UnsafeCacheEntry("pickled cache key refused")
        return super().get(key, raw)

    def store(self, value: Any, read: bool, key: Any = UNKNOWN) -> tuple[Any, ...]:
        if read or not isinstance(value, str):
            raise TypeError("cache values are JSON text")
        return 0, MODE_RAW, None, value

    def fetch(self, mode: int, filename: Any, value: Any, read: bool) -> Any:
        if mode != MODE_RAW or filename is not None or read or not isinstance(value, str):
            where = f" pointing at {filename!r}" if filename is not None else ""
            raise UnsafeCacheEntry(f"row with mode {mode}{where} refused (not inline JSON text)")
        return value

    def filename(self, key: Any = UNKNOWN, value: Any = UNKNOWN) -> tuple[str, str]:
        raise TypeError("this cache stores no value files")

    def remove(self, file_path: Any) -> None:
        """Never delete: we write no value files, so any filename in a row was planted."""
        if file_path is not None:
            self.refused_files.append(str(file_path))
            log.warning("cache %s: a row pointed at file %r; left untouched", self._directory, file_path)


class SafeCache(diskcache.Cache):
    """diskcache.Cache with a bounded wait on open and one close for every thread's connection."""

    def __init__(self, directory: str, timeout: float) -> None:
        self._connections: list[sqlite3.Connection] = []
        self._connections_lock = threading.Lock()
        self._open_wait = timeout
        try:
            super().__init__(directory, timeout=timeout, disk=SafeDisk, **SAFE_SETTINGS)
        except BaseException:
            self.close()  # a corrupt or locked database fails here, after a connection was opened
            raise

    @property
    def _con(self) -> sqlite3.Connection:
        con: sqlite3.Connection | None = getattr(self._local, "con", None)
        if con is None:
            # check_same_thread=False only so that close() may close it from another thread
            con = sqlite3.connect(str(Path(self._directory) / DBNAME), timeout=self._timeout,
                                  isolation_level=None, check_same_thread=False)
            self._local.con = con
            with self._connections_lock:
                self._connections.append(con)
            for key, value in PRAGMAS.items():
                self.reset(key, value, update=False)
        return con

    def reset(self, key: str, value: Any = ENOVAL, update: bool = True) -> Any:
        """diskcache's, except that a `sqlite_*` setting we did not choose is never run as a PRAGMA."""
        if key.startswith("sqlite_") and key not in PRAGMAS:
            log.warning("cache %s: unknown setting %r ignored", self._directory, key)
            return None
        return super().reset(key, value, update)

    @property
    def _sql_retry(self) -> Any:
        """diskcache retries 'database is locked' for a fixed 60 s while opening; wait our timeout instead."""
        sql = self._sql

        def execute(statement: str, *args: Any, **kwargs: Any) -> Any:
            start = time.monotonic()
            while True:
                try:
                    return sql(statement, *args, **kwargs)
                except sqlite3.OperationalError as exc:
                    if str(exc) != "database is locked" or time.monotonic() - start > self._open_wait:
                        raise
                    time.sleep(0.01)

        return execute

    def close(self) -> None:
        with self._connections_lock:
            connections, self._connections = self._connections, []
        for con in connections:
            con.close()
        self._local = threading.local()

    def rows(self) -> Iterator[tuple[Any, int, int, Any, Any]]:
        """(key, raw, mode, filename, value) of every row, read as stored: nothing is decoded or opened."""
        yield from self._sql("SELECT key, raw, mode, filename, value FROM Cache ORDER BY rowid")

    def entries(self) -> int:
        return int(self._sql("SELECT count(*) FROM Cache").fetchone()[0])

    def bytes_on_disk(self) -> int:
        ((pages,),) = self._sql("PRAGMA page_count").fetchall()
        return int(pages) * int(self._page_size)
