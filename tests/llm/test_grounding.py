"""Grounding validators: what a model-written card may claim about its paper."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from summarizer.extract.grounding import GroundedExtraction, NormalisedText, ground, problems
from summarizer.extract.rules.provenance import grounding_errors
from summarizer.models import Extraction, Gain, Method, Paper, Resources

ABSTRACT = ("We present FooNet, a sparse model.  It improves\naccuracy by 4.2% on GLUE over BERT. "
            "Code is at https://github.com/foo/foonet. We train on 8 H100 GPUs.")
PAPER = Paper(id="p1", title="FooNet: Sparse Everything", abstract=ABSTRACT, source="t", position=0,
              links=["https://github.com/foo/foonet"])


def card(**kw: object) -> Extraction:
    base: dict = {"method": Method(name="FooNet"),
                  "claimed_gains": [Gain(value="4.2%", evidence="It improves accuracy by 4.2% on GLUE over BERT.")],
                  "resources": Resources(code_urls=["https://github.com/foo/foonet"], compute="8 H100 GPUs")}
    return Extraction(**(base | kw))


def test_whitespace_normalised_evidence_is_accepted_and_canonicalised() -> None:
    extraction = card()
    assert problems(PAPER, extraction) == []
    grounded, spans = ground(PAPER, extraction)
    assert grounded.claimed_gains[0].evidence == "It improves\naccuracy by 4.2% on GLUE over BERT."
    assert grounding_errors(PAPER, grounded, spans) == []
    assert set(spans) >= {"method.name", "claimed_gains.0", "claimed_gains.0.value", "resources.code_urls.0",
                          "resources.compute"}


@pytest.mark.parametrize(("change", "message"), [
    ({"claimed_gains": [Gain(value="4.2%", evidence="It boosts accuracy by 4.2%.")]}, "verbatim"),
    ({"claimed_gains": [Gain(value="5.1%", evidence="It improves accuracy by 4.2% on GLUE over BERT.")]},
     "numbers ['5.1']"),
    ({"resources": Resources(code_urls=["https://github.com/made/up"])}, "does not appear in the text"),
    ({"method": Method(name="BarNet")}, "method.name 'BarNet'"),
])
def test_violations_are_named(change: dict, message: str) -> None:
    found = problems(PAPER, card(**change))
    assert len(found) == 1 and message in found[0]


def test_response_model_raises_with_context_only() -> None:
    bad = card(method=Method(name="BarNet")).model_dump()
    assert GroundedExtraction.model_validate(bad)  # no paper in context: schema only
    with pytest.raises(ValidationError, match="not grounded"):
        GroundedExtraction.model_validate(bad, context={"paper": PAPER})


def test_method_name_matches_title_case_insensitively() -> None:
    grounded, spans = ground(PAPER, card(method=Method(name="foonet")))
    assert grounded.method.name == "FooNet" and spans["method.name"][0].field == "title"


def test_normalised_text_maps_offsets_back() -> None:
    text = NormalisedText("a  b\n\tc d")
    assert text.norm == "a b c d"
    start, end = text.find("b c")  # type: ignore[misc]
    assert "a  b\n\tc d"[start:end] == "b\n\tc"


def test_schema_requires_every_key_and_bounds_strings() -> None:
    schema = GroundedExtraction.model_json_schema()
    assert schema["required"] == ["summary", "task", "method", "outcome", "claimed_gains", "resources"]
    gain = schema["$defs"]["Gain"]
    assert gain["properties"]["evidence"]["maxLength"] == 300
    assert schema["properties"]["claimed_gains"]["maxItems"] == 5
