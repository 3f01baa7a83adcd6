"""Cards + labeled set -> `EvalReport`: score every paper, then aggregate per field.

Works on any cards JSONL (any backend): a card is matched to its labeled paper
by `id`; a missing or unparseable card scores zero on every field instead of
aborting the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from summarizer.evaluation.bootstrap import mean_ci, micro_ci, micro_f1
from summarizer.evaluation.labels import FIELDS, LabeledPaper
from summarizer.evaluation.metrics import (
    FieldScore,
    score_gains,
    score_method,
    score_names,
    score_task,
    score_urls,
    ungrounded,
)
from summarizer.evaluation.report import EvalReport, FieldSummary, PaperScore, Prediction
from summarizer.models import PaperCard


def prediction(card: dict[str, Any]) -> Prediction:
    """The scored fields of a card; raises ValueError when it is not a valid card."""
    try:
        parsed = PaperCard.model_validate(card)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ValueError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    return Prediction(task=parsed.task, method=parsed.method.name,
                      gains=[g.value for g in parsed.claimed_gains], datasets=parsed.resources.datasets,
                      models=parsed.resources.models, code_urls=parsed.resources.code_urls)


def score_paper(paper: LabeledPaper, card: dict[str, Any] | None) -> PaperScore:
    """All fields of one paper; any failure (no card, bad card, scorer bug) scores zero."""
    empty = {f: FieldScore(gold_empty=_gold_empty(paper, f), pred_empty=True) for f in FIELDS}
    if card is None:
        return PaperScore(id=paper.id, split=paper.split, source=paper.source, parsed=False,
                          error="no card for this paper", fields=_missed(empty, paper))
    try:
        pred = prediction(card)
    except ValueError as exc:
        return PaperScore(id=paper.id, split=paper.split, source=paper.source, parsed=False,
                          error=f"card does not parse ({exc})", fields=_missed(empty, paper))
    try:
        gold = paper.gold
        fields = {
            "task": score_task(gold.task, pred.task),
            "method": score_method(gold.method_names, pred.method),
            "gains": score_gains(gold.gains, pred.gains),
            "datasets": score_names(gold.datasets, pred.datasets),
            "models": score_names(gold.models, pred.models),
            "code_urls": score_urls(gold.code_urls, pred.code_urls),
        }
        violations = ungrounded(pred.code_urls, pred.gains, paper.title, paper.abstract)
    except Exception as exc:  # a scorer bug costs this paper, not the report
        return PaperScore(id=paper.id, split=paper.split, source=paper.source, parsed=True, prediction=pred,
                          error=f"scorer failed ({type(exc).__name__}: {exc})", fields=_missed(empty, paper))
    return PaperScore(id=paper.id, split=paper.split, source=paper.source, parsed=True, prediction=pred,
                      violations=violations, fields=fields)


def _gold_empty(paper: LabeledPaper, field: str) -> bool:
    gold = paper.gold
    value = {"task": gold.task, "method": gold.method_names, "gains": gold.gains, "datasets": gold.datasets,
             "models": gold.models, "code_urls": gold.code_urls}[field]
    return not value


def _missed(empty: dict[str, FieldScore], paper: LabeledPaper) -> dict[str, FieldScore]:
    """Zero everywhere; set fields count every gold item as missed (so micro averages see it)."""
    gold = paper.gold
    counts = {"gains": len(gold.gains), "datasets": len(gold.datasets), "models": len(gold.models),
              "code_urls": len(gold.code_urls)}
    for field, n in counts.items():
        empty[field].fn = empty[field].fn_strict = n
    return empty


def summarise(papers: Sequence[PaperScore], field: str) -> FieldSummary:
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
    if field in ("gains", "datasets", "models", "code_urls"):
        import numpy as np

        tp, fp, fn = ([getattr(s, k) for s in scores] for k in ("tp", "fp", "fn"))
        stp, sfp, sfn = ([getattr(s, k) for s in scores] for k in ("tp_strict", "fp_strict", "fn_strict"))
        summary.micro_lenient = float(micro_f1(np.array(tp), np.array(fp), np.array(fn)))
        summary.micro_lenient_ci = micro_ci(tp, fp, fn)
        summary.micro_strict = float(micro_f1(np.array(stp), np.array(sfp), np.array(sfn)))
    else:  # accuracy-like fields: pooled and per-paper averages coincide
        summary.micro_lenient, summary.micro_lenient_ci = summary.lenient, summary.lenient_ci
        summary.micro_strict = summary.strict
    return summary


def evaluate(cards: Sequence[dict[str, Any]], labeled: Sequence[LabeledPaper], split: str | None = None,
             backend: str | None = None, cards_path: str | None = None) -> EvalReport:
    """Score `cards` against the labeled papers of `split` (dev, heldout, or all)."""
    from summarizer.evaluation.labels import select_split

    chosen = select_split(list(labeled), split)
    by_id: dict[str, dict[str, Any]] = {}
    for card in cards:
        if isinstance(card, dict) and isinstance(card.get("id"), str):
            by_id.setdefault(card["id"], card)
    papers = [score_paper(p, by_id.get(p.id)) for p in chosen]
    fields = [summarise(papers, f) for f in FIELDS]
    overall = [sum(p.fields[f].lenient for f in FIELDS) / len(FIELDS) for p in papers]
    overall_strict = [sum(p.fields[f].strict for f in FIELDS) / len(FIELDS) for p in papers]
    n = len(papers)
    if backend is None:
        backends = {str((c.get("extractor") or {}).get("backend")) for c in by_id.values()
                    if isinstance(c.get("extractor"), dict)}
        backend = backends.pop() if len(backends) == 1 else ("mixed" if backends else None)
    return EvalReport(
        backend=backend, cards_path=cards_path, split=split or "all", n=n, fields=fields,
        overall_lenient=sum(overall) / n if n else 0.0, overall_lenient_ci=mean_ci(overall),
        overall_strict=sum(overall_strict) / n if n else 0.0, overall_strict_ci=mean_ci(overall_strict),
        micro_lenient=_pooled_micro(papers), parsed=sum(p.parsed for p in papers),
        grounded=sum(p.parsed and not p.violations for p in papers),
        unmatched_cards=len(set(by_id) - {p.id for p in chosen}) if split in (None, "all") else 0,
        papers=papers,
    )


def _pooled_micro(papers: Sequence[PaperScore]) -> float:
    """Micro average over every set-valued field at once (all gold items pooled)."""
    tp = fp = fn = 0
    for p in papers:
        for f in ("gains", "datasets", "models", "code_urls"):
            tp, fp, fn = tp + p.fields[f].tp, fp + p.fields[f].fp, fn + p.fields[f].fn
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)
