"""Per-paper scores -> report rows: per field, for the v2 fields, and per split x origin.

Every figure comes with a 95% bootstrap interval over papers. Gain-record
accuracy is pooled over gold records (a paper with five gains weighs five),
so its interval resamples papers with their record counts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from summarizer.evaluation.bootstrap import mean_ci, micro_ci, micro_f1, ratio_ci
from summarizer.evaluation.labels import V2_FIELDS
from summarizer.evaluation.report import FieldSummary, PaperScore
from summarizer.evaluation.text_scores import SLOTS

SET_FIELDS = ("gains", "datasets", "models", "code_urls")


def summarise(papers: Sequence[PaperScore], field: str) -> FieldSummary:
    """One table row: macro strict/lenient, micro (pooled) where it differs, abstention."""
    scores = [p.fields[field] for p in papers]
    strict = [s.strict for s in scores]
    lenient = [s.lenient for s in scores]
    gold_empty = [s.gold_empty for s in scores]
    pred_empty = [s.pred_empty for s in scores]
    both = sum(g and p for g, p in zip(gold_empty, pred_empty, strict=True))
    n = len(scores)
    summary = FieldSummary(
        field=field, n=n,
        strict=sum(strict) / n if n else 0.0, strict_ci=mean_ci(strict),
        lenient=sum(lenient) / n if n else 0.0, lenient_ci=mean_ci(lenient),
        gold_empty=sum(gold_empty), pred_empty=sum(pred_empty),
        abstain_precision=both / sum(pred_empty) if any(pred_empty) else None,
        abstain_recall=both / sum(gold_empty) if any(gold_empty) else None,
    )
    if field in SET_FIELDS:
        tp, fp, fn = ([getattr(s, k) for s in scores] for k in ("tp", "fp", "fn"))
        stp, sfp, sfn = ([getattr(s, k) for s in scores] for k in ("tp_strict", "fp_strict", "fn_strict"))
        summary.micro_lenient = float(micro_f1(np.array(tp), np.array(fp), np.array(fn)))
        summary.micro_lenient_ci = micro_ci(tp, fp, fn)
        summary.micro_strict = float(micro_f1(np.array(stp), np.array(sfp), np.array(sfn)))
    elif field == "gain_records":  # accuracy over gold records, not over papers
        right, total = [s.tp for s in scores], [s.tp + s.fn for s in scores]
        summary.micro_lenient = sum(right) / sum(total) if sum(total) else float("nan")
        summary.micro_lenient_ci = ratio_ci(right, total)
        strict_right = [s.tp_strict for s in scores]
        summary.micro_strict = sum(strict_right) / sum(total) if sum(total) else float("nan")
    else:  # accuracy-like fields: pooled and per-paper averages coincide
        summary.micro_lenient, summary.micro_lenient_ci = summary.lenient, summary.lenient_ci
        summary.micro_strict = summary.strict
    return summary


def _with_ci(values: Sequence[float]) -> tuple[float, tuple[float, float]]:
    return (sum(values) / len(values) if values else float("nan")), mean_ci(values)


def references(papers: Sequence[PaperScore]) -> dict[str, dict[str, tuple[float, tuple[float, float]]]]:
    """Abstract-only reference points: positional baseline and single-sentence oracle (ROUGE-1)."""
    out: dict[str, dict[str, tuple[float, tuple[float, float]]]] = {}
    for field, position in (("summary", "lead"), ("outcome", "last")):
        rows = [p.reference[field] for p in papers if field in p.reference]
        out[field] = {position: _with_ci([r[0] for r in rows]), "oracle": _with_ci([r[1] for r in rows])}
    return out


def slot_accuracy(papers: Sequence[PaperScore]) -> dict[str, tuple[float, tuple[float, float]]]:
    """Share of gold gain records whose value / metric / baseline / dataset is right (or rightly null)."""
    rows = [p for p in papers if p.gain_slots]
    total = [p.gain_slots["records"] for p in rows]
    if not sum(total):
        return {}
    out = {}
    for slot in ("value", *SLOTS):
        right = [p.gain_slots[slot] for p in rows]
        out[slot] = (sum(right) / sum(total), ratio_ci(right, total))
    return out


def groups(papers: Sequence[PaperScore]) -> list[dict[str, Any]]:
    """Headline figures per split x origin, so sample-page and outside papers are never averaged away."""
    out = []
    for split in ("dev", "heldout"):
        for origin in ("sample", "outside"):
            chosen = [p for p in papers if p.split == split and p.origin == origin]
            if not chosen:
                continue
            row: dict[str, Any] = {"split": split, "origin": origin, "n": len(chosen)}
            for field in ("task", "method", *V2_FIELDS):
                scored = [p for p in chosen if field in p.fields]
                if scored:
                    summary = summarise(scored, field)
                    use_micro = field == "gain_records"
                    row[field] = summary.micro_lenient if use_micro else summary.lenient
            out.append(row)
    return out


def summarise_v2(papers: Sequence[PaperScore]) -> dict[str, Any]:
    """The report's v2 part: rows for summary/outcome/gain_records, reference points, slots, groups."""
    labeled = [p for p in papers if all(f in p.fields for f in V2_FIELDS)]
    if not labeled:
        return {}
    return {"v2": [summarise(labeled, f) for f in V2_FIELDS], "references": references(labeled),
            "gain_slots": slot_accuracy(labeled),
            "gain_records_n": sum(p.gain_slots.get("records", 0) for p in labeled),
            "gain_records_unmatched": sum(p.gain_slots.get("unmatched", 0) for p in labeled), "groups": groups(papers)}
