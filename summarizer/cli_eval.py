"""`summarizer eval`: score cards (a JSONL file or a backend run) against the labeled set.

Registered by the main app as `app.command("eval")(eval_command)`. Bad input is
one `error:` line and exit 2; `--check` exits 1 on a significant per-field drop.
"""

from __future__ import annotations

import json
import sys
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

from summarizer.errors import InputError, SummarizerError

# the table needs ~130 columns; piped output (CI logs) would otherwise wrap at 80
out = Console(highlight=False, soft_wrap=True, width=None if sys.stdout.isatty() else 140)
err = Console(stderr=True, highlight=False, soft_wrap=True)


class EvalBackend(StrEnum):
    baseline = "baseline"
    rules = "rules"
    llm = "llm"


class EvalSplit(StrEnum):
    dev = "dev"
    heldout = "heldout"
    all = "all"


def bundled_eval_path(name: str) -> Path:
    """`eval/<name>` of the repository this package runs from (a source checkout or an editable install),
    not of the current directory; a wheel install has no labeled set, which is one clear error."""
    path = Path(__file__).resolve().parents[1] / "eval" / name
    if not path.exists():
        raise InputError(f"eval/{name}", "not found: the labeled set ships with the repository, not the package; "
                                         "run from a clone or pass --labeled / --baseline-dir")
    return path


def no_such_file(path: Path) -> InputError | None:
    """'no such file' rather than a decoding complaint when the path is simply wrong."""
    return None if path.exists() else InputError(str(path), "no such file")


