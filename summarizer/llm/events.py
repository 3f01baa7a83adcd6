"""Named lifecycle events of LLM calls, and the run statistics they add up to.

Every request, response, transport error, parse error (re-ask), retry, cache
hit and failure is one `Event` on an `EventBus`. The extractor's run statistics
(`RunStats`, written to run.json), the log lines and the tests' assertions all
subscribe to the same bus, so there is one account of what happened and no
scattered prints. Events never carry the API key or request headers.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from summarizer.llm.guard import NOT_SENT
from summarizer.llm.usage import Usage
from summarizer.redact import redact_optional

log = logging.getLogger("summarizer.llm")


class EventKind(StrEnum):
    REQUEST = "request"          # one HTTP request to the model is about to be sent
    RESPONSE = "response"        # a completion came back (usage attached)
    ERROR = "error"              # the request failed (transport or HTTP status)
    PARSE_ERROR = "parse_error"  # the reply did not parse or validate; it will be re-asked
    RETRY = "retry"              # a transport fault or truncation is being retried (reason attached)
    CACHE_HIT = "cache_hit"
    CACHE_MISS = "cache_miss"
    DONE = "done"                # a paper got a validated card
    FAILURE = "failure"          # a paper ended without a card (reason attached)


@dataclass(frozen=True)
class Event:
    kind: EventKind
    paper_id: str | None = None
    reason: str | None = None
    detail: str | None = None
    usage: Usage | None = None
    wait_s: float | None = None


Listener = Callable[[Event], None]


class EventBus:
    """Fan-out of events to listeners; a failing listener is logged, never fatal."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Listener:
        self._listeners.append(listener)
        return listener

    def emit(self, event: Event) -> None:
        for listener in self._listeners:
            try:
                listener(event)
            except Exception:  # accounting must not break a paper
                log.exception("event listener failed on %s", event.kind)


@dataclass
class RunStats:
    """Per-run accounting, fed by events: what run.json reports about the LLM backend."""

    calls: int = 0
    cache_hits: int = 0
    cache_misses: int = 0
    parse_errors: int = 0
    usage: Usage = field(default_factory=Usage)
    retries: Counter[str] = field(default_factory=Counter)
    errors: Counter[str] = field(default_factory=Counter)
    failures: dict[str, str] = field(default_factory=dict)
    done: int = 0

    def __call__(self, event: Event) -> None:
        kind = event.kind
        if kind is EventKind.REQUEST:
            self.calls += 1
        elif kind is EventKind.RESPONSE and event.usage is not None:
            self.usage = self.usage + event.usage
        elif kind is EventKind.ERROR:
            self.errors[event.reason or "error"] += 1
        elif kind is EventKind.PARSE_ERROR:
            self.parse_errors += 1
            if event.reason == "invalid_reply":  # re-asked; "final" = out of re-asks or cut off
                self.retries["invalid_reply"] += 1
        elif kind is EventKind.RETRY:
            self.retries[event.reason or "retry"] += 1
        elif kind is EventKind.CACHE_HIT:
            self.cache_hits += 1
        elif kind is EventKind.CACHE_MISS:
            self.cache_misses += 1
        elif kind is EventKind.DONE:
            self.done += 1
        elif kind is EventKind.FAILURE and event.paper_id:
            self.failures[event.paper_id] = event.reason or "failed"

    def cost_usd(self, prices: dict[str, tuple[float, float]], model: str) -> float | None:
        """Estimated cost from a price table (USD per 1M prompt / completion tokens), if the model is in it."""
        if model not in prices:
            return None
        per_prompt, per_completion = prices[model]
        return round((self.usage.prompt_tokens * per_prompt + self.usage.completion_tokens * per_completion) / 1e6,
                     6)

    def as_dict(self) -> dict[str, Any]:
        return {
            "calls": self.calls, "cache_hits": self.cache_hits, "cache_misses": self.cache_misses,
            "cards": self.done, "parse_errors": self.parse_errors,
            "retries": dict(sorted(self.retries.items())), "errors": dict(sorted(self.errors.items())),
            "usage": self.usage.model_dump(),
            "failures": [{"id": pid, "reason": reason} for pid, reason in self.failures.items()],
        }


def log_event(event: Event) -> None:
    """The log lines of a run: retries and failures at WARNING, the rest at DEBUG; credentials masked."""
    reason, detail = redact_optional(event.reason), redact_optional(event.detail)
    if event.kind is EventKind.RETRY:
        log.warning("paper %s: retrying after %s (waiting %.2fs)%s", event.paper_id, reason,
                    event.wait_s or 0.0, f": {detail}" if detail else "")
    elif event.kind is EventKind.FAILURE and not (reason or "").startswith(NOT_SENT):  # said once per run
        log.warning("paper %s: no card: %s", event.paper_id, reason)
    elif log.isEnabledFor(logging.DEBUG):
        log.debug("paper %s: %s %s", event.paper_id, event.kind.value, reason or detail or "")


def quiet_instructor() -> None:
    """instructor logs every failed attempt at ERROR; our events report them once, with the reason."""
    logging.getLogger("instructor").setLevel(logging.CRITICAL)
