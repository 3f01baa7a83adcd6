"""Cards out: the JSONL contract and its flat CSV view (docs/export-contract.md).

JSONL is the lossless record (one `PaperCard` per line); CSV flattens it to
one row per paper for spreadsheets and SQL `COPY`, lists joined with ` | `.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

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
]


def _join(values: Iterable[str | None]) -> str:
    return LIST_SEPARATOR.join(v or "" for v in values)


def card_row(card: PaperCard) -> dict[str, str | int | None]:
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
    }


def write_jsonl(records: Sequence[PaperCard] | Sequence[Paper], path: Path) -> Path:
    with atomic_open(path) as handle:
        for record in records:
            handle.write(record.model_dump_json() + "\n")
    return path


# a spreadsheet runs a cell starting with one of these as a formula (OWASP "CSV injection")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:[.,]\d+)*%?")


def csv_safe(value: str | int | None) -> str | int | None:
    """Prefix a formula-like cell with `'` so spreadsheets show it as text; plain numbers (-3.5%) stay."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def write_csv(cards: Sequence[PaperCard], path: Path) -> Path:
    with atomic_open(path, newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=CSV_COLUMNS)
        writer.writeheader()
        writer.writerows({k: csv_safe(v) for k, v in card_row(card).items()} for card in cards)
    return path


def read_cards(path: Path, warn: Callable[[str], None] | None = None) -> list[PaperCard]:
    """Cards from a JSONL export; a bad line is a warning naming it, a bad file an InputError."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({exc})") from None
    cards: list[PaperCard] = []
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            cards.append(PaperCard.model_validate(json.loads(line)))
        except (json.JSONDecodeError, ValidationError) as exc:
            reason = exc.msg if isinstance(exc, json.JSONDecodeError) else exc.errors()[0]["msg"]
            if warn is None:
                raise InputError(str(path), f"line {number} is not a card ({reason})") from None
            warn(f"{path}:{number}: not a card ({reason}); skipped")
    if not cards:
        raise InputError(str(path), "holds no cards (expected the cards.jsonl written by `summarizer run`)")
    return cards
