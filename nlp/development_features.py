"""What a development is compared on, read once: its content words and their meanings and vectors, its
events and whether each is said to happen, only planned or denied, its actors and the role each plays in the
first event, its figures by value, and its words in order for aligning two wordings.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from nlp import constants as C
from nlp.embeddings import embed
from nlp.event_words import (
    AMOUNT_WORDS,
    SKIPPABLE_IN_PHRASE,
    Event,
    Word,
    canonical_key,
    find_events,
    is_content,
    is_name_part,
    is_passive,
    stem,
    words_of,
)
from nlp.figure_values import FigureValue, figure_values
from nlp.model import Development
from nlp.word_relations import WordSenses, senses_in, together

FUTURE_MARKERS = frozenset("will would could may might shall to".split())
"""Words before an event told as to come: "will visit", "is to close", "could be sold"."""
MAX_ATTRIBUTION_WORDS = 6
"""Most words of a closing attribution: "…, the national statistics office said on Friday"."""
PLAN_REACH = 6
"""Most words from an offer, threat, promise or request to the event it governs through "to" or "for": "offered
to buy", "called on Minister Lukas Feyd to resign", "applied to regulators for approval"."""


@dataclass(frozen=True, eq=False)
class DevelopmentFeatures:
    """What a development is compared on, computed once."""

    topic_words: tuple[str, ...]  # stems of the content words that are not event words
    topic_stems: frozenset[str]  # the same, to look a stem up
    topic_senses: tuple[WordSenses, ...]  # one per topic word
    topic_group: WordSenses  # all of them together, to ask whether a word on the other side agrees with any
    topic_vectors: np.ndarray  # one unit row per topic word
    summary_vector: np.ndarray  # unit mean of all the content words' vectors (zero when none), for the pre-filter
    events: tuple[Event, ...]
    kinds: frozenset[str]  # the kinds the events are compared on
    affirmed: frozenset[str]  # kinds of the events said to happen
    denied: frozenset[str]  # kinds of the events said not to ("did not sign": sign)
    denials: frozenset[str]  # kinds of the words that deny them ("refused to sign": refuse)
    planned: frozenset[str]  # kinds of events only offered, threatened, promised or asked for ("offered to buy": buy)
    expected: frozenset[str]  # kinds of events told as to come ("will visit", "to close", "could shut")
    event_senses: tuple[WordSenses, ...]  # one per event, of the word reporting it
    event_group: WordSenses  # the same for the event words
    actors: tuple[frozenset[str], ...]  # keys each actor can be recognised by
    doers: frozenset[int]  # indexes into ``actors`` of those doing the (first) event, when that can be told
    parties: frozenset[int]  # indexes into ``actors`` of those it is done to or with
    origins: frozenset[int]  # indexes into ``actors`` of those named after "from" ("moved from Olvar to…")
    destinations: frozenset[int]  # after "to" or "into"
    mentioned: frozenset[str]  # stems of all the text's words, and what names they hold (:func:`_name_keys`):
    # actors named only in the text, words changed
    figures: tuple[FigureValue, ...]
    words: WordSenses  # the topic and event words together, to rule out antonyms at once
    negated: bool  # says that something did not happen, or was refused
    wording: str  # the text casefolded, spaces collapsed: wire copy run word for word by two outlets
    sequence: tuple[str, ...]  # the stems of all the words, in order, to align two wordings
    texts: tuple[str, ...]  # the words as written, to look up the meaning of a changed one
    tokens: tuple[Word, ...]  # the words as read: a word of denial by its root, an owner by its "'s"
    carriers: frozenset[int]  # positions of event words that only carry the next event (:func:`_carriers`)
    done_to: tuple[bool, ...]  # per word: where what the first event is done to stands (after it, or before
    # it when passive: "sentenced Brenn", "Brenn was sentenced")
    telling: tuple[bool, ...]  # per word: whether changing it can tell another event (not "in", "the", "bn")


