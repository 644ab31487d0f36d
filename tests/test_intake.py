"""Accepting work: each request is queued once, with its claim, in one transaction (real Redis, real RQ queue)."""

import pytest
from rq import Queue

from bot.intake import MAX_ARTICLES_PER_MESSAGE, Intake
from bot.jobs import tell_asker_it_failed
from bot.replies import ReplyLedger, ReplyState
from bot.settings import load_settings
from tests.archive_factories import TEST_TEAM


@pytest.fixture
def intake(redis_client, key_prefix):
    settings = load_settings({"SUMMIT_NAMESPACE": f"{key_prefix}summit"})
    yield Intake(redis_client, settings)
    Queue(settings.namespace, connection=redis_client).empty()


def queued_jobs(intake):
    return [job.kwargs for job in intake.queue.get_jobs()]


def test_a_message_is_queued_once_whatever_slack_resends(intake):
    first = intake.accept_message(TEST_TEAM, "Ev1", "C1", "1.1", "1.1", "U1", ["https://a.example/x"])
    retried = intake.accept_message(TEST_TEAM, "Ev1", "C1", "1.1", "1.1", "U1", ["https://a.example/x"])
    other_event = intake.accept_message(TEST_TEAM, "Ev2", "C1", "1.1", "1.1", "U1", ["https://a.example/x"])

    assert first.queued == ["https://a.example/x"] and first.first_delivery
    assert not retried.first_delivery and retried.queued == []
    assert other_event.first_delivery and other_event.queued == []
    (job,) = queued_jobs(intake)
    assert job["url"] == "https://a.example/x" and job["thread_ts"] == "1.1"
    state, _ = intake_ledger_state(intake, job["reply"])
    assert state is ReplyState.QUEUED


def test_only_the_first_links_of_a_message_are_queued(intake):
    links = [f"https://a.example/{n}" for n in range(5)]

    result = intake.accept_message(TEST_TEAM, "Ev3", "C1", "2.2", "2.2", "U1", links)

    assert result.queued == links[:MAX_ARTICLES_PER_MESSAGE]
    assert result.skipped == links[MAX_ARTICLES_PER_MESSAGE:]
    assert [job["url"] for job in queued_jobs(intake)] == links[:MAX_ARTICLES_PER_MESSAGE]


def test_a_summary_request_is_queued_once(intake):
    intake.queue_summary(TEST_TEAM, "https://a.example/x", "https://hooks.example/1", "U1")
    intake.queue_summary(TEST_TEAM, "https://a.example/x", "https://hooks.example/1", "U1")

    (job,) = intake.queue.get_jobs()
    # After its last try fails, the asker is told (bot.jobs.tell_asker_it_failed).
    assert job.failure_callback is tell_asker_it_failed


def intake_ledger_state(intake, reply):
    return ReplyLedger(intake.redis, intake.keys(TEST_TEAM), reply).state()
