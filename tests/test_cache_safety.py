"""The cache folder is hostile ground (issue 12): planted rows, locks, user folders, files, bad paths.

Nothing outside the cache folder is ever read or deleted; only a real corruption
in a folder we created is moved aside; everything else is one line.
"""

from __future__ import annotations

import gc
import json
import os
import pickle
import sqlite3
import subprocess
import sys
import threading
import warnings
from pathlib import Path

import platformdirs
import pytest

from summarizer.llm.cache import MARKER, CacheError, JsonCache
from summarizer.settings import Settings, load_settings

VICTIM_TEXT = "the user's important notes\n"


def _cache_with_entry(directory: Path, key: str = "k") -> None:
    with JsonCache(directory) as cache:
        cache.set(key, {"kind": "extraction", "prompt": "p", "model": "m"})


def _plant(directory: Path, sql: str, params: tuple = ()) -> None:
    con = sqlite3.connect(directory / "cache.db")
    try:
        with con:
            con.execute(sql, params)
    finally:
        con.close()


@pytest.fixture
def victim(tmp_path: Path) -> Path:
    path = tmp_path / "victim" / "important.txt"
    path.parent.mkdir()
    path.write_text(VICTIM_TEXT, encoding="utf-8")
    return path


def _planted_filenames(victim: Path) -> list[str]:
    return ["../victim/important.txt", str(victim)]


@pytest.mark.parametrize("which", [0, 1], ids=["relative", "absolute"])
@pytest.mark.parametrize("mode", [1, 2, 3, 4])
def test_a_row_pointing_at_a_file_is_ignored_never_read_never_deleted(tmp_path: Path, victim: Path, which: int,
                                                                     mode: int, caplog) -> None:
    directory = tmp_path / "cache"
    _cache_with_entry(directory)
    filename = _planted_filenames(victim)[which]
    _plant(directory, "UPDATE Cache SET mode = ?, filename = ?, value = NULL WHERE key = 'k'", (mode, filename))
    with JsonCache(directory) as cache:
        assert cache.get("k") is None
        assert cache.refused == 1 and "ignored" in caplog.text
        assert VICTIM_TEXT not in caplog.text
        cache.set("k", {"kind": "again"})  # overwriting the planted row must not delete its file either
        assert cache.get("k") == {"kind": "again"}
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT


@pytest.mark.parametrize("which", [0, 1], ids=["relative", "absolute"])
def test_cache_clear_never_deletes_a_file_a_row_points_at(tmp_path: Path, victim: Path, which: int) -> None:
    directory = tmp_path / "cache"
    _cache_with_entry(directory)
    _plant(directory, "UPDATE Cache SET filename = ? WHERE key = 'k'", (_planted_filenames(victim)[which],))
    result = _cli("cache", "clear", "--cache-dir", str(directory))
    assert result.returncode == 0, result.stderr
    assert "removed 1 entries" in result.stderr
    assert victim.read_text(encoding="utf-8") == VICTIM_TEXT
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache", "victim"]


