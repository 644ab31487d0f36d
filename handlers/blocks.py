"""Block Kit messages built from plain extraction data: the thread reply to an article, and who said what in it.

Pure functions: they take :mod:`nlp.model` objects and return the ``{"text": ..., "blocks": [...]}`` keyword
arguments of ``chat.postMessage``, so they are tested without Slack. Every message stays inside Slack's limits
and is cut at a statement boundary, never in the middle of a block.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from handlers.block_kit import (
    ELLIPSIS, MAX_BLOCKS, MAX_SECTION_TEXT, Block, Message, context, divider, escape, header, link, message, plural,
    section, truncate,
)
from nlp.model import FIGURE_IMPORTANCE, Extraction, Kind, Speaker, Statement

DEFAULT_STATEMENT_LIMIT = 25
"""Statements shown in one message before the rest are summed up in a "…and N more" line."""

DEFAULT_TITLE = "Who said what"
UNKNOWN_SPEAKER = "Unattributed"


@dataclass(frozen=True)
class _Group:
    label: str
    heading: str
    members: list[tuple[int, Statement]]
    """(statement number in the article, statement), in reading order."""


def statements_blocks(extraction: Extraction, *, limit: int = DEFAULT_STATEMENT_LIMIT) -> Message:
    """Who said what in an article: statements grouped by speaker, in order of each speaker's first statement."""
    groups = _group_by_speaker(list(enumerate(extraction.statements[:limit])))
    return _message(extraction, groups, before=[], after=[], reported_before={})


def article_blocks(
    extraction: Extraction,
    *,
    outlet: str | None = None,
    reported_before: Mapping[int, str] | None = None,
    limit: int = DEFAULT_STATEMENT_LIMIT,
) -> Message:
    """Everything read from an article: its outlet, the three-point summary, who said what (the most newsworthy
    speakers first), then the key figures.

    ``reported_before`` maps a statement's number to where the archive already had it (an outlet's name); those
    statements are marked, and the speakers with the most new statements come first.
    """
    reported_before = reported_before or {}
    before = [context(escape(_source_line(extraction, outlet, reported_before)))]
    if extraction.summary:
        before.append(section(_bulleted("Summary", extraction.summary)))
    by_weight = sorted(extraction.figures, key=lambda figure: FIGURE_IMPORTANCE.index(figure.kind))
    figures = list(dict.fromkeys(figure.label for figure in by_weight))
    after = [divider(), section(_bulleted("Key figures", figures))] if figures else []
    groups = _group_by_speaker(list(enumerate(extraction.statements)))
    ranked = sorted(groups, key=lambda group: _newsworthiness(group, reported_before), reverse=True)
    shown = _first_statements(ranked, limit)
    return _message(extraction, shown, before=before, after=after, reported_before=reported_before)


def _message(extraction: Extraction, groups: list[_Group], *, before: list[Block], after: list[Block],
             reported_before: Mapping[int, str]) -> Message:
    """Header, ``before``, the statements by speaker (cut to fit), ``after``, and the article link."""
    title = extraction.title or DEFAULT_TITLE
    footer = [context(link(extraction.url, "Read the article"))] if extraction.url else []
    # Two blocks are kept back: the header, and the "…and N more" line or the "none found" section.
    room = MAX_BLOCKS - 2 - len(before) - len(after) - len(footer)
    body, shown_count = _fit_speaker_groups(groups, room, reported_before)
    hidden_count = len(extraction.statements) - shown_count
    if hidden_count:
        body.append(context(f"{ELLIPSIS}and {hidden_count} more {plural(hidden_count, 'statement')}"))
    if not extraction.statements:
        body.append(section("No attributed statements found."))
    return message(_fallback_text(title, extraction.statements), [header(title), *before, *body, *after, *footer])


def _source_line(extraction: Extraction, outlet: str | None, reported_before: Mapping[int, str]) -> str:
    """``Reuters · 2025-08-18 · 12 statements, 3 new``."""
    count = len(extraction.statements)
    statements = f"{count} {plural(count, 'statement')}"
    if reported_before and count:
        statements += f", {count - len(reported_before)} new"
    parts = (outlet, (extraction.published or "")[:10], statements)
    return " · ".join(part for part in parts if part)


def _newsworthiness(group: _Group, reported_before: Mapping[int, str]) -> tuple[int, bool, int]:
    """New statements first, then speakers the article names with a title (officials), then the most quoted."""
    new = sum(1 for number, _ in group.members if number not in reported_before)
    titled = any(s.speaker is not None and s.speaker.title for _, s in group.members)
    return new, titled and group.label != UNKNOWN_SPEAKER, len(group.members)


