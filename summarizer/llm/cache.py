"""The model-reply cache: diskcache storing JSON text only, keyed by canonical JSON.

Why not diskcache's defaults: it pickles values (and non-string keys), so a
planted entry in a shared cache directory executes code when read
(CVE-2025-69872). `JsonDisk` stores and fetches strings only and refuses any
pickled row. Why not instructor's cache: its key uses a random per-process
namespace unless given one, and a cached object failing a changed validator
raises instead of missing. Here the caller validates every value it reads; a
value that no longer validates is dropped and counted as a miss.

SQLite can report `database disk image is malformed` after a kill or on a
network drive: the directory is then moved aside with a warning and the run
goes on with an empty cache. Writes commit one by one (WAL), so a run killed
with SIGKILL keeps every card it finished, and the rerun resumes from them.
"""

from __future__ import annotations

import hashlib
import json
import logging
import sqlite3
import time
from pathlib import Path
from typing import Any

import diskcache
from diskcache.core import MODE_PICKLE

log = logging.getLogger("summarizer.llm.cache")
KEY_FORMAT = 1  # bump when the key layout changes: every old entry becomes unreachable


def cache_key(**parts: Any) -> str:
    """sha256 of the canonical JSON (sorted keys, no spaces) of the key parts plus the key-format version."""
    payload = json.dumps({"key_format": KEY_FORMAT, **parts}, sort_keys=True, separators=(",", ":"),
                         ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class UnsafeCacheEntry(ValueError):
    """A row that is not plain text: never unpickled."""


class JsonDisk(diskcache.Disk):
    """A diskcache `Disk` for str keys and str (JSON text) values; pickle is refused both ways."""

    def put(self, key: Any) -> tuple[Any, bool]:
        if not isinstance(key, str):
            raise TypeError("cache keys are str (sha256 hex)")
        return super().put(key)

    def get(self, key: Any, raw: bool) -> Any:
        if not raw:
            raise UnsafeCacheEntry("pickled cache key refused")
        return super().get(key, raw)

    def store(self, value: Any, read: bool, key: Any = diskcache.core.UNKNOWN) -> tuple[Any, ...]:
        if read or not isinstance(value, str):
            raise TypeError("cache values are JSON text")
        return super().store(value, read, key=key)

    def fetch(self, mode: int, filename: Any, value: Any, read: bool) -> Any:
        if mode == MODE_PICKLE:
            raise UnsafeCacheEntry("pickled cache value refused (possible planted entry)")
        return super().fetch(mode, filename, value, read)


class JsonCache:
    """JSON values under string keys; `enabled=False` makes every call a no-op miss."""

    def __init__(self, directory: Path, enabled: bool = True) -> None:
        self.directory = Path(directory)
        self.enabled = enabled
        self._cache: diskcache.Cache | None = None
        self.moved_aside: Path | None = None

    def _open(self) -> diskcache.Cache:
        if self._cache is None:
            try:
                self._cache = diskcache.Cache(str(self.directory), disk=JsonDisk)
            except sqlite3.DatabaseError as exc:
                self._recover(exc)
                self._cache = diskcache.Cache(str(self.directory), disk=JsonDisk)
        return self._cache

    def _recover(self, exc: Exception) -> None:
        """Move a corrupt cache directory aside (kept for inspection) and start empty."""
        if self._cache is not None:
            self._cache.close()
            self._cache = None
        target = self.directory.with_name(f"{self.directory.name}.corrupt-{time.strftime('%Y%m%d-%H%M%S')}")
        self.directory.rename(target)
        self.moved_aside = target
        log.warning("cache %s is corrupt (%s); moved it to %s and continuing with an empty cache",
                    self.directory, exc, target)

    def get(self, key: str) -> dict[str, Any] | None:
        if not self.enabled:
            return None
        try:
            text = self._open().get(key)
        except UnsafeCacheEntry as exc:
            log.warning("cache %s: entry %s refused: %s", self.directory, key[:12], exc)
            self.delete(key)
            return None
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            return None
        if text is None:
            return None
        try:
            value = json.loads(text)
        except (TypeError, json.JSONDecodeError):
            self.delete(key)
            return None
        return value if isinstance(value, dict) else None

    def set(self, key: str, value: dict[str, Any]) -> None:
        if not self.enabled:
            return
        text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
        try:
            self._open().set(key, text)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            self._open().set(key, text)

    def delete(self, key: str) -> None:
        if self.enabled:
            try:
                self._open().delete(key)
            except sqlite3.DatabaseError as exc:
                self._recover(exc)

    def stats(self) -> dict[str, Any]:
        """Entries, bytes on disk, and entries per kind/prompt (what `summarizer cache stats` prints)."""
        cache = self._open()
        kinds: dict[str, int] = {}
        for key in cache.iterkeys():
            try:
                value = json.loads(cache.get(key) or "{}")
            except (UnsafeCacheEntry, json.JSONDecodeError):
                value = {"kind": "unreadable"}
            label = f"{value.get('kind', '?')}:{value.get('prompt', '?')}:{value.get('model', '?')}"
            kinds[label] = kinds.get(label, 0) + 1
        return {"directory": str(self.directory), "entries": len(cache), "bytes": cache.volume(),
                "by_kind_prompt_model": dict(sorted(kinds.items()))}

    def clear(self) -> int:
        return int(self._open().clear())

    def close(self) -> None:
        if self._cache is not None:
            self._cache.close()
            self._cache = None