def test_values_are_stored_inline_never_as_files(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    with JsonCache(directory) as cache:
        cache.set("big", {"text": "x" * 200_000})  # diskcache's default puts anything over 32 KB in a file
        assert cache.get("big") == {"text": "x" * 200_000}
    assert {p.name for p in directory.rglob("*")} <= {"cache.db", "cache.db-wal", "cache.db-shm", MARKER}


def test_a_planted_pragma_setting_is_not_run(tmp_path: Path) -> None:
    """diskcache runs `PRAGMA <key> = <value>` for every `sqlite_*` row of the folder's Settings table."""
    directory = tmp_path / "cache"
    _cache_with_entry(directory)
    _plant(directory, "INSERT INTO Settings VALUES ('sqlite_user_version', 42)")
    with JsonCache(directory) as cache:
        cache.set("k2", {"kind": "written"})
        assert cache.get("k2") == {"kind": "written"}
    con = sqlite3.connect(directory / "cache.db")
    try:
        assert con.execute("PRAGMA user_version").fetchone() == (0,)
    finally:
        con.close()


def test_cache_stats_survives_a_pickled_key_and_reports_it(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    _cache_with_entry(directory)
    _plant(directory, "INSERT INTO Cache (key, raw, store_time, mode, value) VALUES (?, 0, 0, 1, '{}')",
           (pickle.dumps(("planted", 1)),))
    result = _cli("cache", "stats", "--cache-dir", str(directory), "--json")
    assert result.returncode == 0, result.stderr
    stats = json.loads(result.stdout)
    assert stats["entries"] == 2 and stats["refused"] == {"pickled key": 1}
    assert stats["by_kind_prompt_model"] == {"extraction:p:m": 1}


def test_a_locked_cache_waits_then_fails_with_one_line_and_is_not_moved(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    _cache_with_entry(directory)
    holder = sqlite3.connect(directory / "cache.db", isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with JsonCache(directory, busy_timeout=0.3) as cache, pytest.raises(CacheError) as raised:
            cache.set("k2", {"kind": "x"})
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    message = str(raised.value)
    assert "locked by another process" in message and "\n" not in message
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]
    with JsonCache(directory) as cache:
        assert cache.get("k") is not None  # the healthy cache kept its entries


def test_a_corrupt_cache_in_a_folder_with_user_files_is_never_renamed(tmp_path: Path) -> None:
    directory = tmp_path / "mine"
    directory.mkdir()
    (directory / "notes.txt").write_text("mine", encoding="utf-8")
    (directory / "cache.db").write_bytes(b"not a database" * 100)
    with pytest.raises(CacheError, match="holds other files"):
        JsonCache(directory).get("k")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine"]
    assert sorted(p.name for p in directory.iterdir()) == ["cache.db", "notes.txt"]


def test_a_corrupt_cache_without_our_marker_is_left_as_is(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    directory.mkdir()
    (directory / "cache.db").write_bytes(b"not a database" * 100)
    # no marker: an older summarizer's folder, adopted only once it opens healthy
    with pytest.raises(CacheError, match="corrupt"):
        JsonCache(directory).get("k")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache"]


def test_only_a_real_corruption_in_our_folder_is_moved_aside(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    _cache_with_entry(directory)
    (directory / "cache.db").write_bytes(b"not a database" * 100)
    with JsonCache(directory) as cache:
        assert cache.get("k") is None
        assert cache.moved_aside is not None and cache.moved_aside.name.startswith("cache.corrupt-")
        cache.set("k", {"kind": "fresh"})
        assert cache.get("k") == {"kind": "fresh"}


def test_an_older_healthy_cache_folder_is_adopted(tmp_path: Path) -> None:
    directory = tmp_path / "cache"
    _cache_with_entry(directory)
    (directory / MARKER).unlink()
    (directory / "batches").mkdir()  # `run --batch` keeps its jobs here, possibly before the cache opens
    with JsonCache(directory) as cache:
        assert cache.get("k") is not None
    assert (directory / MARKER).is_file()


def _cli(*args: str, cwd: Path | None = None, env: dict[str, str] | None = None
         ) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, env={**os.environ, **(env or {})})


def _one_line_error(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    for phrase in phrases:
        assert phrase in lines[0], lines[0]


def test_a_plain_file_as_cache_dir_is_one_line_and_untouched(tmp_path: Path) -> None:
    plain = tmp_path / "cache.txt"
    plain.write_text("keep me", encoding="utf-8")
    _one_line_error(_cli("cache", "stats", "--cache-dir", str(plain)), str(plain), "is a file")
    assert plain.read_text(encoding="utf-8") == "keep me"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["cache.txt"]


def test_run_with_a_plain_file_as_cache_dir_is_one_line_before_any_call(tmp_path: Path) -> None:
    plain = tmp_path / "cache.txt"
    plain.write_text("keep me", encoding="utf-8")
    samples = Path(__file__).resolve().parents[1] / "examples" / "hf-papers"
    result = _cli("run", str(samples), "--backend", "llm", "--cache-dir", str(plain), "--out", str(tmp_path / "out"),
                  env={"OPENAI_BASE_URL": "http://127.0.0.1:9/v1"})  # nothing listens: no call may be needed
    _one_line_error(result, "is a file")
    assert plain.read_text(encoding="utf-8") == "keep me"


def test_cache_dir_dot_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "README.md").write_text("my project", encoding="utf-8")
    _one_line_error(_cli("cache", "clear", "--cache-dir", ".", cwd=tmp_path), "holds other files")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["README.md"]


def test_an_uncreatable_cache_dir_is_one_line() -> None:
    result = _cli("cache", "stats", "--cache-dir", "/sys/summarizer-test-cache")  # EPERM/EROFS, even for root
    assert result.returncode == 0 and "no cache at" in result.stderr  # stats never creates a folder
    with pytest.raises(CacheError, match="cannot be used"):
        JsonCache(Path("/sys/summarizer-test-cache")).set("k", {})


def test_an_unwritable_cache_dir_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    directory = tmp_path / "cache"
    directory.mkdir()

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "write_text", refuse)  # root ignores mode bits, so refuse the marker write
    with pytest.raises(CacheError, match="Permission denied"):
        JsonCache(directory).get("k")


def test_every_threads_connection_is_closed(tmp_path: Path) -> None:
    cache = JsonCache(tmp_path / "cache")
    cache.set("main", {"a": 1})
    worker = threading.Thread(target=lambda: cache.set("worker", {"b": 2}))
    worker.start()
    worker.join()
    inner = cache._cache
    assert inner is not None and len(inner._connections) == 2
    connections = list(inner._connections)
    with warnings.catch_warnings():
        warnings.simplefilter("error", ResourceWarning)
        cache.close()
        gc.collect()
    for con in connections:
        with pytest.raises(sqlite3.ProgrammingError, match="closed"):
            con.execute("SELECT 1")


def test_a_forgotten_cache_is_closed_when_dropped(tmp_path: Path) -> None:
    cache = JsonCache(tmp_path / "cache")
    cache.set("k", {"a": 1})
    assert cache._cache is not None
    connections = list(cache._cache._connections)
    del cache
    gc.collect()
    with pytest.raises(sqlite3.ProgrammingError, match="closed"):
        connections[0].execute("SELECT 1")


def test_default_cache_dir_is_the_users_cache_folder(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("SUMMARIZER_CACHE_DIR", raising=False)
    monkeypatch.chdir(tmp_path)
    assert Settings().cache_dir == Path(platformdirs.user_cache_dir("summarizer", appauthor=False))
    monkeypatch.setenv("SUMMARIZER_CACHE_DIR", str(tmp_path / "env-cache"))
    assert load_settings().cache_dir == tmp_path / "env-cache"
    assert load_settings(cache_dir=tmp_path / "flag").cache_dir == tmp_path / "flag"
