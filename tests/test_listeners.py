"""The listeners inside a real Bolt app (signed requests dispatched in-process), with Redis out of reach: the
person is told in plain words, and an event that could not be queued is refused so that Slack sends it again."""

import json
import os
import subprocess
import sys
import time

import pytest
from slack_bolt.request import BoltRequest

from bot.intake import Intake
from bot.redis_connection import client_for
from bot.settings import load_settings
from bot.slack_app import REDIS_ANSWER_SECONDS, build_app
from handlers.listeners import ARCHIVE_AWAY, QUEUE_AWAY
from tests.slack_api import FakeSlack
from tests.slack_requests import BOT_TOKEN, SIGNING_SECRET, command_body, event_body, message_event, signed_headers
from tests.slack_stack import PROJECT_ROOT, free_port


@pytest.fixture(scope="module")
def slack():
    with FakeSlack() as fake:
        yield fake


@pytest.fixture(scope="module")
def app_without_redis(slack):
    settings = load_settings({"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET,
                              "SLACK_API_URL": slack.base_url})
    # The client the web process makes, for a server that has just gone away.
    gone = client_for(f"redis://127.0.0.1:{free_port()}/0", answer_within=REDIS_ANSWER_SECONDS)
    return build_app(settings, Intake(gone, settings))


def dispatch(app, body, content_type):
    headers = {"content-type": content_type, **{k.lower(): v for k, v in signed_headers(body).items()}}
    return app.dispatch(BoltRequest(body=body, headers=headers))


def test_who_said_without_redis_says_the_archive_is_out_of_reach_within_slacks_three_seconds(app_without_redis, slack):
    started = time.monotonic()
    response = dispatch(app_without_redis, command_body(team="T1", text="who-said Quist",
                                                        response_url=slack.response_url("x")),
                        "application/x-www-form-urlencoded")

    assert response.status == 200
    assert json.loads(response.body)["text"] == ARCHIVE_AWAY
    assert time.monotonic() - started < 3


def test_summary_without_redis_says_no_work_can_be_taken(app_without_redis, slack):
    response = dispatch(app_without_redis, command_body(team="T1", text="summary https://news.example/a",
                                                        response_url=slack.response_url("x")),
                        "application/x-www-form-urlencoded")

    assert json.loads(response.body)["text"] == QUEUE_AWAY


def test_a_pasted_link_that_cannot_be_queued_is_refused_so_slack_retries(app_without_redis):
    body = event_body(team="T1", event=message_event(channel="C1", ts="1.1", text="<https://news.example/a>"))

    assert dispatch(app_without_redis, body, "application/json").status == 500


@pytest.mark.parametrize(("command", "environment", "named"), [
    ("serve", {}, "SLACK_BOT_TOKEN"),
    ("serve", {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_SIGNING_SECRET"),
    ("serve --socket", {"SLACK_BOT_TOKEN": BOT_TOKEN}, "SLACK_APP_TOKEN"),
    ("worker", {}, "SLACK_BOT_TOKEN"),
])
def test_a_missing_secret_stops_start_up_naming_it(command, environment, named, tmp_path):
    clean = {key: value for key, value in os.environ.items() if not key.startswith("SLACK_")}
    result = subprocess.run([sys.executable, "-m", "bot", *command.split()], cwd=PROJECT_ROOT, capture_output=True,
                            text=True, env={**clean, **environment, "SUMMIT_DATA_DIR": str(tmp_path)}, timeout=60)

    assert result.returncode == 2
    assert result.stderr.startswith(f"summit: {named} is not set")
    assert BOT_TOKEN not in result.stderr
