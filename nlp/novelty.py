"""Which developments are new, and which repeat one already known (from another article, outlet or day).

Two developments are the same event when they agree on what happened, who did it, to what, and with what
figures. :func:`evidence` measures each of these for a pair, from features computed once per development
(:func:`features_of`), and a logistic model fitted to labelled pairs turns the measures, and a few of their
products (:data:`INTERACTIONS`), into a probability (:func:`sameness`; ``benchmarks/fit_sameness.py`` fits it
and says how well it does). The measures:

- the words about what and to what, aligned softly: the same stem, a WordNet synonym or hypernym
  (:mod:`nlp.word_relations`: "weapons" ~ "arms", "jets" ~ "aircraft", "turned down" ~ "rejected"), else the
  cosine of static word embeddings; and WordNet antonyms on the two sides ("rose" / "fell") as evidence against;
- the event words, by kind ("offered" ~ "proposed", "sworn in" ~ "took the oath"), from a lexicon of news
  verbs and phrasal verbs in :mod:`nlp.constants`, or by WordNet meaning, with opposed kinds ("attend" /
  "skip", "bought" / "received"), a denied event ("did not sign", "voted against lowering") as evidence
  against, and a denial matched by kind ("refused to sign" ~ "vetoed");
- the actors, matched on canonical name, surname, organisation short name or a known alias ("Kyiv");
  a different actor in the doer's place ("Marovia expelled…" / "Valdoria expelled…") counts against;
- the figures, normalised (:mod:`nlp.figure_values`): the same amount is evidence for, a different amount of
  the same unit evidence against;
- the wording: two statements told in nearly the same words, but with a word in one place that differs and
  shares no meaning with its counterpart ("performed a hand transplant" / "a face transplant"), or with an
  event or a relative added ("kidnapped in Marsa" / "…were freed", "sentenced Brenn" / "sentenced Brenn's
  son"), tell two events. Outlets retelling one event either reword it more than that or change only words of
  the same meaning.

:func:`group_developments` compares new developments with known ones; :func:`cluster_developments` groups a
batch among itself. Both first pick candidates with one matrix product over all pairs, then score only those.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache
from pathlib import Path

import numpy as np

from nlp import constants as C
from nlp.embeddings import embed, load_embeddings
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
    negating_lexicon,
    stem,
    words_of,
)
from nlp.figure_values import FigureValue, figure_values
from nlp.model import Development
from nlp.word_relations import WordSenses, agree, agree_loosely, opposed, senses_in, together
from nlp.wordnet import load_wordnet

SAME_EVENT_THRESHOLD = 0.5
"""Sameness (0–1, the model's probability) at or above which two developments report one event."""

CANDIDATE_MIN_COSINE = 0.2
"""Cosine between two developments' mean content-word vectors below which they are not scored at all: a
cheap cut of pairs with almost nothing in common. It costs some repeats told in other words: 40 of the 418
same-event pairs in the stories fixture, and 13 of the 355 labelled repeats, fall below it."""
MAX_CANDIDATES = 40
"""Most known developments a new one is scored against: those whose summaries are the closest. Among the 970
labelled pairs, all on a few dozen kinds of news, two repeats rank 27th and 28th by summary; 25 missed them.
40 costs about a sixth more digest build time (benchmarks/digest.py, back to back)."""

UNKNOWN_SHARE = 0.5
"""Agreement given to a part (events, actors, topic) that one side does not state: neither for nor against."""
MIN_WORD_SIMILARITY = 0.3
"""Cosine between two different words below which they count as unrelated (unrelated words score ~0–0.2)."""

NEAR_COPY_RATIO = 0.6
"""Share of two texts' words in common, in order (difflib's ratio), from which they count as one wording with
changes: a ten-word sentence with one or two words changed. Chosen on cross-validation (0.5–0.7 measure within
0.02 of each other)."""

PLAN_REACH = 3
"""Most words from an offer, threat or promise to the event it governs through "to": "offered to buy"."""

MODEL_FILE = Path(__file__).with_name("sameness_model.json")
"""The weights of the evidence below, fitted to the labelled pairs by ``benchmarks/fit_sameness.py``."""

EVIDENCE = (
    "events_agree",  # share of event words with one of the same kind, or the same meaning, on the other side
    "events_contradict",  # opposed or denied kinds, or announced on one side and done on the other
    "events_disjoint",  # both state events and none agrees ("pardoned" / "ordered the arrest of")
    "topic",  # the other words, aligned: 1 for the same word or meaning, the cosine for related ones
    "opposites",  # a word on one side is the antonym of one on the other ("rose" / "fell"), neither matched
    "actors",  # share of actors named on the other side
    "actors_disjoint",  # both name actors and none is on the other side
    "doer_replaced",  # another actor did it ("Marovia expelled…" / "Valdoria expelled…")
    "told_from_other_side",  # "lent" / "received a loan from", "beat" / "lost to"
    "parties_replaced",  # done to or with someone the other side never names
    "figures_agree",
    "figures_contradict",  # a unit on both sides with no value in common
    "negation_differs",  # one side says something did not happen, or was refused
    "word_replaced",  # nearly the same wording, with a word changed for one of another meaning
)
"""What :func:`evidence` measures for a pair, in the order of the model's weights."""
INTERACTIONS = (
    ("events_agree", "doer_replaced"),  # the same act by another actor: "Kessia expelled…" / "Tarsa expelled…"
    ("topic", "figures_contradict"),  # the same subject, another number: "to 67 by 2032" / "to 68 by 2040"
    ("topic", "figures_agree"),  # agreement saturates: a shared figure adds less once the words agree,
    ("actors", "figures_agree"),  # or the actors do, for near misses share all three
    ("topic", "actors"),
    ("events_agree", "actors"),  # the same kind of act counts for more between the same actors
)
"""Pairs of measures whose product the model weighs too, because one changes what the other tells. Chosen by
forward selection on cross-validation over all 91 pairs (``benchmarks/fit_sameness.py``); all 91 together
measure the same, these six are the ones that can be read."""
INPUTS = EVIDENCE + tuple(f"{a} × {b}" for a, b in INTERACTIONS)
"""What the model weighs: the measures, then their products in :data:`INTERACTIONS`."""
UNEXPLAINED_BY = ("events_contradict", "opposites", "doer_replaced", "figures_contradict", "negation_differs")
"""The measures of a difference: word_replaced counts a changed word only when none of these is found."""


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
    planned: frozenset[str]  # kinds of events only offered, threatened or promised ("offered to buy": buy)
    event_senses: tuple[WordSenses, ...]  # one per event, of the word reporting it
    event_group: WordSenses  # the same for the event words
    actors: tuple[frozenset[str], ...]  # keys each actor can be recognised by
    doers: frozenset[int]  # indexes into ``actors`` of those doing the (first) event, when that can be told
    parties: frozenset[int]  # indexes into ``actors`` of those it is done to or with
    origins: frozenset[int]  # indexes into ``actors`` of those named after "from" ("moved from Olvar to…")
    destinations: frozenset[int]  # after "to" or "into"
    mentioned: frozenset[str]  # stems of all the text's words: actors named only in the text, words changed
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


@dataclass(frozen=True)
class Verdict:
    """For one new development: the index of the known development it repeats, or None when it is new, and
    the sameness with it (0.0 when new)."""

    index: int
    repeats: int | None
    sameness: float


@dataclass(frozen=True)
class SamenessModel:
    """Logistic regression over :data:`INPUTS`: sameness is ``1 / (1 + exp(-(weights · inputs + bias)))``."""

    weights: np.ndarray
    bias: float

    @classmethod
    def from_json(cls, record: dict) -> SamenessModel:
        if tuple(record["inputs"]) != INPUTS or len(record["weights"]) != len(INPUTS):
            raise ValueError(f"{MODEL_FILE.name} was fitted to other evidence; run benchmarks/fit_sameness.py")
        return cls(np.array(record["weights"], dtype=float), float(record["bias"]))

    def probability(self, evidence: np.ndarray) -> float:
        return 1.0 / (1.0 + math.exp(-(float(self.weights @ model_inputs(evidence)) + self.bias)))


_FACTORS = tuple(np.array([EVIDENCE.index(pair[side]) for pair in INTERACTIONS]) for side in (0, 1))
"""The indexes into the evidence of each product's two factors."""


def model_inputs(evidence: np.ndarray) -> np.ndarray:
    """The evidence of a pair (or of each pair, one per row) followed by the products in :data:`INTERACTIONS`."""
    left, right = _FACTORS
    return np.concatenate([evidence, evidence[..., left] * evidence[..., right]], axis=-1)


@lru_cache(maxsize=1)
def sameness_model() -> SamenessModel:
    return SamenessModel.from_json(json.loads(MODEL_FILE.read_text(encoding="utf-8")))


def load_resources() -> None:
    """Read the word vectors, WordNet and the model now rather than at the first comparison (about a second):
    the worker does it before forking, so that its work horses share them instead of each reading them."""
    load_embeddings()
    load_wordnet()
    sameness_model()


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
        doers, parties = _roles(words, events, actors)
        origins, destinations = _ends(words, actors)
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
                event_senses=event_senses,
                event_group=event_group,
                words=together((topic_group, event_group)),
                actors=actors,
                doers=doers,
                parties=parties,
                origins=origins,
                destinations=destinations,
                mentioned=frozenset(word.stem for word in words),
                figures=tuple(value for text in development.figures for value in figure_values(text)),
                negated=any(event.negated for event in events) or any(
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
                telling=tuple(_is_telling(word, reading.figure_stems) for word in words),
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

    @classmethod
    def of(cls, development: Development) -> _Reading:
        words = words_of(development.text)
        events, event_positions = find_events(words)
        actors = tuple(actor_keys(name) for name in development.actors)
        content = [word for word in words if is_content(word)]
        # Actors and figures are compared on their own; the topic is what else the text is about.
        figure_stems = frozenset(word.stem for text in development.figures for word in words_of(text))
        elsewhere = {part for keys in actors for key in keys for part in key.split("_")} | figure_stems
        in_topic = np.array(
            [
                not is_name_part(words, word) and word.position not in event_positions and word.stem not in elsewhere
                for word in content
            ],
            dtype=bool,
        )
        return cls(development, words, events, event_positions, figure_stems, actors, content, in_topic)


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


def sameness(a: DevelopmentFeatures | Development, b: DevelopmentFeatures | Development) -> float:
    """How surely ``a`` and ``b`` report one event: 1 is certain, below :data:`SAME_EVENT_THRESHOLD` not."""
    if isinstance(a, Development):
        a = features_of(a)
    if isinstance(b, Development):
        b = features_of(b)
    if a.wording == b.wording:
        return 1.0
    return sameness_model().probability(evidence(a, b))


def evidence(a: DevelopmentFeatures, b: DevelopmentFeatures) -> np.ndarray:
    """The pair's measures, in the order of :data:`EVIDENCE`."""
    measures = evidence_by_name(a, b)
    return np.array([measures[name] for name in EVIDENCE], dtype=float)


def evidence_by_name(a: DevelopmentFeatures, b: DevelopmentFeatures) -> dict[str, float]:
    doers = _doer_relation(a, b)
    agreement, contradict = _event_agreement(a, b)
    other_side = _kinds_pair(a.kinds, b.kinds, C.CONVERSE_EVENT_KINDS) and (
        doers == "swapped" or _doer_at_other_end(a, b) or _doer_at_other_end(b, a)
    )
    symmetric = bool(a.kinds & b.kinds & C.SYMMETRIC_EVENT_KINDS)
    actors = _actor_agreement(a, b)
    figures_agree, figures_contradict = _figure_agreement(a.figures, b.figures)
    measures = {
        "events_agree": agreement,
        "events_contradict": contradict and not other_side,
        "events_disjoint": agreement == 0,
        "topic": _topic_agreement(a, b),
        "opposites": _has_opposites(a, b),
        "actors": actors,
        "actors_disjoint": bool(a.actors) and bool(b.actors) and actors == 0,
        "doer_replaced": doers == "replaced" or (doers == "swapped" and not symmetric and not other_side),
        "told_from_other_side": other_side,
        "parties_replaced": _parties_replaced(a, b),
        "figures_agree": figures_agree,
        "figures_contradict": figures_contradict,
        "negation_differs": a.negated != b.negated,
    }
    # A changed word counts only when no other measure already tells the difference: otherwise it would take
    # over what those measures learn from near misses, and they would count for little in reworded pairs.
    explained = any(measures[name] for name in UNEXPLAINED_BY)
    measures["word_replaced"] = not explained and _word_replaced(a, b)
    return measures


def same_event(a: DevelopmentFeatures | Development, b: DevelopmentFeatures | Development) -> bool:
    return sameness(a, b) >= SAME_EVENT_THRESHOLD


def group_developments(new: Sequence[Development], known: Sequence[Development]) -> list[Verdict]:
    """For each new development, the known one it repeats (the most similar above the threshold) or None."""
    new_features, known_features = features_of_all(new), features_of_all(known)
    summaries = _summary_matrix(known_features)
    verdicts = []
    for index, features in enumerate(new_features):
        best, best_score = _best_match(features, known_features, summaries)
        verdicts.append(Verdict(index, best, best_score))
    return verdicts


def is_update(new: Development, known: Development) -> bool:
    """Whether ``new``, found to be the same event as ``known``, moves the story on: it has figures and none of
    them is one ``known`` gave ("within the next 10 days" → "signed today"; "by June" → "closed on Friday").
    A retelling that adds a figure but keeps one of the known ones ("last week … by June") is no update, and
    figures are compared by what they say, so "some $2m" is "about $2 million"."""
    if not new.figures:
        return False
    return not any(_same_figure(figure, other) for figure in new.figures for other in known.figures)


def _same_figure(a: str, b: str) -> bool:
    values_a, values_b = figure_values(a), figure_values(b)
    if values_a and values_b:
        return any(x.agrees_with(y) for x in values_a for y in values_b)
    return " ".join(a.casefold().split()) == " ".join(b.casefold().split())


def cluster_developments(developments: Sequence[Development]) -> list[list[int]]:
    """Groups of indexes into ``developments`` that report one event, in order of first appearance: a
    development joins the earlier group it repeats best on average over the group's members, else starts a
    group of its own. The average, not the closest member: a statement touching two events ("the beaten
    finalist said her shoulder hurt") would otherwise join one group and be joined by the other's members,
    chaining two events into one. A member too unlike it to be scored counts as a different event."""
    features = features_of_all(developments)
    summaries = _summary_matrix(features)
    group_of: list[int] = []
    groups: list[list[int]] = []
    for index, feature in enumerate(features):
        scores = {int(i): sameness(feature, features[i]) for i in _candidates(feature, summaries[:index])}
        best, best_score = None, 0.0
        for number in sorted({group_of[i] for i in scores}):
            members = groups[number]
            score = sum(scores.get(member, 0.0) for member in members) / len(members)
            if score >= SAME_EVENT_THRESHOLD and score > best_score:
                best, best_score = number, score
        if best is None:
            group_of.append(len(groups))
            groups.append([index])
        else:
            group_of.append(best)
            groups[best].append(index)
    return groups


def _summary_matrix(features: Sequence[DevelopmentFeatures]) -> np.ndarray:
    """The summary vectors as rows, stacked once for every comparison with them."""
    if not features:
        return np.zeros((0, 0))
    return np.stack([feature.summary_vector for feature in features])


def _best_match(
    features: DevelopmentFeatures, others: Sequence[DevelopmentFeatures], summaries: np.ndarray
) -> tuple[int | None, float]:
    """The index of the one of ``others`` (the first ``len(summaries)`` of them) that ``features`` repeats best,
    with its sameness, among :func:`_candidates`."""
    best, best_score = None, 0.0
    for index in sorted(int(candidate) for candidate in _candidates(features, summaries)):
        score = sameness(features, others[index])
        if score >= SAME_EVENT_THRESHOLD and score > best_score:
            best, best_score = index, score
    return best, best_score


def _candidates(features: DevelopmentFeatures, summaries: np.ndarray) -> np.ndarray:
    """Indexes of the rows of ``summaries`` worth scoring against ``features``: the MAX_CANDIDATES most similar
    past CANDIDATE_MIN_COSINE, so that a development costs the same against a hundred as against thousands."""
    if not len(summaries):
        return np.zeros(0, dtype=int)
    cosines = summaries @ features.summary_vector
    candidates = np.flatnonzero(cosines >= CANDIDATE_MIN_COSINE)
    if len(candidates) > MAX_CANDIDATES:
        candidates = candidates[np.argsort(-cosines[candidates], kind="stable")[:MAX_CANDIDATES]]
    return candidates


def _topic_agreement(a: DevelopmentFeatures, b: DevelopmentFeatures) -> float:
    """Each topic word's best match on the other side, averaged both ways, like BERTScore over static vectors:
    1 for the same stem or a WordNet synonym or hypernym, else the cosine when the words are related."""
    if not a.topic_words or not b.topic_words:
        return UNKNOWN_SHARE
    similarity = a.topic_vectors @ b.topic_vectors.T
    similarity[similarity < MIN_WORD_SIMILARITY] = 0.0
    best_a, best_b = similarity.max(axis=1), similarity.max(axis=0)
    best_a[_agreeing(a, b)] = 1.0
    best_b[_agreeing(b, a)] = 1.0
    return float((best_a.mean() + best_b.mean()) / 2)


def _agreeing(a: DevelopmentFeatures, b: DevelopmentFeatures) -> list[int]:
    """The indexes of ``a``'s topic words with the same stem as, or a meaning agreeing with, one of ``b``'s."""
    return [
        i
        for i, (stem, word) in enumerate(zip(a.topic_words, a.topic_senses))
        if stem in b.topic_stems or agree(word, b.topic_group)
    ]


def _has_opposites(a: DevelopmentFeatures, b: DevelopmentFeatures) -> bool:
    """Whether a word on one side is the antonym of a word on the other and neither agrees with a word there
    ("prices rose" / "prices fell"; but not when "rose … fell" is on both sides)."""
    if not opposed(a.words, b.words):
        return False
    words_a, words_b = a.topic_senses + a.event_senses, b.topic_senses + b.event_senses
    unmatched_a = [x for x in words_a if not any(agree(x, y) for y in words_b)]
    unmatched_b = [y for y in words_b if not any(agree(x, y) for x in words_a)]
    return any(opposed(x, y) for x in unmatched_a for y in unmatched_b)


def _event_agreement(a: DevelopmentFeatures, b: DevelopmentFeatures) -> tuple[float, bool]:
    """The share of event words with a same-kind or same-meaning word on the other side, and whether the
    events contradict (opposed kinds, a denial, announced on one side and done on the other)."""
    if not a.events or not b.events:
        return UNKNOWN_SHARE, False
    share = (_share_agreeing(a, b) + _share_agreeing(b, a)) / 2
    return share, _events_contradict(a, b)


def _share_agreeing(a: DevelopmentFeatures, b: DevelopmentFeatures) -> float:
    """The share of ``a``'s event words with a kind or meaning that one of ``b``'s has."""
    agreeing = sum(1 for event, word in zip(a.events, a.event_senses) if _event_agrees(event, word, b))
    return agreeing / len(a.events)


def _event_agrees(event: Event, word: WordSenses, other: DevelopmentFeatures) -> bool:
    """Whether ``other`` reports ``event`` too, and says alike whether it happened: "called a strike" and
    "called off the strike" share a kind but do not agree; "refused to sign" and "vetoed" do."""
    if event.negated:
        return bool(event.kinds & other.denied) or event.denial in other.affirmed
    if event.kinds & (other.affirmed | other.denials):
        return True
    return not event.kinds & other.denied and agree(word, other.event_group)


def _events_contradict(a: DevelopmentFeatures, b: DevelopmentFeatures) -> bool:
    if (a.denied & b.affirmed - b.denied) or (b.denied & a.affirmed - a.denied):
        return True
    only_a, only_b = a.kinds - b.kinds, b.kinds - a.kinds
    if any(frozenset((x, y)) in C.OPPOSED_EVENT_KINDS for x in only_a for y in only_b):
        return True
    # "threatened to close" / "closed": the same action, announced on one side and done on the other.
    return bool(a.planned & (b.kinds - b.planned)) or bool(b.planned & (a.kinds - a.planned))


def _planned(words: list[Word], events: list[Event]) -> frozenset[str]:
    """The kinds of the events that an offer, threat or promise governs: "threatened to close" → close,
    "proposed purchasing" → buy. An offer elsewhere in the sentence ("accepted the pay offer, ending the
    strike", "the proposed tax") plans nothing: it is no sign that what the other side reports as done was only
    announced here."""
    planned: set[str] = set()
    for event, following in zip(events, events[1:]):
        if not event.kinds & C.TENTATIVE_EVENT_KINDS:
            continue
        distance = following.position - event.position
        through_to = distance <= PLAN_REACH and words[following.position - 1].text == "to"
        verb, governed = words[event.position].text, words[following.position].text
        if through_to or (distance == 1 and verb.endswith("ed") and governed.endswith("ing")):
            planned |= following.kinds
    return frozenset(planned)


def _actor_agreement(a: DevelopmentFeatures, b: DevelopmentFeatures) -> float:
    """The share of actors, on both sides, named or mentioned on the other side."""
    if not a.actors or not b.actors:
        return UNKNOWN_SHARE
    found_in_b = sum(1 for keys in a.actors if _names(keys, b))
    found_in_a = sum(1 for keys in b.actors if _names(keys, a))
    return (found_in_b + found_in_a) / (len(a.actors) + len(b.actors))


def _names(keys: frozenset[str], other: DevelopmentFeatures) -> bool:
    """Whether ``other`` names the actor known by ``keys``, as an actor or in its words."""
    return any(keys & other_keys for other_keys in other.actors) or any(
        all(part in other.mentioned for part in key.split("_")) for key in keys
    )


def _roles(
    words: list[Word], events: list[Event], actors: tuple[frozenset[str], ...]
) -> tuple[frozenset[int], frozenset[int]]:
    """Actors doing the first event (named before it, or after "by" when it is passive: "was signed by X")
    and actors it is done to or with. An owner ("Caspenia's airspace") or a place ("in Halden") is neither."""
    if not events or not actors:
        return frozenset(), frozenset()
    event = events[0]
    passive = is_passive(words, event)
    doers, parties = set(), set()
    for index, keys in enumerate(actors):
        position = _first_position(keys, words)
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


def _ends(words: list[Word], actors: tuple[frozenset[str], ...]) -> tuple[frozenset[int], frozenset[int]]:
    """The actors a move starts from and those it goes to: "defected from the New Dawn Movement to the Civic
    Renewal Party"."""
    origins, destinations = set(), set()
    for index, keys in enumerate(actors):
        position = _first_position(keys, words)
        while position and words[position - 1].text.lower() in SKIPPABLE_IN_PHRASE:
            position -= 1
        before = words[position - 1].text.lower() if position else ""
        if before == "from":
            origins.add(index)
        elif before in ("to", "into"):
            destinations.add(index)
    return frozenset(origins), frozenset(destinations)


def _first_position(keys: frozenset[str], words: list[Word]) -> int | None:
    for word in words:
        if any(word.stem == key.split("_")[0] or word.stem == key for key in keys):
            return word.position
    return None


def _doer_relation(a: DevelopmentFeatures, b: DevelopmentFeatures) -> str:
    """ "same" when a doer is shared; "swapped" when each side's doers are the other side's parties (roles
    reversed); "replaced" when neither side names the other's doers (another actor did it);
    "unknown" otherwise, as when one side describes the doer instead of naming it ("Halden's mayor")."""
    if _ends_reversed(a, b):
        return "swapped"
    if not a.doers or not b.doers:
        return "unknown"
    if _name_one(a, a.doers, b, b.doers):
        return "same"
    if _name_one(a, a.doers, b, b.parties) and _name_one(b, b.doers, a, a.parties):
        return "swapped"
    a_named_in_b = any(_names(a.actors[i], b) for i in a.doers)
    b_named_in_a = any(_names(b.actors[i], a) for i in b.doers)
    if not a_named_in_b and not b_named_in_a:
        return "replaced"
    return "unknown"


def _doer_at_other_end(a: DevelopmentFeatures, b: DevelopmentFeatures) -> bool:
    """Whether who does ``a`` is where ``b``'s event comes from or goes to, and does not do it: "Halvorsen agreed
    to buy Pellico" / "Pellico is to be sold to Halvorsen"."""
    return _name_one(a, a.doers, b, (b.origins | b.destinations) - b.doers)


def _ends_reversed(a: DevelopmentFeatures, b: DevelopmentFeatures) -> bool:
    """Whether one side's move goes where the other's comes from, and back ("from Olvar to Brinstead" /
    "from Brinstead to Olvar")."""
    return _name_one(a, a.origins, b, b.destinations) and _name_one(a, a.destinations, b, b.origins)


def _name_one(a: DevelopmentFeatures, of_a: frozenset[int], b: DevelopmentFeatures, of_b: frozenset[int]) -> bool:
    """Whether one of ``a``'s actors at indexes ``of_a`` is one of ``b``'s at ``of_b``."""
    return any(a.actors[i] & b.actors[j] for i in of_a for j in of_b)


def _parties_replaced(a: DevelopmentFeatures, b: DevelopmentFeatures) -> bool:
    """Whether each side does it to or with someone the other side never names ("met Harrow" / "met Okonde")."""
    if not a.parties or not b.parties:
        return False
    return not any(_names(a.actors[i], b) for i in a.parties) and not any(_names(b.actors[i], a) for i in b.parties)


def _kinds_pair(kinds_a: frozenset[str], kinds_b: frozenset[str], pairs: frozenset[frozenset[str]]) -> bool:
    """Whether a kind of event on one side and a kind on the other make one of ``pairs``."""
    return any(frozenset((x, y)) in pairs for x in kinds_a for y in kinds_b)


def _figure_agreement(a: Sequence[FigureValue], b: Sequence[FigureValue]) -> tuple[int, int]:
    """(1 if some figure is on both sides, 1 if some unit is on both sides with no value in common)."""
    agree = any(x.agrees_with(y) for x in a for y in b)
    units = {x.unit for x in a} & {y.unit for y in b}
    contradict = any(
        not any(x.agrees_with(y) for x in a if x.unit == unit for y in b if y.unit == unit) for unit in units
    )
    return int(agree), int(contradict)


def _word_replaced(a: DevelopmentFeatures, b: DevelopmentFeatures) -> bool:
    """Whether the two are nearly one wording (:data:`NEAR_COPY_RATIO`) in which, at one place, each has a
    word the other lacks (:func:`_is_telling`) and none of those agrees, even loosely, in meaning with one
    across ("hand" / "face", "hired" / "axed"; but not "resigned" / "stepped down", "voted" / "decided", nor
    "in" / "at")."""
    matcher = SequenceMatcher(a=a.sequence, b=b.sequence, autojunk=False)
    # quick_ratio, a bound on ratio from the words alone, spares aligning most pairs.
    if matcher.quick_ratio() < NEAR_COPY_RATIO or matcher.ratio() < NEAR_COPY_RATIO:
        return False
    for operation, start_a, end_a, start_b, end_b in matcher.get_opcodes():
        if operation == "insert" and (
            _relative_inserted(b, start_b, end_b, a, start_a) or _event_inserted(b, start_b, end_b, a)
        ):
            return True
        if operation == "delete" and (
            _relative_inserted(a, start_a, end_a, b, start_b) or _event_inserted(a, start_a, end_a, b)
        ):
            return True
        if operation != "replace":
            continue
        changed_a = [i for i in range(start_a, end_a) if a.telling[i] and a.sequence[i] not in b.mentioned]
        changed_b = [j for j in range(start_b, end_b) if b.telling[j] and b.sequence[j] not in a.mentioned]
        if changed_a and changed_b and not any(
            _mean_alike(a, i, b, j) for i in changed_a for j in changed_b
        ):
            return True
    return False


def _event_inserted(x: DevelopmentFeatures, start: int, end: int, y: DevelopmentFeatures) -> bool:
    """Whether the words ``x`` has from ``start`` to ``end``, where ``y`` has none, report an event ``y`` does
    not: "kidnapped in Zembara" / "kidnapped in Zembara freed after six weeks". A light verb before an event
    noun, or a verb before another in "-ing", reports that event, not one of its own: "opened an investigation"
    is "investigating", "kept trading" is "traded"."""
    return any(
        start <= event.position < end and event.position not in x.carriers and not _event_agrees(event, senses, y)
        for event, senses in zip(x.events, x.event_senses)
    )


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


def _relative_inserted(x: DevelopmentFeatures, start: int, end: int, y: DevelopmentFeatures, at: int) -> bool:
    """Whether the words ``x`` has from ``start`` to ``end``, where ``y`` has none, make what is done to someone
    named in both done to someone of theirs: "sentenced Brenn's son" / "sentenced Brenn". (Not when it is
    done by them: "Valdoria's troops captured" is Valdoria capturing. Nor "the deputy of Ardis", as "the town
    of Velitsa" is Velitsa.)"""
    if not any(x.telling[i] for i in range(start, end)) or start == 0 or at == 0:
        return False
    return x.tokens[start - 1].possessive and x.done_to[start - 1] and not y.tokens[at - 1].possessive


def _mean_alike(a: DevelopmentFeatures, i: int, b: DevelopmentFeatures, j: int) -> bool:
    """Whether ``a``'s word at ``i`` and ``b``'s at ``j`` may say one thing: related in WordNet, even loosely, or
    both words of denial ("refused to sign" / "vetoed")."""
    if (a.tokens[i].root,) in negating_lexicon() and (b.tokens[j].root,) in negating_lexicon():
        return True
    return agree_loosely(senses_in(a.texts, i), senses_in(b.texts, j))


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
