"""`LLM`: one per run, around the model seam: cache, accounting per task, the guard, events.

The pipeline builds one (`build_llm`) and hands it to every task that talks to a model (extraction,
overviews), so a run has one client, one 429 gate, one breaker and budget, one cache and one account:
run.json's `llm` section adds up to what the server saw, and a warm rerun makes zero requests.
"""

from __future__ import annotations

import gc
from collections import Counter
from collections.abc import Coroutine, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

import httpx2
from openai import AsyncOpenAI
from pydantic import BaseModel

from summarizer.llm.cache import JsonCache, cache_key
from summarizer.llm.events import Event, EventBus, EventKind, RunStats, log_event, quiet_instructor
from summarizer.llm.failure import CallFailed
from summarizer.llm.guard import Guard
from summarizer.llm.model import Messages, Model, OpenAIModel
from summarizer.llm.retry import TransportWait
from summarizer.llm.sync import run_sync
from summarizer.llm.usage import Usage
from summarizer.settings import Settings

T = TypeVar("T", bound=BaseModel)
R = TypeVar("R")


@dataclass
class TaskStats:
    """One task's account (extraction, overviews): requests, tokens, cache, failures and what was done."""

    usage: Usage = field(default_factory=Usage)
    cache_hits: int = 0
    cache_misses: int = 0
    reasks: int = 0
    failures: dict[str, str] = field(default_factory=dict)
    grounding: Counter[str] = field(default_factory=Counter)  # values dropped / nulled / replaced

    def as_dict(self, guard: Guard) -> dict[str, Any]:
        cost = guard.cost(self.usage)
        return {"calls": self.usage.requests, "usage": self.usage.model_dump(), "cost_usd": _round(cost),
                "cache_hits": self.cache_hits, "cache_misses": self.cache_misses, "grounding_reasks": self.reasks,
                "grounding": dict(sorted(self.grounding.items())), "fallbacks": len(self.failures),
                "failures": [{"id": k, "reason": v} for k, v in self.failures.items()]}


