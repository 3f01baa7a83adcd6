"""Check that every provenance span really grounds its value: the reusable test oracle.

`grounding_errors` slices the title/abstract at each span and compares with the
extracted field (or, for a gain, with its evidence sentence and its numbers).
It returns problems instead of raising so tests, the evaluation and the digest
can all use it.
"""

from __future__ import annotations

import re

from summarizer.models import Extraction, Paper, Span

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def _expected(extraction: Extraction, path: str) -> str | None:
    """The value a provenance path refers to (`claimed_gains.0` -> its evidence)."""
    parts = path.split(".")
    if parts[0] in ("task", "summary", "outcome"):
        return str(getattr(extraction, parts[0]))
    if parts[0] == "method":
        return getattr(extraction.method, parts[1])
    if parts[0] == "claimed_gains":
        return extraction.claimed_gains[int(parts[1])].evidence
    if parts[0] == "resources" and len(parts) == 3:
        return getattr(extraction.resources, parts[1])[int(parts[2])]
    if parts[0] == "resources":
        return getattr(extraction.resources, parts[1])
    return None


def _slice(paper: Paper, span: Span) -> str:
    source = paper.title if span.field == "title" else paper.abstract
    return source[span.start:span.end]


def grounding_errors(paper: Paper, extraction: Extraction, provenance: dict[str, list[Span]]) -> list[str]:
    """Every way the provenance fails to ground the extraction (empty list = fully grounded)."""
    errors: list[str] = []
    for path, spans in provenance.items():
        if path.endswith(".value") and path.startswith("claimed_gains."):
            gain = extraction.claimed_gains[int(path.split(".")[1])]
            for span in spans:
                if _slice(paper, span) not in gain.value and _slice(paper, span).strip("~ ") not in gain.value:
                    errors.append(f"{path}: span {_slice(paper, span)!r} not in value {gain.value!r}")
            continue
        expected = _expected(extraction, path)
        for span in spans:
            got = _slice(paper, span)
            if span.alignment == "normalised":  # a capitalised summary, a lower-cased task: equal up to case
                got, expected = got.casefold(), (expected or "").casefold()
            if got != expected:
                errors.append(f"{path}: span gives {got!r}, field is {expected!r}")
    errors.extend(_gain_errors(paper, extraction))
    return errors


def _gain_errors(paper: Paper, extraction: Extraction) -> list[str]:
    """Gains must quote the abstract, and each of their numbers must occur in that quote."""
    errors = []
    for i, gain in enumerate(extraction.claimed_gains):
        if gain.evidence not in paper.abstract:
            errors.append(f"claimed_gains.{i}: evidence is not verbatim from the abstract")
        missing = [n for n in _NUMBER.findall(gain.value) if n not in gain.evidence]
        if missing:
            errors.append(f"claimed_gains.{i}: numbers {missing} of {gain.value!r} not in its evidence")
    return errors