def read_card_dicts(path: Path, wanted: set[str] | None = None) -> list[dict[str, Any]]:
    """Raw card dicts, streamed line by line; with `wanted`, only the labeled papers' cards are kept, so
    scoring a 100,000-card export holds ~150 cards in memory. A line that is not JSON is skipped with a
    warning: its paper then has no card and scores zero, not vanishes."""
    cards: list[dict[str, Any]] = []
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if not line.strip():
                    continue
                try:
                    value = json.loads(line)
                except json.JSONDecodeError as exc:
                    err.print(f"warning: {path}:{number}: not JSON ({exc.msg}); that paper scores zero")
                    continue
                card = value if isinstance(value, dict) else {}
                if wanted is None or card.get("id") in wanted:
                    cards.append(card)
    except FileNotFoundError:
        raise InputError(str(path), "no such file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(str(path), f"cannot be read as UTF-8 text ({exc})") from None
    return cards


def _llm_extractor(record: Path | None, replay: Path | None) -> Any:
    """The LLM backend, recording raw replies to a cassette or answering from one (no network)."""
    from summarizer.extract.llm_backend import LLMExtractor
    from summarizer.settings import load_settings

    return LLMExtractor(load_settings(backend="llm"), cassette=record or replay,
                        cassette_mode="record" if record else "replay")


def backend_cards(backend: EvalBackend, labeled: list[Any], record: Path | None = None,
                  replay: Path | None = None) -> list[dict[str, Any]]:
    """Run an extractor on the labeled papers themselves and return their cards as export dicts."""
    from summarizer.models import Paper, PaperCard
    from summarizer.text import find_links

    folder = {"outside": "eval/outside"}
    papers = [Paper(id=r.id, title=r.title, abstract=r.abstract,
                    source=f"{folder.get(r.origin, 'examples/hf-papers')}/{r.source}", url=r.url,
                    position=i, links=find_links(r.abstract)) for i, r in enumerate(labeled)]
    if backend is EvalBackend.baseline:
        from summarizer.evaluation.baseline_extractor import BaselineExtractor

        extractor: Any = BaselineExtractor()
    elif record or replay:
        extractor = _llm_extractor(record, replay)
    else:
        from summarizer.extract import make_extractor
        from summarizer.settings import load_settings

        extractor = make_extractor(load_settings(backend=backend.value))
    err.print(f"extracting {len(papers)} labeled papers with the {extractor.info.backend} backend")
    results = extractor.extract_all(papers)
    if replay and extractor.stats()["cassette"]["misses"]:
        raise InputError(str(replay), "requests not in the cassette; re-record it with --record")
    by_id = {p.id: p for p in papers}
    cards = []
    for result in results:
        if result.extraction is None:
            err.print(f"warning: {result.paper_id}: no card ({result.error}); that paper scores zero")
            continue
        if result.extractor is not None and result.extractor.fallback_reason:
            err.print(f"warning: {result.paper_id}: rules card ({result.extractor.fallback_reason})")
        card = PaperCard.build(by_id[result.paper_id], result.extraction, result.extractor or extractor.info,
                               result.provenance)
        cards.append(card.model_dump(mode="json"))
    return cards


def eval_command(
    cards: Annotated[Path | None, typer.Argument(help="Cards JSONL to score (e.g. out/cards.jsonl); "
                                                 "or use --backend.", show_default=False)] = None,
    backend: Annotated[EvalBackend | None, typer.Option(
        help="Produce the cards by running this backend on the labeled papers (baseline = 10-line reference).")]
    = None,
    labeled: Annotated[Path | None, typer.Option(
        help="Labeled set (JSONL); default: the repository's eval/labeled.jsonl, wherever you run from.")] = None,
    split: Annotated[EvalSplit, typer.Option(help="dev = tune on it; heldout = report only.")] = EvalSplit.all,
    show_errors: Annotated[bool, typer.Option("--show-errors", help="Per-paper diff of every imperfect field.")]
    = False,
    json_out: Annotated[Path | None, typer.Option("--json", help="Write the full report (per paper) as JSON.")]
    = None,
    check: Annotated[bool, typer.Option("--check", help="Paired-bootstrap compare with eval/baseline/<backend>.json;"
                                        " exit 1 on a significant drop.")] = False,
    update_baseline: Annotated[bool, typer.Option("--update-baseline", help="Store this run as the baseline.")]
    = False,
    baseline_dir: Annotated[Path | None, typer.Option(help="Where baselines live (default: eval/baseline).")]
    = None,
    record: Annotated[Path | None, typer.Option(help="With --backend llm: save the model's raw replies here.")]
    = None,
    replay: Annotated[Path | None, typer.Option(
        help="With --backend llm: re-score from a recorded cassette (only its papers), no network.")] = None,
) -> None:
    """Score cards against the labeled set: per-field strict/lenient scores with 95% CIs, abstention, checks."""
    try:
        if (record or replay) and backend is not EvalBackend.llm:
            raise InputError("summarizer eval", "--record and --replay go with --backend llm")
        # baselines are needed only to compare or store: scoring alone works wherever the labeled set is
        baselines = baseline_dir or (bundled_eval_path("baseline") if check or update_baseline else Path())
        code = _run(cards, backend, labeled or bundled_eval_path("labeled.jsonl"), split, show_errors, json_out,
                    check, update_baseline, baselines, (record, replay))
    except SummarizerError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        raise typer.Exit(2) from None
    raise typer.Exit(code)


def _run(cards_path: Path | None, backend: EvalBackend | None, labeled_path: Path, split: EvalSplit,
         show_errors: bool, json_out: Path | None, check: bool, update_baseline: bool, baseline_dir: Path,
         cassette: tuple[Path | None, Path | None] = (None, None)) -> int:
    from summarizer.evaluation import check_against_baseline, evaluate, load_labeled, write_baseline
    from summarizer.evaluation.report import render_errors, render_table, write_json

    if (cards_path is None) == (backend is None):
        raise InputError("summarizer eval", "give either a cards JSONL file or --backend (not both)")
    if missing := no_such_file(labeled_path):
        raise missing
    labeled = load_labeled(labeled_path)
    record, replay = cassette
    if replay:
        from summarizer.llm.cassette import cassette_paper_ids

        recorded = set(cassette_paper_ids(replay) or [])
        labeled = [r for r in labeled if r.id in recorded]
    cards = (read_card_dicts(cards_path, {r.id for r in labeled}) if cards_path
             else backend_cards(backend, labeled, record, replay))  # type: ignore[arg-type]
    report = evaluate(cards, labeled, split.value, backend=backend.value if backend else None,
                      cards_path=str(cards_path) if cards_path else None)
    render_table(report, out)
    if show_errors:
        render_errors(report, labeled, out)
    if json_out:
        write_json(report, json_out)
        err.print(f"wrote {json_out}")
    name = report.backend if report.backend not in (None, "mixed") else None
    if (check or update_baseline) and name is None:
        raise InputError(str(cards_path), "cards name no single extractor backend; use --backend")
    baseline_path = baseline_dir / f"{name}.json"
    if update_baseline:
        if split is not EvalSplit.all:
            raise InputError("--update-baseline", "store baselines from --split all")
        write_baseline(report, baseline_path)
        err.print(f"wrote baseline {baseline_path}")
        return 0
    if check:
        result = check_against_baseline(report, baseline_path)
        for line in result.lines():
            out.print(line, markup=False)
        out.print(f"check against {baseline_path}: " + ("passed" if result.ok else "FAILED"), markup=False)
        return 0 if result.ok else 1
    return 0
