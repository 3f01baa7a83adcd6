"""`summarizer daily`: one listing -> one dated folder of the archive, remembered in papers.db.

Order of a day: read the listing (nothing is touched if it is empty), take the
archive's write lock (papers.db, `BEGIN IMMEDIATE`), sort the papers into new /
updated (a newer arXiv version) / repeated against the memory, reuse the
remembered card of any paper whose text and extractor are unchanged (a rerun
makes no model calls), extract the rest, score them against the profile, build
the day's folder aside and swap it in, rewrite index.html and feed.xml, then
commit. Any error before the commit rolls the memory back.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import httpx

from summarizer.atomic import write_text_atomic
from summarizer.daily.archive import (
    UpdatedEntry,
    day_blocks,
    insert_html,
    insert_markdown,
    relink,
    staged_day,
    swap_in,
    write_index,
)
from summarizer.daily.feed import render_archive_feed, window
from summarizer.daily.listing import Listing, fetch_listing, listing_date, read_local
from summarizer.daily.memory import DaySummary, Memory, Seen, arxiv_version, canonical_key
from summarizer.daily.plan import DayPlan, digest_selection, highlights, notes_for
from summarizer.digest import DigestMeta, write_digest
from summarizer.digest.overview import Overview
from summarizer.digest.verify import verify_overview
from summarizer.errors import SummarizerError
from summarizer.export import write_csv, write_jsonl
from summarizer.extract import Extractor, make_extractor, make_llm
from summarizer.models import Paper, PaperCard
from summarizer.pipeline import RunReport, extract_cards, overview_writer, record_llm_account
from summarizer.profile import Profile, score_cards
from summarizer.progress import NullProgress, ProgressSink
from summarizer.settings import Settings
from summarizer.sources import LoadResult
from summarizer.themes import ThemedCards, ThemeSpec, assign_themes

FEED_DAYS = 30


@dataclass
class DailyOptions:
    site: Path
    day: str | None = None
    fetch: str | None = None
    profile: Profile | None = None
    min_relevance: float | None = None
    spec: ThemeSpec | None = None
    wait: float = 30.0
    fmt: str = "auto"


@dataclass
class DailyResult:
    status: str  # "written" or "empty"
    message: str
    day: str | None = None
    report: RunReport | None = None
    counts: dict[str, int] = field(default_factory=dict)
    listing: Listing | None = None

    @property
    def day_dir(self) -> Path | None:
        return None if self.day is None or self.report is None else Path(self.report.outputs[0]).parent


def run_daily(inputs: Sequence[Path], options: DailyOptions, settings: Settings, *, extractor: Extractor | None = None,
              client: httpx.Client | None = None, progress: ProgressSink | None = None,
              warn: Callable[[str], None] = lambda _m: None,
              on_load: Callable[[LoadResult], None] = lambda _l: None) -> DailyResult:
    """Add one day to the archive; `on_load` sees what was read (to print bad records) before any work."""
    if options.fetch:
        listing = fetch_listing(options.fetch, options.day, client)
    else:
        listing = read_local(list(inputs), options.fmt)
    on_load(listing.loaded)
    if listing.empty and listing.broken:
        raise SummarizerError("no papers could be read from the input(s); the archive is unchanged")
    if listing.empty:
        when = options.day or "this day"
        return DailyResult("empty", f"no listing for {when} (weekend, holiday or upstream lag?): "
                                    f"nothing added, the archive is unchanged", listing=listing)
    day = options.day or listing_date(listing.loaded) or date.today().isoformat()
    with Memory(options.site / "papers.db", options.wait) as memory:
        result = _run_day(listing, day, memory, options, settings, extractor, progress or NullProgress(), warn)
    return result


def _plan(papers: Sequence[Paper], memory: Memory, day: str) -> DayPlan:
    keys = {canonical_key(p): p for p in reversed(papers)}  # one paper per key, the first listed
    seen = memory.lookup(keys)
    plan = DayPlan(day=day, seen=seen)
    for paper in papers:
        key = canonical_key(paper)
        if keys.get(key) is not paper:
            continue
        record = seen.get(key)
        status = record.status_on(day, arxiv_version(paper)) if record else "new"
        plan.add(status, key, paper)
    return plan


def _cards(plan: DayPlan, extractor: Extractor, progress: ProgressSink, report: RunReport) -> dict[str, PaperCard]:
    """A card per shown paper: remembered when its text and extractor are unchanged, else extracted."""
    cards: dict[str, PaperCard] = {}
    todo: list[tuple[str, Paper]] = []
    for key, paper in plan.shown():
        old = plan.seen.get(key)
        if old and _reusable(old, paper, extractor):
            cards[key] = old.card.model_copy(update={"source": paper.source, "url": paper.url or old.card.url})
        else:
            todo.append((key, paper))
    by_id = {paper.id: key for key, paper in todo}
    for card in extract_cards([p for _, p in todo], extractor, progress, report):
        cards[by_id[card.id]] = card
    report.counts.update(reused=len(plan.shown()) - len(todo), extracted=len(todo))
    return cards


def _reusable(old: Seen, paper: Paper, extractor: Extractor) -> bool:
    card, info = old.card, extractor.info
    return (card.title == paper.title and card.abstract == paper.abstract
            and (card.extractor.backend, card.extractor.model, card.extractor.prompt_version)
            == (info.backend, info.model, info.prompt_version))


@dataclass
class DayContent:
    """Everything the day's folder shows, decided before anything is written."""

    plan: DayPlan
    cards: dict[str, PaperCard]  # key -> card, for the new and updated papers
    new_cards: list[PaperCard]
    shown: list[PaperCard]
    hidden: list[PaperCard]
    below: list[PaperCard]
    themed: ThemedCards
    overviews: dict[str, Overview]

    def updated_entries(self) -> list[UpdatedEntry]:
        return [UpdatedEntry(id=self.cards[k].id, title=self.cards[k].title, url=self.cards[k].url,
                             version=arxiv_version(paper), first_seen=self.plan.seen[k].first_seen)
                for k, paper in self.plan.updated if k in self.cards]


