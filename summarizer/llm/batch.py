"""The provider's Batch API behind the model seam: the same requests, answered within 24 h at half the price.

`BatchModel` is a `Model` like any other: `complete()` queues the request and waits. When requests stop
arriving (every paper that missed the cache has asked), the queue is written as batch JSONL - one line per
request, `custom_id` = the paper's subject, the body exactly what instructor sends online - split under the
provider's limits, uploaded (`files.create`, purpose `batch`), submitted (`batches.create`, 24 h window) and
polled with backoff. Each reply is parsed by instructor as an online reply would be, so grounding, re-asks,
the cache and fallbacks around the seam treat both paths alike. A second call for the same subject (a
grounding re-ask) goes to the online model: one more day's wait for one fix is not worth it.

Resumable: submitted batches are recorded under `<cache>/batches/<job>.json`, keyed by the request set, so a
rerun after a crash (or the next day) picks the running batch up instead of paying for it twice.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Final, TypeVar

import httpx2
from openai import AsyncOpenAI
from openai.types.chat import ChatCompletion
from pydantic import BaseModel, Field, ValidationError

from summarizer.atomic import write_text_atomic
from summarizer.llm.failure import CallFailed
from summarizer.llm.usage import Usage
from summarizer.settings import Settings

T = TypeVar("T", bound=BaseModel)
Messages = list[dict[str, str]]
ENDPOINT: Final = "/v1/chat/completions"
TERMINAL = {"completed", "failed", "expired", "cancelled"}
BodyFor = Callable[[Messages, type[BaseModel]], dict[str, Any]]
Parse = Callable[[ChatCompletion, type[BaseModel], dict[str, Any]], BaseModel]


@dataclass(frozen=True)
class BatchLimits:
    """OpenAI's published limits per batch input file, with a margin on bytes."""

    max_requests: int = 50_000
    max_bytes: int = 190 * 1024 * 1024


@dataclass(frozen=True)
class PollPolicy:
    """Exponential backoff between status checks, and how long a run may wait for its batches."""

    first_s: float = 5.0
    max_s: float = 60.0
    deadline_s: float = 24 * 3600.0
    quiet_s: float = 0.5  # no new request for this long: the queue is complete, submit it


class BatchRecord(BaseModel):
    id: str
    input_file_id: str
    custom_ids: list[str]
    status: str = "validating"
    output_file_id: str | None = None
    error_file_id: str | None = None


class BatchJob(BaseModel):
    """What the cache directory remembers of one submitted request set."""

    key: str
    model: str
    created_at: float = Field(default_factory=time.time)
    batches: list[BatchRecord] = Field(default_factory=list)

    @property
    def done(self) -> bool:
        return all(b.status in TERMINAL for b in self.batches)


class BatchStore:
    """`<cache>/batches/<key>.json`, written atomically; a job file is removed once its replies are used."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def path(self, key: str) -> Path:
        return self.directory / f"{key}.json"

    def load(self, key: str) -> BatchJob | None:
        try:
            return BatchJob.model_validate_json(self.path(key).read_text(encoding="utf-8"))
        except (OSError, ValidationError):
            return None

    def save(self, job: BatchJob) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.path(job.key), job.model_dump_json(indent=1) + "\n")

    def forget(self, job: BatchJob) -> None:
        self.path(job.key).unlink(missing_ok=True)

    def jobs(self) -> list[BatchJob]:
        found = (self.load(p.stem) for p in sorted(self.directory.glob("*.json")))
        return [job for job in found if job is not None]


def instructor_body(model: str, mode: str = "tool_call", **params: Any) -> BodyFor:
    """The request body instructor would send online for this mode (tools, json_schema, ...), as a batch line."""
    from instructor import Mode
    from instructor.processing.response import handle_response_model

    def body_for(messages: Messages, response_model: type[BaseModel]) -> dict[str, Any]:
        _, kwargs = handle_response_model(response_model, mode=Mode(mode), messages=list(messages))
        return {"model": model, **params, **kwargs}

    return body_for


def instructor_parse(mode: str = "tool_call") -> Parse:
    """Parse a batch reply exactly as instructor parses an online one, validators and context included."""
    from instructor import Mode
    from instructor.processing.response import process_response

    def parse(completion: ChatCompletion, response_model: type[BaseModel], context: dict[str, Any]) -> BaseModel:
        value = process_response(completion, response_model=response_model, stream=False,
                                 validation_context=context, mode=Mode(mode))
        if not isinstance(value, response_model):
            raise TypeError(f"expected {response_model.__name__}, got {type(value).__name__}")
        return value

    return parse


def batch_model(settings: Settings, online: Any, *, client: AsyncOpenAI | None = None,
                transport: httpx2.AsyncBaseTransport | None = None) -> BatchModel:
    """The run's model with `--batch`: the same endpoint, mode and parameters as `online`, which answers re-asks."""
    from summarizer.llm.provider import Provider

    provider = Provider(settings, prebuilt=client, transport=transport)
    params = {"temperature": settings.temperature, "max_tokens": settings.max_tokens}
    deadline = settings.deadline or PollPolicy.deadline_s
    poll = PollPolicy(first_s=settings.batch_poll, max_s=max(settings.batch_poll, PollPolicy.max_s),
                      deadline_s=deadline)
    mode = provider.instructor_mode.value
    return BatchModel(provider.open, settings.model, instructor_body(settings.model, mode, **params),
                      instructor_parse(mode), BatchStore(batch_dir(settings.cache_dir)), online=online, poll=poll)


