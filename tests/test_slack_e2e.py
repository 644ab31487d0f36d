"""Summit end to end, the way Slack uses it: signed HTTP requests to ``summit serve``, a real ``summit worker``
reading pages from a local web server, the test run's Redis, and a local server playing the Slack Web API that
records every message posted. Every person, place and outlet in these articles is made up."""

from __future__ import annotations

import json
import time
import uuid
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
import time_machine

from bot.archive import Archive
from bot.clock import Clock
from bot.keys import Keys
from bot.subscriptions import SubscriptionBook
from handlers.whosaid_blocks import MORE_ACTION, SHARE_ACTION
from nlp.model import Kind
from tests.archive_factories import Said, article
from tests.pages import article_page, paywalled_page
from tests.slack_api import BOT_ID, FakeSlack
from tests.slack_requests import (
    BOT_TOKEN, FORM, JSON, SIGNING_SECRET, action_body, command_body, event_body, message_event, post,
)
from tests.slack_stack import PageServer, SummitProcesses, delete_namespace
from tests.slack_limits import assert_within_slack_limits

QUIST_ON_FERRIES = (
    "Portvale's council voted on Tuesday to close the old ferry terminal by June, ending 90 years of service.",
    "“We will fight this plan in every court in the land,” union official Mara Quist said on Wednesday.",
    "Council leader Tom Baker said the closure would save about $2 million a year.",
    "Harbour workers, who number about 140, will be offered jobs at the new terminal in Eastwick, he added.",
)
QUIST_AGAIN = (
    "The ferry union met in Eastwick on Thursday to plan its response to the terminal closure.",
    "“We will fight this plan in every court in the land,” union official Mara Quist said after the meeting.",
    "“Our members have kept this harbour running for ninety years,” Quist told reporters.",
)


@pytest.fixture(scope="module")
def slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="module")
def pages():
    server = PageServer()
    yield server
    server.close()


@pytest.fixture(scope="module")
def namespace(_session_redis):
    name = f"summit-e2e-{uuid.uuid4().hex[:8]}"
    yield name
    delete_namespace(_session_redis, name)


@pytest.fixture(scope="module")
def summit(redis_url, namespace, slack, tmp_path_factory):
    processes = SummitProcesses(redis_url=redis_url, namespace=namespace, slack=slack,
                                log_dir=tmp_path_factory.mktemp("summit"))
    processes.start_serve()
    processes.start_worker()
    yield processes
    processes.stop()


@pytest.fixture
def team():
    return f"T{uuid.uuid4().hex[:10].upper()}"


@pytest.fixture
def channel():
    return f"C{uuid.uuid4().hex[:10].upper()}"


def news_page(paragraphs, *, outlet="The Portvale Post"):
    return article_page(paragraphs, head=f'<meta property="og:site_name" content="{outlet}">')


def paste(summit, team, channel, text, *, ts="1700000000.000100", event_id=None, retry=None, **extra):
    body = event_body(team=team, event=message_event(channel=channel, ts=ts, text=text, **extra), event_id=event_id)
    headers = {"X-Slack-Retry-Num": str(retry), "X-Slack-Retry-Reason": "http_timeout"} if retry else None
    return post(summit.events_url, body, JSON, headers=headers)


def command(summit, team, text, response_url):
    return post(summit.events_url, command_body(team=team, text=text, response_url=response_url), FORM)


def section_texts(message):
    return [block["text"]["text"] for block in message["blocks"] if block["type"] == "section"]


def all_text(message):
    return json.dumps(message["blocks"], ensure_ascii=False)




def store_quotes(redis_client, namespace, team, *records):
    archive = Archive(redis_client, Keys(team, prefix=namespace))
    for record in records:
        archive.store(record)


# Signatures -------------------------------------------------------------------------------------------------

def test_a_request_with_a_bad_signature_or_an_old_timestamp_is_refused(summit, slack, team):
    body = command_body(team=team, text="help", response_url=slack.response_url("x"))

    assert post(summit.events_url, body, FORM, secret="not-the-secret").status == 401
    assert post(summit.events_url, body, FORM, timestamp=int(time.time()) - 600).status == 401
    assert post(summit.events_url, body, FORM).status == 200


