"""The evaluation report: records (JSON on disk), the rich table, the per-paper diff view."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field
from rich.console import Console
from rich.table import Table

from summarizer.atomic import write_text_atomic
from summarizer.evaluation.labels import FIELDS, V2_FIELDS, LabeledPaper
from summarizer.evaluation.metrics import FieldScore


class Prediction(BaseModel):
    """The scored fields of one card."""

    task: str | None = None
    method: str | None = None
    gains: list[str] = Field(default_factory=list)
    datasets: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)
    code_urls: list[str] = Field(default_factory=list)
    summary: str | None = None
    outcome: str | None = None
    gain_records: list[dict[str, str | None]] = Field(default_factory=list, description="value/metric/baseline/dataset")


class PaperScore(BaseModel):
    id: str
    split: str
    source: str
    origin: str = "sample"
    parsed: bool
    error: str | None = None
    prediction: Prediction | None = None
    violations: list[str] = Field(default_factory=list, description="ungrounded URLs / gain numbers")
    fields: dict[str, FieldScore] = Field(description="v1 fields always; summary/outcome/gain_records when labeled")
    gain_slots: dict[str, int] = Field(default_factory=dict, description="gold records and right value/metric/...")
    reference: dict[str, tuple[float, float]] = Field(
        default_factory=dict, description="summary/outcome -> (positional baseline, oracle) ROUGE-1")


class FieldSummary(BaseModel):
    """One row of the table: macro (mean over papers) and micro (pooled) with 95% bootstrap intervals."""

    field: str
    n: int
    strict: float
    strict_ci: tuple[float, float]
    lenient: float
    lenient_ci: tuple[float, float]
    micro_strict: float = 0.0
    micro_lenient: float = 0.0
    micro_lenient_ci: tuple[float, float] = (0.0, 0.0)
    gold_empty: int = 0
    pred_empty: int = 0
    abstain_precision: float | None = None
    abstain_recall: float | None = None


class EvalReport(BaseModel):
    backend: str | None = None
    cards_path: str | None = None
    split: str
    n: int
    fields: list[FieldSummary]
    overall_lenient: float
    overall_lenient_ci: tuple[float, float]
    overall_strict: float
    overall_strict_ci: tuple[float, float]
    micro_lenient: float = Field(description="pooled F1 over all set-valued fields")
    parsed: int = Field(description="papers whose card exists and parses")
    grounded: int = Field(description="papers whose code URLs and gain numbers all occur in the abstract")
    unmatched_cards: int = Field(default=0, description="cards whose id is not in the labeled set")
    v2: list[FieldSummary] = Field(default_factory=list, description="summary, outcome (ROUGE), gain_records")
    references: dict[str, dict[str, tuple[float, tuple[float, float]]]] = Field(
        default_factory=dict, description="summary/outcome -> lead|last|oracle -> (ROUGE-1, 95% CI)")
    gain_slots: dict[str, tuple[float, tuple[float, float]]] = Field(
        default_factory=dict, description="value/metric/baseline/dataset/record -> (accuracy, 95% CI) over records")
    gain_records_n: int = 0
    gain_records_unmatched: int = Field(default=0, description="predicted gain records matching no gold record")
    groups: list[dict[str, object]] = Field(default_factory=list, description="per split x origin figures")
    papers: list[PaperScore]

    def field(self, name: str) -> FieldSummary:
        return next(f for f in self.fields if f.field == name)


def write_json(report: EvalReport, path: Path) -> Path:
    return write_text_atomic(path, report.model_dump_json(indent=1) + "\n")


def _pct(x: float | None) -> str:
    return "-" if x is None or math.isnan(x) else f"{100 * x:.1f}"


def _ci(value: float, ci: tuple[float, float]) -> str:
    return f"{_pct(value)} [{_pct(ci[0])}, {_pct(ci[1])}]"


def render_table(report: EvalReport, console: Console) -> None:
    """Per-field table: strict and lenient side by side, micro, abstention; then the hard checks."""
    title = (f"{report.backend or 'cards'} on {report.split} (n={report.n}) — "
             "macro = mean over papers, [95% bootstrap CI]")
    table = Table(title=title, title_justify="left")
    for name in ("field", "strict", "lenient", "micro strict", "micro lenient", "abstain P", "abstain R",
                 "gold ∅/pred ∅"):
        table.add_column(name, justify="left" if name == "field" else "right", no_wrap=True)
    for f in report.fields:
        table.add_row(f.field, _ci(f.strict, f.strict_ci), _ci(f.lenient, f.lenient_ci), _pct(f.micro_strict),
                      _ci(f.micro_lenient, f.micro_lenient_ci), _pct(f.abstain_precision),
                      _pct(f.abstain_recall), f"{f.gold_empty}/{f.pred_empty}")
    table.add_section()
    table.add_row("macro avg", _ci(report.overall_strict, report.overall_strict_ci),
                  _ci(report.overall_lenient, report.overall_lenient_ci), "", _pct(report.micro_lenient),
                  "", "", "")
    console.print(table)
    console.print(f"hard checks: {report.parsed}/{report.n} cards parse; {report.grounded}/{report.n} have every "
                  f"code URL and gain number verbatim in the abstract"
                  + (f"; {report.unmatched_cards} cards not in the labeled set" if report.unmatched_cards else ""))
    if report.v2:
        render_v2(report, console)


def _ref(report: EvalReport, field: str, kind: str) -> str:
    value = report.references.get(field, {}).get(kind)
    return _ci(value[0], value[1]) if value else "-"


def render_v2(report: EvalReport, console: Console) -> None:
    """Card v2 fields beside their reference points, gain-record slots, then split x origin."""
    n = report.v2[0].n
    table = Table(title=f"card v2 fields (n={n}) — ROUGE-1 F1 vs the gold sentence; an empty field scores 0, "
                        "a rightly empty outcome 1", title_justify="left")
    for name in ("field", "ROUGE-1", "ROUGE-2", "positional baseline", "oracle (best sentence)", "gold ∅/pred ∅"):
        table.add_column(name, justify="left" if name == "field" else "right", no_wrap=True)
    for f in report.v2[:2]:
        kind = "lead" if f.field == "summary" else "last"
        table.add_row(f.field, _ci(f.lenient, f.lenient_ci), _pct(f.strict), f"{kind} {_ref(report, f.field, kind)}",
                      _ref(report, f.field, "oracle"), f"{f.gold_empty}/{f.pred_empty}")
    console.print(table)
    records = report.v2[2]
    slots = "  ".join(f"{k} {_ci(v[0], v[1])}" for k, v in report.gain_slots.items())
    console.print(f"gain records (n={report.gain_records_n}, all of value/metric/baseline/dataset right or rightly "
                  f"null): {_ci(records.micro_lenient, records.micro_lenient_ci)}, strict names "
                  f"{_pct(records.micro_strict)}; per slot: {slots}; unmatched predicted gain records: "
                  f"{report.gain_records_unmatched}", markup=False, highlight=False)
    by_group = Table(title="by split x origin (task/method/summary/outcome: mean over papers; gain records: "
                           "share of records)", title_justify="left")
    for name in ("split", "origin", "n", "task", "method", *V2_FIELDS):
        by_group.add_column(name, justify="left" if name in ("split", "origin") else "right", no_wrap=True)
    for g in report.groups:
        by_group.add_row(str(g["split"]), str(g["origin"]), str(g["n"]),
                         *(_pct(g.get(k)) for k in ("task", "method", *V2_FIELDS)))  # type: ignore[arg-type]
    console.print(by_group)


SENTENCE_SHOWN_BELOW = 0.5  # summary/outcome are free sentences: only low overlap (or a wrong null) is an "error"


def _wrong(paper: PaperScore) -> list[str]:
    wrong = [f for f in FIELDS if paper.fields[f].lenient < 1]
    for f in ("summary", "outcome"):
        score = paper.fields.get(f)
        if score is not None and score.lenient < SENTENCE_SHOWN_BELOW:
            wrong.append(f)
    records = paper.fields.get("gain_records")
    if records is not None and (records.lenient < 1 or paper.gain_slots.get("unmatched")):
        wrong.append("gain_records")  # (also when every gold record is right but a prediction matches none)
    return wrong


def render_errors(report: EvalReport, labeled: Sequence[LabeledPaper], console: Console) -> None:
    """Per-paper diff: every field below full lenient credit (summary/outcome: ROUGE-1 < 50), gold next to pred."""
    gold_of = {p.id: p for p in labeled}
    for paper in report.papers:
        wrong = _wrong(paper)
        if not wrong and not paper.violations and paper.parsed:
            continue
        record = gold_of[paper.id]
        console.print(f"\n[bold]{paper.id}[/] [{paper.split}] {record.title[:90]}", markup=True, highlight=False)
        if paper.error:
            console.print(f"  [red]{paper.error}[/]", markup=True, highlight=False)
        for f in wrong:
            s = paper.fields[f]
            gold = _gold_value(record, f)
            pred = _pred_value(paper.prediction, f)
            console.print(f"  {f:<9} {100 * s.lenient:5.1f}  gold={gold}  pred={pred}"
                          + (f"  ({s.reason})" if s.reason else ""), markup=False, highlight=False)
        for v in paper.violations:
            console.print(f"  [yellow]hard check:[/] {v}", markup=True, highlight=False)


def _gold_value(record: LabeledPaper, field: str) -> object:
    gold = record.gold
    if field == "gain_records":
        return [g.model_dump() for g in gold.gain_records or []] or "∅"
    value = {"task": gold.task, "method": gold.method_names}.get(field, getattr(gold, field, None))
    return value if value else "∅"


def _pred_value(pred: Prediction | None, field: str) -> object:
    if pred is None:
        return "∅"
    value = getattr(pred, field)
    return value if value else "∅"
