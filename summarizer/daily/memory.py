"""`papers.db`: the archive's memory of every paper it has shown, in SQLite (stdlib).

One write transaction per day (`BEGIN IMMEDIATE`, committed only when the day's
folder, index and feed are written): a crash mid-day leaves the memory as it was,
and a second `daily` run on the same archive waits for the lock, then refuses
with one line. A paper is keyed by a canonical id, so the same paper read from a
HF page, the HF API or an arXiv feed is one paper, and a new arXiv version of it
is recognised as an update rather than a new paper.
"""

from __future__ import annotations

import hashlib
import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from summarizer.errors import SummarizerError
from summarizer.models import Paper, PaperCard
from summarizer.text import normalise_title

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS papers (
    key TEXT PRIMARY KEY,           -- arxiv:ID (no version), doi:DOI or title:normalised title
    paper_id TEXT NOT NULL,         -- the card id: anchor `p-<id>` in the day's digest
    title TEXT NOT NULL,
    first_seen TEXT NOT NULL,       -- YYYY-MM-DD of the listing that first held it
    last_seen TEXT NOT NULL,
    versions TEXT NOT NULL,         -- JSON {arXiv version: day first seen}
    card TEXT NOT NULL,             -- the card JSON (the export contract)
    card_sha TEXT NOT NULL,         -- of the card's content (not its theme, source or relevance)
    card_day TEXT NOT NULL,         -- the day whose run last changed the card
    updated TEXT NOT NULL           -- UTC timestamp of that change: the feed entry's <updated>
);
CREATE TABLE IF NOT EXISTS days (date TEXT PRIMARY KEY, summary TEXT NOT NULL);
"""
_ARXIV = re.compile(r"(?<![\d.])(\d{4}\.\d{4,5})(?:v(\d+))?(?!\d)")
_OLD_ARXIV = re.compile(r"arxiv\.org/(?:abs|pdf)/([a-z\-]+(?:\.[A-Z]{2})?/\d{7})(?:v(\d+))?", re.I)
_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+[^\s\"<>.,;)])")
_VOLATILE = {"source", "theme", "relevance", "relevance_reasons"}


class ArchiveBusy(SummarizerError):
    """Another `daily` run holds the archive's write lock."""


def canonical_key(paper: Paper | PaperCard) -> str:
    """arXiv id without version when known, else DOI, else the normalised title."""
    doi = _DOI.search(paper.url or "")
    if paper.arxiv_id and not (doi and paper.arxiv_id in doi.group(1)):  # the loader may read an id inside a DOI
        return f"arxiv:{paper.arxiv_id}"
    for text in (paper.url or "", *getattr(paper, "links", [])):
        if match := _OLD_ARXIV.search(text):
            return f"arxiv:{match.group(1)}"
        if match := _DOI.search(text):
            return f"doi:{match.group(1).lower()}"
    return f"title:{normalise_title(paper.title)}"


def arxiv_version(paper: Paper | PaperCard) -> int | None:
    """The arXiv version the listing names (`2310.01234v2` in its URL), None when it names none."""
    for text in (paper.url or "", getattr(paper, "source", "")):
        match = _ARXIV.search(text) or _OLD_ARXIV.search(text)
        if match and match.group(2):
            return int(match.group(2))
    return None


def card_sha(card: PaperCard) -> str:
    """What makes a card 'changed' for the feed: its content, not today's theme, file path or relevance."""
    content = card.model_dump(mode="json", exclude=_VOLATILE)
    return hashlib.sha256(json.dumps(content, sort_keys=True).encode()).hexdigest()


@dataclass
class Seen:
    """One row of `papers`: what the archive remembers about a paper."""

    key: str
    paper_id: str
    title: str
    first_seen: str
    last_seen: str
    versions: dict[int, str]
    card: PaperCard
    card_sha: str
    card_day: str
    updated: str

    def status_on(self, day: str, version: int | None) -> str:
        """'new' (first seen that day, or a rerun of it), 'updated' (a newer arXiv version) or 'repeated'."""
        if self.first_seen >= day:
            return "new"
        prior = [v for v, seen in self.versions.items() if seen < day]
        return "updated" if version is not None and version > max(prior, default=1) else "repeated"