def test_the_request_url_check_slack_makes_when_it_is_saved_is_answered(summit):
    challenge = "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"
    body = json.dumps({"token": "legacy-verification-token", "challenge": challenge, "type": "url_verification"})

    answer = post(summit.events_url, body, JSON)

    assert answer.status == 200 and challenge in answer.body


def test_a_malformed_payload_is_refused_and_the_app_keeps_serving(summit, slack, team):
    assert post(summit.events_url, "{not json", JSON).status in (400, 404, 500)
    assert post(summit.events_url, "payload=%7Bbroken", FORM).status in (400, 404, 500)

    answer = command(summit, team, "help", slack.response_url("after-broken"))
    assert answer.status == 200 and "who-said" in answer.body


# /summit who-said -------------------------------------------------------------------------------------------

def test_who_said_answers_in_the_acknowledgement_with_speaker_role_words_and_link(
        summit, slack, team, redis_client, namespace):
    store_quotes(redis_client, namespace, team, article(
        Said("Mara Quist", "We will fight this plan in every court in the land", "union official"),
        Said("Tom Baker", "the closure would save about $2 million a year", "Council leader", kind=Kind.INDIRECT),
        url="https://portvale-post.example/ferry", title="Ferry terminal to close",
        outlet="portvale-post.example",
    ))

    answer = command(summit, team, "who-said Mara Quist", slack.response_url("who"))

    assert answer.status == 200
    message = answer.json()
    assert message["response_type"] == "ephemeral"
    assert message["blocks"][0]["text"]["text"] == "Mara Quist — union official"
    quote = section_texts(message)[0]
    assert "“We will fight this plan in every court in the land”" in quote
    assert "<https://portvale-post.example/ferry|Ferry terminal to close>" in quote
    assert "portvale-post.example" in quote
    assert "Tom Baker" not in all_text(message)
    buttons = [element["action_id"] for block in message["blocks"] if block["type"] == "actions"
               for element in block["elements"]]
    assert buttons == [SHARE_ACTION]
    assert "Mara Quist" in message["text"]
    assert_within_slack_limits(message)


def test_who_said_miss_says_so_and_suggests_who_the_archive_knows(summit, slack, team, redis_client, namespace):
    store_quotes(redis_client, namespace, team, article(Said("Mara Quist", "We will fight this plan")))

    message = command(summit, team, "who-said Ingrid Novak", slack.response_url("miss")).json()

    assert "Nobody in the archive said anything matching “Ingrid Novak”" in message["text"]
    assert "Mara Quist" in all_text(message)
    assert not [block for block in message["blocks"] if block["type"] == "actions"]


def test_share_posts_the_answer_in_the_channel_and_show_more_replaces_it(
        summit, slack, team, redis_client, namespace):
    said = [Said("Mara Quist", f"Statement number {n} about the ferry terminal and its workers") for n in range(14)]
    store_quotes(redis_client, namespace, team, article(*said, url="https://portvale-post.example/long"))
    first = command(summit, team, "who-said Quist", slack.response_url("first")).json()
    buttons = {element["action_id"]: element["value"] for block in first["blocks"] if block["type"] == "actions"
               for element in block["elements"]}
    assert set(buttons) == {SHARE_ACTION, MORE_ACTION}
    assert len(section_texts(first)) == 10

    share_url = slack.response_url(f"share-{team}")
    assert post(summit.events_url, action_body(team=team, action_id=SHARE_ACTION, value=buttons[SHARE_ACTION],
                                               response_url=share_url), FORM).status == 200
    more_url = slack.response_url(f"more-{team}")
    assert post(summit.events_url, action_body(team=team, action_id=MORE_ACTION, value=buttons[MORE_ACTION],
                                               response_url=more_url), FORM).status == 200

    (shared,) = [call.params for call in slack.calls_to(f"respond/share-{team}")]
    assert shared["response_type"] == "in_channel"
    assert "Shared by <@UREPORTER>" in all_text(shared)
    assert not [block for block in shared["blocks"] if block["type"] == "actions"]
    (more,) = [call.params for call in slack.calls_to(f"respond/more-{team}")]
    assert more["replace_original"] is True
    assert len(section_texts(more)) == 14
    assert_within_slack_limits(more)


