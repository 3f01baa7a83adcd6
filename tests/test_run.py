"""`summarizer run` end to end on the bundled samples, offline: the README's main command."""

import json
import subprocess
import sys
from pathlib import Path

from summarizer.export import read_cards

OUTPUTS = {"cards.jsonl", "cards.csv", "digest.md", "digest.html", "digest.xml", "run.json"}


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}  # no OPENAI_* variables: the offline path
    return subprocess.run([sys.executable, "-m", "summarizer", "run", *args], capture_output=True, text=True,
                          timeout=300, env=env)


def test_run_on_the_samples_writes_every_output(samples_dir: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    proc = _run(str(samples_dir), "--out", str(out))
    assert proc.returncode == 0, proc.stderr
    assert {p.name for p in out.iterdir()} == OUTPUTS
    report = json.loads((out / "run.json").read_text())
    assert report["counts"]["records"] == 564 and report["counts"]["papers"] == 503
    assert report["counts"]["cards"] == 503 and report["failures"] == []
    assert report["extractor"]["backend"] == "rules" and report["model_calls"] == 0
    assert set(report["timings_s"]) == {"extract", "themes", "overviews", "write"}
    cards = read_cards(out / "cards.jsonl")
    assert len(cards) == 503 and all(c.theme for c in cards)
    assert len({c.theme for c in cards}) == report["counts"]["themes"]
    assert "Traceback" not in proc.stderr and "503 cards in" in proc.stderr


def test_run_with_a_bad_input_still_writes_the_rest_and_exits_1(samples_dir: Path, tmp_path: Path) -> None:
    bad = tmp_path / "broken.json"
    bad.write_text('{"title": ')
    out = tmp_path / "out"
    proc = _run(str(bad), str(next(samples_dir.glob("003_*.txt"))), "--out", str(out))
    assert proc.returncode == 1
    assert f"error: {bad}: is not valid JSON" in proc.stderr and "Traceback" not in proc.stderr
    report = json.loads((out / "run.json").read_text())
    assert report["counts"]["cards"] == 58 and len(report["input_errors"]) == 1


def test_run_with_a_bad_themes_file_fails_before_any_work(samples_dir: Path, tmp_path: Path) -> None:
    themes = tmp_path / "themes.toml"
    themes.write_text("[[theme]]\nname = 'no keywords'\n")
    proc = _run(str(samples_dir), "--out", str(tmp_path / "out"), "--themes", str(themes))
    assert proc.returncode == 2 and "needs a description or keywords" in proc.stderr
    assert not (tmp_path / "out").exists()
