"""Fetch listings from the live APIs, for users who are online.

Fetching only saves the raw reply to a file; parsing it is the same code path
as for any local file, so what was fetched can be re-run offline.
"""

from __future__ import annotations

import httpx

from summarizer.errors import SummarizerError

HF_DAILY_URL = "https://huggingface.co/api/daily_papers"
ARXIV_URL = "https://export.arxiv.org/api/query"
USER_AGENT = "summarizer/0.1 (+https://pypi.org/project/summarizer)"


def _get(url: str, params: dict[str, str | int], client: httpx.Client | None) -> bytes:
    own = client is None
    http = client or httpx.Client(timeout=30.0, follow_redirects=True, headers={"User-Agent": USER_AGENT})
    try:
        response = http.get(url, params=params)
        response.raise_for_status()
        return response.content
    except httpx.HTTPStatusError as exc:
        raise SummarizerError(f"{url}: HTTP {exc.response.status_code}") from None
    except httpx.HTTPError as exc:
        raise SummarizerError(f"{url}: {type(exc).__name__}: {exc} (are you online?)") from None
    finally:
        if own:
            http.close()


def fetch_hf_daily(date: str | None = None, client: httpx.Client | None = None) -> bytes:
    """The daily-papers API JSON for `date` (YYYY-MM-DD), or today's listing."""
    return _get(HF_DAILY_URL, {"date": date} if date else {}, client)


def fetch_arxiv(query: str, max_results: int = 100, client: httpx.Client | None = None) -> bytes:
    """arXiv API Atom feed for a search query, newest first."""
    params: dict[str, str | int] = {"search_query": query, "start": 0, "max_results": max_results,
                                    "sortBy": "submittedDate", "sortOrder": "descending"}
    return _get(ARXIV_URL, params, client)
