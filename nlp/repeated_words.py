"""Whether two statements by one speaker carry the same words: the same quote in two outlets' reports.

Outlets trim a quote differently ("…," he said / "We are ready," he said), so the test is containment of
word trigrams in the shorter statement, not equality: most of the shorter one's trigrams must be in the
longer one.
"""

from __future__ import annotations

import re
import unicodedata

RE_WORD = re.compile(r"\w+")
SAME_WORDS_SHARE = 0.7
"""Share of the shorter statement's word trigrams that must be in the other for the two to be one quote."""
MIN_WORDS = 4
"""Statements shorter than this are compared word for word: three words in common prove nothing."""


def word_trigrams(text: str) -> frozenset[tuple[str, ...]]:
    words = _words(text)
    if len(words) < MIN_WORDS:
        return frozenset({tuple(words)}) if words else frozenset()
    return frozenset(tuple(words[i:i + 3]) for i in range(len(words) - 2))


def same_words(a: str, b: str) -> bool:
    """True when one statement's words are (nearly all) inside the other's."""
    first, second = word_trigrams(a), word_trigrams(b)
    if not first or not second:
        return False
    shorter, longer = sorted((first, second), key=len)
    return len(shorter & longer) >= SAME_WORDS_SHARE * len(shorter)


def _words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text.casefold())
    return RE_WORD.findall("".join(character for character in folded if not unicodedata.combining(character)))
