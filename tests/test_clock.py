"""The clock, with time travel (time-machine): each channel's digest is queued once a day at its local time,
across the days the clocks change, after a clock was down, and with two clocks running at once."""

import os
import subprocess
import sys
import threading
import time as time_module
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest
import time_machine
from rq import Queue

from bot.clock import Clock
from bot.intake import digest_queue_name
from bot.subscriptions import BadSchedule, SubscriptionBook, parse_local_time, parse_zone
from tests.slack_stack import PROJECT_ROOT

LONDON = ZoneInfo("Europe/London")


@pytest.fixture
def namespace(key_prefix):
    return f"{key_prefix}summit"


@pytest.fixture
def book(redis_client, namespace):
    return SubscriptionBook(redis_client, namespace)


@pytest.fixture
def queue(redis_client, namespace):
    queue = Queue(digest_queue_name(namespace), connection=redis_client)
    yield queue
    queue.empty()


def queued_days(queue):
    return [(job.kwargs["channel"], job.kwargs["day"]) for job in queue.get_jobs()]


def subscribe(book, at="08:00", zone="Europe/London", created=datetime(2026, 1, 1, tzinfo=timezone.utc),
              channel="C1"):
    return book.subscribe("T1", channel, at, zone, "U1", now=created)


def tick_every_minute(clock, start, end):
    moment = start
    while moment < end:
        with time_machine.travel(moment, tick=False):
            clock.tick()
        moment += timedelta(minutes=1)


@pytest.mark.parametrize("day", [date(2026, 3, 29), date(2026, 10, 25), date(2026, 6, 15)],
                         ids=["clocks go forward", "clocks go back", "an ordinary day"])
def test_one_digest_at_eight_local_time_on_any_day(redis_client, namespace, book, queue, day):
    subscribe(book)
    clock = Clock(redis_client, namespace)
    with time_machine.travel(datetime.combine(day - timedelta(days=1), time(8), tzinfo=LONDON), tick=False):
        clock.tick()
    start = datetime.combine(day, time(0), tzinfo=LONDON).astimezone(timezone.utc)

    tick_every_minute(clock, start, datetime.combine(day + timedelta(days=1), time(0), tzinfo=LONDON))

    previous, today = queue.get_jobs()
    assert (previous.kwargs["day"], today.kwargs["day"]) == ((day - timedelta(days=1)).isoformat(), day.isoformat())
    queued_at = today.enqueued_at.replace(tzinfo=timezone.utc).astimezone(LONDON)
    assert (queued_at.hour, queued_at.minute) == (8, 0)


def test_a_clock_down_at_eight_queues_the_day_once_when_back(redis_client, namespace, book, queue):
    subscribe(book)
    clock = Clock(redis_client, namespace)

    with time_machine.travel(datetime(2026, 6, 15, 11, 30, tzinfo=LONDON), tick=False):
        assert [queued.day for queued in clock.tick()] == ["2026-06-15"]
        assert clock.tick() == []

    assert queued_days(queue) == [("C1", "2026-06-15")]


def test_a_clock_down_for_a_day_posts_the_latest_digest_only(redis_client, namespace, book, queue):
    subscribe(book)
    clock = Clock(redis_client, namespace)

    with time_machine.travel(datetime(2026, 6, 14, 8, 0, tzinfo=LONDON), tick=False):
        clock.tick()
    # Down from Sunday 09:00 until Tuesday 07:00: Monday's digest is due, and only that one.
    tick_every_minute(clock, datetime(2026, 6, 16, 7, 0, tzinfo=LONDON), datetime(2026, 6, 16, 8, 30, tzinfo=LONDON))

    assert queued_days(queue) == [("C1", "2026-06-14"), ("C1", "2026-06-15"), ("C1", "2026-06-16")]


def test_a_subscription_made_after_todays_time_starts_tomorrow(redis_client, namespace, book, queue):
    subscribe(book, created=datetime(2026, 6, 15, 9, 0, tzinfo=LONDON))
    clock = Clock(redis_client, namespace)

    tick_every_minute(clock, datetime(2026, 6, 15, 9, 0, tzinfo=LONDON), datetime(2026, 6, 16, 8, 1, tzinfo=LONDON))

    assert queued_days(queue) == [("C1", "2026-06-16")]


