"""A fake OpenAI-compatible chat-completions server on 127.0.0.1: scripted replies and fault injection.

Real HTTP, so the real `openai` client and instructor run unmodified (respx does
not intercept openai 3.x). Used by the tests (in a thread) and by the benchmark
(as a subprocess: `python tests/llm/fake_server.py --latency 0.5 --rates 429=0.1,...`).

Faults, queued with `script(...)` (one per request, in order) or drawn at random
with `rates`: 429 (with Retry-After), 500, 503, malformed (broken JSON
arguments), truncated (finish_reason=length), cutoff (cut
at max_tokens but reported finished, as llama.cpp's tools path does), invalid (schema-invalid),
ungrounded (invented evidence and URL), garbage (a 200 whose body is not JSON),
reset (connection closed without a reply), slow (sleeps `slow_s`).
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import random
import re
import threading
import time
from collections import Counter, deque
from collections.abc import Callable
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = Callable[[str, str], dict[str, Any]]
_SENTENCE = re.compile(r"(?<=[.!?])\s+")
_GAIN = re.compile(r"\d+(?:\.\d+)?\s?(?:%|×|x\b)")
_URL = re.compile(r"https?://[^\s<>\"')\]]+")


def grounded_answer(title: str, abstract: str) -> dict[str, Any]:
    """A plausible, fully grounded card built from the paper itself (what a good model would return)."""
    name = title.split(":", 1)[0].strip() if ":" in title else None
    gains = []
    for sentence in _SENTENCE.split(abstract):
        match = _GAIN.search(sentence)
        if match:
            gains.append({"metric": None, "value": match.group().strip(), "baseline": None, "dataset": None,
                          "evidence": sentence})
            break
    urls = [u.rstrip(".,;:") for u in _URL.findall(abstract)]
    return {"task": None, "method": {"name": name, "description": None}, "claimed_gains": gains,
            "resources": {"datasets": [], "code_urls": urls, "models": [], "compute": None}}


def ungrounded_answer(title: str, abstract: str) -> dict[str, Any]:
    """What a small model does: invents a quote and a URL."""
    card = grounded_answer(title, abstract)
    card["claimed_gains"] = [{"metric": "accuracy", "value": "99.9%", "baseline": None, "dataset": None,
                              "evidence": "Our method improves accuracy by 99.9% over all baselines."}]
    card["resources"]["code_urls"] = ["https://github.com/invented/repo"]
    return card


def overview_answer(body: dict[str, Any]) -> dict[str, Any]:
    """One sentence per card of an overview request, citing it."""
    text = " ".join(str(m.get("content") or "") for m in body.get("messages", []) if m.get("role") == "user")
    cards = re.findall(r"- id: (\S+)\n\s+title: ([^\n]+)", text)
    return {"sentences": [{"text": f"{title} is one of the papers of this theme.", "cites": [pid]}
                          for pid, title in cards[:3]]}


def paper_of(body: dict[str, Any]) -> tuple[str, str]:
    """(title, abstract) from the first user message rendered by the extract prompt (v1 or v2)."""
    for message in body.get("messages", []):
        content = message.get("content")
        if message.get("role") == "user" and isinstance(content, str) and "Abstract:" in content:
            head, _, abstract = content.partition("Abstract:")
            title = head.replace("<paper>", "", 1).replace("Title:", "", 1).strip()
            return title, abstract.strip().removesuffix("</paper>").strip()
    return "", ""


class FakeLLM:
    """The server. `script(*faults)` queues faults; `requests` holds every request body received."""

    def __init__(self, answer: Answer = grounded_answer, latency: float = 0.0, rates: dict[str, float] | None = None,
                 seed: int = 0, retry_after: str = "1", retry_after_ms: str | None = None,
                 long_rate: float = 0.0, long_budget: int = 0, slow_s: float = 5.0) -> None:
        self.answer = answer
        self.latency = latency
        self.rates = rates or {}
        self.random = random.Random(seed)
        self.retry_after, self.retry_after_ms = retry_after, retry_after_ms
        self.long_rate, self.long_budget, self.slow_s = long_rate, long_budget, slow_s
        self.queue: deque[str] = deque()
        self.requests: list[dict[str, Any]] = []
        self.auth_headers: list[str | None] = []
        self.served: Counter[str] = Counter()
        self.received_at: list[float] = []
        self.in_flight = 0
        self.max_in_flight = 0
        self.lock = threading.Lock()
        self._server: ThreadingHTTPServer | None = None

    def script(self, *faults: str) -> FakeLLM:
        self.queue.extend(faults)
        return self

    @property
    def url(self) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def start(self, port: int = 0) -> FakeLLM:
        fake = self

        class Handler(_Handler):
            server_fake = fake

        self._server = _Server(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="fake-llm", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def next_fault(self, body: dict[str, Any]) -> str:
        with self.lock:
            self.requests.append(body)
            if self.queue:
                fault = self.queue.popleft()
            else:
                fault = "ok"
                draw = self.random.random()
                for name, rate in self.rates.items():
                    if draw < rate:
                        fault = name
                        break
                    draw -= rate
            if fault == "ok" and self._is_long(body):
                fault = "truncated"
            self.served[fault] += 1
            return fault

    def _is_long(self, body: dict[str, Any]) -> bool:
        """Deterministic per paper: a 'long' card is truncated unless the budget is large enough."""
        if not self.long_rate:
            return False
        digest = hashlib.sha256(paper_of(body)[1].encode()).digest()
        return digest[0] / 256 < self.long_rate and (body.get("max_tokens") or 0) < self.long_budget

    def completion(self, body: dict[str, Any], fault: str, prompt_tokens: int = 0) -> dict[str, Any]:
        title, abstract = paper_of(body)
        card = (ungrounded_answer if fault == "ungrounded" else self.answer)(title, abstract)
        if not abstract:  # a theme-overview request (prompts/overview.v2)
            card = overview_answer(body)
        if fault == "invalid":
            card = {"task": "x", "claimed_gains": [{"metric": "accuracy"}]}
        text = json.dumps(card, ensure_ascii=False)
        finish = "stop"
        if fault == "malformed":
            text = text[: len(text) // 2] + '"}}'
        elif fault == "truncated":
            text, finish = text[: len(text) // 2], "length"
        elif fault == "cutoff":  # llama.cpp's tools path: cut by max_tokens but reported as a finished call
            text, finish = text[: len(text) // 2], "tool_calls"
        message: dict[str, Any] = {"role": "assistant", "content": None}
        if body.get("tools"):
            choice = body.get("tool_choice")
            name = choice["function"]["name"] if isinstance(choice, dict) else body["tools"][0]["function"]["name"]
            message["tool_calls"] = [{"id": "call_1", "type": "function",
                                      "function": {"name": name, "arguments": text}}]
        else:
            message["content"] = text if body.get("response_format") else f"```json\n{text}\n```"
        return {
            "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()),
            "model": body.get("model", "fake"),
            "choices": [{"index": 0, "message": message, "finish_reason": finish, "logprobs": None}],
            "usage": {"prompt_tokens": prompt_tokens,
                      "completion_tokens": body.get("max_tokens", 0) if fault == "cutoff" else len(text) // 4,
                      "total_tokens": prompt_tokens + len(text) // 4},
        }


class _Server(ThreadingHTTPServer):
    request_queue_size = 256  # the default backlog of 5 resets connections when 32 clients connect at once
    daemon_threads = True


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_fake: FakeLLM

    def log_message(self, format: str, *args: Any) -> None:  # quiet
        pass

    def _send(self, status: int, payload: bytes, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    def do_GET(self) -> None:
        fake = self.server_fake
        if self.path.rstrip("/").endswith("/stats"):
            self._send(200, json.dumps({"requests": len(fake.requests), "served": fake.served}).encode())
        else:
            self._send(200, json.dumps({"object": "list", "data": [{"id": "fake", "object": "model"}]}).encode())

    def do_POST(self) -> None:
        fake = self.server_fake
        raw = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        body = json.loads(raw or b"{}")
        with fake.lock:
            fake.auth_headers.append(self.headers.get("Authorization"))
            fake.received_at.append(time.monotonic())
            fake.in_flight += 1
            fake.max_in_flight = max(fake.max_in_flight, fake.in_flight)
        try:
            self._reply(fake, body, fake.next_fault(body), len(raw))
        finally:
            with fake.lock:
                fake.in_flight -= 1

    def _reply(self, fake: FakeLLM, body: dict[str, Any], fault: str, size: int) -> None:
        if fake.latency:
            time.sleep(fake.latency)
        if fault == "slow":
            time.sleep(fake.slow_s)
        if fault == "reset":
            self.close_connection = True
            self.connection.shutdown(2)
            return
        if fault == "429":
            headers = {"Retry-After": fake.retry_after}
            if fake.retry_after_ms:
                headers["retry-after-ms"] = fake.retry_after_ms
            self._send(429, b'{"error": {"message": "rate limited", "type": "rate_limit"}}', headers)
        elif fault in {"500", "503"}:
            self._send(int(fault), b'{"error": {"message": "server error", "type": "server_error"}}')
        elif fault == "html502":  # a proxy's error page, as nginx or a cloud load balancer sends it
            self._send(502, b"<html>\n<head><title>502 Bad Gateway</title></head>\n<body>nginx</body>\n</html>\n")
        elif fault == "garbage":
            self._send(200, b'{"id": "chatcmpl-fake", "choices": [{"index": 0, "mess')
        else:
            reply = fake.completion(body, fault, prompt_tokens=size // 4)
            self._send(200, json.dumps(reply, ensure_ascii=False).encode())


async def serve_async(fake: FakeLLM, port: int, ready: Callable[[int], None]) -> None:
    """The same replies from an asyncio server: no thread per connection, so the benchmark measures the client.

    Supports what the benchmark uses: keep-alive POSTs and GET /stats; no reset/slow faults.
    """

    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                lines = head.decode("latin-1").split("\r\n")
                method, path = lines[0].split(" ")[:2]
                headers = {k.strip().lower(): v.strip() for k, _, v in (ln.partition(":") for ln in lines[1:] if ln)}
                raw = await reader.readexactly(int(headers.get("content-length", 0)))
                status, extra, payload = await _async_reply(fake, method, path, raw)
                head_out = [f"HTTP/1.1 {status} X", "Content-Type: application/json",
                            f"Content-Length: {len(payload)}", *[f"{k}: {v}" for k, v in extra.items()]]
                writer.write(("\r\n".join(head_out) + "\r\n\r\n").encode() + payload)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    server = await asyncio.start_server(handle, "127.0.0.1", port, backlog=512)
    ready(server.sockets[0].getsockname()[1])
    async with server:
        await server.serve_forever()


async def _async_reply(fake: FakeLLM, method: str, path: str, raw: bytes) -> tuple[int, dict[str, str], bytes]:
    if method == "GET":
        return 200, {}, json.dumps({"requests": len(fake.requests), "served": fake.served}).encode()
    body = json.loads(raw or b"{}")
    fault = fake.next_fault(body)
    if fake.latency:
        await asyncio.sleep(fake.latency)
    if fault == "429":
        extra = {"Retry-After": fake.retry_after}
        if fake.retry_after_ms:
            extra["retry-after-ms"] = fake.retry_after_ms
        return 429, extra, b'{"error": {"message": "rate limited", "type": "rate_limit"}}'
    if fault in {"500", "503"}:
        return int(fault), {}, b'{"error": {"message": "server error", "type": "server_error"}}'
    if fault == "garbage":
        return 200, {}, b'{"id": "chatcmpl-fake", "choices": [{"index": 0, "mess'
    reply = fake.completion(body, fault, prompt_tokens=len(raw) // 4)
    return 200, {}, json.dumps(reply, ensure_ascii=False).encode()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--latency", type=float, default=0.0)
    parser.add_argument("--rates", default="", help="fault=rate,... e.g. 429=0.1,500=0.05,malformed=0.05")
    parser.add_argument("--long-rate", type=float, default=0.0, help="share of papers whose reply gets truncated")
    parser.add_argument("--long-budget", type=int, default=0, help="max_tokens at which long papers fit")
    parser.add_argument("--retry-after-ms", default=None)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    rates = {k: float(v) for k, v in (item.split("=") for item in args.rates.split(",") if item)}
    fake = FakeLLM(latency=args.latency, rates=rates, seed=args.seed, long_rate=args.long_rate,
                   long_budget=args.long_budget, retry_after_ms=args.retry_after_ms)
    asyncio.run(serve_async(fake, args.port, lambda port: print(f"PORT {port}", flush=True)))


if __name__ == "__main__":
    main()
