"""Slack's requests to Summit: the ``/summit`` command, messages with links, and the buttons of an answer.

Each listener parses the request, makes one call to the intake (``bot.intake.Intake``: the archive and the
queue), and renders the result; what Summit knows and does lives in ``bot``. Listeners run before the HTTP
response goes back (the app is built with ``process_before_response``), so an event that cannot be queued gets a
500 and Slack delivers it again, rather than being acknowledged and lost.
"""

from __future__ import annotations

import json
import logging
import re
from typing import Any, Protocol

import redis
from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.intake import MAX_ARTICLES_PER_MESSAGE, QueuedLinks
from bot.subscriptions import BadSchedule, Subscription, parse_local_time, parse_zone
from bot.whosaid import WhoSaidAnswer
from handlers.notices import help_message, notice, reading_message, too_many_links_message
from handlers.slack_links import message_links
from handlers.whosaid_blocks import FIRST_PAGE, MAX_QUERY_LENGTH, MAX_SHOWN, MORE_ACTION, SHARE_ACTION, \
    who_said_message
from nlp.article_links import is_article_link

logger = logging.getLogger(__name__)

ARCHIVE_AWAY = "Summit cannot reach its archive right now. Please try again in a minute."
QUEUE_AWAY = "Summit cannot take new work right now (its queue is out of reach). Please try again in a minute."
WHO_SAID_USAGE = "Ask about a person or a topic: `/summit who-said Zelensky` or `/summit who-said security guarantees`."
SUMMARY_USAGE = "Give the link of an article: `/summit summary https://…`."
NOT_AN_ARTICLE = "That link does not lead to a news article (Slack, files, pictures, video and documents are skipped)."
STALE_BUTTON = "That button no longer works. Ask again with `/summit who-said`."
NO_SUBSCRIPTION = "This channel has no daily digest. Start one with `/summit subscribe 08:00 Europe/London`."
RE_TIME_WORD = re.compile(r"^\d")
"""A word of /summit subscribe that starts with a digit is the time; any other is the time zone."""
TOO_LONG = f"That question is longer than a name or a topic ({MAX_QUERY_LENGTH} characters at most)."
POSTING_SUBTYPES = frozenset({"thread_broadcast", "file_share"})
"""Message subtypes that are still someone posting a message (a thread reply also sent to the channel, a
message with a file attached)."""


class Intake(Protocol):
    def who_said(self, team: str, query: str, limit: int) -> WhoSaidAnswer: ...
    def accept_message(self, team: str, event_id: str, channel: str, message_ts: str, thread_ts: str, user: str,
                       links: list[str]) -> QueuedLinks: ...
    def queue_summary(self, team: str, url: str, response_url: str, user: str) -> None: ...
    def queue_digest_preview(self, team: str, channel: str, response_url: str, user: str) -> None: ...
    def subscribe(self, team: str, channel: str, user: str, *, at: str | None, zone: str | None,
                  user_zone: str | None) -> Subscription: ...
    def unsubscribe(self, team: str, channel: str) -> bool: ...
    def subscription(self, team: str, channel: str) -> Subscription | None: ...


