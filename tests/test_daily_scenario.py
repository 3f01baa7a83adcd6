"""Three days of listings from the bundled pages: repeats, a v2, an empty day, a rerun."""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from pathlib import Path

import feedparser
import pytest

from summarizer.daily.run import DailyOptions, run_daily
from summarizer.settings import Settings
from tests.daily_helpers import CountingExtractor, arxiv_record, sample_papers, write_listing

D1, D2, D3 = "2024-10-07", "2024-10-08", "2024-10-09"
OUTPUTS = ("cards.jsonl", "cards.csv", "updated.jsonl", "digest.md", "digest.html", "digest.xml")


def _day(site: Path, listing: Path, day: str) -> tuple[object, CountingExtractor]:
    extractor = CountingExtractor()
    result = run_daily([listing], DailyOptions(site=site, day=day), Settings(backend="rules"), extractor=extractor)
    return result, extractor


def _feed(site: Path) -> feedparser.FeedParserDict:
    return feedparser.parse((site / "feed.xml").read_bytes())


def _cards(path: Path) -> list[dict[str, object]]:
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]



def _dump(path: Path) -> list[str]:
    """The database as SQL, with the connection closed (an open one is a ResourceWarning on Python 3.13)."""
    with closing(sqlite3.connect(path)) as db:
        return list(db.iterdump())

@pytest.fixture(scope="module")
def scenario(tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    root = tmp_path_factory.mktemp("scenario")
    site = root / "site"
    day1 = write_listing(root / "in" / "day1.json", [arxiv_record(i, day=D1) for i in range(6)])
    day2 = write_listing(root / "in" / "day2.json", [
        *(arxiv_record(i, day=D2) for i in (4, 5, 6, 7, 8, 9)),  # 4 and 5 again, 6-9 new
        arxiv_record(1, version=2, day=D2, extra=" We also release an extended benchmark."),  # v2 of paper 1
    ])
    empty = write_listing(root / "in" / "day3.json", [])
    state: dict[str, object] = {"site": site}
    state["r1"], state["x1"] = _day(site, day1, D1)
    state["r2"], state["x2"] = _day(site, day2, D2)
    state["after_day2"] = {name: (site / D2 / name).read_bytes() for name in OUTPUTS}
    state["feed2"] = _feed(site)
    state["index2"] = (site / "index.html").read_bytes()
    state["db2"] = _dump(site / "papers.db")
    state["r3"], state["x3"] = _day(site, empty, D3)
    state["index3"], state["feed3"] = (site / "index.html").read_bytes(), (site / "feed.xml").read_bytes()
    state["db3"] = _dump(site / "papers.db")
    state["r2b"], state["x2b"] = _day(site, day2, D2)
    return state


def test_each_day_holds_only_papers_first_seen_that_day(scenario: dict) -> None:
    site = scenario["site"]
    titles = [p.title for p in sample_papers()]
    assert [c["title"] for c in _cards(site / D1 / "cards.jsonl")] == titles[:6]
    assert sorted(c["title"] for c in _cards(site / D2 / "cards.jsonl")) == sorted(titles[6:10])
    counts = json.loads((site / D2 / "run.json").read_text())["counts"]
    assert (counts["listed"], counts["new"], counts["updated"], counts["repeated"]) == (7, 4, 1, 2)
    html = (site / D2 / "digest.html").read_text()
    assert titles[4] not in html and titles[5] not in html  # seen on day 1: not repeated


def test_a_new_version_is_shown_once_as_updated_linking_to_its_earlier_card(scenario: dict) -> None:
    site, paper = scenario["site"], sample_papers()[1]
    html = (site / D2 / "digest.html").read_text()
    assert 'id="updated"' in html and f'href="../{D1}/digest.html#p-{paper.id}"' in html
    assert f'id="p-{paper.id}"' in (site / D1 / "digest.html").read_text()  # the link's target exists
    assert [c["title"] for c in _cards(site / D2 / "updated.jsonl")] == [paper.title]
    assert paper.title not in [c["title"] for c in _cards(site / D2 / "cards.jsonl")]


def test_memory_keys_papers_by_arxiv_id_with_dates_and_versions(scenario: dict) -> None:
    with closing(sqlite3.connect(scenario["site"] / "papers.db")) as db:
        rows = {k: (first, last, json.loads(v)) for k, first, last, v in
                db.execute("SELECT key, first_seen, last_seen, versions FROM papers")}
        card = json.loads(db.execute("SELECT card FROM papers WHERE key = 'arxiv:2410.10001'").fetchone()[0])
    assert len(rows) == 10
    assert rows["arxiv:2410.10001"] == (D1, D2, {"1": D1, "2": D2})
    assert rows["arxiv:2410.10004"] == (D1, D2, {"1": D1})
    assert rows["arxiv:2410.10009"] == (D2, D2, {"1": D2})
    assert card["abstract"].endswith("extended benchmark.")  # the v2 card replaced the v1 card


def test_feed_has_one_entry_per_unique_paper_with_a_permanent_id(scenario: dict) -> None:
    feed = scenario["feed2"]
    assert not feed.bozo, feed.bozo_exception
    assert len(feed.entries) == 10 == len({e.id for e in feed.entries})
    v2 = next(e for e in feed.entries if e.id.endswith("arxiv:2410.10001"))
    assert v2.link == f"{D2}/digest.html#p-{sample_papers()[1].id}"  # the newest card of the paper


def test_an_empty_day_says_so_and_leaves_the_archive_untouched(scenario: dict) -> None:
    site, result = scenario["site"], scenario["r3"]
    assert result.status == "empty" and "no listing" in result.message
    assert not (site / D3).exists()
    assert scenario["index3"] == scenario["index2"]
    assert scenario["db3"] == scenario["db2"]
    assert scenario["x3"].extracted == []


def test_rerunning_a_day_is_idempotent_without_extraction(scenario: dict) -> None:
    site = scenario["site"]
    assert len(scenario["x2"].extracted) == 5  # 4 new + the v2
    assert scenario["x2b"].extracted == []  # remembered cards: no model calls
    assert {name: (site / D2 / name).read_bytes() for name in OUTPUTS} == scenario["after_day2"]
    again = _feed(site)
    assert [(e.id, e.updated) for e in again.entries] == [(e.id, e.updated) for e in scenario["feed2"].entries]
    assert again.feed.id == scenario["feed2"].feed.id
    assert scenario["r2b"].counts["reused"] == 5 and scenario["r2b"].report.model_calls == 0


def test_index_lists_days_newest_first_with_relative_links(scenario: dict) -> None:
    html = (scenario["site"] / "index.html").read_text()
    assert html.index(f'href="{D2}/digest.html"') < html.index(f'href="{D1}/digest.html"')
    assert "4 new · 1 updated · 2 seen before" in html
    assert "file:" not in html and 'href="/' not in html
    day1 = (scenario["site"] / D1 / "digest.html").read_text()
    assert f'href="../{D2}/digest.html" rel="next"' in day1  # day 1 learned about day 2
