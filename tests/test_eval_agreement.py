"""Agreement between labelers is computed with the scorer: self-agreement is perfect, edits lower it."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.evaluation.agreement import agreement
from summarizer.evaluation.labels import load_labeled

LABELED = Path(__file__).resolve().parents[1] / "eval" / "labeled.jsonl"


def test_self_agreement_is_perfect() -> None:
    records = load_labeled(LABELED)[:20]
    for report in agreement(records, records):
        assert report.n == 20
        assert all(f.lenient == 1.0 and f.strict == 1.0 for f in report.fields)


def test_disagreement_lowers_the_field() -> None:
    records = load_labeled(LABELED)[:20]
    other = [r.model_copy(deep=True) for r in records]
    named = [r for r in other if r.gold.method_names]
    for r in named:
        r.gold.method_names = []
    forward, backward = agreement(records, other)
    assert forward.field("method").lenient < 1.0 and backward.field("method").lenient < 1.0
    assert forward.field("code_urls").lenient == 1.0


SECOND = LABELED.with_name("labeled_second.jsonl")


@pytest.mark.skipif(not SECOND.exists(), reason="eval/labeled_second.jsonl (second labeler) not there yet")
def test_second_labels_cover_the_double_labeled_papers() -> None:
    ids = {line.split("\t")[0] for line in LABELED.with_name("double_labeled_ids.txt").read_text().splitlines()
           if line and not line.startswith("#")}
    second = {r.id: r for r in load_labeled(SECOND)}
    assert ids <= set(second)
    first = {r.id: r for r in load_labeled(LABELED)}
    assert all(second[i].abstract == first[i].abstract for i in ids)
