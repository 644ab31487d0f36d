"""Which developments are new, and which repeat one already known (from another article, outlet or day).

Two developments are the same event when they agree on what happened, who did it, to what, and with what
figures. :func:`nlp.evidence.evidence` measures each of these for a pair, from features computed once per
development (:mod:`nlp.development_features`), and a logistic model fitted to labelled pairs turns the measures,
and a few of their products (:data:`INTERACTIONS`), into a probability (:func:`sameness`;
``benchmarks/fit_sameness.py`` fits it and says how well it does).

:func:`group_developments` compares new developments with known ones; :func:`cluster_developments` groups a
batch among itself. Both first pick candidates with one matrix product over all pairs, then score only those.
:func:`news_groups` puts the two together as a digest needs them: the batch's events that are news.
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from nlp.development_features import DevelopmentFeatures, features_of, features_of_all
from nlp.embeddings import load_embeddings
from nlp.evidence import EVIDENCE, evidence
from nlp.figure_values import figure_values
from nlp.model import Development
from nlp.wordnet import load_wordnet

SAME_EVENT_THRESHOLD = 0.5
"""Sameness (0–1, the model's probability) at or above which two developments report one event."""

CANDIDATE_MIN_COSINE = 0.2
"""Cosine between two developments' mean content-word vectors below which they are not scored at all: a
cheap cut of pairs with almost nothing in common. It costs some repeats told in other words: 40 of the 418
same-event pairs in the stories fixture, and 3 of the 725 labelled repeats, fall below it, unless they name an
actor in common (MAX_ACTOR_CANDIDATES)."""

MAX_CANDIDATES = 40
"""Most known developments a new one is scored against: those whose summaries are the closest. Among the 970
labelled pairs of session 5, two repeats ranked 27th and 28th by summary; 25 missed them.
40 costs about a sixth more digest build time (benchmarks/digest.py, back to back)."""
MAX_ACTOR_CANDIDATES = 10
"""Most known developments scored besides those, for naming one of the new one's actors."""

MODEL_FILE = Path(__file__).with_name("sameness_model.json")
"""The weights of the evidence below, fitted to the labelled pairs by ``benchmarks/fit_sameness.py``."""

INTERACTIONS = (
    ("events_agree", "doer_replaced"),  # the same act by another actor: "Kessia expelled…" / "Tarsa expelled…"
    ("topic", "figures_contradict"),  # the same subject, another number: "to 67 by 2032" / "to 68 by 2040"
    ("topic", "figures_agree"),  # agreement saturates: a shared figure adds less once the words agree,
    ("actors", "figures_agree"),  # or the actors do, for near misses share all three
    ("topic", "actors"),
    ("events_agree", "actors"),  # the same kind of act counts for more between the same actors
)
"""Pairs of measures whose product the model weighs too, because one changes what the other tells. Chosen in
session 5 by forward selection on cross-validation over all 91 pairs of the 14 measures of then; all 91
together measured the same, these six are the ones that can be read. Run again in session 6 on 1,290 pairs,
the selection picked much the same products and measured within 0.01 of these."""

INPUTS = EVIDENCE + tuple(f"{a} × {b}" for a, b in INTERACTIONS)
"""What the model weighs: the measures, then their products in :data:`INTERACTIONS`."""


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


def sameness(a: DevelopmentFeatures | Development, b: DevelopmentFeatures | Development) -> float:
    """How surely ``a`` and ``b`` report one event: 1 is certain, below :data:`SAME_EVENT_THRESHOLD` not."""
    if isinstance(a, Development):
        a = features_of(a)
    if isinstance(b, Development):
        b = features_of(b)
    if a.wording == b.wording:
        return 1.0
    return sameness_model().probability(evidence(a, b))


def same_event(a: DevelopmentFeatures | Development, b: DevelopmentFeatures | Development) -> bool:
    return sameness(a, b) >= SAME_EVENT_THRESHOLD


def group_developments(new: Sequence[Development], known: Sequence[Development]) -> list[Verdict]:
    """For each new development, the known one it repeats (the most similar above the threshold) or None."""
    new_features, known_features = features_of_all(new), features_of_all(known)
    candidates = CandidateIndex(known_features)
    verdicts = []
    for index, features in enumerate(new_features):
        best, best_score = _best_match(features, known_features, candidates)
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


def news_groups(new: Sequence[Development], known: Sequence[Development]) -> list[list[int]]:
    """Groups of indexes into ``new`` that report one event (:func:`cluster_developments`), those with news only:
    a development that repeats none of ``known``, or moves the one it repeats on (:func:`is_update`). Each group
    starts with its first such development, whose words tell the event; its repeats follow, as more sources."""
    verdicts = group_developments(new, known) if known else []

    def is_news(index: int) -> bool:
        repeats = verdicts[index].repeats if verdicts else None
        return repeats is None or is_update(new[index], known[repeats])

    groups = []
    for group in cluster_developments(new):
        news = [index for index in group if is_news(index)]
        if news:
            groups.append([news[0], *(index for index in group if index != news[0])])
    return groups


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
    candidates = CandidateIndex(features)
    group_of: list[int] = []
    groups: list[list[int]] = []
    for index, feature in enumerate(features):
        scores = {int(i): sameness(feature, features[i]) for i in candidates.of(feature, before=index)}
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


def _best_match(
    features: DevelopmentFeatures, others: Sequence[DevelopmentFeatures], candidates: CandidateIndex
) -> tuple[int | None, float]:
    """The index of the one of ``others`` that ``features`` repeats best, with its sameness, among its
    candidates."""
    best, best_score = None, 0.0
    for index in sorted(int(candidate) for candidate in candidates.of(features)):
        score = sameness(features, others[index])
        if score >= SAME_EVENT_THRESHOLD and score > best_score:
            best, best_score = index, score
    return best, best_score


class CandidateIndex:
    """Which known developments are worth scoring against a new one, so that a development costs the same
    against a hundred as against thousands: the MAX_CANDIDATES with the most similar summaries past
    CANDIDATE_MIN_COSINE, and the MAX_ACTOR_CANDIDATES most similar of the rest that name one of its actors (a
    headline and a long lede on one event can share little else: "Quessia slaps sanctions on 14 Maroth
    officials" / "Amberlo has imposed asset freezes and travel bans on fourteen senior Marothi officials…")."""

    def __init__(self, known: Sequence[DevelopmentFeatures]):
        self.summaries = np.stack([feature.summary_vector for feature in known]) if known else np.zeros((0, 0))
        self.naming: dict[str, list[int]] = {}
        for number, feature in enumerate(known):
            for key in {key for keys in feature.actors for key in keys}:
                self.naming.setdefault(key, []).append(number)

    def of(self, features: DevelopmentFeatures, before: int | None = None) -> np.ndarray:
        """Indexes of the candidates for ``features`` among the known developments (the first ``before``)."""
        summaries = self.summaries[:before]
        if not len(summaries):
            return np.zeros(0, dtype=int)
        cosines = summaries @ features.summary_vector
        similar = _most(cosines, np.flatnonzero(cosines >= CANDIDATE_MIN_COSINE), MAX_CANDIDATES)
        limit = len(summaries)
        naming = {i for keys in features.actors for key in keys for i in self.naming.get(key, ()) if i < limit}
        sharing = _most(cosines, np.array(sorted(naming - set(similar.tolist())), dtype=int), MAX_ACTOR_CANDIDATES)
        return np.concatenate([similar, sharing])


def _most(cosines: np.ndarray, indexes: np.ndarray, count: int) -> np.ndarray:
    """The ``count`` of ``indexes`` with the highest ``cosines``."""
    if len(indexes) <= count:
        return indexes
    return indexes[np.argsort(-cosines[indexes], kind="stable")[:count]]
