"""Who we talk to: the OpenAI-compatible client, its key and base URL, and the default mode.

Kept apart from *how* the schema is enforced (the instructor mode, chosen here
but applied by `summarizer.llm.call`), so tests, proxies and cassettes can hand
in a prebuilt `AsyncOpenAI` or an httpx transport without touching mode logic.

The HTTP client is `httpx2`, the library openai 3.x itself is built on (not `httpx` 0.x): its connection
pool assigns requests in one pass, where httpcore 1.x rescans every pooled connection per request and
probes its socket, which cost ~4 ms of event-loop CPU per paper at 32 concurrent requests
(`bench/llm_throughput.py`).

The openai client's own retries are switched off (`max_retries=0`): transport
faults are retried by our tenacity policy (`summarizer.llm.retry`), which logs
every attempt, honours Retry-After and shares back-off across requests. Left
on, the two would multiply (3 x 4 attempts) and hide what happened.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

import httpx2
import instructor
from openai import AsyncOpenAI
from openai.resources import chat as _chat_resources  # see _EAGER below

from summarizer.settings import Settings

MODES: dict[str, instructor.Mode] = {
    "tools": instructor.Mode.TOOLS,
    "json_schema": instructor.Mode.JSON_SCHEMA,
    "json": instructor.Mode.JSON,
    "md_json": instructor.Mode.MD_JSON,
}
OLLAMA_PORT = 11434
_EAGER = _chat_resources  # openai 3.x imports its resources lazily on the first `client.chat` (~0.3 s);
# importing them with this module keeps that off the event loop, where it stalls a run's first requests
PLACEHOLDER_KEY = "not-needed"  # local servers ignore the key, but the openai client insists on one


def default_mode(base_url: str | None) -> str:
    """What the endpoint is known to support.

    OpenAI (no base URL, or api.openai.com) and llama-cpp-python's server: `tools`
    (a named tool choice is grammar-constrained there; its server rejects
    `response_format: json_schema`). Ollama (port 11434): `json_schema`. vLLM
    takes both; `tools` is the default, `--mode json_schema` is the alternative.
    """
    if not base_url:
        return "tools"
    parts = urlsplit(base_url)
    if parts.port == OLLAMA_PORT or "ollama" in (parts.hostname or ""):
        return "json_schema"
    return "tools"


def public_url(base_url: str | None) -> str | None:
    """The base URL without user:password@ (safe for run.json, logs and cache keys)."""
    if not base_url:
        return None
    parts = urlsplit(base_url)
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path.rstrip("/"), "", ""))


@dataclass
class Provider:
    """The endpoint: model name, base URL, mode, and how to get a client for one run."""

    settings: Settings
    prebuilt: AsyncOpenAI | None = None
    transport: httpx2.AsyncBaseTransport | None = None

    @property
    def model(self) -> str:
        return self.settings.model

    @property
    def base_url(self) -> str | None:
        if self.prebuilt is not None:
            return str(self.prebuilt.base_url)
        return self.settings.base_url

    @property
    def mode(self) -> str:
        return self.settings.mode if self.settings.mode != "auto" else default_mode(self.base_url)

    @property
    def instructor_mode(self) -> instructor.Mode:
        return MODES[self.mode]

    def open(self) -> AsyncOpenAI:
        """A client for one run (one event loop): ours is fresh, a prebuilt one is reused without retries."""
        if self.prebuilt is not None:
            return self.prebuilt.with_options(max_retries=0, timeout=self.settings.timeout)
        key = self.settings.api_key.get_secret_value() if self.settings.api_key else PLACEHOLDER_KEY
        limits = httpx2.Limits(max_connections=self.settings.concurrency + 4,
                              max_keepalive_connections=self.settings.concurrency + 4)
        http = httpx2.AsyncClient(transport=self.transport, limits=limits, timeout=self.settings.timeout,
                                 trust_env=self.transport is None)
        return AsyncOpenAI(api_key=key, base_url=self.settings.base_url, timeout=self.settings.timeout,
                           max_retries=0, http_client=http)

    def owns_client(self) -> bool:
        return self.prebuilt is None

    def patched(self, client: AsyncOpenAI) -> instructor.AsyncInstructor:
        return instructor.from_openai(client, mode=self.instructor_mode)
