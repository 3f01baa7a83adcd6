"""`summarizer daily`: add a day's listing to a dated archive (see summarizer/daily/)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

from summarizer.errors import SummarizerError
from summarizer.sources import LoadResult

err = Console(stderr=True, highlight=False, soft_wrap=True)


def daily_command(
    inputs: Annotated[list[Path] | None, typer.Argument(
        help="The day's listing files or folders (offline); or use --fetch.", show_default=False)] = None,
    site: Annotated[Path, typer.Option("--site", help="The archive folder (created if missing).")] = Path("site"),
    date: Annotated[str | None, typer.Option(
        help="Listing date YYYY-MM-DD (default: the listing's own date, else today).")] = None,
    fetch: Annotated[str | None, typer.Option(
        help="Fetch the listing: 'hf' (HF daily papers of --date) or 'arxiv:QUERY' (needs network).")] = None,
    profile: Annotated[Path | None, typer.Option(help="Interest profile (TOML; see examples/profile.toml).")]
    = None,
    min_relevance: Annotated[float | None, typer.Option(
        min=0, max=1, help="Leave papers below this relevance out of the digest (they stay in cards.jsonl).")]
    = None,
    wait: Annotated[float, typer.Option(min=0, help="Seconds to wait for another daily run on this archive.")]
    = 30.0,
    email_to: Annotated[str | None, typer.Option(help="Also e-mail the day's digest (SMTP settings: README).")]
    = None,
    backend: Annotated[str | None, typer.Option(help="rules | llm | auto, as for `run`.")] = None,
    model: Annotated[str | None, typer.Option(help="Model name (env SUMMARIZER_MODEL).")] = None,
    concurrency: Annotated[int | None, typer.Option(min=1, max=256, help="LLM requests in flight.")] = None,
    cache_dir: Annotated[Path | None, typer.Option(help="Model-call cache folder.")] = None,
    no_cache: Annotated[bool, typer.Option("--no-cache", help="Neither read nor write the cache.")] = False,
    themes: Annotated[Path | None, typer.Option(help="TOML/YAML file of themes; default: automatic.")] = None,
    config: Annotated[Path | None, typer.Option(help="TOML config file (default: ./summarizer.toml).")] = None,
) -> None:
    """Add a day to an archive: DIR/YYYY-MM-DD/ (digest, cards, run.json, raw listing), index.html, feed.xml.

    Papers seen on earlier days are not repeated (papers.db remembers them); a new arXiv
    version is shown once as "updated". Rerunning a day gives the same outputs and makes no
    model calls. Exit status: 0 written (or no listing that day); 1 some paper or input failed; 2 unusable;
    3 a budget stopped model calls early.
    """
    from summarizer.daily.listing import parse_day
    from summarizer.daily.run import DailyOptions, run_daily
    from summarizer.profile import load_profile
    from summarizer.progress import RichProgress
    from summarizer.settings import load_settings
    from summarizer.themes import load_theme_spec

    if not inputs and not fetch:
        raise SummarizerError("give the day's listing files, or --fetch hf / --fetch arxiv:QUERY")
    if backend not in (None, "auto", "rules", "llm"):
        raise SummarizerError(f"--backend {backend!r}: expected rules, llm or auto")
    settings = load_settings(config, backend=backend, model=model, concurrency=concurrency, cache_dir=cache_dir,
                             no_cache=no_cache or None)
    options = DailyOptions(site=site, day=parse_day(date) if date else None, fetch=fetch,
                           profile=load_profile(profile) if profile else None, min_relevance=min_relevance,
                           spec=load_theme_spec(themes) if themes else None, wait=wait)
    result = run_daily(inputs or [], options, settings, progress=RichProgress(err), warn=_warn, on_load=_report_load)
    if result.status == "empty":
        err.print(result.message)
        raise typer.Exit(0)
    report, counts = result.report, result.counts
    assert report is not None
    err.print(f"{result.day}: {counts['new']} new, {counts['updated']} updated, {counts['repeated']} seen before "
              f"(not repeated), {counts['hidden']} hidden, {counts['below_min_relevance']} below threshold; "
              f"{counts['extracted']} extracted, {counts['reused']} remembered, {report.model_calls} model calls "
              f"-> {site / str(result.day) / 'digest.html'}")
    if email_to:
        _send(site / str(result.day), email_to, config)
    raise typer.Exit(report.exit_code)


def _report_load(loaded: LoadResult) -> None:
    """Bad records and files, one line each, before any work (the run goes on without them)."""
    for warning in loaded.warnings:
        _warn(warning)
    for error in loaded.errors:
        err.print(f"[red]error:[/] {error}", markup=True)


def _warn(message: str) -> None:
    err.print(f"[yellow]warning:[/] {message}", markup=True)


def _send(day_dir: Path, to: str, config: Path | None) -> None:
    """A failed send is one line; the archive is already written."""
    from summarizer.mail import MailError, load_mail_settings, send_digest

    try:
        send_digest(day_dir, to, load_mail_settings(config))
        err.print(f"sent {day_dir.name} digest to {to}")
    except MailError as exc:
        err.print(f"[red]error:[/] e-mail not sent: {exc} (the archive is written)", markup=True)
        raise typer.Exit(1) from None
