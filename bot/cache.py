"""The extraction cache: what the pipeline found in a text, by text hash and pipeline version, with a TTL.

Unlike the archive this is cache: it expires (``SUMMIT_CACHE_TTL_DAYS``), and a new ``nlp.version.PIPELINE_VERSION``
makes every entry miss, so a better pipeline extracts again. It is shared by every workspace: the same text gives
the same extraction whoever pasted it. ``ExtractionLock`` makes sure one process at a time extracts a text.

Entries are keyed by :func:`text_hash`, the exact text (not the archive's normalised content hash): an extraction's
character offsets point into the text it was made from, and a copy with other white space would get offsets to
other characters. Nothing of one workspace's ingest other than the text goes in: callers store extractions without
their title, link and publication time, and apply their own on a hit.
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
import uuid
from dataclasses import replace

import redis

from bot.keys import Keys
from nlp.model import Extraction
from nlp.serialize import extraction_from_dict, extraction_to_dict
from nlp.version import PIPELINE_VERSION

logger = logging.getLogger(__name__)

SECONDS_PER_DAY = 86_400
LOCK_SECONDS = 300
"""How long an extraction lock holds, in seconds, should its holder die without releasing it."""

RELEASE_SCRIPT = """
if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) end
return 0
"""
"""Delete the lock only if it is still ours (it may have expired and been taken by another process)."""


def text_hash(text: str) -> str:
    """sha256 of the text exactly as the pipeline reads it: the cache's key."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


class ExtractionCache:
    """Shared by every workspace; each ``hashed`` argument is the :func:`text_hash` of a text."""

    def __init__(self, redis_client: redis.Redis, keys: Keys, *, ttl_days: int,
                 pipeline_version: str = PIPELINE_VERSION) -> None:
        self.redis = redis_client
        self.keys = keys
        self.ttl_seconds = ttl_days * SECONDS_PER_DAY
        self.pipeline_version = pipeline_version

    def key(self, hashed: str) -> str:
        return self.keys.cache(self.pipeline_version, hashed)

    def get(self, hashed: str) -> Extraction | None:
        """The cached extraction, or None on a miss (a corrupt entry counts as a miss, with a warning)."""
        try:
            value = self.redis.get(self.key(hashed))
        except redis.ResponseError:
            logger.warning("skipped a cache key that is not a string", extra={"key": self.key(hashed)})
            return None
        if value is None:
            return None
        try:
            return extraction_from_dict(json.loads(value))
        except ValueError as error:
            logger.warning("skipped a corrupt cache entry: %s", error, extra={"key": self.key(hashed)})
            return None

    def put(self, hashed: str, extraction: Extraction) -> None:
        """Cache the extraction without its title, link and publication time: they are the ingest's, not the text's
        (a link may carry a token), and another workspace's hit must not show them."""
        anonymous = replace(extraction, title=None, url=None, published=None)
        value = json.dumps(extraction_to_dict(anonymous), ensure_ascii=False)
        self.redis.set(self.key(hashed), value, ex=self.ttl_seconds)

    def lock(self, hashed: str) -> ExtractionLock:
        return ExtractionLock(self.redis, self.keys.extraction_lock(self.pipeline_version, hashed))


class ExtractionLock:
    """``SET NX EX`` on a key per content hash: the process that gets it extracts, the others wait for the cache."""

    def __init__(self, redis_client: redis.Redis, key: str) -> None:
        self.redis = redis_client
        self.key = key
        self.token = uuid.uuid4().hex

    def acquire(self) -> bool:
        return bool(self.redis.set(self.key, self.token, nx=True, ex=LOCK_SECONDS))

    def release(self) -> None:
        self.redis.eval(RELEASE_SCRIPT, 1, self.key, self.token)

    def held_by_another(self) -> bool:
        return self.redis.exists(self.key) > 0

    def wait(self, timeout: float, poll: float = 0.05) -> None:
        """Return when no one holds the lock, or after ``timeout`` seconds."""
        deadline = time.monotonic() + timeout
        while self.held_by_another() and time.monotonic() < deadline:
            time.sleep(poll)
