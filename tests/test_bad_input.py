"""Bad input: one clear line naming the file, never a traceback, other inputs still read."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.sources import load_papers
from summarizer.sources.records import MAX_ABSTRACT_CHARS

GOOD = "Some Paper Title\nWe propose a method. It is good and it beats the baselines on many benchmarks.\n"


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "is empty"),
        ("blank.txt", b"\n\n   \n", "is empty"),
        ("paper.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "binary file"),
        ("blob.bin", bytes(range(256)) * 40, "binary file"),
        ("page.html", b"<!DOCTYPE html><html><head><title>Papers</title></head><body>x</body></html>", "HTML page"),
        ("saved.html", b"<!-- saved from url=(0029)https://huggingface.co/papers -->\n<!DOCTYPE html>"
                       + b"<head>" + b"<script>x</script>" * 500 + b"</head><body>Papers</body>", "HTML page"),
        ("bom-lies.txt", b"\xff\xfe\x00\xd8", "byte-order mark"),
        ("broken.json", b'{"title": "x", "abstract": ', "not valid JSON"),
        ("other.json", b'{"hello": "world"}', "neither a list of papers"),
        ("feed.xml", b"<?xml version='1.0'?><rss><channel/></rss>", "not an Atom feed"),
        ("bad.xml", b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'><entry>", "not well-formed"),
        ("notes.txt", b"just one line of notes\n", "holds no papers"),
    ],
)
def test_unusable_file_is_one_error_naming_it_and_the_good_file_still_loads(
    tmp_path: Path, name: str, data: bytes, problem: str
) -> None:
    bad = _write(tmp_path, name, data)
    good = _write(tmp_path, "good.txt", GOOD.encode())
    result = load_papers([bad, good])
    assert len(result.errors) == 1
    assert result.errors[0].startswith(str(bad)) and problem in result.errors[0]
    assert "\n" not in result.errors[0]
    assert [p.title for p in result.papers] == ["Some Paper Title"]


def test_huge_abstract_is_a_warning_naming_the_record(tmp_path: Path) -> None:
    records = [{"title": "Huge", "abstract": "word " * (MAX_ABSTRACT_CHARS // 2)},
               {"title": "Fine", "abstract": "A normal abstract."}]
    path = _write(tmp_path, "big.jsonl", "\n".join(json.dumps(r) for r in records).encode())
    result = load_papers([path])
    assert [p.title for p in result.papers] == ["Fine"]
    assert len(result.warnings) == 1 and "big.jsonl:1" in result.warnings[0] and "MB abstract" in result.warnings[0]


def test_stray_nul_bytes_and_a_few_bad_utf8_bytes_are_repaired_with_a_warning(tmp_path: Path) -> None:
    data = GOOD.encode().replace(b"method", b"me\x00thod").replace(b"good", b"go\xffod")
    result = load_papers([_write(tmp_path, "dirty.txt", data)])
    assert len(result.papers) == 1 and "method" in result.papers[0].abstract
    assert any("NUL" in w for w in result.warnings) and any("invalid UTF-8" in w for w in result.warnings)


def test_cli_prints_one_line_per_bad_file_and_no_traceback(tmp_path: Path) -> None:
    bad = _write(tmp_path, "page.html", b"<html><body>nope</body></html>")
    good = _write(tmp_path, "good.txt", GOOD.encode())
    out = tmp_path / "papers.jsonl"
    proc = subprocess.run([sys.executable, "-m", "summarizer", "parse", str(bad), str(good), "-o", str(out)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 1  # something failed, but the good input was written
    assert "Traceback" not in proc.stderr
    assert f"error: {bad}: is an HTML page" in proc.stderr
    assert len(out.read_text().splitlines()) == 1


def test_cli_with_only_bad_input_exits_2(tmp_path: Path) -> None:
    bad = _write(tmp_path, "empty.txt", b"")
    proc = subprocess.run([sys.executable, "-m", "summarizer", "parse", str(bad)],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "Traceback" not in proc.stderr
    assert f"{bad}: is empty" in proc.stderr
