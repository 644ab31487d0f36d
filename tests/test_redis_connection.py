import signal
import subprocess
import sys

import psutil
import pytest

from bot.errors import RedisUnavailable
from bot.redis_connection import EMBEDDED_DB_FILE, connect, redact_url
from bot.settings import PROJECT_ROOT, load_settings


def embedded_settings(data_dir):
    # Built from an environment without REDIS_URL, so these tests use the embedded server even in CI.
    return load_settings({"SUMMIT_DATA_DIR": str(data_dir)})


def test_connected_client_reads_back_what_it_wrote(redis_client, key_prefix):
    redis_client.set(f"{key_prefix}greeting", "hello")

    assert redis_client.get(f"{key_prefix}greeting") == b"hello"


def test_embedded_data_survives_a_restart(tmp_path):
    # A separate process, so its exit stops the embedded server the way a real run ends.
    writer = "import sys; from bot.redis_connection import connect; from bot.settings import load_settings; " \
        "connect(load_settings({'SUMMIT_DATA_DIR': sys.argv[1]})).set('summit-test:kept', 'yes')"
    subprocess.run([sys.executable, "-c", writer, str(tmp_path)], cwd=PROJECT_ROOT, check=True, timeout=60)

    assert (tmp_path / EMBEDDED_DB_FILE).is_file()
    assert connect(embedded_settings(tmp_path)).get("summit-test:kept") == b"yes"


def test_embedded_data_survives_a_killed_server(tmp_path):
    client = connect(embedded_settings(tmp_path))
    client.set("summit-test:kept", "yes")
    server = psutil.Process(client.pid)

    server.send_signal(signal.SIGKILL)
    server.wait(timeout=10)

    assert connect(embedded_settings(tmp_path)).get("summit-test:kept") == b"yes"


def test_unreachable_url_raises_without_the_password():
    settings = load_settings({"REDIS_URL": "redis://:secret@127.0.0.1:1/0"})

    with pytest.raises(RedisUnavailable) as error:
        connect(settings)

    assert "redis://:***@127.0.0.1:1/0" in str(error.value)
    assert "secret" not in str(error.value)


@pytest.mark.parametrize(
    ("url", "redacted"),
    [
        ("redis://127.0.0.1:6379/0", "redis://127.0.0.1:6379/0"),
        ("redis://:secret@127.0.0.1:6379/0", "redis://:***@127.0.0.1:6379/0"),
        ("rediss://default:secret@redis.example.com:6380", "rediss://default:***@redis.example.com:6380"),
        ("redis://user@host/0", "redis://user@host/0"),
        ("unix:///tmp/redis.sock?db=2&password=secret", "unix:///tmp/redis.sock?db=2&password=***"),
    ],
)
def test_redact_url(url, redacted):
    assert redact_url(url) == redacted


ODD_PASSWORDS = ["top#secret", "top/secret", "top?secret", "top@secret", "top%40secret", "top#/?@secret"]


@pytest.mark.parametrize("password", ODD_PASSWORDS)
def test_redact_url_hides_a_password_with_characters_a_url_parser_would_split_at(password):
    assert redact_url(f"redis://:{password}@127.0.0.1:1/0") == "redis://:***@127.0.0.1:1/0"
    assert redact_url(f"rediss://default:{password}@redis.example.com:6380/2") == (
        "rediss://default:***@redis.example.com:6380/2"
    )
    assert "secret" not in redact_url(f"unix:///tmp/redis.sock?password={password}&db=2")


@pytest.mark.parametrize("password", ODD_PASSWORDS)
def test_an_unreachable_url_with_an_odd_password_never_shows_it(password):
    # An unescaped # / ? @ makes redis-py read a piece of the password as the port or the host, and its
    # error messages quote those pieces: none of them may reach the message.
    settings = load_settings({"REDIS_URL": f"redis://:{password}@127.0.0.1:1/0"})

    with pytest.raises(RedisUnavailable) as error:
        connect(settings)

    message = str(error.value)
    assert message.startswith("Cannot reach Redis at redis://:***@127.0.0.1:1/0")
    assert not any(piece in message for piece in ("top", "secret", "%40"))
    assert error.value.__cause__ is None or "secret" not in str(error.value.__cause__)
