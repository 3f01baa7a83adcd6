"""Read input files of any supported format into de-duplicated papers.

A file that cannot be read is one error line naming it; the other files are
still read. A bad record is a warning naming it; the rest of its file counts.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.models import Paper
from summarizer.sources.arxiv_atom import is_atom, parse_atom
from summarizer.sources.hf_api import is_daily_papers, parse_daily_papers
from summarizer.sources.hf_page import detect_layout, parse_hf_page
from summarizer.sources.records import Warn
from summarizer.sources.tabular import papers_from_records, parse_csv, parse_jsonl

MAX_FILE_BYTES = 200 * 1024 * 1024
FORMATS = ("auto", "hf-page", "hf-api", "arxiv", "jsonl", "json", "csv")
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"\xff\xd8\xff", b"GIF8", b"\x7fELF", b"BZh")


@dataclass
class SourceStats:
    source: str
    format: str
    records: int = 0


@dataclass
class LoadResult:
    papers: list[Paper] = field(default_factory=list)
    sources: list[SourceStats] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    duplicates: int = 0


def _control_bytes(sample: bytes) -> int:
    """Bytes that never occur in text (tab, newlines, form feed and ESC aside)."""
    return sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13, 27))


def read_text(path: Path, warn: Warn) -> str:
    """File contents as text, or an InputError saying what the file is instead."""
    source = str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise InputError(source, "is a directory with no readable files") from None
    except OSError as exc:
        raise InputError(source, f"cannot be read ({exc.strerror or exc})") from None
    if not data.strip():
        raise InputError(source, "is empty")
    if len(data) > MAX_FILE_BYTES:
        raise InputError(source, f"is {len(data) / 2**20:.0f} MiB; the limit is {MAX_FILE_BYTES // 2**20} MiB")
    if data.startswith(_BINARY_MAGIC) or _control_bytes(data[:8192]) > max(8, len(data[:8192]) // 50):
        raise InputError(source, "is a binary file, not a paper listing (expected text, JSON, CSV or Atom XML)")
    if nuls := data.count(b"\x00"):
        warn(f"{source}: removed {nuls} NUL byte(s)")
        data = data.replace(b"\x00", b"")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad = sum(1 for _ in data.decode("utf-8", "replace") if _ == "\ufffd")
        if bad > max(16, len(data) // 1000):
            raise InputError(source, f"is not UTF-8 text (invalid byte 0x{data[exc.start]:02x} at offset "
                                     f"{exc.start}); re-save it as UTF-8") from None
        warn(f"{source}: {bad} invalid UTF-8 byte(s) replaced (first at offset {exc.start})")
        return data.decode("utf-8", "replace")


def _parse_json(text: str, source: str, warn: Warn) -> tuple[str, list[Paper]]:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError:
        first = text.lstrip().split("\n", 1)[0]
        try:
            json.loads(first)
        except json.JSONDecodeError as exc:
            raise InputError(source, f"is not valid JSON ({exc.msg} at line {exc.lineno})") from None
        return "jsonl", parse_jsonl(text, source, warn)
    if is_daily_papers(data):
        return "hf-api", parse_daily_papers(data, source, warn)
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        data = data["papers"]
    if not isinstance(data, list):
        raise InputError(source, "is JSON but neither a list of papers nor daily-papers API records")
    return "json", papers_from_records(enumerate(data), source, warn)


def _parse_auto(path: Path, text: str, warn: Warn) -> tuple[str, list[Paper]]:
    source, head = str(path), text.lstrip()[:2000].lower()
    if head.startswith(("<!doctype html", "<html")) or "<body" in head:
        raise InputError(source, "is an HTML page; copy the page's text from the browser, "
                                 "or use the daily-papers JSON (`summarizer fetch hf-daily`)")
    if head.startswith("<?xml") or head.startswith("<feed"):
        if not is_atom(text):
            raise InputError(source, "is XML but not an Atom feed (expected arXiv API output)")
        return "arxiv", parse_atom(text, source, warn)
    if head.startswith(("{", "[")):
        return _parse_json(text, source, warn)
    if path.suffix.lower() in (".csv", ".tsv"):
        return "csv", parse_csv(text, source, warn)
    return f"hf-page/{detect_layout(text)}", parse_hf_page(text, source, warn)


_FORCED: dict[str, Callable[[str, str, Warn], list[Paper]]] = {
    "hf-page": parse_hf_page, "jsonl": parse_jsonl, "csv": parse_csv, "arxiv": parse_atom,
    "hf-api": lambda text, source, warn: parse_daily_papers(json.loads(text), source, warn),
}


def parse_file(path: Path, warn: Warn, fmt: str = "auto") -> tuple[str, list[Paper]]:
    text = read_text(path, warn)
    if fmt == "auto":
        found, papers = _parse_auto(path, text, warn)
    else:
        try:
            found, papers = fmt, _FORCED[fmt](text, str(path), warn)
        except (json.JSONDecodeError, KeyError) as exc:
            raise InputError(str(path), f"is not {fmt} input ({exc})") from None
    if not papers:
        raise InputError(str(path), f"holds no papers (read as {found}: expected titles with abstracts)")
    return found, papers


def expand_inputs(paths: Iterable[Path]) -> list[Path]:
    """Files as given; directories expand to their visible files, sorted."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            files.append(path)
    return files


def dedupe(papers: Iterable[Paper]) -> tuple[list[Paper], int]:
    """One paper per normalised title, the richest record, in first-seen order."""
    kept: dict[str, Paper] = {}
    seen = 0
    for paper in papers:
        seen += 1
        current = kept.get(paper.id)
        if current is None or paper.richness() > current.richness():
            kept[paper.id] = paper
    return list(kept.values()), seen - len(kept)


def load_papers(paths: Iterable[Path], fmt: str = "auto") -> LoadResult:
    result = LoadResult()
    collected: list[Paper] = []
    for path in expand_inputs(paths):
        try:
            found, papers = parse_file(path, result.warnings.append, fmt)
        except InputError as exc:
            result.errors.append(str(exc))
            continue
        result.sources.append(SourceStats(source=str(path), format=found, records=len(papers)))
        collected.extend(papers)
    result.papers, result.duplicates = dedupe(collected)
    return result
