"""Per-field grounding of a model-written card: keep what aligns to the paper, drop or null the rest.

Every text value is aligned to the title/abstract (`summarizer.extract.align`) and replaced by the source slice
it aligned to, so nothing a model writes can put a word, number or URL on a card that the paper lacks:

- summary, outcome, method description: free text, fuzzy allowed; unaligned -> nulled;
- task: title or abstract, fuzzy allowed; method name: a name (whole words, unwrapped "the X method");
- a gain: its evidence must align to the abstract (a clear fuzzy match is *replaced* by the source sentence);
  its value must contain a number and every number must occur in the evidence as a whole number (`9%` never
  matches `99%`); else the gain is dropped. Metric, baseline and dataset align to the evidence or the abstract,
  else they are nulled;
- datasets, models: names, else dropped; compute: a name, else nulled;
- code URLs: whole tokens of the title/abstract links or the paper's links, else dropped.

`ground()` returns the grounded extraction, its provenance spans (with alignment status), a note per value it
changed (`PaperCard.grounding`), and `problems`: one instruction per failing field, which is what a re-ask sends.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

import instructor

from summarizer.extract.align import Aligned, PaperSource, Source, fold, fold_value
from summarizer.models import Extraction, Gain, GroundingNote, Method, Paper, Resources, Span
from summarizer.text import find_links, strip_url

NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_SCHEMAS: dict[Any, str] = {}


@dataclass
class Grounded:
    """A card after grounding: what survived, where it came from, what was changed, what to re-ask."""

    extraction: Extraction
    provenance: dict[str, list[Span]] = field(default_factory=dict)
    notes: list[GroundingNote] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    def fail(self, path: str, action: str, reason: str, value: str | None, ask: str) -> None:
        self.notes.append(GroundingNote(path=path, action=action, reason=reason, value=value))  # type: ignore[arg-type]
        self.problems.append(f"{path} {_short(value)!r}: {reason}; {ask}")


def ground(paper: Paper, extraction: Extraction) -> Grounded:
    """Align every field of `extraction` to `paper`; ungrounded values are dropped or nulled and recorded."""
    source = PaperSource(paper)
    out = Grounded(Extraction())
    summary = _text(source, out, "summary", extraction.summary, ("abstract",))
    outcome = _text(source, out, "outcome", extraction.outcome, ("abstract",))
    task = _text(source, out, "task", extraction.task, ("title", "abstract"))
    name = _name(source, out, "method.name", extraction.method.name)
    description = _text(source, out, "method.description", extraction.method.description, ("abstract",))
    gains = [kept for i, g in enumerate(extraction.claimed_gains) if (kept := _gain(source, out, i, g)) is not None]
    _renumber_gains(out, len(extraction.claimed_gains))
    res = extraction.resources
    out.extraction = Extraction(
        summary=summary, task=task, method=Method(name=name, description=description), outcome=outcome,
        claimed_gains=gains,
        resources=Resources(datasets=_names(source, out, "datasets", res.datasets),
                            models=_names(source, out, "models", res.models),
                            code_urls=_urls(paper, out, res.code_urls),
                            compute=_name(source, out, "resources.compute", res.compute, ("abstract",))),
    )
    return out


def _text(source: PaperSource, out: Grounded, path: str, value: str | None, fields: tuple[str, ...]) -> str | None:
    hit = source.align_text(value, fields)
    return _keep(out, path, value, hit, "copy it from the abstract (a phrase or sentence of it) or use null")


def _name(source: PaperSource, out: Grounded, path: str, value: str | None,
          fields: tuple[str, ...] = ("title", "abstract")) -> str | None:
    hit = source.align_name(value, fields)
    return _keep(out, path, value, hit, "write the name exactly as the title or abstract does, or use null")


def _keep(out: Grounded, path: str, value: str | None, hit: Aligned | None, ask: str) -> str | None:
    if not (value or "").strip():
        return None
    if hit is None:
        out.fail(path, "nulled", "not in the title or abstract", value, ask)
        return None
    out.provenance[path] = [hit.span()]
    return hit.text


def _gain(source: PaperSource, out: Grounded, i: int, gain: Gain) -> Gain | None:
    path = f"claimed_gains.{i}"
    hit = source.align_text(gain.evidence, ("abstract",))
    if hit is None:
        out.fail(f"{path}.evidence", "dropped", "not a sentence of the abstract", gain.evidence,
                 "copy the sentence verbatim, or drop the gain")
        return None
    evidence_hit = _to_sentence_end(hit)
    if hit.status == "fuzzy" and hit.sentence is not None:  # a re-typed quote: the sentence it clearly is
        s = hit.sentence
        evidence_hit = Aligned("abstract", s.start, s.end, s.text, "fuzzy", s)
        out.notes.append(GroundingNote(path=f"{path}.evidence", action="replaced", value=gain.evidence,
                                       reason="quote re-typed; replaced by the abstract sentence it aligns to"))
    evidence = evidence_hit.text
    value_spans = _number_spans(gain.value, evidence, evidence_hit.start)
    if value_spans is None:
        out.fail(f"{path}.value", "dropped", f"numbers not all in its evidence {_short(evidence)!r}", gain.value,
                 "give a value whose numbers are written in that sentence, or drop the gain")
        return None
    out.provenance[path] = [evidence_hit.span()]
    out.provenance[f"{path}.value"] = value_spans
    parts = {key: _gain_part(source, out, f"{path}.{key}", getattr(gain, key), evidence)
             for key in ("metric", "baseline", "dataset")}
    return Gain(value=gain.value, evidence=evidence, **parts)


def _to_sentence_end(hit: Aligned) -> Aligned:
    """A quote that stops just short of its sentence's end (a dropped period) gets the rest of it."""
    s = hit.sentence
    if s is None or not (hit.start < s.end <= hit.end + 3) or s.text[hit.end - s.start:].strip(".!?\"')”’ "):
        return hit
    return Aligned(hit.field, hit.start, s.end, s.text[hit.start - s.start:], hit.status, s)


