"""A loopback fake of OpenAI's Files and Batches endpoints, for the Batch API path.

Real HTTP on 127.0.0.1, so the real `openai` client runs unmodified. A batch moves
validating -> in_progress -> finalizing -> completed, one step per status check; its
output file holds a chat completion per request made by `answer(body)`. Faults per
custom_id: `fail` (a line in the error file), `missing` (no line at all); `expire`
makes every batch end `expired` with partial output (the first half of its requests).
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections import Counter
from collections.abc import Callable
from email.parser import BytesParser
from email.policy import HTTP
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

Answer = Callable[[dict[str, Any]], dict[str, Any]]
STEPS = ["validating", "in_progress", "finalizing", "completed"]


def tool_completion(body: dict[str, Any], arguments: dict[str, Any]) -> dict[str, Any]:
    """A chat completion whose tool call carries `arguments` (instructor's tools mode)."""
    tool = body["tools"][0]["function"]["name"]
    return {
        "id": "chatcmpl-fake", "object": "chat.completion", "created": int(time.time()), "model": body["model"],
        "choices": [{"index": 0, "finish_reason": "tool_calls", "message": {
            "role": "assistant", "content": None,
            "tool_calls": [{"id": "call_1", "type": "function",
                            "function": {"name": tool, "arguments": json.dumps(arguments)}}]}}],
        "usage": {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120},
    }


class FakeBatchAPI:
    def __init__(self, answer: Answer) -> None:
        self.answer = answer
        self.files: dict[str, bytes] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.polls: Counter[str] = Counter()
        self.calls: Counter[str] = Counter()
        self.fail: set[str] = set()
        self.missing: set[str] = set()
        self.expire = False
        self._lock = threading.Lock()
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self._server.server_address[1]}/v1"

    def __enter__(self) -> FakeBatchAPI:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()

    # the endpoints --------------------------------------------------------------------------------
    def upload(self, content_type: str, raw: bytes) -> dict[str, Any]:
        message = BytesParser(policy=HTTP).parsebytes(b"Content-Type: " + content_type.encode() + b"\r\n\r\n" + raw)
        parts = {p.get_param("name", header="content-disposition"): p for p in message.iter_parts()}
        data = parts["file"].get_payload(decode=True)
        file_id = f"file-{len(self.files) + 1}"
        self.files[file_id] = data
        return {"id": file_id, "object": "file", "bytes": len(data), "created_at": int(time.time()),
                "filename": parts["file"].get_filename(), "purpose": parts["purpose"].get_content().strip(),
                "status": "processed"}

    def create(self, body: dict[str, Any]) -> dict[str, Any]:
        batch_id = f"batch-{len(self.batches) + 1}"
        lines = self.files[body["input_file_id"]].decode().splitlines()
        self.batches[batch_id] = {
            "id": batch_id, "object": "batch", "endpoint": body["endpoint"], "input_file_id": body["input_file_id"],
            "completion_window": body["completion_window"], "status": "validating", "created_at": int(time.time()),
            "metadata": body.get("metadata"), "request_counts": {"total": len(lines), "completed": 0, "failed": 0},
        }
        return self.batches[batch_id]

    def retrieve(self, batch_id: str) -> dict[str, Any]:
        batch = self.batches[batch_id]
        self.polls[batch_id] += 1
        if batch["status"] not in ("completed", "expired", "cancelled", "failed"):
            step = STEPS.index(batch["status"]) + 1
            if step == len(STEPS) - 1 and self.expire:
                self._finish(batch, "expired")
            elif STEPS[step] == "completed":
                self._finish(batch, "completed")
            else:
                batch["status"] = STEPS[step]
        return batch

    def _finish(self, batch: dict[str, Any], status: str) -> None:
        requests = [json.loads(line) for line in self.files[batch["input_file_id"]].decode().splitlines()]
        if status == "expired":
            requests = requests[: len(requests) // 2]
        out, err = [], []
        for request in requests:
            custom_id = request["custom_id"]
            if custom_id in self.missing:
                continue
            if custom_id in self.fail:
                err.append({"id": "r", "custom_id": custom_id, "response": None,
                            "error": {"code": "server_error", "message": "the model crashed"}})
                continue
            out.append({"id": "r", "custom_id": custom_id, "error": None,
                        "response": {"status_code": 200, "request_id": "q", "body": self.answer(request["body"])}})
        for kind, rows in (("output_file_id", out), ("error_file_id", err)):
            if rows:
                file_id = f"file-{len(self.files) + 1}"
                self.files[file_id] = "".join(json.dumps(r) + "\n" for r in rows).encode()
                batch[kind] = file_id
        batch["status"] = status
        batch["request_counts"] = {"total": len(requests), "completed": len(out), "failed": len(err)}

    def _handler(self) -> type[BaseHTTPRequestHandler]:
        api = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                return None

            def _send(self, payload: dict[str, Any] | bytes, status: int = 200) -> None:
                data = payload if isinstance(payload, bytes) else json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/octet-stream" if isinstance(payload, bytes)
                                 else "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self) -> None:
                with api._lock:
                    if m := re.fullmatch(r"/v1/batches/([\w-]+)", self.path):
                        api.calls["retrieve"] += 1
                        return self._send(api.retrieve(m.group(1)))
                    if m := re.fullmatch(r"/v1/files/([\w-]+)/content", self.path):
                        api.calls["content"] += 1
                        return self._send(api.files[m.group(1)])
                return self._send({"error": {"message": "not found"}}, 404)

            def do_POST(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with api._lock:
                    if self.path == "/v1/files":
                        api.calls["upload"] += 1
                        return self._send(api.upload(self.headers["Content-Type"], raw))
                    if self.path == "/v1/chat/completions":  # online calls of a batch run: re-asks, overviews
                        api.calls["chat"] += 1
                        return self._send(api.answer(json.loads(raw)))
                    if self.path == "/v1/batches":
                        api.calls["create"] += 1
                        return self._send(api.create(json.loads(raw)))
                    if m := re.fullmatch(r"/v1/batches/([\w-]+)/cancel", self.path):
                        api.calls["cancel"] += 1
                        batch = api.batches[m.group(1)]
                        batch["status"] = "cancelled"
                        return self._send(batch)
                return self._send({"error": {"message": "not found"}}, 404)

        return Handler
