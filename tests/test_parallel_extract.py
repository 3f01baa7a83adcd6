"""`--workers`: the rules backend spread over processes gives the same cards, in input order."""

from __future__ import annotations

import pytest

from summarizer.extract import make_extractor
from summarizer.extract.base import CardResult
from summarizer.extract.parallel import ParallelExtractor
from summarizer.extract.rules import RulesExtractor
from summarizer.models import Paper
from summarizer.settings import Settings
from summarizer.sources import load_papers
from tests.cards_factory import SAMPLES


def _papers(n: int) -> list[Paper]:
    base = load_papers([SAMPLES]).papers
    return [base[i % len(base)].model_copy(update={"id": f"p{i:05d}", "position": i}) for i in range(n)]


def test_workers_give_the_same_results_in_input_order() -> None:
    papers = _papers(300)
    done: list[str] = []
    parallel = ParallelExtractor(RulesExtractor, workers=2, chunk=64, min_parallel=1)
    results = parallel.extract_all(papers, on_done=lambda r: done.append(r.paper_id))
    serial = RulesExtractor().extract_all(papers)
    assert [r.paper_id for r in results] == [p.id for p in papers]
    assert sorted(done) == sorted(p.id for p in papers)  # progress fires once per paper
    assert [r.model_dump() for r in results] == [r.model_dump() for r in serial]


class _Exploding:
    info = RulesExtractor.info

    def extract_all(self, papers: list[Paper], on_done: object = None) -> list[CardResult]:
        raise RuntimeError("rule bug")


def test_a_failure_in_a_worker_surfaces_instead_of_losing_papers() -> None:
    parallel = ParallelExtractor(_Exploding, workers=2, chunk=8, min_parallel=1)
    with pytest.raises(RuntimeError, match="rule bug"):
        parallel.extract_all(_papers(20))


def test_small_inputs_and_one_worker_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pool(*args: object, **kwargs: object) -> None:
        raise AssertionError("a pool was started")

    monkeypatch.setattr("summarizer.extract.parallel.ProcessPoolExecutor", no_pool)
    assert len(ParallelExtractor(RulesExtractor, workers=1, min_parallel=1).extract_all(_papers(5))) == 5
    assert len(ParallelExtractor(RulesExtractor, workers=2, min_parallel=100).extract_all(_papers(5))) == 5
    extractor = make_extractor(Settings(backend="rules", workers=3))
    assert isinstance(extractor, ParallelExtractor) and extractor.workers == 3
