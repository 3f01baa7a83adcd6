"""The main job: sources -> papers -> cards -> themes -> digest and exports.

Each stage reads only what the stage before produced. Outputs are written
atomically, and `run.json` records what happened (counts, timings, cache
hits, tokens, failures with reasons), so a run can be audited afterwards.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, Field

from summarizer.atomic import write_text_atomic
from summarizer.digest import DigestMeta, DigestView, view_of, write_view
from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.digest.overview import OverviewWriter
from summarizer.digest.ranking import Ranked
from summarizer.digest.shown import shown_cards
from summarizer.digest.verify import verify_overview
from summarizer.export import write_card_exports
from summarizer.extract import Extractor, make_extractor, make_llm
from summarizer.extract.base import CardResult, Usage, iter_results
from summarizer.extract.screen import screen
from summarizer.models import Paper, PaperCard
from summarizer.outputs import OutputError, StagedOutputs, write_failed
from summarizer.progress import NullProgress, ProgressSink
from summarizer.redact import redact
from summarizer.settings import Settings
from summarizer.sources import LoadResult
from summarizer.spool import CardSpool, DocSpool
from summarizer.themes import OTHER, ThemeDoc, ThemeSpec, theme_docs

RUN_REPORT_VERSION = "1"
SPOOL_NAME, DOCS_NAME = ".cards.spool", ".themes.spool"  # in the staging folder, gone before the outputs swap in


class Failure(BaseModel):
    id: str
    title: str
    reason: Annotated[str, AfterValidator(redact)]  # transport errors quote the URL, credentials included


class RunReport(BaseModel):
    """Everything `run.json` says about a run; never the API key."""

    report_version: str = RUN_REPORT_VERSION
    started_at: str
    finished_at: str | None = None
    inputs: list[dict[str, Any]] = Field(default_factory=list)
    input_errors: list[str] = Field(default_factory=list)
    warnings: list[str] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)
    timings_s: dict[str, float] = Field(default_factory=dict)
    extractor: dict[str, Any] = Field(default_factory=dict)
    model_calls: int = 0
    cache_hits: int = 0
    usage: Usage = Field(default_factory=Usage)
    llm: dict[str, Any] | None = None
    llm_stopped: str | None = Field(default=None, description="why the run stopped calling the model (breaker)")
    stopped_early: str | None = Field(default=None, description="why a budget (--max-calls, --max-cost) or the "
                                      "deadline stopped model calls early: the rest got rules cards (exit 3)")
    failures: list[Failure] = Field(default_factory=list)
    themes: list[dict[str, Any]] = Field(default_factory=list)
    settings: dict[str, Any] = Field(default_factory=dict)
    outputs: list[str] = Field(default_factory=list)
    kept_previous_outputs: bool = Field(False, description="no card was extracted: the previous outputs stay")

    @property
    def ok(self) -> bool:
        return not self.failures and not self.input_errors and not self.llm_stopped

    @property
    def exit_code(self) -> int:
        """0 all good; 1 a paper or input failed, or the server did (breaker); 3 a budget or the deadline
        stopped model calls early (every paper still has a card)."""
        if not self.ok:
            return 1
        return 3 if self.stopped_early else 0


@contextmanager
def _timed(report: RunReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.timings_s[stage] = round(time.perf_counter() - start, 4)


def extract_cards(papers: Sequence[Paper], extractor: Extractor, progress: ProgressSink,
                  report: RunReport) -> list[PaperCard]:
    """Cards for the papers that extracted; the others become failures with reasons."""
    return list(iter_cards(papers, extractor, progress, report))


def iter_cards(papers: Sequence[Paper], extractor: Extractor, progress: ProgressSink,
               report: RunReport) -> Iterator[PaperCard]:
    """`extract_cards` as a stream: a card is yielded as soon as its paper is extracted."""
    with progress.stage("extract", len(papers)) as advance:
        results = iter_results(extractor, papers, on_done=lambda _result: advance(1))
        for paper, result in zip(papers, results, strict=True):  # results come in input order
            if result.paper_id != paper.id:
                raise RuntimeError(f"extractor returned {result.paper_id} for paper {paper.id}: out of order")
            _account(result, report)
            if result.extraction is None:
                report.failures.append(Failure(id=paper.id, title=paper.title,
                                               reason=result.error or "no extraction"))
                continue
            card = PaperCard.build(paper, result.extraction, result.extractor or extractor.info, result.provenance)
            yield card.model_copy(update={"grounding": result.grounding, "suspicious": screen(paper)})


def _account(result: CardResult, report: RunReport) -> None:
    report.model_calls += result.calls
    report.cache_hits += int(result.cached)
    report.usage = report.usage + result.usage


def overview_writer(settings: Settings, llm: Any) -> OverviewWriter:
    """LLM-written overviews when the run has a model (the extractor's); extractive ones otherwise."""
    if llm is not None:
        from summarizer.digest.overview_llm import LLMOverviewWriter

        return LLMOverviewWriter(settings, llm=llm)
    return ExtractiveOverviewWriter()


def record_llm_account(llm: Any, report: RunReport) -> None:
    """run.json's account of every model call (extraction and overviews): what the server saw."""
    report.llm = llm.report()
    report.model_calls = report.llm["calls"]
    report.usage = Usage.model_validate(report.llm["usage"])
    if llm.guard.stop_kind == "breaker":
        report.llm_stopped = llm.guard.stopped
    elif llm.guard.stop_kind in ("budget", "deadline"):
        report.stopped_early = llm.guard.stopped


def run_pipeline(loaded: LoadResult, out_dir: Path, settings: Settings, spec: ThemeSpec | None = None,
                 progress: ProgressSink | None = None, extractor: Extractor | None = None,
                 annotate: Callable[[list[PaperCard]], list[PaperCard]] | None = None) -> RunReport:
    """Run into a staging folder beside `out_dir` (checked before extraction), then swap it in.

    `annotate` may add to the cards before themes (e.g. the profile's relevance); it must not drop any.

    The previous outputs stay until the swap; a run that raises, or that extracts
    no card at all where earlier outputs exist, leaves them untouched.
    """
    stage = StagedOutputs(out_dir)
    staging = stage.open()
    try:
        report = _run_into(loaded, staging, settings, spec, progress, extractor, annotate)
        report.outputs = [str(stage.out / Path(p).name) for p in report.outputs]
        report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
        write_text_atomic(staging / "run.json", redact(report.model_dump_json(indent=2)) + "\n")
        report.kept_previous_outputs = not report.counts["cards"] and bool(report.failures) and stage.has_previous()
        if report.kept_previous_outputs:
            stage.discard()
        else:
            stage.commit()
    except (OutputError, OSError) as exc:  # OSError: the final renames (e.g. --out is a mount point)
        stage.discard()
        reason = exc.reason if isinstance(exc, OutputError) else exc.strerror or str(exc)
        raise OutputError(f"{stage.out}: writing the outputs failed ({reason}); "
                          "the previous outputs are unchanged") from None
    except BaseException:
        stage.discard()
        raise
    return report


def _run_into(loaded: LoadResult, out_dir: Path, settings: Settings, spec: ThemeSpec | None,
              progress: ProgressSink | None, extractor: Extractor | None,
              annotate: Callable[[list[PaperCard]], list[PaperCard]] | None) -> RunReport:
    progress = progress or NullProgress()
    report = RunReport(started_at=datetime.now(UTC).isoformat(timespec="seconds"),
                       settings=settings.public_dict())
    report.inputs = [vars(s) for s in loaded.sources]
    report.input_errors, report.warnings = list(loaded.errors), list(loaded.warnings)
    llm = getattr(extractor, "llm", None) if extractor is not None else make_llm(settings)
    extractor = extractor or make_extractor(settings, llm)
    report.extractor = extractor.info.model_dump()
    with CardSpool(out_dir / SPOOL_NAME) as spool, DocSpool(out_dir / DOCS_NAME) as docs:
        with _timed(report, "extract"):
            cards = iter_cards(loaded.papers, extractor, progress, report)
            ranks = _spool(spool, docs, iter(annotate(list(cards))) if annotate else cards)
        with _timed(report, "themes"), progress.stage("themes", None):
            assignment = theme_docs(docs, spec)
        other = {i for t in assignment.themes if t.name == OTHER for i in t.paper_ids}
        titles = {d.id: d.title for d in docs if d.id in other}
        for rank, label in zip(ranks, assignment.labels, strict=True):
            rank.theme = label
        with _timed(report, "overviews"), progress.stage("overviews", None):
            shown = shown_cards(spool, ranks, assignment.themes)
            writer = overview_writer(settings, llm)
            overviews = {name: verify_overview(overview, shown.grouped[name])
                         for name, overview in writer.write_overviews(shown.grouped).items()}
        if llm is not None:
            record_llm_account(llm, report)
        with _timed(report, "write"):
            themed = (c.model_copy(update={"theme": r.theme}) for c, r in zip(spool, ranks, strict=True))
            view = view_of(assignment.themes, shown.grouped, overviews, _meta(loaded, len(spool), report),
                           shown.highlights, shown.for_you)
            report.outputs = [str(p) for p in _write_outputs(themed, view, out_dir)]
    report.counts = {
        "records": sum(s.records for s in loaded.sources), "duplicates": loaded.duplicates,
        "papers": len(loaded.papers), "cards": len(ranks), "failures": len(report.failures),
        "themes": len(assignment.themes), "input_errors": len(loaded.errors), "warnings": len(loaded.warnings),
    }
    report.themes = assignment.report(titles)  # size, coherence / match figures; Other's papers listed
    return report


def _spool(spool: CardSpool, docs: DocSpool, cards: Iterable[PaperCard]) -> list[Ranked]:
    """Each card and its theme text to disk; what stays in memory is what ranking needs."""
    ranks: list[Ranked] = []
    for card in cards:
        ranks.append(Ranked.of(spool.append(card), card))
        docs.append(ThemeDoc.of(card))
    return ranks


def _meta(loaded: LoadResult, cards: int, report: RunReport) -> DigestMeta:
    return DigestMeta(
        date=datetime.now(UTC).date().isoformat(), sources=[s.source for s in loaded.sources],
        papers=len(loaded.papers), cards=cards, failures=len(report.failures),
        backend=str(report.extractor.get("backend")), model=report.extractor.get("model"),
    )


def _write_outputs(cards: Iterable[PaperCard], view: DigestView, out_dir: Path) -> list[Path]:
    try:
        written = write_card_exports(cards, out_dir)
        written += write_view(view, out_dir)
    except OSError as exc:  # raised by a writer outside atomic_open
        raise write_failed(out_dir, exc) from None
    return [*written, out_dir / "run.json"]
