"""Turn loosely-typed source fields into a `Paper`: shared by every format.

Each parser finds title, abstract and whatever metadata its format has; this
module cleans the text, computes the id and rejects records that cannot be
papers, so every format obeys the same rules.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from summarizer.models import Paper
from summarizer.text import clean_text, find_links, paper_id

MAX_ABSTRACT_CHARS = 100_000
MAX_TITLE_CHARS = 1_000
_ARXIV_ID = re.compile(r"(\d{4}\.\d{4,5})(v\d+)?")
_MONTHS = {m: i for i, m in enumerate(
    ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1)}
DATE_LINE = re.compile(
    r"^(?P<mon>Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+(?P<day>\d{1,2})"
    r"(?:,\s*(?P<year>\d{4}))?(?:\s+(?P<votes>\d+))?$"
)

Warn = Callable[[str], None]


class RecordError(ValueError):
    """One record is unusable; the file's other records still count."""


def located(warn: Warn, where: str) -> Warn:
    """`warn` with every message prefixed by the record's location (`file:line`)."""
    return lambda message: warn(f"{where}: {message}")


def iso_date(value: Any) -> str | None:
    """ISO date from an ISO timestamp, a date, or 'Sep 20, 2023'; None when unknown."""
    if value is None or value == "":
        return None
    if isinstance(value, (date, datetime)):
        return value.strftime("%Y-%m-%d")
    text = str(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return text[:10]
    match = DATE_LINE.match(text)
    if match and match["year"]:
        return f"{match['year']}-{_MONTHS[match['mon'].lower()]:02d}-{int(match['day']):02d}"
    return None


def arxiv_id_of(*candidates: Any) -> str | None:
    for value in candidates:
        if value and (match := _ARXIV_ID.search(str(value))):
            return match.group(1)
    return None


def _int_or_none(value: Any) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except (TypeError, ValueError):
        return None


_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _valid_unicode(fields: dict[str, Any]) -> list[str]:
    """Replace lone surrogates (`"\\ud800"` in JSON) with U+FFFD in place; they cannot be written as UTF-8."""
    repaired: list[str] = []
    for name, value in fields.items():
        if isinstance(value, str) and _SURROGATE.search(value):
            fields[name], repaired = _SURROGATE.sub("\ufffd", value), [*repaired, name]
        elif isinstance(value, list) and any(isinstance(v, str) and _SURROGATE.search(v) for v in value):
            fields[name] = [_SURROGATE.sub("\ufffd", v) if isinstance(v, str) else v for v in value]
            repaired.append(name)
    return repaired


def make_paper(*, title: Any, abstract: Any, source: str, position: int, warn: Warn | None = None,
               **meta: Any) -> Paper:
    """Validate and clean one record; raise RecordError with a reason a user can act on.

    `warn` receives repairs (invalid Unicode replaced) that keep the record; the caller prefixes its location.
    """
    fields = {"title": title, "abstract": abstract, **meta}
    if (repaired := _valid_unicode(fields)) and warn is not None:
        warn(f"invalid Unicode (lone surrogate) in {', '.join(repaired)} replaced with U+FFFD")
    title, abstract, meta = fields.pop("title"), fields.pop("abstract"), fields
    source = _SURROGATE.sub("\ufffd", source)  # an undecodable file name
    if not isinstance(title, str) or not title.strip():
        raise RecordError("no title")
    if not isinstance(abstract, str) or not abstract.strip():
        raise RecordError(f"'{title.strip()[:60]}' has no abstract")
    if len(abstract) > MAX_ABSTRACT_CHARS:
        raise RecordError(f"'{title.strip()[:60]}' has a {len(abstract) / 1e6:.1f} MB abstract "
                          f"(limit {MAX_ABSTRACT_CHARS // 1000} kB); skipped")
    if len(title) > MAX_TITLE_CHARS:
        raise RecordError(f"title is {len(title)} characters long (limit {MAX_TITLE_CHARS})")
    title_text, abstract_text = clean_text(title), clean_text(abstract)
    authors = meta.pop("authors", None) or []
    arxiv_id = meta.pop("arxiv_id", None) or arxiv_id_of(meta.get("url"))
    url = meta.pop("url", None) or (f"https://arxiv.org/abs/{arxiv_id}" if arxiv_id else None)
    date_text = meta.pop("date_text", None)
    return Paper(
        id=paper_id(title_text), title=title_text, abstract=abstract_text, source=source,
        position=position, url=url, arxiv_id=arxiv_id, authors=[str(a) for a in authors],
        authors_count=_int_or_none(meta.pop("authors_count", None)) or (len(authors) or None),
        organization=meta.pop("organization", None) or None,
        date=iso_date(meta.get("date")) or iso_date(date_text),
        date_text=date_text or (str(meta["date"]) if meta.get("date") else None),
        upvotes=_int_or_none(meta.pop("upvotes", None)),
        links=find_links(abstract_text),
    )
