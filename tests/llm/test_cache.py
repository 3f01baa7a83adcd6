"""The reply cache: warm reruns, re-validation on read, JSON only, corruption, SIGKILL resume, CLI."""

from __future__ import annotations

import json
import os
import pickle
import signal
import sqlite3
import subprocess
import sys
from contextlib import closing
from pathlib import Path

from conftest import TEST_KEY, llm_settings
from fake_server import FakeLLM
from typer.testing import CliRunner

from summarizer.cli_cache import cache_app
from summarizer.extract.llm_backend import LLMExtractor
from summarizer.llm.cache import JsonCache, cache_key

HERE = Path(__file__).resolve().parent


def test_warm_rerun_makes_zero_calls(make_extractor, papers, fake: FakeLLM, tmp_path: Path) -> None:
    first = make_extractor().extract_all(papers[:4])
    again = make_extractor()
    second = again.extract_all(papers[:4])
    assert len(fake.requests) == 4
    assert all(r.cached and r.calls == 0 for r in second)
    assert [r.extraction for r in second] == [r.extraction for r in first]
    assert [r.provenance for r in second] == [r.provenance for r in first]
    assert again.stats()["cache_hits"] == 4 and again.stats()["calls"] == 0
    files = b"".join(p.read_bytes() for p in (tmp_path / "cache").rglob("*") if p.is_file())
    assert TEST_KEY.encode() not in files


def test_key_changes_with_model_params_and_prompt(make_extractor, papers) -> None:
    base = make_extractor()
    messages = base.prompt.render(title=papers[0].title, abstract=papers[0].abstract)
    keys = {base.key(messages), make_extractor(model="other").key(messages),
            make_extractor(temperature=0.5).key(messages), make_extractor(max_tokens=99).key(messages),
            make_extractor(mode="json_schema").key(messages),
            base.key([*messages[:-1], {"role": "user", "content": "another paper"}])}
    assert len(keys) == 6
    assert make_extractor().key(messages) == base.key(messages)


def test_cached_value_failing_todays_validators_is_a_miss(make_extractor, papers, fake: FakeLLM,
                                                          tmp_path: Path) -> None:
    extractor = make_extractor()
    extractor.extract_all(papers[:1])
    key = extractor.key(extractor.messages(papers[0]))
    cache = JsonCache(tmp_path / "cache")
    value = cache.get(key)
    assert value is not None
    value["reply"]["claimed_gains"] = "no longer a list"  # what a schema change does to an old entry
    cache.set(key, value)
    cache.close()
    rerun = make_extractor()
    results = rerun.extract_all(papers[:1])
    assert results[0].cached is False and results[0].extraction is not None
    assert len(fake.requests) == 2 and rerun.stats()["cache_misses"] == 1


def test_pickled_entries_are_refused(tmp_path: Path) -> None:
    """A planted pickle must never be loaded (CVE-2025-69872): it reads as a miss."""
    cache = JsonCache(tmp_path / "c")
    cache.set("k", {"a": 1})
    cache.close()

    class Boom:
        def __reduce__(self) -> tuple:
            return (os.system, ("touch " + str(tmp_path / "pwned"),))

    with closing(sqlite3.connect(tmp_path / "c" / "cache.db")) as db, db:
        db.execute("UPDATE Cache SET mode = 4, value = ? WHERE key = 'k'", (pickle.dumps(Boom()),))
    with JsonCache(tmp_path / "c") as cache:
        assert cache.get("k") is None
    assert not (tmp_path / "pwned").exists()


def test_corrupt_cache_is_moved_aside(make_extractor, papers, tmp_path: Path, caplog) -> None:
    make_extractor().extract_all(papers[:2])
    db = tmp_path / "cache" / "cache.db"
    db.write_bytes(b"this is not a database" * 100)
    extractor = make_extractor()
    results = extractor.extract_all(papers[:2])
    assert all(r.extraction is not None for r in results)
    moved = list(tmp_path.glob("cache.corrupt-*"))
    assert len(moved) == 1 and "is corrupt" in caplog.text
    assert extractor.stats()["cache"]["moved_aside"] == str(moved[0])


