"""The words of a short development, cheaply normalised, and the events they report.

No spaCy: developments are compared often and across days, so a word is normalised by a small suffix
stripper (its root) and, to be compared, cut to a prefix (its stem: "purchasing" and "purchase" are both
"purcha", "Valdorian" and "Valdoria" both "valdor"). Events are found with the curated word lists in
:mod:`nlp.constants`, looked up by root, which a cut would confuse ("committee" / "commit").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from nlp import constants as C

STEM_LENGTH = 6
"""Characters of a normalised word that are kept: long enough to tell words apart, short enough that a
country and its adjective ("Valdoria", "Valdorian") or a verb and its noun ("suspend", "suspension") meet."""

RE_TEXT_WORD = re.compile(r"[$€£¥]|\d+(?:[.,]\d+)*%?|[A-Za-z][A-Za-z\-]*(?:n't)?(?:['’]s)?|[A-Za-z]+\.[A-Za-z]\.")
PASSIVE_AUXILIARIES = frozenset("was were been being be is are".split())
SKIPPABLE_IN_PHRASE = frozenset("the a an its their his her our".split())
ATTRIBUTE_MARKERS = SKIPPABLE_IN_PHRASE | frozenset("this these those".split())
"""Words after which a participle describes a noun ("the proposed tax") rather than reports an event."""
UNDERGOING_VERBS = frozenset("face suffer receive undergo".split())
"""Verbs whose subject undergoes the event named after them: "Quintaran steel will face a 25 percent levy"."""
UNDERGOING_REACH = 5
"""Most words from such a verb to the event: "face a 25 percent levy"."""
CLAUSE_OPENERS = frozenset("as after before when while because but since until which who that amid".split())
"""Words after which a new clause, with its own subject, begins."""
REPORTED_CLAUSE_OPENERS = frozenset({"that"})
"""Of those, the ones opening what a denial denies: "denied that its troops had crossed"."""
PARTICLES = frozenset("off out up down back away".split())
"""Words that make a verb of the participle before them ("the strike was called off")."""
SEPARABLE_COMPLEMENTS = frozenset(PARTICLES | {"unconstitutional", "unlawful", "over", "guilty", "gold"})
"""Last words of a phrase that may stand after the phrase's object: "called the strike off". Compared as
written, so each must be its own root ("offline" is not: its root is "offlin")."""
MAX_SEPARATION = 5
"""Most words of an object between a verb and its particle or complement: "ruled the emergency decree on
protests unconstitutional"."""
AFTER_SEPARATED_PHRASE = frozenset("of for from in on at over after by with as".split())
"""Words that may follow a separated phrase: it ends its clause ("ordered three diplomats out of the country",
"found Harrow guilty of fraud"). Before "to", an article or a number, the word is a preposition instead:
"winds of up to 120km/h", "declared an emergency over the floods", "taking just over 54 percent"."""
INFLECTIONS = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
AMOUNT_WORDS = frozenset(C.NUMBER_WORDS) | frozenset(C.NUMBER_SCALES) | frozenset(C.CURRENCIES)
"""Words of an amount ("four", "billion", "dollars"): the figures compare those, by value."""


@dataclass(frozen=True)
class Word:
    text: str  # as written, possessive dropped
    stem: str  # normalised and cut, aliases resolved: what words are compared on
    position: int
    root: str  # normalised, not cut: what event words are looked up by ("committee" is not "commit")
    possessive: bool = False  # written with "'s": an owner ("Caspenia's airspace"), not a party

@dataclass(frozen=True)
class Event:
    """An event word ("offered", "took delivery"), the kinds of event it reports, and whether the text
    says it did not happen ("refused to join", "called off the strike"); ``denial`` is the kind of the
    word that denies it ("refuse"), so that "refused to sign" can meet "vetoed"."""

    kinds: frozenset[str]
    negated: bool
    position: int
    denial: str = ""

    @property
    def compared_kinds(self) -> frozenset[str]:
        """The kinds it is matched on: its own and, when denied by a word with a kind, that one too."""
        return self.kinds | {self.denial} if self.denial else self.kinds


