"""Fault injection against the loopback fake server: the final cards, and what was retried."""

from __future__ import annotations

import time

import pytest
from conftest import TEST_KEY
from fake_server import FakeLLM

from summarizer.extract.rules.provenance import grounding_errors
from summarizer.models import Paper


def assert_grounded(papers: list[Paper], results: list) -> None:
    """The reusable oracle: every card's spans slice back to its values, every gain quotes the abstract."""
    for paper, result in zip(papers, results, strict=True):
        assert result.paper_id == paper.id
        assert result.extraction is not None, result.error
        assert grounding_errors(paper, result.extraction, result.provenance) == []


def test_clean_run_gives_grounded_cards_in_order(make_extractor, papers, fake: FakeLLM) -> None:
    extractor = make_extractor()
    done: list[str] = []
    results = extractor.extract_all(papers[:4], on_done=lambda r: done.append(r.paper_id))
    assert_grounded(papers[:4], results)
    assert sorted(done) == sorted(p.id for p in papers[:4])
    stats = extractor.stats()
    assert stats["calls"] == 4 and stats["retries"] == {} and stats["failures"] == []
    assert stats["usage"]["prompt_tokens"] > 0 and stats["usage"]["completion_tokens"] > 0
    assert sum(r.usage.prompt_tokens for r in results) == stats["usage"]["prompt_tokens"]
    assert fake.auth_headers[0] == f"Bearer {TEST_KEY}"
    assert TEST_KEY not in str(stats)


@pytest.mark.parametrize(("fault", "reason"), [("429", "rate_limited"), ("500", "server_500"),
                                               ("503", "server_503"), ("reset", "connection")])
def test_transport_faults_are_retried(fault: str, reason: str, make_extractor, papers, fake: FakeLLM) -> None:
    fake.script(fault)
    extractor = make_extractor(concurrency=1)
    results = extractor.extract_all(papers[:2])
    assert_grounded(papers[:2], results)
    stats = extractor.stats()
    assert stats["calls"] == 3
    assert stats["retries"] == {reason: 1} and stats["errors"] == {reason: 1}
    assert results[0].calls + results[1].calls == 3


def test_a_reply_body_that_is_not_json_is_retried_by_instructor(make_extractor, papers, fake: FakeLLM) -> None:
    """openai raises JSONDecodeError from the call; instructor retries it (same request) from the re-ask budget."""
    fake.script("garbage")
    extractor = make_extractor(concurrency=1)
    results = extractor.extract_all(papers[:1])
    assert_grounded(papers[:1], results)
    assert extractor.stats()["calls"] == 2 and extractor.stats()["errors"] == {"bad_body": 1}


def test_429_honours_retry_after_and_pauses_everyone(make_extractor, papers, fake: FakeLLM) -> None:
    fake.retry_after = "1"
    fake.latency = 0.05
    fake.script("429")
    extractor = make_extractor(concurrency=2)
    start = time.monotonic()
    results = extractor.extract_all(papers[:6])
    assert_grounded(papers[:6], results)
    assert extractor.stats()["retries"] == {"rate_limited": 1}
    assert time.monotonic() - start >= 1.0
    first = fake.received_at[0]
    offsets = [t - first for t in fake.received_at]
    # once the 429 is back and handled (its latency plus a 0.1 s margin for the worker that was
    # already mid-flight), no new request may go out until Retry-After has passed
    held = [o for o in offsets if fake.latency + 0.1 < o < 0.95]
    assert held == [], f"the shared back-off should hold every new request for Retry-After: {offsets}"
    assert max(offsets) >= 0.95  # and the work resumed after it


def test_timeout_is_retried(make_extractor, papers, fake: FakeLLM) -> None:
    fake.slow_s = 3.0
    fake.script("slow")
    extractor = make_extractor(timeout=0.5, concurrency=1)
    results = extractor.extract_all(papers[:1])
    assert_grounded(papers[:1], results)
    assert extractor.stats()["retries"] == {"timeout": 1}


@pytest.mark.parametrize("fault", ["malformed", "invalid"])
def test_invalid_replies_are_reasked_with_the_error(fault: str, make_extractor, papers, fake: FakeLLM) -> None:
    fake.script(fault)
    extractor = make_extractor(concurrency=1)
    results = extractor.extract_all(papers[:1])
    assert_grounded(papers[:1], results)
    stats = extractor.stats()
    assert stats["calls"] == 2 and stats["parse_errors"] == 1 and stats["retries"] == {"invalid_reply": 1}
    reask = fake.requests[1]["messages"]
    assert any("validation" in str(m.get("content", "")).lower() for m in reask[2:])


def test_ungrounded_fields_are_reasked_once_as_plain_messages(make_extractor, papers, fake: FakeLLM) -> None:
    """The re-ask lists exactly the failing fields, as assistant + user messages (llama.cpp drops tool ones)."""
    fake.script("ungrounded")
    extractor = make_extractor(concurrency=1)
    results = extractor.extract_all(papers[:1])
    assert_grounded(papers[:1], results)
    assert results[0].grounding == [] and results[0].calls == 2
    reask = fake.requests[1]["messages"]
    assert [m["role"] for m in reask] == ["system", "user", "assistant", "user"]
    assert "evil" not in reask[3]["content"] and "https://github.com/invented/repo" in reask[3]["content"]
    assert "claimed_gains.0.evidence" in reask[3]["content"] and "method.name" not in reask[3]["content"]
    assert extractor.stats()["tasks"]["extraction"]["grounding_reasks"] == 1


