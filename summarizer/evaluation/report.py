"""The evaluation report: records (JSON on disk), the rich table, the per-paper diff view."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

from pydantic import BaseModel, Field
from rich.console import Console
from rich.table import Table

from summarizer.atomic import write_text_atomic
from summarizer.evaluation.labels import FIELDS, LabeledPaper
from summarizer.evaluation.metrics import FieldScore


class Prediction(BaseModel):
    """The scored fields of one card."""

    task: str | None = None
    method: str | None = None
    gains: list[str] = Field(default_factory=list)
    datasets: list[str] = Field(default_factory=list)
    models: list[str] = Field(default_factory=list)
    code_urls: list[str] = Field(default_factory=list)


class PaperScore(BaseModel):
    id: str
    split: str
    source: str
    parsed: bool
    error: str | None = None
    prediction: Prediction | None = None
    violations: list[str] = Field(default_factory=list, description="ungrounded URLs / gain numbers")
    fields: dict[str, FieldScore]


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


def render_errors(report: EvalReport, labeled: Sequence[LabeledPaper], console: Console) -> None:
    """Per-paper diff: every field below full lenient credit, gold next to prediction."""
    gold_of = {p.id: p for p in labeled}
    for paper in report.papers:
        wrong = [f for f in FIELDS if paper.fields[f].lenient < 1]
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
    value = {"task": gold.task, "method": gold.method_names}.get(field, getattr(gold, field, None))
    return value if value else "∅"


def _pred_value(pred: Prediction | None, field: str) -> object:
    if pred is None:
        return "∅"
    value = getattr(pred, field)
    return value if value else "∅"
