"""Which channels get a daily digest, when, and in which time zone; and when each one is due.

A subscription is one channel of one workspace: a local time ("08:00") and an IANA time zone
("Europe/London"). Its digest is due from that local time each day until the next day's, so a clock that was
down at 08:00 finds the day's digest still due when it comes back, and a clock down for longer finds only the
latest one (never a pile of old digests). ``zoneinfo`` does the local-time arithmetic, so the days the clocks
change still have exactly one 08:00. A subscription made after today's time starts tomorrow.

All subscriptions sit in one hash (``Keys.subscriptions``), so the clock reads them in one round trip.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass
from datetime import date, datetime, time, timedelta, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import redis

from bot.keys import subscriptions_key

RE_LOCAL_TIME = re.compile(r"^([01]?\d|2[0-3])[:.h]?([0-5]\d)$")


class BadSchedule(ValueError):
    """A time or time zone a person typed that Summit cannot use; the message says why in plain words."""


@dataclass(frozen=True)
class Subscription:
    team: str
    channel: str
    at: str
    """Local time of day, ``HH:MM``."""
    zone: str
    """IANA time zone name."""
    created: str
    """ISO 8601 UTC."""
    created_by: str | None = None

    @property
    def field(self) -> str:
        return subscription_field(self.team, self.channel)

    def latest_due(self, now: datetime) -> date | None:
        """The local date of the most recent digest due at ``now`` (its time has come), or None when the first
        one is still to come."""
        zone = ZoneInfo(self.zone)
        local = now.astimezone(zone)
        hour, minute = (int(part) for part in self.at.split(":"))
        day = local.date()
        if local < _local_moment(day, hour, minute, zone):
            day -= timedelta(days=1)
        if _local_moment(day, hour, minute, zone) < datetime.fromisoformat(self.created):
            return None
        return day

    def describe(self) -> str:
        return f"every day at {self.at} {self.zone}"


def subscription_zone(subscription: Subscription | None, default: str) -> ZoneInfo:
    """The subscription's time zone; ``default`` when there is none or this machine does not know it."""
    try:
        return ZoneInfo(subscription.zone if subscription else default)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(default)


def subscription_field(team: str, channel: str) -> str:
    return f"{team}/{channel}"


def parse_local_time(text: str) -> str:
    """``8:00``, ``08.30``, ``0800``, ``7h45`` → ``HH:MM``; raise BadSchedule otherwise."""
    match = RE_LOCAL_TIME.match(text.strip())
    if not match:
        raise BadSchedule(f"“{text}” is not a time of day; write it as HH:MM, for example 08:00.")
    return f"{int(match.group(1)):02d}:{match.group(2)}"


def parse_zone(text: str) -> str:
    """An IANA time zone name as written (``Europe/London``); raise BadSchedule when there is none such."""
    name = text.strip()
    if "/" not in name and name.upper() != "UTC":
        raise BadSchedule(f"“{text}” is not a time zone; give an Area/City name such as Europe/London.")
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadSchedule(f"Summit does not know the time zone “{text}”; give an Area/City name such as "
                          "Europe/London.") from None
    return name


class SubscriptionBook:
    """Every workspace's subscriptions, in one Redis hash."""

    def __init__(self, redis_client: redis.Redis, namespace: str) -> None:
        self.redis = redis_client
        self.key = subscriptions_key(namespace)

    def subscribe(self, team: str, channel: str, at: str, zone: str, user: str | None,
                  now: datetime | None = None) -> Subscription:
        """Subscribe the channel, or change its time and zone; a change keeps the first subscription's date, so a
        digest whose new time has passed today is still owed today."""
        existing = self.get(team, channel)
        created = existing.created if existing else (now or datetime.now(timezone.utc)).isoformat(timespec="seconds")
        subscription = Subscription(team, channel, at, zone, created, user)
        self.redis.hset(self.key, subscription.field, json.dumps(asdict(subscription)))
        return subscription

    def unsubscribe(self, team: str, channel: str) -> bool:
        return bool(self.redis.hdel(self.key, subscription_field(team, channel)))

    def get(self, team: str, channel: str) -> Subscription | None:
        value = self.redis.hget(self.key, subscription_field(team, channel))
        return _subscription(value) if value else None

    def all(self) -> list[Subscription]:
        found = (_subscription(value) for value in self.redis.hvals(self.key))
        return [subscription for subscription in found if subscription is not None]


def _subscription(value: bytes) -> Subscription | None:
    try:
        return Subscription(**json.loads(value))
    except (TypeError, ValueError):
        return None


def _local_moment(day: date, hour: int, minute: int, zone: ZoneInfo) -> datetime:
    """``hour:minute`` on ``day`` in ``zone``. A time the clocks repeat (autumn) is its first occurrence; a time
    they skip (spring) is read with the offset before the gap, so 01:30 on that day in London falls at the end
    of the gap (02:00 BST)."""
    return datetime.combine(day, time(hour, minute), tzinfo=zone)