def stem(word: str) -> str:
    """A crude, consistent normal form: "bought" → "buy", "banned" → "ban", "purchasing" → "purcha"."""
    return _cut(root(word))


def _cut(word_root: str) -> str:
    return word_root[:STEM_LENGTH]


def root(word: str) -> str:
    """The normal form before the cut: "purchasing" → "purchas", "committee" → "committe"."""
    word = word.lower()
    word = C.IRREGULAR_VERBS.get(word, word)
    for suffix, replacement in INFLECTIONS:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3 and not word.endswith("ss"):
            word = word[: -len(suffix)] + replacement
            break
    if len(word) > 3 and word[-1] == word[-2] and word[-1] != "s":
        word = word[:-1]  # "banned" → "bann" → "ban", "cancelled" → "cancel"
    if len(word) > 3 and word.endswith("e"):
        word = word[:-1]
    return word


def phrase_roots(phrase: str) -> tuple[str, ...]:
    return tuple(root(word) for word in phrase.split())


@lru_cache(maxsize=1)
def event_lexicon() -> dict[tuple[str, ...], frozenset[str]]:
    """Event words and phrases, by their words' roots → the kinds of event they report. Roots, not stems: a
    cut stem would make "committee" a promise and "contractors" a contraction."""
    lexicon: dict[tuple[str, ...], set[str]] = {}
    for kind, entries in C.EVENT_KINDS.items():
        for entry in entries.split(","):
            lexicon.setdefault(phrase_roots(entry.strip()), set()).add(kind)
    return {key: frozenset(kinds) for key, kinds in lexicon.items()}


@lru_cache(maxsize=1)
def negating_lexicon() -> dict[tuple[str, ...], str]:
    return {phrase_roots(phrase): kind for phrase, kind in C.NEGATING_VERBS.items()}


@lru_cache(maxsize=1)
def known_phrases() -> frozenset[tuple[str, ...]]:
    """Every event and denying phrase, looked up word by word while reading a text."""
    return frozenset(event_lexicon()) | frozenset(negating_lexicon())


@lru_cache(maxsize=1)
def alias_stems() -> dict[str, str]:
    """Stem of an alias ("kyiv", "american") → stem standing for what it names ("ukrain", "united_states")."""
    return {stem(alias) if " " not in alias else alias: canonical_key(name) for alias, name in C.PLACE_ALIASES.items()}


def canonical_key(name: str) -> str:
    return "_".join(stem(word) for word in name.split())


def words_of(text: str) -> list[Word]:
    words = []
    for match in RE_TEXT_WORD.finditer(text):
        written = re.sub(r"['’]s$", "", match.group())
        possessive = written != match.group()
        if written.endswith("n't"):
            verb_root = root(written[:-3])
            words.append(Word(written[:-3], _cut(verb_root), len(words), verb_root))
            written = "not"
        word_root = root(written)
        key = _cut(word_root)
        if written.isupper() and len(written) > 1:
            key = written.lower()  # "US" is a country, not the pronoun
        words.append(Word(written, alias_stems().get(key, key), len(words), word_root, possessive))
    return words


@lru_cache(maxsize=1)
def framing_stems() -> frozenset[str]:
    """Stems of words that frame a development rather than tell it: "said", "announced", "minister"."""
    words = C.SPEECH_VERBS | C.QUOTE_FRAMING_VERBS | C.OFFICE_WORDS | C.HONORIFICS
    return frozenset(stem(word) for word in words)


def is_name_part(words: list[Word], word: Word) -> bool:
    """A capitalised word followed by another: part of a name or a title ("Defence Minister Idris Falkov")."""
    following = word.position + 1
    return word.text[:1].isupper() and following < len(words) and words[following].text[:1].isupper()