def test_help_and_unknown_subcommands_list_what_summit_does(summit, slack, team):
    for text in ("", "help", "frobnicate now"):
        message = command(summit, team, text, slack.response_url("help")).json()
        assert "/summit who-said" in all_text(message)
        assert message["response_type"] == "ephemeral"
    assert "no command `frobnicate`" in all_text(command(summit, team, "frobnicate", slack.response_url("h")).json())


# /summit summary --------------------------------------------------------------------------------------------

def test_summary_is_acknowledged_at_once_and_answered_through_the_response_url(summit, slack, pages, team):
    url = pages.add(f"/summary-{team}", news_page(QUIST_ON_FERRIES))
    response_url = slack.response_url(f"summary-{team}")

    ack = command(summit, team, f"summary <{url}>", response_url)

    assert ack.status == 200 and "Reading" in ack.json()["text"]
    (answer,) = slack.wait_for(lambda: slack.calls_to(f"respond/summary-{team}"))
    message = answer.params
    assert message["response_type"] == "ephemeral"
    assert "*Summary*" in all_text(message)
    assert "Mara Quist" in all_text(message)
    assert "$2 million" in all_text(message)
    assert_within_slack_limits(message)


# Pasted links -----------------------------------------------------------------------------------------------

def test_a_pasted_link_gets_one_thread_reply_however_often_slack_resends_the_event(
        summit, slack, pages, team, channel):
    url = pages.add(f"/ferry-{team}", news_page(QUIST_ON_FERRIES))
    event_id = f"Ev{team}"

    first = paste(summit, team, channel, f"Have you seen this? <{url}|ferry story>", event_id=event_id)
    (reply,) = slack.wait_for(lambda: slack.posts(channel))

    assert first.status == 200
    assert reply["thread_ts"] == "1700000000.000100"
    assert reply["unfurl_links"] is False
    text = all_text(reply)
    assert "*Summary*" in text and "Mara Quist" in text and "Tom Baker" in text and "$2 million" in text
    assert "The Portvale Post" in text
    assert_within_slack_limits(reply)

    for retry in (1, 2, 3):
        assert paste(summit, team, channel, f"Have you seen this? <{url}|ferry story>", event_id=event_id,
                     retry=retry).status == 200
    # The same message delivered under another event id (Slack sends some messages twice) is still one reply.
    assert paste(summit, team, channel, f"Have you seen this? <{url}|ferry story>").status == 200
    time.sleep(3)
    assert len(slack.posts(channel)) == 1


def test_a_link_in_a_message_with_a_file_attached_gets_its_reply(summit, slack, pages, team, channel):
    url = pages.add(f"/file-{team}", news_page(QUIST_ON_FERRIES))

    paste(summit, team, channel, f"Notes attached, and the story: <{url}>", subtype="file_share",
          files=[{"id": "F1", "name": "notes.pdf"}])

    (reply,) = slack.wait_for(lambda: slack.posts(channel))
    assert "Mara Quist" in all_text(reply)


def test_the_reply_marks_statements_the_archive_already_had(summit, slack, pages, team, channel):
    first = pages.add(f"/first-{team}", news_page(QUIST_ON_FERRIES, outlet="The Portvale Post"))
    second = pages.add(f"/second-{team}", news_page(QUIST_AGAIN, outlet="Eastwick Evening News"))
    paste(summit, team, channel, f"<{first}>", ts="1700000000.000200")
    slack.wait_for(lambda: slack.posts(channel))

    paste(summit, team, channel, f"<{second}>", ts="1700000000.000300")
    reply = slack.wait_for(lambda: [p for p in slack.posts(channel) if p["thread_ts"] == "1700000000.000300"])[0]

    text = all_text(reply)
    assert "already reported by The Portvale Post" in text
    (quist,) = [section for section in section_texts(reply) if section.startswith("*Mara Quist*")]
    lines = quist.splitlines()
    (repeated,) = [line for line in lines if "every court in the land" in line]
    assert "already reported" in repeated
    (new,) = [line for line in lines if "ninety years" in line]
    assert "already reported" not in new