def _gain_part(source: PaperSource, out: Grounded, path: str, value: str | None, evidence: str) -> str | None:
    """A gain's metric/baseline/dataset: as written in its evidence (or the abstract), else null."""
    if not (value or "").strip():
        return None
    quote = Source("abstract", evidence)
    local = quote.exact(value or "", True) or quote.normalised(value or "", True)
    if local is not None:
        return local.text
    hit = source.align_name(value, ("abstract",))
    if hit is None:
        out.fail(path, "nulled", "not in the abstract", value, "write it as the abstract does, or use null")
        return None
    return hit.text


def _number_spans(value: str, evidence: str, offset: int) -> list[Span] | None:
    """Spans of each number of `value` as a whole number of `evidence`; None if any is missing (or none at all)."""
    numbers = NUMBER.findall(fold_value(value))
    if not numbers:
        return None
    folded, offsets = fold(evidence)
    spans = []
    for number in numbers:
        match = re.search(rf"(?<![\d.,]){re.escape(number)}(?![\d]|[.,]\d)", folded)
        if match is None:
            return None
        start, end = offsets[match.start()], offsets[match.end() - 1] + 1
        spans.append(Span(field="abstract", start=offset + start, end=offset + end))
    return spans


def _renumber_gains(out: Grounded, count: int) -> None:
    """Dropped gains leave holes; provenance keys follow the kept gains' new positions."""
    kept = sorted({int(k.split(".")[1]) for k in out.provenance if k.startswith("claimed_gains.")})
    if len(kept) == count:
        return
    moved: dict[str, list[Span]] = {}
    for key, spans in out.provenance.items():
        if key.startswith("claimed_gains."):
            parts = key.split(".")
            parts[1] = str(kept.index(int(parts[1])))
            key = ".".join(parts)
        moved[key] = spans
    out.provenance = moved


def _names(source: PaperSource, out: Grounded, kind: str, values: list[str]) -> list[str]:
    kept: list[str] = []
    for value in values:
        hit = source.align_name(value, ("abstract", "title"))
        if hit is None:
            out.fail(f"resources.{kind}.{len(kept)}", "dropped", "not in the title or abstract", value,
                     "list only names the abstract writes, as it writes them")
        elif hit.text not in kept:
            out.provenance[f"resources.{kind}.{len(kept)}"] = [hit.span()]
            kept.append(hit.text)
    return kept


def _urls(paper: Paper, out: Grounded, urls: list[str]) -> list[str]:
    """URLs that are whole links of the text (not substrings of one); canonical as the text writes them."""
    links = {_url_key(u): u for u in [*find_links(paper.title), *find_links(paper.abstract), *paper.links]}
    kept: list[str] = []
    for url in urls:
        found = links.get(_url_key(url))
        if found is None:
            out.fail(f"resources.code_urls.{len(kept)}", "dropped", "not a link written in the text", url,
                     "list only URLs written in the abstract, or none")
        elif found not in kept:
            at = paper.abstract.find(found)
            if at >= 0:
                out.provenance[f"resources.code_urls.{len(kept)}"] = [Span(field="abstract", start=at,
                                                                           end=at + len(found))]
            kept.append(found)
    return kept


def _url_key(url: str) -> str:
    return strip_url(url.strip()).rstrip("/").lower()


def _short(text: str | None, limit: int = 80) -> str:
    text = text or ""
    return text if len(text) <= limit else text[:limit] + "..."


def reask_message(problems: list[str]) -> str:
    """The one re-ask: exactly the failing fields, and what to do about each."""
    lines = "\n".join(f"- {p}" for p in problems)
    return ("Some values of your card are not in the paper:\n" + lines + "\nReturn the whole card again: fix "
            "these fields (copy from the title or abstract) or set them to null / leave them out. "
            "Keep every other field as it was.")


class GroundedExtraction(Extraction, instructor.OpenAISchema):
    """A card for one research paper: only what its title and abstract state, quotes copied verbatim."""

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:
        """The schema with every key required and every string and list bounded.

        Grammar-constrained servers (llama.cpp) otherwise let a small model answer
        `{}`, or ramble inside one string until the token budget cuts the JSON
        (its tools path then reports `finish_reason=tool_calls`, not `length`).
        Validation keeps the defaults and no limits, so a lenient reply still parses.
        Grounding is not a validator: it degrades per field after the reply (`ground`).
        """
        key = (cls, args, tuple(sorted(kwargs.items())))
        if key not in _SCHEMAS:  # instructor asks on every request; building it costs ~2 ms
            _SCHEMAS[key] = json.dumps(_constrain(super().model_json_schema(*args, **kwargs)))
        return json.loads(_SCHEMAS[key])


SCHEMA_MAX_LENGTH = {"evidence": 300, "value": 40, "summary": 300, "outcome": 300, "description": 200}
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
