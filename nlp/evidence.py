"""What tells whether two developments report one event: the measures of a pair that the sameness model
(:mod:`nlp.novelty`) weighs, each from features read once per development (:mod:`nlp.development_features`):

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
"""

from __future__ import annotations

from collections.abc import Sequence
from difflib import SequenceMatcher

import numpy as np

from nlp import constants as C
from nlp.development_features import DevelopmentFeatures
from nlp.event_words import Event, negating_lexicon
from nlp.figure_values import FigureValue
from nlp.word_relations import WordSenses, agree, agree_loosely, opposed, senses_in

UNKNOWN_SHARE = 0.5
"""Agreement given to a part (events, actors, topic) that one side does not state: neither for nor against."""

MIN_WORD_SIMILARITY = 0.3
"""Cosine between two different words below which they count as unrelated (unrelated words score ~0–0.2)."""

NEAR_COPY_RATIO = 0.6
"""Share of two texts' words in common, in order (difflib's ratio), from which they count as one wording with
changes: a ten-word sentence with one or two words changed. Chosen on cross-validation (0.5–0.7 measure within
0.02 of each other)."""

EVIDENCE = (
    "events_agree",  # share of event words with one of the same kind, or the same meaning, on the other side
    "events_contradict",  # opposed or denied kinds, or announced on one side and done on the other
    "events_disjoint",  # both state events and none agrees ("pardoned" / "ordered the arrest of")
    "topic",  # the other words, aligned: 1 for the same word or meaning, the cosine for related ones
    "opposites",  # a word on one side is the antonym of one on the other ("rose" / "fell"), neither matched
    "actors",  # share of actors named on the other side
    "actors_disjoint",  # both name actors and none is on the other side
    "doer_replaced",  # another actor did it ("Marovia expelled…" / "Valdoria expelled…")
    "roles_swapped",  # the same act with the roles swapped ("Marovia expelled two Valdorian diplomats" /
    # "Valdoria expelled two Marovian diplomats")
    "told_from_other_side",  # "lent" / "received a loan from", "beat" / "lost to"
    "parties_replaced",  # done to or with someone the other side never names
    "figures_agree",
    "figures_contradict",  # a unit on both sides with no value in common
    "negation_differs",  # one side says something did not happen, or was refused
    "word_replaced",  # nearly the same wording, with a word changed for one of another meaning
)
"""What :func:`evidence` measures for a pair, in the order of the model's weights."""

