"""A scripted OpenAI-compatible chat server on loopback, for the router's fallback and limit tests.

Each model name the server sees follows a script: a list of replies (HTTP status and answer
content) used in order, the last one repeated. Every request is recorded (model, response
format, Authorization header) so a test can say which model answered and how it was asked.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass(frozen=True)
class Reply:
    """One scripted answer: a 200 with this content, or an error status with this message."""

    status: int = 200
    content: str = "{}"


@dataclass(frozen=True)
class SeenRequest:
    """What the server was asked."""

    model: str
    response_format: str
    authorization: str
    body: str = ""
    """The request body as sent (the prompt included), for tests of what reaches a model."""


@dataclass
class OpenAIStub:
    """Scripts per model name and the requests seen so far."""

    scripts: dict[str, list[Reply]]
    seen: list[SeenRequest] = field(default_factory=list)
    url: str = ""
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def models_seen(self) -> list[str]:
        return [request.model for request in self.seen]

    def answer(self, body: dict[str, Any], authorization: str) -> Reply:
        """Record the request and pop the model's next reply (the last one repeats)."""
        model = str(body.get("model", ""))
        kind = str((body.get("response_format") or {}).get("type", "text"))
        with self._lock:
            self.seen.append(SeenRequest(model, kind, authorization, json.dumps(body, ensure_ascii=False)))
            script = self.scripts.get(model) or [Reply(404, f"no such model {model}")]
            return script.pop(0) if len(script) > 1 else script[0]


def _completion(model: str, content: str) -> dict[str, Any]:
    return {
        "id": "chatcmpl-stub",
        "object": "chat.completion",
        "created": 1_790_000_000,
        "model": model,
        "choices": [
            {"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}
        ],
        "usage": {"prompt_tokens": 120, "completion_tokens": 30, "total_tokens": 150},
    }


def _handler(stub: OpenAIStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = json.loads(self.rfile.read(int(self.headers.get("Content-Length") or 0)) or b"{}")
            reply = stub.answer(body, self.headers.get("Authorization", ""))
            if reply.status == 200:
                payload = _completion(str(body.get("model")), reply.content)
            else:
                payload = {"error": {"message": reply.content, "type": "stub_error", "code": reply.status}}
            data = json.dumps(payload).encode()
            self.send_response(reply.status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            if reply.status == 429:
                self.send_header("Retry-After", "0")
            self.end_headers()
            self.wfile.write(data)

        def log_message(self, format: str, *args: Any) -> None:
            """Keep test output quiet."""

    return Handler


@contextmanager
def serve(scripts: dict[str, list[Reply]]) -> Iterator[OpenAIStub]:
    """Run the stub on a free loopback port for the duration of the block; `stub.url` ends in /v1."""
    stub = OpenAIStub(scripts={name: list(replies) for name, replies in scripts.items()})
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(stub))
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield stub
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
