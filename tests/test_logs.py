import json
import logging

import pytest

from bot.logs import MASK, JsonFormatter, configure_logging, mask_secrets

log = logging.getLogger("summit.test")


@pytest.fixture
def stderr_lines(capsys):
    """Returns a function parsing each line written to stderr; puts the logging configuration back afterwards.

    Each test calls configure_logging itself: pytest gives every phase of a test its own stderr, so a handler
    made during fixture setup would write to a stream that is closed by the time the test body runs.
    """
    root = logging.getLogger()
    saved_level = root.level
    yield lambda: [json.loads(line) for line in capsys.readouterr().err.splitlines()]
    # Only our handler is removed: pytest adds and removes its own around each phase.
    for handler in [handler for handler in root.handlers if isinstance(handler.formatter, JsonFormatter)]:
        root.removeHandler(handler)
    root.setLevel(saved_level)


def test_one_json_object_per_line_with_extra_fields(stderr_lines):
    configure_logging("INFO")
    log.info("posted %d replies", 2, extra={"team": "T1", "channel": "C1"})
    log.info("second")

    first, second = stderr_lines()
    assert first.pop("time").endswith("+00:00")
    assert first == {"level": "INFO", "logger": "summit.test", "message": "posted 2 replies", "team": "T1", "channel": "C1"}
    assert second["message"] == "second"


def test_records_below_the_level_are_dropped(stderr_lines):
    configure_logging("WARNING")
    log.info("noise")

    assert stderr_lines() == []


def test_credentials_are_masked_at_any_depth(stderr_lines):
    configure_logging("INFO")
    body = {"token": "xoxb-1", "event": {"user": "U1", "authed_users": ["U2"]}, "items": [{"client_secret": "s3"}]}
    log.warning("event", extra={"body": body, "signing_secret": "abc", "Password": "pw"})

    [entry] = stderr_lines()
    assert entry["body"] == {"token": MASK, "event": {"user": "U1", "authed_users": ["U2"]}, "items": [{"client_secret": MASK}]}
    assert entry["signing_secret"] == MASK
    assert entry["Password"] == MASK


def test_exception_traceback_is_kept(stderr_lines):
    configure_logging("INFO")
    try:
        raise ValueError("bad article")
    except ValueError:
        log.exception("job failed", extra={"job": "j1"})

    [entry] = stderr_lines()
    assert (entry["level"], entry["message"], entry["job"]) == ("ERROR", "job failed", "j1")
    assert entry["exception"].startswith("Traceback")
    assert entry["exception"].endswith("ValueError: bad article")


def test_values_that_are_not_json_are_written_as_text(stderr_lines, tmp_path):
    configure_logging("INFO")
    log.info("saved", extra={"path": tmp_path})

    [entry] = stderr_lines()
    assert entry["path"] == str(tmp_path)


def test_a_response_url_is_a_credential_at_any_depth():
    # RQ logs a failed job's arguments; a response_url lets whoever holds it post as the app.
    masked = mask_secrets({"kwargs": {"response_url": "https://hooks.slack.com/commands/T1/2/secret", "url": "x"}})

    assert masked == {"kwargs": {"response_url": "***", "url": "x"}}
