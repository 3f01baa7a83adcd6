"""Prompt/rules regression check: compare a run with the stored per-paper baseline.

A fixed absolute threshold on a ~100-paper average either cries wolf or misses
real drops (the 95% interval is +-6 to 14 points), so each field is compared
paper by paper with a paired bootstrap and fails only when the whole interval
of the change is below zero; the dev papers that got worse are named (held-out ones are only counted,
so that running the gate never shows anyone a held-out paper to tune on). The card v2
fields (summary, outcome, gain_records) are compared only on papers whose
baseline row has them, so a baseline stored before v2 never fails on them.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from summarizer.atomic import write_text_atomic
from summarizer.errors import InputError
from summarizer.evaluation.bootstrap import paired_bootstrap
from summarizer.evaluation.labels import FIELDS, V2_FIELDS
from summarizer.evaluation.report import EvalReport

OVERALL = "overall"


class Baseline(BaseModel):
    """Per-paper, per-field lenient (and strict) scores of one backend on the labeled set."""

    backend: str | None = None
    split: str = "all"
    n: int = 0
    summary: dict[str, float] = Field(default_factory=dict, description="field -> lenient macro, for reading")
    papers: dict[str, dict[str, float]] = Field(default_factory=dict, description="id -> field -> lenient")
    strict: dict[str, dict[str, float]] = Field(default_factory=dict, description="id -> field -> strict")


class FieldCheck(BaseModel):
    field: str
    n: int
    baseline: float
    current: float
    delta: float
    low: float
    high: float
    significant_drop: bool
    worse: list[tuple[str, float, float]] = Field(default_factory=list, description="(id, baseline, current), dev")
    worse_heldout: int = Field(0, description="held-out papers that got worse: counted, never named")


class CheckResult(BaseModel):
    ok: bool
    compared: int
    missing: list[str] = Field(default_factory=list, description="report papers absent from the baseline")
    fields: list[FieldCheck]

    def lines(self) -> list[str]:
        out = []
        for f in self.fields:
            verdict = "DROP" if f.significant_drop else "ok"
            out.append(f"{verdict:>4} {f.field:<9} {100 * f.baseline:5.1f} -> {100 * f.current:5.1f} "
                       f"(delta {100 * f.delta:+.1f}, 95% CI [{100 * f.low:+.1f}, {100 * f.high:+.1f}], n={f.n})")
            if (f.worse or f.worse_heldout) and f.field != OVERALL:
                named = ", ".join(f"{i} ({100 * a:.0f}->{100 * b:.0f})" for i, a, b in f.worse[:10])
                more = f" and {len(f.worse) - 10} more" if len(f.worse) > 10 else ""
                held = f"{'; ' if named else ''}{f.worse_heldout} held-out (not named)" if f.worse_heldout else ""
                label = "worse papers" if f.significant_drop else "worse papers (within noise)"
                out.append(f"     {label}: {named}{more}{held}")
        if self.missing:
            out.append(f"note: {len(self.missing)} papers not in the baseline were not compared")
        return out


def _per_paper(report: EvalReport, strict: bool = False) -> dict[str, dict[str, float]]:
    scores = {}
    for p in report.papers:
        row = {f: (p.fields[f].strict if strict else p.fields[f].lenient) for f in FIELDS}
        row[OVERALL] = sum(row.values()) / len(FIELDS)  # over the v1 fields: comparable with old baselines
        row.update({f: (p.fields[f].strict if strict else p.fields[f].lenient) for f in V2_FIELDS if f in p.fields})
        scores[p.id] = row
    return scores


def baseline_from(report: EvalReport) -> Baseline:
    summary = {f.field: round(f.lenient, 4) for f in report.fields}
    summary[OVERALL] = round(report.overall_lenient, 4)
    summary.update({f.field: round(f.micro_lenient if f.field == "gain_records" else f.lenient, 4)
                    for f in report.v2})
    return Baseline(backend=report.backend, split=report.split, n=report.n, summary=summary,
                    papers=_per_paper(report), strict=_per_paper(report, strict=True))


def write_baseline(report: EvalReport, path: Path) -> Path:
    return write_text_atomic(path, baseline_from(report).model_dump_json(indent=1) + "\n")


def load_baseline(path: Path) -> Baseline:
    try:
        return Baseline.model_validate(json.loads(path.read_text(encoding="utf-8")))
    except FileNotFoundError:
        raise InputError(str(path), "no baseline yet (create it with `summarizer eval --update-baseline`)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        raise InputError(str(path), f"is not a baseline file ({type(exc).__name__})") from None


def compare(report: EvalReport, baseline: Baseline) -> CheckResult:
    """Paired bootstrap per field (lenient) and overall, on the papers both sides scored."""
    current = _per_paper(report)
    ids = [i for i in current if i in baseline.papers]
    heldout = {p.id for p in report.papers if p.split != "dev"}
    checks = [_check(field, ids, baseline, current, heldout) for field in (*FIELDS, OVERALL)]
    for field in V2_FIELDS:  # only where both the baseline and this run have the field
        both = [i for i in ids if field in baseline.papers[i] and field in current[i]]
        if both:
            checks.append(_check(field, both, baseline, current, heldout))
    return CheckResult(ok=bool(ids) and not any(c.significant_drop for c in checks), compared=len(ids),
                       missing=[i for i in current if i not in baseline.papers], fields=checks)


def _check(field: str, ids: list[str], baseline: Baseline, current: dict[str, dict[str, float]],
           heldout: set[str]) -> FieldCheck:
    old = [baseline.papers[i].get(field, 0.0) for i in ids]
    new = [current[i][field] for i in ids]
    result = paired_bootstrap(old, new)
    worse = sorted(((i, a, b) for i, a, b in zip(ids, old, new, strict=True) if b < a - 1e-9),
                   key=lambda t: t[2] - t[1])
    return FieldCheck(field=field, n=result.n, baseline=sum(old) / len(ids) if ids else 0.0,
                      current=sum(new) / len(ids) if ids else 0.0, delta=result.delta, low=result.low,
                      high=result.high, significant_drop=result.significant_drop,
                      worse=[w for w in worse if w[0] not in heldout],
                      worse_heldout=sum(w[0] in heldout for w in worse))


def check_against_baseline(report: EvalReport, baseline_path: Path) -> CheckResult:
    return compare(report, load_baseline(baseline_path))
