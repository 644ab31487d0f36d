"""Show a Block Kit message in a terminal roughly the way Slack shows it.

Used by ``summit extract`` and ``summit demo`` so that what a developer sees is what the channel will see.
ANSI styling is optional: the caller turns it on only when the output is a terminal.
"""

from __future__ import annotations

import re
from typing import Any

DIVIDER_WIDTH = 60
"""Characters in the line drawn for a divider block."""

BOLD, DIM, ITALIC, UNDERLINE, RESET = "\x1b[1m", "\x1b[2m", "\x1b[3m", "\x1b[4m", "\x1b[0m"

# Slack's rule: a marker opens before a non-space and closes after one, and neither touches a letter outside.
RE_BOLD = re.compile(r"(?<!\w)\*(?=\S)(.+?)(?<=\S)\*(?!\w)")
RE_ITALIC = re.compile(r"(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)")
RE_LINK = re.compile(r"<([^<>|]+)(?:\|([^<>]+))?>")
RE_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")
SLACK_ENTITIES = {"&lt;": "<", "&gt;": ">", "&amp;": "&"}


def render_message(message: dict[str, Any], *, color: bool) -> str:
    """The message as lines of text: the blocks when there are any, otherwise the plain ``text``."""
    blocks = message.get("blocks")
    if not blocks:
        return _unescape(_printable(message.get("text", "")))
    return "\n".join(_render_block(block, color) for block in blocks)


def _printable(text: str) -> str:
    """Article text is untrusted: no control character (an escape sequence could rewrite the terminal) is
    shown. Only this module's own styles are added, after this."""
    return RE_CONTROL.sub("", text)


def _render_block(block: dict[str, Any], color: bool) -> str:
    kind = block["type"]
    if kind == "header":
        text = _printable(block["text"]["text"])
        return _style(text, BOLD + UNDERLINE) if color else f"{text}\n{'=' * len(text)}"
    if kind == "section":
        return _render_text(block["text"], color)
    if kind == "divider":
        return "─" * DIVIDER_WIDTH
    if kind == "context":
        line = "  ".join(_render_text(element, color) for element in block["elements"] if "text" in element)
        return _style(line, DIM) if color else line
    # Images, actions and the like have no text a terminal can show.
    return ""


def _render_text(text: dict[str, Any], color: bool) -> str:
    if text["type"] == "plain_text":
        return _printable(text["text"])
    return render_mrkdwn(_printable(text["text"]), color=color)


def render_mrkdwn(text: str, *, color: bool) -> str:
    """Slack ``mrkdwn`` as terminal text: links as "label (url)", bold and italic as ANSI styles or bare words."""
    pieces = []
    position = 0
    # Links are rendered apart so that underscores and asterisks in URLs are not read as styling.
    for link in RE_LINK.finditer(text):
        pieces.append(_render_styles(text[position : link.start()], color))
        url, label = link.groups()
        pieces.append(f"{_unescape(label)} ({_unescape(url)})" if label else _unescape(url))
        position = link.end()
    pieces.append(_render_styles(text[position:], color))
    return "".join(pieces)


def _render_styles(text: str, color: bool) -> str:
    bold = _style(r"\1", BOLD) if color else r"\1"
    italic = _style(r"\1", ITALIC) if color else r"\1"
    return _unescape(RE_ITALIC.sub(italic, RE_BOLD.sub(bold, text)))


def _style(text: str, style: str) -> str:
    return f"{style}{text}{RESET}"


def _unescape(text: str) -> str:
    return re.sub("&(lt|gt|amp);", lambda entity: SLACK_ENTITIES[entity.group()], text)
