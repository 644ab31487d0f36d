"""A local HTTP server that plays the Slack Web API for end-to-end tests, as slack-bolt's own tests do.

It answers the methods Summit calls (``auth.test``, ``apps.connections.open``, ``chat.postMessage``,
``chat.postEphemeral``, ``conversations.replies``, ``conversations.history``, ``users.info``) and any ``response_url`` under ``/respond/``, and records every call. Tests can make it
refuse the next post with a 429, or take a post and then hold back its answer (a worker that dies while waiting
for Slack).
"""

from __future__ import annotations

import json
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qsl, urlsplit

BOT_USER_ID = "UBOTSUMMIT"
BOT_ID = "BSUMMIT"


@dataclass
class Call:
    """One request the app made: a Web API method (``chat.postMessage``) or ``respond/<name>``."""

    method: str
    params: dict[str, Any]
    status: int = 200
    at: float = field(default_factory=time.monotonic)


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        # A client killed mid-request (the worker-crash tests) is expected; anything else is still reported.
        if not isinstance(sys.exc_info()[1], (BrokenPipeError, ConnectionResetError)):
            super().handle_error(request, client_address)


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.condition = threading.Condition()
        self._next_ts = 0
        self._rate_limits: dict[str, int] = {}
        self._held: dict[str, threading.Event] = {}
        self._refused: dict[str, str] = {}
        self._no_blocks: set[str] = set()
        self.delays: dict[str, float] = {}
        """method → seconds to wait before answering it (a Slack that is slow to answer)."""
        self.user_zones: dict[str, str] = {}
        """user id → the time zone users.info gives for them."""
        self.socket_mode_url: str | None = None
        """What ``apps.connections.open`` hands out: the WebSocket of a Socket Mode test."""
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                fake._handle(self)

            def do_POST(self) -> None:
                fake._handle(self)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = _QuietServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> FakeSlack:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        for event in self._held.values():
            event.set()
        self.server.shutdown()
        self.server.server_close()

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/api/"

    def response_url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}/respond/{name}"

    # What tests arrange ---------------------------------------------------------------------------------------

    def refuse_posts_to(self, channel: str, error: str) -> None:
        """Answer every chat.postMessage to ``channel`` with ``error`` (``not_in_channel``, ``is_archived`` …)."""
        self._refused[channel] = error

    def refuse_blocks_in(self, channel: str) -> None:
        """Answer chat.postMessage with blocks to ``channel`` with invalid_blocks, as Slack does for bad ones."""
        self._no_blocks.add(channel)

    def rate_limit_next(self, method: str, retry_after: int) -> None:
        """Refuse the next call of ``method`` with 429 and ``Retry-After: retry_after``."""
        self._rate_limits[method] = retry_after

    def hold_posts_to(self, channel: str) -> threading.Event:
        """Record posts to ``channel`` as Slack would, but answer none until the returned event is set."""
        event = threading.Event()
        self._held[channel] = event
        return event

    # What tests read ---------------------------------------------------------------------------------------

    def calls_to(self, method: str, **matching: Any) -> list[Call]:
        with self.condition:
            return [call for call in self.calls if call.method == method and call.status == 200
                    and all(call.params.get(key) == value for key, value in matching.items())]

    def posts(self, channel: str) -> list[dict[str, Any]]:
        """Messages Slack accepted in ``channel`` (thread replies included), in order."""
        return [call.params for call in self.calls_to("chat.postMessage", channel=channel) if "ts" in call.params]

    def wait_for(self, predicate: Callable[[], Any], timeout: float = 60.0) -> Any:
        """Wait until ``predicate()`` is truthy (checked after every call) and return it; fail after ``timeout``."""
        deadline = time.monotonic() + timeout
        with self.condition:
            while True:
                result = predicate()
                if result:
                    return result
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"Slack saw no such call within {timeout} s; calls: "
                                         f"{[call.method for call in self.calls]}")
                self.condition.wait(min(remaining, 0.5))

    # Serving ------------------------------------------------------------------------------------------------

    def _handle(self, request: BaseHTTPRequestHandler) -> None:
        path = urlsplit(request.path)
        params = dict(parse_qsl(path.query))
        length = int(request.headers.get("Content-Length") or 0)
        body = request.rfile.read(length) if length else b""
        if body:
            if "json" in (request.headers.get("Content-Type") or ""):
                params.update(json.loads(body))
            else:
                params.update(parse_qsl(body.decode()))
        for key in ("blocks", "metadata"):
            if isinstance(params.get(key), str):
                params[key] = json.loads(params[key])
        method = path.path.removeprefix("/api/").strip("/")
        if method in self._rate_limits:
            retry_after = self._rate_limits.pop(method)
            self._record(Call(method, params, status=429))
            self._send(request, 429, {"ok": False, "error": "ratelimited"}, {"Retry-After": str(retry_after)})
            return
        time.sleep(self.delays.get(method, 0))
        status, answer = self._answer(method, params)
        held = self._held.get(params.get("channel", "")) if method == "chat.postMessage" else None
        self._record(Call(method, params, status=status))
        if held is not None:
            held.wait()
        self._send(request, status, answer)

    def _answer(self, method: str, params: dict[str, Any]) -> tuple[int, Any]:
        if method.startswith("respond/"):
            return 200, "ok"
        if method == "users.info":
            zone = self.user_zones.get(params.get("user", ""))
            return 200, {"ok": True, "user": {"id": params.get("user"), "tz": zone}} if zone else \
                {"ok": False, "error": "user_not_found"}
        if method == "auth.test":
            return 200, {"ok": True, "url": "https://test.slack.com/", "team": "Test", "user": "summit",
                         "team_id": "T0TEST", "user_id": BOT_USER_ID, "bot_id": BOT_ID}
        if method == "apps.connections.open":
            return 200, {"ok": True, "url": self.socket_mode_url} if self.socket_mode_url else \
                {"ok": False, "error": "socket_mode_not_enabled"}
        if method == "chat.postMessage" and params.get("blocks") and params.get("channel") in self._no_blocks:
            return 200, {"ok": False, "error": "invalid_blocks"}
        if method == "chat.postMessage" and params.get("channel") in self._refused:
            return 200, {"ok": False, "error": self._refused[params["channel"]]}
        if method == "chat.postMessage":
            ts = self._new_ts()
            params["ts"] = ts
            return 200, {"ok": True, "channel": params.get("channel"), "ts": ts,
                         "message": {"text": params.get("text"), "ts": ts}}
        if method == "chat.postEphemeral":
            return 200, {"ok": True, "message_ts": self._new_ts()}
        if method == "conversations.replies":
            replies = [{"ts": post["ts"], "text": post.get("text"), "metadata": post.get("metadata")}
                       for post in self.posts(params.get("channel", ""))
                       if post.get("thread_ts") == params.get("ts")]
            return 200, {"ok": True, "messages": replies, "has_more": False}
        if method == "conversations.history":
            oldest = float(params.get("oldest") or 0)
            history = [{"ts": post["ts"], "text": post.get("text"), "metadata": post.get("metadata")}
                       for post in self.posts(params.get("channel", ""))
                       if not post.get("thread_ts") and float(post["ts"]) > oldest]
            return 200, {"ok": True, "messages": history[::-1], "has_more": False}
        return 200, {"ok": False, "error": "unknown_method"}

    def _new_ts(self) -> str:
        """A message ts as Slack makes them: the time in microseconds, unique and increasing."""
        with self.condition:
            self._next_ts = max(self._next_ts + 1, int(time.time() * 1_000_000))
            return f"{self._next_ts // 1_000_000}.{self._next_ts % 1_000_000:06d}"

    def _record(self, call: Call) -> None:
        with self.condition:
            self.calls.append(call)
            self.condition.notify_all()

    @staticmethod
    def _send(request: BaseHTTPRequestHandler, status: int, answer: Any, headers: dict[str, str] | None = None) -> None:
        body = answer.encode() if isinstance(answer, str) else json.dumps(answer).encode()
        request.send_response(status)
        request.send_header("Content-Type", "text/plain" if isinstance(answer, str) else "application/json")
        request.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            request.send_header(name, value)
        request.end_headers()
        request.wfile.write(body)
