"""What the web process does with Slack's requests: answer from the archive at once, or accept the work once and
put it on the queue for a worker.

Nothing here loads spaCy or fetches a page: every method is a few Redis round trips, well inside the 3 s Slack
gives an acknowledgement. Work is accepted exactly once: an event id is remembered for an hour (Slack retries
within minutes), and each reply Summit owes is claimed in its :class:`bot.replies.ReplyLedger`, in the same
transaction that queues its job.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import redis
from redis.exceptions import WatchError
from rq import Callback, Queue, Retry

from bot.archive import Archive
from bot.keys import Keys
from bot.replies import ReplyLedger, reply_id
from bot.settings import Settings
from bot.subscriptions import BadSchedule, Subscription, SubscriptionBook, parse_zone
from bot.whosaid import WhoSaidAnswer, who_said

logger = logging.getLogger(__name__)

EVENT_SEEN_SECONDS = 3600
"""How long an accepted event id is remembered: Slack retries a failed delivery three times within minutes."""
JOB_RETRIES = Retry(max=3, interval=[10, 60, 300])
"""A job that fails (Redis away, Slack down) or whose worker died is run again three times, 10 s, 1 min and
5 min later (the worker's scheduler puts it back on the queue)."""
JOB_TIMEOUT_SECONDS = 300
"""A job still running after this long is stopped (and retried): reading and extraction take seconds."""
ASKER_TOLD_OF_FAILURE = "bot.jobs.tell_asker_it_failed"
MAX_ARTICLES_PER_MESSAGE = 3
"""Article links of one message that are read; the poster is told about the rest."""


@dataclass(frozen=True)
class QueuedLinks:
    queued: list[str]
    """Links put on the queue now."""
    skipped: list[str]
    """Article links past MAX_ARTICLES_PER_MESSAGE."""
    first_delivery: bool = True
    """False when the event had been handled before (a retry of it, from Slack)."""


@dataclass(frozen=True)
class _Job:
    ledger: ReplyLedger
    function: str
    description: str
    kwargs: dict[str, str]
    on_failure: str | None = None
    """A function RQ calls each time the job fails (see ``bot.jobs.tell_asker_it_failed``)."""


class Intake:
    """The web process's side of the queue and the archive, for every workspace."""

    def __init__(self, redis_client: redis.Redis, settings: Settings) -> None:
        self.redis = redis_client
        self.settings = settings
        self.namespace = settings.namespace
        self.queue = Queue(settings.namespace, connection=redis_client)

    def keys(self, team: str) -> Keys:
        return Keys(team, prefix=self.namespace)

    def who_said(self, team: str, query: str, limit: int) -> WhoSaidAnswer:
        return who_said(Archive(self.redis, self.keys(team)), query, limit=limit)

    def accept_message(self, team: str, event_id: str, channel: str, message_ts: str, thread_ts: str, user: str,
                       links: list[str]) -> QueuedLinks:
        """Queue a reply in the thread ``thread_ts`` for each of the first article links of a message (``channel``,
        ``message_ts``) that has none queued yet; nothing at all when the event was seen before (Slack's retry)."""
        taken, skipped = links[:MAX_ARTICLES_PER_MESSAGE], links[MAX_ARTICLES_PER_MESSAGE:]
        jobs = [_Job(ReplyLedger(self.redis, self.keys(team), reply_id(channel, message_ts, url)),
                     "bot.jobs.reply_in_thread", "thread reply to a pasted link",
                     {"team": team, "channel": channel, "thread_ts": thread_ts, "user": user, "url": url})
                for url in taken]
        queued = self._accept(jobs, event_key=self.keys(team).slack_event(event_id))
        if queued is None:
            return QueuedLinks([], [], first_delivery=False)
        return QueuedLinks([job.kwargs["url"] for job in queued], skipped)

    def queue_summary(self, team: str, url: str, response_url: str, user: str) -> None:
        """Queue the answer to ``/summit summary <url>``, to be sent to the command's ``response_url``."""
        ledger = ReplyLedger(self.redis, self.keys(team), reply_id(response_url, url))
        self._accept([_Job(ledger, "bot.jobs.answer_summary", "summary for /summit summary",
                           {"team": team, "url": url, "response_url": response_url, "user": user},
                           on_failure=ASKER_TOLD_OF_FAILURE)])

    def queue_digest_preview(self, team: str, channel: str, response_url: str, user: str) -> None:
        """Queue ``/summit digest``: the next digest of ``channel`` as it stands, to the asker alone."""
        ledger = ReplyLedger(self.redis, self.keys(team), reply_id(response_url, "digest"))
        self._accept([_Job(ledger, "bot.jobs.preview_digest", "digest preview for /summit digest",
                           {"team": team, "channel": channel, "response_url": response_url, "user": user},
                           on_failure=ASKER_TOLD_OF_FAILURE)])

    def _accept(self, jobs: list[_Job], *, event_key: str | None = None) -> list[_Job] | None:
        """Queue the jobs whose reply nobody has claimed, with their claims and the event's mark, in one
        transaction: all of it happens or none does, so a lost connection can neither queue a job twice nor
        leave a claim without its job. None when ``event_key`` was set already (the event was handled)."""
        watched = [job.ledger.key for job in jobs] + ([event_key] if event_key else [])
        with self.redis.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(*watched)
                    if event_key and pipe.exists(event_key):
                        pipe.unwatch()
                        return None
                    fresh = [job for job in jobs if not pipe.exists(job.ledger.key)]
                    pipe.multi()
                    if event_key:
                        pipe.set(event_key, 1, ex=EVENT_SEEN_SECONDS)
                    for job in fresh:
                        job.ledger.claim_on(pipe)
                        enqueue(self.queue, job.function, job.description, pipeline=pipe,
                                on_failure=job.on_failure, reply=job.ledger.id, **job.kwargs)
                    pipe.execute()
                    return fresh
                except WatchError:
                    # Another delivery of the same request got there first, or the connection dropped while
                    # watching: look again.
                    continue

    def subscriptions(self) -> SubscriptionBook:
        return SubscriptionBook(self.redis, self.namespace)

    def subscribe(self, team: str, channel: str, user: str, *, at: str | None, zone: str | None,
                  user_zone: str | None) -> Subscription:
        """Subscribe the channel: at ``at`` (else SUMMIT_DIGEST_TIME) in ``zone``, else the subscriber's own time
        zone as Slack gives it, else SUMMIT_DIGEST_TIMEZONE."""
        return self.subscriptions().subscribe(team, channel, at or self.settings.digest_time,
                                              zone or _known_zone(user_zone) or self.settings.digest_zone, user)

    def unsubscribe(self, team: str, channel: str) -> bool:
        return self.subscriptions().unsubscribe(team, channel)

    def subscription(self, team: str, channel: str) -> Subscription | None:
        return self.subscriptions().get(team, channel)



def _known_zone(name: str | None) -> str | None:
    try:
        return parse_zone(name) if name else None
    except BadSchedule:
        return None


def digest_queue_name(namespace: str) -> str:
    """The queue digests wait on: workers take replies to people first, and a slow digest waits its turn."""
    return f"{namespace}-digests"


def enqueue(queue: Queue, function: str, description: str, *, pipeline: redis.client.Pipeline,
            retry: Retry = JOB_RETRIES, timeout: int = JOB_TIMEOUT_SECONDS, on_failure: str | None = None,
            **kwargs: str) -> None:
    """Put a job on ``pipeline``'s transaction, with Summit's retries and time limit."""
    # The description is what RQ logs: the arguments may hold a response_url, which is a credential.
    queue.enqueue(function, kwargs=kwargs, retry=retry, job_timeout=timeout, description=description,
                  pipeline=pipeline, on_failure=Callback(on_failure) if on_failure else None)
