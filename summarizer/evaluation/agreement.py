"""Inter-annotator agreement, measured with the scorer itself: the ceiling for any backend.

One labeler's records are the gold, the other's become cards (first task
phrasing, first method name, all list values, and for guidelines-v2 labels the
summary and outcome sentences and every gain record with its metric, baseline
and dataset) and are scored like any backend. Both directions are reported
because the scorer is asymmetric (alternatives live on the gold side; a gain
record is matched from the gold side). The v2 fields are scored only where the
gold side has v2 labels, exactly as `summarizer eval` does.

Run: `python -m summarizer.evaluation.agreement A.jsonl B.jsonl [--split heldout] [--show-errors]`.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from summarizer.errors import InputError
from summarizer.evaluation.labels import LabeledPaper, load_labeled
from summarizer.evaluation.report import EvalReport, render_errors, render_table
from summarizer.evaluation.scoring import evaluate
from summarizer.models import Extraction, ExtractorInfo, Gain, Method, Paper, PaperCard, Resources


def _gains(record: LabeledPaper) -> list[Gain]:
    """v2 labels: one gain per gold record, slots included; v1 labels: bare values."""
    if record.gold.gain_records is None:
        return [Gain(value=v, evidence=v) for v in record.gold.gains]
    return [Gain(value=g.value, metric=g.metric, baseline=g.baseline, dataset=g.dataset, evidence=g.value)
            for g in record.gold.gain_records]


def labels_as_cards(records: list[LabeledPaper], labeler: str) -> list[dict[str, Any]]:
    """A labeler's gold values as export cards, so the ordinary scorer can compare them."""
    cards = []
    for r in records:
        g = r.gold
        extraction = Extraction(task=g.task[0] if g.task else None,
                                method=Method(name=g.method_names[0] if g.method_names else None),
                                summary=g.summary, outcome=g.outcome, claimed_gains=_gains(r),
                                resources=Resources(datasets=g.datasets, models=g.models, code_urls=g.code_urls))
        paper = Paper(id=r.id, title=r.title, abstract=r.abstract, source=r.source, position=0)
        cards.append(PaperCard.build(paper, extraction, ExtractorInfo(backend=labeler)).model_dump(mode="json"))
    return cards


def agreement(first: list[LabeledPaper], second: list[LabeledPaper],
              split: str | None = "all") -> tuple[EvalReport, EvalReport]:
    """(second scored against first, first scored against second) on the papers both labeled."""
    shared = {r.id for r in first} & {r.id for r in second}
    a = [r for r in first if r.id in shared]
    b = [r for r in second if r.id in shared]
    return (evaluate(labels_as_cards(b, "second labeler"), a, split),
            evaluate(labels_as_cards(a, "first labeler"), b, split))


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m summarizer.evaluation.agreement",
                                     description="Score two labelers' files against each other, both directions.")
    parser.add_argument("first", type=Path)
    parser.add_argument("second", type=Path)
    parser.add_argument("--split", default="all", help="dev, heldout or all (default)")
    parser.add_argument("--show-errors", action="store_true", help="per-paper disagreements, gold side first")
    return parser


def main(argv: list[str]) -> int:
    args = _parser().parse_args(argv)
    console = Console(width=160, highlight=False)
    try:
        first, second = load_labeled(args.first), load_labeled(args.second)
        reports = agreement(first, second, args.split)
    except InputError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for report, gold in zip(reports, (first, second), strict=True):
        render_table(report, console)
        if args.show_errors:
            render_errors(report, gold, console)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
