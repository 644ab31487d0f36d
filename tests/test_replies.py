import pytest

from bot.replies import ReplyInProgress, ReplyLedger, ReplyState, reply_id


def ledger_for(redis_client, keys, *parts):
    return ReplyLedger(redis_client, keys, reply_id(*parts))


def test_reply_ids_tell_links_and_messages_apart():
    assert reply_id("C1", "1.0", "https://a.example/x") == reply_id("C1", "1.0", "https://a.example/x")
    assert reply_id("C1", "1.0", "https://a.example/x") != reply_id("C1", "1.0", "https://a.example/y")
    assert reply_id("C1", "1.0", "u") != reply_id("C1", "2.0", "u")


def test_deliver_posts_once_and_records_the_ts(redis_client, keys):
    ledger = ledger_for(redis_client, keys, "C1", "3.0", "u")
    posts = []

    assert ledger.deliver(lambda: posts.append(1) or "111.1", owner="job-1")
    assert not ledger.deliver(lambda: posts.append(2) or "222.2", owner="job-2")
    assert posts == [1]
    assert ledger.state() == (ReplyState.POSTED, "111.1")


def test_after_a_crash_while_posting_the_retry_looks_first(redis_client, keys):
    ledger = ledger_for(redis_client, keys, "C1", "4.0", "u")

    def dies():
        raise ConnectionResetError("worker lost Slack's answer")

    with pytest.raises(ConnectionResetError):
        ledger.deliver(dies, owner="job-1")
    assert ledger.state() == (ReplyState.POSTING, "job-1")

    posted = []
    assert not ledger.deliver(lambda: posted.append("again") or "2.2", find_posted=lambda: "1.1", owner="job-1")
    assert posted == []
    assert ledger.state() == (ReplyState.POSTED, "1.1")


def test_after_a_crash_before_slack_took_it_the_retry_posts(redis_client, keys):
    ledger = ledger_for(redis_client, keys, "C1", "5.0", "u")
    redis_client.set(ledger.key, "posting job-1")

    assert ledger.deliver(lambda: "5.5", find_posted=lambda: None, owner="job-1")
    assert ledger.state() == (ReplyState.POSTED, "5.5")


def test_a_reply_another_live_job_is_posting_is_left_to_it(redis_client, keys):
    ledger = ledger_for(redis_client, keys, "C1", "6.0", "u")
    redis_client.set(ledger.key, "posting job-1")
    posted = []

    with pytest.raises(ReplyInProgress):
        ledger.deliver(lambda: posted.append(1) or "6.6", owner="job-2", owner_running=lambda job: job == "job-1")
    assert posted == []
    # Once that job is gone (it died), the next attempt looks for its message and posts only if it is not there.
    assert ledger.deliver(lambda: posted.append(2) or "6.7", find_posted=lambda: None, owner="job-2")
    assert posted == [2]
