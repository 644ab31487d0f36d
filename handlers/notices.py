"""Short messages: the help, acknowledgements, and the plain sentences that tell someone what went wrong."""

from __future__ import annotations

from bot.subscriptions import Subscription
from handlers.block_kit import Message, context, escape, link, message, section

HELP_LINES = (
    "*Summit* reads news articles and keeps track of who said what.",
    "• Paste a link to an article in a channel Summit is in: it replies in the thread with a three-point summary, "
    "who said what, the key figures, and which statements are new.",
    "• `/summit who-said &lt;person or topic&gt;`: every statement the archive holds, with the speaker's role, "
    "the exact words and a link. Try `/summit who-said Zelensky` or `/summit who-said security guarantees`.",
    "• `/summit summary &lt;link&gt;`: the same reply as a pasted link, shown only to you.",
    "• `/summit subscribe [HH:MM] [Area/City]`: a digest of what is new in this channel every morning "
    "(08:00 in your time zone unless you say otherwise); `/summit unsubscribe` stops it, and `/summit digest` "
    "shows you what the next one would hold.",
    "• `/summit help`: this message.",
)


def help_message(unknown: str | None = None, subscription: Subscription | None = None) -> Message:
    """What Summit can do, with examples and this channel's digest; prefixed by a word about ``unknown`` when the
    subcommand was not one."""
    lines = list(HELP_LINES)
    if unknown:
        lines.insert(0, f"Summit has no command `{escape(unknown)}`. Here is what it can do:")
    lines.append(f"This channel gets a digest {subscription.describe()}." if subscription
                 else "This channel has no daily digest yet.")
    return message("Summit: paste an article link, or ask /summit who-said with a person or a topic.",
                   [section("\n".join(lines))])


def notice(sentence: str) -> Message:
    """One plain sentence (the caller's own words, escaped here)."""
    return message(sentence, [section(escape(sentence))])


def reading_message(url: str) -> Message:
    return message(f"Reading {url} …", [context(f"Reading {link(url, url)} …")])


def unreadable_message(url: str, reason: str) -> Message:
    """Why a link could not be read, for the person who pasted it."""
    return message(f"Summit could not read {url}: {reason}",
                   [section(f"Summit could not read {link(url, url)}: {escape(reason)}")])


def too_many_links_message(skipped: list[str], limit: int) -> Message:
    shown = ", ".join(link(url, url) for url in skipped[:5])
    more = f" and {len(skipped) - 5} more" if len(skipped) > 5 else ""
    sentence = (f"Summit reads the first {limit} article links of a message; it skipped {shown}{more}. "
                "Paste them in a message of their own to have them read.")
    return message(f"Summit reads the first {limit} article links of a message; it skipped {len(skipped)}.",
                   [section(sentence)])
