"""`summarizer run --backend llm` end to end against the fake server: cards, run.json, warm rerun, no key leak."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import ROOT, TEST_KEY
from fake_server import FakeLLM
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.digest.overview_llm import LLMOverviewWriter
from summarizer.export import read_cards


def _run(fake: FakeLLM, out: Path, cache: Path) -> tuple[int, dict]:
    env = {"OPENAI_BASE_URL": fake.url, "OPENAI_API_KEY": TEST_KEY, "SUMMARIZER_MODEL": "fake-model"}
    result = CliRunner().invoke(app, ["run", str(ROOT / "examples" / "hf-papers"), "--out", str(out), "--backend",
                                      "llm", "--cache-dir", str(cache), "--concurrency", "8"], env=env)
    return result.exit_code, json.loads((out / "run.json").read_text())


def test_run_writes_cards_and_a_warm_rerun_calls_nothing(fake: FakeLLM, tmp_path: Path) -> None:
    fake.script("429", "malformed", "ungrounded", "ungrounded", "ungrounded")
    code, report = _run(fake, tmp_path / "out1", tmp_path / "cache")
    llm = report["llm"]
    assert report["model_calls"] > 0 and llm["retries"]["rate_limited"] == 1
    assert report["failures"] == [] and code == 0  # degraded per field, never per paper
    cards = read_cards(tmp_path / "out1" / "cards.jsonl", warn=lambda m: None)
    assert len(cards) == report["counts"]["papers"]
    assert all(c.extractor.backend == "llm" and c.extractor.prompt_version == "extract.v2" for c in cards)
    assert llm["tasks"]["extraction"]["grounding_reasks"] >= 1  # the ungrounded replies were re-asked
    tasks = llm["tasks"]
    assert tasks["overviews"]["calls"] > 0  # overviews are accounted too...
    assert report["model_calls"] == tasks["extraction"]["calls"] + tasks["overviews"]["calls"] == len(fake.requests)
    calls_first = len(fake.requests)  # ...and all of it adds up to what the server saw

    code, again = _run(fake, tmp_path / "out2", tmp_path / "cache")
    assert again["cache_hits"] == len(cards) and code == 0
    assert again["model_calls"] == 0 and len(fake.requests) == calls_first  # a warm rerun: zero requests of any kind
    for folder in ("out1", "out2", "cache"):
        blob = b"".join(p.read_bytes() for p in (tmp_path / folder).rglob("*") if p.is_file())
        assert TEST_KEY.encode() not in blob, f"the API key leaked into {folder}"


def test_overview_writer_cites_only_theme_papers(fake: FakeLLM, tmp_path: Path, make_extractor, papers) -> None:
    from conftest import llm_settings

    from summarizer.models import PaperCard

    extractor = make_extractor()
    results = extractor.extract_all(papers[:3])
    cards = [PaperCard.build(p, r.extraction, extractor.info, r.provenance)
             for p, r in zip(papers, results, strict=False) if r.extraction is not None]
    writer = LLMOverviewWriter(llm_settings(fake.url, tmp_path / "cache"))
    overviews = writer.write_overviews({"theme A": cards})
    overview = overviews["theme A"]
    assert overview.writer == "llm:fake-model" and overview.sentences
    assert all(s.cites and set(s.cites) <= {c.id for c in cards} for s in overview.sentences)
    before = len(fake.requests)
    assert LLMOverviewWriter(llm_settings(fake.url, tmp_path / "cache")).write_overviews({"theme A": cards}) == \
        overviews
    assert len(fake.requests) == before


def test_overview_failure_falls_back_to_extractive(fake: FakeLLM, tmp_path: Path, make_extractor, papers) -> None:
    from conftest import llm_settings

    from summarizer.models import PaperCard

    extractor = make_extractor()
    results = extractor.extract_all(papers[:2])
    cards = [PaperCard.build(p, r.extraction, extractor.info, r.provenance)
             for p, r in zip(papers, results, strict=False)]
    fake.script("500", "500")
    writer = LLMOverviewWriter(llm_settings(fake.url, tmp_path / "cache", max_attempts=2))
    overview = writer.write_overviews({"t": cards})["t"]
    assert overview.writer.startswith("extractive (llm failed: server_500")
