"""Provider defaults, Retry-After parsing, cost estimates, and keys kept out of logs."""

from __future__ import annotations

import logging
import time
from email.utils import formatdate
from pathlib import Path

import httpx
import openai
import pytest
from conftest import TEST_KEY, llm_settings
from fake_server import FakeLLM

from summarizer.llm.provider import Provider, default_mode, public_url
from summarizer.llm.retry import retry_after, retry_reason


@pytest.mark.parametrize(("url", "mode"), [
    (None, "tools"), ("https://api.openai.com/v1", "tools"), ("http://127.0.0.1:8080/v1", "tools"),
    ("http://localhost:11434/v1", "json_schema"), ("http://ollama.internal/v1", "json_schema"),
])
def test_default_mode_per_endpoint(url: str | None, mode: str) -> None:
    assert default_mode(url) == mode


def test_public_url_drops_credentials() -> None:
    assert public_url("https://user:secret@host.example:8443/v1/") == "https://host.example:8443/v1"


def test_prebuilt_client_is_used_without_its_own_retries(fake: FakeLLM, tmp_path: Path) -> None:
    client = openai.AsyncOpenAI(api_key="x", base_url=fake.url)  # default: 2 retries, 600 s timeout
    provider = Provider(llm_settings(fake.url, tmp_path, timeout=7.0), prebuilt=client)
    opened = provider.open()
    assert opened.max_retries == 0 and opened.timeout == 7.0 and not provider.owns_client()


def _status_error(status: int, headers: dict[str, str]) -> openai.APIStatusError:
    request = httpx.Request("POST", "http://127.0.0.1/v1/chat/completions")
    response = httpx.Response(status, headers=headers, request=request)
    cls = openai.RateLimitError if status == 429 else openai.InternalServerError
    return cls("x", response=response, body=None)


def test_retry_after_forms() -> None:
    assert retry_after(_status_error(429, {"retry-after": "3"})) == 3.0
    assert retry_after(_status_error(429, {"retry-after-ms": "250", "retry-after": "3"})) == 0.25
    in_two = retry_after(_status_error(429, {"retry-after": formatdate(time.time() + 2, usegmt=True)}))
    assert in_two is not None and 0 < in_two <= 2.5
    assert retry_after(_status_error(429, {"retry-after": "soon"})) is None
    assert retry_reason(_status_error(503, {})) == "server_503"
    assert retry_reason(_status_error(429, {})) == "rate_limited"
    assert retry_reason(ValueError("x")) is None


def test_cost_estimate_and_no_key_in_logs(make_extractor, papers, fake: FakeLLM, caplog) -> None:
    caplog.set_level(logging.DEBUG)
    fake.script("429", "500")
    extractor = make_extractor(prices={"fake-model": (1.0, 2.0)})
    extractor.extract_all(papers[:2])
    stats = extractor.stats()
    usage = stats["usage"]
    assert stats["cost_usd"] == pytest.approx((usage["prompt_tokens"] * 1 + usage["completion_tokens"] * 2) / 1e6)
    assert "retrying after rate_limited" in caplog.text and "retrying after server_500" in caplog.text
    assert TEST_KEY not in caplog.text
    assert make_extractor().stats()["cost_usd"] is None  # model not in the (empty) price table
