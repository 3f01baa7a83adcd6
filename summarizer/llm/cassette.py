"""Record/replay of raw model replies: an httpx transport backed by a JSON cassette.

`record` forwards each request to the real endpoint and stores the reply body
under a hash of the request (method, path and canonical JSON body: model,
messages, schema, generation parameters). Headers are never stored, so the
Authorization header cannot leak into the file. `replay` serves the stored
bodies without any network and answers a request missing from the cassette
with HTTP 404 naming the fix; misses are also counted in `misses`, so a
change in prompts or parameters that silently changes requests fails loudly.

Replays re-run our parsing, validation and scoring on exactly the model's
words, so a change there that hurts quality shows up in CI without a model.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any, Literal

import httpx2

from summarizer.atomic import write_text_atomic
from summarizer.errors import InputError

CASSETTE_FORMAT = 1
CassetteMode = Literal["record", "replay"]
REPLAY_SETTINGS = ("model", "mode", "temperature", "max_tokens", "max_reasks")
SCHEMA_FIELDS = ("tools", "tool_choice", "response_format")


def request_key(method: str, path: str, body: bytes) -> str:
    """Hash of what decides the reply: method, path (not host: the server may move), canonical JSON body."""
    try:
        canonical: Any = json.loads(body or b"null")
    except json.JSONDecodeError:
        canonical = body.decode("utf-8", "replace")
    payload = json.dumps([method.upper(), path, canonical], sort_keys=True, separators=(",", ":"),
                         ensure_ascii=False)
    return hashlib.sha256(payload.encode("utf-8")).hexdigest()


class CassetteTransport(httpx2.AsyncBaseTransport):
    """Serves (replay) or captures (record) chat-completion replies; never stores headers."""

    def __init__(self, path: Path, mode: CassetteMode, meta: dict[str, Any] | None = None,
                 inner: httpx2.AsyncBaseTransport | None = None) -> None:
        self.path = Path(path)
        self.mode = mode
        self.meta = dict(meta or {})
        self.interactions: dict[str, dict[str, Any]] = {}
        self.used: set[str] = set()
        self.misses: list[str] = []
        if mode == "replay":
            self.meta, self.interactions = load_cassette(self.path)
        self._inner = inner

    async def handle_async_request(self, request: httpx2.Request) -> httpx2.Response:
        body = await request.aread()
        key = request_key(request.method, request.url.path, body)
        if self.mode == "replay":
            return self._replay(key, request)
        if self._inner is None:
            self._inner = httpx2.AsyncHTTPTransport()
        response = await self._inner.handle_async_request(request)
        content = await response.aread()
        await response.aclose()
        self.interactions[key] = {
            "request": {"method": request.method, "path": request.url.path, "body": _for_reading(body)},
            "response": {"status": response.status_code,
                         "content_type": response.headers.get("content-type", "application/json"),
                         "body": content.decode("utf-8", "replace")},
        }
        return httpx2.Response(response.status_code, headers={"content-type": response.headers.get(
            "content-type", "application/json")}, content=content, request=request)

    def _replay(self, key: str, request: httpx2.Request) -> httpx2.Response:
        entry = self.interactions.get(key)
        if entry is None:
            self.misses.append(key)
            message = (f"request {key[:12]} is not in cassette {self.path}; prompts, schema or parameters changed "
                       "since it was recorded: re-record it with --record against a live server")
            return httpx2.Response(404, json={"error": {"message": message, "type": "cassette_miss"}},
                                  request=request)
        self.used.add(key)
        reply = entry["response"]
        return httpx2.Response(reply["status"], headers={"content-type": reply["content_type"]},
                              content=reply["body"].encode("utf-8"), request=request)

    def unused(self) -> list[str]:
        """Recorded interactions this replay never asked for (an orphaned or oversized cassette)."""
        return sorted(set(self.interactions) - self.used)

    async def aclose(self) -> None:
        if self._inner is not None:
            await self._inner.aclose()
            self._inner = None
        if self.mode == "record":
            self.save()

    def save(self) -> None:
        document = {"cassette_format": CASSETTE_FORMAT, "meta": self.meta,
                    "interactions": [{"key": k, **v} for k, v in sorted(self.interactions.items())]}
        self.path.parent.mkdir(parents=True, exist_ok=True)
        write_text_atomic(self.path, json.dumps(document, indent=1, ensure_ascii=False) + "\n")


def load_cassette(path: Path) -> tuple[dict[str, Any], dict[str, dict[str, Any]]]:
    """(meta, key -> interaction) of a cassette file; a bad file is an `InputError` naming it."""
    try:
        document = json.loads(Path(path).read_text(encoding="utf-8"))
        if document.get("cassette_format") != CASSETTE_FORMAT:
            raise ValueError(f"cassette_format is {document.get('cassette_format')!r}, expected {CASSETTE_FORMAT}")
        interactions = {item["key"]: item for item in document["interactions"]}
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise InputError(str(path), f"is not a readable cassette ({exc}); record one with --record") from None
    return dict(document.get("meta") or {}), interactions


def _for_reading(body: bytes) -> Any:
    """The request as stored for humans: without the schema (it is in the key; it would triple the file)."""
    try:
        value = json.loads(body or b"null")
    except json.JSONDecodeError:
        return body.decode("utf-8", "replace")
    if isinstance(value, dict):
        value = {k: v for k, v in value.items() if k not in SCHEMA_FIELDS}
    return value


def cassette_paper_ids(path: Path) -> list[str] | None:
    """The paper ids a cassette was recorded for (`meta.paper_ids`), so a replay can score just those."""
    meta, _ = load_cassette(path)
    ids = meta.get("paper_ids")
    return [str(i) for i in ids] if isinstance(ids, list) else None