def test_a_dead_link_is_explained_to_the_poster_alone(summit, slack, pages, team, channel):
    url = pages.url(f"/gone-{team}")

    paste(summit, team, channel, f"<{url}>")

    (notice,) = slack.wait_for(lambda: slack.calls_to("chat.postEphemeral", channel=channel))
    assert notice.params["user"] == "UREPORTER"
    assert url in notice.params["text"] and "404" in notice.params["text"]
    assert slack.posts(channel) == []


def test_a_paywalled_page_asks_for_the_text_privately(summit, slack, pages, team, channel):
    url = pages.add(f"/paywall-{team}", paywalled_page())

    paste(summit, team, channel, f"<{url}>")

    (notice,) = slack.wait_for(lambda: slack.calls_to("chat.postEphemeral", channel=channel))
    assert "paste" in notice.params["text"].lower()
    assert slack.posts(channel) == []


def test_a_message_with_five_links_gets_three_replies_and_a_word_about_the_rest(
        summit, slack, pages, team, channel):
    urls = [pages.add(f"/many-{team}-{n}", news_page((*QUIST_ON_FERRIES, f"This is report number {n + 1}.")))
            for n in range(5)]
    text = " ".join(f"<{url}>" for url in urls) + " and <https://files.slack.com/x.pdf|a file>"

    paste(summit, team, channel, text)

    replies = slack.wait_for(lambda: len(slack.posts(channel)) == 3 and slack.posts(channel))
    assert {reply["thread_ts"] for reply in replies} == {"1700000000.000100"}
    (notice,) = slack.wait_for(lambda: slack.calls_to("chat.postEphemeral", channel=channel))
    assert "skipped" in notice.params["text"] and "2" in notice.params["text"]
    time.sleep(2)
    assert len(slack.posts(channel)) == 3


def test_bots_edits_and_links_that_are_not_articles_start_nothing(
        summit, slack, pages, team, channel, redis_client, namespace):
    url = pages.add(f"/bots-{team}", news_page(QUIST_ON_FERRIES))

    for extra in ({"bot_id": BOT_ID}, {"subtype": "bot_message", "bot_id": "BOTHER"},
                  {"subtype": "message_changed"}, {"subtype": "message_deleted"}):
        assert paste(summit, team, channel, f"<{url}>", **extra).status == 200
    not_articles = "<https://www.youtube.com/watch?v=x> <https://example.com/report.pdf>"
    assert paste(summit, team, channel, not_articles).status == 200

    # The listener runs before the HTTP response, so anything queued would already be claimed in Redis.
    assert list(redis_client.scan_iter(match=f"{namespace}:v1:{{{team}}}:reply:*")) == []
    time.sleep(1)
    assert slack.calls_to("chat.postMessage", channel=channel) == []


def test_a_429_is_waited_out_and_the_reply_posted_once(summit, slack, pages, team, channel):
    url = pages.add(f"/busy-{team}", news_page(QUIST_ON_FERRIES))
    slack.rate_limit_next("chat.postMessage", retry_after=1)

    paste(summit, team, channel, f"<{url}>")

    (reply,) = slack.wait_for(lambda: slack.posts(channel))
    refused = [call for call in slack.calls if call.method == "chat.postMessage" and call.status == 429]
    assert refused and refused[-1].params["channel"] == channel
    accepted = slack.calls_to("chat.postMessage", channel=channel)[0]
    assert accepted.at - refused[-1].at >= 1.0
    time.sleep(2)
    assert len(slack.posts(channel)) == 1


