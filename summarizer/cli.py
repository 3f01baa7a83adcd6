"""The `summarizer` command line: parse, run, export, fetch, cache, eval.

Every command turns bad input into one `error: <file>: <problem>` line and a
non-zero exit, never a traceback; warnings about single records go to stderr
and the rest of the input is still processed.
"""

from __future__ import annotations

import itertools
import logging
import sys
from collections.abc import Callable, Iterable, Iterator
from enum import Enum, StrEnum
from importlib.metadata import version as package_version
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from summarizer.cli_batch import batch_app
from summarizer.cli_cache import cache_app
from summarizer.cli_daily import daily_command
from summarizer.cli_eval import eval_command
from summarizer.cli_help import HELP_OPTIONS, classic_help
from summarizer.errors import SummarizerError
from summarizer.export import merged_cards, write_csv, write_csv_to, write_jsonl, write_jsonl_to
from summarizer.logs import setup_logging
from summarizer.models import PaperCard
from summarizer.outputs import StagedOutputs, check_output_file
from summarizer.sources import FORMATS, LoadResult, load_papers

app = typer.Typer(
    name="summarizer",
    help="Turn a day's research-paper listings into grounded cards, themed digests and exports.\n\n"
    "Start with:  summarizer run examples/hf-papers --out out   (offline, no API key needed)",
    no_args_is_help=True,
    add_completion=False,
    context_settings=HELP_OPTIONS,
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
)
fetch_app = typer.Typer(help="Download listings from the live APIs into a file (needs network).",
                        no_args_is_help=True)
app.add_typer(fetch_app, name="fetch")
app.command("eval")(eval_command)
app.command("daily")(daily_command)
app.add_typer(cache_app, name="cache")
app.add_typer(batch_app, name="batch")
err = Console(stderr=True, highlight=False, soft_wrap=True)
log = logging.getLogger("summarizer.cli")

InputFormat = Enum("InputFormat", {f.replace("-", "_"): f for f in FORMATS}, type=str)  # type: ignore[misc]
Inputs = Annotated[list[Path], typer.Argument(
    help="Listing files or folders: HF papers page text, daily-papers API JSON, arXiv Atom, JSONL, CSV.",
    show_default=False)]
FormatOpt = Annotated[InputFormat, typer.Option("--format", "-f", help="Input format; auto detects it.")]


def _default(setting: str) -> str:
    """A setting's built-in default, for `--help` (the option itself defaults to None: file/env may set it)."""
    from summarizer.settings import Settings

    return str(Settings.model_fields[setting].get_default(call_default_factory=True))


