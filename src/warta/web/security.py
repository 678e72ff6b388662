"""ASGI middleware: security headers on every response and a limit on request body size.

Written as plain ASGI (not ``BaseHTTPMiddleware``) so that they add no per-request task and
refuse a request over the limit from its Content-Length (the server never reads more than
the declared length), or, for a chunked upload that declares none, as soon as the bytes read
pass the limit (such a body is read here and handed on).
"""

from __future__ import annotations

import json
import logging
from typing import Any

log = logging.getLogger("warta.web")
Scope = dict[str, Any]
Message = dict[str, Any]

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
    "frame-ancestors 'none'"
)
HEADERS = [
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
    (b"cross-origin-opener-policy", b"same-origin"),
    (b"permissions-policy", b"camera=(), microphone=(), geolocation=(), interest-cohort=()"),
]
# Swagger UI (/docs) loads its script and styles from a CDN; the API schema stays at /openapi.json.


class SecurityHeaders:
    """The security headers on every response, 500s included: an error the application did not
    handle is answered here (logged, a one-line body, the headers) and not raised further, so
    the server keeps the connection open instead of dropping it."""

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started = False

        async def send_with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in HEADERS if k not in present]
                message["headers"] = headers
            await send(message)

        try:
            await self.app(scope, receive, send_with_headers)
        except Exception:
            log.exception("error serving %s", scope.get("path", "?"))
            if started:  # part of the answer is out: nothing sane can follow, the server closes
                raise
            await respond(scope, send_with_headers, 500, "internal error; the server log has the details")


class BodyLimit:
    """Refuse request bodies over ``limit`` bytes with 413 (JSON for /api/, a page otherwise)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        for key, value in scope.get("headers", []):
            if key == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = -1
                if declared < 0 or declared > self.limit:
                    await self._refuse(scope, send, declared < 0)
                    return
        if not any(key == b"content-length" for key, _ in scope.get("headers", [])):
            # no declared length (chunked upload): read it here, at most ``limit`` bytes, then replay
            chunks: list[bytes] = []
            seen = 0
            while True:
                message: Message = await receive()
                if message["type"] != "http.request":
                    break
                chunk = message.get("body", b"")
                seen += len(chunk)
                if seen > self.limit:
                    await self._refuse(scope, send, False)
                    return
                chunks.append(chunk)
                if not message.get("more_body", False):
                    break
            body = b"".join(chunks)
            replayed = False

            async def replay() -> Message:
                nonlocal replayed
                if not replayed:
                    replayed = True
                    return {"type": "http.request", "body": body, "more_body": False}
                return await receive()  # type: ignore[no-any-return]

            await self.app(scope, replay, send)
            return
        await self.app(scope, receive, send)

    async def _refuse(self, scope: Scope, send: Any, malformed: bool) -> None:
        status = 400 if malformed else 413
        reason = "malformed Content-Length" if malformed else f"request body over the limit of {self.limit:,} bytes"
        await respond(scope, send, status, reason)


async def respond(scope: Scope, send: Any, status: int, reason: str) -> None:
    """A one-line error answer written at the ASGI level: JSON under /api/, a page elsewhere."""
    if str(scope.get("path", "")).startswith("/api/"):
        body = json.dumps({"error": reason, "status": status}).encode()
        ctype = b"application/json"
    else:
        from markupsafe import escape

        body = f"<!doctype html><title>{status}</title><h1>{status}</h1><p>{escape(reason)}</p>".encode()
        ctype = b"text/html; charset=utf-8"
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", ctype), (b"content-length", str(len(body)).encode())],
        }
    )
    await send({"type": "http.response.body", "body": body})