def _run_day(listing: Listing, day: str, memory: Memory, options: DailyOptions, settings: Settings,
             extractor: Extractor | None, progress: ProgressSink, warn: Callable[[str], None]) -> DailyResult:
    loaded = listing.loaded
    report = RunReport(started_at=datetime.now(UTC).isoformat(timespec="seconds"), settings=settings.public_dict())
    report.inputs = [vars(s) for s in loaded.sources]
    report.input_errors, report.warnings = list(loaded.errors), list(loaded.warnings)
    llm = getattr(extractor, "llm", None) if extractor is not None else make_llm(settings)
    extractor = extractor or make_extractor(settings, llm)
    report.extractor = extractor.info.model_dump()
    clock = time.perf_counter()
    plan = _plan(loaded.papers, memory, day)
    cards = _cards(plan, extractor, progress, report)
    report.timings_s["extract"], clock = round(time.perf_counter() - clock, 4), time.perf_counter()
    content = _content(plan, cards, memory, options, settings, llm, warn)
    report.timings_s["profile_themes_overviews"] = round(time.perf_counter() - clock, 4)
    if llm is not None:
        record_llm_account(llm, report)
    report.counts.update(listed=len(loaded.papers), new=len(plan.new), updated=len(plan.updated),
                         repeated=len(plan.repeated), hidden=len(content.hidden),
                         below_min_relevance=len(content.below), shown=len(content.shown),
                         cards=len(content.new_cards), failures=len(report.failures),
                         themes=len(content.themed.themes), input_errors=len(loaded.errors))
    report.themes = [{"name": t.name, "papers": t.size} for t in content.themed.themes]
    _remember(memory, content, day)
    dates = sorted({d.date for d in memory.days()} | {day})
    with staged_day(options.site, day) as staging:
        _write_day(staging, options.site / day, content, listing, report, options, _around(dates, day))
        memory.save_day(DaySummary(date=day, counts=report.counts, highlights=highlights(content.shown)))
        swap_in(staging, options.site / day)
    for neighbour in _around(dates, day):
        if neighbour:
            relink(options.site / neighbour, *_around(dates, neighbour))
    _write_site(options.site, memory)
    return DailyResult("written", f"{day}: {len(content.shown)} papers in the digest", day=day, report=report,
                       counts=report.counts, listing=listing)


