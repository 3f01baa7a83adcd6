"""`summarizer eval`: scoring any cards file, failures scoring zero, and the baseline regression check."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from summarizer.cli_eval import eval_command
from summarizer.evaluation import check_against_baseline, evaluate, load_labeled, write_baseline
from summarizer.evaluation.labels import LabeledPaper
from summarizer.models import Extraction, ExtractorInfo, Gain, Method, Paper, PaperCard, Resources

LABELED = Path(__file__).resolve().parents[1] / "eval" / "labeled.jsonl"
app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
app.command("eval")(eval_command)
app.command("noop")(lambda: None)  # a second command keeps `eval` a named subcommand


@pytest.fixture(scope="module")
def labeled() -> list[LabeledPaper]:
    return load_labeled(LABELED)


def gold_card(record: LabeledPaper, degrade: bool = False) -> dict:
    """A card holding exactly the gold labels; `degrade` drops method, gains, summary, outcome, invents a model."""
    gold = record.gold
    gains = [Gain(value=g.value, metric=g.metric, baseline=g.baseline, dataset=g.dataset, evidence=g.value)
             for g in gold.gain_records or []]
    extraction = Extraction(
        task=gold.task[0] if gold.task else None,
        summary=None if degrade else gold.summary, outcome=None if degrade else gold.outcome,
        method=Method(name=None if degrade else (gold.method_names[0] if gold.method_names else None)),
        claimed_gains=[] if degrade else gains,
        resources=Resources(datasets=gold.datasets, code_urls=gold.code_urls,
                            models=[*gold.models, "GPT-9"] if degrade else gold.models),
    )
    paper = Paper(id=record.id, title=record.title, abstract=record.abstract, source=record.source, position=0)
    return PaperCard.build(paper, extraction, ExtractorInfo(backend="fake")).model_dump(mode="json")


def write_cards(path: Path, cards: list[dict]) -> Path:
    path.write_text("".join(json.dumps(c) + "\n" for c in cards), encoding="utf-8")
    return path


def test_gold_cards_score_perfectly(labeled: list[LabeledPaper]) -> None:
    report = evaluate([gold_card(r) for r in labeled], labeled, "all")
    assert report.n == len(labeled) and report.parsed == report.n and report.grounded == report.n
    for field in report.fields:
        assert field.lenient == pytest.approx(1.0), field.field
        assert field.strict == pytest.approx(1.0), field.field
        assert field.abstain_precision in (None, 1.0) and field.abstain_recall in (None, 1.0)
    for field in report.v2:  # summary, outcome: ROUGE 1; gain records: every record right
        assert field.lenient == pytest.approx(1.0) and field.micro_lenient == pytest.approx(1.0), field.field
    assert all(acc == pytest.approx(1.0) for acc, _ in report.gain_slots.values())


def test_split_selects_papers(labeled: list[LabeledPaper]) -> None:
    cards = [gold_card(r) for r in labeled]
    dev, held = evaluate(cards, labeled, "dev"), evaluate(cards, labeled, "heldout")
    assert dev.n + held.n == len(labeled) and {p.split for p in dev.papers} == {"dev"}


def test_missing_and_broken_cards_score_zero_without_aborting(labeled: list[LabeledPaper]) -> None:
    cards = [gold_card(r) for r in labeled]
    broken_id, missing_id = cards[0]["id"], cards[1]["id"]
    cards[0] = {"id": broken_id, "method": "not an object"}
    del cards[1]
    report = evaluate(cards, labeled, "all")
    by_id = {p.id: p for p in report.papers}
    assert report.parsed == len(labeled) - 2
    for pid in (broken_id, missing_id):
        assert not by_id[pid].parsed and by_id[pid].error
        assert all(s.lenient == 0.0 for f, s in by_id[pid].fields.items() if not s.gold_empty or f == "task")


def test_hallucinated_grounding_is_flagged(labeled: list[LabeledPaper]) -> None:
    card = gold_card(labeled[0])
    card["resources"]["code_urls"] = ["https://github.com/not/in-abstract"]
    report = evaluate([card], labeled[:1], "all")
    assert report.grounded == 0 and report.papers[0].violations


def test_identical_run_passes_check_and_degraded_fails(labeled: list[LabeledPaper], tmp_path: Path) -> None:
    good = evaluate([gold_card(r) for r in labeled], labeled, "all")
    baseline = write_baseline(good, tmp_path / "fake.json")
    assert check_against_baseline(good, baseline).ok
    degraded_cards = [gold_card(r, degrade=i % 2 == 0) for i, r in enumerate(labeled)]
    bad = evaluate(degraded_cards, labeled, "all")
    result = check_against_baseline(bad, baseline)
    assert not result.ok
    dropped = {f.field for f in result.fields if f.significant_drop}
    assert {"method", "gains", "models"} <= dropped and "code_urls" not in dropped
    worse = {i for f in result.fields if f.field == "method" for i, _, _ in f.worse}
    assert worse and worse <= {r.id for i, r in enumerate(labeled) if i % 2 == 0}


def test_check_names_dev_papers_and_only_counts_held_out(labeled: list[LabeledPaper], tmp_path: Path) -> None:
    """Running the gate must not show anyone a held-out paper to tune on: those are counted, never named."""
    baseline = write_baseline(evaluate([gold_card(r) for r in labeled], labeled, "all"), tmp_path / "fake.json")
    bad = evaluate([gold_card(r, degrade=i % 2 == 0) for i, r in enumerate(labeled)], labeled, "all")
    result = check_against_baseline(bad, baseline)
    method = next(f for f in result.fields if f.field == "method")
    heldout = {r.id for r in labeled if r.split != "dev"}
    assert method.worse and not {i for i, _, _ in method.worse} & heldout
    assert method.worse_heldout > 0
    printed = "\n".join(result.lines())
    assert "held-out (not named)" in printed and not any(i in printed for i in heldout)


def test_cli_check_exit_codes_and_names_papers(labeled: list[LabeledPaper], tmp_path: Path) -> None:
    runner = CliRunner()
    good = write_cards(tmp_path / "good.jsonl", [gold_card(r) for r in labeled])
    base_dir = tmp_path / "baseline"
    args = ["eval", "--labeled", str(LABELED), "--baseline-dir", str(base_dir)]
    result = runner.invoke(app, [*args, str(good), "--update-baseline"])
    assert result.exit_code == 0, result.output
    assert (base_dir / "fake.json").exists()
    result = runner.invoke(app, [*args, str(good), "--check"])
    assert result.exit_code == 0, result.output
    assert "passed" in result.output
    bad = write_cards(tmp_path / "bad.jsonl", [gold_card(r, degrade=i % 2 == 0) for i, r in enumerate(labeled)])
    result = runner.invoke(app, [*args, str(bad), "--check", "--split", "dev"])
    assert result.exit_code == 1, result.output
    assert "DROP" in result.output and "worse papers:" in result.output
    assert labeled[next(i for i, r in enumerate(labeled) if i % 2 == 0 and r.split == "dev"
                        and r.gold.method_names)].id in result.output


def test_cli_json_report_and_show_errors(labeled: list[LabeledPaper], tmp_path: Path) -> None:
    cards = write_cards(tmp_path / "c.jsonl", [gold_card(r, degrade=True) for r in labeled[:5]])
    out = tmp_path / "report.json"
    result = CliRunner().invoke(app, ["eval", str(cards), "--labeled", str(LABELED), "--json", str(out),
                                      "--show-errors"])
    assert result.exit_code == 0, result.output
    data = json.loads(out.read_text())
    assert data["n"] == len(labeled) and len(data["papers"]) == len(labeled)
    assert "no card for this paper" in result.output and "GPT-9" in result.output
    assert {f["field"] for f in data["v2"]} == {"summary", "outcome", "gain_records"}
    assert data["references"]["summary"]["oracle"][0] > data["references"]["summary"]["lead"][0]
    first = labeled[0]
    assert f"summary     0.0  gold={first.gold.summary}" in result.output  # degraded card: no summary
    assert "card v2 fields" in result.output and "by split x origin" in result.output


def test_cli_baseline_backend_runs_on_the_labeled_set() -> None:
    result = CliRunner().invoke(app, ["eval", "--backend", "baseline", "--labeled", str(LABELED),
                                      "--split", "heldout"])
    assert result.exit_code == 0, result.output
    assert "baseline on heldout" in result.output


@pytest.mark.parametrize("args", [[], ["missing.jsonl"], ["--backend", "baseline", "--labeled", "nope.jsonl"]])
def test_cli_errors_are_one_line(args: list[str], tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["eval", *args])
    assert result.exit_code == 2
    assert "Traceback" not in result.output and "error:" in result.output
