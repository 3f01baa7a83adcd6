"""The model seam: one structured completion, with every kind of retry in its place.

`StructuredCall.complete(client, messages, response_model, context)` returns a
validated instance or raises `CallFailed` with a reason fit for run.json:

- invalid JSON / failed validation -> instructor re-asks (`max_retries`), the
  error sent back to the model;
- 429 / 5xx / timeout / connection reset -> tenacity (`summarizer.llm.retry`),
  after the shared back-off gate;
- truncated reply (`finish_reason=length`, which instructor never retries) ->
  retried once with twice the token budget, then recorded.

Every request, response, error and parse error becomes an `Event` (through
per-call instructor hooks), which is how calls and tokens are counted.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

import instructor
import openai
from instructor.core.exceptions import IncompleteOutputException, InstructorRetryException
from instructor.core.hooks import HookName, Hooks
from pydantic import BaseModel, ValidationError
from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt

from summarizer.llm import checked
from summarizer.llm.context import VALIDATION_CONTEXT
from summarizer.llm.events import Event, EventBus, EventKind
from summarizer.llm.failure import CallFailed
from summarizer.llm.guard import NOT_SENT
from summarizer.llm.retry import Backoff, TransportWait, retry_reason, transport_cause, transport_retrying
from summarizer.llm.usage import Usage
from summarizer.settings import redact_url

if TYPE_CHECKING:
    from summarizer.llm.guard import Guard

T = TypeVar("T", bound=BaseModel)
REASKABLE = (ValidationError, json.JSONDecodeError)  # what instructor 1.17 re-asks after (its parse errors)
TRUNCATION_GROWTH = 2  # the one retry of a truncated reply gets this many times the token budget


@dataclass
class Tally:
    """What one paper's calls cost (requests, tokens), and whether the last reply used up its budget."""

    calls: int = 0
    usage: Usage = field(default_factory=Usage)
    budget: int = 0
    hit_budget: bool = False
    attempts: int = 0  # `client.create` calls: the first request of the first is reserved by the seam
    reserved: int = 0  # requests this call reserved itself (retries, re-asks), settled by the model
    refused: bool = False  # the guard refused a re-ask


@dataclass
class CallPolicy:
    model: str
    temperature: float
    max_tokens: int
    max_reasks: int
    max_attempts: int
    wait: TransportWait | None = None


class StructuredCall:
    """Structured completions for one run: shared back-off gate, event bus and policy."""

    def __init__(self, policy: CallPolicy, bus: EventBus, backoff: Backoff | None = None,
                 guard: Guard | None = None) -> None:
        self.policy = policy
        self.bus = bus
        self.backoff = backoff or Backoff()
        self.guard = guard
        checked.install()  # instructor's async-validator check, once per class inside our calls

    async def complete(self, client: instructor.AsyncInstructor, messages: list[dict[str, str]],
                       response_model: type[T], context: dict[str, Any], subject: str,
                       tally: Tally) -> T:
        """A validated `response_model` for `messages`, or `CallFailed`."""
        token = VALIDATION_CONTEXT.set(context)  # validators read the paper here (see summarizer.llm.context)
        try:
            return await self._complete(client, messages, response_model, subject, tally)
        finally:
            VALIDATION_CONTEXT.reset(token)

    async def _complete(self, client: instructor.AsyncInstructor, messages: list[dict[str, str]],
                        response_model: type[T], subject: str, tally: Tally) -> T:
        hooks = self._hooks(subject, tally)
        budget = self.policy.max_tokens
        for attempt in range(2):
            try:
                return await self._with_transport_retries(client, messages, response_model, hooks, budget,
                                                          subject, tally)
            except IncompleteOutputException:
                if attempt == 1:
                    raise CallFailed(f"truncated reply (finish_reason=length) at max_tokens={budget}",
                                     "truncated") from None
                budget *= TRUNCATION_GROWTH
                self.bus.emit(Event(EventKind.RETRY, subject, reason="truncated", wait_s=0.0,
                                    detail=f"retrying with max_tokens={budget}"))
            except CallFailed:
                raise
            except InstructorRetryException as exc:
                if tally.refused and self.guard is not None:  # not the model's answer: do not cache it as one
                    raise CallFailed(f"{NOT_SENT}{self.guard.stopped}", "stopped") from None
                if not tally.hit_budget:
                    raise _failure(exc, self.policy) from None
                if attempt == 1:  # cut off by the budget, but reported as finished (llama.cpp's tools path)
                    raise CallFailed(f"truncated reply (used all max_tokens={budget})", "truncated") from None
                budget *= TRUNCATION_GROWTH
                self.bus.emit(Event(EventKind.RETRY, subject, reason="truncated", wait_s=0.0,
                                    detail=f"reply used its whole budget; retrying with max_tokens={budget}"))
            except Exception as exc:  # a non-retryable HTTP status (400, 401, 404) or a client bug
                raise _failure(exc, self.policy) from None
        raise AssertionError("unreachable")

    async def _with_transport_retries(self, client: instructor.AsyncInstructor, messages: list[dict[str, str]],
                                      response_model: type[T], hooks: Hooks, max_tokens: int, subject: str,
                                      tally: Tally) -> T:
        def on_retry(reason: str, wait_s: float, exc: BaseException | None) -> None:
            self.bus.emit(Event(EventKind.RETRY, subject, reason=reason, wait_s=wait_s,
                                detail=_one_line(transport_cause(exc))))

        p = self.policy
        tally.budget, tally.hit_budget = max_tokens, False
        guard = self.guard
        remaining = guard.remaining if guard is not None else None
        async for attempt in transport_retrying(p.max_attempts, self.backoff, on_retry, p.wait, remaining):
            with attempt:
                await self.backoff.wait()
                if guard is not None and tally.attempts:  # a retry: one more request to reserve
                    guard.reserve()
                    tally.reserved += 1
                tally.attempts += 1
                return await client.create(
                    response_model=response_model, messages=messages,  # type: ignore[arg-type]  # plain dicts
                    max_retries=_reasks(p.max_reasks, tally, guard),
                    strict=False, hooks=hooks, model=p.model, temperature=p.temperature,
                    max_tokens=max_tokens)
        raise AssertionError("unreachable")

    def _hooks(self, subject: str, tally: Tally) -> Hooks:
        bus = self.bus

        def on_request(*_args: Any, **_kwargs: Any) -> None:
            tally.calls += 1
            bus.emit(Event(EventKind.REQUEST, subject))

        def on_response(response: Any) -> None:
            usage = _usage(response)
            tally.usage = tally.usage + usage
            tally.hit_budget = bool(tally.budget) and usage.completion_tokens >= tally.budget
            bus.emit(Event(EventKind.RESPONSE, subject, usage=usage))

        def on_error(error: Exception, **_kwargs: Any) -> None:
            reason = "bad_body" if isinstance(error, json.JSONDecodeError) else retry_reason(error)
            bus.emit(Event(EventKind.ERROR, subject, reason=reason or type(error).__name__, detail=_one_line(error)))

        def on_parse_error(error: Exception, attempt_number: int = 0, **_kwargs: Any) -> None:
            reasked = not tally.hit_budget and attempt_number <= self.policy.max_reasks
            bus.emit(Event(EventKind.PARSE_ERROR, subject, reason="invalid_reply" if reasked else "final",
                           detail=_one_line(error)))

        hooks = Hooks()
        hooks.on(HookName.COMPLETION_KWARGS, on_request)
        hooks.on(HookName.COMPLETION_RESPONSE, on_response)
        hooks.on(HookName.COMPLETION_ERROR, on_error)
        hooks.on(HookName.PARSE_ERROR, on_parse_error)
        return hooks


