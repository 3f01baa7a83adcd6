"""Inter-annotator agreement, measured with the scorer itself: the ceiling for any backend.

One labeler's records are the gold, the other's become cards (first task
phrasing, first method name, all list values) and are scored like any backend;
both directions are reported because the scorer is asymmetric (alternatives
live on the gold side). Run: `python -m summarizer.evaluation.agreement A.jsonl B.jsonl`.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from rich.console import Console

from summarizer.evaluation.labels import LabeledPaper, load_labeled
from summarizer.evaluation.report import EvalReport, render_table
from summarizer.evaluation.scoring import evaluate
from summarizer.models import Extraction, ExtractorInfo, Gain, Method, Paper, PaperCard, Resources


def labels_as_cards(records: list[LabeledPaper], labeler: str) -> list[dict[str, Any]]:
    """A labeler's gold values as export cards, so the ordinary scorer can compare them."""
    cards = []
    for r in records:
        g = r.gold
        extraction = Extraction(task=g.task[0] if g.task else None,
                                method=Method(name=g.method_names[0] if g.method_names else None),
                                claimed_gains=[Gain(value=v, evidence=v) for v in g.gains],
                                resources=Resources(datasets=g.datasets, models=g.models, code_urls=g.code_urls))
        paper = Paper(id=r.id, title=r.title, abstract=r.abstract, source=r.source, position=0)
        cards.append(PaperCard.build(paper, extraction, ExtractorInfo(backend=labeler)).model_dump(mode="json"))
    return cards


def agreement(first: list[LabeledPaper], second: list[LabeledPaper]) -> tuple[EvalReport, EvalReport]:
    """(second scored against first, first scored against second) on the papers both labeled."""
    shared = {r.id for r in first} & {r.id for r in second}
    a = [r for r in first if r.id in shared]
    b = [r for r in second if r.id in shared]
    return (evaluate(labels_as_cards(b, "second labeler"), a, "all"),
            evaluate(labels_as_cards(a, "first labeler"), b, "all"))


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m summarizer.evaluation.agreement FIRST.jsonl SECOND.jsonl", file=sys.stderr)
        return 2
    console = Console(width=140, highlight=False)
    for report in agreement(load_labeled(Path(argv[0])), load_labeled(Path(argv[1]))):
        render_table(report, console)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
