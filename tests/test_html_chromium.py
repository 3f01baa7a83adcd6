"""The HTML digest in a real headless Chromium: search, filters, disclosure, phone width, contrast, JS off."""

from __future__ import annotations

import base64
import json
import shutil
import subprocess
import tarfile
from pathlib import Path
from typing import Any

import pytest

from summarizer.digest import DigestMeta, write_digest
from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.models import Extraction, ExtractorInfo, Method, PaperCard, Resources
from summarizer.sources.records import make_paper
from summarizer.themes import assign_themes
from tests.cards_factory import filled_sample_cards, sample_cards
from tests.chromium_cdp import Chromium

pytestmark = pytest.mark.chromium
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CONTRAST_JS = (Path(__file__).parent / "contrast.js").read_text(encoding="utf-8")
SHOWN = "Number(document.getElementById('shown').textContent)"
VISIBLE = "document.querySelectorAll('article.paper:not([hidden])').length"


def _write(cards: list[PaperCard], out: Path, sources: list[str]) -> Path:
    themed = assign_themes(cards)
    overviews = ExtractiveOverviewWriter().write_overviews(themed.by_theme())
    write_digest(themed, overviews, out, DigestMeta(date="2026-11-22", sources=sources, papers=len(cards),
                                                    cards=len(themed.cards)))
    return out / "digest.html"


@pytest.fixture(scope="module")
def digest_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The bundled samples with a few cards also carrying relevance to a profile and a suspicious flag."""
    return _write(list(filled_sample_cards()), tmp_path_factory.mktemp("html"), ["examples/hf-papers"])


@pytest.fixture(scope="module")
def sample_html(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Exactly what `summarizer run examples/hf-papers --backend rules` shows: the README's screenshots."""
    return _write(list(sample_cards()), tmp_path_factory.mktemp("sample"), ["examples/hf-papers"])


def _json(browser: Chromium, session: str, expression: str) -> Any:
    return json.loads(str(browser.evaluate(session, expression)))


def _open(browser: Chromium, page: Path, width: int, height: int, mobile: bool = False, dark: bool = False,
          script: bool = True) -> str:
    session = browser.page_session()
    browser.send("Emulation.setDeviceMetricsOverride",
                 {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}, session=session)
    scheme = "dark" if dark else "light"
    browser.send("Emulation.setEmulatedMedia", {"features": [{"name": "prefers-color-scheme", "value": scheme}]},
                 session=session)
    if not script:
        browser.send("Emulation.setScriptExecutionDisabled", {"value": True}, session=session)
    browser.events.clear()
    browser.send("Page.navigate", {"url": page.as_uri()}, session=session)
    browser.wait_for("Page.loadEventFired")
    return session


def _screenshot(browser: Chromium, session: str, name: str) -> None:
    """Saved under test-artifacts/ (git-ignored); the docs/*.png screenshots are copies."""
    shot = browser.send("Page.captureScreenshot", {"format": "png"}, session=session)
    ARTIFACTS.mkdir(exist_ok=True)
    (ARTIFACTS / name).write_bytes(base64.b64decode(shot["data"]))


def _key(browser: Chromium, session: str, key: str, code: str, keycode: int) -> None:
    for kind in ("keyDown", "keyUp"):
        browser.send("Input.dispatchKeyEvent", {"type": kind, "key": key, "code": code,
                                                "windowsVirtualKeyCode": keycode, "text": " " if key == " " else ""},
                     session=session)


def test_digest_loads_without_errors_and_toc_links_jump(browser: Chromium, sample_html: Path) -> None:
    session = _open(browser, sample_html, 1100, 1500)
    assert browser.evaluate(session, "document.querySelectorAll('section.theme').length") >= 5
    _screenshot(browser, session, "digest.png")  # the top: the day at a glance, highlights, filters
    browser.evaluate(session, "[...document.querySelectorAll('section.theme')].sort((a, b) => "
                                "b.querySelectorAll('tbody tr').length - a.querySelectorAll('tbody tr').length)[0]"
                                ".scrollIntoView()")
    _screenshot(browser, session, "digest-theme.png")  # a theme: synthesis, comparison table, first papers
    links = _json(browser, session, "JSON.stringify([...document.querySelectorAll('nav a')]"
                                    ".map(a => a.getAttribute('href')))")
    for href in (links[1], links[-1]):
        browser.evaluate(session, f"document.querySelector('nav a[href=\"{href}\"]').click()")
        where = _json(browser, session, (
            f"JSON.stringify({{hash: location.hash, y: window.scrollY, "
            f"top: document.getElementById('{href[1:]}').getBoundingClientRect().top}})"))
        assert where["hash"] == href
        assert where["y"] > 0 and 0 <= where["top"] < 120, where  # at the top, below the sticky filter bar
    assert browser.errors() == []


