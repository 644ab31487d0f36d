"""How two words' meanings relate, by WordNet: the same thing or one a kind of the other, or opposites.

Static word vectors rate all of these as similar, and miss synonyms they rarely saw together; WordNet tells
"Ukraine bought weapons" / "Ukraine purchased arms" from "Ukraine bought weapons" / "Ukraine sold weapons".
Two kinds of one thing ("border" / "frontier" in WordNet's fine-grained senses) are not told apart from
unrelated words: too many synonyms in news are split that way for it to count against a pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from nlp.wordnet import NOUN, VERB, Sense, load_wordnet

MOST_SENSES = 4
"""Senses of a word considered, most frequent first: enough for "fire" (dismiss, its fourth) beside "fire"
(shoot), few enough that rare senses do not make everything related ("take" has 42)."""
ANCESTOR_DEPTH = {NOUN: 3, VERB: 1}
"""Hypernym levels up at which one word still counts as a kind of the other. Nouns: "jet" → "airplane" →
"heavier-than-air craft" → "aircraft". Verbs climb fast to a few general ones ("give", "make", "change"),
which at 3 levels made "took" agree with "arrested" and "made" with "sold"; at 1 the labelled pairs and
stories measure the same."""


LOOSE_VERB_DEPTH = 2
"""Hypernym levels up at which one verb is loosely a kind of another (:func:`agree_loosely`)."""

LONGEST_PHRASE = 3
"""Most words in a phrase looked up as one ("taken into custody" is not in WordNet, "turned down" is)."""


@dataclass(frozen=True)
class WordSenses:
    own: frozenset[Sense]
    reach: frozenset[Sense]  # own, senses derived from them in the other part of speech, and hypernyms
    antonyms: frozenset[Sense]


def senses_in(words: Sequence[str], start: int) -> WordSenses:
    """The senses of the word at ``start``, or of the longest WordNet phrase starting there ("turned down" →
    "turn_down", which means "reject" where "turned" alone does not)."""
    for length in range(LONGEST_PHRASE, 1, -1):
        if start + length <= len(words):
            phrase = _phrase_senses(tuple(word.lower() for word in words[start : start + length]))
            if phrase.own:
                return phrase
    return senses_of(words[start].lower())


@lru_cache(maxsize=65_536)
def _phrase_senses(words: tuple[str, ...]) -> WordSenses:
    wordnet = load_wordnet()
    return _senses(
        {(pos, offset) for pos in (NOUN, VERB) for offset in wordnet.phrase_synsets(words, pos, MOST_SENSES)}
    )


@lru_cache(maxsize=65_536)
def senses_of(word: str) -> WordSenses:
    """The senses of ``word`` as a noun and as a verb (a text gives no part of speech, and news uses both)."""
    wordnet = load_wordnet()
    return _senses({(pos, offset) for pos in (NOUN, VERB) for offset in wordnet.synsets(word, pos, MOST_SENSES)})


def _senses(own: set[Sense]) -> WordSenses:
    wordnet = load_wordnet()
    derived = {sense for pos, offset in own for sense in wordnet.derived[pos].get(offset, ())}
    ancestors = {(pos, a) for pos, offset in own for a in wordnet.ancestors([offset], pos, ANCESTOR_DEPTH[pos])}
    antonyms = {(pos, a) for pos, offset in own for a in wordnet.antonyms[pos].get(offset, ())}
    return WordSenses(frozenset(own), frozenset(own | derived | ancestors), frozenset(antonyms))


def agree(a: WordSenses, b: WordSenses) -> bool:
    """Whether the words share a sense, one's sense is derived from the other's ("purchase" / "buy"), or one
    is a kind of the other ("jets" / "aircraft")."""
    return not a.own.isdisjoint(b.reach) or not b.own.isdisjoint(a.reach)


def agree_loosely(a: WordSenses, b: WordSenses) -> bool:
    """Whether the words agree, or one verb is a kind of the other up to :data:`LOOSE_VERB_DEPTH` levels up
    ("voted" → "choose" → "decided"): too loose to count as the same meaning, close enough that swapping one
    for the other is a retelling, not another event."""
    return (
        agree(a, b)
        or not _loose_verb_reach(a).isdisjoint(_verb_senses(b))
        or not _loose_verb_reach(b).isdisjoint(_verb_senses(a))
    )


def _verb_senses(word: WordSenses) -> list[int]:
    return [offset for pos, offset in word.own if pos == VERB]


@lru_cache(maxsize=65_536)
def _loose_verb_reach(word: WordSenses) -> frozenset[int]:
    return frozenset(load_wordnet().ancestors(_verb_senses(word), VERB, LOOSE_VERB_DEPTH))


def together(words: Sequence[WordSenses]) -> WordSenses:
    """The senses of several words as one: a word agrees with it, or is opposed to it, when it agrees with, or
    is opposed to, one of them; asking it first spares asking each."""
    return WordSenses(
        frozenset().union(*(word.own for word in words)),
        frozenset().union(*(word.reach for word in words)),
        frozenset().union(*(word.antonyms for word in words)),
    )


def opposed(a: WordSenses, b: WordSenses) -> bool:
    """Whether WordNet gives the words as antonyms ("rose" / "fell", "acquitted" / "convicted")."""
    return not a.antonyms.isdisjoint(b.own) or not b.antonyms.isdisjoint(a.own)
