"""`summarizer batch status|cancel`: the Batch API jobs a `run --batch` left in the cache directory.

Registered by the main app as `app.add_typer(batch_app, name="batch")`. A job is the set of requests one
`run --batch` submitted; `run --batch` with the same inputs picks it up again, so these commands are for
looking (status) and for giving up on a job (cancel: its papers fall back to online calls or the rules on
the next run).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console

if TYPE_CHECKING:
    from summarizer.llm.batch import BatchJob
    from summarizer.settings import Settings

batch_app = typer.Typer(help="Batch API jobs started by `summarizer run --batch`.", no_args_is_help=True)
out = Console(highlight=False, soft_wrap=True)
err = Console(stderr=True, highlight=False, soft_wrap=True)

CacheDirOpt = Annotated[Path | None, typer.Option(help="Cache folder (where `run --batch` keeps its jobs).")]
ConfigOpt = Annotated[Path | None, typer.Option(help="TOML config file (default: ./summarizer.toml if present).")]


def _jobs(cache_dir: Path | None, config: Path | None) -> tuple[Settings, list[BatchJob]]:
    from summarizer.llm.batch import BatchStore, batch_dir
    from summarizer.settings import load_settings

    settings = load_settings(config, cache_dir=cache_dir)
    return settings, list(BatchStore(batch_dir(settings.cache_dir)).jobs())


async def _refresh(settings: Settings, jobs: list[BatchJob], cancel: bool) -> None:
    from summarizer.llm.batch import TERMINAL
    from summarizer.llm.provider import Provider

    client = Provider(settings).open()
    try:
        for job in jobs:
            for record in job.batches:
                if cancel and record.status not in TERMINAL:
                    batch = await client.batches.cancel(record.id)
                else:
                    batch = await client.batches.retrieve(record.id)
                record.status = batch.status
                counts = batch.request_counts
                done = f"{counts.completed}/{counts.total} done, {counts.failed} failed" if counts else ""
                out.print(f"{job.key} {record.id}: {batch.status} {done}".rstrip())
    finally:
        await client.close()


@batch_app.command("status")
def status_command(cache_dir: CacheDirOpt = None, config: ConfigOpt = None) -> None:
    """Each job's batches and their state as the provider reports it."""
    settings, jobs = _jobs(cache_dir, config)
    if not jobs:
        out.print("no batch jobs")
        return
    asyncio.run(_refresh(settings, jobs, cancel=False))


@batch_app.command("cancel")
def cancel_command(cache_dir: CacheDirOpt = None, config: ConfigOpt = None) -> None:
    """Cancel every running batch; the next `run --batch` asks for those papers again."""
    from summarizer.llm.batch import BatchStore, batch_dir

    settings, jobs = _jobs(cache_dir, config)
    if not jobs:
        out.print("no batch jobs")
        return
    asyncio.run(_refresh(settings, jobs, cancel=True))
    store = BatchStore(batch_dir(settings.cache_dir))
    for job in jobs:
        store.forget(job)
