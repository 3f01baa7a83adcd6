"""JSONL, JSON arrays and CSV with title + abstract (+ optional fields).

Column names vary between tools, so a few common aliases are accepted; a bad
row is a warning naming its line, and the rest of the file still counts.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Iterator
from typing import Any

from summarizer.models import Paper
from summarizer.sources.records import RecordError, Warn, located, make_paper

_ALIASES = {
    "title": ("title", "paper_title", "name"),
    "abstract": ("abstract", "summary", "paper_abstract", "text"),
    "url": ("url", "link", "paper_url", "arxiv_url"),
    "arxiv_id": ("arxiv_id", "arxiv", "paper_id"),
    "authors": ("authors", "author"),
    "authors_count": ("authors_count", "num_authors"),
    "organization": ("organization", "organisation", "org"),
    "date": ("date", "published", "published_at", "publishedAt"),
    "upvotes": ("upvotes", "likes", "votes"),
}
csv.field_size_limit(50_000_000)


def _authors(value: Any) -> list[str]:
    if isinstance(value, list):
        return [a.get("name", "") if isinstance(a, dict) else str(a) for a in value]
    if isinstance(value, str) and value.strip():
        return [a.strip() for a in value.replace(";", ",").split(",") if a.strip()]
    return []


def record_fields(record: dict[str, Any]) -> dict[str, Any]:
    """Map a record's own column names onto Paper's."""
    lowered = {str(k).lower(): v for k, v in record.items()}
    found: dict[str, Any] = {}
    for name, aliases in _ALIASES.items():
        for alias in aliases:
            if lowered.get(alias.lower()) not in (None, ""):
                found[name] = lowered[alias.lower()]
                break
    found["authors"] = _authors(found.get("authors"))
    return found


def papers_from_records(rows: Iterable[tuple[int | str, Any]], source: str, warn: Warn) -> list[Paper]:
    return list(iter_papers(rows, source, warn))


def iter_papers(rows: Iterable[tuple[int | str, Any]], source: str, warn: Warn) -> Iterator[Paper]:
    """Papers one by one as the records are read: an archive's papers need not all exist at once."""
    position = 0
    for line, record in rows:
        if not isinstance(record, dict):
            warn(f"{source}:{line}: not an object with title and abstract; skipped")
            continue
        try:
            fields = record_fields(record)
            paper = make_paper(source=source, position=position, warn=located(warn, f"{source}:{line}"),
                               title=fields.pop("title", None), abstract=fields.pop("abstract", None), **fields)
        except RecordError as exc:
            warn(f"{source}:{line}: {exc}")
            continue
        except RecursionError:
            warn(f"{source}:{line}: nested too deeply to be a paper record; skipped")
            continue
        position += 1
        yield paper


def _jsonl_rows(text: str, source: str, warn: Warn) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{source}:{number}: invalid JSON ({exc.msg}); skipped")
        except RecursionError:
            warn(f"{source}:{number}: JSON nested too deeply; skipped")


# a JSON string or a bracket: enough to find where a value ends without parsing (or recursing into) it
_TOKEN = re.compile(r'"(?:\\.|[^"\\])*"|[\[\]{}]')


def _value_end(text: str, start: int) -> int:
    """Index just past the bracketed JSON value at `start`, by counting brackets outside strings."""
    depth = 0
    for match in _TOKEN.finditer(text, start):
        token = match.group()
        depth += 1 if token in "[{" else -1 if token in "]}" else 0
        if depth == 0:
            return match.end()
    return len(text)


def array_items(text: str, source: str, warn: Warn) -> Iterator[tuple[int, Any]]:
    """Items of a top-level JSON array one by one, so one item nested too deeply to parse is skipped alone."""
    decoder, index = json.JSONDecoder(), 0
    position = text.index("[") + 1
    while (position := _skip_separators(text, position)) < len(text) and text[position] != "]":
        try:
            item, position = decoder.raw_decode(text, position)
            yield index, item
        except RecursionError:
            warn(f"{source}: record {index}: JSON nested too deeply; skipped")
            position = _value_end(text, position)
        except json.JSONDecodeError as exc:
            warn(f"{source}: record {index}: invalid JSON ({exc.msg}); the rest of the file is skipped")
            return
        index += 1


def _skip_separators(text: str, position: int) -> int:
    while position < len(text) and text[position] in " \t\r\n,":
        position += 1
    return position


def parse_jsonl(text: str, source: str, warn: Warn) -> list[Paper]:
    return list(iter_jsonl(text, source, warn))


def iter_jsonl(text: str, source: str, warn: Warn) -> Iterator[Paper]:
    return iter_papers(_jsonl_rows(text, source, warn), source, warn)


def _header(text: str) -> tuple[str, list[str]] | None:
    """The delimiter (comma, semicolon, tab or pipe) and column names, sniffed from the header line only:
    prose in the rows has every delimiter in it, column names have one."""
    header = next((line for line in text.splitlines() if line.strip()), "")
    try:
        delimiter = csv.Sniffer().sniff(header, delimiters=",;\t|").delimiter
    except csv.Error:
        return None
    return delimiter, [cell.strip().lower() for cell in next(csv.reader([header], delimiter=delimiter), [])]


def looks_tabular(text: str) -> bool:
    """A delimited file whose header names a title and an abstract column, whatever its extension."""
    found = _header(text)
    return found is not None and bool(set(found[1]) & set(_ALIASES["title"])) and bool(
        set(found[1]) & set(_ALIASES["abstract"]))


def parse_csv(text: str, source: str, warn: Warn) -> list[Paper]:
    return list(iter_csv(text, source, warn))


def iter_csv(text: str, source: str, warn: Warn) -> Iterator[Paper]:
    found = _header(text)
    delimiter = found[0] if found else ("\t" if source.lower().endswith(".tsv") else ",")
    reader = csv.DictReader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows = ((reader.line_num, row) for row in reader)
    return iter_papers(rows, source, warn)
