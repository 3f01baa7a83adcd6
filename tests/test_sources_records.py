"""One bad record never aborts a file; file structure and dialect are honoured (issue 12, "Inputs")."""

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.sources import load_papers, parse_file

DEEP = "[" * 100_000 + "]" * 100_000


def _record(i: int) -> dict[str, str]:
    return {"title": f"Paper number {i}", "abstract": f"We study problem {i} and improve it by {i}%."}


def _jsonl(tmp_path: Path, name: str, lines: list[str]) -> Path:
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("name", ["deep.jsonl", "deep.json", "deep.txt"])
def test_a_record_nested_100000_deep_is_a_warning_and_the_rest_loads(tmp_path: Path, name: str) -> None:
    lines = [json.dumps(_record(1)), '{"title": "Deep", "abstract": ' + DEEP + "}", json.dumps(_record(2))]
    warnings: list[str] = []
    _, papers = parse_file(_jsonl(tmp_path, name, lines), warnings.append)
    assert [p.title for p in papers] == ["Paper number 1", "Paper number 2"]
    assert len(warnings) == 1 and f"{name}:2: JSON nested too deeply" in warnings[0]


def test_a_deep_item_in_a_json_array_is_skipped_alone(tmp_path: Path) -> None:
    path = tmp_path / "list.json"
    path.write_text("[" + json.dumps(_record(1)) + ", {\"title\": " + DEEP + "}, " + json.dumps(_record(2)) + "]")
    warnings: list[str] = []
    fmt, papers = parse_file(path, warnings.append)
    assert fmt == "json" and [p.title for p in papers] == ["Paper number 1", "Paper number 2"]
    assert warnings == [f"{path}: record 1: JSON nested too deeply; skipped"]


def test_deep_authors_inside_a_valid_record_are_a_warning(tmp_path: Path) -> None:
    nested: list = []
    for _ in range(100_000):
        nested = [nested]
    record = {**_record(1), "authors": nested}
    path = _jsonl(tmp_path, "a.jsonl", [json.dumps(_record(2))])
    warnings: list[str] = []
    from summarizer.sources.tabular import papers_from_records

    papers = papers_from_records([(1, record), (2, _record(2))], str(path), warnings.append)
    assert [p.title for p in papers] == ["Paper number 2"] and "a.jsonl:1: nested too deeply" in warnings[0]


def test_lone_surrogate_is_replaced_with_a_warning_naming_the_record(tmp_path: Path) -> None:
    bad = json.dumps({"title": "Broken \ud800 title", "abstract": "We do things."})  # json escapes it: \\ud800
    path = _jsonl(tmp_path, "s.jsonl", [json.dumps(_record(1)), bad])
    warnings: list[str] = []
    _, papers = parse_file(path, warnings.append)
    assert [p.title for p in papers] == ["Paper number 1", "Broken \ufffd title"]
    assert warnings == [f"{path}:2: invalid Unicode (lone surrogate) in title replaced with U+FFFD"]
    assert papers[1].model_dump_json()  # serialisable: no PydanticSerializationError


@pytest.mark.parametrize("command", ["parse", "run"])
def test_cli_survives_a_lone_surrogate(tmp_path: Path, command: str) -> None:
    bad = json.dumps({"title": "Broken \ud800 title", "abstract": "We propose a method that beats baselines."})
    path = _jsonl(tmp_path, "s.jsonl", [json.dumps(_record(1)), bad])
    args = [command, str(path)] + (["--out", str(tmp_path / "out"), "--backend", "rules"] if command == "run" else [])
    result = CliRunner().invoke(app, args)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert result.exit_code == 0, result.output
    assert "s.jsonl:2: invalid Unicode" in result.output


def test_jsonl_with_a_bad_first_line_keeps_the_100_good_ones(tmp_path: Path) -> None:
    lines = ['{"title": "broken', *(json.dumps(_record(i)) for i in range(100))]
    for name in ("bad-first.jsonl", "bad-first.json"):
        warnings: list[str] = []
        fmt, papers = parse_file(_jsonl(tmp_path, name, lines), warnings.append)
        assert fmt == "jsonl" and len(papers) == 100
        assert len(warnings) == 1 and f"{name}:1: invalid JSON" in warnings[0]


def test_a_one_record_jsonl_file_is_one_paper(tmp_path: Path) -> None:
    for name in ("one.jsonl", "one.json"):
        _, papers = parse_file(_jsonl(tmp_path, name, [json.dumps(_record(7))]), print)
        assert [p.title for p in papers] == ["Paper number 7"], name


@pytest.mark.parametrize(("name", "delimiter"), [("p.tsv", "\t"), ("p.csv", ";"), ("p.txt", ","), ("p.txt", "\t"),
                                                 ("p.csv", "|")])
def test_delimited_files_are_sniffed_whatever_their_extension(tmp_path: Path, name: str, delimiter: str) -> None:
    rows = ["title" + delimiter + "abstract" + delimiter + "upvotes"]
    rows += [f'Paper {i}{delimiter}"We improve, by {i}%; the baseline."{delimiter}{i}' for i in range(30)]
    path = tmp_path / name
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    warnings: list[str] = []
    fmt, papers = parse_file(path, warnings.append)
    assert fmt == "csv" and len(papers) == 30 and warnings == []
    assert papers[3].abstract == "We improve, by 3%; the baseline." and papers[3].upvotes == 3


def test_hf_page_with_one_missing_abstract_does_not_merge_two_papers(samples_dir: Path, tmp_path: Path) -> None:
    for prefix, count in (("000", 224), ("001", 49), ("003", 58)):
        sample = next(samples_dir.glob(f"{prefix}_*.txt"))
        full = parse_file(sample, print)[1]
        victim = full[5]
        text = sample.read_text(encoding="utf-8")
        assert text.count(victim.abstract[:200]) == 1
        start = text.index(victim.abstract[:200])
        cut = tmp_path / f"{prefix}.txt"
        cut.write_text(text[:start] + text[text.index("\n", start) + 1:], encoding="utf-8")
        warnings: list[str] = []
        _, papers = parse_file(cut, warnings.append)
        assert len(papers) == count - 1, prefix
        assert [p.title for p in papers] == [p.title for p in full if p is not victim], prefix
        assert [p.abstract for p in papers] == [p.abstract for p in full if p is not victim], prefix
        assert len(warnings) == 1 and victim.title[:40] in warnings[0] and "no abstract" in warnings[0], warnings


def test_a_good_file_is_read_alongside_hostile_ones(tmp_path: Path) -> None:
    good = _jsonl(tmp_path, "good.jsonl", [json.dumps(_record(1))])
    deep = tmp_path / "deep.json"
    deep.write_text(DEEP)
    result = load_papers([deep, good])
    assert [p.title for p in result.papers] == ["Paper number 1"]
    assert len(result.errors) == 1 and "deep.json" in result.errors[0]
