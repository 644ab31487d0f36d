"""A who-said answer as plain text for a terminal (``summit who-said``); Slack gets Block Kit elsewhere."""

from __future__ import annotations

from bot.whosaid import Quote, SpeakerInfo, WhoSaidAnswer

SPEAKERS_NAMED = 5
"""Speakers named in the heading of a role's answer; the rest are counted."""
MATCHED_BY = {
    "name": "",
    "surname": " (everyone with that surname)",
    "spelling": " (closest name)",
    "role": " (by role)",
}


def render_answer(answer: WhoSaidAnswer) -> str:
    if answer.kind == "none":
        return _nothing(answer)
    if answer.kind == "topic":
        heading = f"Who said what about “{answer.query.strip()}”: {_count(answer)}"
        lines = [heading, "=" * len(heading)]
        for group in answer.groups:
            lines += ["", _speaker_line(group.speaker, group.name)]
            lines += [line for quote in group.quotes for line in _quote_lines(quote, indent="  ")]
        return "\n".join(lines + _more(answer))
    shown = answer.speakers[:SPEAKERS_NAMED]
    names = "; ".join(_speaker_line(speaker, speaker.name) for speaker in shown)
    if len(answer.speakers) > len(shown):
        names += f" and {len(answer.speakers) - len(shown)} others"
    heading = f"{names}{MATCHED_BY.get(answer.matched_by or '', '')}: {_count(answer)}"
    lines = [heading, "=" * min(len(heading), 78)]
    for quote in answer.quotes:
        lines += [""] + _quote_lines(quote, indent="", with_speaker=len(answer.speakers) > 1)
    return "\n".join(lines + _more(answer))


def _count(answer: WhoSaidAnswer) -> str:
    at_least = "" if answer.total_is_exact else "at least "
    return f"{at_least}{answer.total} statement{'s' if answer.total != 1 else ''}"


def _more(answer: WhoSaidAnswer) -> list[str]:
    hidden = answer.total - len(answer.quotes)
    return ["", f"… and {hidden} more (use --limit to see them)."] if hidden > 0 else []


def _speaker_line(speaker: SpeakerInfo | None, name: str) -> str:
    if speaker is None or not speaker.roles:
        return name
    return f"{name} ({', '.join(speaker.roles)})"


def _quote_lines(quote: Quote, *, indent: str, with_speaker: bool = False) -> list[str]:
    # A partial quote's words carry their own quote marks ("hailed the promise as “a major step forward”").
    words = f"“{quote.words}”" if quote.kind == "direct" else quote.words
    how = ", ".join(part for part in (quote.kind, quote.cue) if part)
    first = f"{indent}- {words}  [{how}]"
    if with_speaker and quote.speaker:
        first = f"{indent}- {quote.speaker}: {words}  [{how}]"
    source = " · ".join(part for part in (quote.title, quote.outlet, (quote.time or "")[:10]) if part)
    lines = [first, f"{indent}  {source}" if source else None, f"{indent}  {quote.url}" if quote.url else None]
    sentence = " ".join(quote.sentence.split())
    if sentence and sentence != " ".join(quote.words.split()):
        lines.append(f"{indent}  in: {sentence}")
    return [line for line in lines if line]


def _nothing(answer: WhoSaidAnswer) -> str:
    lines = [f"Nobody in the archive said anything matching “{answer.query.strip()}”."]
    if answer.suggestions.speakers:
        lines.append("Speakers we do have: " + ", ".join(answer.suggestions.speakers) + ".")
    if answer.suggestions.topics:
        lines.append("Topics we do have: " + ", ".join(answer.suggestions.topics) + ".")
    return "\n".join(lines)