def register(app: App, intake: Intake) -> None:
    """Attach Summit's listeners to ``app``."""

    @app.command("/summit")
    def summit_command(ack: Ack, command: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        subcommand, _, rest = (command.get("text") or "").strip().partition(" ")
        rest = rest.strip()
        name = subcommand.lower()
        if name in ("who-said", "whosaid", "who"):
            ack(response_type="ephemeral", **_who_said(intake, context.team_id, rest, FIRST_PAGE))
        elif name == "summary":
            ack(response_type="ephemeral", **_summary(intake, context.team_id, rest, command))
        elif name == "subscribe":
            ack(**_subscribe(intake, context.team_id, command, rest, _user_zone(client, command["user_id"])))
        elif name == "unsubscribe":
            ack(**_unsubscribe(intake, context.team_id, command))
        elif name == "digest":
            ack(response_type="ephemeral", **_digest_preview(intake, context.team_id, command))
        else:
            ack(response_type="ephemeral", **help_message(None if name in ("", "help") else subcommand,
                                                          _subscription(intake, context.team_id, command)))

    @app.action(SHARE_ACTION)
    def share_answer(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
        ack()
        query, limit = _button_value(body)
        if not query:
            respond(response_type="ephemeral", replace_original=False, **notice(STALE_BUTTON))
            return
        try:
            answer = who_said_message(intake.who_said(context.team_id, query, limit), shared_by=context.user_id)
        except redis.RedisError:
            respond(response_type="ephemeral", replace_original=False, **notice(ARCHIVE_AWAY))
            return
        respond(response_type="in_channel", replace_original=False, **answer)

    @app.action(MORE_ACTION)
    def show_more(ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond) -> None:
        ack()
        query, limit = _button_value(body)
        respond(replace_original=True, **(_who_said(intake, context.team_id, query, limit) if query
                                          else notice(STALE_BUTTON)))

    @app.event("message")
    def message_with_links(event: dict[str, Any], body: dict[str, Any], context: BoltContext,
                           client: WebClient) -> None:
        # Edits, deletions, Slack's unfurls (edits too) and bots' posts (Summit's own included) start nothing.
        if (event.get("subtype") and event["subtype"] not in POSTING_SUBTYPES) or event.get("bot_id"):
            return
        links = [url for url in message_links(event) if is_article_link(url)]
        if not links or not event.get("user"):
            return
        team, event_id = context.team_id, body.get("event_id") or f"{event['channel']}:{event['ts']}"
        queued = intake.accept_message(team, event_id, event["channel"], event["ts"],
                                       event.get("thread_ts") or event["ts"], event["user"], links)
        if not queued.first_delivery:
            return
        logger.info("queued %d links of a message", len(queued.queued),
                    extra={"team": team, "channel": event["channel"], "skipped": len(queued.skipped)})
        if queued.skipped:
            _tell_poster(client, event, too_many_links_message(queued.skipped, MAX_ARTICLES_PER_MESSAGE))


def _who_said(intake: Intake, team: str, query: str, limit: int) -> dict[str, Any]:
    if not query:
        return notice(WHO_SAID_USAGE)
    if len(query) > MAX_QUERY_LENGTH:
        return notice(TOO_LONG)
    try:
        return who_said_message(intake.who_said(team, query, limit))
    except redis.RedisError:
        logger.warning("who-said could not reach Redis", exc_info=True, extra={"team": team})
        return notice(ARCHIVE_AWAY)


def _summary(intake: Intake, team: str, rest: str, command: dict[str, Any]) -> dict[str, Any]:
    links = message_links({"text": rest}) or [word for word in rest.split() if "://" in word]
    if not links:
        return notice(SUMMARY_USAGE)
    url = links[0]
    if not is_article_link(url):
        return notice(NOT_AN_ARTICLE)
    try:
        intake.queue_summary(team, url, command["response_url"], command["user_id"])
    except redis.RedisError:
        logger.warning("a summary could not be queued", exc_info=True, extra={"team": team})
        return notice(QUEUE_AWAY)
    return reading_message(url)


def _subscribe(intake: Intake, team: str, command: dict[str, Any], rest: str, user_zone: str | None) -> dict[str, Any]:
    at = zone = None
    try:
        for word in rest.split():
            if RE_TIME_WORD.match(word):
                at = parse_local_time(word)
            else:
                zone = parse_zone(word)
        subscription = intake.subscribe(team, command["channel_id"], command["user_id"], at=at, zone=zone,
                                        user_zone=user_zone)
    except BadSchedule as error:
        return {"response_type": "ephemeral", **notice(f"{error} For example: /summit subscribe 08:00 Europe/London")}
    except redis.RedisError:
        return {"response_type": "ephemeral", **notice(ARCHIVE_AWAY)}
    return {"response_type": "in_channel", **notice(f"Summit will post a digest here {subscription.describe()}.")}


def _unsubscribe(intake: Intake, team: str, command: dict[str, Any]) -> dict[str, Any]:
    try:
        removed = intake.unsubscribe(team, command["channel_id"])
    except redis.RedisError:
        return {"response_type": "ephemeral", **notice(ARCHIVE_AWAY)}
    if not removed:
        return {"response_type": "ephemeral", **notice(NO_SUBSCRIPTION)}
    return {"response_type": "in_channel", **notice("Summit will no longer post a daily digest here.")}


def _digest_preview(intake: Intake, team: str, command: dict[str, Any]) -> dict[str, Any]:
    try:
        intake.queue_digest_preview(team, command["channel_id"], command["response_url"], command["user_id"])
    except redis.RedisError:
        return notice(QUEUE_AWAY)
    return notice("Building a preview of this channel's next digest…")


def _subscription(intake: Intake, team: str, command: dict[str, Any]) -> Subscription | None:
    """The channel's subscription, for the help; None when there is none or Redis cannot say."""
    try:
        return intake.subscription(team, command.get("channel_id") or "")
    except redis.RedisError:
        return None


def _user_zone(client: WebClient, user: str) -> str | None:
    """The time zone Slack has for ``user``, or None (users.info refused, or it has none)."""
    try:
        return (client.users_info(user=user).get("user") or {}).get("tz")
    except (SlackApiError, OSError):
        # Refused, or Slack too slow to answer in time (the client gives up after 2 s): use the default.
        return None


def _button_value(body: dict[str, Any]) -> tuple[str, int]:
    """The query and statement count a button carries; an empty query when its value is not one of ours."""
    try:
        value = json.loads(body["actions"][0]["value"])
        return str(value["q"])[:MAX_QUERY_LENGTH], max(1, min(int(value["n"]), MAX_SHOWN))
    except (KeyError, IndexError, TypeError, ValueError):
        return "", 0


def _tell_poster(client: WebClient, event: dict[str, Any], message: dict[str, Any]) -> None:
    try:
        client.chat_postEphemeral(channel=event["channel"], user=event["user"], **message)
    except (SlackApiError, OSError) as error:
        # A private note is a courtesy: the links that were queued still get their replies.
        logger.warning("could not tell the poster about skipped links: %s", error)
