"""The model seam: `Model.complete(messages, response_model, context) -> (value, usage)`.

Two implementations plug in the same way:

- `OpenAIModel`: any OpenAI-compatible endpoint through instructor (who: `Provider`; how: the mode; transport
  retries, the shared 429 gate and truncation retries: `StructuredCall`, since they speak HTTP);
- `FakeModel`: in process, with queued replies or a function of the messages (as simonw/llm's MockModel and
  pydantic-ai's FunctionModel), for unit tests of every degrade path without HTTP.

Everything else (cache, accounting, the breaker and budgets, grounding re-asks, fallbacks) lives once around
the seam in `summarizer.llm.session.LLM`. A failed call raises `CallFailed` with its kind and usage.
"""

from __future__ import annotations

import asyncio
import json
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol, TypeVar

import httpx2
from openai import AsyncOpenAI
from pydantic import BaseModel, ValidationError

from summarizer.llm.call import CallPolicy, StructuredCall, Tally
from summarizer.llm.events import EventBus
from summarizer.llm.failure import CallFailed
from summarizer.llm.guard import Guard
from summarizer.llm.provider import Provider, public_url
from summarizer.llm.retry import Backoff, TransportWait
from summarizer.llm.usage import Usage
from summarizer.settings import Settings

T = TypeVar("T", bound=BaseModel)
Messages = list[dict[str, str]]


class Model(Protocol):
    name: str

    def fingerprint(self) -> dict[str, Any]:
        """What identifies the model's answers in cache keys: name, endpoint, mode."""
        ...

    async def complete(self, messages: Messages, response_model: type[T], context: dict[str, Any]) -> tuple[T, Usage]:
        """A validated `response_model` and what it cost, or `CallFailed`."""
        ...

    async def aclose(self) -> None:
        """Release connections (called at the end of each event loop that used the model)."""
        ...


class OpenAIModel:
    """An OpenAI-compatible endpoint (OpenAI, vLLM, Ollama, llama.cpp) through instructor."""

    def __init__(self, settings: Settings, *, client: AsyncOpenAI | None = None,
                 transport: httpx2.AsyncBaseTransport | None = None, bus: EventBus | None = None,
                 guard: Guard | None = None, wait: TransportWait | None = None,
                 max_attempts: int | None = None) -> None:
        self.settings = settings
        self.provider = Provider(settings, prebuilt=client, transport=transport)
        self.name = settings.model
        self.bus = bus or EventBus()
        self.policy = CallPolicy(model=settings.model, temperature=settings.temperature,
                                 max_tokens=settings.max_tokens, max_reasks=settings.max_reasks,
                                 max_attempts=max_attempts or settings.max_attempts, wait=wait)
        self.guard = guard
        self._open: tuple[asyncio.AbstractEventLoop, AsyncOpenAI, Any, StructuredCall] | None = None

    @property
    def mode(self) -> str:
        return self.provider.mode

    def fingerprint(self) -> dict[str, Any]:
        return {"model": self.name, "base_url": public_url(self.provider.base_url), "mode": self.provider.mode}

    def _connection(self) -> tuple[Any, StructuredCall]:
        """One client per event loop (an httpx client cannot outlive its loop)."""
        loop = asyncio.get_running_loop()
        if self._open is None or self._open[0] is not loop:
            client = self.provider.open()
            caller = StructuredCall(self.policy, self.bus, Backoff(), self.guard)
            self._open = (loop, client, self.provider.patched(client), caller)
        return self._open[2], self._open[3]

    async def complete(self, messages: Messages, response_model: type[T], context: dict[str, Any]) -> tuple[T, Usage]:
        patched, caller = self._connection()
        tally = Tally()
        try:
            value = await caller.complete(patched, messages, response_model, context,
                                          str(context.get("subject", "")), tally)
        except CallFailed as failed:
            failed.usage = _usage(tally)
            raise
        finally:
            if self.guard is not None:  # the seam settles the call by the requests it really sent
                self.guard.settle(tally.reserved, 0)
        return value, _usage(tally)

    async def aclose(self) -> None:
        if self._open is not None:
            _, client, _, _ = self._open
            self._open = None
            if self.provider.owns_client():
                await client.close()  # closes our httpx client and its transport (a recording cassette saves)


def _usage(tally: Tally) -> Usage:
    return Usage(requests=tally.calls, prompt_tokens=tally.usage.prompt_tokens,
                 completion_tokens=tally.usage.completion_tokens)


Reply = dict[str, Any] | BaseModel | BaseException
ReplyFunction = Callable[[Messages], Reply]


class FakeModel:
    """In-process model: `enqueue(*replies)` (dicts, models, or exceptions to raise), else `function(messages)`.

    Every call is recorded in `requests` (the messages it was given). A dict reply is validated against the
    response model like a real reply; one that does not validate fails the call as `invalid`.
    """

    def __init__(self, *replies: Reply, function: ReplyFunction | None = None, name: str = "fake") -> None:
        self.name = name
        self.queue: deque[Reply] = deque(replies)
        self.function = function
        self.requests: list[Messages] = []

    def enqueue(self, *replies: Reply) -> FakeModel:
        self.queue.extend(replies)
        return self

    def fingerprint(self) -> dict[str, Any]:
        return {"model": self.name, "base_url": None, "mode": "fake"}

    async def complete(self, messages: Messages, response_model: type[T], context: dict[str, Any]) -> tuple[T, Usage]:
        self.requests.append([dict(m) for m in messages])
        usage = Usage(requests=1, prompt_tokens=sum(len(m.get("content") or "") for m in messages) // 4)
        if self.queue:
            reply = self.queue.popleft()
        elif self.function is not None:
            reply = self.function(messages)
        else:
            raise CallFailed("fake model: no reply queued", "invalid", usage)
        if isinstance(reply, CallFailed):
            reply.usage = usage
            raise reply
        if isinstance(reply, BaseException):
            raise reply
        data = reply.model_dump() if isinstance(reply, BaseModel) else reply
        usage.completion_tokens = len(json.dumps(data)) // 4
        try:
            return response_model.model_validate(data, context=context), usage
        except ValidationError as exc:
            raise CallFailed(f"invalid reply: {exc.errors()[0]['msg']}", "invalid", usage) from None

    async def aclose(self) -> None:
        return None