def batch_dir(cache_dir: Path) -> Path:
    """Where submitted jobs are remembered: inside the cache directory, which a rerun reuses."""
    return cache_dir / "batches"


def split_lines(lines: Sequence[str], limits: BatchLimits) -> list[list[str]]:
    """Consecutive groups of request lines, each under the request and byte limits of one batch file."""
    groups: list[list[str]] = [[]]
    size = 0
    for line in lines:
        length = len(line.encode("utf-8")) + 1
        if groups[-1] and (len(groups[-1]) >= limits.max_requests or size + length > limits.max_bytes):
            groups.append([])
            size = 0
        groups[-1].append(line)
        size += length
    return [g for g in groups if g]


@dataclass
class _Pending:
    custom_id: str
    body: dict[str, Any]
    response_model: type[BaseModel]
    context: dict[str, Any]
    future: asyncio.Future[tuple[BaseModel, Usage]]


@dataclass
class BatchStats:
    """What run.json reports of the batch path."""

    batch_ids: list[str] = field(default_factory=list)
    requests: int = 0
    succeeded: int = 0
    failed: int = 0
    resumed: bool = False
    usage: Usage = field(default_factory=Usage)

    def as_dict(self) -> dict[str, Any]:
        return {"batch_ids": self.batch_ids, "requests": self.requests, "succeeded": self.succeeded,
                "failed": self.failed, "resumed": self.resumed, "usage": self.usage.model_dump()}


