"""The whole backend: protocol, grounding of every field on all samples, and robustness."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.extract.base import CardResult
from summarizer.extract.rules import RulesExtractor
from summarizer.extract.rules import extractor as extractor_module
from summarizer.extract.rules.provenance import grounding_errors
from summarizer.models import Paper
from summarizer.sources import load_papers
from summarizer.text import paper_id


def _paper(title: str, abstract: str) -> Paper:
    return Paper(id=paper_id(title or "x"), title=title, abstract=abstract, source="test", position=0)


def assert_grounded(paper: Paper, result: CardResult) -> None:
    """Reusable oracle: every provenance span slices back to its value (gains: to their evidence)."""
    assert result.extraction is not None, result.error
    errors = grounding_errors(paper, result.extraction, result.provenance)
    assert not errors, errors


@pytest.fixture(scope="module")
def sample_papers(samples_dir: Path) -> list[Paper]:
    return load_papers([samples_dir]).papers


def test_info_and_order(sample_papers: list[Paper]) -> None:
    extractor = RulesExtractor()
    assert extractor.info.backend == "rules" and extractor.info.prompt_version == "rules-v1"
    seen: list[str] = []
    results = extractor.extract_all(sample_papers[:20], on_done=lambda r: seen.append(r.paper_id))
    assert [r.paper_id for r in results] == [p.id for p in sample_papers[:20]] == seen
    assert all(r.calls == 0 and r.error is None for r in results)


def test_every_field_on_every_sample_is_grounded(sample_papers: list[Paper]) -> None:
    results = RulesExtractor().extract_all(sample_papers)
    for paper, result in zip(sample_papers, results, strict=True):
        assert_grounded(paper, result)
        extraction = result.extraction
        assert extraction is not None
        name = extraction.method.name
        assert name is None or name in paper.title or name in paper.abstract
        assert all(url in paper.abstract for url in extraction.resources.code_urls)
        if len(paper.title.split()) >= 6:
            assert extraction.task != paper.title


def test_provenance_paths_cover_the_fields() -> None:
    paper = _paper("ARM: Refining Multivariate Forecasting with Adaptive Learning",
                   "To address this, we introduce ARM: a multivariate method. ARM reduces error by 13% on "
                   "ETTh1 compared to PatchTST with LLaMA-2 7B on 8 H100 GPUs. Code: https://github.com/a/arm.")
    result = RulesExtractor().extract_paper(paper)
    assert_grounded(paper, result)
    assert result.extraction is not None
    assert result.extraction.claimed_gains[0].value == "13%"
    assert result.extraction.claimed_gains[0].baseline == "PatchTST"
    assert result.extraction.summary == "We introduce ARM: a multivariate method."
    assert result.extraction.outcome is not None and result.extraction.outcome.startswith("ARM reduces error by 13%")
    assert set(result.provenance) >= {
        "summary", "outcome", "task", "method.name", "method.description", "claimed_gains.0", "claimed_gains.0.value",
        "resources.datasets.0", "resources.models.0", "resources.code_urls.0", "resources.compute"}


@pytest.mark.parametrize(("title", "abstract"), [
    ("", ""),
    ("T", "."),
    ("Ünïcödé: 中文 ✓", "我们提出了一种方法。 Ça marche à 31× plus vite. 🚀🚀"),
    ("Huge", "We propose HUGE, which is 3x faster. " * 3000),
    ("Odd", "((((( [[[ 1e9% -> -> from 1 to from %% ×× http:// github.com/ (x) (ACR) called called"),
])
def test_odd_input_never_raises(title: str, abstract: str) -> None:
    paper = _paper(title, abstract)
    result = RulesExtractor().extract_paper(paper)
    assert_grounded(paper, result)


def test_every_sample_with_an_abstract_gets_a_summary(sample_papers: list[Paper]) -> None:
    results = RulesExtractor().extract_all(sample_papers)
    for paper, result in zip(sample_papers, results, strict=True):
        assert result.extraction is not None
        if len(paper.abstract.split()) >= 3:
            summary = result.extraction.summary
            assert summary and summary[0].isupper() and summary.lower() in paper.abstract.lower(), paper.title


RULES = ["split_sentences", "find_method", "rank_sentences", "find_task", "find_gains",
         "find_code_urls", "find_datasets", "find_models", "find_compute"]


@pytest.mark.parametrize("rule", RULES)
def test_a_raising_rule_is_never_swallowed(rule: str, monkeypatch: pytest.MonkeyPatch) -> None:
    """A bug in any rule fails the paper loudly: `extract_paper` raises, `extract_all` reports that paper's error."""
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError(f"{rule} is broken")

    monkeypatch.setattr(extractor_module, rule, broken)
    paper = _paper("ARM: Refining Forecasting", "We introduce ARM, a method. ARM reduces error by 13% on ETTh1.")
    with pytest.raises(RuntimeError, match=rule):
        RulesExtractor().extract_paper(paper)
    [result] = RulesExtractor().extract_all([paper])
    assert result.extraction is None and result.error is not None and rule in result.error
