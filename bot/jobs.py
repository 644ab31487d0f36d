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
from typing import TYPE_CHECKING, Any

import redis
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler
from slack_sdk.webhook import WebhookClient

import nlp
from bot.archive import Archive, ArticleRecord
from bot.cache import ExtractionCache
from bot.earlier_reports import earlier_reports
from bot.ingest import ingest
from bot.keys import Keys
from bot.replies import METADATA_EVENT_TYPE, ReplyLedger
from bot.settings import Settings
from handlers.block_kit import Message
from handlers.blocks import article_blocks
from handlers.notices import unreadable_message
from nlp.read_errors import ReadError

if TYPE_CHECKING:
    from spacy.language import Language

logger = logging.getLogger(__name__)

RATE_LIMIT_RETRIES = 5
"""Times a call Slack refused with 429 is tried again, each after the Retry-After Slack asked for."""
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
    slack = WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url)
    slack.retry_handlers.append(RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES))
    return WorkerContext(settings, redis_client, slack,
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
        _deliver(ledger, log, lambda: _post_ephemeral(context.slack, channel, user,
                                                      unreadable_message(url, error.user_message)))
        return
    reply_message = thread_reply(context.archive(team), record)
    _deliver(ledger, log,
             lambda: _post_in_thread(context.slack, channel, thread_ts, reply, reply_message),
             lambda: _find_in_thread(context.slack, channel, thread_ts, reply))


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


def thread_reply(archive: Archive, record: ArticleRecord) -> Message:
    """The reply to an article: its summary, who said what (marking what the archive already had), figures."""
    earlier = earlier_reports(archive, record.id)
    reported_before = {number: report.outlet or report.title or "an earlier article"
                       for number, report in earlier.items()}
    return article_blocks(record.extraction, outlet=record.outlet, reported_before=reported_before)


def _deliver(ledger: ReplyLedger, log: dict[str, str], post: Callable[[], str | None],
             find_posted: Callable[[], str | None] | None = None) -> None:
    try:
        ledger.deliver(post, find_posted)
    except SlackApiError as error:
        code = error.response.get("error") if error.response is not None else None
        if code not in GONE_ERRORS:
            raise
        # Retrying cannot bring back a channel Summit left or a response_url that expired.
        logger.warning("Slack refused the reply: %s", code, extra=log)


def _post_in_thread(slack: WebClient, channel: str, thread_ts: str, reply: str, message: Message) -> str | None:
    response = slack.chat_postMessage(
        channel=channel, thread_ts=thread_ts, unfurl_links=False, unfurl_media=False,
        metadata={"event_type": METADATA_EVENT_TYPE, "event_payload": {"reply": reply}}, **message,
    )
    return response.get("ts")


def _find_in_thread(slack: WebClient, channel: str, thread_ts: str, reply: str) -> str | None:
    """The ts of Summit's reply ``reply`` in the thread, if an earlier attempt posted it."""
    cursor = None
    while True:
        page = slack.conversations_replies(channel=channel, ts=thread_ts, include_all_metadata=True, limit=200,
                                           cursor=cursor)
        for posted in page.get("messages") or []:
            metadata: dict[str, Any] = posted.get("metadata") or {}
            if (metadata.get("event_type") == METADATA_EVENT_TYPE
                    and (metadata.get("event_payload") or {}).get("reply") == reply):
                return posted.get("ts")
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            return None


def _post_ephemeral(slack: WebClient, channel: str, user: str, message: Message) -> str | None:
    return slack.chat_postEphemeral(channel=channel, user=user, **message).get("message_ts")


def _respond(response_url: str, message: Message) -> None:
    webhook = WebhookClient(response_url, retry_handlers=[RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)])
    response = webhook.send(response_type="ephemeral", replace_original=False, **message)
    if response.status_code == 404:
        raise SlackApiError("the response_url has expired", {"ok": False, "error": "expired_url"})
    if response.status_code >= 400:
        raise RuntimeError(f"Slack answered the response_url with HTTP {response.status_code}")