class BatchModel:
    """A `Model` whose first answer per subject comes from the Batch API; later ones (re-asks) from `online`.

    Only calls whose context says `batchable` (extraction) wait for the batch; others (overviews) go online.
    """

    def __init__(self, client: AsyncOpenAI | Callable[[], AsyncOpenAI], model: str, body_for: BodyFor,
                 parse: Parse, store: BatchStore,
                 online: Any | None = None, limits: BatchLimits | None = None, poll: PollPolicy | None = None,
                 sleep: Callable[[float], Any] = asyncio.sleep) -> None:
        self._client_factory = client if callable(client) and not isinstance(client, AsyncOpenAI) else None
        self._client: AsyncOpenAI | None = None if self._client_factory else client  # type: ignore[assignment]
        self.name, self.body_for, self.parse = model, body_for, parse
        self.store, self.online = store, online
        self.limits, self.poll = limits or BatchLimits(), poll or PollPolicy()
        self.sleep = sleep
        self.stats = BatchStats()
        self._pending: dict[str, _Pending] = {}
        self._answered: set[str] = set()
        self._last_arrival = 0.0
        self._flusher: asyncio.Task[None] | None = None

    def fingerprint(self) -> dict[str, Any]:
        # batch replies are the same model's answers to the same requests: they share the online cache entries
        return self.online.fingerprint() if self.online is not None else {"model": self.name, "mode": "tools"}

    async def complete(self, messages: Messages, response_model: type[T], context: dict[str, Any]) -> tuple[T, Usage]:
        subject = str(context.get("subject") or hashlib.sha256(json.dumps(messages).encode()).hexdigest()[:16])
        if not context.get("batchable") or subject in self._answered or subject in self._pending:
            if self.online is None:
                raise CallFailed("batch: a second request for the same paper needs an online model", "invalid",
                                 Usage())
            value, usage = await self.online.complete(messages, response_model, context)
            return value, usage
        future: asyncio.Future[tuple[BaseModel, Usage]] = asyncio.get_running_loop().create_future()
        self._pending[subject] = _Pending(subject, self.body_for(messages, response_model), response_model,
                                          context, future)
        self._last_arrival = time.monotonic()
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_when_quiet())
        value, usage = await future
        return value, usage  # type: ignore[return-value]

    @property
    def client(self) -> AsyncOpenAI:
        """Opened on first use, inside the event loop that uses it (an httpx client is bound to its loop)."""
        if self._client is None:
            assert self._client_factory is not None
            self._client = self._client_factory()
        return self._client

    async def aclose(self) -> None:
        if self._flusher is not None and not self._flusher.done():
            self._flusher.cancel()
        if self._client_factory is not None and self._client is not None:
            await self._client.close()
            self._client = None
        if self.online is not None:
            await self.online.aclose()

    async def _flush_when_quiet(self) -> None:
        while time.monotonic() - self._last_arrival < self.poll.quiet_s:
            await asyncio.sleep(self.poll.quiet_s / 4)
        pending, self._pending = self._pending, {}
        self._answered.update(pending)
        try:
            replies = await self._run(pending)
        except Exception as exc:  # every waiting paper learns why (it falls back); nothing is left hanging
            failure = exc if isinstance(exc, CallFailed) else CallFailed(f"batch: {exc}", "transport", Usage())
            for item in pending.values():
                if not item.future.done():
                    item.future.set_exception(failure)
            return
        for custom_id, item in pending.items():
            if not item.future.done():
                self._resolve(item, replies.get(custom_id))

    def _resolve(self, item: _Pending, reply: dict[str, Any] | None) -> None:
        if reply is None:
            item.future.set_exception(CallFailed("batch: no reply for this request", "transport", Usage()))
            return
        response = reply.get("response") or {}
        body = response.get("body") or {}
        raw = body.get("usage") or {}
        usage = Usage(requests=1, prompt_tokens=int(raw.get("prompt_tokens") or 0),
                      completion_tokens=int(raw.get("completion_tokens") or 0))
        self.stats.usage = self.stats.usage + usage
        if reply.get("error") or response.get("status_code") != 200:
            self.stats.failed += 1
            error = reply.get("error") or body.get("error") or {"message": f"status {response.get('status_code')}"}
            item.future.set_exception(CallFailed(f"batch: {error.get('message', error)}", "transport", usage))
            return
        try:
            value = self.parse(ChatCompletion.model_validate(body), item.response_model, item.context)
        except Exception as exc:  # a reply instructor cannot parse is an invalid answer, like online
            self.stats.failed += 1
            item.future.set_exception(CallFailed(f"batch: invalid reply ({exc})"[:300], "invalid", usage))
            return
        self.stats.succeeded += 1
        item.future.set_result((value, usage))

    async def _run(self, pending: dict[str, _Pending]) -> dict[str, dict[str, Any]]:
        lines = [json.dumps({"custom_id": p.custom_id, "method": "POST", "url": ENDPOINT, "body": p.body},
                            sort_keys=True, ensure_ascii=False) for p in pending.values()]
        key = hashlib.sha256("\n".join(sorted(lines)).encode()).hexdigest()[:24]
        self.stats.requests += len(lines)
        job = self.store.load(key)
        if job is None:
            job = await self._submit(key, lines)
        else:
            self.stats.resumed = True
        self.stats.batch_ids.extend(b.id for b in job.batches)
        job = await self._wait(job)
        replies = await self._collect(job)
        self.store.forget(job)
        return replies

    async def _submit(self, key: str, lines: list[str]) -> BatchJob:
        job = BatchJob(key=key, model=self.name)
        for number, group in enumerate(split_lines(lines, self.limits)):
            data = ("\n".join(group) + "\n").encode("utf-8")
            uploaded = await self.client.files.create(file=(f"summarizer-{key}-{number}.jsonl", data),
                                                      purpose="batch")
            batch = await self.client.batches.create(input_file_id=uploaded.id, endpoint=ENDPOINT,
                                                     completion_window="24h",
                                                     metadata={"summarizer_job": key, "part": str(number)})
            job.batches.append(BatchRecord(id=batch.id, input_file_id=uploaded.id, status=batch.status,
                                           custom_ids=[json.loads(line)["custom_id"] for line in group]))
            self.store.save(job)  # after every part: a crash here resumes the parts already submitted
        return job

    async def _wait(self, job: BatchJob) -> BatchJob:
        delay, start = self.poll.first_s, time.monotonic()
        while True:
            for record in job.batches:
                if record.status in TERMINAL:
                    continue
                batch = await self.client.batches.retrieve(record.id)
                record.status = batch.status
                record.output_file_id, record.error_file_id = batch.output_file_id, batch.error_file_id
            self.store.save(job)
            if job.done:
                return job
            if time.monotonic() - start > self.poll.deadline_s:
                raise CallFailed(f"batch: not finished within {self.poll.deadline_s:.0f} s "
                                 f"(still running: {', '.join(b.id for b in job.batches if b.status not in TERMINAL)}; "
                                 "rerun later to collect it)", "stopped", Usage())
            await self.sleep(delay)
            delay = min(self.poll.max_s, delay * 2)

    async def _collect(self, job: BatchJob) -> dict[str, dict[str, Any]]:
        """custom_id -> the reply line (output or error file); requests of an expired batch are simply absent."""
        replies: dict[str, dict[str, Any]] = {}
        for record in job.batches:
            for file_id in (record.output_file_id, record.error_file_id):
                if not file_id:
                    continue
                content = await self.client.files.content(file_id)
                for line in content.text.splitlines():
                    if line.strip():
                        reply = json.loads(line)
                        replies[str(reply.get("custom_id"))] = reply
        return replies