def _first_statements(groups: list[_Group], limit: int) -> list[_Group]:
    """The groups cut to ``limit`` statements in all, in their order."""
    kept: list[_Group] = []
    for group in groups:
        if limit <= 0:
            break
        kept.append(_Group(group.label, group.heading, group.members[:limit]))
        limit -= len(kept[-1].members)
    return kept


def _bulleted(heading: str, lines: list[str] | tuple[str, ...]) -> str:
    """``*heading*`` and one ``•`` line each, as many whole lines as fit in a section."""
    text = f"*{heading}*"
    for line in lines:
        bullet = f"\n• {escape(line)}"
        if len(text) + len(bullet) > MAX_SECTION_TEXT:
            break
        text += bullet
    return text


def _group_by_speaker(numbered: list[tuple[int, Statement]]) -> list[_Group]:
    """Statements under one heading per speaker, in order of each speaker's first statement."""
    groups: dict[str, list[tuple[int, Statement]]] = {}
    for number, statement in numbered:
        groups.setdefault(_speaker_label(statement.speaker), []).append((number, statement))
    return [_Group(label, _speaker_heading(label, [s for _, s in members]), members)
            for label, members in groups.items()]


def _fit_speaker_groups(groups: list[_Group], max_blocks: int,
                        reported_before: Mapping[int, str]) -> tuple[list[Block], int]:
    """As many whole sections as fit in ``max_blocks``, a divider between speakers; and how many statements."""
    blocks: list[Block] = []
    shown_count = 0
    for group in groups:
        for index, (text, count) in enumerate(_speaker_sections(group, reported_before)):
            separator = [divider()] if index == 0 and blocks else []
            if len(blocks) + len(separator) + 1 > max_blocks:
                return blocks, shown_count
            blocks += [*separator, section(text)]
            shown_count += count
    return blocks, shown_count


def _speaker_sections(group: _Group, reported_before: Mapping[int, str]) -> list[tuple[str, int]]:
    """One line per statement, packed into section texts under the group's heading within Slack's limit; with the
    number of statements in each."""
    room = MAX_SECTION_TEXT - len(group.heading) - 1
    sections: list[tuple[str, int]] = []
    current: list[str] = []
    for number, statement in group.members:
        line = _statement_line(statement, room, reported_before.get(number))
        if current and len("\n".join([*current, line])) > room:
            sections.append(("\n".join([group.heading, *current]), len(current)))
            current = []
        current.append(line)
    if current:
        sections.append(("\n".join([group.heading, *current]), len(current)))
    return sections


def _speaker_label(speaker: Speaker | None) -> str:
    if speaker is None:
        return UNKNOWN_SPEAKER
    return speaker.name or speaker.mention.text


def _speaker_heading(label: str, statements: list[Statement]) -> str:
    """``*Volodymyr Zelensky* — Ukrainian President``, with the first title any of the mentions carries."""
    titles = (s.speaker.title for s in statements if s.speaker and s.speaker.title and s.speaker.title != label)
    title = next(titles, None)
    return f"*{escape(label)}* — {escape(title)}" if title else f"*{escape(label)}*"


def _statement_line(statement: Statement, max_length: int, reported_by: str | None = None) -> str:
    """``• _said_ “words”``, the words cut so that the line fits in ``max_length`` with its closing quote mark;
    `` _(already reported by Reuters)_`` after a statement the archive had.

    A partial quote's content carries its own quote marks around the quoted fragment, so none are added.
    """
    cue = f"_{escape(statement.cue.text)}_ " if statement.cue else ""
    before, after = {
        Kind.DIRECT: (f"• {cue}“", "”"),
        Kind.PARTIAL: (f"• {cue}(partial quote) ", ""),
        Kind.INDIRECT: (f"• {cue}(reported) ", ""),
    }[statement.kind]
    if reported_by is not None:
        after += f" _(already reported by {escape(truncate(reported_by, 60))})_"
    words = truncate(escape(statement.text), max_length - len(before) - len(after))
    return before + words + after


def _fallback_text(title: str, statements: tuple[Statement, ...]) -> str:
    """What notifications and screen readers show instead of the blocks."""
    if not statements:
        return f"{title}: no attributed statements found."
    speaker_count = len({_speaker_label(statement.speaker) for statement in statements})
    return (
        f"{title}: {len(statements)} {plural(len(statements), 'statement')} "
        f"from {speaker_count} {plural(speaker_count, 'speaker')}"
    )
