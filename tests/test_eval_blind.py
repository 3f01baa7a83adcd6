"""The blind check sets (eval/blind.jsonl, eval/blind2.jsonl) must be as honest as the labeled set, and stay apart.

Each was labeled before any extractor saw its papers; these checks keep it grounded (every gold number and URL
verbatim), loadable, and disjoint from eval/labeled.jsonl (and the second from the first), so that its figures
mean what they say.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from summarizer.evaluation.labels import LabeledPaper, load_labeled
from summarizer.evaluation.metrics import numbers
from summarizer.sources import load_papers
from summarizer.text import normalise_title, strip_url

ROOT = Path(__file__).resolve().parents[1]
EVAL = ROOT / "eval"
LABELED = EVAL / "labeled.jsonl"


@dataclass(frozen=True)
class BlindSet:
    """One blind set: its gold file, the file a user pastes, the sets it must not share a title with."""

    gold: Path
    pasted: Path
    notes_prefix: str
    min_records: int
    apart_from: tuple[Path, ...]


BLIND_SETS = {
    "blind": BlindSet(EVAL / "blind.jsonl", EVAL / "outside" / "blind_papers.jsonl", "blind set 2026-11-29", 40,
                      (LABELED,)),
    "blind2": BlindSet(EVAL / "blind2.jsonl", EVAL / "outside" / "blind2_papers.jsonl", "blind set 2, 2026-11-29", 30,
                       (LABELED, EVAL / "blind.jsonl")),
}


def integrity_problems(records: list[LabeledPaper], taken_titles: set[str]) -> list[str]:
    """Why a labeled set is not trustworthy: ungrounded gold, repeated ids, titles already in another set."""
    problems = [f"id {i} repeated" for i, n in Counter(r.id for r in records).items() if n > 1]
    for record in records:
        text = f"{record.title}\n{record.abstract}"
        present = {v for v, _ in numbers(text)}
        gold = record.gold
        problems += [f"{record.id}: URL {u!r} not verbatim" for u in gold.code_urls
                     if strip_url(u) != u or u not in text]
        problems += [f"{record.id}: gain {g!r} not in the abstract" for g in gold.gains
                     if not numbers(g) or any(v not in present for v, _ in numbers(g))]
        if gold.method_names and not any(name in text for name in gold.method_names):
            problems.append(f"{record.id}: no method name verbatim")
        if [g.value for g in gold.gain_records or []] != gold.gains:
            problems.append(f"{record.id}: gain records do not follow gains")
        if normalise_title(record.title) in taken_titles:
            problems.append(f"{record.id}: title already in the labeled set")
    return problems


@pytest.fixture(scope="module", params=sorted(BLIND_SETS))
def blind_set(request: pytest.FixtureRequest) -> BlindSet:
    return BLIND_SETS[request.param]


@pytest.fixture(scope="module")
def blind(blind_set: BlindSet) -> list[LabeledPaper]:
    return load_labeled(blind_set.gold)


@pytest.fixture(scope="module")
def taken_titles(blind_set: BlindSet) -> set[str]:
    """Titles of every set this blind set must stay apart from."""
    return {normalise_title(r.title) for path in blind_set.apart_from for r in load_labeled(path)}


def test_blind_set_is_grounded_unique_and_disjoint(blind: list[LabeledPaper], taken_titles: set[str]) -> None:
    assert integrity_problems(blind, taken_titles) == []


def test_integrity_check_catches_tampering(blind: list[LabeledPaper], taken_titles: set[str]) -> None:
    """The check above can fail: an invented number, a repeated id and a reused title are each reported."""
    invented = blind[0].model_copy(deep=True)
    invented.gold.gains = ["99.99%"]
    invented.gold.gain_records = None
    reused = blind[1].model_copy(update={"title": next(iter(taken_titles))})
    problems = integrity_problems([invented, reused, blind[2], blind[2]], taken_titles)
    assert any("99.99%" in p for p in problems)
    assert any("repeated" in p for p in problems)
    assert any("already in the labeled set" in p for p in problems)


def test_second_blind_set_shares_no_title_with_the_first() -> None:
    """A title in both blind sets would be scored twice and, if tuned on once, contaminate both."""
    first, second = (load_labeled(BLIND_SETS[name].gold) for name in ("blind", "blind2"))
    both = {normalise_title(r.title) for r in first} & {normalise_title(r.title) for r in second}
    assert both == set()


def test_blind_abstracts_equal_parser_output(blind: list[LabeledPaper], blind_set: BlindSet) -> None:
    """Each record is what a user pasting the set's eval/outside file gets from the parser."""
    papers = {p.id: p for p in load_papers([blind_set.pasted]).papers}
    assert set(papers) == {r.id for r in blind}
    for record in blind:
        assert (record.title, record.abstract) == (papers[record.id].title, papers[record.id].abstract), record.id
        assert record.source == blind_set.pasted.name


def test_blind_records_are_held_out_v2_and_dated(blind: list[LabeledPaper], blind_set: BlindSet) -> None:
    assert len(blind) >= blind_set.min_records
    assert all(r.split == "heldout" and r.origin == "outside" and r.has_v2 for r in blind)
    assert all(r.url and r.url.startswith("http") and r.notes.startswith(blind_set.notes_prefix) for r in blind)
    for record in blind:
        summary, outcome = record.gold.summary or "", record.gold.outcome
        assert summary.endswith(".") and summary[:-1] not in record.abstract, record.id
        assert outcome is None or (outcome.endswith(".") and outcome[:-1] not in record.abstract), record.id
