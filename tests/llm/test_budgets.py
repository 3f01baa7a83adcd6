"""Budgets: `--max-calls` is a hard cap even with many requests in flight, and a run a budget stopped early
says so in one line, records it in run.json and exits 3 (the breaker: 1)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

from conftest import FAST, ROOT, TEST_KEY, llm_settings
from fake_server import FakeLLM
from typer.testing import CliRunner

from summarizer.cli import app
from summarizer.extract.llm_backend import LLMExtractor
from summarizer.llm.model import FakeModel, Messages
from summarizer.llm.session import LLM
from summarizer.llm.usage import Usage
from summarizer.models import Paper
from summarizer.settings import Settings

ABSTRACT = "We present FooNet, a sparse model. FooNet is 31× faster than dense attention."


def papers(n: int) -> list[Paper]:
    return [Paper(id=f"p{i}", title=f"FooNet {i}", abstract=ABSTRACT, source="t", position=i) for i in range(n)]


class SlowModel(FakeModel):
    """A FakeModel whose replies take a moment, so `concurrency` calls are really in flight together."""

    async def complete(self, messages: Messages, response_model: type[Any], context: dict[str, Any]) -> Any:
        await asyncio.sleep(0.02)
        return await super().complete(messages, response_model, context)


def reply(_messages: Messages) -> dict[str, Any]:
    return {"summary": "We present FooNet, a sparse model.", "method": {"name": "FooNet"}}


def test_max_calls_is_a_hard_cap_with_calls_in_flight(tmp_path: Path) -> None:
    settings = Settings(backend="llm", model="fake", cache_dir=tmp_path / "cache", concurrency=8, max_calls=3)
    model = SlowModel(function=reply)
    llm = LLM(model, settings)
    results = LLMExtractor(settings, llm=llm).extract_all(papers(20))
    assert len(model.requests) == 3 and llm.report()["calls"] == 3  # not 8: one per worker in flight
    assert sum(r.extractor is None for r in results) == 3
    assert all(r.extraction is not None for r in results)  # the rest: rules cards
    assert llm.guard.sent == 3 and llm.report()["stop_kind"] == "budget"


def test_a_cache_hit_reserves_nothing(tmp_path: Path) -> None:
    settings = Settings(backend="llm", model="fake", cache_dir=tmp_path / "cache", concurrency=4)
    LLMExtractor(settings, llm=LLM(FakeModel(function=reply), settings)).extract_all(papers(3))
    capped = settings.model_copy(update={"max_calls": 1})
    model = FakeModel(function=reply)
    llm = LLM(model, capped)
    results = LLMExtractor(capped, llm=llm).extract_all(papers(4))  # 3 cached, 1 new: within a budget of 1
    assert len(model.requests) == 1 and all(r.extractor is None for r in results) and llm.guard.stopped is None


def test_the_guard_counts_what_calls_really_sent() -> None:
    from summarizer.llm.guard import Guard

    guard = Guard(max_calls=5)
    guard.reserve()
    guard.settle(1, 3)  # the call retried twice
    guard.reserve()
    guard.settle(1, 0)  # failed before sending
    assert guard.sent == 3
    guard.charge(Usage(requests=3))
    assert guard.try_reserve() and guard.try_reserve() and not guard.try_reserve()


def test_the_cap_holds_on_the_wire(fake: FakeLLM, tmp_path: Path) -> None:
    fake.latency = 0.05
    extractor = LLMExtractor(llm_settings(fake.url, tmp_path / "cache", concurrency=8, max_calls=3), wait=FAST)
    extractor.extract_all(papers(12))
    assert len(fake.requests) == 3 and extractor.stats()["calls"] == 3


def test_a_reask_the_budget_refuses_is_not_cached_as_the_models_answer(fake: FakeLLM, tmp_path: Path) -> None:
    fake.script("invalid")  # instructor would re-ask: that is a second request, over a budget of 1
    capped = LLMExtractor(llm_settings(fake.url, tmp_path / "cache", concurrency=1, max_calls=1), wait=FAST)
    [result] = capped.extract_all(papers(1))
    assert len(fake.requests) == 1
    assert result.extractor is not None and "--max-calls 1 reached" in (result.extractor.fallback_reason or "")
    LLMExtractor(llm_settings(fake.url, tmp_path / "cache", concurrency=1), wait=FAST).extract_all(papers(1))
    assert len(fake.requests) == 2  # not served from the cache: the budget, not the model, ended it


def _run(fake: FakeLLM, tmp_path: Path, *flags: str) -> tuple[int, str, dict[str, Any]]:
    env = {"OPENAI_BASE_URL": fake.url, "OPENAI_API_KEY": TEST_KEY, "SUMMARIZER_MODEL": "fake-model"}
    out = tmp_path / "out"
    result = CliRunner().invoke(app, ["run", str(ROOT / "examples" / "hf-papers"), "--out", str(out), "--backend",
                                      "llm", "--cache-dir", str(tmp_path / "cache"), "--concurrency", "8", *flags],
                                env=env)
    return result.exit_code, result.output, json.loads((out / "run.json").read_text())


def test_a_run_stopped_by_its_budget_says_so_and_exits_3(fake: FakeLLM, tmp_path: Path) -> None:
    code, output, report = _run(fake, tmp_path, "--max-calls", "5")
    lines = [line for line in output.splitlines() if "--max-calls 5 reached" in line]
    assert code == 3 and len(lines) == 1 and lines[0].startswith("stopped early:"), output
    assert report["stopped_early"] == "--max-calls 5 reached" and report["llm"]["stop_kind"] == "budget"
    assert report["model_calls"] == len(fake.requests) == 5 and report["failures"] == []
    assert report["counts"]["cards"] == report["counts"]["papers"]  # every paper still has a card
