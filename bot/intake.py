"""What the web process does with Slack's requests: answer from the archive at once, or accept the work once and
put it on the queue for a worker.

Nothing here loads spaCy or fetches a page: every method is a few Redis round trips, well inside the 3 s Slack
gives an acknowledgement. Work is accepted exactly once: an event id is remembered for an hour (Slack retries
within minutes), and each reply Summit owes is claimed in its :class:`bot.replies.ReplyLedger`.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import redis
from rq import Queue, Retry

from bot.archive import Archive
from bot.keys import Keys
from bot.replies import ReplyLedger, reply_id
from bot.whosaid import WhoSaidAnswer, who_said

logger = logging.getLogger(__name__)

EVENT_SEEN_SECONDS = 3600
"""How long an accepted event id is remembered: Slack retries a failed delivery three times within minutes."""
JOB_RETRIES = Retry(max=3, interval=[10, 60, 300])
"""A job that fails (Redis away, Slack down) or whose worker died is run again three times, 10 s, 1 min and
5 min later (the worker's scheduler puts it back on the queue)."""
JOB_TIMEOUT_SECONDS = 300
"""A job still running after this long is stopped (and retried): reading and extraction take seconds."""
MAX_ARTICLES_PER_MESSAGE = 3
"""Article links of one message that are read; the poster is told about the rest."""


@dataclass(frozen=True)
class QueuedLinks:
    queued: list[str]
    """Links put on the queue now."""
    skipped: list[str]
    """Article links past MAX_ARTICLES_PER_MESSAGE."""


class Intake:
    """The web process's side of the queue and the archive, for every workspace."""

    def __init__(self, redis_client: redis.Redis, namespace: str) -> None:
        self.redis = redis_client
        self.namespace = namespace
        self.queue = Queue(namespace, connection=redis_client)

    def keys(self, team: str) -> Keys:
        return Keys(team, prefix=self.namespace)

    def who_said(self, team: str, query: str, limit: int) -> WhoSaidAnswer:
        return who_said(Archive(self.redis, self.keys(team)), query, limit=limit)

    def first_delivery(self, team: str, event_id: str) -> bool:
        """True the first time an event id is seen; False for Slack's retries of it."""
        return bool(self.redis.set(self.keys(team).slack_event(event_id), 1, nx=True, ex=EVENT_SEEN_SECONDS))

    def forget_delivery(self, team: str, event_id: str) -> None:
        """Let Slack's retry of an event that could not be handled be handled."""
        self.redis.delete(self.keys(team).slack_event(event_id))

    def queue_links(self, team: str, channel: str, message_ts: str, thread_ts: str, user: str,
                    links: list[str]) -> QueuedLinks:
        """Queue a reply in the thread ``thread_ts`` for each of the first article links of a message (``channel``,
        ``message_ts``) that has none queued yet."""
        taken, skipped = links[:MAX_ARTICLES_PER_MESSAGE], links[MAX_ARTICLES_PER_MESSAGE:]
        queued = []
        for url in taken:
            ledger = ReplyLedger(self.redis, self.keys(team), reply_id(channel, message_ts, url))
            if not ledger.claim():
                continue
            self._enqueue(ledger, "bot.jobs.reply_in_thread", "thread reply to a pasted link",
                          team=team, channel=channel, thread_ts=thread_ts, user=user, url=url, reply=ledger.id)
            queued.append(url)
        return QueuedLinks(queued, skipped)

    def queue_summary(self, team: str, url: str, response_url: str, user: str) -> None:
        """Queue the answer to ``/summit summary <url>``, to be sent to the command's ``response_url``."""
        ledger = ReplyLedger(self.redis, self.keys(team), reply_id(response_url, url))
        if ledger.claim():
            self._enqueue(ledger, "bot.jobs.answer_summary", "summary for /summit summary",
                          team=team, url=url, response_url=response_url, user=user, reply=ledger.id)

    def _enqueue(self, ledger: ReplyLedger, function: str, description: str, **kwargs: str) -> None:
        try:
            # The description is what RQ logs: the arguments hold a response_url, which is a credential.
            self.queue.enqueue(function, kwargs=kwargs, retry=JOB_RETRIES, job_timeout=JOB_TIMEOUT_SECONDS,
                               description=description)
        except BaseException:
            ledger.release()
            raise
