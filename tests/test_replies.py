from bot.replies import ReplyLedger, ReplyState, reply_id


def test_a_reply_is_claimed_once(redis_client, keys):
    first = ReplyLedger(redis_client, keys, reply_id("C1", "1.0", "https://a.example/x"))
    again = ReplyLedger(redis_client, keys, reply_id("C1", "1.0", "https://a.example/x"))
    other = ReplyLedger(redis_client, keys, reply_id("C1", "1.0", "https://a.example/y"))

    assert first.claim()
    assert not again.claim()
    assert other.claim()
    assert first.state() == (ReplyState.QUEUED, None)


def test_a_released_claim_can_be_claimed_again(redis_client, keys):
    ledger = ReplyLedger(redis_client, keys, reply_id("C1", "2.0", "https://a.example/x"))
    ledger.claim()
    ledger.release()

    assert ledger.claim()


def test_deliver_posts_once_and_records_the_ts(redis_client, keys):
    ledger = ReplyLedger(redis_client, keys, reply_id("C1", "3.0", "u"))
    posts = []

    assert ledger.deliver(lambda: posts.append(1) or "111.1")
    assert not ledger.deliver(lambda: posts.append(2) or "222.2")
    assert posts == [1]
    assert ledger.state() == (ReplyState.POSTED, "111.1")


def test_after_a_crash_while_posting_the_retry_looks_first(redis_client, keys):
    ledger = ReplyLedger(redis_client, keys, reply_id("C1", "4.0", "u"))

    def dies():
        raise ConnectionResetError("worker lost Slack's answer")

    try:
        ledger.deliver(dies)
    except ConnectionResetError:
        pass
    assert ledger.state() == (ReplyState.POSTING, None)

    posted = []
    assert not ledger.deliver(lambda: posted.append("again") or "2.2", find_posted=lambda: "1.1")
    assert posted == []
    assert ledger.state() == (ReplyState.POSTED, "1.1")


def test_after_a_crash_before_slack_took_it_the_retry_posts(redis_client, keys):
    ledger = ReplyLedger(redis_client, keys, reply_id("C1", "5.0", "u"))
    redis_client.set(ledger.key, "posting")

    assert ledger.deliver(lambda: "5.5", find_posted=lambda: None)
    assert ledger.state() == (ReplyState.POSTED, "5.5")