def is_content(word: Word) -> bool:
    """Whether the word says what happened or to what: not a function word, number, negation or framing."""
    lowered = word.text.lower()
    if lowered in C.COMPARISON_STOPWORDS and not (word.text.isupper() and len(word.text) > 1):
        return False
    if word.stem in framing_stems():
        return False
    if lowered in C.NEGATORS or lowered in AMOUNT_WORDS:
        return False  # negation is read with the events, amounts with the figures
    return lowered[0].isalpha()


def find_events(words: list[Word]) -> tuple[list[Event], set[int]]:
    """The events the words report, and the positions of the words that report them."""
    lexicon, negating = event_lexicon(), negating_lexicon()
    events: list[Event] = []
    used: set[int] = set()
    # A negating word waiting for its event: its kind ("" for "not"), where it was, how far it reaches.
    pending_negation: tuple[str, int, int] | None = None
    position = 0
    while position < len(words):
        word = words[position]
        if position > 0 and word.text[:1].isupper():
            phrase, length = (), 0  # a name ("March", "Summit Hotel"), not an event word
        else:
            phrase, length = _longest_phrase(words, position, known_phrases())
        if pending_negation and word.text.lower() in CLAUSE_OPENERS - REPORTED_CLAUSE_OPENERS:
            # "cancels 200 flights as pilots walk out": a denial does not reach into another clause.
            events.extend(_standing_alone(words, pending_negation))
            pending_negation = None
        if word.text.lower() in C.NEGATORS and not (phrase in lexicon and length > 1):
            pending_negation = ("", position, _negation_reach(word))  # "not", but not "without power"
        elif length == 1 and _is_attributive(words, position, used):
            pass  # "a planned strike", "the rejected bid": the participle only describes, nothing is denied
        elif phrase in negating and _denies_earlier(words, position, events):
            # "the walkout has been cancelled": the denied event came first.
            events[-1] = Event(events[-1].kinds, True, events[-1].position, negating[phrase])
            used.update(range(position, position + length))
        elif phrase in negating and not (phrase in lexicon and not _infinitive_follows(words, position + length)):
            pending_negation = (negating[phrase], position, _negation_reach(word))
            used.update(range(position, position + length))
        elif phrase in lexicon:
            negated = pending_negation is not None and position - pending_negation[1] <= pending_negation[2] + length
            denial = pending_negation[0] if negated else ""
            events.append(Event(lexicon[phrase], negated, position, denial))
            used.update(range(position, position + length))
            pending_negation = None
        if phrase:
            position += length
            continue
        if pending_negation and position - pending_negation[1] > C.NEGATION_REACH:
            events.extend(_standing_alone(words, pending_negation))
            pending_negation = None
        position += 1
    if pending_negation:
        events.extend(_standing_alone(words, pending_negation))
    return events, used


def _standing_alone(words: list[Word], pending_negation: tuple[str, int, int]) -> list[Event]:
    """The event a denying word reports when no event word follows it: "rejected the offer" is a refusal. "not"
    reports none, and "against" none either: "a final against Korsak", "a motion against the premier"."""
    kind, position, _ = pending_negation
    if not kind or words[position].text.lower() in C.CLOSE_NEGATORS:
        return []
    return [Event(frozenset({kind}), False, position)]


def _is_attributive(words: list[Word], position: int, used: set[int]) -> bool:
    """A participle before the noun it describes ("a planned strike", "Caspenia's jailed leader", "pardoned
    jailed journalist Kouro", "called off its planned 48-hour strike"): no event of the sentence, only what the
    thing is known by. ``used``: the positions of the event and denying words found so far."""
    if not words[position].text.endswith("ed") or position + 1 >= len(words):
        return False
    following = words[position + 1].text.lower()
    if not following[:1].isalnum() or following in C.COMPARISON_STOPWORDS or following in PARTICLES:
        return False
    if position == 0:
        return True  # a headline's first word: "Jailed journalist freed"
    before = words[position - 1]
    after_verb = position - 1 in used
    return before.text.lower() in ATTRIBUTE_MARKERS or before.possessive or before.text[:1].isdigit() or after_verb


