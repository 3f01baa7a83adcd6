"""Grounding checks for model-written extractions: what a card may claim about a paper.

A model can quote loosely or invent (the 270M test model makes up URLs), so
every LLM card is checked against its paper before it is accepted or cached:

- a gain's evidence is a verbatim (whitespace-normalised) substring of the abstract;
- every number in a gain's value occurs in that evidence;
- every code URL occurs in the title, abstract or the paper's links;
- the method name occurs in the title or abstract.

`problems()` lists the violations in words the model can act on (they are sent
back to it on a re-ask); `ground()` returns the accepted extraction with
evidence and names canonicalised to the source text, plus character-offset
provenance in the same shape the rules backend produces.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from pydantic import ValidationInfo, model_validator

from summarizer.llm.context import validation_context
from summarizer.models import Extraction, Gain, Method, Paper, Resources, Span

_SCHEMAS: dict[Any, str] = {}
NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_WS = re.compile(r"\s+")


@dataclass(frozen=True)
class Located:
    """`text` found at `field[start:end]` of the paper (the slice is the canonical text)."""

    field: str
    start: int
    end: int
    text: str

    def span(self) -> Span:
        return Span(field=self.field, start=self.start, end=self.end)


class NormalisedText:
    """A text with runs of whitespace collapsed, and a map back to original offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        chars: list[str] = []
        offsets: list[int] = []
        for match in re.finditer(r"\s+|\S+", text):
            if match.group().isspace():
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(match.start())
            else:
                chars.extend(match.group())
                offsets.extend(range(match.start(), match.end()))
        self.norm = "".join(chars)
        self.lower = self.norm.lower()
        self.offsets = offsets

    def find(self, needle: str, *, ignore_case: bool = False) -> tuple[int, int] | None:
        """Original (start, end) of the whitespace-normalised needle, or None."""
        target = _WS.sub(" ", needle).strip()
        if not target:
            return None
        hay = self.lower if ignore_case else self.norm
        at = hay.find(target.lower() if ignore_case else target)
        if at < 0:
            return None
        return self.offsets[at], self.offsets[at + len(target) - 1] + 1


class PaperText:
    """Title and abstract of one paper, normalised once and searched many times."""

    def __init__(self, paper: Paper) -> None:
        self.paper = paper

    @cached_property
    def title(self) -> NormalisedText:
        return NormalisedText(self.paper.title)

    @cached_property
    def abstract(self) -> NormalisedText:
        return NormalisedText(self.paper.abstract)

    def locate(self, needle: str | None, fields: tuple[str, ...] = ("abstract",),
               ignore_case: bool = False) -> Located | None:
        needle = (needle or "").strip()
        if not needle:
            return None
        for name in fields:
            raw: str = getattr(self.paper, name)
            at = raw.find(needle)  # the common case: quoted exactly, no normalisation needed
            if at >= 0:
                return Located(name, at, at + len(needle), needle)
            source: NormalisedText = getattr(self, name)
            found = source.find(needle, ignore_case=ignore_case)
            if found:
                return Located(name, found[0], found[1], source.text[found[0]:found[1]])
        return None

    def has_url(self, url: str) -> bool:
        url = url.strip()
        return bool(url) and (url in self.paper.abstract or url in self.paper.title
                              or any(url in link for link in self.paper.links))


def problems(paper: Paper | PaperText, extraction: Extraction) -> list[str]:
    """Every grounding violation, phrased as an instruction the model can follow."""
    text = paper if isinstance(paper, PaperText) else PaperText(paper)
    errors: list[str] = []
    for i, gain in enumerate(extraction.claimed_gains):
        if text.locate(gain.evidence) is None:
            errors.append(f"claimed_gains[{i}].evidence must be copied verbatim from the abstract "
                          f"(one sentence, unchanged); {_short(gain.evidence)!r} is not in it")
            continue
        missing = [n for n in NUMBER.findall(gain.value) if n not in gain.evidence]
        if missing:
            errors.append(f"claimed_gains[{i}].value {gain.value!r} has numbers {missing} that are not in its "
                          "evidence; quote the sentence that states them or drop the gain")
    for i, url in enumerate(extraction.resources.code_urls):
        if not text.has_url(url):
            errors.append(f"resources.code_urls[{i}] {url!r} does not appear in the text; "
                          "list only URLs written in the abstract (or none)")
    name = extraction.method.name
    if name and text.locate(name, ("title", "abstract"), ignore_case=True) is None:
        errors.append(f"method.name {name!r} must be written as in the title or abstract, or null")
    return errors


