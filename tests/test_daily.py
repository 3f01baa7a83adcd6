"""`summarizer daily`: dates, fetching, a crash mid-day, two runs at once, and the command line."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
import threading
from contextlib import closing
from datetime import date
from pathlib import Path

import httpx
import pytest

import summarizer.daily.run as daily_run
from summarizer.daily.memory import ArchiveBusy, Memory, arxiv_version, canonical_key
from summarizer.daily.run import DailyOptions, run_daily
from summarizer.settings import Settings
from summarizer.sources.records import make_paper
from tests.daily_helpers import CountingExtractor, arxiv_record, write_listing

RULES = Settings(backend="rules")


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    return subprocess.run([sys.executable, "-m", "summarizer", "daily", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def _paper(title: str, **meta: object) -> object:
    return make_paper(title=title, abstract="An abstract.", source="x", position=0, **meta)


def test_canonical_key_prefers_arxiv_then_doi_then_title() -> None:
    assert canonical_key(_paper("A", url="https://arxiv.org/abs/2401.01234v3")) == "arxiv:2401.01234"
    assert canonical_key(_paper("B", url="https://doi.org/10.1145/3580305.3599256")) == "doi:10.1145/3580305.3599256"
    assert canonical_key(_paper("  The  Title: of  a Paper! ")) == "title:the title of a paper"
    assert arxiv_version(_paper("A", url="https://arxiv.org/abs/2401.01234v3")) == 3
    assert arxiv_version(_paper("A", url="https://huggingface.co/papers/2401.01234")) is None


def test_date_defaults_to_the_listings_own_date_else_today(tmp_path: Path) -> None:
    dated = write_listing(tmp_path / "a.json", [arxiv_record(0, day="2024-10-07"), arxiv_record(1, day="2024-10-08")])
    result = run_daily([dated], DailyOptions(site=tmp_path / "site"), RULES)
    assert result.day == "2024-10-08" and (tmp_path / "site" / "2024-10-08" / "digest.html").exists()
    undated = write_listing(tmp_path / "b.json", [arxiv_record(2)])
    assert run_daily([undated], DailyOptions(site=tmp_path / "site"), RULES).day == date.today().isoformat()


def test_fetch_saves_the_raw_listing_in_the_days_folder(tmp_path: Path, fixtures_dir: Path) -> None:
    body = (fixtures_dir / "hf_daily_papers.json").read_bytes()
    asked: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request)
        return httpx.Response(200, content=body if request.url.params["date"] == "2024-10-08" else b"[]")

    site = tmp_path / "site"
    with httpx.Client(transport=httpx.MockTransport(handler)) as client:
        result = run_daily([], DailyOptions(site=site, day="2024-10-08", fetch="hf"), RULES, client=client)
        empty = run_daily([], DailyOptions(site=site, day="2024-10-09", fetch="hf"), RULES, client=client)
    assert [r.url.params["date"] for r in asked] == ["2024-10-08", "2024-10-09"]
    assert (site / "2024-10-08" / "listing" / "listing.hf.json").read_bytes() == body
    assert result.counts["new"] >= 2
    assert empty.status == "empty" and not (site / "2024-10-09").exists()


def test_a_crash_mid_day_leaves_the_memory_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    site = tmp_path / "site"
    run_daily([write_listing(tmp_path / "d1.json", [arxiv_record(0)])], DailyOptions(site=site, day="2024-10-07"),
              RULES)
    listing = write_listing(tmp_path / "d2.json", [arxiv_record(i) for i in range(4)])

    def crash(*_args: object) -> None:
        raise RuntimeError("power cut")

    monkeypatch.setattr(daily_run, "_write_site", crash)  # after the day's folder is swapped in
    with pytest.raises(RuntimeError):
        run_daily([listing], DailyOptions(site=site, day="2024-10-08"), RULES)
    db = sqlite3.connect(site / "papers.db")
    assert db.execute("SELECT count(*), max(last_seen) FROM papers").fetchone() == (1, "2024-10-07")
    assert db.execute("SELECT count(*) FROM days").fetchone() == (1,)
    db.close()
    monkeypatch.undo()
    result = run_daily([listing], DailyOptions(site=site, day="2024-10-08"), RULES)
    assert (result.counts["new"], result.counts["repeated"]) == (3, 1)
    assert '<a href="2024-10-08/digest.html">' in (site / "index.html").read_text()
    assert not [p for p in site.iterdir() if p.name.startswith(".")]  # no staging folder left behind


def test_a_second_run_on_a_busy_archive_refuses_cleanly(tmp_path: Path) -> None:
    site = tmp_path / "site"
    first = write_listing(tmp_path / "d1.json", [arxiv_record(0)])
    run_daily([first], DailyOptions(site=site, day="2024-10-07"), RULES)
    before = (site / "index.html").read_bytes()
    holder = Memory(site / "papers.db", wait=1)  # another run, mid-day
    try:
        second = write_listing(tmp_path / "d2.json", [arxiv_record(1)])
        with pytest.raises(ArchiveBusy, match="another `summarizer daily` run"):
            run_daily([second], DailyOptions(site=site, day="2024-10-08", wait=0.2), RULES)
        proc = _cli(str(second), "--site", str(site), "--date", "2024-10-08", "--wait", "0.2")
    finally:
        holder.__exit__(None, None, None)
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1 and "another `summarizer daily` run" in proc.stderr
    assert (site / "index.html").read_bytes() == before and not (site / "2024-10-08").exists()


def test_two_runs_at_once_one_waits_for_the_other(tmp_path: Path) -> None:
    site = tmp_path / "site"
    days = {"2024-10-07": range(0, 5), "2024-10-08": range(3, 8)}
    results: dict[str, object] = {}
    errors: list[BaseException] = []
    extractors: dict[str, CountingExtractor] = {}

    def one(day: str) -> None:
        listing = write_listing(tmp_path / f"{day}.json", [arxiv_record(i) for i in days[day]])
        try:
            extractors[day] = CountingExtractor()
            results[day] = run_daily([listing], DailyOptions(site=site, day=day, wait=120), RULES,
                                     extractor=extractors[day])
        except BaseException as exc:  # re-raised below, in the test's thread
            errors.append(exc)

    threads = [threading.Thread(target=one, args=(d,)) for d in days]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=240)
    assert not errors, errors
    assert set(results) == set(days)
    with closing(sqlite3.connect(site / "papers.db")) as db:
        assert db.execute("SELECT count(*) FROM papers").fetchone() == (8,)
        first_seen = db.execute("SELECT first_seen FROM papers WHERE key = 'arxiv:2410.10003'").fetchone()
    assert first_seen == ("2024-10-07",)
    # whichever ran second saw the first's papers (reused their 2 cards): one run at a time, in either order
    assert sorted(len(x.extracted) for x in extractors.values()) == [3, 5]


def test_cli_empty_day_is_one_line_and_bad_date_is_one_error(tmp_path: Path) -> None:
    empty = write_listing(tmp_path / "empty.json", [])
    proc = _cli(str(empty), "--site", str(tmp_path / "site"), "--date", "2024-10-12")
    assert proc.returncode == 0, proc.stderr
    assert proc.stderr.strip().splitlines()[-1].startswith("no listing for 2024-10-12")
    assert not (tmp_path / "site").exists() or not any((tmp_path / "site").iterdir())
    broken = tmp_path / "broken.json"
    broken.write_text('[{"title": "no abstract"}]')
    proc = _cli(str(broken), "--site", str(tmp_path / "site"), "--date", "2024-10-12")
    assert proc.returncode == 2 and "warning: " in proc.stderr and "no listing" not in proc.stderr
    assert proc.stderr.strip().splitlines()[-1] == ("error: no papers could be read from the input(s); "
                                                    "the archive is unchanged")
    bad = _cli(str(empty), "--site", str(tmp_path / "site"), "--date", "12/10/2024")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: --date '12/10/2024' is not a date (expected YYYY-MM-DD)"


def test_cli_writes_the_day_and_reports_counts(tmp_path: Path) -> None:
    listing = write_listing(tmp_path / "d.json", [arxiv_record(i, day="2024-10-07") for i in range(3)])
    proc = _cli(str(listing), "--site", str(tmp_path / "site"))
    assert proc.returncode == 0, proc.stderr
    assert "2024-10-07: 3 new, 0 updated" in proc.stderr and "Traceback" not in proc.stderr
    report = json.loads((tmp_path / "site" / "2024-10-07" / "run.json").read_text())
    assert report["counts"]["new"] == 3 and report["counts"]["extracted"] == 3