def test_ungrounded_every_time_degrades_per_field_and_keeps_the_card(make_extractor, papers, fake: FakeLLM) -> None:
    fake.script("ungrounded", "ungrounded")
    extractor = make_extractor(concurrency=1, max_reasks=2)
    results = extractor.extract_all(papers[:2])
    first = results[0]
    assert first.extraction is not None and first.extractor is None  # still the LLM's card
    assert first.extraction.resources.code_urls == [] and first.extraction.claimed_gains == []
    assert {(n.path, n.action) for n in first.grounding} == {("claimed_gains.0.evidence", "dropped"),
                                                              ("resources.code_urls.0", "dropped")}
    assert first.calls == 2 and results[1].calls == 1
    assert_grounded(papers[:2], results)
    assert extractor.stats()["tasks"]["extraction"]["grounding"] == {"dropped": 2}
    rerun = make_extractor(concurrency=1).extract_all(papers[:2])  # the degraded card was cached: no request
    assert [r.cached for r in rerun] == [True, True] and len(fake.requests) == 3
    assert rerun[0].grounding == first.grounding


def test_truncated_reply_is_retried_once_with_a_larger_budget(make_extractor, papers, fake: FakeLLM) -> None:
    fake.script("truncated")
    extractor = make_extractor(concurrency=1, max_tokens=300)
    results = extractor.extract_all(papers[:1])
    assert_grounded(papers[:1], results)
    assert [r["max_tokens"] for r in fake.requests] == [300, 600]
    assert extractor.stats()["retries"] == {"truncated": 1}


def test_reply_cut_at_the_budget_but_reported_finished_counts_as_truncated(make_extractor, papers,
                                                                           fake: FakeLLM) -> None:
    """llama.cpp's tools path says finish_reason=tool_calls for a cut-off reply: no re-ask at the same budget."""
    fake.script("cutoff")
    extractor = make_extractor(concurrency=1, max_tokens=300)
    results = extractor.extract_all(papers[:1])
    assert_grounded(papers[:1], results)
    assert [r["max_tokens"] for r in fake.requests] == [300, 600]
    assert extractor.stats()["retries"] == {"truncated": 1}


def test_truncated_twice_is_recorded(make_extractor, papers, fake: FakeLLM) -> None:
    fake.script("truncated", "truncated")
    extractor = make_extractor(concurrency=1, max_tokens=300)
    results = extractor.extract_all(papers[:2])
    assert results[0].extractor is not None and results[0].extractor.backend == "rules"
    assert results[0].extractor.fallback_reason == "truncated reply (finish_reason=length) at max_tokens=600"
    assert_grounded(papers[:2], results)


def test_exhausted_transport_attempts_fail_that_paper_only(make_extractor, papers, fake: FakeLLM) -> None:
    fake.script("500", "503")
    extractor = make_extractor(concurrency=1, max_attempts=2)
    results = extractor.extract_all(papers[:3])
    fallback = results[0].extractor
    assert fallback is not None and fallback.backend == "rules"
    assert (fallback.fallback_reason or "").startswith("server_503: gave up after 2 attempts")
    assert_grounded(papers[:3], results)  # the rules card is grounded too
    assert all(r.extractor is None for r in results[1:])
    assert extractor.stats()["errors"] == {"server_500": 1, "server_503": 1}


def test_concurrency_is_bounded(make_extractor, papers, fake: FakeLLM) -> None:
    fake.latency = 0.1
    make_extractor(concurrency=2).extract_all(papers[:8])
    assert fake.max_in_flight == 2


@pytest.mark.parametrize("mode", ["tools", "json_schema", "json", "md_json"])
def test_every_mode_round_trips(mode: str, make_extractor, papers, fake: FakeLLM) -> None:
    extractor = make_extractor(mode=mode)
    results = extractor.extract_all(papers[:2])
    assert_grounded(papers[:2], results)
    body = fake.requests[0]
    assert ("tools" in body) == (mode == "tools")
    if mode == "json_schema":
        assert body["response_format"]["type"] == "json_schema"
    if mode == "json":
        assert body["response_format"] == {"type": "json_object"}


def test_paper_text_is_sent_verbatim_never_templated(make_extractor, fake: FakeLLM) -> None:
    """instructor renders messages as jinja2 when given `context=`; ours never pass through it."""
    paper = Paper(id="jinja", title="Braces: {{ 7*7 }} and {% raw %}", source="t", position=0,
                  abstract="We write {{ 7*7 }} and {% if x %} in LaTeX-ish text. It improves recall by 3.5%.")
    results = make_extractor().extract_all([paper])
    assert_grounded([paper], results)
    sent = fake.requests[0]["messages"][1]["content"]
    assert "{{ 7*7 }}" in sent and "{% if x %}" in sent and "49" not in sent


def test_extract_all_works_inside_a_running_event_loop(make_extractor, papers) -> None:
    """Notebooks and async callers: the sync API runs its own loop in a worker thread."""
    import asyncio

    async def caller() -> list:
        return make_extractor().extract_all(papers[:2])

    results = asyncio.run(caller())
    assert_grounded(papers[:2], results)