def _negation_reach(word: Word) -> int:
    """How many words after ``word`` the event it denies may be."""
    return C.CLOSE_NEGATION_REACH if word.text.lower() in C.CLOSE_NEGATORS else C.NEGATION_REACH


def _longest_phrase(words: list[Word], start: int, known) -> tuple[tuple[str, ...], int]:
    """The longest known phrase starting at ``start`` (articles may sit inside it: "lifted the ban"), and how
    many words it spans; ``((), 0)`` when none."""
    best: tuple[tuple[str, ...], int] = ((), 0)
    roots: list[str] = []
    for end in range(start, min(len(words), start + C.MAX_EVENT_PHRASE_WORDS + 2)):
        if end > start and words[end].text.lower() in SKIPPABLE_IN_PHRASE:
            continue
        roots.append(words[end].root)
        if len(roots) > C.MAX_EVENT_PHRASE_WORDS:
            break
        if tuple(roots) in known:
            best = (tuple(roots), end - start + 1)
    if best[1] > 1:
        return best
    return _separated_phrase(words, start, known) or best


def _separated_phrase(words: list[Word], start: int, known) -> tuple[tuple[str, ...], int] | None:
    """A verb and its particle or complement with the object between them ("called the strike off", "ruled
    the decree unconstitutional", "ordered three diplomats out"): the phrase, spanning the verb alone, so that
    the words between are still read."""
    end = min(len(words), start + 2 + MAX_SEPARATION)
    for position in range(start + 1, end):
        word = words[position]
        if word.text.lower() in CLAUSE_OPENERS or word.text.lower() in C.NEGATORS:
            return None  # "found Halle not guilty" is no conviction
        if position > start + 1 and word.root in SEPARABLE_COMPLEMENTS and (words[start].root, word.root) in known:
            following = words[position + 1].text.lower() if position + 1 < len(words) else ""
            return ((words[start].root, word.root), 1) if not following or following in AFTER_SEPARATED_PHRASE else None
    return None


def _denies_earlier(words: list[Word], position: int, events: list[Event]) -> bool:
    """ "The proposed tie-up between Osric and Lantern has been abandoned": a passive denial reaches back over
    the words naming its subject, but not into another clause ("can be sold again as curbs are scrapped")."""
    passive = position > 0 and words[position - 1].text.lower() in PASSIVE_AUXILIARIES
    if not passive or not events or position - events[-1].position > C.PASSIVE_DENIAL_REACH:
        return False
    return not any(word.text.lower() in CLAUSE_OPENERS for word in words[events[-1].position + 1 : position])


def _infinitive_follows(words: list[Word], position: int) -> bool:
    """ "to" and a verb ("declined to comment"), not "to" and an amount ("declined to 5%")."""
    if position + 1 >= len(words) or words[position].text.lower() != "to":
        return False
    following = words[position + 1].text.lower()
    return not (following[:1].isdigit() or following in C.NUMBER_WORDS or following in C.CURRENCIES)


def is_passive(words: list[Word], event: Event) -> bool:
    """ "was sacked", "are to be freed", "has been suspended", "will face a levy": the subject undergoes the
    event."""
    if event.position > 0 and words[event.position - 1].text.lower() in PASSIVE_AUXILIARIES:
        return True
    if words[event.position].text.endswith("ed"):
        return False  # a verb of its own: "Harrow, facing pressure, sacked Brenn"
    before = words[max(0, event.position - UNDERGOING_REACH) : event.position]
    return any(word.root in _undergoing_roots() for word in before)


@lru_cache(maxsize=1)
def _undergoing_roots() -> frozenset[str]:
    return frozenset(root(verb) for verb in UNDERGOING_VERBS)
