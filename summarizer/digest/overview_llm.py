"""LLM-written theme overviews: a few sentences per theme, each citing the paper ids it summarises.

Same machinery as the extractor: `prompts/overview.v1.md.j2`, `StructuredCall`
(re-asks, transport retries), the JSON cache (keyed like extraction calls, and
re-validated on read). The reply must cite only ids of the theme's cards; the
digest's `verify_overview` then flags sentences whose numbers or names are not
in the cited cards. A theme whose overview still fails falls back to the
extractive overview, so the digest never loses a theme to a model error.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
from collections.abc import Mapping, Sequence
from typing import Any

import instructor
from openai import AsyncOpenAI
from pydantic import BaseModel, Field, ValidationError, ValidationInfo, model_validator

from summarizer.digest.extractive import ExtractiveOverviewWriter
from summarizer.digest.overview import Overview, OverviewSentence
from summarizer.llm.cache import JsonCache, cache_key
from summarizer.llm.call import CallFailed, CallPolicy, StructuredCall, Tally
from summarizer.llm.context import validation_context
from summarizer.llm.events import EventBus, RunStats, log_event, quiet_instructor
from summarizer.llm.prompts import load_prompt
from summarizer.llm.provider import Provider, public_url
from summarizer.llm.sync import run_sync
from summarizer.models import PaperCard
from summarizer.settings import Settings

PROMPT_ID = "overview.v1"
MAX_CARDS = 12  # the prompt lists at most this many cards per theme (the top of the theme's order)


class CitedSentence(BaseModel):
    text: str = Field(description="One sentence of the overview", max_length=400)
    cites: list[str] = Field(description="ids of the papers this sentence summarises")


class OverviewReply(instructor.OpenAISchema):
    """A short overview of one theme: sentences that each cite the ids of the papers they summarise."""

    sentences: list[CitedSentence] = Field(description="Two to four sentences", max_length=6)

    # validated against the theme's ids (`context={"ids": [...]}` or the call's validation context)
    @model_validator(mode="after")
    def _cites_known_ids(self, info: ValidationInfo) -> OverviewReply:
        ids = set(validation_context(info.context).get("ids") or [])
        if not ids:
            return self
        problems = [f"sentence {i} cites no paper" for i, s in enumerate(self.sentences) if not s.cites]
        problems += [f"sentence {i} cites unknown ids {sorted(set(s.cites) - ids)}; use only {sorted(ids)}"
                     for i, s in enumerate(self.sentences) if set(s.cites) - ids]
        if not self.sentences:
            problems.append("write at least one sentence")
        if problems:
            raise ValueError("; ".join(problems))
        return self


_SCHEMA_SHA = hashlib.sha256(json.dumps(OverviewReply.model_json_schema(), sort_keys=True).encode()).hexdigest()


def _card_view(card: PaperCard) -> dict[str, Any]:
    gains = [f"{g.metric or 'gain'} {g.value}" + (f" on {g.dataset}" if g.dataset else "")
             for g in card.claimed_gains]
    return {"id": card.id, "title": card.title, "task": card.task, "method": card.method.name, "gains": gains}


class LLMOverviewWriter:
    """`OverviewWriter` backed by the configured OpenAI-compatible model."""

    def __init__(self, settings: Settings, client: AsyncOpenAI | None = None, bus: EventBus | None = None) -> None:
        quiet_instructor()
        self.settings = settings
        self.provider = Provider(settings, prebuilt=client)
        self.prompt = load_prompt(PROMPT_ID, ("theme", "cards"))
        self.cache = JsonCache(settings.cache_dir, enabled=not settings.no_cache)
        self.bus = bus or EventBus()
        self.run_stats = RunStats()
        self.bus.subscribe(self.run_stats)
        self.bus.subscribe(log_event)
        self.fallback = ExtractiveOverviewWriter()
        self.name = f"llm:{settings.model}"
        self.policy = CallPolicy(model=settings.model, temperature=settings.temperature,
                                 max_tokens=settings.max_tokens, max_reasks=settings.max_reasks,
                                 max_attempts=settings.max_attempts)

    def write_overviews(self, themes: Mapping[str, Sequence[PaperCard]]) -> dict[str, Overview]:
        try:
            return run_sync(self._write_all(themes))
        finally:
            self.cache.close()

    async def _write_all(self, themes: Mapping[str, Sequence[PaperCard]]) -> dict[str, Overview]:
        client = self.provider.open()
        try:
            caller = StructuredCall(self.policy, self.bus)
            patched = self.provider.patched(client)
            semaphore = asyncio.Semaphore(self.settings.concurrency)
            names = list(themes)
            done = await asyncio.gather(*(self._one(n, list(themes[n]), caller, patched, semaphore) for n in names))
            return dict(zip(names, done, strict=True))
        finally:
            if self.provider.owns_client():
                await client.close()

    async def _one(self, theme: str, cards: list[PaperCard], caller: StructuredCall, client: Any,
                   semaphore: asyncio.Semaphore) -> Overview:
        shown = cards[:MAX_CARDS]
        ids = [c.id for c in shown]
        messages = self.prompt.render(theme=theme, cards=[_card_view(c) for c in shown])
        key = cache_key(model=self.settings.model, base_url=public_url(self.provider.base_url),
                        mode=self.provider.mode, messages=messages, schema_sha256=_SCHEMA_SHA,
                        params={"temperature": self.settings.temperature, "max_tokens": self.settings.max_tokens},
                        prompt=self.prompt.fingerprint())
        cached = self.cache.get(key)
        if cached is not None:
            try:
                return self._overview(OverviewReply.model_validate(cached.get("overview"), context={"ids": ids}))
            except ValidationError:
                self.cache.delete(key)
        async with semaphore:
            try:
                reply = await caller.complete(client, messages, OverviewReply, {"ids": ids}, f"theme:{theme}",
                                              Tally())
            except CallFailed as failed:
                fallback = self.fallback.write_overviews({theme: cards})[theme]
                return fallback.model_copy(update={"writer": f"extractive (llm failed: {failed.reason[:120]})"})
        self.cache.set(key, {"kind": "overview", "prompt": self.prompt.id, "model": self.settings.model,
                             "overview": reply.model_dump(mode="json")})
        return self._overview(reply)

    def _overview(self, reply: OverviewReply) -> Overview:
        return Overview(sentences=[OverviewSentence(text=s.text, cites=s.cites) for s in reply.sentences],
                        writer=self.name)

    def stats(self) -> dict[str, Any]:
        return self.run_stats.as_dict()
