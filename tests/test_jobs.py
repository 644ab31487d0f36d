"""Posting from the worker, against the local Slack Web API server."""

import pytest
from rq import Queue, Retry

from bot import jobs
from bot.jobs import post_message
from bot.keys import Keys
from bot.settings import load_settings
from bot.slack_client import slack_client
from handlers.digest_blocks import NOTHING_NEW
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


@pytest.mark.parametrize(("when_empty", "posts"), [("line", 1), ("skip", 0)])
def test_a_day_with_nothing_new_posts_one_line_or_nothing(redis_client, key_prefix, when_empty, posts, monkeypatch):
    with FakeSlack() as slack:
        settings = load_settings({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_API_URL": slack.base_url,
                                  "SUMMIT_NAMESPACE": f"{key_prefix}summit", "SUMMIT_DIGEST_WHEN_EMPTY": when_empty})
        # The context `summit worker` would install, for this test only.
        monkeypatch.setattr(jobs, "_context", jobs.WorkerContext(settings, redis_client, slack_client(settings),
                                                                 lambda: None))

        jobs.post_digest(team="T1", channel="CQUIET", day="2031-03-04")

        assert len(slack.posts("CQUIET")) == posts
        if posts:
            assert slack.posts("CQUIET")[0]["text"].endswith(NOTHING_NEW)
        # Either way the day counts as done: the next digest starts after it.
        state = redis_client.hget(Keys("T1", prefix=settings.namespace).digest_state("CQUIET"), "day")
        assert state == b"2031-03-04"


def test_the_asker_hears_when_a_job_gives_up_and_not_before(redis_client, key_prefix):
    with FakeSlack() as slack:
        queue = Queue(f"{key_prefix}summit", connection=redis_client)
        job = queue.enqueue("bot.jobs.answer_summary", kwargs={"response_url": slack.response_url("asker")},
                            retry=Retry(max=2))
        try:
            job.retries_left = 1
            jobs.tell_asker_it_failed(job, redis_client, RuntimeError, RuntimeError("Slack is down"), None)
            assert slack.calls_to("respond/asker") == []

            job.retries_left = 0
            jobs.tell_asker_it_failed(job, redis_client, RuntimeError, RuntimeError("Slack is down"), None)
            (told,) = slack.calls_to("respond/asker")
            assert told.params["text"] == jobs.GAVE_UP and told.params["response_type"] == "ephemeral"
        finally:
            queue.empty()
