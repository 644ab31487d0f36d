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
ELLIPSIS = "…"

Block = dict[str, Any]
Message = dict[str, Any]
"""The ``text`` and ``blocks`` keyword arguments of ``chat.postMessage`` (and of a slash command's response)."""


def message(text: str, blocks: list[Block]) -> Message:
    return {"text": truncate(text, MAX_FALLBACK_TEXT), "blocks": blocks}


def header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": truncate(text, MAX_HEADER_TEXT), "emoji": True}}


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
    """``<url|label>`` with the label escaped; a label holding no text shows the URL itself."""
    return f"<{link_target(url)}|{escape(label)}>" if label.strip() else f"<{link_target(url)}>"


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
