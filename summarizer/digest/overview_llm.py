"""LLM-written theme overviews: a few sentences per theme, each citing the paper ids it summarises.

Same machinery as the extractor, through the run's one `LLM` (`summarizer/prompts/overview.v2.md.j2`;
re-asks, transport retries, the cache, the guard, accounting under the task `overviews` in run.json).
As in the card prompt, the cards' text (it comes from abstracts) is data fenced in `<cards>`; suspicious
cards are never shown to the model. The reply must cite only ids of the cards shown; the digest's
`verify_overview` then aligns each sentence back to the cards it cites and flags (drops) those with a
number, name or link the cards lack, or mostly about what they do not say. A theme whose overview still
fails, or has no trustworthy card, gets the extractive overview, so the digest never loses a theme.
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
from summarizer.extract.screen import fence
from summarizer.llm.context import validation_context
from summarizer.llm.failure import CallFailed
from summarizer.llm.prompts import load_prompt
from summarizer.llm.session import LLM, build_llm
from summarizer.models import PaperCard
from summarizer.settings import Settings

PROMPT_ID = "overview.v2"
TASK = "overviews"
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
    """What the prompt shows of a card, every text fenced (it comes from the abstract, not from us)."""
    gains = [fence(f"{g.metric or 'gain'} {g.value}" + (f" on {g.dataset}" if g.dataset else ""))
             for g in card.claimed_gains]
    return {"id": card.id, "title": fence(card.title), "summary": _fenced(card.summary), "task": _fenced(card.task),
            "method": _fenced(card.method.name), "gains": gains}


def _fenced(text: str | None) -> str | None:
    return fence(text) if text else None


class LLMOverviewWriter:
    """`OverviewWriter` backed by the run's `LLM` (built from `settings` when none is given)."""

    def __init__(self, settings: Settings, client: AsyncOpenAI | None = None, llm: LLM | None = None) -> None:
        self.settings = settings
        self.llm = llm or build_llm(settings, client=client)
        self.prompt = load_prompt(PROMPT_ID, ("theme", "cards"))
        self.fallback = ExtractiveOverviewWriter()
        self.name = f"llm:{settings.model}"

    def write_overviews(self, themes: Mapping[str, Sequence[PaperCard]]) -> dict[str, Overview]:
        return self.llm.run(self._write_all(themes))

    async def _write_all(self, themes: Mapping[str, Sequence[PaperCard]]) -> dict[str, Overview]:
        semaphore = asyncio.Semaphore(self.settings.concurrency)
        names = list(themes)
        done = await asyncio.gather(*(self._one(n, list(themes[n]), semaphore) for n in names))
        return dict(zip(names, done, strict=True))

    async def _one(self, theme: str, cards: list[PaperCard], semaphore: asyncio.Semaphore) -> Overview:
        shown = [c for c in cards if not c.suspicious][:MAX_CARDS]
        if not shown:
            return self.fallback.write_overviews({theme: cards})[theme]  # it leaves suspicious cards out too
        ids = [c.id for c in shown]
        messages = self.prompt.render(theme=theme, cards=[_card_view(c) for c in shown])
        key = self.llm.key(messages, _SCHEMA_SHA, self.prompt.fingerprint())
        subject = f"theme:{theme}"
        cached = self.llm.lookup(TASK, subject, key)
        if cached is not None:
            if isinstance(cached.get("failed"), str):
                return self._extractive(theme, cards, cached["failed"])
            try:
                return self._overview(OverviewReply.model_validate(cached.get("overview"), context={"ids": ids}))
            except ValidationError:
                self.llm.forget(TASK, key)
        async with semaphore:
            try:
                reply, _ = await self.llm.complete(TASK, subject, messages, OverviewReply, {"ids": ids})
            except CallFailed as failed:
                self.llm.failed(TASK, subject, failed.reason)
                if failed.kind not in ("transport", "stopped"):  # the model's answer: the same on a rerun
                    self.llm.store(key, {"kind": "overview", "prompt": self.prompt.id, "failed": failed.reason})
                return self._extractive(theme, cards, failed.reason)
        self.llm.store(key, {"kind": "overview", "prompt": self.prompt.id, "model": self.settings.model,
                             "overview": reply.model_dump(mode="json")})
        return self._overview(reply)

    def _extractive(self, theme: str, cards: list[PaperCard], reason: str) -> Overview:
        fallback = self.fallback.write_overviews({theme: cards})[theme]
        return fallback.model_copy(update={"writer": f"extractive (llm failed: {reason[:120]})"})

    def _overview(self, reply: OverviewReply) -> Overview:
        return Overview(sentences=[OverviewSentence(text=s.text, cites=s.cites) for s in reply.sentences],
                        writer=self.name)

    def stats(self) -> dict[str, Any]:
        return self.llm.report()["tasks"].get(TASK, {})
