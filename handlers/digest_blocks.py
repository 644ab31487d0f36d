"""A digest in Block Kit: new developments with their sources, who said what by speaker, new voices, key
figures; cut to Slack's limits with a count of what was left out and a pointer to ``/summit who-said``."""

from __future__ import annotations

from datetime import date, datetime, timezone

from bot.digest import Digest, DigestDevelopment, DigestStatement, SpeakerStatements, Source
from handlers.block_kit import (
    MAX_BLOCKS, MAX_SECTION_TEXT, Block, Message, context, divider, escape, header, link, message, plural, section,
    truncate,
)

NOTHING_NEW = "Nothing new since the last digest."
LINE_LIMIT = 600
"""Characters of one development or statement line before it is cut."""


def digest_message(digest: Digest, *, preview: bool = False) -> Message:
    title = f"Summit digest · {date.fromisoformat(digest.day):%A %-d %B}"
    if preview:
        title = f"Preview: {title}"
    if digest.is_empty:
        return message(f"{title}: {NOTHING_NEW}", [section(f"*{escape(title)}*\n{NOTHING_NEW}")])
    since = datetime.fromtimestamp(digest.since, timezone.utc)
    blocks: list[Block] = [header(title), context(escape(
        f"{digest.articles} {plural(digest.articles, 'article')} from {len(digest.outlets)} "
        f"{plural(len(digest.outlets), 'outlet')} since {since:%-d %b %H:%M} UTC"))]
    tail = _tail(digest)
    room = MAX_BLOCKS - len(blocks) - len(tail) - 2
    body, hidden = _body(digest, room)
    blocks += body
    if hidden:
        blocks.append(context(f"…and {hidden}. Ask `/summit who-said <person or topic>` for everything Summit has."))
    blocks += tail
    counts = (f"{len(digest.developments)} new {plural(len(digest.developments), 'development')}, "
              f"{sum(len(s.statements) for s in digest.speakers)} new statements")
    return message(f"{title}: {counts}", blocks)


def _body(digest: Digest, room: int) -> tuple[list[Block], str]:
    """The developments and the speakers' sections that fit in ``room`` blocks, and what was left out."""
    blocks: list[Block] = []
    shown_developments = 0
    if digest.developments:
        text, shown_developments = _developments_text(digest.developments)
        blocks.append(section(text))
    if digest.speakers:
        blocks += [divider(), section("*Who said what*")]
    shown_speakers = 0
    for speaker in digest.speakers:
        if len(blocks) + 1 > room:
            break
        blocks.append(section(_speaker_text(speaker)))
        shown_speakers += 1
    hidden_speakers = len(digest.speakers) - shown_speakers + digest.more_speakers
    left = []
    if len(digest.developments) > shown_developments:
        count = len(digest.developments) - shown_developments
        left.append(f"{count} more {plural(count, 'development')}")
    if hidden_speakers:
        left.append(f"{hidden_speakers} more {plural(hidden_speakers, 'speaker')}")
    return blocks, " and ".join(left)


def _developments_text(developments: tuple[DigestDevelopment, ...]) -> tuple[str, int]:
    """``*New developments*`` and one line each, as many as fit in a section; and how many fit."""
    text = "*New developments*"
    shown = 0
    for development in developments:
        line = f"\n• {escape(truncate(development.text, LINE_LIMIT))} — {_sources(development.sources)}"
        if len(text) + len(line) > MAX_SECTION_TEXT:
            break
        text += line
        shown += 1
    return text, shown


def _speaker_text(speaker: SpeakerStatements) -> str:
    heading = f"*{escape(speaker.name)}*" + (f" — {escape(speaker.role)}" if speaker.role else "")
    if speaker.first_time:
        heading += " · _first time quoted_"
    lines = [heading] + [_statement_line(statement) for statement in speaker.statements]
    if speaker.more:
        lines.append(f"…and {speaker.more} more {plural(speaker.more, 'statement')}")
    text = ""
    for line in lines:
        if len(text) + len(line) + 1 > MAX_SECTION_TEXT:
            break
        text += ("\n" if text else "") + line
    return text


def _statement_line(statement: DigestStatement) -> str:
    words = f"“{statement.words}”" if statement.kind == "direct" else statement.words
    cue = f"_{escape(statement.cue)}_ " if statement.cue else ""
    return f"• {cue}{escape(truncate(words, LINE_LIMIT))} — {_sources(statement.sources)}"


def _tail(digest: Digest) -> list[Block]:
    blocks: list[Block] = []
    if digest.new_voices:
        voices = ", ".join(escape(voice) for voice in digest.new_voices[:20])
        more = len(digest.new_voices) - 20
        blocks.append(section(truncate(f"*New voices*\n{voices}" + (f" and {more} more" if more > 0 else ""),
                                       MAX_SECTION_TEXT)))
    if digest.figures:
        lines = "\n".join(f"• {escape(truncate(figure, 300))}" for figure in digest.figures)
        blocks.append(section(f"*Key figures*\n{lines}"))
    return [divider(), *blocks] if blocks else []


def _sources(sources: tuple[Source, ...]) -> str:
    shown = [link(source.url, source.outlet or source.title or source.url) if source.url
             else escape(source.outlet or source.title or "an article") for source in sources[:4]]
    more = len(sources) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