def features_of(development: Development) -> DevelopmentFeatures:
    return features_of_all([development])[0]


def features_of_all(developments: Sequence[Development]) -> list[DevelopmentFeatures]:
    """Features of each development, with one embedding call for all their words."""
    readings = [_Reading.of(development) for development in developments]
    vectors = embed([word.text for reading in readings for word in reading.content])
    result, start = [], 0
    for reading in readings:
        development, words, events, actors = reading.development, reading.words, reading.events, reading.actors
        content, in_topic = reading.content, reading.in_topic
        content_vectors = vectors[start : start + len(content)]
        start += len(content)
        names = tuple(_name_keys(word) for word in words)
        positions = tuple(_first_position(keys, names) for keys in actors)
        doers, parties = _roles(words, events, positions)
        origins, destinations = _ends(words, positions)
        topic = [word for word, topical in zip(content, in_topic) if topical]
        texts = [word.text for word in words]
        topic_senses = tuple(senses_in(texts, word.position) for word in topic)
        event_senses = tuple(senses_in(texts, event.position) for event in events)
        topic_group, event_group = together(topic_senses), together(event_senses)
        result.append(
            DevelopmentFeatures(
                topic_words=tuple(word.stem for word in topic),
                topic_stems=frozenset(word.stem for word in topic),
                topic_senses=topic_senses,
                topic_group=topic_group,
                topic_vectors=content_vectors[in_topic],
                summary_vector=_unit(content_vectors.sum(axis=0)),
                events=tuple(events),
                kinds=frozenset(kind for event in events for kind in event.compared_kinds),
                affirmed=frozenset(kind for event in events if not event.negated for kind in event.kinds),
                denied=frozenset(kind for event in events if event.negated for kind in event.kinds),
                denials=frozenset(event.denial for event in events if event.denial),
                planned=_planned(words, events),
                expected=_expected(words, events),
                event_senses=event_senses,
                event_group=event_group,
                words=together((topic_group, event_group)),
                actors=actors,
                doers=doers,
                parties=parties,
                origins=origins,
                destinations=destinations,
                mentioned=frozenset(key for keys in names for key in keys),
                figures=tuple(value for text in development.figures for value in figure_values(text)),
                negated=any(event.negated or event.kinds & C.DENYING_KINDS for event in events) or any(
                    # "found not guilty" and "without power" are events, not denials
                    word.text.lower() in C.NEGATORS and word.position not in reading.event_positions
                    for word in words
                ),
                wording=" ".join(development.text.casefold().split()),
                sequence=tuple(word.stem for word in words),
                texts=tuple(texts),
                tokens=tuple(words),
                carriers=_carriers(words, events),
                done_to=_done_to(words, events),
                telling=tuple(
                    _is_telling(word, reading.figure_stems) and word.position not in reading.attribution
                    for word in words
                ),
            )
        )
    return result


@dataclass(frozen=True)
class _Reading:
    """A development's words, events and actors, read before its words are embedded with all the others."""

    development: Development
    words: list[Word]
    events: list[Event]
    event_positions: set[int]  # the words reporting an event
    figure_stems: frozenset[str]
    actors: tuple[frozenset[str], ...]
    content: list[Word]
    in_topic: np.ndarray  # per content word: whether it is about what or to what (not an actor, event, figure)
    attribution: range  # the positions of the words that only say who told it ("…, regulators said")

    @classmethod
    def of(cls, development: Development) -> _Reading:
        words = words_of(development.text)
        attribution = _attribution(development.text, words)
        events, event_positions = find_events(words)
        # Who told it is no event of it: "according to officials" signs no accord.
        events = [event for event in events if event.position not in attribution]
        event_positions -= set(attribution)
        actors = tuple(actor_keys(name) for name in development.actors)
        content = [word for word in words if is_content(word)]
        # Actors and figures are compared on their own; the topic is what else the text is about.
        figure_stems = frozenset(word.stem for text in development.figures for word in words_of(text))
        elsewhere = {part for keys in actors for key in keys for part in key.split("_")} | figure_stems
        in_topic = np.array(
            [
                not is_name_part(words, word)
                and word.position not in event_positions
                and word.stem not in elsewhere
                and word.position not in attribution
                for word in content
            ],
            dtype=bool,
        )
        return cls(development, words, events, event_positions, figure_stems, actors, content, in_topic, attribution)


