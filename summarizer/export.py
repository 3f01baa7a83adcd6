"""Cards out: the JSONL contract and its flat CSV view (docs/export-contract.md).

JSONL is the lossless record (one `PaperCard` per line); CSV flattens it to
one row per paper for spreadsheets and SQL `COPY`, lists joined with ` | `.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO

from pydantic import ValidationError

from summarizer.atomic import atomic_open
from summarizer.errors import InputError
from summarizer.models import Paper, PaperCard

LIST_SEPARATOR = " | "
CSV_COLUMNS = [
    "contract_version", "id", "title", "source", "url", "date", "upvotes", "authors_count", "organization",
    "theme", "task", "method_name", "method_description",
    "gain_values", "gain_metrics", "gain_baselines", "gain_datasets", "gain_evidence",
    "datasets", "code_urls", "models", "compute",
    "extractor_backend", "extractor_model", "prompt_version",
    # contract v2: appended so readers that address v1 columns by position keep working
    "summary", "outcome", "authors", "arxiv_id", "relevance", "suspicious", "fallback_reason",
]


def _join(values: Iterable[str | None]) -> str:
    return LIST_SEPARATOR.join(v or "" for v in values)


def card_row(card: PaperCard) -> dict[str, str | int | float | None]:
    """The CSV view of one card; gain columns stay aligned by position."""
    gains = card.claimed_gains
    return {
        "contract_version": card.contract_version, "id": card.id, "title": card.title, "source": card.source,
        "url": card.url, "date": card.date, "upvotes": card.upvotes, "authors_count": card.authors_count,
        "organization": card.organization, "theme": card.theme, "task": card.task,
        "method_name": card.method.name, "method_description": card.method.description,
        "gain_values": _join(g.value for g in gains), "gain_metrics": _join(g.metric for g in gains),
        "gain_baselines": _join(g.baseline for g in gains), "gain_datasets": _join(g.dataset for g in gains),
        "gain_evidence": _join(g.evidence for g in gains),
        "datasets": _join(card.resources.datasets), "code_urls": _join(card.resources.code_urls),
        "models": _join(card.resources.models), "compute": card.resources.compute,
        "extractor_backend": card.extractor.backend, "extractor_model": card.extractor.model,
        "prompt_version": card.extractor.prompt_version,
        "summary": card.summary, "outcome": card.outcome, "authors": _join(card.authors), "arxiv_id": card.arxiv_id,
        "relevance": None if card.relevance is None else round(card.relevance, 4), "suspicious": card.suspicious,
        "fallback_reason": card.extractor.fallback_reason,
    }


def write_jsonl_to(handle: IO[str], records: Iterable[PaperCard] | Iterable[Paper]) -> int:
    """One JSON record per line; returns how many. Streams: a 100,000-card export never sits in memory."""
    count = 0
    for record in records:
        handle.write(record.model_dump_json() + "\n")
        count += 1
    return count


# a spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def csv_safe(value: object) -> object:
    """Prefix a formula-like cell with `'` so spreadsheets show it as text; plain numbers (-3.5%) stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _csv_writer(handle: IO[str]) -> Callable[[PaperCard], None]:
    """Write the header; return the function that writes one card's row."""
    writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    return lambda card: writer.writerow({key: csv_safe(value) for key, value in card_row(card).items()})


def write_csv_to(handle: IO[str], cards: Iterable[PaperCard]) -> int:
    """The header, then one row per card; returns how many."""
    write_row = _csv_writer(handle)
    count = 0
    for card in cards:
        write_row(card)
        count += 1
    return count


def write_card_exports(cards: Iterable[PaperCard], out_dir: Path) -> list[Path]:
    """cards.jsonl and cards.csv in one pass: a run's cards stream from its spool once, never all in memory."""
    jsonl, table = out_dir / "cards.jsonl", out_dir / "cards.csv"
    with atomic_open(jsonl) as lines, atomic_open(table, newline="") as rows:
        write_row = _csv_writer(rows)
        for card in cards:
            lines.write(card.model_dump_json() + "\n")
            write_row(card)
    return [jsonl, table]


def write_jsonl(records: Iterable[PaperCard] | Iterable[Paper], path: Path) -> Path:
    with atomic_open(path) as handle:
        write_jsonl_to(handle, records)
    return path


def write_csv(cards: Iterable[PaperCard], path: Path) -> Path:
    with atomic_open(path, newline="") as handle:
        write_csv_to(handle, cards)
    return path


def iter_cards(path: Path, warn: Callable[[str], None] | None = None) -> Iterator[PaperCard]:
    """Cards from a JSONL export, one line at a time; a bad line is a warning naming it, a bad file an
    InputError. Raises InputError at the end when the file held no card at all."""
    found = False
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    card = PaperCard.model_validate(json.loads(line))
                except (json.JSONDecodeError, ValidationError) as exc:
                    reason = exc.msg if isinstance(exc, json.JSONDecodeError) else exc.errors()[0]["msg"]
                    if warn is None:
                        raise InputError(str(path), f"line {number} is not a card ({reason})") from None
                    warn(f"{path}:{number}: not a card ({reason}); skipped")
                    continue
                found = True
                yield card
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({exc})") from None
    if not found:
        raise InputError(str(path), "holds no cards (expected the cards.jsonl written by `summarizer run`)")


def merged_cards(paths: Iterable[Path], warn: Callable[[str], None] | None = None) -> Iterator[PaperCard]:
    """The cards of several exports, one per paper id (the first seen): shards of a backfill merge by id."""
    seen: set[str] = set()
    for path in paths:
        for card in iter_cards(path, warn):
            if card.id not in seen:
                seen.add(card.id)
                yield card


def read_cards(path: Path, warn: Callable[[str], None] | None = None) -> list[PaperCard]:
    """All cards of a JSONL export (see `iter_cards`)."""
    return list(iter_cards(path, warn))