def _n(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


def _version(value: bool) -> None:
    if value:
        sys.stdout.write(f"summarizer {package_version('summarizer')}\n")
        raise typer.Exit()


@app.callback()
def options(
    verbose: Annotated[int, typer.Option("--verbose", "-v", count=True, help="Debug detail (every model call).")] = 0,
    quiet: Annotated[bool, typer.Option("--quiet", "-q", help="Errors only: no warnings or progress lines.")]
    = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Turn a day's research-paper listings into grounded cards, themed digests and exports."""
    setup_logging(verbose, quiet)


class ExportFormat(StrEnum):
    jsonl = "jsonl"
    csv = "csv"


def report_load(result: LoadResult) -> None:
    """What was read, on stderr: one line per source, then warnings and errors."""
    for stats in result.sources:
        log.info("read %s: %s (%s)", stats.source, _n(stats.records, "paper"), stats.format)
    for warning in result.warnings:
        log.warning("%s", warning)
    for error in result.errors:
        log.error("%s", error)
    if result.duplicates:
        log.info("%s merged by title; %s", _n(result.duplicates, "duplicate"), _n(len(result.papers), "unique paper"))


def load_or_exit(inputs: list[Path], fmt: InputFormat) -> LoadResult:
    result = load_papers(inputs, fmt.value)
    report_load(result)
    if not result.papers:
        raise SummarizerError("no papers could be read from the input(s)")
    return result


@app.command()
def parse(
    inputs: Inputs,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Papers JSONL file (default: stdout).")] = None,
    fmt: FormatOpt = InputFormat.auto,  # type: ignore[attr-defined]
) -> None:
    """Read listings and write one JSON paper record per line (id, title, abstract, metadata)."""
    if output is not None:
        check_output_file(output)
    result = load_or_exit(inputs, fmt)
    if output is None:
        for paper in result.papers:
            sys.stdout.write(paper.model_dump_json() + "\n")
    else:
        write_jsonl(result.papers, output)
        err.print(f"wrote {len(result.papers)} papers to {output}")
    raise typer.Exit(1 if result.errors else 0)


@app.command()
def export(
    cards: Annotated[list[Path], typer.Argument(help="cards.jsonl files written by `summarizer run`.",
                                                show_default=False, metavar="CARDS...")],
    fmt: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")] = ExportFormat.csv,
    output: Annotated[Path | None, typer.Option("-o", "--output", help="Output file (default: stdout).")] = None,
) -> None:
    """Convert cards JSONL exports to JSONL (validated, normalised) or CSV (one row per paper).

    Several files (e.g. the shards of a backfill) merge by paper id; the first card of an id wins.
    Streams: cards are read, converted and written one at a time, so an archive of any size fits in memory.
    """
    if output is not None:
        check_output_file(output)
    records = merged_cards(cards, warn=lambda m: err.print(f"warning: {m}"))
    first = next(records)  # a file with no card at all fails here, before any output is opened
    stream = itertools.chain([first], records)
    if output is None:
        (write_csv_to if fmt is ExportFormat.csv else write_jsonl_to)(sys.stdout, stream)
        sys.stdout.flush()
        return
    counted = _Counted(stream)
    (write_csv if fmt is ExportFormat.csv else write_jsonl)(counted, output)
    err.print(f"wrote {counted.count} cards to {output}")


class _Counted:
    """An iterable that counts what passes through it (the writers take any iterable)."""

    def __init__(self, items: Iterable[PaperCard]) -> None:
        self.items, self.count = items, 0

    def __iter__(self) -> Iterator[PaperCard]:
        for item in self.items:
            self.count += 1
            yield item


class BackendChoice(StrEnum):
    auto = "auto"
    rules = "rules"
    llm = "llm"


class ModeChoice(StrEnum):
    auto = "auto"
    tools = "tools"
    json_schema = "json_schema"
    json = "json"
    md_json = "md_json"


@app.command()
def run(
    inputs: Inputs,
    out: Annotated[Path, typer.Option("--out", "-o", help="Output folder (created if missing).")],
    backend: Annotated[BackendChoice | None, typer.Option(
        help="rules = offline, no model; llm = any OpenAI-compatible endpoint; "
             "auto (default) = llm when OPENAI_API_KEY or OPENAI_BASE_URL is set.")] = None,
    model: Annotated[str | None, typer.Option(
        "--model", "-m", help=f"Model name (env SUMMARIZER_MODEL; default {_default('model')}).")]
    = None,
    mode: Annotated[ModeChoice | None, typer.Option(
        help=f"How the schema is enforced; auto picks per endpoint (default {_default('mode')}).")]
    = None,
    concurrency: Annotated[int | None, typer.Option(
        min=1, max=256, help=f"LLM requests in flight (default {_default('concurrency')}).")] = None,
    workers: Annotated[int | None, typer.Option(
        min=0, help="Processes for the rules backend (default 0 = one per CPU).")]
    = None,
    max_tokens: Annotated[int | None, typer.Option(
        min=16, help=f"Completion budget per paper (default {_default('max_tokens')}).")] = None,
    timeout: Annotated[float | None, typer.Option(
        min=0.1, help=f"Seconds per LLM request (default {_default('timeout')}).")] = None,
    cache_dir: Annotated[Path | None, typer.Option(
        help=f"Model-call cache folder (env SUMMARIZER_CACHE_DIR; default {_default('cache_dir')}).")]
    = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    max_calls: Annotated[int | None, typer.Option(min=0, help="Stop calling the model after N requests; the rest "
                                                  "gets rules cards.")] = None,
    max_cost: Annotated[float | None, typer.Option(min=0, help="Stop calling once the estimated cost reaches USD "
                                                   "(needs [summarizer.prices]).")] = None,
    deadline: Annotated[float | None, typer.Option(min=0.1, help="Seconds for all model calls; then rules cards."
                                                   )] = None,
    batch: Annotated[bool, typer.Option("--batch", help="LLM extraction through the provider's Batch API: "
                                                         "half price, answered within 24 h, resumable.")] = False,
    themes: Annotated[Path | None, typer.Option(help="TOML/YAML file of themes; default: automatic themes.")]
    = None,
    config: Annotated[Path | None, typer.Option(help="TOML config file (default: ./summarizer.toml if present).")]
    = None,
    profile: Annotated[Path | None, typer.Option(help="Interest profile (TOML): sets each card's relevance.")]
    = None,
    fmt: FormatOpt = InputFormat.auto,  # type: ignore[attr-defined]
) -> None:
    """Extract a card per paper, group cards into themes, write digest and exports to --out.

    Writes cards.jsonl, cards.csv, digest.md, digest.html, digest.xml and run.json.
    Exit status: 0 all good; 1 some input file or paper failed, or the model server did (see run.json);
    2 nothing usable; 3 --max-calls, --max-cost or --deadline stopped model calls early (rules cards for the rest).
    """
    from summarizer.pipeline import run_pipeline
    from summarizer.progress import RichProgress
    from summarizer.settings import load_settings
    from summarizer.themes import load_theme_spec

    settings = load_settings(config, backend=backend and backend.value, model=model, mode=mode and mode.value,
                             concurrency=concurrency, workers=workers, max_tokens=max_tokens, timeout=timeout,
                             cache_dir=cache_dir, no_cache=no_cache or None, batch=batch or None,
                             max_calls=max_calls, max_cost=max_cost, deadline=deadline)
    spec = load_theme_spec(themes) if themes else None
    chosen, why = settings.backend_choice()
    err.print(f"backend: {chosen} ({why})")  # first line: `auto` may pick a paid endpoint from the environment
    StagedOutputs(out).check()  # a file, an unwritable folder or a full disk: one line before any work
    loaded = load_or_exit(inputs, fmt)
    err.print(f"extracting {len(loaded.papers)} papers with the {settings.resolved_backend()} backend")
    annotate = _profile_scorer(profile) if profile else None
    report = run_pipeline(loaded, out, settings, spec, progress=RichProgress(err), annotate=annotate)
    for failure in report.failures[:10]:
        err.print(f"[yellow]failed:[/] {failure.id} {failure.title[:60]!r}: {failure.reason}", markup=True)
    if len(report.failures) > 10:
        err.print(f"... and {len(report.failures) - 10} more failures (see {out / 'run.json'})")
    if report.llm_stopped:
        err.print(f"[red]error:[/] stopped calling the model: {report.llm_stopped}; the remaining papers got "
                  "rules cards (see run.json)", markup=True)
    elif report.stopped_early:
        err.print(f"[yellow]stopped early:[/] {report.stopped_early}; the remaining papers got rules cards "
                  "(exit 3; see run.json)", markup=True)
    counts = report.counts
    if report.kept_previous_outputs:
        err.print(f"no card was extracted: the previous outputs in {out} are unchanged")
        raise typer.Exit(1)
    err.print(f"{_n(counts['cards'], 'card')} in {_n(counts['themes'], 'theme')}, {counts['failures']} failed, "
              f"{report.model_calls} model calls, {report.cache_hits} cache hits, "
              f"{sum(report.timings_s.values()):.1f}s -> {out}/digest.html")
    raise typer.Exit(report.exit_code)


def _profile_scorer(path: Path) -> Callable[[list[PaperCard]], list[PaperCard]]:
    from summarizer.profile import load_profile, score_cards

    profile = load_profile(path)  # read before any work: a bad profile fails fast
    return lambda cards: score_cards(cards, profile, warn=lambda m: err.print(f"warning: {m}"))


@fetch_app.command("hf-daily")
def fetch_hf_daily_cmd(
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to save the JSON.")],
    date: Annotated[str | None, typer.Option(help="Listing date YYYY-MM-DD (default: today).")] = None,
) -> None:
    """Save the Hugging Face daily-papers API listing; then `summarizer run FILE`."""
    check_output_file(output)
    from summarizer.atomic import write_text_atomic
    from summarizer.sources.fetch import fetch_hf_daily

    write_text_atomic(output, fetch_hf_daily(date).decode("utf-8"))
    err.print(f"saved {output}")


@fetch_app.command("arxiv")
def fetch_arxiv_cmd(
    query: Annotated[str, typer.Argument(help="arXiv search query, e.g. 'cat:cs.CL AND ti:lora'.")],
    output: Annotated[Path, typer.Option("-o", "--output", help="Where to save the Atom XML.")],
    max_results: Annotated[int, typer.Option("--max", min=1, max=2000, help="How many entries.")] = 100,
) -> None:
    """Save an arXiv API Atom feed for a query; then `summarizer run FILE`."""
    check_output_file(output)
    from summarizer.atomic import write_text_atomic
    from summarizer.sources.fetch import fetch_arxiv

    write_text_atomic(output, fetch_arxiv(query, max_results).decode("utf-8"))
    err.print(f"saved {output}")


classic_help(app)


def main() -> None:
    """Entry point: our errors become one `error:` line and exit 2, never a traceback."""
    try:
        app()
    except SummarizerError as exc:
        err.print(f"[red]error:[/] {exc}", markup=True, highlight=False)
        sys.exit(2)
