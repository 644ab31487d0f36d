"""A digest in Block Kit: new developments with their sources, who said what by speaker, new voices, key
figures; cut to Slack's limits with a count of what was left out and a pointer to ``/summit who-said``.

``shown_digest`` is the part of a digest its message shows: what gets recorded as reported, so nothing cut for
room counts as told.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timezone

from bot.archive import ArticleSource
from bot.digest import Digest, DigestDevelopment, DigestStatement, SpeakerStatements
from handlers.block_kit import (
    MAX_BLOCKS, MAX_SECTION_TEXT, Block, Message, context, divider, escape, header, link, message, plural, section,
    truncate,
)

NOTHING_NEW = "Nothing new since the last digest."
LINE_LIMIT = 600
"""Characters of one development's or statement's words before they are cut."""
NAME_LIMIT = 150
"""Characters of a speaker's name, and of their role, in a heading."""
WHO_SAID_POINTER = "Ask `/summit who-said &lt;person or topic&gt;` for everything Summit has."


def digest_message(digest: Digest, *, preview: bool = False) -> Message:
    title = f"Summit digest · {date.fromisoformat(digest.day):%A %-d %B}"
    if preview:
        title = f"Preview: {title}"
    if digest.is_empty:
        return message(f"{title}: {NOTHING_NEW}", [section(f"*{escape(title)}*\n{NOTHING_NEW}")])
    blocks: list[Block] = [header(title), context(escape(_coverage(digest)))]
    tail = _tail(digest)
    body, developments, speakers = _body(digest, MAX_BLOCKS - len(blocks) - len(tail) - 1)
    blocks += body
    left = _left_out(digest, developments, speakers)
    if left:
        blocks.append(context(f"…and {left}. {WHO_SAID_POINTER}"))
    blocks += tail
    counts = (f"{len(digest.developments)} new {plural(len(digest.developments), 'development')}, "
              f"{sum(len(s.statements) for s in digest.speakers)} new statements")
    return message(f"{title}: {counts}", blocks)


def _coverage(digest: Digest) -> str:
    """ "12 articles from 4 outlets since 3 Mar 07:00 UTC". Outlets are left out when no article names one (saved
    pages, pasted text), and the start when the digest has none (the demo's, which covers the whole archive):
    "from 0 outlets since 1 Jan 00:00" would be read as a fault."""
    words = f"{digest.articles} {plural(digest.articles, 'article')}"
    if digest.outlets:
        words += f" from {len(digest.outlets)} {plural(len(digest.outlets), 'outlet')}"
    if digest.since > 0:
        words += f" since {datetime.fromtimestamp(digest.since, timezone.utc):%-d %b %H:%M} UTC"
    return words


def shown_digest(digest: Digest) -> Digest:
    """``digest`` as far as its message shows it."""
    if digest.is_empty:
        return digest
    _, developments, speakers = _body(digest, MAX_BLOCKS - 2 - len(_tail(digest)) - 1)
    return replace(digest, developments=digest.developments[:developments], speakers=digest.speakers[:speakers])


def _body(digest: Digest, room: int) -> tuple[list[Block], int, int]:
    """The developments and the speakers' sections that fit in ``room`` blocks, and how many of each."""
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
    return blocks, shown_developments, shown_speakers


def _left_out(digest: Digest, developments: int, speakers: int) -> str:
    left = []
    if len(digest.developments) > developments:
        count = len(digest.developments) - developments
        left.append(f"{count} more {plural(count, 'development')}")
    hidden_speakers = len(digest.speakers) - speakers + digest.more_speakers
    if hidden_speakers:
        left.append(f"{hidden_speakers} more {plural(hidden_speakers, 'speaker')}")
    return " and ".join(left)


def _developments_text(developments: tuple[DigestDevelopment, ...]) -> tuple[str, int]:
    """``*New developments*`` and one line each, as many as fit in a section; and how many fit."""
    text = "*New developments*"
    shown = 0
    for development in developments:
        line = "\n" + _line(f"• {escape(truncate(development.text, LINE_LIMIT))}", development.sources,
                            MAX_SECTION_TEXT - len("*New developments*") - 1)
        if len(text) + len(line) > MAX_SECTION_TEXT:
            break
        text += line
        shown += 1
    return text, shown


def _speaker_text(speaker: SpeakerStatements) -> str:
    heading = f"*{escape(truncate(speaker.name, NAME_LIMIT))}*"
    if speaker.role:
        heading += f" — {escape(truncate(speaker.role, NAME_LIMIT))}"
    if speaker.first_time:
        heading += " · _first time quoted_"
    more = f"\n…and {speaker.more} more {plural(speaker.more, 'statement')}" if speaker.more else ""
    room = MAX_SECTION_TEXT - len(heading) - len(more)
    text = heading
    for statement in speaker.statements:
        line = "\n" + _statement_line(statement, room - 1)
        if len(text) + len(line) + len(more) > MAX_SECTION_TEXT:
            break
        text += line
    return text + more


def _statement_line(statement: DigestStatement, room: int) -> str:
    words = f"“{statement.words}”" if statement.kind == "direct" else statement.words
    cue = f"_{escape(statement.cue)}_ " if statement.cue else ""
    return _line(f"• {cue}{escape(truncate(words, LINE_LIMIT))}", statement.sources, room)


def _line(words: str, sources: tuple[ArticleSource, ...], room: int) -> str:
    """``words — sources`` within ``room`` characters: linked sources if they fit, else their names, else cut."""
    for shown in (_sources(sources, linked=True), _sources(sources, linked=False)):
        line = f"{words} — {shown}"
        if len(line) <= room:
            return line
    return truncate(f"{words} — {_sources(sources, linked=False)}", room)


def _tail(digest: Digest) -> list[Block]:
    blocks: list[Block] = []
    if digest.new_voices:
        voices = ", ".join(escape(truncate(voice, 2 * NAME_LIMIT)) for voice in digest.new_voices[:20])
        more = len(digest.new_voices) - 20
        blocks.append(section(truncate(f"*New voices*\n{voices}" + (f" and {more} more" if more > 0 else ""),
                                       MAX_SECTION_TEXT)))
    if digest.figures:
        lines = "\n".join(f"• {escape(truncate(figure, 300))}" for figure in digest.figures)
        blocks.append(section(f"*Key figures*\n{lines}"))
    return [divider(), *blocks] if blocks else []


def _sources(sources: tuple[ArticleSource, ...], *, linked: bool) -> str:
    names = [source.outlet or source.title or source.url or "an article" for source in sources[:4]]
    shown = [link(source.url, name) if linked and source.url else escape(truncate(name, 120))
             for source, name in zip(sources, names)]
    more = len(sources) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more > 0 else "")