def test_typing_in_the_search_box_filters_papers_and_updates_counts(browser: Chromium, digest_html: Path) -> None:
    session = _open(browser, digest_html, 1100, 1500)
    total = browser.evaluate(session, SHOWN)
    assert total == browser.evaluate(session, VISIBLE) and total > 100
    browser.evaluate(session, "document.getElementById('q').focus()")
    browser.send("Input.insertText", {"text": "lora"}, session=session)  # typed as a user types
    shown = browser.evaluate(session, SHOWN)
    assert 0 < shown < total and shown == browser.evaluate(session, VISIBLE)
    texts = _json(browser, session, "JSON.stringify([...document.querySelectorAll('article.paper:not([hidden])')]"
                                    ".map(a => a.dataset.search))")
    assert all("lora" in t for t in texts)
    counts = _json(browser, session, "JSON.stringify([...document.querySelectorAll('section.theme:not([hidden]) "
                                     ".count')].map(c => c.textContent))")
    assert counts and any(" of " in c for c in counts)  # per-theme counts follow the filter
    browser.evaluate(session, "document.querySelector('section.theme:not([hidden])').scrollIntoView()")
    _screenshot(browser, session, "digest-search.png")
    browser.send("Input.insertText", {"text": "zzqx"}, session=session)
    assert browser.evaluate(session, SHOWN) == 0
    assert browser.evaluate(session, "document.getElementById('none').hidden") is False
    assert browser.errors() == []


def test_filters_work_from_the_keyboard(browser: Chromium, digest_html: Path) -> None:
    session = _open(browser, digest_html, 1100, 1500)
    total = browser.evaluate(session, SHOWN)
    with_code = browser.evaluate(session, "document.querySelectorAll('article.paper[data-code]').length")
    browser.evaluate(session, "document.getElementById('f-code').focus()")
    _key(browser, session, " ", "Space", 32)
    assert browser.evaluate(session, "document.getElementById('f-code').checked") is True
    assert browser.evaluate(session, SHOWN) == with_code == browser.evaluate(session, VISIBLE) < total
    browser.evaluate(session, "document.getElementById('f-quant').focus()")
    _key(browser, session, " ", "Space", 32)
    both = browser.evaluate(session, "document.querySelectorAll('article.paper[data-code][data-quant]').length")
    assert browser.evaluate(session, SHOWN) == both == browser.evaluate(session, VISIBLE)
    _key(browser, session, " ", "Space", 32)
    browser.evaluate(session, "document.getElementById('f-code').click()")
    assert browser.evaluate(session, SHOWN) == total
    browser.evaluate(session, "document.getElementById('f-theme').focus()")
    _key(browser, session, "ArrowDown", "ArrowDown", 40)  # the first theme
    first = browser.evaluate(session, "document.getElementById('f-theme').value")
    assert first
    size = browser.evaluate(session, f"document.querySelectorAll('article.paper[data-theme=\"{first}\"]').length")
    assert browser.evaluate(session, SHOWN) == size == browser.evaluate(session, VISIBLE)
    assert browser.evaluate(session, "document.querySelectorAll('section.theme:not([hidden])').length") == 1
    assert browser.errors() == []


def test_an_abstract_opens_from_its_disclosure(browser: Chromium, digest_html: Path) -> None:
    session = _open(browser, digest_html, 1100, 1500)
    probe = "document.querySelector('article.paper details.abstract')"
    assert browser.evaluate(session, f"{probe}.open") is False
    assert browser.evaluate(session, f"{probe}.querySelector('p').checkVisibility()") is False
    browser.evaluate(session, f"{probe}.querySelector('summary').click()")
    assert browser.evaluate(session, f"{probe}.open") is True
    assert browser.evaluate(session, f"{probe}.querySelector('p').checkVisibility()") is True
    assert browser.evaluate(session, f"{probe}.querySelector('p').getBoundingClientRect().height") > 20
    assert browser.errors() == []


def test_digest_fits_a_phone_screen(browser: Chromium, sample_html: Path) -> None:
    session = _open(browser, sample_html, 390, 844, mobile=True)
    browser.evaluate(session, "document.querySelectorAll('details').forEach(d => { d.open = true; })")
    # against the device width, not innerWidth: a mobile browser zooms out to fit a too-wide layout
    widths = _json(browser, session, "JSON.stringify([document.documentElement.scrollWidth, window.innerWidth])")
    assert widths[0] <= 390 and widths[1] == 390, widths
    browser.evaluate(session, "document.querySelectorAll('details.abstract').forEach(d => { d.open = false; })")
    _screenshot(browser, session, "digest-phone.png")
    browser.evaluate(session, "document.querySelector('article.paper .evidence').closest('article').scrollIntoView()")
    _screenshot(browser, session, "digest-phone-paper.png")
    assert browser.errors() == []


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_text_and_links_meet_wcag_aa_contrast(browser: Chromium, digest_html: Path, dark: bool) -> None:
    session = _open(browser, digest_html, 1100, 1500, dark=dark)
    browser.evaluate(session, "document.querySelectorAll('details').forEach(d => { d.open = true; })")
    report = _json(browser, session, CONTRAST_JS)
    assert report["checked"] > 1000 and report["failures"] == [], report
    if dark:
        browser.evaluate(session, "document.querySelector('.overview').scrollIntoView()")
        _screenshot(browser, session, "digest-dark.png")


