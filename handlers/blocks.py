"""Block Kit messages built from plain extraction data.

Pure functions: they take :mod:`nlp.model` objects and return the ``{"text": ..., "blocks": [...]}`` keyword
arguments of ``chat.postMessage``, so they are tested without Slack. Every message stays inside Slack's limits
and is cut at a statement boundary, never in the middle of a block.
"""

from __future__ import annotations

from typing import Any

from nlp.model import Extraction, Figure, FigureKind, Kind, Speaker, Statement

MAX_BLOCKS = 50
"""Blocks Slack accepts in one message."""
MAX_SECTION_TEXT = 3000
"""Characters Slack accepts in the text of a section block."""
MAX_HEADER_TEXT = 150
"""Characters Slack accepts in the plain text of a header block."""
DEFAULT_STATEMENT_LIMIT = 25
"""Statements shown in one message before the rest are summed up in a "…and N more" line."""

FIGURE_ORDER = (FigureKind.MONEY, FigureKind.PERCENT, FigureKind.COUNT, FigureKind.DURATION, FigureKind.DATE)
"""Key figures are listed by kind, the amounts first: a date says less on its own than a sum of money."""

DEFAULT_TITLE = "Who said what"
UNKNOWN_SPEAKER = "Unattributed"
ELLIPSIS = "…"

Block = dict[str, Any]


def statements_blocks(extraction: Extraction, *, limit: int = DEFAULT_STATEMENT_LIMIT) -> dict[str, Any]:
    """Who said what in an article: statements grouped by speaker, in order of each speaker's first statement."""
    return _message(extraction, before=[], after=[], limit=limit)


def article_blocks(extraction: Extraction, *, limit: int = DEFAULT_STATEMENT_LIMIT) -> dict[str, Any]:
    """Everything read from an article: the three-point summary, who said what, then the key figures."""
    before = [_section(_bulleted("Summary", extraction.summary))] if extraction.summary else []
    by_weight = sorted(extraction.figures, key=lambda figure: FIGURE_ORDER.index(figure.kind))
    figures = list(dict.fromkeys(_figure_line(figure) for figure in by_weight))
    after = [_divider(), _section(_bulleted("Key figures", figures))] if figures else []
    return _message(extraction, before=before, after=after, limit=limit)


def _message(extraction: Extraction, *, before: list[Block], after: list[Block], limit: int) -> dict[str, Any]:
    """Header, ``before``, the statements by speaker (cut to fit), ``after``, and the article link."""
    title = extraction.title or DEFAULT_TITLE
    footer = [_context(f"<{_link_target(extraction.url)}|Read the article>")] if extraction.url else []
    shown = extraction.statements[:limit]
    # Two blocks are kept back: the header, and the "…and N more" line or the "none found" section.
    room = MAX_BLOCKS - 2 - len(before) - len(after) - len(footer)
    body, shown_count = _fit_speaker_groups(_group_by_speaker(shown), room)
    hidden_count = len(extraction.statements) - shown_count
    if hidden_count:
        body.append(_context(f"{ELLIPSIS}and {hidden_count} more {_plural(hidden_count, 'statement')}"))
    if not extraction.statements:
        body.append(_section("No attributed statements found."))
    return {
        "text": _fallback_text(title, extraction.statements),
        "blocks": [_header(title), *before, *body, *after, *footer],
    }


def _bulleted(heading: str, lines: list[str] | tuple[str, ...]) -> str:
    """``*heading*`` and one ``•`` line each, as many whole lines as fit in a section."""
    text = f"*{heading}*"
    for line in lines:
        bullet = f"\n• {_escape(line)}"
        if len(text) + len(bullet) > MAX_SECTION_TEXT:
            break
        text += bullet
    return text


def _figure_line(figure: Figure) -> str:
    return f"{figure.span.text} — {figure.about}" if figure.about else figure.span.text


def _group_by_speaker(statements: tuple[Statement, ...]) -> list[tuple[str, list[Statement]]]:
    """Statements under one heading per speaker, in order of each speaker's first statement."""
    groups: dict[str, list[Statement]] = {}
    for statement in statements:
        groups.setdefault(_speaker_label(statement.speaker), []).append(statement)
    return [(_speaker_heading(label, members), members) for label, members in groups.items()]


