"""The work a worker does for Slack: read a link, find who said what, store it, and post the reply once.

Jobs are plain functions that RQ calls by name with plain-text arguments; what they need (Redis, the Slack
client, the spaCy model) comes from the :class:`WorkerContext` that ``summit worker`` installs before taking the
first job, so the model is loaded once per worker process, not once per job.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

import redis
from rq import get_current_job
from rq.exceptions import NoSuchJobError
from rq.job import Job, JobStatus
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook import WebhookClient

import nlp
from bot.archive import Archive, ArticleRecord
from bot.cache import ExtractionCache
from bot.earlier_reports import earlier_reports
from bot.ingest import ingest
from bot.digest import Digest, build_digest, record_digest
from bot.keys import Keys
from bot.replies import METADATA_EVENT_TYPE, ReplyLedger, reply_id
from bot.settings import Settings
from bot.slack_client import rate_limit_handler, slack_client
from bot.subscriptions import SubscriptionBook, subscription_zone
from handlers.block_kit import Message
from handlers.blocks import article_blocks
from handlers.digest_blocks import digest_message, shown_digest
from handlers.notices import notice, unreadable_message
from nlp.read_errors import ReadError

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

GAVE_UP = "Summit could not finish this after several tries. Please try again in a few minutes."
DIGEST_BUILD_SECONDS = 3 * 24 * 3600
"""How long a built digest is kept for its job's retries."""
GONE_ERRORS = frozenset({"channel_not_found", "not_in_channel", "is_archived", "thread_not_found",
                         "message_not_found", "user_not_found", "user_not_in_channel", "expired_url"})
"""Slack errors that trying again cannot fix: the reply is dropped with a log line."""


@dataclass
class WorkerContext:
    settings: Settings
    redis: redis.Redis
    slack: WebClient
    load_model: Callable[[], Language]

    def keys(self, team: str) -> Keys:
        return Keys(team, prefix=self.settings.namespace)

    def archive(self, team: str) -> Archive:
        return Archive(self.redis, self.keys(team))

    def subscriptions(self) -> SubscriptionBook:
        return SubscriptionBook(self.redis, self.settings.namespace)

    def read(self, team: str, url: str) -> ArticleRecord:
        """The article at ``url`` as stored in the team's archive (read and extracted now unless known);
        raises ReadError when it cannot be read."""
        archive = self.archive(team)
        cache = ExtractionCache(self.redis, self.keys(team), ttl_days=self.settings.cache_ttl_days)
        (item,) = ingest(url, archive=archive, cache=cache, model_loader=self.load_model,
                         settings=self.settings).items
        return archive.load(item.article.id)


_context: WorkerContext | None = None


def install(context: WorkerContext) -> None:
    """Make ``context`` the one the jobs of this process use."""
    global _context
    _context = context


def context_from_settings(settings: Settings, redis_client: redis.Redis) -> WorkerContext:
    return WorkerContext(settings, redis_client, slack_client(settings),
                         functools.cache(lambda: nlp.load_model(settings.model_name)))


def _current() -> WorkerContext:
    if _context is None:
        raise RuntimeError("no worker context: jobs run in `summit worker`, which installs one")
    return _context


def reply_in_thread(*, team: str, channel: str, thread_ts: str, user: str, url: str, reply: str) -> None:
    """Reply in the thread of the message that held ``url``; tell the poster alone when it cannot be read."""
    context = _current()
    ledger = ReplyLedger(context.redis, context.keys(team), reply)
    log = {"team": team, "channel": channel, "reply": reply}
    try:
        record = context.read(team, url)
    except ReadError as error:
        logger.info("could not read a pasted link: %s", error.user_message, extra=log)
        notice = unreadable_message(url, error.user_message)
        _deliver(ledger, log, lambda: _post_ephemeral(context.slack, channel, user, notice))
        return
    reply_message = thread_reply(context.archive(team), record)
    _deliver(ledger, log,
             lambda: post_message(context.slack, channel, reply, reply_message, thread_ts),
             lambda: _find_posted(lambda cursor: context.slack.conversations_replies(
                 channel=channel, ts=thread_ts, include_all_metadata=True, limit=200, cursor=cursor), reply))


def answer_summary(*, team: str, url: str, response_url: str, user: str, reply: str) -> None:
    """Answer ``/summit summary <url>`` through the command's response_url, seen by the asker alone."""
    context = _current()
    ledger = ReplyLedger(context.redis, context.keys(team), reply)
    log = {"team": team, "user": user, "reply": reply}
    try:
        answer = thread_reply(context.archive(team), context.read(team, url))
    except ReadError as error:
        logger.info("could not read a link to summarise: %s", error.user_message, extra=log)
        answer = unreadable_message(url, error.user_message)
    _deliver(ledger, log, lambda: _respond(response_url, answer))


def post_digest(*, team: str, channel: str, day: str) -> None:
    """Post ``channel``'s digest of the local date ``day`` (claimed by the clock), once, and record what it
    reported. The digest is built once and kept, so a retry posts and records the very same one."""
    context = _current()
    archive = context.archive(team)
    log = {"team": team, "channel": channel, "day": day}
    ledger = ReplyLedger(context.redis, context.keys(team), reply_id("digest", channel, day))
    digest = _stored_digest(context, archive, channel, day)
    if not (digest.is_empty and context.settings.digest_when_empty == "skip"):
        message = digest_message(digest)
        gone = _deliver(ledger, log,
                        lambda: post_message(context.slack, channel, ledger.id, message),
                        lambda: _find_posted(lambda cursor: context.slack.conversations_history(
                            channel=channel, oldest=str(digest.until), include_all_metadata=True, limit=200,
                            cursor=cursor), ledger.id))
        if gone:
            context.subscriptions().unsubscribe(team, channel)
            logger.warning("unsubscribed a channel Summit cannot post in: %s", gone, extra=log)
            return
    record_digest(archive, shown_digest(digest))
    logger.info("digest done", extra={**log, "developments": len(digest.developments),
                                      "speakers": len(digest.speakers)})