def test_two_clocks_at_once_queue_one_digest(redis_client, namespace, book, queue):
    for number in range(20):
        subscribe(book, channel=f"C{number}")
    clocks = [Clock(redis_client, namespace) for _ in range(2)]
    barrier = threading.Barrier(2)

    def run(clock):
        barrier.wait()
        with time_machine.travel(datetime(2026, 6, 15, 8, 0, tzinfo=LONDON), tick=False):
            clock.tick()

    threads = [threading.Thread(target=run, args=(clock,)) for clock in clocks]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(queued_days(queue)) == sorted((f"C{number}", "2026-06-15") for number in range(20))


def test_channels_in_other_zones_get_theirs_at_their_own_eight(redis_client, namespace, book, queue):
    created = datetime(2026, 6, 15, 0, 0, tzinfo=timezone.utc)
    subscribe(book, channel="CLONDON", created=created)
    subscribe(book, channel="CNEWYORK", zone="America/New_York", created=created)
    subscribe(book, channel="CKYIV", at="07:30", zone="Europe/Kyiv", created=created)
    clock = Clock(redis_client, namespace)

    with time_machine.travel(datetime(2026, 6, 15, 7, 0, tzinfo=timezone.utc), tick=False):
        assert sorted(queued.subscription.channel for queued in clock.tick()) == ["CKYIV", "CLONDON"]
    with time_machine.travel(datetime(2026, 6, 15, 12, 0, tzinfo=timezone.utc), tick=False):
        assert [queued.subscription.channel for queued in clock.tick()] == ["CNEWYORK"]


@pytest.mark.parametrize(("text", "expected"), [("8:00", "08:00"), ("0730", "07:30"), ("7h45", "07:45"),
                                                ("23.59", "23:59")])
def test_times_people_type(text, expected):
    assert parse_local_time(text) == expected


@pytest.mark.parametrize("text", ["25:00", "8pm", "noon", "08:60"])
def test_times_that_are_not(text):
    with pytest.raises(BadSchedule, match="not a time of day"):
        parse_local_time(text)


def test_time_zones_are_area_city_names():
    assert parse_zone("Europe/London") == "Europe/London"
    assert parse_zone("UTC") == "UTC"
    for text in ("BST", "Mars/Olympus", "../etc/passwd"):
        with pytest.raises(BadSchedule):
            parse_zone(text)


def test_summit_clock_queues_a_due_digest_as_soon_as_it_starts(redis_url, redis_client, namespace, book, queue,
                                                               tmp_path):
    # Subscribed yesterday for a time that has passed today: the first tick, at start-up, owes today's digest.
    now = datetime.now(timezone.utc)
    subscribe(book, at=f"{(now - timedelta(minutes=5)).hour:02d}:{(now - timedelta(minutes=5)).minute:02d}",
              zone="UTC", created=now - timedelta(days=1))
    env = {**os.environ, "REDIS_URL": redis_url, "SUMMIT_NAMESPACE": namespace,
           "SUMMIT_DATA_DIR": str(tmp_path / "data")}
    clock = subprocess.Popen([sys.executable, "-m", "bot", "clock"], cwd=PROJECT_ROOT, env=env,
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time_module.monotonic() + 30
        while not queue.count and time_module.monotonic() < deadline and clock.poll() is None:
            time_module.sleep(0.2)
    finally:
        clock.terminate()
        _, errors = clock.communicate(timeout=15)

    assert [job["day"] for job in (job.kwargs for job in queue.get_jobs())] == \
        [(now - timedelta(minutes=5)).date().isoformat()]
    assert b'"clock started"' in errors


def test_a_subscription_this_machine_cannot_schedule_does_not_stop_the_others(redis_client, namespace, book, queue):
    subscribe(book, channel="CGOOD1")
    redis_client.hset(book.key, "T1/CBAD", '{"team": "T1", "channel": "CBAD", "at": "08:00", "zone": "Mars/Olympus",'
                                           ' "created": "2026-01-01T00:00:00+00:00"}')
    subscribe(book, channel="CGOOD2")

    with time_machine.travel(datetime(2026, 6, 15, 8, 0, tzinfo=LONDON), tick=False):
        queued = Clock(redis_client, namespace).tick()

    assert sorted(item.subscription.channel for item in queued) == ["CGOOD1", "CGOOD2"]


def test_moving_the_time_earlier_after_it_passed_still_owes_todays_digest(redis_client, namespace, book, queue):
    subscribe(book, at="08:00")
    with time_machine.travel(datetime(2026, 6, 15, 7, 30, tzinfo=LONDON), tick=False):
        book.subscribe("T1", "C1", "07:00", "Europe/London", "U1")
        assert [item.day for item in Clock(redis_client, namespace).tick()] == ["2026-06-15"]