@dataclass
class DaySummary:
    """What the archive index shows for a day."""

    date: str
    counts: dict[str, int]
    highlights: list[dict[str, str]] = field(default_factory=list)


class Memory:
    """The open database, inside the day's write transaction."""

    def __init__(self, path: Path, wait: float) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.db = sqlite3.connect(path, timeout=wait, isolation_level=None)
        try:
            self.db.execute("BEGIN IMMEDIATE")
        except sqlite3.OperationalError as exc:
            self.db.close()
            if "locked" in str(exc) or "busy" in str(exc):
                raise ArchiveBusy(f"{path}: another `summarizer daily` run is updating this archive "
                                  f"(waited {wait:g}s); try again when it is done, or pass --wait") from None
            raise SummarizerError(f"{path}: cannot open the archive's memory ({exc})") from None
        except sqlite3.DatabaseError as exc:
            self.db.close()
            raise SummarizerError(f"{path}: is not a summarizer papers.db ({exc})") from None
        for statement in SCHEMA.split(";"):
            if statement.strip():
                self.db.execute(statement)

    def __enter__(self) -> Memory:
        return self

    def __exit__(self, kind: type[BaseException] | None, *_: Any) -> None:
        """Commit when the day went through; roll back on any error, so the memory stays as it was."""
        self.db.execute("COMMIT" if kind is None else "ROLLBACK")
        self.db.close()

    def feed_id(self) -> str:
        """The archive's permanent Atom feed id, made once when the archive is created."""
        row = self.db.execute("SELECT value FROM meta WHERE key = 'feed_id'").fetchone()
        if row:
            return str(row[0])
        import uuid

        value = f"urn:uuid:{uuid.uuid4()}"
        self.db.execute("INSERT INTO meta (key, value) VALUES ('feed_id', ?)", (value,))
        return value

    def lookup(self, keys: Iterable[str]) -> dict[str, Seen]:
        found: dict[str, Seen] = {}
        for key in set(keys):
            row = self.db.execute("SELECT * FROM papers WHERE key = ?", (key,)).fetchone()
            if row:
                found[key] = _seen(row)
        return found

    def all_seen(self) -> list[Seen]:
        return [_seen(row) for row in self.db.execute("SELECT * FROM papers ORDER BY updated DESC, key")]

    def remember(self, key: str, card: PaperCard, day: str, version: int | None, card_changes: bool) -> None:
        """Record that `card`'s paper was in `day`'s listing; store the card when this day shows it."""
        old = self.lookup([key]).get(key)
        versions = dict(old.versions) if old else {}
        if version is not None:
            versions[version] = min(versions.get(version, day), day)
        sha = card_sha(card)
        if old and not (card_changes and sha != old.card_sha):
            card, sha, card_day, updated = old.card, old.card_sha, old.card_day, old.updated
        else:
            card_day, updated = day, datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        first = min(old.first_seen, day) if old else day
        last = max(old.last_seen, day) if old else day
        self.db.execute(
            "INSERT OR REPLACE INTO papers VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (key, card.id, card.title, first, last, json.dumps({str(v): d for v, d in sorted(versions.items())}),
             card.model_dump_json(), sha, card_day, updated))

    def save_day(self, summary: DaySummary) -> None:
        payload = json.dumps({"counts": summary.counts, "highlights": summary.highlights})
        self.db.execute("INSERT OR REPLACE INTO days (date, summary) VALUES (?, ?)", (summary.date, payload))

    def days(self) -> list[DaySummary]:
        """Every archived day, newest first."""
        rows = self.db.execute("SELECT date, summary FROM days ORDER BY date DESC").fetchall()
        return [DaySummary(date=d, **json.loads(s)) for d, s in rows]


def _seen(row: tuple[Any, ...]) -> Seen:
    key, paper_id, title, first, last, versions, card, sha, card_day, updated = row
    return Seen(key=key, paper_id=paper_id, title=title, first_seen=first, last_seen=last,
                versions={int(v): d for v, d in json.loads(versions).items()},
                card=PaperCard.model_validate_json(card), card_sha=sha, card_day=card_day, updated=updated)
