"""Hugging Face papers pages as a browser copies them to text.

Three layouts occur: A (no blank lines, `Subscribe` glued to the first title,
title and abstract alternating), B (blank-line separated, each paper followed
by a metadata block: `• N authors` or an organisation line, `·`, a date with an
optional upvote count) and C (blank-line separated pairs after a header).
Rather than one parser per layout, the page is read line by line: header
lines and metadata blocks are recognised by their own shape, and what remains
alternates title / abstract. That keeps the parser indifferent to which
layout it sees, and to blank lines, which browsers add or drop at will.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from summarizer.models import Paper
from summarizer.sources.records import DATE_LINE, RecordError, Warn, located, make_paper

_HEADER = re.compile(
    r"^(new|subscribe|daily papers|papers|trending papers|by\s?ak and the research community"
    r"|get trending papers in your email inbox( once a day)?!?)$",
    re.IGNORECASE,
)
# the bullet may be any symbol: a page re-encoded to Latin-1 turns `•` into `?`
_AUTHORS = re.compile(r"^(?:[^\w\s]\s*)?(\d+)\s+authors?$", re.IGNORECASE)
_DOT = "·"
_SUBMITTED = re.compile(r"^submitted by\s+\S+", re.IGNORECASE)
_GLUED_SUBSCRIBE = re.compile(r"^Subscribe(?=[A-Z0-9\"'(])")
_TITLE_MAX_WORDS = 40


@dataclass
class _Entry:
    title: str
    line: int
    abstract: list[str] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)


def detect_layout(text: str) -> str:
    lines = text.splitlines()
    if not any(not line.strip() for line in lines[:-1]):
        return "A"
    return "B" if any(line.strip() == _DOT for line in lines) else "C"


def _looks_like_prose(line: str) -> bool:
    """An abstract paragraph, not a title: long, or a full sentence (titles rarely end in '.')."""
    words = len(line.split())
    return words > _TITLE_MAX_WORDS or (words >= 12 and line.endswith("."))


def _title_then_prose(line: str, following: str) -> bool:
    """A title-like line followed by an abstract: where an abstract was expected, a paper lacks one."""
    return not _looks_like_prose(line) and _looks_like_prose(following)


def _meta(line: str) -> dict[str, Any] | None:
    """Metadata of the paper above, if this line is a metadata line."""
    if match := _AUTHORS.match(line):
        return {"authors_count": int(match.group(1))}
    if match := DATE_LINE.match(line):
        meta: dict[str, Any] = {"date_text": line.rsplit(" ", 1)[0] if match["votes"] else line}
        if match["votes"]:
            meta["upvotes"] = int(match["votes"])
        return meta
    if line.isdigit():
        return {"upvotes": int(line)}
    if _SUBMITTED.match(line):
        return {}
    return None


def _entries(lines: list[tuple[int, str]], warn: Warn, source: str) -> list[_Entry]:
    entries: list[_Entry] = []
    expect_abstract = False
    for index, (number, line) in enumerate(lines):
        following = lines[index + 1][1] if index + 1 < len(lines) else ""
        if line == _DOT:
            continue
        if following == _DOT and entries and (entries[-1].abstract or expect_abstract):
            # the line before `·` is `• N authors` or an organisation name (of a paper maybe lacking an abstract)
            entries[-1].meta.update(_meta(line) or {"organization": line})
            expect_abstract = False
            continue
        meta = _meta(line)
        if expect_abstract and (meta is not None or _title_then_prose(line, following)):
            expect_abstract = False  # the previous title has no abstract: never glue the next paper onto it
        if meta is not None and entries and not expect_abstract:
            entries[-1].meta.update(meta)
            continue
        if expect_abstract:
            entries[-1].abstract.append(line)
            expect_abstract = False
        elif _looks_like_prose(line) and entries and entries[-1].abstract:
            entries[-1].abstract.append(line)  # a second paragraph of the abstract
        elif _looks_like_prose(line):
            warn(f"{source}:{number}: abstract without a title; skipped")
        else:
            entries.append(_Entry(title=line, line=number))
            expect_abstract = True
    return entries


def _content_lines(text: str) -> list[tuple[int, str]]:
    """Non-blank lines with their numbers, page header removed."""
    lines = [(n, line.strip()) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
    start = 0
    while start < len(lines) and (_HEADER.match(lines[start][1]) or DATE_LINE.match(lines[start][1])):
        start += 1
    lines = lines[start:]
    if lines and (match := _GLUED_SUBSCRIBE.match(lines[0][1])):
        lines[0] = (lines[0][0], lines[0][1][match.end():])
    return lines


def page_date(text: str) -> str | None:
    """The listing's own date from the header (`Dec 10`), if any."""
    for line in text.splitlines()[:12]:
        if DATE_LINE.match(line.strip()):
            return line.strip()
    return None


def parse_hf_page(text: str, source: str, warn: Warn) -> list[Paper]:
    papers: list[Paper] = []
    for entry in _entries(_content_lines(text), warn, source):
        try:
            papers.append(make_paper(title=entry.title, abstract=" ".join(entry.abstract),
                                     source=source, position=len(papers),
                                     warn=located(warn, f"{source}:{entry.line}"), **entry.meta))
        except RecordError as exc:
            warn(f"{source}:{entry.line}: {exc}" + ("" if entry.abstract else " (truncated?); skipped"))
    return papers
