"""Fetching from the live APIs, proven without network through httpx's mock transport."""

from pathlib import Path

import httpx
import pytest

from summarizer.errors import SummarizerError
from summarizer.sources.fetch import ARXIV_URL, HF_DAILY_URL, fetch_arxiv, fetch_hf_daily


def _client(handler: httpx.MockTransport) -> httpx.Client:
    return httpx.Client(transport=handler)


def test_fetch_hf_daily_asks_for_the_date_and_returns_the_body(fixtures_dir: Path) -> None:
    body = (fixtures_dir / "hf_daily_papers.json").read_bytes()
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=body)

    with _client(httpx.MockTransport(handler)) as client:
        assert fetch_hf_daily("2024-10-08", client=client) == body
    assert str(seen[0].url) == f"{HF_DAILY_URL}?date=2024-10-08"


def test_fetch_arxiv_sends_the_query_newest_first() -> None:
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, content=b"<feed/>")

    with _client(httpx.MockTransport(handler)) as client:
        fetch_arxiv("ti:lora", max_results=5, client=client)
    params = seen[0].url.params
    assert str(seen[0].url).startswith(ARXIV_URL)
    assert (params["search_query"], params["max_results"], params["sortBy"]) == ("ti:lora", "5", "submittedDate")


@pytest.mark.parametrize(
    ("handler", "message"),
    [
        (lambda request: httpx.Response(503), "HTTP 503"),
        (lambda request: (_ for _ in ()).throw(httpx.ConnectError("no route")), "ConnectError"),
    ],
)
def test_fetch_failures_are_one_line_errors(handler, message: str) -> None:  # type: ignore[no-untyped-def]
    with _client(httpx.MockTransport(handler)) as client, pytest.raises(SummarizerError, match=message) as info:
        fetch_hf_daily(client=client)
    assert "\n" not in str(info.value)
