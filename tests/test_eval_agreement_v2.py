"""Agreement on the card v2 fields (summary, outcome, gain records) uses the eval's own scorers, both directions.

Real records of the second v2 labeling; each test edits one label the way a second labeler could and checks
that exactly the matching figure moves, by exactly one record or one paper.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evaluation.agreement import agreement, main
from summarizer.evaluation.labels import LabeledPaper, load_labeled
from summarizer.evaluation.report import EvalReport
from summarizer.evaluation.text_scores import rouge

EVAL = Path(__file__).resolve().parents[1] / "eval"
SECOND_V2 = EVAL / "labeled_second_v2.jsonl"
# DiagNet (4 records, list-elided dataset), PipeDream (1 record, baseline), BERT (8 records), a survey (outcome null)
PICKED = ("47f686b681d1b780", "4bc8bc27d0411140", "b5d998ae3b866ed6", "df836244c604e88b")


@pytest.fixture
def records() -> list[LabeledPaper]:
    by_id = {r.id: r for r in load_labeled(SECOND_V2)}
    return [by_id[i] for i in PICKED]


def _copy(records: list[LabeledPaper]) -> list[LabeledPaper]:
    return [r.model_copy(deep=True) for r in records]


def _v2(report: EvalReport, field: str) -> float:
    row = next(f for f in report.v2 if f.field == field)
    return row.micro_lenient if field == "gain_records" else row.lenient


def test_self_agreement_on_v2_fields_is_perfect(records: list[LabeledPaper]) -> None:
    for report in agreement(records, records):
        assert report.gain_records_n == 13
        assert _v2(report, "summary") == _v2(report, "outcome") == _v2(report, "gain_records") == 1.0
        assert {k: v[0] for k, v in report.gain_slots.items()} == dict.fromkeys(
            ("value", "metric", "baseline", "dataset"), 1.0)


def test_a_reworded_metric_costs_one_record_in_both_directions(records: list[LabeledPaper]) -> None:
    other = _copy(records)
    assert other[0].gold.gain_records is not None
    other[0].gold.gain_records[1].metric = "recall"  # DiagNet 5.1 %: mAP -> recall
    for report in agreement(records, other):
        assert _v2(report, "gain_records") == pytest.approx(12 / 13)
        slots = {k: v[0] for k, v in report.gain_slots.items()}
        assert slots["metric"] == pytest.approx(12 / 13)
        assert slots["value"] == slots["baseline"] == slots["dataset"] == 1.0
        assert _v2(report, "summary") == 1.0


def test_an_elided_dataset_left_null_is_a_dataset_disagreement(records: list[LabeledPaper]) -> None:
    other = _copy(records)
    assert other[0].gold.gain_records is not None
    other[0].gold.gain_records[2].dataset = None  # DiagNet 3.7 %: MS COCO not carried across the list
    forward, backward = agreement(records, other)
    for report in (forward, backward):
        assert report.gain_slots["dataset"][0] == pytest.approx(12 / 13)
        assert report.gain_slots["metric"][0] == 1.0


def test_a_missing_gain_is_a_value_disagreement_only_from_the_side_that_has_it(records: list[LabeledPaper]) -> None:
    other = _copy(records)
    gold = other[2].gold
    assert gold.gain_records is not None
    gold.gain_records = gold.gain_records[:-1]  # BERT: 5.1 point left out
    gold.gains = gold.gains[:-1]
    forward, backward = agreement(records, other)
    assert forward.gain_slots["value"][0] == pytest.approx(12 / 13) and forward.gain_records_unmatched == 0
    assert backward.gain_slots["value"][0] == 1.0 and backward.gain_records_unmatched == 1


def test_summary_and_outcome_are_scored_by_rouge_of_the_other_labelers_sentence(records: list[LabeledPaper]) -> None:
    other = _copy(records)
    other[3].gold.outcome = "The survey finds that no single dataset covers open-domain questions."  # gold: null
    other[1].gold.summary = "PipeDream is a system for pipelined parallel training of deep networks."
    first_summary = records[1].gold.summary
    assert first_summary is not None
    expected = rouge(first_summary, "PipeDream is a system for pipelined parallel training of deep networks.")[0]
    for report in agreement(records, other):
        assert _v2(report, "outcome") == pytest.approx(3 / 4)  # a sentence against a rightly empty outcome scores 0
        assert _v2(report, "summary") == pytest.approx((3 + expected) / 4)
        assert 0 < expected < 1


def test_cli_scores_a_split_and_names_a_bad_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main([str(EVAL / "labeled.jsonl"), str(SECOND_V2), "--split", "heldout"]) == 0
    out = capsys.readouterr().out
    assert out.count("on heldout (n=15)") == 2 and "(n=30)" not in out  # both directions on the held-out 15
    assert out.count("gain records (n=") == 2 and "summary" in out
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{not json\n")
    assert main([str(bad), str(SECOND_V2)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "bad.jsonl" in err


def test_second_v2_labels_cover_the_drawn_papers_with_the_same_abstracts() -> None:
    ids = [line.split("\t")[0] for line in (EVAL / "double_labeled_v2_ids.txt").read_text().splitlines()
           if line and not line.startswith("#")]
    second = {r.id: r for r in load_labeled(SECOND_V2)}
    first = {r.id: r for r in load_labeled(EVAL / "labeled.jsonl")}
    assert len(ids) == 30 and set(ids) == set(second)
    assert sum(first[i].split == "heldout" for i in ids) == 15
    for i in ids:
        assert second[i].has_v2 and second[i].origin == "outside"
        assert second[i].abstract == first[i].abstract and second[i].split == first[i].split
        assert second[i].notes.startswith("second labeler v2, 2026-11-29, labeled blind to the first labels")
        assert second[i].gold.gains == [g.value for g in second[i].gold.gain_records or []]
