"""Block Kit building blocks and Slack's limits: every message Summit renders is made of these.

Text given to ``section``, ``context`` and ``header`` is mrkdwn (or plain text for headers) that the caller has
already escaped with ``escape``; links go through ``link_target`` first.
"""

from __future__ import annotations

import json
from typing import Any

MAX_BLOCKS = 50
"""Blocks Slack accepts in one message."""
MAX_SECTION_TEXT = 3000
"""Characters Slack accepts in the text of a section block."""
MAX_HEADER_TEXT = 150
"""Characters Slack accepts in the plain text of a header block."""
MAX_CONTEXT_TEXT = 3000
"""Characters Slack accepts in one text element of a context block."""
MAX_BUTTON_VALUE = 2000
"""Characters Slack accepts in a button's value."""
MAX_FALLBACK_TEXT = 3000
"""Characters of ``text`` kept beside the blocks (Slack truncates long ones anyway)."""
MAX_LINK_LABEL = 120
"""Characters of a link's label."""
MAX_LINK_URL = 1500
"""Longest URL made a link; a longer one would crowd a section's 3,000 characters."""
ELLIPSIS = "…"

Block = dict[str, Any]
Message = dict[str, Any]
"""The ``text`` and ``blocks`` keyword arguments of ``chat.postMessage`` (and of a slash command's response)."""


def message(text: str, blocks: list[Block]) -> Message:
    """The blocks with ``text``, plain words (escaped here), as the fallback for notifications and screen readers."""
    return {"text": truncate(escape(text), MAX_FALLBACK_TEXT), "blocks": blocks}


def header(text: str) -> Block:
    """A header block; Slack refuses an empty one, so a blank ``text`` reads "Summit"."""
    shown = truncate(" ".join(text.split()), MAX_HEADER_TEXT) or "Summit"
    return {"type": "header", "text": {"type": "plain_text", "text": shown, "emoji": True}}


def section(mrkdwn: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": truncate(mrkdwn, MAX_SECTION_TEXT)}}


def context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": truncate(mrkdwn, MAX_CONTEXT_TEXT)}]}


def divider() -> Block:
    return {"type": "divider"}


def actions(*buttons: Block) -> Block:
    return {"type": "actions", "elements": list(buttons)}


def button(text: str, action_id: str, value: dict[str, Any], *, primary: bool = False) -> Block:
    """A button whose value is ``value`` as JSON (the caller keeps it under MAX_BUTTON_VALUE)."""
    element: Block = {
        "type": "button",
        "action_id": action_id,
        "text": {"type": "plain_text", "text": truncate(text, 75), "emoji": True},
        "value": json.dumps(value, ensure_ascii=False, separators=(",", ":")),
    }
    if primary:
        element["style"] = "primary"
    return element


def link(url: str, label: str) -> str:
    """``<url|label>`` with the label escaped and at most MAX_LINK_LABEL long (a label holding no text shows the
    URL); a URL too long to link is shown cut, as text, so no cut can fall inside the link's markup."""
    if len(url) > MAX_LINK_URL:
        return escape(truncate(url, MAX_LINK_LABEL))
    shown = " ".join(label.split()) or url
    return f"<{link_target(url)}|{escape(truncate(shown, MAX_LINK_LABEL))}>"


def link_target(url: str) -> str:
    """A URL fit for Slack's ``<url|label>``: the three characters that would end the link are percent-encoded."""
    return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def escape(text: str) -> str:
    """Slack reads ``&``, ``<`` and ``>`` as markup; article text must show them as they are."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis, without splitting an escaped ``&…;``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    entity_start = cut.rfind("&", len(cut) - len("&amp;"))
    if entity_start != -1 and ";" not in cut[entity_start:]:
        cut = cut[:entity_start]
    return cut.rstrip() + ELLIPSIS


def plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"