def actor_keys(name: str) -> frozenset[str]:
    """ "Ana Vell" → {"ana_vel", "vel"}; "Brightwell Energy" → {…, "bright"}; "Kyiv" → {"ukrain"}."""
    words = name.replace("'", " ").split()
    keys = {canonical_key(name.lower())}
    alias = C.PLACE_ALIASES.get(name.lower())
    if alias:
        keys.add(canonical_key(alias))
    if len(words) == 1:
        keys.add(stem(words[0]))
    elif "of" not in (word.lower() for word in words):
        # A person is named alone by the surname, an organisation by its first word ("Brightwell").
        short = words[0] if words[-1].lower() in C.ORGANISATION_HEAD_WORDS else words[-1]
        keys.add(stem(short))
    return frozenset(keys)


def _planned(words: list[Word], events: list[Event]) -> frozenset[str]:
    """The kinds of the events that an offer, threat, promise or request governs: "threatened to close" →
    close, "proposed purchasing" → buy, "applied to regulators for approval" → agree. An offer elsewhere in the
    sentence ("accepted the pay offer, ending the strike", "the proposed tax") plans nothing: it is no sign that
    what the other side reports as done was only announced here. Nor does its object ("offered a 6% wage
    increase"): another outlet may tell the offer without its word ("put a six percent pay rise to the
    unions")."""
    planned: set[str] = set()
    for event, following in zip(events, events[1:]):
        if not event.kinds & C.TENTATIVE_EVENT_KINDS:
            continue
        distance = following.position - event.position
        governed_through = distance <= PLAN_REACH and words[following.position - 1].text in ("to", "for")
        verb, governed = words[event.position].text, words[following.position].text
        if governed_through or (distance == 1 and verb.endswith("ed") and governed.endswith("ing")):
            planned |= following.kinds
    return frozenset(planned)


def _expected(words: list[Word], events: list[Event]) -> frozenset[str]:
    """The kinds of the events told as to come: after "will", "could", "to" ("will visit", "is to close",
    "could be sold")."""
    expected: set[str] = set()
    for event in events:
        before = [word.text.lower() for word in words[max(0, event.position - 2) : event.position]]
        after_marker = before[-1:] and before[-1] in FUTURE_MARKERS
        after_marker_and_be = len(before) == 2 and before[0] in FUTURE_MARKERS and before[1] == "be"
        if after_marker or after_marker_and_be:
            expected |= event.kinds
    return frozenset(expected)


def _roles(
    words: list[Word], events: list[Event], positions: tuple[int | None, ...]
) -> tuple[frozenset[int], frozenset[int]]:
    """Actors doing the first event (named before it, or after "by" when it is passive: "was signed by X")
    and actors it is done to or with, by each actor's first position (``positions``, None when not found). An
    owner ("Caspenia's airspace") or a place ("in Halden") is neither."""
    if not events or not positions:
        return frozenset(), frozenset()
    event = events[0]
    passive = is_passive(words, event)
    doers, parties = set(), set()
    for index, position in enumerate(positions):
        if position is None or words[position].possessive:
            continue
        before = words[position - 1].text.lower() if position > 0 else ""
        if before in C.PLACE_PREPOSITIONS:
            continue
        if passive:
            is_doer = position > event.position and before == "by"
        else:
            is_doer = position < event.position
        (doers if is_doer else parties).add(index)
    return frozenset(doers), frozenset(parties)