def _fit_speaker_groups(groups: list[tuple[str, list[Statement]]], max_blocks: int) -> tuple[list[Block], int]:
    """As many whole sections as fit in ``max_blocks``, a divider between speakers; and how many statements."""
    blocks: list[Block] = []
    shown_count = 0
    for heading, statements in groups:
        for index, (text, count) in enumerate(_speaker_sections(heading, statements)):
            separator = [_divider()] if index == 0 and blocks else []
            if len(blocks) + len(separator) + 1 > max_blocks:
                return blocks, shown_count
            blocks += [*separator, _section(text)]
            shown_count += count
    return blocks, shown_count


def _speaker_sections(heading: str, statements: list[Statement]) -> list[tuple[str, int]]:
    """One line per statement, packed into section texts under ``heading`` within Slack's limit; with the number of
    statements in each."""
    room = MAX_SECTION_TEXT - len(heading) - 1
    sections: list[tuple[str, int]] = []
    current: list[str] = []
    for line in (_statement_line(statement, room) for statement in statements):
        if current and len("\n".join([*current, line])) > room:
            sections.append(("\n".join([heading, *current]), len(current)))
            current = []
        current.append(line)
    if current:
        sections.append(("\n".join([heading, *current]), len(current)))
    return sections


def _speaker_label(speaker: Speaker | None) -> str:
    if speaker is None:
        return UNKNOWN_SPEAKER
    return speaker.name or speaker.mention.text


def _speaker_heading(label: str, statements: list[Statement]) -> str:
    """``*Volodymyr Zelensky* — Ukrainian President``, with the first title any of the mentions carries."""
    titles = (s.speaker.title for s in statements if s.speaker and s.speaker.title and s.speaker.title != label)
    title = next(titles, None)
    return f"*{_escape(label)}* — {_escape(title)}" if title else f"*{_escape(label)}*"


def _statement_line(statement: Statement, max_length: int) -> str:
    """``• _said_ “words”``, the words cut so that the line fits in ``max_length`` with its closing quote mark.

    A partial quote's content carries its own quote marks around the quoted fragment, so none are added.
    """
    cue = f"_{_escape(statement.cue.text)}_ " if statement.cue else ""
    before, after = {
        Kind.DIRECT: (f"• {cue}“", "”"),
        Kind.PARTIAL: (f"• {cue}(partial quote) ", ""),
        Kind.INDIRECT: (f"• {cue}(reported) ", ""),
    }[statement.kind]
    words = _truncate(_escape(statement.text), max_length - len(before) - len(after))
    return before + words + after


def _fallback_text(title: str, statements: tuple[Statement, ...]) -> str:
    """What notifications and screen readers show instead of the blocks."""
    if not statements:
        return f"{title}: no attributed statements found."
    speaker_count = len({_speaker_label(statement.speaker) for statement in statements})
    return (
        f"{title}: {len(statements)} {_plural(len(statements), 'statement')} "
        f"from {speaker_count} {_plural(speaker_count, 'speaker')}"
    )


def _header(text: str) -> Block:
    return {"type": "header", "text": {"type": "plain_text", "text": _truncate(text, MAX_HEADER_TEXT), "emoji": True}}


def _section(mrkdwn: str) -> Block:
    return {"type": "section", "text": {"type": "mrkdwn", "text": mrkdwn}}


def _context(mrkdwn: str) -> Block:
    return {"type": "context", "elements": [{"type": "mrkdwn", "text": mrkdwn}]}


def _divider() -> Block:
    return {"type": "divider"}


def _link_target(url: str) -> str:
    """A URL fit for Slack's ``<url|label>``: the three characters that would end the link are percent-encoded."""
    return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def _escape(text: str) -> str:
    """Slack reads ``&``, ``<`` and ``>`` as markup; article text must show them as they are."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _truncate(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters, ending in an ellipsis, without splitting an escaped ``&…;``."""
    if len(text) <= limit:
        return text
    cut = text[: limit - len(ELLIPSIS)]
    entity_start = cut.rfind("&", len(cut) - len("&amp;"))
    if entity_start != -1 and ";" not in cut[entity_start:]:
        cut = cut[:entity_start]
    return cut.rstrip() + ELLIPSIS


def _plural(count: int, noun: str) -> str:
    return noun if count == 1 else f"{noun}s"
