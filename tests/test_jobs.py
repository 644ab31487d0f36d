"""Posting from the worker, against the local Slack Web API server."""

from bot.jobs import post_message
from bot.settings import load_settings
from bot.slack_client import slack_client
from tests.slack_api import FakeSlack
from tests.slack_requests import BOT_TOKEN


def test_a_message_whose_blocks_slack_refuses_is_posted_as_its_text():
    with FakeSlack() as slack:
        client = slack_client(load_settings({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack.base_url}))
        slack.refuse_blocks_in("C1")

        message = {"text": "Ferry talks: 3 statements", "blocks": [{"type": "bad"}]}
        ts = post_message(client, "C1", "reply-1", message, thread_ts="1.1")

        (posted,) = slack.posts("C1")
        assert posted["ts"] == ts
        assert posted["text"] == "Ferry talks: 3 statements" and "blocks" not in posted
        assert posted["thread_ts"] == "1.1" and posted["metadata"]["event_payload"] == {"reply": "reply-1"}
