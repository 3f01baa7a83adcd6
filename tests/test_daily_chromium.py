"""The archive in a real headless Chromium from file://: index -> day -> previous/next day -> earlier card."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from summarizer.daily.run import DailyOptions, run_daily
from summarizer.settings import Settings
from tests.chromium_cdp import Chromium
from tests.daily_helpers import arxiv_record, sample_papers, write_listing

pytestmark = pytest.mark.chromium
D1, D2 = "2024-10-07", "2024-10-08"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("archive")
    days = {D1: [arxiv_record(i) for i in range(5)],
            D2: [*(arxiv_record(i) for i in range(3, 9)), arxiv_record(1, version=2, extra=" Revised.")]}
    for day, records in days.items():
        run_daily([write_listing(root / f"{day}.json", records)], DailyOptions(site=root / "site", day=day),
                  Settings(backend="rules"))
    return root / "site"


def _follow(browser: Chromium, session: str, selector: str, errors: list[str]) -> str:
    """Click the link, wait for the new page, return its file:// location (errors seen so far are kept)."""
    errors += browser.errors()
    browser.events.clear()
    assert browser.evaluate(session, f"!!document.querySelector({json.dumps(selector)})"), selector
    browser.evaluate(session, f"document.querySelector({json.dumps(selector)}).click()")
    browser.wait_for("Page.loadEventFired")
    return str(browser.evaluate(session, "location.href"))


def test_days_link_to_each_other_and_to_the_archive_from_file_urls(browser: Chromium, site: Path) -> None:
    session = browser.page_session()
    errors: list[str] = []
    browser.send("Page.navigate", {"url": (site / "index.html").as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired")
    days = json.loads(browser.evaluate(session, "JSON.stringify([...document.querySelectorAll('section.day h2 a')]"
                                              ".map(a => a.textContent))"))
    assert days == [D2, D1]  # newest first
    here = _follow(browser, session, f'section.day h2 a[href="{D2}/digest.html"]', errors)
    assert here == (site / D2 / "digest.html").as_uri()
    assert browser.evaluate(session, "document.querySelectorAll('article[id^=\"p-\"]').length") >= 4
    here = _follow(browser, session, 'nav.daily a[rel="prev"]', errors)
    assert here == (site / D1 / "digest.html").as_uri()
    here = _follow(browser, session, 'nav.daily a[rel="next"]', errors)  # added to day 1 when day 2 arrived
    assert here == (site / D2 / "digest.html").as_uri()
    paper = sample_papers()[1]
    here = _follow(browser, session, "section.updated a.earlier", errors)
    assert here == (site / D1 / "digest.html").as_uri() + f"#p-{paper.id}"
    top, height = browser.evaluate(session, f"[document.getElementById('p-{paper.id}').getBoundingClientRect().top, "
                                          "window.innerHeight]")
    assert 0 <= top < height / 3  # the earlier card is at the top of the window (below any sticky bar)
    here = _follow(browser, session, 'nav.daily a[href="../index.html"]', errors)
    assert here == (site / "index.html").as_uri()
    errors += browser.errors()
    assert errors == []


def test_index_highlights_open_their_card(browser: Chromium, site: Path) -> None:
    session = browser.page_session()
    browser.send("Page.navigate", {"url": (site / "index.html").as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired")
    href = browser.evaluate(session, f"document.querySelector('#d-{D1} li a').getAttribute('href')")
    errors: list[str] = []
    here = _follow(browser, session, f'#d-{D1} li a[href="{href}"]', errors)
    anchor = href.split("#", 1)[1]
    assert here == (site / D1 / "digest.html").as_uri() + f"#{anchor}"
    assert browser.evaluate(session, f"!!document.getElementById('{anchor}')")
    assert errors + browser.errors() == []
