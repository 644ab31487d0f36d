"""Exactly one reply per request, whatever Slack resends and whichever worker dies.

Each reply Summit owes (the thread reply to one link of one message, the answer to one ``/summit summary``) has
a key in Redis that records how far it has got:

- ``queued``: the web process accepted the request and put a job on the queue (``SET NX``: a second delivery of
  the same message finds the key and queues nothing);
- ``posting <job id>``: that job is about to call Slack (set under WATCH: two jobs cannot both take it);
- ``posted <ts>``: Slack took the message.

A job that finds ``posted`` does nothing. A job that finds ``posting`` while that other job still runs tries again
later. Otherwise it is the retry of one that died between calling Slack and hearing back, so it first asks Slack
whether the message is there (``find_posted``): every message Summit posts in a channel or thread carries its
reply id in the message metadata for that. What cannot be looked up is an ephemeral notice or an answer through
a ``response_url``: a crash between Slack accepting one and the ``posted`` write may show it twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from enum import Enum

import redis
from redis.exceptions import WatchError

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

    def claim_on(self, pipe: redis.client.Pipeline) -> None:
        """Queue the write that marks the reply queued on ``pipe``, a transaction that also queues its job."""
        pipe.set(self.key, ReplyState.QUEUED.value, ex=REPLY_TTL_SECONDS)

    def state(self) -> tuple[ReplyState, str | None]:
        """The reply's state, and what follows it: the posted message's ts, or the job that is posting."""
        value = self.redis.get(self.key)
        if value is None:
            return ReplyState.NEW, None
        state, _, detail = value.decode().partition(" ")
        return ReplyState(state), detail or None

    def deliver(self, post: Callable[[], str | None], find_posted: Callable[[], str | None] | None = None, *,
                owner: str = "", owner_running: Callable[[str], bool] = lambda _owner: False) -> bool:
        """Post the reply unless it was posted already; True when this call posted it.

        ``post`` sends the message and returns its ts; ``find_posted`` looks for a message an earlier attempt may
        have sent before dying, and returns its ts or None. ``owner`` names this attempt's job (a retry keeps
        its job's id); a reply another job is posting right now (``owner_running``) raises ReplyInProgress, so
        that the queue tries again later rather than post a second copy.
        """
        previous, detail = self._start_posting(owner)
        if previous is ReplyState.POSTED:
            return False
        if previous is ReplyState.POSTING:
            if detail and detail != owner and owner_running(detail):
                raise ReplyInProgress(f"reply {self.id} is being posted by job {detail}")
            found = find_posted() if find_posted is not None else None
            if found is not None:
                self._mark(ReplyState.POSTED, found)
                return False
        self._mark(ReplyState.POSTED, post() or "")
        return True

    def _start_posting(self, owner: str) -> tuple[ReplyState, str | None]:
        """Mark the reply as being posted by ``owner``, unless it was posted; return the state it had. Done
        under WATCH, so two jobs that read "queued" at once cannot both go on believing they are the first."""
        with self.redis.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(self.key)
                    value = pipe.get(self.key)
                    state, _, detail = (value.decode() if value else ReplyState.NEW.value).partition(" ")
                    if state == ReplyState.POSTED.value:
                        pipe.unwatch()
                        return ReplyState.POSTED, detail or None
                    pipe.multi()
                    pipe.set(self.key, f"{ReplyState.POSTING.value} {owner}".strip(), ex=REPLY_TTL_SECONDS)
                    pipe.execute()
                    return ReplyState(state), detail or None
                except WatchError:
                    continue

    def _mark(self, state: ReplyState, detail: str | None = None) -> None:
        value = f"{state.value} {detail}" if detail else state.value
        self.redis.set(self.key, value, ex=REPLY_TTL_SECONDS)


class ReplyInProgress(RuntimeError):
    """Another job is posting this reply right now; this one should be tried again later."""