def test_a_worker_killed_while_slack_takes_its_reply_is_retried_without_a_second_reply(
        redis_url, slack, pages, team, channel, _session_redis, tmp_path):
    namespace = f"summit-e2e-{uuid.uuid4().hex[:8]}"
    processes = SummitProcesses(redis_url=redis_url, namespace=namespace, slack=slack, log_dir=tmp_path)
    try:
        processes.start_serve()
        worker = processes.start_worker()
        url = pages.add(f"/crash-{team}", news_page(QUIST_ON_FERRIES))
        release = slack.hold_posts_to(channel)

        paste(processes, team, channel, f"<{url}>")
        # Slack has taken the reply, and the worker waits for Slack's answer when it dies.
        slack.wait_for(lambda: slack.calls_to("chat.postMessage", channel=channel))
        processes.kill_worker(worker)
        release.set()
        processes.pass_time_after_a_crash(seconds=300)
        processes.start_worker()

        slack.wait_for(lambda: slack.calls_to("conversations.replies", channel=channel), timeout=90)
        (reply_key,) = _session_redis.scan_iter(match=f"{namespace}:v1:{{{team}}}:reply:*")
        state = slack.wait_for(lambda: (_session_redis.get(reply_key) or b"").decode().partition(" ")[2])
        time.sleep(2)
    finally:
        processes.stop()
        delete_namespace(_session_redis, namespace)

    # The retry found the reply the dead worker had sent, recorded it, and posted nothing more.
    (reply,) = slack.posts(channel)
    assert state == reply["ts"]


def test_logs_hold_no_token_secret_or_response_url(summit, slack, team):
    command(summit, team, "who-said anyone", slack.response_url("log-check"))

    for name in ("serve", "worker-0"):
        log = summit.log(name)
        assert log
        assert BOT_TOKEN not in log and SIGNING_SECRET not in log and "/respond/" not in log
        assert all(line.startswith("{") for line in log.splitlines() if line.strip())


# Digests ------------------------------------------------------------------------------------------------------

def subscribe_here(summit, team, channel, text="subscribe 08:00 Europe/London", user="UREPORTER"):
    body = command_body(team=team, text=text, response_url="http://127.0.0.1:9/unused", channel=channel, user=user)
    return post(summit.events_url, body, FORM).json()


def let_the_second_pass():
    """A digest covers whole seconds that are over: an article stored this second belongs to the next one."""
    time.sleep(2)


def tomorrow_at_eight(zone="Europe/London"):
    local = datetime.now(ZoneInfo(zone)) + timedelta(days=1)
    return local.replace(hour=8, minute=0, second=0, microsecond=0)


def test_a_subscribed_channel_gets_its_digest_when_the_clock_says_so(
        summit, slack, pages, team, channel, redis_client, namespace):
    answer = subscribe_here(summit, team, channel)
    assert answer["response_type"] == "in_channel"
    assert answer["text"] == "Summit will post a digest here every day at 08:00 Europe/London."
    help_text = all_text(command_body_for(summit, team, channel, "help"))
    url = pages.add(f"/digest-{team}", news_page(QUIST_ON_FERRIES))
    paste(summit, team, channel, f"<{url}>")
    slack.wait_for(lambda: slack.posts(channel))
    let_the_second_pass()

    with time_machine.travel(tomorrow_at_eight(), tick=False):
        queued = Clock(redis_client, namespace).tick()

    assert [(item.subscription.channel, item.subscription.team) for item in queued] == [(channel, team)]
    digest = slack.wait_for(lambda: [post for post in slack.posts(channel) if "thread_ts" not in post])[0]
    assert digest["blocks"][0]["text"]["text"].startswith("Summit digest")
    assert "Mara Quist" in all_text(digest) and "The Portvale Post" in all_text(digest)
    assert_within_slack_limits(digest)
    assert "This channel gets a digest every day at 08:00 Europe/London." in help_text


def test_subscribe_takes_the_subscribers_time_zone_and_unsubscribe_stops_it(summit, slack, team, channel):
    slack.user_zones["UNEWYORK"] = "America/New_York"

    answer = subscribe_here(summit, team, channel, text="subscribe", user="UNEWYORK")
    assert answer["text"] == "Summit will post a digest here every day at 08:00 America/New_York."
    bad = subscribe_here(summit, team, channel, text="subscribe 25:00")
    assert bad["response_type"] == "ephemeral" and "not a time of day" in bad["text"]

    assert "Summit will no longer post" in command_body_for(summit, team, channel, "unsubscribe")["text"]
    assert "no daily digest" in command_body_for(summit, team, channel, "unsubscribe")["text"]


