"""The Slack app: Bolt with Summit's listeners, served over HTTP (``summit serve``) or Socket Mode
(``summit serve --socket``).

Over HTTP, Bolt checks every request's signature with SLACK_SIGNING_SECRET (five-minute window) before any
listener sees it, and gunicorn serves it on PORT at ``/slack/events`` with WEB_CONCURRENCY processes of
``WEB_THREADS`` threads: one Python process is held to one core by the GIL, and a who-said answer is mostly
Python. The app is built once, before the processes are forked. In Socket Mode
the requests arrive over a WebSocket the app opened with SLACK_APP_TOKEN, so there is no signature to check.
The web process never loads spaCy: the listeners answer from Redis or queue the work (see ``bot.intake``).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from gunicorn.app.base import BaseApplication

from slack_bolt import App
from slack_bolt.error import BoltError
from slack_sdk.errors import SlackApiError

from bot.errors import SummitError
from bot.intake import Intake
from bot.redis_connection import connect
from bot.settings import Settings, require
from bot.slack_client import slack_client
from handlers.listeners import register

logger = logging.getLogger(__name__)

EVENTS_PATH = "/slack/events"
REDIS_ANSWER_SECONDS = 0.5
"""Longest wait for Redis in a request: with Redis away, the person still hears so within Slack's 3 s."""
SLACK_CALL_SECONDS = 2
"""Longest wait for a Web API call made while answering a request (users.info for /summit subscribe, a private
notice about skipped links): the answer must reach Slack within its 3 s."""
WEB_THREADS = 8
"""Requests each web process serves at once: threads overlap one request's Redis round trips with another's."""


def build_app(settings: Settings, intake: Intake, *, socket_mode: bool = False) -> App:
    """The Bolt app with Summit's listeners; raise SummitError when Slack refuses the bot token."""
    try:
        app = App(
            client=slack_client(settings, timeout=SLACK_CALL_SECONDS),
            signing_secret=settings.slack_signing_secret,
            # Listeners run before the response: an event whose work cannot be queued gets a 500 and comes again.
            process_before_response=True,
            request_verification_enabled=not socket_mode,
            logger=logging.getLogger("slack_bolt.App"),
        )
    except (BoltError, SlackApiError) as error:
        raise SummitError(f"Slack did not accept SLACK_BOT_TOKEN at {settings.slack_api_url}: {error}") from None
    register(app, intake)
    return app


def serve(settings: Settings, *, socket_mode: bool = False) -> None:
    """Run the app until stopped: over HTTP on PORT, or over Socket Mode."""
    require(settings, "slack_bot_token", "slack_app_token" if socket_mode else "slack_signing_secret")
    intake = Intake(connect(settings, answer_within=REDIS_ANSWER_SECONDS), settings)
    app = build_app(settings, intake, socket_mode=socket_mode)
    if socket_mode:
        from slack_bolt.adapter.socket_mode import SocketModeHandler

        logger.info("serving Slack over Socket Mode")
        SocketModeHandler(app, settings.slack_app_token).start()
        return
    from slack_bolt.adapter.wsgi import SlackRequestHandler

    logger.info("serving Slack over HTTP",
                extra={"port": settings.port, "path": EVENTS_PATH, "processes": settings.web_processes})
    _WebServer(SlackRequestHandler(app, path=EVENTS_PATH), {
        "bind": f"0.0.0.0:{settings.port}",
        "workers": settings.web_processes,
        "worker_class": "gthread",
        "threads": WEB_THREADS,
        "accesslog": None,
        "logconfig_dict": _gunicorn_logging(settings.log_level),
    }).run()


def _gunicorn_logging(level: str) -> dict[str, Any]:
    """gunicorn's log records go through Summit's JSON formatter, like every other log line."""
    return {
        "root": {"level": level, "handlers": ["json"]},
        "loggers": {
            "gunicorn.error": {"level": level, "handlers": [], "propagate": True},
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
        "handlers": {"json": {"class": "logging.StreamHandler", "formatter": "json", "stream": "ext://sys.stderr"}},
        "formatters": {"json": {"()": "bot.logs.JsonFormatter"}},
    }


class _WebServer(BaseApplication):
    """gunicorn run from Python with the given settings, serving an application built already."""

    def __init__(self, application: Callable[..., Any], options: dict[str, Any]) -> None:
        self.application = application
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self) -> Callable[..., Any]:
        return self.application
