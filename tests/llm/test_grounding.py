"""Per-field alignment and grounding: what a model-written card may keep, and how each value aligned."""

from __future__ import annotations

import pytest

from summarizer.extract.align import FUZZY_THRESHOLD, PaperSource, fold
from summarizer.extract.grounding import GroundedExtraction, ground
from summarizer.extract.rules.provenance import grounding_errors
from summarizer.models import Extraction, Gain, Method, Paper, Resources

ABSTRACT = ("We present FooNet, a sparse model for “long-context” retrieval.  It improves\naccuracy by 4.2% on "
            "GLUE over BERT. FooNet is 31× faster than dense attention and reaches 99% recall. "
            "Code is at https://github.com/foo/foonet. We train on 8 H100 GPUs with the Pile dataset.")
PAPER = Paper(id="p1", title="FooNet: Sparse Everything", abstract=ABSTRACT, source="t", position=0,
              links=["https://github.com/foo/foonet"])
SPEED = "FooNet is 31× faster than dense attention and reaches 99% recall."


def card(**kw: object) -> Extraction:
    base: dict = {"method": Method(name="FooNet"),
                  "claimed_gains": [Gain(value="4.2%", evidence="It improves accuracy by 4.2% on GLUE over BERT.")],
                  "resources": Resources(code_urls=["https://github.com/foo/foonet"], compute="8 H100 GPUs")}
    return Extraction(**(base | kw))


def assert_slices(paper: Paper, result) -> None:
    """The reusable oracle: every span slices the source to the value it grounds."""
    assert grounding_errors(paper, result.extraction, result.provenance) == []


def test_a_faithful_card_is_kept_whole_with_offsets() -> None:
    result = ground(PAPER, card(summary="We present FooNet, a sparse model for “long-context” retrieval."))
    assert result.problems == [] and result.notes == []
    assert result.extraction.claimed_gains[0].evidence == "It improves\naccuracy by 4.2% on GLUE over BERT."
    assert result.provenance["claimed_gains.0"][0].alignment == "normalised"  # the quote had one space, not two+\n
    assert result.provenance["summary"][0].alignment == "exact"
    assert_slices(PAPER, result)


@pytest.mark.parametrize("evidence", [
    "FooNet is 31x faster than dense attention and reaches 99% recall.",        # x for ×
    "FooNet is 31times faster than dense attention and reaches 99% recall.",    # LaTeX residue, glued
    "FooNet is 31\\times faster than dense attention and reaches 99% recall.",  # LaTeX residue, backslash
    "FooNet is 31× faster than dense attention and reaches 99% recall",          # dropped trailing period
    "foonet is 31× FASTER than dense   attention and reaches 99% recall.",      # case and whitespace
])
def test_retyped_evidence_aligns_normalised_and_is_canonicalised(evidence: str) -> None:
    result = ground(PAPER, card(claimed_gains=[Gain(value="31×", evidence=evidence)]))
    gain = result.extraction.claimed_gains[0]
    assert gain.evidence in ABSTRACT and gain.evidence.startswith("FooNet is 31× faster")
    assert gain.evidence == SPEED  # the whole sentence, period included
    assert result.provenance["claimed_gains.0"][0].alignment in ("exact", "normalised") and result.problems == []
    assert_slices(PAPER, result)


def test_curly_quotes_fold_to_straight_ones() -> None:
    hit = PaperSource(PAPER).align_text('a sparse model for "long-context" retrieval')
    assert hit is not None and hit.status == "normalised" and hit.text == "a sparse model for “long-context” retrieval"


def test_one_word_changed_is_fuzzy_and_replaced_by_the_source_sentence() -> None:
    said = "FooNet is 31× quicker than dense attention and reaches 99% recall."
    result = ground(PAPER, card(claimed_gains=[Gain(value="31×", evidence=said)]))
    assert result.extraction.claimed_gains[0].evidence == SPEED
    assert result.provenance["claimed_gains.0"][0].alignment == "fuzzy"
    assert [(n.path, n.action) for n in result.notes] == [("claimed_gains.0.evidence", "replaced")]
    assert_slices(PAPER, result)


