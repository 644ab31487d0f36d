"""Exactly one reply per request, whatever Slack resends and whichever worker dies.

Each reply Summit owes (the thread reply to one link of one message, the answer to one ``/summit summary``) has
a key in Redis that records how far it has got:

- ``queued``: the web process accepted the request and put a job on the queue (``SET NX``: a second delivery of
  the same message finds the key and queues nothing);
- ``posting``: a worker is about to call Slack;
- ``posted <ts>``: Slack took the message.

A job that finds ``posted`` does nothing. A job that finds ``posting`` is the retry of one that died between
calling Slack and hearing back, so it first asks Slack whether the message is there (``find_posted``): every
thread reply carries its reply id in the message metadata for that. The window left is a crash between Slack
accepting an ephemeral message (which cannot be looked up) and the ``posted`` write: a private notice may then
be shown twice, never a thread reply.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from enum import Enum

import redis

from bot.keys import Keys

REPLY_TTL_SECONDS = 2 * 24 * 3600
"""How long a reply's state is kept: well past Slack's retries (minutes) and the queue's (hours)."""
METADATA_EVENT_TYPE = "summit_reply"
"""The ``metadata.event_type`` of Summit's thread replies; the payload holds the reply id."""


class ReplyState(str, Enum):
    NEW = "new"
    QUEUED = "queued"
    POSTING = "posting"
    POSTED = "posted"


def reply_id(*parts: str) -> str:
    """A short stable id for the reply owed to these parts (channel, message ts, link)."""
    return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]


class ReplyLedger:
    """Where one reply stands, in Redis."""

    def __init__(self, redis_client: redis.Redis, keys: Keys, reply: str) -> None:
        self.redis = redis_client
        self.key = keys.reply(reply)
        self.id = reply

    def claim(self) -> bool:
        """Mark the reply queued; False when someone already did (the request is a repeat)."""
        return bool(self.redis.set(self.key, ReplyState.QUEUED.value, nx=True, ex=REPLY_TTL_SECONDS))

    def release(self) -> None:
        """Forget a claim whose job could not be queued, so Slack's retry of the request can queue it."""
        self.redis.delete(self.key)

    def state(self) -> tuple[ReplyState, str | None]:
        """The reply's state, and the posted message's ts once there is one."""
        value = self.redis.get(self.key)
        if value is None:
            return ReplyState.NEW, None
        state, _, ts = value.decode().partition(" ")
        return ReplyState(state), ts or None

    def deliver(self, post: Callable[[], str | None], find_posted: Callable[[], str | None] | None = None) -> bool:
        """Post the reply unless it was posted already; True when this call posted it.

        ``post`` sends the message and returns its ts; ``find_posted`` looks for a message an earlier attempt
        may have sent before dying, and returns its ts or None.
        """
        state, _ts = self.state()
        if state is ReplyState.POSTED:
            return False
        if state is ReplyState.POSTING and find_posted is not None:
            found = find_posted()
            if found is not None:
                self._mark(ReplyState.POSTED, found)
                return False
        self._mark(ReplyState.POSTING)
        self._mark(ReplyState.POSTED, post() or "")
        return True

    def _mark(self, state: ReplyState, ts: str | None = None) -> None:
        value = f"{state.value} {ts}" if ts else state.value
        self.redis.set(self.key, value, ex=REPLY_TTL_SECONDS)
