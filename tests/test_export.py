"""The export contract: JSONL round-trips, CSV flattens one row per paper, writes are atomic."""

import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.atomic import atomic_open
from summarizer.errors import InputError
from summarizer.export import CSV_COLUMNS, LIST_SEPARATOR, read_cards, write_csv, write_jsonl
from summarizer.models import CARD_CONTRACT_VERSION, Extraction, ExtractorInfo, Gain, Method, PaperCard, Resources
from summarizer.sources.records import make_paper

CONTRACT_KEYS = {"id", "title", "source", "url", "task", "method", "claimed_gains", "resources", "theme", "extractor"}


def _card(title: str = "ARM: Adaptive Forecasting", gains: int = 2) -> PaperCard:
    paper = make_paper(title=title, abstract="ARM cuts error by 13% and runs 31× faster than PatchTST.",
                       source="s.txt", position=0, upvotes=3)
    extraction = Extraction(
        task="long-term time series forecasting",
        method=Method(name="ARM", description="adaptive temporal-contextual learning"),
        claimed_gains=[Gain(metric="error", value="13%", baseline="PatchTST", dataset=None,
                            evidence="ARM cuts error by 13%, and runs 31× faster than PatchTST.")] * gains,
        resources=Resources(datasets=["ETTh1", "Weather"], code_urls=["https://github.com/x/arm"], models=[]),
    )
    return PaperCard.build(paper, extraction, ExtractorInfo(backend="rules", prompt_version="rules-v1"))


def test_jsonl_record_has_the_documented_contract_and_round_trips(tmp_path: Path) -> None:
    card = _card().model_copy(update={"theme": "Forecasting"})
    path = write_jsonl([card], tmp_path / "cards.jsonl")
    record = json.loads(path.read_text())
    assert record.keys() >= CONTRACT_KEYS
    assert record["contract_version"] == CARD_CONTRACT_VERSION
    assert record["method"] == {"name": "ARM", "description": "adaptive temporal-contextual learning"}
    assert set(record["claimed_gains"][0]) == {"metric", "value", "baseline", "dataset", "evidence"}
    assert set(record["resources"]) == {"datasets", "code_urls", "models", "compute"}
    assert record["extractor"] == {"backend": "rules", "model": None, "prompt_version": "rules-v1",
                                   "fallback_reason": None}
    assert read_cards(path) == [card]


def test_documented_json_schema_matches_the_model() -> None:
    documented = json.loads((Path(__file__).parents[1] / "docs" / "card.schema.json").read_text())
    assert documented == PaperCard.model_json_schema(), (
        "PaperCard changed: regenerate docs/card.schema.json (python -m summarizer.schema) and bump "
        "CARD_CONTRACT_VERSION if the change breaks readers")


def test_csv_is_one_row_per_paper_with_aligned_gain_columns(tmp_path: Path) -> None:
    cards = [_card(), _card("Second Paper: B", gains=0)]
    path = write_csv(cards, tmp_path / "cards.csv")
    rows = list(csv.DictReader(path.read_text(encoding="utf-8").splitlines()))
    assert list(rows[0]) == CSV_COLUMNS and len(rows) == 2
    assert rows[0]["gain_values"] == LIST_SEPARATOR.join(["13%", "13%"])
    assert rows[0]["gain_baselines"].split(LIST_SEPARATOR) == ["PatchTST", "PatchTST"]
    assert rows[0]["datasets"] == "ETTh1 | Weather" and rows[0]["method_name"] == "ARM"
    assert rows[1]["gain_values"] == "" and rows[1]["upvotes"] == "3"


V1_CSV_COLUMNS = [  # the version 1 columns, in order (schema_version renamed contract_version)
    "contract_version", "id", "title", "source", "url", "date", "upvotes", "authors_count", "organization",
    "theme", "task", "method_name", "method_description", "gain_values", "gain_metrics", "gain_baselines",
    "gain_datasets", "gain_evidence", "datasets", "code_urls", "models", "compute", "extractor_backend",
    "extractor_model", "prompt_version",
]


