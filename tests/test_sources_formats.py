"""The structured formats: daily-papers API JSON, arXiv Atom, JSONL, JSON arrays, CSV."""

import json
from pathlib import Path

from summarizer.sources import load_papers, parse_file


def test_daily_papers_api_json(fixtures_dir: Path) -> None:
    warnings: list[str] = []
    fmt, papers = parse_file(fixtures_dir / "hf_daily_papers.json", warnings.append)
    assert fmt == "hf-api"
    diff, lora = papers
    assert diff.title == "Differential Transformer"
    assert (diff.arxiv_id, diff.url) == ("2410.05258", "https://huggingface.co/papers/2410.05258")
    assert (diff.upvotes, diff.date, diff.organization) == (170, "2024-10-07", "Microsoft")
    assert diff.authors == ["Ada Lovelace", "Alan Turing"] and diff.authors_count == 2
    assert "about 65% of model size" in diff.abstract  # \% cleaned
    assert lora.upvotes == 12
    assert len(warnings) == 1 and "record 2" in warnings[0] and "no abstract" in warnings[0]


def test_arxiv_atom_feed(fixtures_dir: Path) -> None:
    fmt, papers = parse_file(fixtures_dir / "arxiv_query.xml", print)
    assert fmt == "arxiv"
    lora, lora_plus = papers
    assert lora.title == "LoRA: Low-Rank Adaptation of Large Language Models"  # whitespace folded
    assert (lora.arxiv_id, lora.url, lora.date) == ("2106.09685", "http://arxiv.org/abs/2106.09685v2", "2021-06-17")
    assert lora.authors == ["Edward J. Hu", "Yelong Shen"]
    assert lora.links == ["https://github.com/microsoft/LoRA"]
    assert "(1-2 % improvements)" in lora_plus.abstract and "up to ~ 2X" in lora_plus.abstract


def test_jsonl_with_aliases_bad_lines_and_missing_fields(fixtures_dir: Path) -> None:
    warnings: list[str] = []
    fmt, papers = parse_file(fixtures_dir / "papers.jsonl", warnings.append)
    assert fmt == "jsonl"
    assert [p.title for p in papers] == ["ThinK: Thinner Key Cache by Query-Driven Pruning", "Second paper"]
    assert (papers[0].upvotes, papers[0].date, papers[0].arxiv_id) == (31, "2024-07-30", "2407.21018")
    assert papers[1].links == ["https://github.com/org/repo"]
    assert any(":3: invalid JSON" in w for w in warnings)
    assert any(":4: no title" in w for w in warnings)


def test_json_array_of_records(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text(json.dumps([{"title": "T one", "abstract": "A one."}, {"title": "T two", "abstract": "A two."}]))
    fmt, papers = parse_file(path, print)
    assert fmt == "json" and [p.title for p in papers] == ["T one", "T two"]


def test_csv_with_optional_columns(fixtures_dir: Path) -> None:
    warnings: list[str] = []
    fmt, papers = parse_file(fixtures_dir / "papers.csv", warnings.append)
    assert fmt == "csv"
    (paper,) = papers
    assert paper.authors == ["A. One", "B. Two"] and paper.upvotes == 5
    assert paper.abstract.endswith("by 2.5%.")
    assert len(warnings) == 1 and "papers.csv:3" in warnings[0]


def test_same_paper_from_two_formats_is_merged_keeping_the_richer_record(fixtures_dir: Path) -> None:
    result = load_papers([fixtures_dir / "papers.csv", fixtures_dir / "hf_daily_papers.json",
                          fixtures_dir / "arxiv_query.xml"])
    titles = [p.title for p in result.papers]
    assert titles.count("LoRA+: Efficient Low Rank Adaptation of Large Models") == 1
    assert result.duplicates == 1
    lora_plus = next(p for p in result.papers if p.title.startswith("LoRA+"))
    assert lora_plus.upvotes == 12  # the API record knows more than the Atom one
