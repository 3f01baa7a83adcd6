"""What a new user meets first: help, version, flags, the backend line, plurals, eval from anywhere
(issue 12, "Conventions a new user trips on")."""

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app

ROOT = Path(__file__).resolve().parents[1]
PAPER = {"title": "A Paper", "abstract": "We propose X. X beats Y by 3% on Z."}


@pytest.fixture(autouse=True)
def _no_llm_env(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "SUMMARIZER_BACKEND"):
        monkeypatch.delenv(name, raising=False)


def _invoke(*args: str, env: dict[str, str] | None = None):  # type: ignore[no-untyped-def]
    return CliRunner().invoke(app, list(args), env=env, terminal_width=200)


def test_dash_h_and_version() -> None:
    assert _invoke("-h").exit_code == 0 and "Usage: summarizer" in _invoke("-h").output
    assert "Usage: summarizer run" in _invoke("run", "-h").output
    result = _invoke("--version")
    assert result.exit_code == 0 and result.output.strip().startswith("summarizer 0.")


def test_help_reads_like_help() -> None:
    text = _invoke("run", "-h").output
    assert "Usage: summarizer run [OPTIONS] INPUTS..." in text
    assert "{inputs}" not in text and "<bool>" not in text and "<list[Path]>" not in text
    assert "-m" in text and "(default 8)" in text and "(default 1024)" in text  # defaults shown
    assert "Usage: summarizer eval [OPTIONS] [CARDS]" in _invoke("eval", "-h").output
    assert "<bool>" not in _invoke("-h").output


def _one_paper(tmp_path: Path) -> Path:
    path = tmp_path / "one.jsonl"
    path.write_text(json.dumps(PAPER) + "\n", encoding="utf-8")
    return path


def test_auto_says_which_backend_and_why_on_the_first_line(tmp_path: Path) -> None:
    result = _invoke("run", str(_one_paper(tmp_path)), "--out", str(tmp_path / "out"))
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "backend: rules (auto: neither OPENAI_API_KEY nor OPENAI_BASE_URL is set)"
    assert "1 card in 1 theme," in result.output  # not "1 cards in 1 themes"
    explicit = _invoke("run", str(_one_paper(tmp_path)), "--out", str(tmp_path / "o2"), "--backend", "rules",
                       env={"OPENAI_API_KEY": "sk-x"})
    assert explicit.output.splitlines()[0].startswith("backend: rules (chosen with --backend")


def test_auto_with_a_key_in_the_environment_says_so(tmp_path: Path) -> None:
    from summarizer.settings import load_settings

    os.environ["OPENAI_API_KEY"] = "sk-test"
    try:
        backend, why = load_settings().backend_choice()
    finally:
        del os.environ["OPENAI_API_KEY"]
    assert backend == "llm" and "OPENAI_API_KEY is set" in why and "--backend rules" in why


def test_quiet_hides_record_warnings_and_verbose_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "two.jsonl"
    path.write_text(json.dumps(PAPER) + "\n" + '{"title": "no abstract"}\n', encoding="utf-8")
    loud = _invoke("parse", str(path))
    assert "warning: " in loud.output and "two.jsonl:2" in loud.output
    assert "warning" not in _invoke("-q", "parse", str(path)).output
    assert _invoke("-v", "parse", str(path)).exit_code == 0


def test_model_has_a_short_flag(tmp_path: Path) -> None:
    result = _invoke("run", str(_one_paper(tmp_path)), "--out", str(tmp_path / "out"), "-m", "my-model")
    assert result.exit_code == 0, result.output
    assert json.loads((tmp_path / "out" / "run.json").read_text())["settings"]["model"] == "my-model"


def test_eval_finds_the_labeled_set_from_any_directory(tmp_path: Path) -> None:
    proc = subprocess.run([sys.executable, "-m", "summarizer", "eval", "--backend", "baseline", "--split", "dev"],
                          cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert re.search(r"\b(\d+)/\1 cards parse", proc.stdout), proc.stdout[-500:]  # every labeled dev paper scored


def test_eval_says_no_such_file(tmp_path: Path) -> None:
    result = _invoke("eval", str(tmp_path / "nope.jsonl"))
    assert result.exit_code == 2 and f"{tmp_path / 'nope.jsonl'}: no such file" in result.output
    result = _invoke("eval", "--backend", "baseline", "--labeled", str(tmp_path / "gone.jsonl"))
    assert result.exit_code == 2 and "gone.jsonl: no such file" in result.output
