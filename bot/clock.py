"""``summit clock``: wakes every minute and queues each subscribed channel's digest once its local time has come.

One APScheduler 3 scheduler with its own in-memory job store (never shared with another process). Each tick
reads every subscription, works out the latest digest due (``Subscription.latest_due``) and claims
(workspace, channel, local date) in a WATCH/MULTI transaction with the job itself (a ``SET NX`` that is
queued with its job or not at all): whichever clock claims it queues the job, so two clocks
started by mistake still give one digest, and a day's digest is never queued twice. The first tick runs at
start-up, so a clock that was down at 08:00 queues that day's digest as soon as it is back.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfoNotFoundError

import redis
from redis.exceptions import WatchError
from rq import Queue, Retry

from bot.intake import digest_queue_name, enqueue
from bot.keys import Keys
from bot.redis_connection import connect
from bot.settings import Settings
from bot.subscriptions import Subscription, SubscriptionBook

logger = logging.getLogger(__name__)

CLAIM_SECONDS = 3 * 24 * 3600
"""How long a day's claim is kept: longer than any day, so a claimed date is never claimed again."""
TICK_SECONDS = 60
DIGEST_RETRIES = Retry(max=6, interval=[10, 60, 300, 900, 1800, 3600])
"""A digest Slack or Redis kept from going out is tried again for about two hours: the day is claimed once."""
DIGEST_TIMEOUT_SECONDS = 900
"""Building a digest compares the day's developments with each other and with those reported: minutes, at most."""


@dataclass(frozen=True)
class Queued:
    subscription: Subscription
    day: str


class Clock:
    def __init__(self, redis_client: redis.Redis, namespace: str) -> None:
        self.redis = redis_client
        self.namespace = namespace
        self.book = SubscriptionBook(redis_client, namespace)
        self.queue = Queue(digest_queue_name(namespace), connection=redis_client)

    def tick(self, now: datetime | None = None) -> list[Queued]:
        """Queue every digest that is due and that no clock has claimed yet; return what this tick queued."""
        now = now or datetime.now(timezone.utc)
        queued = []
        for subscription in self.book.all():
            try:
                day = subscription.latest_due(now)
            except (ValueError, TypeError, ZoneInfoNotFoundError):
                # One subscription this machine cannot read (an unknown zone) must not stop the others.
                logger.warning("skipped a subscription that cannot be scheduled", exc_info=True,
                               extra={"team": subscription.team, "channel": subscription.channel})
                continue
            if day is None:
                continue
            if not self._claim_and_queue(subscription, day.isoformat(), now):
                continue
            queued.append(Queued(subscription, day.isoformat()))
            logger.info("queued a digest", extra={"team": subscription.team, "channel": subscription.channel,
                                                   "day": day.isoformat()})
        return queued

    def _claim_and_queue(self, subscription: Subscription, day: str, now: datetime) -> bool:
        """Claim the channel's day and queue its digest in one transaction: both happen, or (another clock
        claimed it first, or Redis went away) neither does."""
        claim = Keys(subscription.team, prefix=self.namespace).digest_claim(subscription.channel, day)
        with self.redis.pipeline() as pipe:
            try:
                pipe.watch(claim)
                if pipe.exists(claim):
                    return False
                pipe.multi()
                pipe.set(claim, now.isoformat(timespec="seconds"), ex=CLAIM_SECONDS)
                enqueue(self.queue, "bot.jobs.post_digest", "daily digest", pipeline=pipe,
                        retry=DIGEST_RETRIES, timeout=DIGEST_TIMEOUT_SECONDS,
                        team=subscription.team, channel=subscription.channel, day=day)
                pipe.execute()
            except WatchError:
                return False
        return True


def run_clock(settings: Settings) -> None:
    """Tick now and then every minute, until stopped."""
    from apscheduler.executors.pool import ThreadPoolExecutor
    from apscheduler.jobstores.memory import MemoryJobStore
    from apscheduler.schedulers.blocking import BlockingScheduler

    clock = Clock(connect(settings), settings.namespace)
    scheduler = BlockingScheduler(
        jobstores={"default": MemoryJobStore()},
        executors={"default": ThreadPoolExecutor(1)},
        # A tick that starts late (the machine was busy) still runs; ticks missed while it was busy are one tick.
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": TICK_SECONDS},
        timezone=timezone.utc,
    )
    scheduler.add_job(_tick_logged, "interval", args=(clock,), seconds=TICK_SECONDS,
                      next_run_time=datetime.now(timezone.utc), id="digests")
    logger.info("clock started", extra={"namespace": settings.namespace})
    scheduler.start()


def _tick_logged(clock: Clock) -> None:
    try:
        clock.tick()
    except redis.RedisError as error:
        # Redis away for a while: the claims were not made, so the next tick queues the same digests.
        logger.warning("clock tick could not reach Redis: %s", error)
