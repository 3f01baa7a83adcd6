"""JSONL, JSON arrays and CSV with title + abstract (+ optional fields).

Column names vary between tools, so a few common aliases are accepted; a bad
row is a warning naming its line, and the rest of the file still counts.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator
from typing import Any

from summarizer.models import Paper
from summarizer.sources.records import RecordError, Warn, make_paper

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


def papers_from_records(rows: Iterable[tuple[int, Any]], source: str, warn: Warn) -> list[Paper]:
    papers: list[Paper] = []
    for line, record in rows:
        if not isinstance(record, dict):
            warn(f"{source}:{line}: not an object with title and abstract; skipped")
            continue
        fields = record_fields(record)
        try:
            papers.append(make_paper(source=source, position=len(papers),
                                     title=fields.pop("title", None), abstract=fields.pop("abstract", None),
                                     **fields))
        except RecordError as exc:
            warn(f"{source}:{line}: {exc}")
    return papers


def _jsonl_rows(text: str, source: str, warn: Warn) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except json.JSONDecodeError as exc:
            warn(f"{source}:{number}: invalid JSON ({exc.msg}); skipped")


def parse_jsonl(text: str, source: str, warn: Warn) -> list[Paper]:
    return papers_from_records(_jsonl_rows(text, source, warn), source, warn)


def parse_csv(text: str, source: str, warn: Warn) -> list[Paper]:
    reader = csv.DictReader(text.splitlines())
    rows = ((reader.line_num, row) for row in reader)
    return papers_from_records(rows, source, warn)