def test_without_javascript_every_paper_shows_and_the_filter_bar_stays_hidden(browser: Chromium,
                                                                               digest_html: Path) -> None:
    session = _open(browser, digest_html, 1100, 1500, script=False)
    state = _json(browser, session, "JSON.stringify({papers: document.querySelectorAll('article.paper').length,"
                                    " visible: [...document.querySelectorAll('article.paper')]"
                                    ".filter(a => a.getClientRects().length).length,"
                                    " filters: document.getElementById('filters').getClientRects().length})")
    assert state["papers"] == state["visible"] > 100 and state["filters"] == 0


def test_print_hides_the_controls(browser: Chromium, digest_html: Path) -> None:
    session = _open(browser, digest_html, 1100, 1500)
    browser.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
    hidden = _json(browser, session, "JSON.stringify(['#filters', '.totop'].map(s => "
                                     "getComputedStyle(document.querySelector(s)).display))")
    assert hidden == ["none", "none"]


AXE_VERSION = "4.14.1"


@pytest.fixture(scope="session")
def axe_source() -> str:
    """axe-core from the npm registry (`npm pack`, cached under test-artifacts/); skipped when npm cannot fetch it."""
    cached = ARTIFACTS / f"axe-core-{AXE_VERSION}" / "axe.min.js"
    if not cached.exists():
        npm = shutil.which("npm")
        if npm is None:
            pytest.skip("npm is not installed: axe-core cannot be fetched")
        target = cached.parent
        target.mkdir(parents=True, exist_ok=True)
        done = subprocess.run([npm, "pack", f"axe-core@{AXE_VERSION}", "--pack-destination", str(target)],
                              capture_output=True, text=True, timeout=180, check=False)
        if done.returncode != 0:
            pytest.skip(f"npm pack axe-core failed: {done.stderr.strip()[-200:]}")
        with tarfile.open(target / f"axe-core-{AXE_VERSION}.tgz") as archive:
            member = archive.extractfile("package/axe.min.js")
            assert member is not None
            cached.write_bytes(member.read())
    return cached.read_text(encoding="utf-8")


@pytest.mark.parametrize("dark", [False, True], ids=["light", "dark"])
def test_axe_core_finds_no_wcag_a_or_aa_violations(browser: Chromium, sample_html: Path, axe_source: str,
                                                    dark: bool) -> None:
    session = _open(browser, sample_html, 1100, 1500, dark=dark)
    browser.send("Runtime.evaluate", {"expression": axe_source}, session=session)  # DevTools is not bound by CSP
    result = browser.send("Runtime.evaluate", {"expression": (
        "axe.run(document, {runOnly: ['wcag2a', 'wcag2aa']}).then(r => JSON.stringify(r.violations.map("
        "v => ({id: v.id, nodes: v.nodes.length, first: v.nodes[0].html.slice(0, 160)}))))"),
        "awaitPromise": True, "returnByValue": True}, session=session, timeout=180)
    assert json.loads(result["result"]["value"]) == []


def _hostile_cards() -> list[PaperCard]:
    payload = "<img src=x onerror=\"document.title='pwned'\"><script>alert(1)</script>"
    paper = make_paper(title=f"{payload} A hostile title", abstract=f"We propose {payload}. It is 5% better.",
                       source="evil.jsonl", position=0, url="javascript:alert(2)")
    extraction = Extraction(task=payload, method=Method(name="<svg onload=alert(3)>"), summary=payload,
                            outcome=f"It is 5% better {payload}.",
                            resources=Resources(code_urls=["javascript:alert(4)", "https://github.com/ok/repo"]))
    return [PaperCard.build(paper, extraction, ExtractorInfo(backend="rules")), *list(sample_cards())[:8]]


def test_hostile_input_renders_as_text_and_never_runs(browser: Chromium, tmp_path: Path) -> None:
    page = _write(_hostile_cards(), tmp_path, ["evil.jsonl"])
    session = _open(browser, page, 1000, 1400)
    state = _json(browser, session, (
        "JSON.stringify({title: document.title, scripts: [...document.scripts].map(s => s.src || 'inline'),"
        " imgs: document.images.length, svgs: document.querySelectorAll('svg').length,"
        " hrefs: [...document.querySelectorAll('a[href]')].map(a => a.getAttribute('href')),"
        " text: document.body.innerText})"))
    assert state["title"] != "pwned" and state["scripts"] == ["inline"]  # the page's own filter script only
    assert state["imgs"] == 0 and state["svgs"] == 0
    assert "<script>alert(1)</script> A hostile title" in state["text"]  # shown as text, verbatim
    assert all(h.startswith(("#", "http://", "https://")) for h in state["hrefs"]), state["hrefs"]
    assert "https://github.com/ok/repo" in state["hrefs"]
    assert not [e for e in browser.events if e.get("method") == "Page.javascriptDialogOpening"]
    assert browser.errors() == []
