"""Themes of an archive: fitted on a fixed sample, the other papers placed by the fit's own gate rules.

The cap is a parameter: the tests use a few hundred papers, not FIT_CAP."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import numpy as np
import pytest

from summarizer.spool import DocSpool
from summarizer.themes import OTHER, ThemeAssignment, ThemeDoc, theme_docs
from summarizer.themes import archive as archive_module
from summarizer.themes.archive import SAMPLE_SEED, automatic_themes, place
from summarizer.themes.auto import auto_themes, fit_themes
from summarizer.themes.gate import Gate, mentions
from summarizer.themes.text import sample_indices, vectorizer
from tests.cards_factory import sample_cards

CAP = 400


@cache
def _docs() -> tuple[ThemeDoc, ...]:
    """The samples twice over: the second copy a retitled twin, so a placed paper has a twin the fit saw."""
    docs = [ThemeDoc.of(card) for card in sample_cards()]
    twins = [ThemeDoc(f"{d.id}-twin", f"{d.title} (revisited)", d.task, d.method, d.abstract) for d in docs]
    return (*docs, *twins)


@cache
def _sampled() -> ThemeAssignment:
    return automatic_themes(_docs(), cap=CAP)


def _signature(assignment: ThemeAssignment) -> list[tuple[str, list[str], list[str]]]:
    return [(t.name, t.paper_ids, t.terms) for t in assignment.themes]


def test_every_paper_gets_one_theme_or_other() -> None:
    assignment, docs = _sampled(), _docs()
    assert len(assignment.labels) == len(docs)
    assert sorted(i for t in assignment.themes for i in t.paper_ids) == sorted(d.id for d in docs)
    names = {t.name for t in assignment.themes}
    assert set(assignment.labels) <= names and assignment.themes[-1].name == OTHER
    by_id = dict(zip((d.id for d in docs), assignment.labels, strict=True))
    assert all(by_id[i] == t.name for t in assignment.themes for i in t.paper_ids)
    themed = sum(label != OTHER for label in assignment.labels)
    assert themed > 0.4 * len(docs)  # not everything fell through to Other


def test_sampled_themes_are_deterministic() -> None:
    again = automatic_themes(list(_docs()), cap=CAP)
    assert again.labels == _sampled().labels and _signature(again) == _signature(_sampled())


def test_sample_papers_keep_the_themes_a_run_of_the_sample_gives_them() -> None:
    docs = _docs()
    sample = sample_indices(len(docs), CAP, seed=SAMPLE_SEED)
    alone = auto_themes([docs[i] for i in sample.tolist()])
    assert [_sampled().labels[i] for i in sample.tolist()] == alone.labels
    terms = {t.name: t.terms for t in alone.themes}
    assert {t.name: t.terms for t in _sampled().themes} == terms  # the same themes, named and labelled alike


def test_a_placed_paper_mostly_joins_its_twins_theme() -> None:
    """The twin of a sampled paper was not seen by the fit: the gate rules put it where its twin is."""
    docs, labels = _docs(), _sampled().labels
    half = len(docs) // 2
    sample = set(sample_indices(len(docs), CAP, seed=SAMPLE_SEED).tolist())
    pairs = [(i, i + half) if i in sample else (i + half, i) for i in range(half)
             if (i in sample) != (i + half in sample)]
    themed = [(labels[seen], labels[placed]) for seen, placed in pairs if labels[seen] != OTHER]
    assert len(themed) > 50
    agree = sum(a == b for a, b in themed) / len(themed)
    assert agree > 0.8, agree


def test_below_the_cap_themes_are_those_of_the_whole_listing() -> None:
    docs = list(_docs())[:300]
    whole = auto_themes(docs)
    for cap in (len(docs), 10 * len(docs)):
        capped = automatic_themes(docs, cap=cap)
        assert capped.labels == whole.labels and _signature(capped) == _signature(whole)


def test_an_archive_on_disk_themes_like_one_in_memory(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(archive_module, "FIT_CAP", CAP)
    monkeypatch.setattr(archive_module, "CHUNK", 128)  # several chunks, the last one short
    with DocSpool(tmp_path / "docs") as spooled:
        for doc in _docs():
            spooled.append(doc)
        on_disk = theme_docs(spooled)
    assert on_disk.labels == _sampled().labels and _signature(on_disk) == _signature(_sampled())


def test_a_gate_admits_an_unseen_paper_as_the_fit_kept_it() -> None:
    """`Gate.admits` (placing papers the fit never saw) agrees with the mask `Gate.fit` keeps, paper by paper:
    the name where a paper states its topic, a passing mention close enough, or no mention but closer still."""
    docs = list(_docs())[:503]
    vec = vectorizer(len(docs))
    matrix = vec.fit_transform([f"{d.title} {d.task or ''} {d.abstract}" for d in docs]).tocsr()
    pool = np.arange(len(docs))
    decided = {"passing in": 0, "passing out": 0, "silent in": 0}  # what the similarity lines decided
    for parts in (["language models"], ["diffusion"], ["reinforcement learning"]):
        gate, keep = Gate.fit(docs, matrix, pool, parts)
        assert gate is not None and 0 < keep.sum() < len(docs)
        sims = np.asarray((matrix @ gate.centroid.T).todense()).ravel()
        admitted = [gate.admits(mentions(d, parts), float(s)) for d, s in zip(docs, sims, strict=True)]
        level = np.array([mentions(d, parts) for d in docs])
        outside = level < gate.core_level  # core papers were compared left-out; their level admits them
        assert np.array_equal(np.array(admitted)[outside], keep[outside]), parts
        assert all(np.array(admitted)[~outside]) and all(keep[~outside])
        decided["passing in"] += int((keep & (level == 1)).sum())
        decided["passing out"] += int((~keep & (level == 1)).sum())
        decided["silent in"] += int((keep & (level == 0)).sum())
    assert min(decided.values()) > 0, decided


def test_fit_themes_is_what_auto_themes_names() -> None:
    docs = list(_docs())[:503]
    fit = fit_themes(docs)
    assert fit.names(fit.labels.tolist()) == auto_themes(docs).labels
    assert len(fit.gates) == len(fit.themes)


def test_placing_the_fits_own_papers_mostly_gives_them_back_their_themes() -> None:
    """The placement rules stand in for clustering, naming and gating: on the papers the fit saw, they agree
    with it for nearly all (a paper kept for sitting among a theme's papers is placed by its nearest theme)."""
    docs = list(_docs())[:503]
    fit = fit_themes(docs)
    placed, themed = place(fit, docs), fit.labels >= 0
    assert (placed[themed] == fit.labels[themed]).mean() > 0.92
    assert (placed[~themed] == -1).mean() > 0.9
