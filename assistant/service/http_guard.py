"""What stands in front of every HTTP server the assistant starts (the API, the MCP server over HTTP).

Three rules, one place: a server reachable beyond this machine must have a token; a request
must carry it (compared in constant time, so its bytes cannot be guessed by timing); and a body
over the size limit is answered 413 before it is read, so a client cannot make the server hold
an arbitrarily large request in memory. The middleware is plain ASGI, so this package imports
no web framework and the CLI's start-up pays for none.
"""

from __future__ import annotations

import hmac
import ipaddress
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from pydantic import SecretStr

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

LOOPBACK_NAMES = frozenset({"localhost", "localhost.localdomain", "ip6-localhost"})


class ExposureError(ValueError):
    """A server asked to listen beyond loopback with no token to guard it."""


def is_loopback(host: str) -> bool:
    """Whether only this machine can reach an address: 127.0.0.0/8, ::1 or a localhost name."""
    if host.lower() in LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_exposure(host: str, token: SecretStr | None, what: str) -> None:
    """Refuse to start `what` on a reachable address without ASSISTANT_API_TOKEN."""
    if token is None and not is_loopback(host):
        raise ExposureError(
            f"refusing to serve the {what} on {host} without a token: anyone who can reach it could "
            "read and write the account history. Set ASSISTANT_API_TOKEN (16+ characters), or keep "
            "--host 127.0.0.1 (docs/deploy.md)"
        )


def token_equals(given: str, token: SecretStr) -> bool:
    """Whether a presented token is the configured one, in constant time (no timing oracle)."""
    return hmac.compare_digest(given.encode("utf-8", "replace"), token.get_secret_value().encode())


def token_matches(authorization: str | None, token: SecretStr) -> bool:
    """Whether an Authorization header is `Bearer <token>`."""
    scheme, _, given = (authorization or "").partition(" ")
    return scheme.lower() == "bearer" and token_equals(given.strip(), token)


async def send_json(
    send: Send, status: int, payload: dict[str, str], headers: list[tuple[bytes, bytes]]
) -> None:
    """A complete JSON response, for middleware that answers before the application is called."""
    body = json.dumps(payload).encode()
    head = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": head + headers})
    await send({"type": "http.response.body", "body": body})


UNAUTHORIZED_MESSAGE = (
    "missing or wrong bearer token: send the header 'Authorization: Bearer <ASSISTANT_API_TOKEN>'"
)
UNAUTHORIZED = {"error": UNAUTHORIZED_MESSAGE}
CHALLENGE = [(b"www-authenticate", b"Bearer")]


class BearerGuard:
    """Every HTTP request needs the token when one is set (the MCP server over HTTP; the API checks
    it per route instead, so its OpenAPI page can show the scheme and leave /healthz open)."""

    def __init__(self, app: ASGIApp, token: SecretStr | None) -> None:
        self.app = app
        self.token = token

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or self.token is None:
            await self.app(scope, receive, send)
            return
        if not token_matches(_header(scope, b"authorization"), self.token):
            await send_json(send, 401, UNAUTHORIZED, CHALLENGE)
            return
        await self.app(scope, receive, send)


class BodyLimit:
    """Answer 413 to a body over `max_bytes`: at once when Content-Length says so, else as soon as
    the chunks received pass it (a chunked body is buffered only up to the limit)."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _header(scope, b"content-length")
        if declared is not None and declared.strip().isdigit():
            if int(declared) > self.max_bytes:
                await self._refuse(send)
                return
            await self.app(scope, receive, send)  # the server holds the client to Content-Length
            return
        buffered = await self._read_up_to_limit(receive)
        if buffered is None:
            await self._refuse(send)
            return
        await self.app(scope, _replay(buffered, receive), send)

    async def _read_up_to_limit(self, receive: Receive) -> list[Message] | None:
        """The body's messages, or None as soon as they pass the limit."""
        messages: list[Message] = []
        size = 0
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                return messages  # the client left: let the application see it
            size += len(message.get("body", b""))
            if size > self.max_bytes:
                return None
            if not message.get("more_body", False):
                return messages

    async def _refuse(self, send: Send) -> None:
        limit = f"{self.max_bytes:,} bytes"
        await send_json(
            send,
            413,
            {
                "error": f"the request body is over {limit} (ASSISTANT_MAX_REQUEST_BYTES): send less per request"
            },
            [(b"connection", b"close")],
        )


def _replay(messages: list[Message], receive: Receive) -> Receive:
    """A receive that hands out the buffered messages, then the client's further ones."""
    pending = list(messages)

    async def replayed() -> Message:
        return pending.pop(0) if pending else await receive()

    return replayed


def _header(scope: Scope, name: bytes) -> str | None:
    """One request header, decoded as Latin-1 as HTTP defines header bytes; None when absent."""
    for key, value in scope.get("headers", []):
        if key.lower() == name:
            return bytes(value).decode("latin-1")
    return None
