"""The labeled set: gold card fields for ~150 papers, read and validated once.

`eval/labeled.jsonl` is the measuring stick for every backend, so a malformed
record is an error naming its line, not a silently skipped paper. Guidelines v2
added `summary`, `outcome` and gain *records*; they are optional here so that
v1 files (the second and third labelers' files) still load.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from summarizer.errors import InputError

Split = Literal["dev", "heldout"]
Origin = Literal["sample", "outside"]
FIELDS = ("task", "method", "gains", "datasets", "models", "code_urls")
V2_FIELDS = ("summary", "outcome", "gain_records")  # scored only on records labeled with guidelines v2


class GoldGain(BaseModel):
    """One claimed gain: its value as written and, when the same clause states them, what/against/where."""

    value: str
    metric: str | None = None
    baseline: str | None = None
    dataset: str | None = None


class Gold(BaseModel):
    """Gold values; an empty list is the explicit label "not stated"."""

    task: list[str] = Field(default_factory=list, description="acceptable phrasings")
    method_names: list[str] = Field(default_factory=list, description="acceptable names of the one own method")
    gains: list[str] = Field(default_factory=list, description="claimed values as written, e.g. '31×', '9.64 -> 7.23'")
    datasets: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)
    code_urls: list[str] = Field(default_factory=list)
    summary: str | None = Field(default=None, description="one sentence, own words: what the paper does")
    outcome: str | None = Field(default=None, description="one sentence: the main claimed result; None = claims none")
    gain_records: list[GoldGain] | None = Field(default=None, description="None in v1 files (not labeled)")


class LabeledPaper(BaseModel):
    id: str
    split: Split
    source: str
    origin: Origin = Field(default="sample", description="sample pages or an outside venue/field")
    url: str | None = None
    title: str
    abstract: str
    gold: Gold
    notes: str = ""

    @property
    def has_v2(self) -> bool:
        """Labeled with guidelines v2 (summary, outcome, gain records); v1 files are not."""
        return self.gold.gain_records is not None and self.gold.summary is not None


def load_labeled(path: Path) -> list[LabeledPaper]:
    """Every record of a labeled JSONL file; duplicate ids and bad lines are errors."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({exc})") from None
    records: list[LabeledPaper] = []
    seen: set[str] = set()
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = LabeledPaper.model_validate(json.loads(line))
        except json.JSONDecodeError as exc:
            raise InputError(str(path), f"line {number} is not JSON ({exc.msg})") from None
        except ValidationError as exc:
            first = exc.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise InputError(str(path), f"line {number} is not a labeled paper ({where}: {first['msg']})") from None
        if record.id in seen:
            raise InputError(str(path), f"line {number} repeats id {record.id}")
        seen.add(record.id)
        records.append(record)
    if not records:
        raise InputError(str(path), "holds no labeled papers")
    return records


def select_split(labeled: list[LabeledPaper], split: str | None) -> list[LabeledPaper]:
    """`dev`, `heldout`, or everything (`all` / None)."""
    if split in (None, "all"):
        return list(labeled)
    if split not in ("dev", "heldout"):
        raise InputError("--split", f"must be dev, heldout or all, not {split!r}")
    return [p for p in labeled if p.split == split]
