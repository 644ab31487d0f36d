"""Requests as Slack sends them: payloads of slash commands, events and button clicks, signed with the app's
signing secret (``slack_sdk.signature.SignatureVerifier.generate_signature``), over real HTTP."""

from __future__ import annotations

import json
import time
import urllib.error
import urllib.request
import uuid
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

from slack_sdk.signature import SignatureVerifier

SIGNING_SECRET = "test-signing-secret-8f2c"
BOT_TOKEN = "xoxb-test-token"


@dataclass(frozen=True)
class Response:
    status: int
    body: str
    seconds: float

    def json(self) -> Any:
        return json.loads(self.body)


def signed_headers(body: str, *, secret: str = SIGNING_SECRET, timestamp: int | None = None) -> dict[str, str]:
    timestamp = int(time.time()) if timestamp is None else timestamp
    signature = SignatureVerifier(secret).generate_signature(timestamp=str(timestamp), body=body)
    return {"X-Slack-Request-Timestamp": str(timestamp), "X-Slack-Signature": signature}


def post(url: str, body: str, content_type: str, *, headers: dict[str, str] | None = None,
         secret: str = SIGNING_SECRET, timestamp: int | None = None, timeout: float = 10) -> Response:
    """POST ``body`` signed with ``secret`` (and extra ``headers``, such as X-Slack-Retry-Num)."""
    all_headers = {"Content-Type": content_type, **signed_headers(body, secret=secret, timestamp=timestamp),
                   **(headers or {})}
    request = urllib.request.Request(url, data=body.encode(), headers=all_headers, method="POST")
    started = time.perf_counter()
    try:
        with urllib.request.urlopen(request, timeout=timeout) as answer:
            return Response(answer.status, answer.read().decode(), time.perf_counter() - started)
    except urllib.error.HTTPError as error:
        return Response(error.code, error.read().decode(), time.perf_counter() - started)


def command_body(*, team: str, text: str, response_url: str, user: str = "UREPORTER", channel: str = "CDESK") -> str:
    return urlencode({
        "token": "legacy-verification-token", "team_id": team, "team_domain": "newsroom", "channel_id": channel,
        "channel_name": "politics", "user_id": user, "user_name": "reporter", "command": "/summit", "text": text,
        "api_app_id": "ASUMMIT", "response_url": response_url, "trigger_id": "1.2.3",
    })


def event_body(*, team: str, event: dict[str, Any], event_id: str | None = None) -> str:
    return json.dumps({
        "token": "legacy-verification-token", "team_id": team, "api_app_id": "ASUMMIT", "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}", "event_time": int(time.time()),
        "authorizations": [{"team_id": team, "user_id": "UBOTSUMMIT", "is_bot": True}],
        "event": {"type": "message", "channel_type": "channel", "event_ts": event.get("ts"), **event},
    })


def message_event(*, channel: str, ts: str, text: str, user: str = "UREPORTER", **extra: Any) -> dict[str, Any]:
    return {"type": "message", "channel": channel, "user": user, "text": text, "ts": ts, **extra}


def action_body(*, team: str, action_id: str, value: str, response_url: str, user: str = "UREPORTER",
                channel: str = "CDESK") -> str:
    payload = {
        "type": "block_actions", "team": {"id": team, "domain": "newsroom"},
        "user": {"id": user, "team_id": team}, "api_app_id": "ASUMMIT", "token": "legacy-verification-token",
        "container": {"type": "message", "is_ephemeral": True}, "trigger_id": "1.2.3",
        "channel": {"id": channel, "name": "politics"}, "response_url": response_url,
        "actions": [{"type": "button", "action_id": action_id, "block_id": "b1", "value": value,
                     "action_ts": str(time.time())}],
    }
    return urlencode({"payload": json.dumps(payload)})


FORM = "application/x-www-form-urlencoded"
JSON = "application/json"
