"""Cards + labeled set -> `EvalReport`: score every paper, then aggregate per field (`aggregate`).

Works on any cards JSONL (any backend): a card is matched to its labeled paper
by `id`; a missing or unparseable card scores zero on every field instead of
aborting the run.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import ValidationError

from summarizer.evaluation.aggregate import summarise, summarise_v2
from summarizer.evaluation.bootstrap import mean_ci
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
from summarizer.evaluation.report import EvalReport, PaperScore, Prediction
from summarizer.evaluation.text_scores import reference_points, score_gain_records, score_sentence
from summarizer.models import PaperCard


def prediction(card: dict[str, Any]) -> Prediction:
    """The scored fields of a card; raises ValueError when it is not a valid card."""
    try:
        parsed = PaperCard.model_validate(card)
    except ValidationError as exc:
        first = exc.errors()[0]
        raise ValueError(f"{'.'.join(str(p) for p in first['loc'])}: {first['msg']}") from None
    records = [g.model_dump(include={"value", "metric", "baseline", "dataset"}) for g in parsed.claimed_gains]
    return Prediction(task=parsed.task, method=parsed.method.name,
                      gains=[g.value for g in parsed.claimed_gains], datasets=parsed.resources.datasets,
                      models=parsed.resources.models, code_urls=parsed.resources.code_urls,
                      summary=parsed.summary, outcome=parsed.outcome, gain_records=records)


def score_paper(paper: LabeledPaper, card: dict[str, Any] | None) -> PaperScore:
    """All fields of one paper; any failure (no card, bad card, scorer bug) scores zero."""
    result = _score_v1(paper, card)
    if paper.has_v2:
        _add_v2(paper, result)
    return result


def _add_v2(paper: LabeledPaper, result: PaperScore) -> None:
    """summary/outcome ROUGE, gain records, and the abstract-only reference points (any card or none)."""
    gold, pred = paper.gold, result.prediction
    result.reference = {"summary": reference_points(gold.summary, paper.abstract, 0),
                        "outcome": reference_points(gold.outcome, paper.abstract, -1)}
    records = gold.gain_records or []
    if pred is None or result.error:  # no usable card: zero, every gold record missed
        result.fields["summary"] = FieldScore(gold_empty=False, pred_empty=True)
        result.fields["outcome"] = FieldScore(gold_empty=gold.outcome is None, pred_empty=True)
        result.fields["gain_records"] = FieldScore(fn=len(records), fn_strict=len(records), gold_empty=not records,
                                                   pred_empty=True)
        result.gain_slots = {"records": len(records), "value": 0, "metric": 0, "baseline": 0, "dataset": 0}
        return
    result.fields["summary"] = score_sentence(gold.summary, pred.summary)
    result.fields["outcome"] = score_sentence(gold.outcome, pred.outcome)
    result.fields["gain_records"], result.gain_slots = score_gain_records(records, pred.gain_records, paper.abstract)


def _score_v1(paper: LabeledPaper, card: dict[str, Any] | None) -> PaperScore:
    empty = {f: FieldScore(gold_empty=_gold_empty(paper, f), pred_empty=True) for f in FIELDS}
    base: dict[str, Any] = {"id": paper.id, "split": paper.split, "source": paper.source, "origin": paper.origin}
    if card is None:
        return PaperScore(**base, parsed=False, error="no card for this paper", fields=_missed(empty, paper))
    try:
        pred = prediction(card)
    except ValueError as exc:
        return PaperScore(**base, parsed=False, error=f"card does not parse ({exc})", fields=_missed(empty, paper))
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
        return PaperScore(**base, parsed=True, prediction=pred, error=f"scorer failed ({type(exc).__name__}: {exc})",
                          fields=_missed(empty, paper))
    return PaperScore(**base, parsed=True, prediction=pred, violations=violations, fields=fields)


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
    v2 = summarise_v2(papers)
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
        papers=papers, **v2,
    )


def _pooled_micro(papers: Sequence[PaperScore]) -> float:
    """Micro average over every set-valued field at once (all gold items pooled)."""
    tp = fp = fn = 0
    for p in papers:
        for f in ("gains", "datasets", "models", "code_urls"):
            tp, fp, fn = tp + p.fields[f].tp, fp + p.fields[f].fp, fn + p.fields[f].fn
    return 1.0 if tp + fp + fn == 0 else 2 * tp / (2 * tp + fp + fn)
