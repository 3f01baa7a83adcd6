"""`summarizer eval --backend llm --replay`: re-score the real-model cassette with no network."""

import json
import subprocess
import sys
from pathlib import Path

CASSETTE = Path(__file__).resolve().parents[1] / "eval" / "cassettes" / "gemma3-270m-llamacpp.json"
ENV = {"PATH": "/usr/bin:/bin", "HOME": "/tmp", "OPENAI_BASE_URL": "http://127.0.0.1:9/v1"}  # port 9: nothing listens


def _eval(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "summarizer", "eval", "--backend", "llm", *args],
                          capture_output=True, text=True, timeout=120, env=ENV, cwd=cwd)


def test_replay_scores_only_the_recorded_papers_offline(tmp_path: Path) -> None:
    meta = json.loads(CASSETTE.read_text())["meta"]
    report_path = tmp_path / "report.json"
    proc = _eval("--replay", str(CASSETTE), "--json", str(report_path), cwd=CASSETTE.parents[2])
    assert proc.returncode == 0, proc.stderr
    report = json.loads(report_path.read_text())
    assert report["n"] == len(meta["paper_ids"])
    assert report["parsed"] == len(meta["paper_ids"])  # every paper has a card: the model's, degraded, or rules
    for paper_id, outcome in meta["expected"].items():
        assert (f"{paper_id}: rules card" in proc.stderr) == (outcome == "rules")


def test_replay_fails_on_a_request_missing_from_the_cassette(tmp_path: Path) -> None:
    data = json.loads(CASSETTE.read_text())
    data["interactions"] = data["interactions"][1:]
    broken = tmp_path / "cassette.json"
    broken.write_text(json.dumps(data))
    proc = _eval("--replay", str(broken), cwd=CASSETTE.parents[2])
    assert proc.returncode == 2 and "not in the cassette" in proc.stderr and "Traceback" not in proc.stderr
