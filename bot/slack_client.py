"""The Slack Web API client every Summit process uses."""

from __future__ import annotations

from slack_sdk import WebClient
from slack_sdk.http_retry.builtin_handlers import RateLimitErrorRetryHandler

from bot.settings import Settings

RATE_LIMIT_RETRIES = 5
"""Times a call Slack refused with 429 is tried again, each after the Retry-After Slack asked for."""


def slack_client(settings: Settings, *, timeout: int = 30) -> WebClient:
    """A client on SLACK_API_URL, giving up on a call after ``timeout`` seconds, that waits out Slack's rate
    limits (429 with Retry-After) and nothing else.

    The SDK's default handler also resends a request whose connection dropped before the answer came, which for
    chat.postMessage can post the message twice; a failed post is left to the job's retry instead, which looks
    for the message first (see bot.replies).
    """
    return WebClient(token=settings.slack_bot_token, base_url=settings.slack_api_url, timeout=timeout,
                     retry_handlers=[rate_limit_handler()])


def rate_limit_handler() -> RateLimitErrorRetryHandler:
    return RateLimitErrorRetryHandler(max_retry_count=RATE_LIMIT_RETRIES)
