"""Quality as a number: score cards against the labeled set, with intervals and a regression check.

`evaluate(cards, labeled, split)` -> `EvalReport`; `check_against_baseline(report, path)` ->
`CheckResult`. The CLI (`summarizer eval`) lives in `summarizer.cli_eval`.
"""

from summarizer.evaluation.check import CheckResult, check_against_baseline, write_baseline
from summarizer.evaluation.labels import LabeledPaper, load_labeled, select_split
from summarizer.evaluation.report import EvalReport
from summarizer.evaluation.scoring import evaluate

__all__ = ["CheckResult", "EvalReport", "LabeledPaper", "check_against_baseline", "evaluate", "load_labeled",
           "select_split", "write_baseline"]
