"""`LLMExtractor`: the same card as the rules backend, filled by a model through the run's `LLM`.

Per paper: the cache (a hit is re-grounded against today's rules), else one call; the reply is grounded per
field (`summarizer.extract.grounding`); if fields fail, ONE re-ask lists exactly those fields (as plain
messages, which every server keeps, unlike tool messages); the better reply is kept and whatever still fails
is dropped or nulled and recorded on the card. A paper whose call fails outright (transport exhausted,
refusal, no parsable reply, or the run's guard stopped calling) gets the rules card, marked as a fallback
with the reason, so every paper reaches the digest and the export. Replies and deterministic failures are
cached, so a warm rerun makes zero requests; transport failures are not, so a rerun retries them.

Results come back in input order; `on_done` fires as each paper finishes. `iter_results` streams them a
window of papers at a time, so a backfill of 100,000 papers never holds 100,000 results (a batch run is one
window: the provider answers a batch as a whole).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections import deque
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openai import AsyncOpenAI
from pydantic import ValidationError

from summarizer.extract.base import CardResult, OnDone, Usage
from summarizer.extract.grounding import Grounded, GroundedExtraction, ground, plain, reask_message
from summarizer.extract.rules import RulesExtractor
from summarizer.extract.screen import fence, mask
from summarizer.llm.cassette import REPLAY_SETTINGS, CassetteMode, CassetteTransport
from summarizer.llm.events import Event, EventBus, EventKind
from summarizer.llm.failure import CallFailed
from summarizer.llm.model import Messages
from summarizer.llm.prompts import Prompt, load_prompt
from summarizer.llm.retry import TransportWait
from summarizer.llm.session import LLM, build_llm
from summarizer.models import ExtractorInfo, Paper
from summarizer.settings import Settings

PROMPT_ID = "extract.v2"
PROMPT_VARIABLES = ("title", "abstract")
TASK = "extraction"
GROUNDING_REASKS = 1  # re-asks with the failing fields listed; then the card degrades per field
WINDOW = 5_000  # papers per event-loop run when streaming: ~25 MB of results; the pool drains once per window
UNCACHED_FAILURES = ("transport", "stopped")  # may succeed on a rerun; the others are the model's answer
RESPONSE_MODEL = GroundedExtraction  # an OpenAISchema: instructor uses it as is (no per-call wrapper class)
_SCHEMA_SHA = hashlib.sha256(json.dumps(RESPONSE_MODEL.model_json_schema(), sort_keys=True).encode()).hexdigest()
PaperCardReply = GroundedExtraction  # the name earlier versions exported


class LLMExtractor:
    """The `llm` backend. `llm`: the run's model (built from `settings` when absent); `client`: a prebuilt
    AsyncOpenAI (tests, proxies); `cassette`: a record/replay file instead of the network."""

    def __init__(self, settings: Settings, client: AsyncOpenAI | None = None, *, llm: LLM | None = None,
                 cassette: Path | None = None, cassette_mode: CassetteMode | None = None,
                 bus: EventBus | None = None, wait: TransportWait | None = None, prompt: Prompt | None = None) -> None:
        self.cassette: CassetteTransport | None = None
        if cassette is not None:
            if client is not None or llm is not None:
                raise ValueError("a cassette replaces the HTTP transport: pass either client or cassette")
            if cassette_mode is None:
                raise ValueError("cassette_mode must be 'record' or 'replay' when a cassette is given")
            self.cassette = CassetteTransport(cassette, cassette_mode)
            settings = _cassette_settings(settings, self.cassette)
        self.settings = settings
        self.llm = llm or build_llm(settings, client=client, transport=self.cassette, wait=wait, bus=bus,
                                    max_attempts=1 if cassette_mode == "replay" else None)
        self.prompt = prompt or load_prompt(PROMPT_ID, PROMPT_VARIABLES)
        self.rules = RulesExtractor()
        self.info = ExtractorInfo(backend="llm", model=settings.model, prompt_version=self.prompt.id)
        self.reasks = min(GROUNDING_REASKS, settings.max_reasks)
        self._elapsed = 0.0
        if self.cassette is not None and cassette_mode == "record":
            self.cassette.meta.update({k: getattr(settings, k) for k in REPLAY_SETTINGS} | {
                "mode": self.llm.model.fingerprint()["mode"], "prompt": self.prompt.fingerprint()})

    # -- the Extractor protocol -------------------------------------------------------------------------
    def extract_all(self, papers: Sequence[Paper], on_done: OnDone | None = None) -> list[CardResult]:
        start = time.perf_counter()
        try:
            return self.llm.run(self._extract_all(papers, on_done))
        finally:
            self._elapsed += time.perf_counter() - start

    def iter_results(self, papers: Sequence[Paper], on_done: OnDone | None = None,
                     window: int = WINDOW) -> Iterator[CardResult]:
        """`extract_all` a window at a time, in input order: memory holds one window's results, not the run's.

        Each window is one event-loop run (connections reopen, the cache and the run's guard carry over); the
        cost is one pool drain per window, <1% of a window's wall time at the default size. A batch run is not
        windowed: every request must be queued at once for the provider to answer them as one batch.
        """
        if self.settings.batch:
            yield from self.extract_all(papers, on_done)
            return
        for start in range(0, len(papers), window):
            yield from self.extract_all(papers[start:start + window], on_done)

    def messages(self, paper: Paper) -> Messages:
        return self.prompt.render(title=fence(paper.title), abstract=fence(paper.abstract))

    async def _extract_all(self, papers: Sequence[Paper], on_done: OnDone | None) -> list[CardResult]:
        """`concurrency` workers take papers in order: a cache hit is answered at once, a miss is called.

        A fixed pool instead of one task per paper keeps the event loop free for replies; looking the cache
        up inside the workers (not all papers first) puts the first requests on the wire at once.
        """
        results: dict[int, CardResult] = {}
        pending = deque(enumerate(papers))

        async def worker() -> None:
            while pending:
                index, paper = pending.popleft()
                messages = self.messages(paper)
                key = self.key(messages)
                result = self._from_cache(key, paper)
                if result is None:
                    result = await self._call(paper, messages, key)
                results[index] = result
                if on_done is not None:
                    on_done(result)

        # a batch is answered as a whole: every request must be queued at once, not `concurrency` at a time
        workers = len(papers) if self.settings.batch else min(self.settings.concurrency, len(papers))
        await asyncio.gather(*(asyncio.create_task(worker()) for _ in range(workers)))
        return [results[i] for i in range(len(papers))]

    async def _call(self, paper: Paper, messages: Messages, key: str) -> CardResult:
        context = {"paper": paper}
        try:
            reply, usage = await self.llm.complete(TASK, paper.id, messages, RESPONSE_MODEL,
                                                   {**context, "batchable": True})
        except CallFailed as failed:
            if failed.kind not in UNCACHED_FAILURES:
                self.llm.store(key, self._entry(paper, failed=failed.reason))
            return self._fallback(paper, failed.reason, failed.usage)
        grounded = ground(mask(paper), plain(reply))
        if grounded.problems and self.reasks:
            self.llm.task(TASK).reasks += 1
            again = [*messages, {"role": "assistant", "content": json.dumps(plain(reply).model_dump(mode="json"))},
                     {"role": "user", "content": reask_message(grounded.problems)}]
            try:
                second, more = await self.llm.complete(TASK, paper.id, again, RESPONSE_MODEL, context)
            except CallFailed as failed:
                usage = usage + failed.usage  # keep the first reply, degraded
            else:
                usage = usage + more
                regrounded = ground(mask(paper), plain(second))
                if len(regrounded.problems) <= len(grounded.problems):
                    reply, grounded = second, regrounded
        self.llm.store(key, self._entry(paper, reply=plain(reply).model_dump(mode="json")))
        self._done(paper, grounded)
        return CardResult(paper_id=paper.id, extraction=grounded.extraction, provenance=grounded.provenance,
                          grounding=grounded.notes, calls=usage.requests, usage=usage)

    def _entry(self, paper: Paper, **value: Any) -> dict[str, Any]:
        return {"kind": "extraction", "prompt": self.prompt.id, "model": self.settings.model, "paper_id": paper.id,
                **value}

    def _fallback(self, paper: Paper, reason: str, usage: Usage | None = None, cached: bool = False) -> CardResult:
        """The rules card for a paper the model gave no reply for: every paper stays in the outputs."""
        self.llm.failed(TASK, paper.id, reason)
        result = self.rules.extract_paper(paper)
        info = self.rules.info.model_copy(update={"fallback_reason": reason})
        return result.model_copy(update={"extractor": info, "cached": cached, "usage": usage or Usage(),
                                         "calls": (usage or Usage()).requests})

    def _from_cache(self, key: str, paper: Paper) -> CardResult | None:
        """A cached reply, grounded again by today's rules; a value that no longer validates is a miss."""
        value = self.llm.lookup(TASK, paper.id, key)
        if value is None:
            return None
        if isinstance(value.get("failed"), str):
            return self._fallback(paper, value["failed"], cached=True)
        try:
            reply = RESPONSE_MODEL.model_validate(value.get("reply"))
        except ValidationError:
            self.llm.forget(TASK, key)
            return None
        grounded = ground(mask(paper), plain(reply))
        self._done(paper, grounded)
        return CardResult(paper_id=paper.id, extraction=grounded.extraction, provenance=grounded.provenance,
                          grounding=grounded.notes, cached=True)

    def _done(self, paper: Paper, grounded: Grounded) -> None:
        self.llm.task(TASK).grounding.update(note.action for note in grounded.notes)
        self.llm.bus.emit(Event(EventKind.DONE, paper.id))

    def key(self, messages: Messages) -> str:
        return self.llm.key(messages, _SCHEMA_SHA, self.prompt.fingerprint())

    # -- what run.json says about this backend --------------------------------------------------------
    def stats(self) -> dict[str, Any]:
        """The run's LLM report, with this task's figures at the top level."""
        report = self.llm.report()
        task = report["tasks"].get(TASK, {})
        report |= {k: task.get(k, default) for k, default in (("calls", 0), ("cache_hits", 0), ("cache_misses", 0),
                                                                ("failures", []), ("cost_usd", None))}
        report |= {"usage": task.get("usage", Usage().model_dump()), "prompt": self.prompt.fingerprint(),
                   "elapsed_s": round(self._elapsed, 3)}
        if self.cassette is not None:
            report["cassette"] = {"path": str(self.cassette.path), "mode": self.cassette.mode,
                                  "misses": len(self.cassette.misses), "unused": len(self.cassette.unused())}
        return report

    @property
    def usage(self) -> Usage:
        return self.llm.task(TASK).usage


def _cassette_settings(settings: Settings, cassette: CassetteTransport) -> Settings:
    """Record and replay bypass the cache; replay also adopts the recorded model and parameters."""
    update: dict[str, Any] = {"no_cache": True}
    if cassette.mode == "replay":
        update |= {k: cassette.meta[k] for k in REPLAY_SETTINGS if k in cassette.meta}
        update.setdefault("base_url", settings.base_url or "http://cassette.invalid/v1")
    return settings.model_copy(update=update)
