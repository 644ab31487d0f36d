"""The links in a Slack message, as Slack writes them: ``<url>`` or ``<url|label>`` in its text, and ``link``
elements in its rich-text blocks."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from typing import Any

RE_ANGLE_LINK = re.compile(r"<(https?://[^|>\s]+)(?:\|[^>]*)?>", re.IGNORECASE)
"""Slack's link markup; ``<@U…>``, ``<#C…>`` and ``<!here>`` do not start with a scheme and are left alone."""


def message_links(event: dict[str, Any]) -> list[str]:
    """Every distinct http(s) link of a message event, in the order they appear (text first, then blocks)."""
    found = [html.unescape(match) for match in RE_ANGLE_LINK.findall(event.get("text") or "")]
    found += list(_block_links(event.get("blocks") or []))
    return list(dict.fromkeys(found))


def _block_links(elements: Any) -> Iterator[str]:
    # Rich-text blocks nest sections, lists and quotes to any depth; a link is an element of type "link".
    if isinstance(elements, list):
        for element in elements:
            yield from _block_links(element)
    elif isinstance(elements, dict):
        url = elements.get("url")
        if elements.get("type") == "link" and isinstance(url, str) and url.lower().startswith(("http://", "https://")):
            yield url
        yield from _block_links(elements.get("elements"))
