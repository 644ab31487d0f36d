"""``/summit who-said`` answers in Block Kit: who, in what role, said which exact words, where, with a link.

The asker sees the answer alone first; its buttons share it in the channel or show more statements. Both carry
the query and how many statements to show in their value, so a click asks the archive again rather than trusting
a copy of the answer.
"""

from __future__ import annotations

from bot.whosaid import Quote, SpeakerInfo, WhoSaidAnswer
from handlers.block_kit import (
    MAX_BLOCKS, MAX_SECTION_TEXT, Block, Message, actions, button, context, escape, header, link, message, plural,
    section, truncate,
)

SHARE_ACTION = "who_said_share"
MORE_ACTION = "who_said_more"
FIRST_PAGE = 10
"""Statements in the first answer."""
MAX_SHOWN = 40
"""Most statements one answer shows (each takes a block; Slack allows 50)."""
SPEAKERS_NAMED = 5
"""Speakers named in the header of a role's answer; the rest are counted."""
MAX_QUERY_LENGTH = 200
"""Longest query taken: a name or a topic is far shorter, and the query must fit in a button's value."""
MATCHED_BY = {
    "surname": "everyone with that surname",
    "spelling": "closest name to what you typed",
    "role": "by role",
}


def who_said_message(answer: WhoSaidAnswer, *, shared_by: str | None = None) -> Message:
    """The answer as the asker sees it (with buttons), or as shared in the channel by ``shared_by`` (a user id)."""
    if answer.kind == "none":
        return _nothing(answer)
    title = _title(answer)
    blocks: list[Block] = [header(title)]
    subtitle = MATCHED_BY.get(answer.matched_by or "")
    count = f"{'at least ' if not answer.total_is_exact else ''}{answer.total} {plural(answer.total, 'statement')}"
    blocks.append(context(escape(" · ".join(part for part in (count, subtitle) if part))))
    footer = _footer(answer, shared_by)
    room = MAX_BLOCKS - len(blocks) - len(footer) - 1
    shown = _quote_blocks(answer)[:room]
    blocks += shown
    hidden = answer.total - len(shown)
    if hidden > 0:
        blocks.append(context(f"…and {hidden} more: narrow it with a full name or a topic, or run "
                              f"`summit who-said` with `--limit`."))
    blocks += footer
    return message(f"{title}: {count}", blocks)


def more_limit(shown: int) -> int:
    """How many statements the "Show more" button asks for after ``shown``."""
    return min(MAX_SHOWN, shown + FIRST_PAGE * 2)


def _title(answer: WhoSaidAnswer) -> str:
    if answer.kind == "topic":
        return f"Who said what about “{answer.query.strip()}”"
    names = [speaker.name for speaker in answer.speakers[:SPEAKERS_NAMED]]
    others = len(answer.speakers) - len(names)
    title = ", ".join(names) + (f" and {others} more" if others > 0 else "")
    if len(answer.speakers) == 1 and answer.speakers[0].roles:
        title += f" — {answer.speakers[0].roles[0]}"
    return title


def _quote_blocks(answer: WhoSaidAnswer) -> list[Block]:
    """One section per quote; a topic's quotes by speaker, each naming who said it."""
    with_speaker = answer.kind == "topic" or len(answer.speakers) > 1
    speakers = {speaker.id: speaker for speaker in answer.speakers}
    quotes = answer.quotes if answer.kind != "topic" else [quote for group in answer.groups for quote in group.quotes]
    return [section(_quote_text(quote, speakers.get(quote.speaker_id or ""), with_speaker)) for quote in quotes]


def _quote_text(quote: Quote, speaker: SpeakerInfo | None, with_speaker: bool) -> str:
    """``*Name* (role)`` when several speak, the exact words, then how and where it was said."""
    who = ""
    if with_speaker and quote.speaker:
        role = quote.role or (speaker.roles[0] if speaker and speaker.roles else None)
        who = f"*{escape(quote.speaker)}*" + (f" ({escape(role)})" if role else "") + "\n"
    how = " · ".join(part for part in (f"_{escape(quote.cue)}_" if quote.cue else None, quote.kind) if part)
    where = " · ".join(part for part in (
        link(quote.url, quote.title or quote.outlet or quote.url) if quote.url else escape(quote.title or ""),
        escape(quote.outlet or ""),
        (quote.time or "")[:10],
    ) if part)
    tail = "\n" + " · ".join(part for part in (how, where) if part)
    words = f"“{quote.words}”" if quote.kind == "direct" else quote.words
    room = MAX_SECTION_TEXT - len(who) - len(tail)
    return who + truncate(escape(words), room) + tail


def _footer(answer: WhoSaidAnswer, shared_by: str | None) -> list[Block]:
    if shared_by is not None:
        return [context(f"Shared by <@{shared_by}> · `/summit who-said {escape(answer.query.strip())}`")]
    shown = len(answer.quotes)
    value = {"q": answer.query.strip()[:MAX_QUERY_LENGTH], "n": shown}
    buttons = [button("Share in channel", SHARE_ACTION, value, primary=True)]
    if answer.total > shown and shown < MAX_SHOWN:
        buttons.append(button("Show more", MORE_ACTION, {**value, "n": more_limit(shown)}))
    return [actions(*buttons)]


def _nothing(answer: WhoSaidAnswer) -> Message:
    query = answer.query.strip()
    lines = [f"Nobody in the archive said anything matching “{escape(query)}”."]
    if answer.suggestions.speakers:
        lines.append("Speakers Summit knows: " + ", ".join(escape(name) for name in answer.suggestions.speakers) + ".")
    if answer.suggestions.topics:
        lines.append("Topics it knows: " + ", ".join(escape(topic) for topic in answer.suggestions.topics) + ".")
    lines.append("Summit only knows articles pasted in channels it is in, or sent with `/summit summary <link>`.")
    return message(f"Nobody in the archive said anything matching “{query}”.", [section("\n".join(lines))])
