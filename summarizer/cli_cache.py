"""`summarizer cache stats|clear`: inspect or empty the model-reply cache.

Registered by the main app as `app.add_typer(cache_app, name="cache")`. The
folder is the one `summarizer run` uses: --cache-dir, else SUMMARIZER_CACHE_DIR
or the config file, else the user's cache folder (~/.cache/summarizer on Linux).
Both commands open it with the checks of `JsonCache`: a file, a folder holding
other files, or a locked cache is one `error:` line.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console

cache_app = typer.Typer(help="Inspect or empty the model-reply cache.", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

CacheDirOpt = Annotated[Path | None, typer.Option(
    help="Cache folder (default: SUMMARIZER_CACHE_DIR or the user's cache folder).")]
ConfigOpt = Annotated[Path | None, typer.Option(help="TOML config file (default: ./summarizer.toml if present).")]


def _directory(cache_dir: Path | None, config: Path | None) -> Path:
    from summarizer.settings import load_settings

    return load_settings(config, cache_dir=cache_dir).cache_dir


@cache_app.command("stats")
def stats_command(cache_dir: CacheDirOpt = None, config: ConfigOpt = None,
                  as_json: Annotated[bool, typer.Option("--json", help="Print the stats as JSON.")] = False) -> None:
    """Entries, size on disk, and entries per kind, prompt version and model."""
    from summarizer.llm.cache import JsonCache

    directory = _directory(cache_dir, config)
    if not directory.exists():
        err.print(f"no cache at {directory}")
        raise typer.Exit(0)
    with JsonCache(directory) as cache:
        stats = cache.stats()
    if as_json:
        out.print(json.dumps(stats, indent=2))
        return
    out.print(f"{stats['directory']}: {stats['entries']} entries, {stats['bytes'] / 1024:.1f} KiB")
    for label, count in stats["by_kind_prompt_model"].items():
        out.print(f"  {count:>6}  {label}")
    for problem, count in stats["refused"].items():
        out.print(f"  {count:>6}  refused: {problem} (never read; `summarizer cache clear` drops the rows)")


@cache_app.command("clear")
def clear_command(cache_dir: CacheDirOpt = None, config: ConfigOpt = None) -> None:
    """Delete every cached reply (the next run calls the model again)."""
    from summarizer.llm.cache import JsonCache

    directory = _directory(cache_dir, config)
    if not directory.exists():
        err.print(f"no cache at {directory}")
        raise typer.Exit(0)
    with JsonCache(directory) as cache:
        removed = cache.clear()
    err.print(f"removed {removed} entries from {directory}")