def test_no_cache_neither_reads_nor_writes(make_extractor, papers, fake: FakeLLM, tmp_path: Path) -> None:
    make_extractor(no_cache=True).extract_all(papers[:2])
    make_extractor(no_cache=True).extract_all(papers[:2])
    assert len(fake.requests) == 4
    assert not (tmp_path / "cache").exists()


_KILL_SCRIPT = """
import sys
sys.path[:0] = {paths!r}
from conftest import llm_settings
from pathlib import Path
from summarizer.extract.llm_backend import LLMExtractor
from summarizer.sources import load_papers
papers = load_papers([Path({examples!r})]).papers[:{n}]
ex = LLMExtractor(llm_settings({url!r}, Path({cache!r}), concurrency=1))
ex.extract_all(papers, on_done=lambda r: print("done", r.paper_id, flush=True))
"""


def test_sigkill_halfway_resumes_from_the_cache(papers, tmp_path: Path) -> None:
    fake = FakeLLM(latency=0.3).start()
    try:
        n = 6
        script = _KILL_SCRIPT.format(paths=[str(HERE), str(HERE.parents[1])], examples=str(
            HERE.parents[1] / "examples" / "hf-papers"), n=n, url=fake.url, cache=str(tmp_path / "cache"))
        with subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True) as proc:
            assert proc.stdout is not None
            done = [proc.stdout.readline() for _ in range(3)]
            os.kill(proc.pid, signal.SIGKILL)
            proc.wait(timeout=10)
        assert all(line.startswith("done") for line in done)
        before = len(fake.requests)
        assert 3 <= before < n
        resumed = LLMExtractor(llm_settings(fake.url, tmp_path / "cache", concurrency=1))
        results = resumed.extract_all(papers[:n])
        assert all(r.extraction is not None for r in results)
        cached = sum(r.cached for r in results)
        assert cached >= 3 and len(fake.requests) - before == n - cached
    finally:
        fake.stop()


def test_cache_cli_stats_and_clear(make_extractor, papers, tmp_path: Path) -> None:
    make_extractor().extract_all(papers[:3])
    runner = CliRunner()
    result = runner.invoke(cache_app, ["stats", "--cache-dir", str(tmp_path / "cache"), "--json"])
    assert result.exit_code == 0, result.output
    stats = json.loads(result.output)
    assert stats["entries"] == 3 and stats["by_kind_prompt_model"] == {"extraction:extract.v2:fake-model": 3}
    result = runner.invoke(cache_app, ["clear", "--cache-dir", str(tmp_path / "cache")])
    assert result.exit_code == 0
    with JsonCache(tmp_path / "cache") as cache:
        assert cache.stats()["entries"] == 0


def test_cache_key_is_canonical() -> None:
    assert cache_key(a=1, b={"y": 2, "x": 1}) == cache_key(b={"x": 1, "y": 2}, a=1)
    assert cache_key(a=1) != cache_key(a=2)


def test_empty_input(make_extractor) -> None:
    assert make_extractor().extract_all([]) == []


def test_a_run_over_a_planted_file_row_neither_reads_nor_deletes_the_file(make_extractor, papers, fake: FakeLLM,
                                                                          tmp_path: Path) -> None:
    """Issue 12: a row with mode=3 and filename='../victim/important.txt' made the next run read and delete it."""
    first = make_extractor()
    first.extract_all(papers[:1])
    key = first.key(first.prompt.render(title=papers[0].title, abstract=papers[0].abstract))
    victim = tmp_path / "victim" / "important.txt"
    victim.parent.mkdir()
    victim.write_text("keep", encoding="utf-8")
    with closing(sqlite3.connect(tmp_path / "cache" / "cache.db")) as db, db:
        db.execute("UPDATE Cache SET mode = 3, filename = '../victim/important.txt', value = NULL WHERE key = ?",
                   (key,))
    rerun = make_extractor()
    results = rerun.extract_all(papers[:1])
    assert results[0].cached is False and results[0].extraction is not None  # a miss: asked again
    assert len(fake.requests) == 2 and rerun.stats()["cache"]["refused"] == 1
    assert victim.read_text(encoding="utf-8") == "keep"
    assert rerun.llm.cache._cache is None  # closed after the run: no connection left for any thread