def ground(paper: Paper, extraction: Extraction) -> tuple[Extraction, dict[str, list[Span]]]:
    """The extraction with quotes canonicalised to the source, and its provenance spans.

    Call after `problems()` is empty: quotes that cannot be located are left as they are.
    """
    text = PaperText(paper)
    spans: dict[str, list[Span]] = {}
    name_hit = text.locate(extraction.method.name, ("title", "abstract"), ignore_case=True)
    desc_hit = text.locate(extraction.method.description)
    task_hit = text.locate(extraction.task, ("title", "abstract"), ignore_case=True)
    gains: list[Gain] = []
    for i, gain in enumerate(extraction.claimed_gains):
        hit = text.locate(gain.evidence)
        evidence = hit.text if hit else gain.evidence
        gains.append(gain.model_copy(update={"evidence": evidence}))
        if hit:
            spans[f"claimed_gains.{i}"] = [hit.span()]
            value_spans = _number_spans(gain.value, evidence, hit.start)
            if value_spans:
                spans[f"claimed_gains.{i}.value"] = value_spans
    res = extraction.resources
    lists: dict[str, list[str]] = {}
    for kind in ("datasets", "code_urls", "models"):
        values = []
        for j, value in enumerate(getattr(res, kind)):
            hit = text.locate(value, ("abstract",), ignore_case=kind != "code_urls")
            values.append(hit.text if hit else value)
            if hit:
                spans[f"resources.{kind}.{j}"] = [hit.span()]
        lists[kind] = values
    compute_hit = text.locate(res.compute, ignore_case=True)
    for path, hit in (("task", task_hit), ("method.name", name_hit), ("method.description", desc_hit),
                      ("resources.compute", compute_hit)):
        if hit:
            spans[path] = [hit.span()]
    grounded = Extraction(
        task=task_hit.text if task_hit else extraction.task,
        method=Method(name=name_hit.text if name_hit else extraction.method.name,
                      description=extraction.method.description),
        claimed_gains=gains,
        resources=Resources(**lists, compute=compute_hit.text if compute_hit else res.compute),
    )
    return grounded, spans


def _number_spans(value: str, evidence: str, offset: int) -> list[Span]:
    """Where each number of a gain's value sits inside its (located) evidence."""
    spans = []
    for number in NUMBER.findall(value):
        at = evidence.find(number)
        if at >= 0:
            spans.append(Span(field="abstract", start=offset + at, end=offset + at + len(number)))
    return spans


def _short(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else text[:limit] + "..."


class GroundedExtraction(Extraction):
    """The response model sent to the LLM: an `Extraction` that must be grounded in its paper.

    The paper comes from pydantic's `context={"paper": Paper}` or the current
    call's `summarizer.llm.context.VALIDATION_CONTEXT`; without a paper
    the grounding checks are skipped, so the schema stays usable elsewhere.
    A violation raises a `ValueError` listing every problem, which instructor
    sends back to the model on a re-ask.
    """

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema with every key required and every string and list bounded.

        Grammar-constrained servers (llama.cpp) otherwise let a small model answer
        `{}`, or ramble inside one string until the token budget cuts the JSON
        (its tools path then reports `finish_reason=tool_calls`, not `length`).
        Validation keeps the defaults and no limits, so a lenient reply still parses.
        """
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:  # instructor asks on every request; building it costs ~2 ms
            _SCHEMAS[key] = json.dumps(_constrain(super().model_json_schema(*args, **kwargs)))
        return json.loads(_SCHEMAS[key])

    @model_validator(mode="after")
    def _grounded(self, info: ValidationInfo) -> GroundedExtraction:
        context = validation_context(info.context)
        paper = context.get("paper")
        if paper is None:
            return self
        found = problems(context.get("paper_text") or paper, self)
        if found:
            raise ValueError("the card is not grounded in the paper: " + "; ".join(found))
        return self


SCHEMA_MAX_LENGTH = {"evidence": 300, "value": 40}
SCHEMA_DEFAULT_MAX_LENGTH = 120
SCHEMA_MAX_ITEMS = 5


def _constrain(schema: Any, name: str = "") -> Any:
    """Require every property; bound strings (`maxLength`) and lists (`maxItems`) for grammar decoders."""
    if isinstance(schema, dict):
        if isinstance(schema.get("properties"), dict):
            schema["required"] = list(schema["properties"])
            for prop, sub in schema["properties"].items():
                _constrain(sub, prop)
        if schema.get("type") == "string":
            schema.setdefault("maxLength", SCHEMA_MAX_LENGTH.get(name, SCHEMA_DEFAULT_MAX_LENGTH))
        if schema.get("type") == "array":
            schema.setdefault("maxItems", SCHEMA_MAX_ITEMS)
        for key, value in schema.items():
            if key != "properties":
                _constrain(value, name)
    elif isinstance(schema, list):
        for item in schema:
            _constrain(item, name)
    return schema


def plain(extraction: Extraction) -> Extraction:
    """A plain `Extraction` (drops the subclass, so exports and equality behave)."""
    return Extraction.model_validate(extraction.model_dump())
