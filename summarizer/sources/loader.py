"""Read input files of any supported format into de-duplicated papers.

A file that cannot be read is one error line naming it; the other files are
still read. A bad record is a warning naming it; the rest of its file counts.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from summarizer.errors import InputError
from summarizer.models import Paper
from summarizer.sources.arxiv_atom import is_atom, parse_atom
from summarizer.sources.hf_api import is_daily_papers, parse_daily_papers
from summarizer.sources.hf_page import detect_layout, parse_hf_page
from summarizer.sources.reading import read_text
from summarizer.sources.records import Warn
from summarizer.sources.store import SPOOL_ABOVE, PaperCollector
from summarizer.sources.tabular import (
    array_items,
    iter_csv,
    iter_jsonl,
    looks_tabular,
    papers_from_records,
    record_fields,
)

FORMATS = ("auto", "hf-page", "hf-api", "arxiv", "jsonl", "json", "csv")
_JSONL_SUFFIXES = (".jsonl", ".ndjson", ".jsonlines")
# a browser's "save page" output: a doctype, a `<!-- saved from url=... -->` comment or the root tags
_HTML = re.compile(r"<!doctype html|<html[\s>]|<head[\s>]|<body[\s>]|<!-- saved from url", re.IGNORECASE)


@dataclass
class SourceStats:
    source: str
    format: str
    records: int = 0


@dataclass
class LoadResult:
    papers: Sequence[Paper] = field(default_factory=list)  # past SPOOL_ABOVE records, read from a temporary file
    sources: list[SourceStats] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    duplicates: int = 0


def _parse_json(text: str, source: str, warn: Warn) -> tuple[str, Iterable[Paper]]:
    try:
        data: Any = json.loads(text)
    except (json.JSONDecodeError, RecursionError) as exc:
        if _has_json_lines(text):  # one bad line must not reject the good ones
            return "jsonl", iter_jsonl(text, source, warn)
        if isinstance(exc, RecursionError) and text.lstrip().startswith("["):
            return "json", papers_from_records(array_items(text, source, warn), source, warn)
        problem = f"{exc.msg} at line {exc.lineno}" if isinstance(exc, json.JSONDecodeError) else "nested too deeply"
        raise InputError(source, f"is not valid JSON ({problem})") from None
    if is_daily_papers(data):
        return "hf-api", parse_daily_papers(data, source, warn)
    if isinstance(data, dict) and isinstance(data.get("papers"), list):
        data = data["papers"]
    if isinstance(data, dict) and "title" in record_fields(data):
        data = [data]  # a single paper record
    if not isinstance(data, list):
        raise InputError(source, "is JSON but neither a list of papers nor daily-papers API records")
    return "json", papers_from_records(enumerate(data), source, warn)


def _has_json_lines(text: str) -> bool:
    """Several lines, at least one of them a JSON object on its own: JSON Lines with some bad lines."""
    lines = [line for line in text.splitlines() if line.strip()]
    if len(lines) < 2:
        return False
    for line in lines[:1000]:
        try:
            if isinstance(json.loads(line), dict):
                return True
        except (json.JSONDecodeError, RecursionError):
            continue
    return False


def _parse_auto(path: Path, text: str, warn: Warn) -> tuple[str, Iterable[Paper]]:
    source, head, suffix = str(path), text.lstrip()[:65536], path.suffix.lower()
    if suffix in (".html", ".htm") or (head.startswith("<") and _HTML.search(head)):
        raise InputError(source, "is an HTML page; copy the page's text from the browser (select all, copy, "
                                 "paste into a .txt file), or use the daily-papers JSON (`summarizer fetch hf-daily`)")
    if head.startswith(("<?xml", "<feed")):
        if not is_atom(text):
            raise InputError(source, "is XML but not an Atom feed (expected arXiv API output)")
        return "arxiv", parse_atom(text, source, warn)
    if suffix in _JSONL_SUFFIXES:
        return "jsonl", iter_jsonl(text, source, warn)
    if head.startswith(("{", "[")):
        return _parse_json(text, source, warn)
    if suffix in (".csv", ".tsv") or looks_tabular(text):
        return "csv", iter_csv(text, source, warn)
    return f"hf-page/{detect_layout(text)}", parse_hf_page(text, source, warn)


_FORCED: dict[str, Callable[[str, str, Warn], Iterable[Paper]]] = {
    "hf-page": parse_hf_page, "jsonl": iter_jsonl, "csv": iter_csv, "arxiv": parse_atom,
    "hf-api": lambda text, source, warn: parse_daily_papers(json.loads(text), source, warn),
    "json": lambda text, source, warn: _parse_json(text, source, warn)[1],
}


def parse_file(path: Path, warn: Warn, fmt: str = "auto") -> tuple[str, list[Paper]]:
    found, papers = read_file(path, warn, fmt)
    listed = list(papers)
    if not listed:
        raise _no_papers(path, found)
    return found, listed


def _no_papers(path: Path, found: str) -> InputError:
    return InputError(str(path), f"holds no papers (read as {found}: expected titles with abstracts)")


def read_file(path: Path, warn: Warn, fmt: str = "auto") -> tuple[str, Iterable[Paper]]:
    """The format and the file's papers; JSONL and CSV papers come one at a time as they are consumed."""
    text = read_text(path, warn)
    if fmt == "auto":
        found, papers = _parse_auto(path, text, warn)
    else:
        try:
            found, papers = fmt, _FORCED[fmt](text, str(path), warn)
        except (json.JSONDecodeError, KeyError, RecursionError) as exc:
            raise InputError(str(path), f"is not {fmt} input ({exc})") from None
    return found, papers


def expand_inputs(paths: Iterable[Path], errors: list[str] | None = None) -> list[Path]:
    """Files as given; directories expand to their visible files, sorted.

    A subfolder that cannot be listed is reported in `errors`, not skipped silently.
    """
    files: list[Path] = []
    for path in paths:
        if not path.is_dir():
            files.append(path)
            continue

        def unreadable(exc: OSError) -> None:
            if errors is not None:
                errors.append(f"{exc.filename}: folder cannot be read ({exc.strerror or exc}); skipped")

        found: list[Path] = []
        for folder, dirs, names in os.walk(path, onerror=unreadable):
            dirs[:] = sorted(d for d in dirs if not d.startswith("."))
            found.extend(Path(folder, name) for name in names if not name.startswith("."))
        files.extend(sorted(p for p in found if p.is_file()))
    return files


def load_papers(paths: Iterable[Path], fmt: str = "auto", spool_above: int = SPOOL_ABOVE) -> LoadResult:
    result = LoadResult()
    collected = PaperCollector(spool_above)
    for path in expand_inputs(paths, result.errors):
        try:
            found, papers = read_file(path, result.warnings.append, fmt)
            records = collected.add(papers)  # past SPOOL_ABOVE, each paper goes to disk as it is parsed
            if not records:
                raise _no_papers(path, found)
        except InputError as exc:
            result.errors.append(str(exc))
            continue
        result.sources.append(SourceStats(source=str(path), format=found, records=records))
    result.papers, result.duplicates = collected.result()
    return result