def preview_digest(*, team: str, channel: str, response_url: str, user: str, reply: str) -> None:
    """Answer ``/summit digest``: what the channel's next digest would hold now, to the asker alone."""
    context = _current()
    ledger = ReplyLedger(context.redis, context.keys(team), reply)
    subscription = context.subscriptions().get(team, channel)
    day = datetime.now(subscription_zone(subscription, context.settings.digest_zone)).date().isoformat()
    digest = build_digest(context.archive(team), channel, day)
    _deliver(ledger, {"team": team, "user": user, "reply": reply},
             lambda: _respond(response_url, digest_message(digest, preview=True)))


def _stored_digest(context: WorkerContext, archive: Archive, channel: str, day: str) -> Digest:
    key = context.keys(archive.keys.team).digest_build(channel, day)
    stored = context.redis.get(key)
    if stored is None:
        built = build_digest(archive, channel, day)
        # NX: two jobs building at once (a retry racing a slow first try) end up posting the same digest.
        context.redis.set(key, built.to_json(), nx=True, ex=DIGEST_BUILD_SECONDS)
        stored = context.redis.get(key) or built.to_json()
    return Digest.from_json(stored)


def tell_asker_it_failed(job: Job, connection: redis.Redis, *exc_info: Any) -> None:
    """RQ's failure callback for a job that answers through a ``response_url``: after its last try, tell the
    asker in plain words, so that "Reading …" is not the last they hear."""
    if job.retries_left:
        return
    response_url = (job.kwargs or {}).get("response_url")
    if not response_url:
        return
    try:
        _respond(response_url, notice(GAVE_UP))
    except Exception:
        logger.warning("could not tell the asker a job failed", exc_info=True, extra={"job": job.id})


def thread_reply(archive: Archive, record: ArticleRecord) -> Message:
    """The reply to an article: its summary, who said what (marking what the archive already had), figures."""
    earlier = earlier_reports(archive, record.id)
    reported_before = {number: report.outlet or report.title or "an earlier article"
                       for number, report in earlier.items()}
    return article_blocks(record.extraction, outlet=record.outlet, reported_before=reported_before)


def _deliver(ledger: ReplyLedger, log: dict[str, str], post: Callable[[], str | None],
             find_posted: Callable[[], str | None] | None = None) -> str | None:
    """Deliver through the ledger; the Slack error when the place to post is gone (which retrying cannot
    bring back: a channel Summit left, a response_url that expired), else None."""
    try:
        ledger.deliver(post, find_posted, owner=_job_id(), owner_running=_job_running)
    except SlackApiError as error:
        code = error.response.get("error") if error.response is not None else None
        if code not in GONE_ERRORS:
            raise
        logger.warning("Slack refused the reply: %s", code, extra=log)
        return code
    return None


def _job_id() -> str:
    job = get_current_job()
    return job.id if job is not None else ""


def _job_running(job_id: str) -> bool:
    """Whether the queue's job ``job_id`` is being run by a live worker now."""
    try:
        return Job.fetch(job_id, connection=_current().redis).get_status() == JobStatus.STARTED
    except NoSuchJobError:
        return False


def post_message(slack: WebClient, channel: str, reply: str, message: Message,
                 thread_ts: str | None = None) -> str | None:
    """Post ``message`` in the channel (or the thread), carrying its reply id in the message metadata; if Slack
    refuses its blocks, post its plain text instead, so the reply is not lost to a rendering fault."""
    common = {"channel": channel, "thread_ts": thread_ts, "unfurl_links": False, "unfurl_media": False,
              "metadata": {"event_type": METADATA_EVENT_TYPE, "event_payload": {"reply": reply}}}
    try:
        return slack.chat_postMessage(**common, **message).get("ts")
    except SlackApiError as error:
        if (error.response.get("error") if error.response is not None else None) != "invalid_blocks":
            raise
        logger.error("Slack refused a message's blocks; posting its text alone", extra={"channel": channel})
        return slack.chat_postMessage(**common, text=message["text"]).get("ts")


def _find_posted(read_page: Callable[[str | None], Any], reply: str) -> str | None:
    """The ts of Summit's message ``reply`` among the pages ``read_page(cursor)`` returns, if an earlier attempt
    posted it (conversations.replies for a thread, conversations.history for a channel)."""
    cursor = None
    while True:
        page = read_page(cursor)
        for posted in page.get("messages") or []:
            metadata = posted.get("metadata") or {}
            if (metadata.get("event_type") == METADATA_EVENT_TYPE
                    and (metadata.get("event_payload") or {}).get("reply") == reply):
                return posted.get("ts")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None


def _post_ephemeral(slack: WebClient, channel: str, user: str, message: Message) -> str | None:
    return slack.chat_postEphemeral(channel=channel, user=user, **message).get("message_ts")


def _respond(response_url: str, message: Message) -> None:
    webhook = WebhookClient(response_url, retry_handlers=[rate_limit_handler()])
    response = webhook.send(response_type="ephemeral", replace_original=False, **message)
    if response.status_code == 404:
        raise SlackApiError("the response_url has expired", {"ok": False, "error": "expired_url"})
    if response.status_code >= 400:
        raise RuntimeError(f"Slack answered the response_url with HTTP {response.status_code}")