UNEXPLAINED_BY = ("events_contradict", "doer_replaced", "figures_contradict", "negation_differs")
"""The measures of a difference: word_replaced counts a changed word only when none of these is found. Not
"opposites": antonyms are often on both sides of a retelling, so that measure weighs little, and an antonym
swapped into the same words ("Exports rose 12%" / "Imports rose 12%") is a change of event."""


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
    swapped = doers == "swapped" and not symmetric and not other_side
    actors = _actor_agreement(a, b)
    figures_agree, figures_contradict = _figure_agreement(a.figures, b.figures)
    measures = {
        "events_agree": agreement,
        "events_contradict": contradict and not other_side,
        "events_disjoint": agreement == 0,
        "topic": _topic_agreement(a, b),
        "opposites": _has_opposites(a, b) and not other_side,  # "won … beating Korsak" / "Korsak lost … to Brandt"
        "actors": actors,
        "actors_disjoint": bool(a.actors) and bool(b.actors) and actors == 0,
        "doer_replaced": doers == "replaced" or swapped,
        "roles_swapped": swapped and _same_act(a, b),
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


def _topic_agreement(a: DevelopmentFeatures, b: DevelopmentFeatures) -> float:
    """Each topic word's best match on the other side, like BERTScore over static vectors: 1 for the same stem
    or a WordNet synonym or hypernym, else the cosine when the words are related; averaged over the side that
    is better covered, so that a headline wholly told in a long lede agrees with it (the lede's extra words are
    detail, not another event). Averaging both ways instead: labelled pairs 0.818 / 0.799, against 0.818 /
    0.811 cross-validated."""
    if not a.topic_words or not b.topic_words:
        return UNKNOWN_SHARE
    similarity = a.topic_vectors @ b.topic_vectors.T
    similarity[similarity < MIN_WORD_SIMILARITY] = 0.0
    best_a, best_b = similarity.max(axis=1), similarity.max(axis=0)
    best_a[_agreeing(a, b)] = 1.0
    best_b[_agreeing(b, a)] = 1.0
    return float(max(best_a.mean(), best_b.mean()))


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
    # "threatened to close" / "closed": the same action, announced on one side and done on the other (not told
    # as to come there either: "threatened to close" / "could shut").
    return bool(a.planned & (b.kinds - b.planned - b.expected)) or bool(
        b.planned & (a.kinds - a.planned - a.expected)
    )


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
        if operation == "insert" and _added(b, start_b, end_b, a, start_a):
            return True
        if operation == "delete" and _added(a, start_a, end_a, b, start_b):
            return True
        if operation != "replace":
            continue
        if _events_in(a, start_a, end_a) and _events_in(b, start_b, end_b) and (
            _event_inserted(a, start_a, end_a, b) or _event_inserted(b, start_b, end_b, a)
        ):
            return True  # "police arrested 23 people" / "police released 23 people arrested"
        changed_a = [i for i in range(start_a, end_a) if a.telling[i] and a.sequence[i] not in b.mentioned]
        changed_b = [j for j in range(start_b, end_b) if b.telling[j] and b.sequence[j] not in a.mentioned]
        if changed_a and changed_b and not any(_mean_alike(a, i, b, j) for i in changed_a for j in changed_b):
            return True
    return False


def _added(x: DevelopmentFeatures, start: int, end: int, y: DevelopmentFeatures, at: int) -> bool:
    """Whether the words ``x`` has from ``start`` to ``end``, where ``y`` has none (at ``at``), make it another
    event: a relative in the place of whom it is done to, or an event of their own."""
    return _relative_inserted(x, start, end, y, at) or _event_inserted(x, start, end, y)


def _events_in(x: DevelopmentFeatures, start: int, end: int) -> bool:
    """Whether ``x`` reports an event with a word from ``start`` to ``end``."""
    return any(start <= event.position < end for event in x.events)


def _event_inserted(x: DevelopmentFeatures, start: int, end: int, y: DevelopmentFeatures) -> bool:
    """Whether the words ``x`` has from ``start`` to ``end``, where ``y`` has none, report an event ``y`` does
    not: "kidnapped in Zembara" / "kidnapped in Zembara freed after six weeks". A light verb before an event
    noun, or a verb before another in "-ing", reports that event, not one of its own: "opened an investigation"
    is "investigating", "kept trading" is "traded"."""
    return any(
        start <= event.position < end and event.position not in x.carriers and not _event_agrees(event, senses, y)
        for event, senses in zip(x.events, x.event_senses)
    )


def _relative_inserted(x: DevelopmentFeatures, start: int, end: int, y: DevelopmentFeatures, at: int) -> bool:
    """Whether the words ``x`` has from ``start`` to ``end``, where ``y`` has none, make what is done to someone
    named in both done to someone of theirs: "sentenced Brenn's son" / "sentenced Brenn". (Not when it is
    done by them: "Valdoria's troops captured" is Valdoria capturing. Nor "the deputy of Ardis", as "the town
    of Velitsa" is Velitsa.)"""
    if not any(x.telling[i] for i in range(start, end)) or start == 0 or at == 0:
        return False
    return x.tokens[start - 1].possessive and x.done_to[start - 1] and not y.tokens[at - 1].possessive


def _mean_alike(a: DevelopmentFeatures, i: int, b: DevelopmentFeatures, j: int) -> bool:
    """Whether ``a``'s word at ``i`` and ``b``'s at ``j`` may say one thing: related in WordNet, even loosely,
    both words of denial ("refused to sign" / "vetoed"), or words of one kind of event ("denounced" /
    "slammed")."""
    if (a.tokens[i].root,) in negating_lexicon() and (b.tokens[j].root,) in negating_lexicon():
        return True
    if _kinds_at(a, i) & _kinds_at(b, j):
        return True
    return agree_loosely(senses_in(a.texts, i), senses_in(b.texts, j))


def _kinds_at(x: DevelopmentFeatures, position: int) -> frozenset[str]:
    return next((event.kinds for event in x.events if event.position == position), frozenset())


def _same_act(a: DevelopmentFeatures, b: DevelopmentFeatures) -> bool:
    """Whether the first events of the two share a kind: one act, told with the same verb or its synonym."""
    return bool(a.events and b.events and a.events[0].kinds & b.events[0].kinds)