def test_subscribe_answers_in_time_when_slack_is_slow_to_give_the_time_zone(summit, slack, team, channel):
    slack.delays["users.info"] = 6
    try:
        began = time.monotonic()
        answer = subscribe_here(summit, team, channel, text="subscribe 07:15")
        took = time.monotonic() - began
    finally:
        slack.delays.pop("users.info")

    assert answer["text"] == "Summit will post a digest here every day at 07:15 UTC."
    assert took < 3


def test_digest_preview_is_sent_to_the_asker_alone(summit, slack, pages, team, channel):
    url = pages.add(f"/preview-{team}", news_page(QUIST_ON_FERRIES))
    paste(summit, team, channel, f"<{url}>")
    slack.wait_for(lambda: slack.posts(channel))
    let_the_second_pass()

    response_url = slack.response_url(f"preview-{team}")
    ack = post(summit.events_url, command_body(team=team, text="digest", response_url=response_url,
                                               channel=channel), FORM).json()

    assert "preview" in ack["text"].lower()
    (answer,) = slack.wait_for(lambda: slack.calls_to(f"respond/preview-{team}"))
    assert answer.params["response_type"] == "ephemeral"
    assert answer.params["blocks"][0]["text"]["text"].startswith("Preview: Summit digest")
    assert "Mara Quist" in all_text(answer.params)
    assert slack.posts(channel) and all("thread_ts" in post for post in slack.posts(channel))


def test_a_channel_summit_was_removed_from_is_unsubscribed(summit, slack, team, channel, redis_client, namespace):
    subscribe_here(summit, team, channel)
    slack.refuse_posts_to(channel, "not_in_channel")
    book = SubscriptionBook(redis_client, namespace)

    with time_machine.travel(tomorrow_at_eight(), tick=False):
        Clock(redis_client, namespace).tick()

    slack.wait_for(lambda: book.get(team, channel) is None, timeout=60)
    assert slack.posts(channel) == []


def command_body_for(summit, team, channel, text):
    return post(summit.events_url, command_body(team=team, text=text, response_url="http://127.0.0.1:9/x",
                                                channel=channel), FORM).json()


def test_a_worker_killed_between_posting_a_digest_and_recording_it_does_not_post_it_twice(
        redis_url, slack, pages, team, channel, _session_redis, tmp_path):
    namespace = f"summit-e2e-{uuid.uuid4().hex[:8]}"
    processes = SummitProcesses(redis_url=redis_url, namespace=namespace, slack=slack, log_dir=tmp_path)
    keys = Keys(team, prefix=namespace)
    try:
        processes.start_serve()
        worker = processes.start_worker()
        subscribe_here(processes, team, channel)
        url = pages.add(f"/crash-digest-{team}", news_page(QUIST_ON_FERRIES))
        paste(processes, team, channel, f"<{url}>")
        slack.wait_for(lambda: slack.posts(channel))
        let_the_second_pass()
        release = slack.hold_posts_to(channel)

        with time_machine.travel(tomorrow_at_eight(), tick=False):
            Clock(_session_redis, namespace).tick()
        slack.wait_for(lambda: [p for p in slack.posts(channel) if "thread_ts" not in p])
        processes.kill_worker(worker)
        release.set()
        assert _session_redis.hget(keys.digest_state(channel), "until") is None
        processes.pass_time_after_a_crash(seconds=300)
        processes.start_worker()

        slack.wait_for(lambda: slack.calls_to("conversations.history", channel=channel), timeout=90)
        recorded = slack.wait_for(lambda: _session_redis.hget(keys.digest_state(channel), "until"))
        time.sleep(2)
    finally:
        processes.stop()
        delete_namespace(_session_redis, namespace)

    digests = [p for p in slack.posts(channel) if "thread_ts" not in p]
    assert len(digests) == 1
    assert float(recorded) > 0
