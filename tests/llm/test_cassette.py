"""Record/replay: raw replies saved once, re-scored later with no network; misses fail loudly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, TEST_KEY, llm_settings
from fake_server import FakeLLM

from summarizer.extract.llm_backend import LLMExtractor
from summarizer.llm.cassette import load_cassette
from summarizer.llm.prompts import Prompt, load_prompt
from summarizer.settings import Settings

GEMMA_CASSETTE = ROOT / "eval" / "cassettes" / "gemma3-270m-llamacpp.json"


def _replay_settings(tmp_path: Path) -> Settings:
    """What `summarizer eval --replay` would build: no base URL, a default model name; the cassette supplies both."""
    return Settings.model_validate({"backend": "llm", "cache_dir": tmp_path / "cache"})


def test_record_then_replay_without_a_server(fake: FakeLLM, papers, tmp_path: Path) -> None:
    cassette = tmp_path / "c.json"
    fake.script("malformed")  # the re-ask is recorded too
    recorder = LLMExtractor(llm_settings(fake.url, tmp_path / "cache"), cassette=cassette, cassette_mode="record")
    recorded = recorder.extract_all(papers[:3])
    assert len(fake.requests) == 4
    text = cassette.read_text()
    assert TEST_KEY not in text and "authorization" not in text.lower()
    meta, interactions = load_cassette(cassette)
    assert meta["model"] == "fake-model" and meta["mode"] == "tools" and len(interactions) == 4
    fake.stop()

    player = LLMExtractor(_replay_settings(tmp_path), cassette=cassette, cassette_mode="replay")
    replayed = player.extract_all(papers[:3])
    assert [r.extraction for r in replayed] == [r.extraction for r in recorded]
    stats = player.stats()
    assert stats["cassette"] == {"path": str(cassette), "mode": "replay", "misses": 0, "unused": 0}
    assert stats["calls"] == 4 and stats["retries"] == {"invalid_reply": 1}
    assert not (tmp_path / "cache").exists(), "record/replay must bypass the cache"


def test_replay_fails_on_a_request_missing_from_the_cassette(fake: FakeLLM, papers, tmp_path: Path) -> None:
    cassette = tmp_path / "c.json"
    LLMExtractor(llm_settings(fake.url, tmp_path / "cache"), cassette=cassette,
                 cassette_mode="record").extract_all(papers[:1])
    edited = load_prompt("extract.v2", ("title", "abstract"))
    changed = Prompt(edited.id, edited.path, edited.source + " ", edited.sha256, edited.variables,
                     _template=edited._template.environment.from_string(
                         edited.source.replace("Answer with the card only.", "Answer briefly.")))
    player = LLMExtractor(_replay_settings(tmp_path), cassette=cassette, cassette_mode="replay", prompt=changed)
    results = player.extract_all(papers[:2])
    assert all(r.extractor is not None and r.extractor.backend == "rules" for r in results)  # rules fallback
    reason = results[0].extractor.fallback_reason or ""  # type: ignore[union-attr]
    assert "not in cassette" in reason and "--record" in reason
    assert player.stats()["cassette"]["misses"] == 2 and player.stats()["calls"] == 2


def test_cassette_and_client_are_exclusive(fake: FakeLLM, tmp_path: Path) -> None:
    from openai import AsyncOpenAI

    client = AsyncOpenAI(api_key="x", base_url=fake.url)
    with pytest.raises(ValueError, match="either client or cassette"):
        LLMExtractor(llm_settings(fake.url, tmp_path), client=client, cassette=tmp_path / "c.json",
                     cassette_mode="replay")


@pytest.mark.skipif(not GEMMA_CASSETTE.exists(), reason="no Gemma cassette recorded yet")
def test_gemma_cassette_replays_offline(tmp_path: Path) -> None:
    """The shipped cassette (real llama.cpp + Gemma 3 270M replies) re-scores with no server and no misses."""
    from summarizer.evaluation.labels import load_labeled
    from summarizer.extract.rules.provenance import grounding_errors
    from summarizer.models import Paper

    meta, _ = load_cassette(GEMMA_CASSETTE)
    ids = set(meta["paper_ids"])
    labeled = [r for r in load_labeled(ROOT / "eval" / "labeled.jsonl") if r.id in ids]
    papers = [Paper(id=r.id, title=r.title, abstract=r.abstract, source=r.source, position=i)
              for i, r in enumerate(labeled)]
    player = LLMExtractor(_replay_settings(tmp_path), cassette=GEMMA_CASSETTE, cassette_mode="replay")
    results = player.extract_all(papers)
    stats = player.stats()
    assert stats["cassette"]["misses"] == 0 and stats["cassette"]["unused"] == 0
    expected = json.loads(json.dumps(meta["expected"]))  # paper id -> "llm" (a model card) or "rules" (fallback)
    assert {r.paper_id: (r.extractor.backend if r.extractor else "llm") for r in results} == expected
    assert {r.paper_id: [n.model_dump() for n in r.grounding] for r in results} == meta["grounding"]
    for paper, result in zip(papers, results, strict=True):
        if result.extraction is not None:
            assert grounding_errors(paper, result.extraction, result.provenance) == []
