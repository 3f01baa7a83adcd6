"""Card v2 scorers: ROUGE-1 for summary/outcome (with reference points) and gain-record accuracy."""

from __future__ import annotations

import pytest

from summarizer.evaluation.check import Baseline, compare
from summarizer.evaluation.labels import GoldGain
from summarizer.evaluation.metrics import FieldScore
from summarizer.evaluation.report import EvalReport, PaperScore
from summarizer.evaluation.text_scores import reference_points, rouge, score_gain_records, score_sentence


def test_rouge1_matches_a_hand_computed_example() -> None:
    # reference tokens: the the cat sat on mat (6); candidate: the cat lay on a mat (6)
    # clipped overlap: the 1, cat 1, on 1, mat 1 = 4 -> P = R = 4/6 -> F1 = 2/3
    r1, r2 = rouge("The cat sat on the mat.", "The cat lay on a mat")
    assert r1 == pytest.approx(2 / 3)
    # bigrams: ref {the cat, cat sat, sat on, on the, the mat}, cand {the cat, cat lay, lay on, on a, a mat}: 1 shared
    assert r2 == pytest.approx(1 / 5)
    # asymmetric lengths: P = 3/6, R = 3/3 -> F1 = 2/3 (neither precision nor recall alone)
    assert rouge("the cat sat", "the cat sat on the mat")[0] == pytest.approx(2 / 3)
    # stemming: "proposes"/"propose" and "models"/"model" count as the same word
    assert rouge("We propose models", "we proposes model")[0] == pytest.approx(1.0)


@pytest.mark.parametrize(("gold", "pred", "expected"), [
    ("The method wins.", None, 0.0),           # an empty field scores 0
    ("The method wins.", "   ", 0.0),
    (None, None, 1.0),                         # rightly null: no result claimed, none given
    (None, "It outperforms all baselines.", 0.0),
    ("The method wins.", "the method WINS", 1.0),
])
def test_sentence_score_empty_and_null_rules(gold: str | None, pred: str | None, expected: float) -> None:
    assert score_sentence(gold, pred).lenient == pytest.approx(expected)


def test_reference_points_lead_and_oracle() -> None:
    abstract = ("Large models are costly to serve. We prune them with gradients from calibration data. "
                "Pruned models keep their accuracy at half the size.")
    lead, oracle = reference_points("The paper prunes models with gradients from calibration data.", abstract, 0)
    assert oracle > 0.6 > 0.3 > lead  # the best sentence is the second, not the lead
    last, oracle_null = reference_points(None, abstract, -1)
    assert last == 0.0 and oracle_null == 1.0  # gold "no result": any sentence is wrong, the oracle abstains


def _gold(*rows: tuple[str, str | None, str | None, str | None]) -> list[GoldGain]:
    return [GoldGain(value=v, metric=m, baseline=b, dataset=d) for v, m, b, d in rows]


def test_gain_records_each_slot_right_or_rightly_null() -> None:
    gold = _gold(("29.5%", "absolute accuracy", "LoRA baseline", None), ("3x", "throughput", None, None),
                 ("0.6x", "GPU requirement", "full finetuning", None))
    pred = [
        {"value": "29.5 %", "metric": "accuracy", "baseline": "LoRA", "dataset": None},  # lenient names: right
        {"value": "3x", "metric": "throughput", "baseline": "full finetuning", "dataset": None},  # invented baseline
        {"value": "12%", "metric": "speed", "baseline": None, "dataset": None},  # not a gold value: ignored here
    ]
    score, slots = score_gain_records(gold, pred)
    assert (score.tp, score.fn) == (1, 2) and score.lenient == pytest.approx(1 / 3)
    assert slots == {"records": 3, "value": 2, "metric": 2, "baseline": 1, "dataset": 2, "unmatched": 1}
    assert "'3x' baseline: gold None" in score.reason and "'0.6x' not predicted" in score.reason
    assert score.tp_strict == 0  # strict: "accuracy" is not "absolute accuracy"


def test_gain_records_paper_without_gains_is_not_stated() -> None:
    score, slots = score_gain_records([], [])
    assert score.lenient == 1.0 and score.gold_empty and slots["records"] == 0 and slots["unmatched"] == 0


def test_predicted_records_without_a_gold_record_are_counted_and_shown() -> None:
    gold = [GoldGain(value="12%", metric="accuracy")]
    pred = [{"value": "10-fold", "metric": None}, {"value": "12%", "metric": "accuracy"}, {"value": "4 points"}]
    score, slots = score_gain_records(gold, pred)
    assert score.tp == 1 and slots["unmatched"] == 2
    assert "'10-fold' predicted, no gold record" in score.reason and "'4 points' predicted" in score.reason
    assert score_gain_records([], [{"value": "7B"}])[1]["unmatched"] == 1


def _report(rows: dict[str, dict[str, float]]) -> EvalReport:
    papers = [PaperScore(id=i, split="heldout", source="x", parsed=True,
                         fields={f: FieldScore(lenient=v, strict=v) for f, v in row.items()})
              for i, row in rows.items()]
    return EvalReport(split="all", n=len(papers), fields=[], overall_lenient=0, overall_lenient_ci=(0, 0),
                      overall_strict=0, overall_strict_ci=(0, 0), micro_lenient=0, parsed=len(papers),
                      grounded=len(papers), papers=papers)


V1 = dict.fromkeys(("task", "method", "gains", "datasets", "models", "code_urls"), 1.0)


def test_check_compares_v2_fields_only_where_the_baseline_has_them() -> None:
    ids = [f"p{i}" for i in range(30)]
    current = _report({i: {**V1, "summary": 0.1, "outcome": 0.0, "gain_records": 0.0} for i in ids})
    old = Baseline(papers={i: {**V1, "overall": 1.0} for i in ids})  # stored before card v2
    result = compare(current, old)
    assert result.ok and {c.field for c in result.fields} == {*V1, "overall"}
    newer = Baseline(papers={i: {**V1, "overall": 1.0, "summary": 0.6} for i in ids})
    result = compare(current, newer)
    assert not result.ok
    assert [c.field for c in result.fields if c.significant_drop] == ["summary"]


def test_show_errors_lists_a_paper_whose_only_fault_is_an_unmatched_prediction() -> None:
    from summarizer.evaluation.report import _wrong

    gold = [GoldGain(value="12%", metric="accuracy")]
    score, slots = score_gain_records(gold, [{"value": "12%", "metric": "accuracy"}, {"value": "10-fold"}])
    paper = PaperScore(id="x", split="dev", source="x", parsed=True, gain_slots=slots,
                       fields={"gain_records": score, **{f: FieldScore(lenient=1, strict=1) for f in
                                                          ("task", "method", "gains", "datasets", "models",
                                                           "code_urls")}})
    assert score.lenient == 1 and _wrong(paper) == ["gain_records"]
    assert "'10-fold' predicted, no gold record" in score.reason