def test_below_the_fuzzy_threshold_the_gain_is_dropped_and_recorded() -> None:
    said = "Our system is much faster than every other approach in the literature today."
    result = ground(PAPER, card(claimed_gains=[Gain(value="31×", evidence=said)]))
    assert result.extraction.claimed_gains == []
    assert result.notes[0].action == "dropped" and result.notes[0].value == said
    assert "claimed_gains.0.evidence" in result.problems[0]
    assert FUZZY_THRESHOLD == 0.75


@pytest.mark.parametrize("value", ["9%", "31", "4.2× and 9", "fast"])
def test_gain_numbers_must_be_whole_numbers_of_the_evidence(value: str) -> None:
    result = ground(PAPER, card(claimed_gains=[Gain(value=value, evidence=SPEED)]))
    assert result.extraction.claimed_gains == (
        [] if value != "31" else result.extraction.claimed_gains)  # "31" is whole in "31×"
    if value != "31":
        assert result.notes[0].path == "claimed_gains.0.value"


def test_99_percent_is_kept_and_its_number_span_slices_back() -> None:
    result = ground(PAPER, card(claimed_gains=[Gain(value="99%", metric="recall", evidence=SPEED)]))
    span = result.provenance["claimed_gains.0.value"][0]
    assert ABSTRACT[span.start:span.end] == "99" and result.extraction.claimed_gains[0].metric == "recall"


@pytest.mark.parametrize("name", ["FooNet", "foonet", "the FooNet method", "The FooNet framework", "our FooNet"])
def test_recased_or_wrapped_method_names_align(name: str) -> None:
    result = ground(PAPER, card(method=Method(name=name)))
    assert result.extraction.method.name == "FooNet" and result.problems == []


def test_invented_names_urls_and_metrics_are_dropped_or_nulled() -> None:
    result = ground(PAPER, card(
        method=Method(name="BarNet"), task="protein folding",
        claimed_gains=[Gain(value="4.2%", metric="F1", baseline="GPT-4", dataset="GLUE",
                            evidence="It improves accuracy by 4.2% on GLUE over BERT.")],
        resources=Resources(datasets=["the Pile", "ImageNet"], models=["Llama-2 7B"],
                            code_urls=["https://github.com/foo", "https://evil.example", "https://github.com/foo/foonet."],
                            compute="TPU v4 pods")))
    e = result.extraction
    assert e.method.name is None and e.task is None and e.resources.compute is None
    assert e.resources.datasets == ["the Pile"] and e.resources.models == []
    assert e.resources.code_urls == ["https://github.com/foo/foonet"]  # a prefix of a link is not the link
    gain = e.claimed_gains[0]
    assert (gain.metric, gain.baseline, gain.dataset) == (None, None, "GLUE")
    actions = {(n.path, n.action) for n in result.notes}
    assert {("method.name", "nulled"), ("resources.models.0", "dropped"), ("resources.code_urls.0", "dropped"),
            ("claimed_gains.0.metric", "nulled"), ("claimed_gains.0.baseline", "nulled")} <= actions
    assert len(result.problems) == len(result.notes)
    assert_slices(PAPER, result)


def test_free_text_is_replaced_by_the_source_slice_so_no_new_number_appears() -> None:
    result = ground(PAPER, card(outcome="FooNet is 31× faster than dense attention and reaches 100% recall."))
    assert result.extraction.outcome is not None and "100%" not in result.extraction.outcome
    assert result.extraction.outcome in ABSTRACT and result.provenance["outcome"][0].alignment == "fuzzy"


def test_dropped_gains_renumber_their_provenance() -> None:
    gains = [Gain(value="1%", evidence="Invented sentence one about nothing at all here."), Gain(value="99%",
                                                                                                  evidence=SPEED)]
    result = ground(PAPER, card(claimed_gains=gains))
    assert len(result.extraction.claimed_gains) == 1 and "claimed_gains.0" in result.provenance
    assert "claimed_gains.1" not in result.provenance
    assert_slices(PAPER, result)


def test_fold_keeps_offsets() -> None:
    folded, offsets = fold("A  “B”\n×")
    assert folded == 'a "b" x' and offsets[-1] == 7


def test_schema_requires_every_key_and_bounds_strings() -> None:
    schema = GroundedExtraction.model_json_schema()
    assert schema["required"] == ["summary", "task", "method", "outcome", "claimed_gains", "resources"]
    gain = schema["$defs"]["Gain"]
    assert gain["properties"]["evidence"]["maxLength"] == 300
    assert schema["properties"]["claimed_gains"]["maxItems"] == 5