def _reasks(max_reasks: int, tally: Tally, guard: Guard | None = None) -> AsyncRetrying:
    """instructor's re-ask loop, except after a reply that used the whole token budget.

    Re-asking a cut-off reply with the same budget cuts it off again; `complete`
    retries it once with a larger budget instead. Each re-ask is a request: the
    guard reserves it first, and a refusal ends the loop.
    """
    def again(exc: BaseException) -> bool:
        if not isinstance(exc, REASKABLE) or tally.hit_budget:
            return False
        if guard is not None:
            if not guard.try_reserve():
                tally.refused = True
                return False
            tally.reserved += 1
        return True

    return AsyncRetrying(stop=stop_after_attempt(max_reasks + 1), retry=retry_if_exception(again), reraise=True)


def _usage(response: Any) -> Usage:
    usage = getattr(response, "usage", None)
    if usage is None:
        return Usage()
    return Usage(prompt_tokens=getattr(usage, "prompt_tokens", 0) or 0,
                 completion_tokens=getattr(usage, "completion_tokens", 0) or 0)


def _failure(exc: BaseException, policy: CallPolicy) -> CallFailed:
    """The `CallFailed` for an exception: transport (retried out, or a non-retryable status) or invalid reply."""
    cause = transport_cause(exc)
    transport = isinstance(cause, openai.APIError) and not isinstance(cause, openai.APIResponseValidationError)
    return CallFailed(_failure_reason(exc, policy), "transport" if transport else "invalid", refused=_refused(cause))


def _refused(exc: BaseException | None) -> bool:
    """Whether the connection was refused (nothing listens): no point in asking again."""
    seen = 0
    while exc is not None and seen < 8:
        if isinstance(exc, ConnectionRefusedError) or "Connection refused" in str(exc):
            return True
        exc, seen = exc.__cause__ or exc.__context__, seen + 1
    return False


def _failure_reason(exc: BaseException, policy: CallPolicy) -> str:
    cause = transport_cause(exc)
    reason = retry_reason(cause)
    if reason is not None:
        return f"{reason}: gave up after {policy.max_attempts} attempts ({_one_line(cause)})"
    if isinstance(exc, InstructorRetryException):
        return f"invalid reply after {exc.n_attempts} attempts: {_one_line(cause if cause is not exc else exc)}"
    return f"{type(cause).__name__}: {_one_line(cause)}"


def _one_line(exc: BaseException | None, limit: int = 300) -> str:
    """One short line: an HTTP error names its status, endpoint (without credentials) and a JSON error's
    message, never a raw body (proxies send whole HTML pages); anything else is its message, folded and cut."""
    if isinstance(exc, openai.APIStatusError):
        said = exc.body.get("message") if isinstance(exc.body, dict) else None  # a JSON error's own message
        reason = f": {' '.join(said.split())[:200]}" if isinstance(said, str) and said.strip() else ""
        return f"HTTP {exc.status_code} from {redact_url(str(exc.request.url))}{reason}"
    if isinstance(exc, openai.APIConnectionError):
        return f"{type(exc).__name__} to {redact_url(str(exc.request.url))}"
    text = " ".join(str(exc).split()) if exc is not None else ""
    return text if len(text) <= limit else text[:limit] + "..."