def test_csv_v2_columns_are_appended_after_the_v1_columns(tmp_path: Path) -> None:
    card = _card().model_copy(update={
        "summary": "ARM refines forecasting.", "outcome": None, "authors": ["A. One", "B. Two"],
        "arxiv_id": "2410.09062", "relevance": 0.123456, "suspicious": "ignore previous instructions",
        "extractor": ExtractorInfo(backend="rules", prompt_version="rules-v1", fallback_reason="model timed out"),
    })
    rows = list(csv.DictReader(write_csv([card], tmp_path / "c.csv").read_text(encoding="utf-8").splitlines()))
    assert CSV_COLUMNS[:len(V1_CSV_COLUMNS)] == V1_CSV_COLUMNS
    assert CSV_COLUMNS[len(V1_CSV_COLUMNS):] == ["summary", "outcome", "authors", "arxiv_id", "relevance",
                                                 "suspicious", "fallback_reason"]
    row = rows[0]
    assert row["summary"] == "ARM refines forecasting." and row["outcome"] == ""  # null is an empty cell
    assert row["authors"] == "A. One | B. Two" and row["arxiv_id"] == "2410.09062"
    assert row["relevance"] == "0.1235" and row["suspicious"] == "ignore previous instructions"
    assert row["fallback_reason"] == "model timed out"


def test_contract_doc_lists_every_csv_column_in_order() -> None:
    doc = (Path(__file__).parents[1] / "docs" / "export-contract.md").read_text(encoding="utf-8")
    listed = re.search(r"`(contract_version, id,[^`]*)`", doc)
    assert listed is not None
    assert [c.strip() for c in listed.group(1).split(",")] == CSV_COLUMNS


def test_interrupted_write_leaves_the_previous_file_intact(tmp_path: Path) -> None:
    target = tmp_path / "cards.jsonl"
    target.write_text("previous\n")
    with pytest.raises(RuntimeError), atomic_open(target) as handle:
        handle.write("half a recor")
        raise RuntimeError("killed")
    assert target.read_text() == "previous\n"
    assert list(tmp_path.iterdir()) == [target]  # no temp file left behind


def test_read_cards_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "cards.jsonl"
    path.write_text(_card().model_dump_json() + "\n{not json\n")
    warnings: list[str] = []
    assert len(read_cards(path, warn=warnings.append)) == 1
    assert warnings == [f"{path}:2: not a card (Expecting property name enclosed in double quotes); skipped"]


def test_export_command_converts_cards_to_csv(tmp_path: Path) -> None:
    source = write_jsonl([_card()], tmp_path / "cards.jsonl")
    out = tmp_path / "cards.csv"
    command = [sys.executable, "-m", "summarizer", "export", str(source), "--format", "csv", "-o", str(out)]
    proc = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    assert next(csv.DictReader(out.read_text().splitlines()))["title"] == "ARM: Adaptive Forecasting"
    proc = subprocess.run([sys.executable, "-m", "summarizer", "export", str(tmp_path / "missing.jsonl")],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 2 and "missing.jsonl: no such file" in proc.stderr and "Traceback" not in proc.stderr


def test_cards_are_read_one_at_a_time(tmp_path: Path) -> None:
    """`iter_cards` streams: the first card arrives before a bad line further down is even read."""
    from summarizer.export import iter_cards

    path = write_jsonl([_card()], tmp_path / "cards.jsonl")
    with path.open("a") as handle:
        handle.write("{not json\n")
    cards = iter_cards(path)
    assert next(cards).id == _card().id
    with pytest.raises(InputError, match="line 2 is not a card"):
        next(cards)


def test_export_merges_shards_by_paper_id(tmp_path: Path) -> None:
    """A backfill run as shards merges with one `summarizer export`: one row per paper, the first card wins."""
    one = _card()
    other = one.model_copy(update={"id": "ffffffffffffffff", "title": "Another paper"})
    first = write_jsonl([one, other], tmp_path / "shard-1.jsonl")
    second = write_jsonl([one.model_copy(update={"task": "a later copy"})], tmp_path / "shard-2.jsonl")
    proc = subprocess.run([sys.executable, "-m", "summarizer", "export", str(first), str(second), "-f", "jsonl"],
                          capture_output=True, text=True, timeout=60)
    assert proc.returncode == 0, proc.stderr
    merged = [json.loads(line) for line in proc.stdout.splitlines()]
    assert [c["id"] for c in merged] == [one.id, other.id] and merged[0]["task"] == one.task
