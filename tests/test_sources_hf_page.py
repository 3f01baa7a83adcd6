"""HF papers page dumps: the three layouts, their metadata, and robustness to edits."""

from pathlib import Path

import pytest

from summarizer.sources import load_papers, parse_file
from summarizer.sources.hf_page import detect_layout, page_date, parse_hf_page

EXPECTED = {"000": ("A", 224), "001": ("B", 49), "002": ("A", 233), "003": ("C", 58)}


def _sample(samples_dir: Path, prefix: str) -> Path:
    return next(samples_dir.glob(f"{prefix}_*.txt"))


@pytest.mark.parametrize("prefix", sorted(EXPECTED))
def test_each_sample_page_yields_the_expected_papers(samples_dir: Path, prefix: str) -> None:
    layout, count = EXPECTED[prefix]
    warnings: list[str] = []
    fmt, papers = parse_file(_sample(samples_dir, prefix), warnings.append)
    assert fmt == f"hf-page/{layout}"
    assert len(papers) == count
    assert warnings == []
    assert [p.position for p in papers] == list(range(count))
    for paper in papers:
        assert paper.title and len(paper.title) < 300
        assert len(paper.abstract) > 100, paper.title
        assert not paper.title.startswith("Subscribe")


def test_layout_a_unglues_subscribe_from_the_first_title(samples_dir: Path) -> None:
    _, papers = parse_file(_sample(samples_dir, "000"), print)
    assert papers[0].title == "Flexible Model Aggregation for Quantile Regression"
    assert papers[1].title.startswith("ARM: Refining Multivariate Forecasting")


def test_layout_b_reads_authors_organisation_date_and_upvotes(samples_dir: Path) -> None:
    text = _sample(samples_dir, "001").read_text(encoding="utf-8")
    assert detect_layout(text) == "B" and page_date(text) == "Dec 10"
    papers = {p.title: p for p in parse_hf_page(text, "001", print)}
    whisper = papers["Sparsely Shared LoRA on Whisper for Child Speech Recognition"]
    assert (whisper.authors_count, whisper.date, whisper.upvotes) == (4, "2023-09-20", None)
    one_init = papers["One Initialization to Rule them All: Fine-tuning via Explained Variance Adaptation"]
    assert (one_init.authors_count, one_init.date, one_init.upvotes) == (6, "2024-10-09", 2)
    rewarding = papers["Rewarding the Unlikely: Lifting GRPO Beyond Distribution Sharpening"]
    assert (rewarding.date, rewarding.date_text, rewarding.upvotes) == (None, "Jun 2", None)
    group_rank = papers["GroupRank: A Groupwise Reranking Paradigm Driven by Reinforcement Learning"]
    assert (group_rank.organization, group_rank.authors_count) == ("AQ-MedAI AQ", None)
    survival = papers["A Flexible Parametric Modelling Framework for Survival Analysis"]
    assert survival.abstract.startswith("We introduce a general")  # the org line did not leak in
    assert all(p.date_text for p in papers.values())


def test_links_in_abstracts_are_found_without_trailing_punctuation(samples_dir: Path) -> None:
    _, papers = parse_file(_sample(samples_dir, "001"), print)
    dump = next(p for p in papers if p.title.startswith("DUMP:"))
    assert dump.links == ["https://github.com/ZhentingWang/DUMP"]


def test_dedupe_across_pages_keeps_the_richest_record(samples_dir: Path) -> None:
    result = load_papers([samples_dir])
    assert sum(s.records for s in result.sources) == 564
    assert len(result.papers) + result.duplicates == 564
    assert len({p.id for p in result.papers}) == len(result.papers)
    per_source = {p.id: p for p in parse_file(_sample(samples_dir, "001"), print)[1]}
    for paper in result.papers:
        if paper.id in per_source:  # page B has metadata the A/C pages lack: it must win
            assert paper.source.endswith(_sample(samples_dir, "001").name)


def test_blank_lines_and_a_second_abstract_paragraph_do_not_break_pairing(tmp_path: Path) -> None:
    text = (
        "Get trending papers in your email inbox!\n\nSubscribe\n\n"
        "First Paper Title\n\nWe propose a thing. It works well on many tasks and beats all baselines by far.\n\n"
        "This second paragraph continues the abstract of the first paper, which the page split in two.\n\n"
        "Second: Another Paper\n\nAnother abstract. It is long enough to be prose and has two sentences here.\n"
    )
    papers = parse_hf_page(text, "t", print)
    assert [p.title for p in papers] == ["First Paper Title", "Second: Another Paper"]
    assert "second paragraph continues" in papers[0].abstract


def test_truncated_page_warns_about_the_last_record_and_keeps_the_rest(samples_dir: Path, tmp_path: Path) -> None:
    lines = _sample(samples_dir, "000").read_text(encoding="utf-8").splitlines()
    cut = tmp_path / "cut.txt"
    cut.write_text("\n".join(lines[:-1]) + "\n", encoding="utf-8")  # drop the last abstract
    warnings: list[str] = []
    _, papers = parse_file(cut, warnings.append)
    assert len(papers) == 223
    assert len(warnings) == 1 and "no abstract" in warnings[0] and str(cut) in warnings[0]
