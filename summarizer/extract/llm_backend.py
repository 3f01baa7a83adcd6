"""`LLMExtractor`: the same card as the rules backend, filled by any OpenAI-compatible model.

Papers stream through an async pipeline with bounded concurrency; each one is
looked up in the cache (a hit is re-validated against the current grounding
rules, and a value that fails is a miss), otherwise sent to the model through
`StructuredCall` (re-asks, transport retries, truncation retry). Only grounded
cards are cached, one commit each, so a killed run resumes where it stopped.
A paper that still fails becomes a `CardResult` with the reason; the run goes on.

Results come back in input order; `on_done` fires as each paper finishes.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import instructor
from openai import AsyncOpenAI
from pydantic import ValidationError

from summarizer.extract.base import CardResult, OnDone, Usage
from summarizer.extract.grounding import GroundedExtraction, PaperText, ground, plain
from summarizer.llm.cache import JsonCache, cache_key
from summarizer.llm.call import CallFailed, CallPolicy, StructuredCall, Tally
from summarizer.llm.cassette import REPLAY_SETTINGS, CassetteMode, CassetteTransport
from summarizer.llm.events import Event, EventBus, EventKind, RunStats, log_event, quiet_instructor
from summarizer.llm.prompts import Prompt, load_prompt
from summarizer.llm.provider import Provider, public_url
from summarizer.llm.retry import Backoff, TransportWait
from summarizer.llm.sync import run_sync
from summarizer.models import ExtractorInfo, Paper
from summarizer.settings import Settings

PROMPT_ID = "extract.v1"
PROMPT_VARIABLES = ("title", "abstract")


class PaperCardReply(GroundedExtraction, instructor.OpenAISchema):
    """A card for one research paper: only what its title and abstract state, quotes copied verbatim."""


# An OpenAISchema subclass, so instructor uses it as is: for a plain model it builds a wrapper class
# with pydantic's create_model on every call (~3 ms of CPU per request).
RESPONSE_MODEL = PaperCardReply
_SCHEMA_SHA = hashlib.sha256(json.dumps(RESPONSE_MODEL.model_json_schema(), sort_keys=True).encode()).hexdigest()


class LLMExtractor:
    """The `llm` backend. `client`: a prebuilt AsyncOpenAI (tests, proxies); `cassette`: record/replay file."""

    def __init__(self, settings: Settings, client: AsyncOpenAI | None = None, *, cassette: Path | None = None,
                 cassette_mode: CassetteMode | None = None, bus: EventBus | None = None,
                 wait: TransportWait | None = None, prompt: Prompt | None = None) -> None:
        quiet_instructor()
        self.cassette: CassetteTransport | None = None
        if cassette is not None:
            if client is not None:
                raise ValueError("a cassette replaces the HTTP transport: pass either client or cassette")
            if cassette_mode is None:
                raise ValueError("cassette_mode must be 'record' or 'replay' when a cassette is given")
            self.cassette = CassetteTransport(cassette, cassette_mode)
            settings = _cassette_settings(settings, self.cassette)
        self.settings = settings
        self.provider = Provider(settings, prebuilt=client, transport=self.cassette)
        self.prompt = prompt or load_prompt(PROMPT_ID, PROMPT_VARIABLES)
        self.cache = JsonCache(settings.cache_dir, enabled=not settings.no_cache and self.cassette is None)
        self.bus = bus or EventBus()
        self.run_stats = RunStats()
        self.bus.subscribe(self.run_stats)
        self.bus.subscribe(log_event)
        self.policy = CallPolicy(model=settings.model, temperature=settings.temperature,
                                 max_tokens=settings.max_tokens, max_reasks=settings.max_reasks,
                                 max_attempts=1 if cassette_mode == "replay" else settings.max_attempts, wait=wait)
        self.info = ExtractorInfo(backend="llm", model=settings.model, prompt_version=self.prompt.id)
        self._elapsed = 0.0
        if self.cassette is not None and cassette_mode == "record":
            self.cassette.meta.update({k: getattr(settings, k) for k in REPLAY_SETTINGS} | {
                "mode": self.provider.mode, "prompt": self.prompt.fingerprint()})

    # -- the Extractor protocol -------------------------------------------------------------------------
    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        start = time.perf_counter()
        try:
            return run_sync(self._extract_all(papers, on_done))
        finally:
            self.cache.close()  # every thread's connection; the next call reopens
            self._elapsed += time.perf_counter() - start

    async def _extract_all(self, papers: Sequence[Paper], on_done: OnDone | None) -> list[CardResult]:
        """Cache hits first (synchronously, cheap), then `concurrency` workers drain the misses.

        A fixed pool instead of one task per paper keeps the event loop free for
        replies: with hundreds of parked tasks the loop's own bookkeeping delays
        every response it has to parse.
        """
        results: dict[int, CardResult] = {}
        pending: asyncio.Queue[tuple[int, Paper, list[dict[str, str]], str]] = asyncio.Queue()
        for index, paper in enumerate(papers):
            messages = self.prompt.render(title=paper.title, abstract=paper.abstract)
            key = self.key(messages)
            cached = self._from_cache(key, paper)
            if cached is None:
                pending.put_nowait((index, paper, messages, key))
            else:
                results[index] = cached
                if on_done is not None:
                    on_done(cached)
        if not pending.empty():
            await self._drain(pending, results, on_done)
        return [results[i] for i in range(len(papers))]

    async def _drain(self, pending: asyncio.Queue[tuple[int, Paper, list[dict[str, str]], str]],
                     results: dict[int, CardResult], on_done: OnDone | None) -> None:
        client = self.provider.open()
        try:
            caller = StructuredCall(self.policy, self.bus, Backoff())
            patched = self.provider.patched(client)

            async def worker() -> None:
                while not pending.empty():
                    index, paper, messages, key = pending.get_nowait()
                    result = await self._call(paper, messages, key, caller, patched)
                    results[index] = result
                    if on_done is not None:
                        on_done(result)

            workers = min(self.settings.concurrency, pending.qsize())
            await asyncio.gather(*(asyncio.create_task(worker()) for _ in range(workers)))
        finally:
            if self.provider.owns_client():
                await client.close()  # closes our httpx client and its transport (a recording cassette saves)

    async def _call(self, paper: Paper, messages: list[dict[str, str]], key: str, caller: StructuredCall,
                    client: Any) -> CardResult:
        tally = Tally()
        try:
            value = await caller.complete(client, messages, RESPONSE_MODEL,
                                          {"paper": paper, "paper_text": PaperText(paper)}, paper.id, tally)
        except CallFailed as failed:
            self.bus.emit(Event(EventKind.FAILURE, paper.id, reason=failed.reason))
            return CardResult(paper_id=paper.id, error=failed.reason, calls=tally.calls, usage=tally.usage)
        extraction, provenance = ground(paper, plain(value))
        self.cache.set(key, {"kind": "extraction", "prompt": self.prompt.id, "model": self.settings.model,
                             "paper_id": paper.id, "extraction": extraction.model_dump(mode="json"),
                             "usage": tally.usage.model_dump()})
        self.bus.emit(Event(EventKind.DONE, paper.id))
        return CardResult(paper_id=paper.id, extraction=extraction, provenance=provenance, calls=tally.calls,
                          usage=tally.usage)

    def _from_cache(self, key: str, paper: Paper) -> CardResult | None:
        """A cached card that still validates against today's rules; anything else is a miss."""
        if not self.cache.enabled:
            return None
        value = self.cache.get(key)
        if value is not None:
            try:
                validated = RESPONSE_MODEL.model_validate(value.get("extraction"), context={"paper": paper})
            except ValidationError:
                self.cache.delete(key)
            else:
                extraction, provenance = ground(paper, plain(validated))
                self.bus.emit(Event(EventKind.CACHE_HIT, paper.id))
                self.bus.emit(Event(EventKind.DONE, paper.id))
                return CardResult(paper_id=paper.id, extraction=extraction, provenance=provenance, cached=True)
        self.bus.emit(Event(EventKind.CACHE_MISS, paper.id))
        return None

    def key(self, messages: list[dict[str, str]]) -> str:
        """Cache key: model, endpoint, mode, rendered messages, generation params, schema and prompt hashes."""
        s = self.settings
        return cache_key(model=s.model, base_url=public_url(self.provider.base_url), mode=self.provider.mode,
                         messages=messages, params={"temperature": s.temperature, "max_tokens": s.max_tokens},
                         schema_sha256=_SCHEMA_SHA, prompt=self.prompt.fingerprint())

    # -- what run.json says about this backend --------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        s, rs = self.settings, self.run_stats
        report = {
            "model": s.model, "base_url": public_url(self.provider.base_url), "mode": self.provider.mode,
            "prompt": self.prompt.fingerprint(), "concurrency": s.concurrency,
            "cache": {"enabled": self.cache.enabled, "directory": str(s.cache_dir),
                      "moved_aside": str(self.cache.moved_aside) if self.cache.moved_aside else None,
                      "refused": self.cache.refused},
            **rs.as_dict(), "cost_usd": rs.cost_usd(s.prices, s.model), "elapsed_s": round(self._elapsed, 3),
        }
        if self.cassette is not None:
            report["cassette"] = {"path": str(self.cassette.path), "mode": self.cassette.mode,
                                  "misses": len(self.cassette.misses), "unused": len(self.cassette.unused())}
        return report

    @property
    def usage(self) -> Usage:
        return self.run_stats.usage


def _cassette_settings(settings: Settings, cassette: CassetteTransport) -> Settings:
    """Record and replay bypass the cache; replay also adopts the recorded model and parameters."""
    update: dict[str, Any] = {"no_cache": True}
    if cassette.mode == "replay":
        update |= {k: cassette.meta[k] for k in REPLAY_SETTINGS if k in cassette.meta}
        update.setdefault("base_url", settings.base_url or "http://cassette.invalid/v1")
    return settings.model_copy(update=update)