def _content(plan: DayPlan, cards: dict[str, PaperCard], memory: Memory, options: DailyOptions, settings: Settings,
             llm: Any, warn: Callable[[str], None]) -> DayContent:
    """Score against the profile, choose what the digest shows, group it into themes with overviews."""
    if options.profile is not None:
        known = [s.card for s in memory.all_seen()] if options.profile.liked else []
        cards = dict(zip(cards, score_cards(list(cards.values()), options.profile, known, warn), strict=True))
    new_cards = [cards[k] for k, _ in plan.new if k in cards]
    shown, hidden, below = digest_selection(new_cards, options.profile, options.min_relevance)
    themed = assign_themes(shown, options.spec)
    grouped = themed.by_theme()
    overviews = {n: verify_overview(o, grouped[n])
                 for n, o in overview_writer(settings, llm).write_overviews(grouped).items()}
    with_themes = {c.id: c for c in themed.cards}
    return DayContent(plan=plan, cards=cards, new_cards=[with_themes.get(c.id, c) for c in new_cards], shown=shown,
                      hidden=hidden, below=below, themed=themed, overviews=overviews)


def _remember(memory: Memory, content: DayContent, day: str) -> None:
    plan = content.plan
    for key, paper in [*plan.new, *plan.updated]:
        if key in content.cards:  # a paper that failed to extract is not remembered: the next run retries it
            memory.remember(key, content.cards[key], day, arxiv_version(paper), card_changes=True)
    for key, paper in plan.repeated:
        memory.remember(key, plan.seen[key].card, day, arxiv_version(paper), card_changes=False)


def _write_day(staging: Path, target: Path, content: DayContent, listing: Listing, report: RunReport,
               options: DailyOptions, neighbours: tuple[str | None, str | None]) -> None:
    """The day's files, into the staging folder; run.json names them where they will be."""
    started = time.perf_counter()
    info = report.extractor
    meta = DigestMeta(date=target.name, sources=[s.source for s in listing.loaded.sources],
                      papers=len(listing.loaded.papers), cards=len(content.shown), failures=len(report.failures),
                      backend=str(info.get("backend")), model=info.get("model"))
    updated = [content.cards[k] for k, _ in content.plan.updated if k in content.cards]
    outputs = [write_jsonl(content.new_cards, staging / "cards.jsonl"),
               write_csv(content.new_cards, staging / "cards.csv"), write_jsonl(updated, staging / "updated.jsonl"),
               *write_digest(content.themed, content.overviews, staging, meta)]
    notes = notes_for(content.plan, content.hidden, content.below, options)
    html_block, md_block = day_blocks(*neighbours, notes, content.updated_entries())
    for name, insert, block in (("digest.html", insert_html, html_block), ("digest.md", insert_markdown, md_block)):
        write_text_atomic(staging / name, insert((staging / name).read_text(encoding="utf-8"), block))
    for name, data in listing.raw.items():
        (staging / "listing").mkdir(exist_ok=True)
        (staging / "listing" / name).write_bytes(data)
    report.outputs = [str(target / p.name) for p in outputs] + [str(target / "run.json")]
    report.timings_s["write"] = round(time.perf_counter() - started, 4)
    report.finished_at = datetime.now(UTC).isoformat(timespec="seconds")
    write_text_atomic(staging / "run.json", report.model_dump_json(indent=2) + "\n")


def _around(dates: list[str], day: str) -> tuple[str | None, str | None]:
    """The archived days before and after `day`."""
    i = dates.index(day)
    return (dates[i - 1] if i else None), (dates[i + 1] if i + 1 < len(dates) else None)


def _write_site(site: Path, memory: Memory) -> None:
    days = memory.days()
    papers = memory.all_seen()
    write_index(site, days, len(papers))
    recent = window(papers, days[0].date, FEED_DAYS) if days else []
    write_text_atomic(site / "feed.xml", render_archive_feed(memory.feed_id(), recent))
