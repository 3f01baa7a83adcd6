"""Retry lines through the CLI's logging handler: one `warning:` line per retry, endpoint named, no HTML, no
credentials (issue 12, conventions)."""

from __future__ import annotations

from pathlib import Path

from conftest import TEST_KEY
from fake_server import FakeLLM
from typer.testing import CliRunner

from summarizer.cli import app


def _run(fake: FakeLLM, tmp_path: Path, *flags: str) -> str:
    papers = tmp_path / "one.jsonl"
    papers.write_text('{"title": "A Paper", "abstract": "We propose X. X beats Y by 3%."}\n', encoding="utf-8")
    url = fake.url.replace("http://", "http://alice:s3cret-pw@")
    env = {"OPENAI_BASE_URL": url, "OPENAI_API_KEY": TEST_KEY, "SUMMARIZER_MODEL": "fake-model"}
    result = CliRunner().invoke(app, [*flags, "run", str(papers), "--out", str(tmp_path / "out"), "--backend", "llm",
                                      "--no-cache"], env=env)
    return result.output


def test_a_retry_is_one_warning_line_naming_the_endpoint(fake: FakeLLM, tmp_path: Path) -> None:
    fake.script("html502")
    output = _run(fake, tmp_path)
    retries = [line for line in output.splitlines() if "retrying after" in line]
    assert len(retries) == 1, output
    assert retries[0].startswith("warning: paper ") and "server_502" in retries[0]
    assert f"HTTP 502 from {fake.url}/chat/completions" in retries[0]
    assert "<html" not in output and "Bad Gateway" not in output
    assert "s3cret-pw" not in output and TEST_KEY not in output


def test_quiet_hides_warnings(fake: FakeLLM, tmp_path: Path) -> None:
    fake.script("html502")
    assert "retrying after" not in _run(fake, tmp_path, "-q")
