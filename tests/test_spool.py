"""A run holds ranking fields, not cards: the spool gives cards back exactly, and what is built from it
(exports, the digest's cards) equals what the in-memory path builds."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from summarizer.digest import DigestMeta, build_view, view_of
from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.digest.ranking import Ranked, for_you, highlights, ranked
from summarizer.digest.render import render_markdown
from summarizer.digest.shown import shown_cards
from summarizer.export import write_card_exports, write_csv, write_jsonl
from summarizer.extract.rules import RulesExtractor
from summarizer.models import PaperCard
from summarizer.pipeline import RunReport, extract_cards, run_pipeline
from summarizer.progress import NullProgress
from summarizer.settings import Settings
from summarizer.sources import load_papers
from summarizer.spool import CardSpool, DocSpool
from summarizer.themes import ThemeDoc, assign_themes, theme_docs
from tests.cards_factory import SAMPLES, filled_sample_cards


def _spooled(path: Path, cards: list[PaperCard]) -> tuple[CardSpool, list[Ranked]]:
    spool = CardSpool(path)
    return spool, [Ranked.of(spool.append(card), card) for card in cards]


def test_cards_come_back_exactly_in_order_and_by_index(tmp_path: Path) -> None:
    cards = list(filled_sample_cards())[:60]
    spool, _ = _spooled(tmp_path / "spool", cards)
    with spool:
        assert len(spool) == 60
        assert [c.model_dump() for c in spool] == [c.model_dump() for c in cards]
        picked = spool.read([41, 3, 41, 0])
        assert sorted(picked) == [0, 3, 41] and picked[41] == cards[41] and picked[0] == cards[0]
        spool.append(cards[5])  # appending after a read lands at the end, not over the read position
        assert [c.id for c in spool][-2:] == [cards[59].id, cards[5].id]
    assert not (tmp_path / "spool").exists()  # the spool never outlives its run


def test_the_streamed_export_equals_the_in_memory_export(tmp_path: Path) -> None:
    themed = assign_themes(list(filled_sample_cards()))
    write_jsonl(themed.cards, tmp_path / "memory.jsonl")
    write_csv(themed.cards, tmp_path / "memory.csv")
    spool, _ = _spooled(tmp_path / "spool", themed.cards)
    with spool:
        (tmp_path / "streamed").mkdir()
        write_card_exports(iter(spool), tmp_path / "streamed")
    assert (tmp_path / "streamed" / "cards.jsonl").read_bytes() == (tmp_path / "memory.jsonl").read_bytes()
    assert (tmp_path / "streamed" / "cards.csv").read_bytes() == (tmp_path / "memory.csv").read_bytes()


@pytest.mark.parametrize("limit", [3, 500])
def test_the_digest_re_reads_each_themes_best_cards_and_the_days_picks(tmp_path: Path, limit: int) -> None:
    themed = assign_themes(list(filled_sample_cards()))
    spool, ranks = _spooled(tmp_path / "spool", themed.cards)
    with spool:
        shown = shown_cards(spool, ranks, themed.themes, limit=limit)
    grouped = themed.by_theme()
    position = {card.id: i for i, card in enumerate(themed.cards)}
    for theme in themed.themes:
        best = sorted(ranked(grouped[theme.name])[:limit], key=lambda c: position[c.id])
        assert shown.grouped[theme.name] == best  # the best `limit`, in input order, themes set
    assert shown.highlights == highlights(themed.cards) and shown.highlights
    assert shown.for_you == for_you(themed.cards) and shown.for_you
    if limit >= max(t.size for t in themed.themes):  # every theme within the cap: the same digest as from memory
        meta = DigestMeta(date="2026-11-29", papers=len(themed.cards), cards=len(themed.cards))
        overviews = ExtractiveOverviewWriter().write_overviews(grouped)
        view = view_of(themed.themes, shown.grouped, overviews, meta, shown.highlights, shown.for_you)
        assert render_markdown(view) == render_markdown(build_view(themed, overviews, meta))


def test_a_run_writes_what_the_in_memory_path_writes_and_leaves_no_spool(tmp_path: Path) -> None:
    loaded = load_papers([SAMPLES])
    out = tmp_path / "out"
    report = run_pipeline(loaded, out, Settings(backend="rules", workers=1))
    assert sorted(p.name for p in tmp_path.rglob("*")) == sorted(
        ["out", "cards.jsonl", "cards.csv", "digest.md", "digest.html", "digest.xml", "run.json"])
    themed = assign_themes(extract_cards(loaded.papers, RulesExtractor(), NullProgress(), RunReport(started_at="")))
    write_jsonl(themed.cards, tmp_path / "memory.jsonl")
    assert (out / "cards.jsonl").read_bytes() == (tmp_path / "memory.jsonl").read_bytes()
    assert report.counts["cards"] == len(themed.cards) and report.themes == themed.report()


def test_theme_texts_on_disk_theme_like_those_in_memory(tmp_path: Path) -> None:
    docs = [ThemeDoc.of(card) for card in filled_sample_cards()]
    with DocSpool(tmp_path / "docs") as spooled:
        for doc in docs:
            spooled.append(doc)
        assert len(spooled) == len(docs) and list(spooled) == docs
        assert spooled[np.int64(7)] == docs[7] and spooled[-1] == docs[-1]
        assert spooled[5:9] == docs[5:9] and spooled[::50] == docs[::50] and spooled[10:10] == []
        on_disk = theme_docs(spooled)
    in_memory = theme_docs(docs)
    assert on_disk.labels == in_memory.labels
    assert [(t.name, t.paper_ids, t.terms) for t in on_disk.themes] == [
        (t.name, t.paper_ids, t.terms) for t in in_memory.themes]