class LLM:
    """The model of a run with everything that lives once around it."""

    def __init__(self, model: Model, settings: Settings, *, guard: Guard | None = None, bus: EventBus | None = None,
                 cache: JsonCache | None = None) -> None:
        quiet_instructor()
        self.model, self.settings = model, settings
        self.guard = guard or guard_from(settings)
        self.bus = bus or EventBus()
        self.events = RunStats()
        self.bus.subscribe(self.events)
        self.bus.subscribe(log_event)
        self.cache = cache or JsonCache(settings.cache_dir, enabled=not settings.no_cache)
        self.tasks: dict[str, TaskStats] = {}

    def task(self, name: str) -> TaskStats:
        return self.tasks.setdefault(name, TaskStats())

    def key(self, messages: Messages, schema_sha256: str, prompt: dict[str, str]) -> str:
        """Cache key: model, endpoint, mode, rendered messages, generation params, schema and prompt hashes."""
        s = self.settings
        return cache_key(**self.model.fingerprint(), messages=messages, schema_sha256=schema_sha256, prompt=prompt,
                         params={"temperature": s.temperature, "max_tokens": s.max_tokens})

    def lookup(self, task: str, subject: str, key: str) -> dict[str, Any] | None:
        value = self.cache.get(key) if self.cache.enabled else None
        stats = self.task(task)
        if value is None:
            stats.cache_misses += 1
            self.bus.emit(Event(EventKind.CACHE_MISS, subject))
        else:
            stats.cache_hits += 1
            self.bus.emit(Event(EventKind.CACHE_HIT, subject))
        return value

    def forget(self, task: str, key: str) -> None:
        """A cached value that no longer validates: drop it and count the lookup as a miss."""
        self.cache.delete(key)
        stats = self.task(task)
        stats.cache_hits, stats.cache_misses = stats.cache_hits - 1, stats.cache_misses + 1

    def store(self, key: str, value: dict[str, Any]) -> None:
        self.cache.set(key, value)

    async def complete(self, task: str, subject: str, messages: Messages, response_model: type[T],
                       context: dict[str, Any]) -> tuple[T, Usage]:
        """One model call, accounted to `task`; `CallFailed` when it fails or the guard stops it."""
        stats = self.task(task)
        self.guard.reserve()  # its first request counts before it is sent: --max-calls is a hard cap
        try:
            value, usage = await self.model.complete(messages, response_model, {**context, "subject": subject})
        except CallFailed as failed:
            self._charge(stats, failed.usage)
            self.guard.outcome(failed)
            raise
        self._charge(stats, usage)
        self.guard.outcome(None)
        return value, usage

    def _charge(self, stats: TaskStats, usage: Usage) -> None:
        stats.usage = stats.usage + usage
        self.guard.charge(usage)
        self.guard.settle(1, usage.requests)

    def failed(self, task: str, subject: str, reason: str) -> None:
        self.task(task).failures[subject] = reason
        self.bus.emit(Event(EventKind.FAILURE, subject, reason=reason))

    def run(self, coro: Coroutine[Any, Any, R]) -> R:
        """Run `coro` on a fresh event loop, then close the model's connections of that loop."""

        async def closing() -> R:
            try:
                return await coro
            finally:
                await self.model.aclose()

        try:
            with frozen_heap():
                return run_sync(closing())
        finally:
            self.cache.close()  # every thread's sqlite connection; the next lookup reopens

    def report(self) -> dict[str, Any]:
        """run.json's `llm` section: totals, per task, events, cache, and why calling stopped (if it did)."""
        total = Usage()
        for stats in self.tasks.values():
            total = total + stats.usage
        fingerprint = self.model.fingerprint()
        return {
            **fingerprint, "concurrency": self.settings.concurrency,
            "cache": {"enabled": self.cache.enabled, "directory": str(self.cache.directory),
                      "moved_aside": str(self.cache.moved_aside) if self.cache.moved_aside else None,
                      "refused": self.cache.refused},
            "calls": total.requests, "usage": total.model_dump(), "cost_usd": _round(self.guard.cost(total)),
            "cache_hits": sum(s.cache_hits for s in self.tasks.values()),
            "cache_misses": sum(s.cache_misses for s in self.tasks.values()),
            "retries": dict(sorted(self.events.retries.items())), "errors": dict(sorted(self.events.errors.items())),
            "parse_errors": self.events.parse_errors,
            "stopped": self.guard.stopped, "stop_kind": self.guard.stop_kind,
            "tasks": {name: stats.as_dict(self.guard) for name, stats in sorted(self.tasks.items())},
            **self._batch_report(total),
        }

    def _batch_report(self, total: Usage) -> dict[str, Any]:
        """With `--batch`: the batches, and the run's cost with batch tokens at the batch price."""
        stats = getattr(self.model, "stats", None)
        if stats is None or not hasattr(stats, "as_dict"):
            return {}
        batch_usage, cost = stats.usage, self.guard.cost(total)
        batch_cost = self.guard.cost(batch_usage)
        if cost is not None and batch_cost is not None:
            cost -= batch_cost * (1 - self.settings.batch_price)
            batch_cost *= self.settings.batch_price
        return {"cost_usd": _round(cost), "batch": {**stats.as_dict(), "cost_usd": _round(batch_cost)}}


@contextmanager
def frozen_heap() -> Iterator[None]:
    """Keep the objects that exist before a run out of the garbage collector's full passes during it.

    A full collection walks every tracked object (modules, papers, cards: 180,000+ in a `summarizer run`)
    and stalls the event loop while it does, which delays every reply in flight; with the heap frozen,
    full passes only walk what the run allocated (`bench/llm_throughput.py`: ~0.8 ms of CPU per paper
    less). Nothing frozen is lost: `unfreeze` hands it back to the collector. A heap someone else froze
    (e.g. before forking) is left as it is.
    """
    if gc.get_freeze_count():
        yield
        return
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _round(cost: float | None) -> float | None:
    return None if cost is None else round(cost, 6)


def guard_from(settings: Settings) -> Guard:
    return Guard(breaker_failures=settings.breaker_failures, max_calls=settings.max_calls,
                 max_cost=settings.max_cost, deadline_s=settings.deadline, price=settings.prices.get(settings.model))


def build_llm(settings: Settings, *, client: AsyncOpenAI | None = None,
              transport: httpx2.AsyncBaseTransport | None = None, wait: TransportWait | None = None,
              max_attempts: int | None = None, bus: EventBus | None = None, cache: JsonCache | None = None) -> LLM:
    """The run's LLM on an OpenAI-compatible endpoint (the only place that builds one)."""
    guard, bus = guard_from(settings), bus or EventBus()
    model: Model = OpenAIModel(settings, client=client, transport=transport, bus=bus, guard=guard, wait=wait,
                               max_attempts=max_attempts)
    if settings.batch:
        from summarizer.llm.batch import batch_model

        model = batch_model(settings, model, client=client, transport=transport)
    return LLM(model, settings, guard=guard, bus=bus, cache=cache)
