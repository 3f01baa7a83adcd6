"""Outputs appear together or not at all; `--out` and every `-o` are checked before any work (issue 12)."""

from __future__ import annotations

import errno
import json
import os
import resource
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import pytest

from summarizer import pipeline
from summarizer.extract import make_extractor
from summarizer.extract.base import CardResult, OnDone
from summarizer.models import Paper
from summarizer.outputs import OutputError
from summarizer.pipeline import run_pipeline
from summarizer.settings import Settings
from summarizer.sources import load_papers

OUTPUTS = {"cards.jsonl", "cards.csv", "digest.md", "digest.html", "digest.xml", "run.json"}
ROOT = Path(__file__).resolve().parents[1]
ONE_PAGE = next((ROOT / "examples" / "hf-papers").glob("003_*.txt"))


def _settings() -> Settings:
    return Settings.model_validate({"backend": "rules", "workers": 1})


def _previous_run(out: Path) -> dict[str, bytes]:
    """A finished earlier run in `out`: its bytes, to compare with afterwards."""
    run_pipeline(load_papers([ONE_PAGE]), out, _settings())
    return {p.name: p.read_bytes() for p in out.iterdir()}


def _leftovers(parent: Path) -> list[str]:
    return sorted(p.name for p in parent.iterdir() if ".staging-" in p.name or ".previous-" in p.name)


class Watching:
    """The rules extractor, looking at --out while it works: the previous outputs must still be there."""

    def __init__(self, out: Path, before: dict[str, bytes], fail: bool = False) -> None:
        self.inner = make_extractor(_settings())
        self.info = self.inner.info
        self.out, self.before, self.fail, self.seen = out, before, fail, {}

    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        self.seen = {p.name: p.read_bytes() for p in self.out.iterdir()} if self.out.is_dir() else {}
        if self.fail:
            return [CardResult(paper_id=p.id, error="server down") for p in papers]
        return self.inner.extract_all(papers, on_done)


def test_previous_outputs_stay_until_the_new_set_is_swapped_in(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _previous_run(out)
    watcher = Watching(out, before)
    report = run_pipeline(load_papers([ONE_PAGE, ROOT / "tests" / "fixtures" / "papers.jsonl"]), out, _settings(),
                          extractor=watcher)
    assert watcher.seen == before  # during the run: exactly the previous outputs
    after = {p.name: p.read_bytes() for p in out.iterdir()}
    assert set(after) == OUTPUTS and after["cards.jsonl"] != before["cards.jsonl"]
    assert report.outputs == [str(out.absolute() / name) for name in
                              ("cards.jsonl", "cards.csv", "digest.md", "digest.html", "digest.xml", "run.json")]
    assert json.loads(after["run.json"])["outputs"] == report.outputs
    assert _leftovers(tmp_path) == []


def test_a_write_failing_halfway_leaves_the_previous_outputs_intact(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = tmp_path / "out"
    before = _previous_run(out)
    real = pipeline.write_view

    def disk_full(view, out_dir):  # type: ignore[no-untyped-def]
        real(view, out_dir)
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(pipeline, "write_view", disk_full)
    with pytest.raises(OutputError, match="No space left on device") as raised:
        run_pipeline(load_papers([ROOT / "tests" / "fixtures" / "papers.jsonl"]), out, _settings())
    assert "unchanged" in str(raised.value)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path) == []


def test_a_run_that_extracts_no_card_keeps_the_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _previous_run(out)
    report = run_pipeline(load_papers([ONE_PAGE]), out, _settings(), extractor=Watching(out, before, fail=True))
    assert report.counts["cards"] == 0 and report.failures and report.kept_previous_outputs
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path) == []


def test_a_first_run_that_extracts_no_card_still_writes_its_report(tmp_path: Path) -> None:
    out = tmp_path / "out"
    report = run_pipeline(load_papers([ONE_PAGE]), out, _settings(), extractor=Watching(out, {}, fail=True))
    assert not report.kept_previous_outputs and {p.name for p in out.iterdir()} == OUTPUTS


def test_the_users_own_files_in_out_are_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    _previous_run(out)
    (out / "my-notes.txt").write_text("mine", encoding="utf-8")
    run_pipeline(load_papers([ROOT / "tests" / "fixtures" / "papers.jsonl"]), out, _settings())
    assert {p.name for p in out.iterdir()} == {*OUTPUTS, "my-notes.txt"}
    assert (out / "my-notes.txt").read_text(encoding="utf-8") == "mine"
    assert _leftovers(tmp_path) == []


