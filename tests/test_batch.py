"""The Batch API path against a loopback fake of the Files and Batches endpoints."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest
from openai import AsyncOpenAI
from pydantic import BaseModel

from summarizer.llm.batch import (
    BatchLimits,
    BatchModel,
    BatchStore,
    PollPolicy,
    instructor_body,
    instructor_parse,
    split_lines,
)
from summarizer.llm.failure import CallFailed
from tests.batch_fake import FakeBatchAPI, tool_completion

BATCHABLE = {"subject": "p", "batchable": True}
FAST = PollPolicy(first_s=0.01, max_s=0.02, deadline_s=5, quiet_s=0.05)


class Card(BaseModel):
    title: str
    words: int


def _answer(body: dict[str, Any]) -> dict[str, Any]:
    title = body["messages"][-1]["content"]
    return tool_completion(body, {"title": title, "words": len(title.split())})


def _model(api: FakeBatchAPI, store: Path, online: Any = None, poll: PollPolicy = FAST,
           limits: BatchLimits | None = None) -> BatchModel:
    client = AsyncOpenAI(api_key="test", base_url=api.url, max_retries=0)
    return BatchModel(client, "gpt-test", instructor_body("gpt-test", temperature=0.0, max_tokens=64),
                      instructor_parse(), BatchStore(store), online=online, limits=limits, poll=poll)


async def _ask_all(model: BatchModel, titles: list[str]) -> list[Any]:
    async def one(title: str) -> Any:
        try:
            context = {"subject": title, "batchable": True}
            return (await model.complete([{"role": "user", "content": title}], Card, context))[0]
        except CallFailed as failed:
            return failed
    try:
        return await asyncio.gather(*(one(t) for t in titles))
    finally:
        await model.aclose()


def test_every_request_is_answered_through_one_batch(tmp_path: Path) -> None:
    titles = [f"paper number {i}" for i in range(12)]
    with FakeBatchAPI(_answer) as api:
        model = _model(api, tmp_path)
        cards = asyncio.run(_ask_all(model, titles))
    assert [c.title for c in cards] == titles and cards[3].words == 3
    assert api.calls["upload"] == 1 and api.calls["create"] == 1
    request = json.loads(next(iter(api.files.values())).decode().splitlines()[0])
    assert request["url"] == "/v1/chat/completions" and request["custom_id"] == titles[0]
    assert request["body"]["tools"][0]["function"]["name"] == "Card"  # instructor's tools-mode body
    assert model.stats.succeeded == 12 and model.stats.usage.prompt_tokens == 1200
    assert not list(tmp_path.glob("*.json"))  # the job record is forgotten once its replies are used


def test_large_inputs_are_split_under_the_limits(tmp_path: Path) -> None:
    lines = [json.dumps({"custom_id": str(i), "body": "x" * 50}) for i in range(10)]
    groups = split_lines(lines, BatchLimits(max_requests=4, max_bytes=10_000))
    assert [len(g) for g in groups] == [4, 4, 2]
    assert [len(g) for g in split_lines(lines, BatchLimits(max_requests=100, max_bytes=200))] == [2] * 5
    with FakeBatchAPI(_answer) as api:
        cards = asyncio.run(_ask_all(_model(api, tmp_path, limits=BatchLimits(max_requests=5)),
                                     [f"t {i}" for i in range(11)]))
    assert api.calls["create"] == 3 and all(isinstance(c, Card) for c in cards)


def test_failed_and_missing_replies_fail_only_their_papers(tmp_path: Path) -> None:
    with FakeBatchAPI(_answer) as api:
        api.fail, api.missing = {"b"}, {"c"}
        results = asyncio.run(_ask_all(_model(api, tmp_path), ["a", "b", "c", "d"]))
    assert isinstance(results[0], Card) and isinstance(results[3], Card)
    assert isinstance(results[1], CallFailed) and "the model crashed" in str(results[1])
    assert isinstance(results[2], CallFailed) and "no reply" in str(results[2])


def test_an_expired_batch_keeps_its_partial_output(tmp_path: Path) -> None:
    with FakeBatchAPI(_answer) as api:
        api.expire = True
        results = asyncio.run(_ask_all(_model(api, tmp_path), ["a", "b", "c", "d"]))
    assert [type(r).__name__ for r in results] == ["Card", "Card", "CallFailed", "CallFailed"]


def test_a_rerun_after_a_crash_picks_the_running_batch_up(tmp_path: Path) -> None:
    titles = ["first paper", "second paper"]
    with FakeBatchAPI(_answer) as api:
        # the first run is killed while waiting: the deadline passes before the batch completes
        slow = PollPolicy(first_s=0.01, max_s=0.01, deadline_s=0.0, quiet_s=0.05)
        first = asyncio.run(_ask_all(_model(api, tmp_path, poll=slow), titles))
        assert all(isinstance(r, CallFailed) and "rerun later" in str(r) for r in first)
        assert len(BatchStore(tmp_path).jobs()) == 1 and api.calls["create"] == 1
        second = _model(api, tmp_path)
        cards = asyncio.run(_ask_all(second, titles))
    assert [c.title for c in cards] == titles
    assert api.calls["create"] == 1 and second.stats.resumed  # picked up, not submitted again
    assert BatchStore(tmp_path).jobs() == []


def test_a_second_request_for_a_paper_goes_online(tmp_path: Path) -> None:
    class Online:
        calls = 0

        def fingerprint(self) -> dict[str, Any]:
            return {"model": "gpt-test"}

        async def complete(self, messages: Any, response_model: Any, context: Any) -> Any:
            Online.calls += 1
            return Card(title="re-asked", words=1), None

        async def aclose(self) -> None:
            return None

    async def scenario(model: BatchModel) -> tuple[Any, Any]:
        first = await model.complete([{"role": "user", "content": "p"}], Card, BATCHABLE)
        again = await model.complete([{"role": "user", "content": "fix it"}], Card, BATCHABLE)
        await model.aclose()
        return first[0], again[0]

    with FakeBatchAPI(_answer) as api:
        first, again = asyncio.run(scenario(_model(api, tmp_path, online=Online())))
    assert first.title == "p" and again.title == "re-asked" and Online.calls == 1 and api.calls["create"] == 1


def test_without_an_online_model_a_reask_is_a_clear_failure(tmp_path: Path) -> None:
    async def scenario(model: BatchModel) -> None:
        await model.complete([{"role": "user", "content": "p"}], Card, BATCHABLE)
        await model.complete([{"role": "user", "content": "again"}], Card, BATCHABLE)

    with FakeBatchAPI(_answer) as api, pytest.raises(CallFailed, match="online model"):
        asyncio.run(scenario(_model(api, tmp_path)))


def test_run_with_batch_extracts_every_paper_and_a_rerun_makes_no_request(tmp_path: Path) -> None:
    """`summarizer run --backend llm --batch` end to end: batch replies are grounded and cached as online ones."""
    from summarizer.pipeline import run_pipeline
    from summarizer.settings import Settings
    from summarizer.sources import load_papers
    from tests.cards_factory import SAMPLES
    from tests.llm.fake_server import grounded_answer, overview_answer, paper_of

    def answer(body: dict[str, Any]) -> dict[str, Any]:
        tool = body["tools"][0]["function"]["name"]
        if "Overview" in tool:
            return tool_completion(body, overview_answer(body))
        return tool_completion(body, grounded_answer(*paper_of(body)))

    loaded = load_papers([SAMPLES / "003_acdeb89b21d1e58d.txt"])
    with FakeBatchAPI(answer) as api:
        settings = Settings(backend="llm", base_url=api.url, api_key="test", model="gpt-test", batch=True,
                            batch_poll=0.01, cache_dir=tmp_path / "cache", prices={"gpt-test": (1.0, 2.0)})
        report = run_pipeline(loaded, tmp_path / "out", settings)
        first = dict(api.calls)
        again = run_pipeline(loaded, tmp_path / "out2", settings)
    assert report.counts["cards"] == len(loaded.papers) and first["create"] == 1
    llm = report.llm or {}
    assert llm["batch"]["requests"] == len(loaded.papers) and llm["batch"]["succeeded"] == len(loaded.papers)
    tokens = llm["batch"]["usage"]
    online_cost = (tokens["prompt_tokens"] * 1.0 + tokens["completion_tokens"] * 2.0) / 1e6
    assert llm["batch"]["cost_usd"] == pytest.approx(online_cost / 2)  # at the batch price
    assert llm["cost_usd"] == pytest.approx(sum(t["cost_usd"] for t in llm["tasks"].values()) - online_cost / 2)
    assert dict(api.calls) == first  # the warm rerun sent nothing: no upload, no batch, no chat
    assert (again.llm or {}).get("calls") == 0
