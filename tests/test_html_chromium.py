"""The HTML digest in a real headless Chromium: loads cleanly, TOC links jump, fits a phone."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarizer.digest import DigestMeta, write_digest
from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.models import Extraction, ExtractorInfo, Method, PaperCard, Resources
from summarizer.sources.records import make_paper
from summarizer.themes import assign_themes
from tests.cards_factory import sample_cards
from tests.chromium_cdp import Chromium, find_chromium

pytestmark = pytest.mark.chromium
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
BINARY = find_chromium()


@pytest.fixture(scope="module")
def digest_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    themed = assign_themes(list(sample_cards()))
    overviews = ExtractiveOverviewWriter().write_overviews(themed.by_theme())
    meta = DigestMeta(date="2026-11-22", sources=["examples/hf-papers"], papers=503, cards=len(themed.cards))
    out = tmp_path_factory.mktemp("html")
    write_digest(themed, overviews, out, meta)
    return out / "digest.html"


@pytest.fixture
def browser() -> Iterator[Chromium]:
    if BINARY is None:
        pytest.skip("Chromium is not installed (apt-get install chromium; .ci/run does)")
    chromium = Chromium(BINARY)
    try:
        yield chromium
    finally:
        chromium.close()


def _evaluate(browser: Chromium, session: str, expression: str) -> object:
    result = browser.send("Runtime.evaluate", {"expression": expression, "returnByValue": True}, session=session)
    return result["result"].get("value")


def _open(browser: Chromium, page: Path, width: int, height: int, mobile: bool) -> str:
    session = browser.page_session()
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session=session)
    browser.send("Page.navigate", {"url": page.as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired")
    return session


def _screenshot(browser: Chromium, session: str, name: str) -> None:
    """Saved under test-artifacts/ (git-ignored); docs/digest.png is a copy of digest.png."""
    shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(base64.b64decode(shot["data"]))


def test_digest_loads_without_errors_and_toc_links_jump(browser: Chromium, digest_html: Path) -> None:
    session = _open(browser, digest_html, 1000, 1400, mobile=False)
    assert _evaluate(browser, session, "document.querySelectorAll('section.theme').length") >= 5
    _screenshot(browser, session, "digest.png")  # the top of the page: header, themes, first entries
    links = json.loads(str(_evaluate(browser, session, "JSON.stringify([...document.querySelectorAll('nav a')]"
                                                        ".map(a => a.getAttribute('href')))")))
    for href in (links[1], links[-1]):
        _evaluate(browser, session, f"document.querySelector('nav a[href=\"{href}\"]').click()")
        where = json.loads(str(_evaluate(browser, session, (
            f"JSON.stringify({{hash: location.hash, y: window.scrollY, "
            f"top: document.getElementById('{href[1:]}').getBoundingClientRect().top}})"))))
        assert where["hash"] == href
        assert where["y"] > 0 and abs(where["top"]) < 40, where  # the theme is at the top of the viewport
    _screenshot(browser, session, "digest-after-toc-jump.png")
    assert browser.errors() == []


def test_digest_fits_a_phone_screen(browser: Chromium, digest_html: Path) -> None:
    session = _open(browser, digest_html, 390, 844, mobile=True)
    overflow = _evaluate(browser, session, "document.documentElement.scrollWidth - window.innerWidth")
    assert overflow is not None and int(overflow) <= 1  # type: ignore[call-overload]
    _screenshot(browser, session, "digest-phone.png")
    assert browser.errors() == []


def _hostile_cards() -> list[PaperCard]:
    payload = "<img src=x onerror=\"document.title='pwned'\"><script>alert(1)</script>"
    paper = make_paper(title=f"{payload} A hostile title", abstract=f"We propose {payload}. It is 5% better.",
                       source="evil.jsonl", position=0, url="javascript:alert(2)")
    extraction = Extraction(task=payload, method=Method(name="<svg onload=alert(3)>"),
                            resources=Resources(code_urls=["javascript:alert(4)", "https://github.com/ok/repo"]))
    return [PaperCard.build(paper, extraction, ExtractorInfo(backend="rules")), *list(sample_cards())[:8]]


def test_hostile_input_renders_as_text_and_never_runs(browser: Chromium, tmp_path: Path) -> None:
    themed = assign_themes(_hostile_cards())
    write_digest(themed, ExtractiveOverviewWriter().write_overviews(themed.by_theme()), tmp_path,
                 DigestMeta(date="2026-11-22", sources=["evil.jsonl"], cards=len(themed.cards)))
    session = _open(browser, tmp_path / "digest.html", 1000, 1400, mobile=False)
    state = json.loads(str(_evaluate(browser, session, (
        "JSON.stringify({title: document.title, scripts: document.scripts.length,"
        " imgs: document.images.length, svgs: document.querySelectorAll('svg').length,"
        " hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),"
        " text: document.body.innerText})"))))
    assert state["title"] != "pwned" and state["scripts"] == 0 and state["imgs"] == 0 and state["svgs"] == 0
    assert "<script>alert(1)</script> A hostile title" in state["text"]  # shown as text, verbatim
    assert all(h.startswith(("#", "http://", "https://")) for h in state["hrefs"]), state["hrefs"]
    assert "https://github.com/ok/repo" in state["hrefs"]
    assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert browser.errors() == []