def test_out_as_a_symlink_to_a_folder_keeps_the_link(tmp_path: Path) -> None:
    real = tmp_path / "real"
    _previous_run(real)
    link = tmp_path / "link"
    link.symlink_to(real, target_is_directory=True)
    run_pipeline(load_papers([ROOT / "tests" / "fixtures" / "papers.jsonl"]), link, _settings())
    assert link.is_symlink() and {p.name for p in real.iterdir()} == OUTPUTS


def _cli(*args: str, limit_file_size: int | None = None) -> subprocess.CompletedProcess[str]:
    def limit() -> None:  # CPython ignores SIGXFSZ, so a write past the limit fails with EFBIG like a full disk
        if limit_file_size is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (limit_file_size, limit_file_size))

    env = {"PATH": "/usr/bin:/bin", "HOME": "/tmp"}
    return subprocess.run([sys.executable, "-m", "summarizer", *args], capture_output=True, text=True, timeout=300,
                          env=env, preexec_fn=limit)


def _one_line_before_extraction(result: subprocess.CompletedProcess[str], *phrases: str) -> None:
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr and "extracting" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.startswith("error:")]
    assert len(lines) == 1, result.stderr
    assert all(p in lines[0] for p in phrases), lines[0]


def test_out_that_is_a_file_is_one_line_before_extraction(tmp_path: Path) -> None:
    plain = tmp_path / "out.txt"
    plain.write_text("keep", encoding="utf-8")
    _one_line_before_extraction(_cli("run", str(ONE_PAGE), "--out", str(plain)), str(plain), "is a file")
    assert plain.read_text(encoding="utf-8") == "keep"


def test_out_that_cannot_be_written_is_one_line_before_extraction() -> None:
    _one_line_before_extraction(_cli("run", str(ONE_PAGE), "--out", "/sys/summarizer-test/out"),
                                "/sys/summarizer-test/out", "cannot write")


def test_out_on_a_full_disk_is_one_line_before_extraction_and_keeps_the_previous_outputs(tmp_path: Path) -> None:
    out = tmp_path / "out"
    before = _previous_run(out)
    result = _cli("run", str(ONE_PAGE), "--out", str(out), limit_file_size=256 * 1024)
    _one_line_before_extraction(result, str(out), "File too large")
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before
    assert _leftovers(tmp_path) == []


def _specials(tmp_path: Path) -> dict[str, Path]:
    target = tmp_path / "target.txt"
    target.write_text("the link's target", encoding="utf-8")
    link = tmp_path / "link.out"
    link.symlink_to(target)
    fifo = tmp_path / "fifo.out"
    os.mkfifo(fifo)
    found = {"symlink": link, "fifo": fifo}
    try:
        device = tmp_path / "null.out"
        os.mknod(device, 0o666 | 0o020000, os.makedev(1, 3))  # a private /dev/null: replacing it harms nothing
        found["device"] = device
    except PermissionError:
        pass
    return found


@pytest.mark.parametrize("command", ["parse", "export", "fetch-hf", "fetch-arxiv"])
def test_every_dash_o_refuses_a_symlink_a_fifo_or_a_device(tmp_path: Path, command: str) -> None:
    cards = tmp_path / "cards.jsonl"
    if command == "export":
        run_pipeline(load_papers([ONE_PAGE]), tmp_path / "run", _settings())
        cards = tmp_path / "run" / "cards.jsonl"
    for kind, path in _specials(tmp_path).items():
        args = {"parse": ["parse", str(ONE_PAGE), "-o", str(path)],
                "export": ["export", str(cards), "-o", str(path)],
                "fetch-hf": ["fetch", "hf-daily", "--date", "2024-10-08", "-o", str(path)],
                "fetch-arxiv": ["fetch", "arxiv", "ti:lora", "-o", str(path)]}[command]
        result = _cli(*args)
        _one_line_before_extraction(result, str(path), {"symlink": "is a symlink", "fifo": "is a FIFO",
                                                         "device": "is a device"}[kind])
        assert (path.is_symlink() if kind == "symlink" else not path.is_file()), kind
    assert (tmp_path / "target.txt").read_text(encoding="utf-8") == "the link's target"