def _done_to(words: list[Word], events: list[Event]) -> tuple[bool, ...]:
    if not events:
        return (False,) * len(words)
    event = events[0]
    if is_passive(words, event):
        return tuple(word.position < event.position for word in words)
    return tuple(word.position > event.position for word in words)


def _ends(words: list[Word], positions: tuple[int | None, ...]) -> tuple[frozenset[int], frozenset[int]]:
    """The actors a move starts from and those it goes to, by each actor's first position: "defected from the
    New Dawn Movement to the Civic Renewal Party"."""
    origins, destinations = set(), set()
    for index, position in enumerate(positions):
        while position and words[position - 1].text.lower() in SKIPPABLE_IN_PHRASE:
            position -= 1
        before = words[position - 1].text.lower() if position else ""
        if before == "from":
            origins.add(index)
        elif before in ("to", "into"):
            destinations.add(index)
    return frozenset(origins), frozenset(destinations)


def _first_position(keys: frozenset[str], names: tuple[tuple[str, ...], ...]) -> int | None:
    """The position of the first word whose names (:func:`_name_keys`, one tuple per word) hold a key."""
    for position, word_names in enumerate(names):
        if any(key in word_names or key.split("_")[0] in word_names for key in keys):
            return position
    return None


def _name_keys(word: Word) -> tuple[str, ...]:
    """What an actor's key may match in the word: its stem, each part of a hyphenated name ("Ex-Norcastle",
    "Vask-Oderholm"), and the place a demonym in "-n" is of ("Tarsan": Tarsa). Longer demonyms share their
    place's stem already ("Valdorian", "Valdoria": valdor)."""
    keys = [word.stem]
    if "-" in word.text:
        keys += [stem(part) for part in word.text.split("-") if part]
    if word.text[:1].isupper() and word.stem.endswith("an"):
        keys.append(word.stem[:-1])
    return tuple(keys)


def _carriers(words: list[Word], events: list[Event]) -> frozenset[int]:
    """Positions of the event words that only carry the next one: "opened an investigation", "kept trading"."""
    carriers = set()
    for event, following in zip(events, events[1:]):
        if all(words[i].text.lower() in SKIPPABLE_IN_PHRASE for i in range(event.position + 1, following.position)):
            carriers.add(event.position)
    for event in events:
        if event.position + 1 < len(words) and words[event.position + 1].text.endswith("ing"):
            carriers.add(event.position)
    return frozenset(carriers)


def _is_telling(word: Word, figure_stems: frozenset[str]) -> bool:
    """Whether changing the word can tell another event: not a function word ("in" / "at"), nor a word of a
    figure, which the figures compare by value ("$4bn" / "four billion dollars")."""
    lowered = word.text.lower()
    if not lowered[:1].isalpha() or word.stem in figure_stems:
        return False
    return lowered not in C.COMPARISON_STOPWORDS and lowered not in AMOUNT_WORDS


def _unit(vector: np.ndarray) -> np.ndarray:
    norm = np.linalg.norm(vector)
    return vector / norm if norm > 0 else vector


@lru_cache(maxsize=1)
def _attribution_stems() -> frozenset[str]:
    return frozenset(stem(verb) for verb in C.ATTRIBUTION_VERBS)


def _attribution(text: str, words: list[Word]) -> range:
    """The positions of the words after the last comma when they only say who told it: "…, regulators said",
    "…, according to officials". Two outlets name their sources differently for one event. A verb in "-ing"
    tells more than that ("…, adding to signs of recovery", "…, confirming its withdrawal")."""
    _, comma, tail = text.rpartition(",")
    tail_words = words_of(tail) if comma else []
    if not 0 < len(tail_words) <= MAX_ATTRIBUTION_WORDS:
        return range(0)
    says = any(
        word.root == "accord" or word.stem in _attribution_stems() and not word.text.endswith("ing")
        for word in tail_words
    )
    return range(len(words) - len(tail_words), len(words)) if says else range(0)
