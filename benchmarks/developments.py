"""Benchmark :func:`nlp.novelty.same_event` on the labelled pairs: precision, recall, errors and speed.

    .venv/bin/python benchmarks/developments.py [PAIRS.jsonl] [--half PART] [--blind] [--errors]

PAIRS.jsonl defaults to tests/fixtures/development_pairs.jsonl: lines with "a" and "b" (each "text",
"actors", "figures"), "repeat" (true when both report one event), "why" and "half", the part of the set
(PART). "tune", "held_out", "fresh" and "blind_seen" were written by earlier sessions while the method was
hand-weighted, each measured blind once and then used for changes; "train2" to "train9" were written by
helpers that saw neither the code nor the other pairs, each measured once unseen before it was fitted to
(session 6: "train6" 0.646 / 0.775, "train7" 0.676 / 0.575, "train8" 0.702 / 0.825; session 7: "train9",
200 pairs, 0.812 / 0.690). The model is fitted to all of these
(``benchmarks/fit_sameness.py``, which also cross-validates it). "blind" to "blind5" were written by such
helpers too: "blind" before WordNet and the fitted model came in, "blind2" before word_replaced, "blind3" and
"blind4" in session 5, "blind5" at the start of session 6. "blind" was read some ten times over four sessions
and is now fitted to like the rest. "blind2" to "blind5" are never used to fit or to choose a change: they
are the estimate for unseen wording, so they are measured only with --blind (then --errors lists their
misclassified pairs too), to be asked for once a change is decided. In "blind2" each story appears twice,
once as a repeat and once as a different event; in "blind3", "blind4" and "train5" about half the stories
do, and many repeats are reworded as headlines. In "blind3" and "train5" a country is often named by an
invented capital on one side only ("Ankuri imposes…" / "Zembara bans…"), which no gazetteer can know; from
"blind4" on, the actors are listed as the entity meant, as an article's entities resolved with a gazetteer
would be. (Aggregates read so far, never to choose a change: "blind2" for thirteen models and the session-4
model once more, "blind3" for eleven models and the session-4 one, "blind4" for nine and the session-4 one,
"blind5" for eight: the model at the start of session 6, fccf811, 1f75ee9, b231391, the refit with "train9",
b131c7e, 6af8137 and 3384841; and all four once for benchmarks/cross_encoder_trial.py, a method not shipped.
"stories_u": u01–u12 twice, for b131c7e and 6af8137, then all 60 for 6af8137 and 3384841. Session 9 read all
five three times more with the model of 3384841 unchanged, for the new measures: 8 of 435 events hidden in "stories_u";
next day, 60 of its 158 late reports left out and 3 of 240 new events hidden; then, with the next-day measure
following the digest (nlp.novelty.news_groups), once more: 56 of 158 and 6 of 240.)

"Repeat" is the positive class: precision is the share of pairs called repeats that are, recall the share of
repeats found. The "stories" row groups each running story of tests/fixtures/development_stories.jsonl as the
digest does and counts, over every two statements, "grouped together" against "one event"; the model is fitted to
those stories too. Each such row also counts the events the digest would hide: a group is shown in its first
statement's words, so an event none of whose statements leads a group disappears into another's. The "next day"
rows tell each story over two days and count what the "already reported" rule leaves out: late reports of
yesterday's events (it should) and today's events (hidden news). "stories_t" (development_stories_seen.jsonl) does
the same for 12 running stories written in session 8 by a helper that saw neither the code nor the other data,
asked for outlets that reword freely: headlines, a description for a name ("the Hestrian favourite"), the other
party's side. Measured once unseen (b131c7e) it gave 0.468 / 0.128; its errors were then read, and fitting to it
was tried and changed nothing (cross-validated by story, 0.44 / 0.18 over its pairs), so it is not fitted to.
"stories_u" (development_stories_blind.jsonl), 60 more such stories by five other helpers (u01–u12, then
ka01–kd12), is shown only with --blind. Fitting the model to the 48 "k" stories was tried before their errors were
read: the model grew cautious (labelled pairs cross-validated 0.805 / 0.812 → 0.816 / 0.760) and "stories_t" barely
moved (0.476 / 0.132 → 0.534 / 0.137), so they stayed out.
"""


from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path
from typing import NamedTuple

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_PAIRS = PROJECT / "tests" / "fixtures" / "development_pairs.jsonl"
STORIES = PROJECT / "tests" / "fixtures" / "development_stories.jsonl"
SEEN_STORIES = PROJECT / "tests" / "fixtures" / "development_stories_seen.jsonl"
BLIND_STORIES = PROJECT / "tests" / "fixtures" / "development_stories_blind.jsonl"
PARTS = (
    "tune", "held_out", "fresh", "blind_seen", "train2", "train3", "train4", "train5", "train6", "train7", "train8",
    "train9",
    "blind", "blind2", "blind3", "blind4", "blind5",
)
BLIND = frozenset({"blind2", "blind3", "blind4", "blind5"})
"""The parts never fitted to, whose errors are not listed by default (see the module docstring)."""
TIMING_ROUNDS = 20
"""Times each timed step is repeated over the whole set; the per-item figure is the mean."""
YESTERDAYS_OUTLETS = 2
"""In the next-day measure, the outlets whose reports of the first events went out in yesterday's digest."""

sys.path.insert(0, str(PROJECT))

from nlp.model import Development, Span  # noqa: E402  (needs the project on the path)
from nlp.development_features import features_of_all  # noqa: E402
from nlp.novelty import (  # noqa: E402
    SAME_EVENT_THRESHOLD,
    cluster_developments,
    group_developments,
    load_resources,
    news_groups,
    sameness,
)


@dataclass(frozen=True)
class LabelledPair:
    a: Development
    b: Development
    repeat: bool
    why: str
    half: str


@dataclass(frozen=True)
class Counts:
    true_positive: int
    false_positive: int
    false_negative: int
    true_negative: int

    @property
    def precision(self) -> float:
        called = self.true_positive + self.false_positive
        return self.true_positive / called if called else 1.0

    @property
    def recall(self) -> float:
        repeats = self.true_positive + self.false_negative
        return self.true_positive / repeats if repeats else 1.0

    @classmethod
    def of(cls, called: Sequence[bool], repeats: Sequence[bool]) -> Counts:
        """The counts of pairs called repeats (``called``) against pairs that are (``repeats``)."""
        outcomes = list(zip(called, repeats))
        return cls(
            sum(c and r for c, r in outcomes),
            sum(c and not r for c, r in outcomes),
            sum(r and not c for c, r in outcomes),
            sum(not c and not r for c, r in outcomes),
        )

    def row(self, name: str) -> str:
        pairs = self.true_positive + self.false_positive + self.false_negative + self.true_negative
        return (
            f"{name:<10} {pairs:>5} {self.true_positive:>4} {self.false_positive:>4} {self.false_negative:>4} "
            f"{self.true_negative:>4} {self.precision:>9.3f} {self.recall:>7.3f}"
        )


def development(fields: dict) -> Development:
    text = fields["text"]
    return Development(text, tuple(fields["actors"]), tuple(fields["figures"]), Span(0, len(text), text))


class StoryStatement(NamedTuple):
    """One outlet's statement of one event of a running story."""

    story: str
    event: str
    outlet: int
    statement: Development


def story_statements(path: Path = STORIES) -> list[StoryStatement]:
    """Each statement of a stories file, in the file's order (a story's events come in the order they happen)."""
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [StoryStatement(r["story"], r["event"], r["outlet"], development(r)) for r in records]


def stories_of(path: Path = STORIES) -> list[list[StoryStatement]]:
    """The statements of a stories file, story by story."""
    by_story: dict[str, list[StoryStatement]] = {}
    for statement in story_statements(path):
        by_story.setdefault(statement.story, []).append(statement)
    return list(by_story.values())


def load_pairs(path: Path = DEFAULT_PAIRS) -> list[LabelledPair]:
    with open(path, encoding="utf-8") as lines:
        records = [json.loads(line) for line in lines if line.strip()]
    return [
        LabelledPair(development(r["a"]), development(r["b"]), r["repeat"], r["why"], r.get("half", "tune"))
        for r in records
    ]


def features_in_pairs(pairs: Sequence[tuple[Development, Development]]) -> list[tuple]:
    """The features of both sides of each pair, with one embedding call for all of them."""
    features = features_of_all([d for pair in pairs for d in pair])
    return list(zip(features[0::2], features[1::2]))


def score_pairs(pairs: list[LabelledPair]) -> list[float]:
    return [sameness(a, b) for a, b in features_in_pairs([(pair.a, pair.b) for pair in pairs])]


def count(pairs: list[LabelledPair], scores: list[float]) -> Counts:
    return Counts.of([score >= SAME_EVENT_THRESHOLD for score in scores], [pair.repeat for pair in pairs])


def timings(pairs: list[LabelledPair]) -> dict[str, float]:
    """Seconds to load the word vectors, WordNet and the model, and microseconds per development's features
    and per pair's score."""
    start = time.perf_counter()
    load_resources()
    loaded = time.perf_counter() - start
    developments = [d for pair in pairs for d in (pair.a, pair.b)]
    start = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        features = features_of_all(developments)
    per_development = (time.perf_counter() - start) / TIMING_ROUNDS / len(developments)
    start = time.perf_counter()
    for _ in range(TIMING_ROUNDS):
        for i in range(len(pairs)):
            sameness(features[2 * i], features[2 * i + 1])
    per_pair = (time.perf_counter() - start) / TIMING_ROUNDS / len(pairs)
    start = time.perf_counter()
    group_developments([pair.a for pair in pairs], [pair.b for pair in pairs])
    grouping = time.perf_counter() - start
    return {
        "load_s": loaded,
        "features_us": per_development * 1e6,
        "pair_us": per_pair * 1e6,
        "group_ms": grouping * 1e3,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("pairs", nargs="?", type=Path, default=DEFAULT_PAIRS)
    parser.add_argument("--half", choices=PARTS, help="report only this part of the set")
    parser.add_argument("--blind", action="store_true", help="measure the blind parts too (see above)")
    parser.add_argument("--errors", action="store_true", help="list the misclassified pairs")
    args = parser.parse_args()
    pairs = load_pairs(args.pairs)
    if args.half:
        pairs = [pair for pair in pairs if pair.half == args.half]
    if args.half in BLIND and not args.blind:
        parser.error(f"{args.half} is a blind part: measure it with --blind, once a change has been decided")
    if not args.blind:
        pairs = [pair for pair in pairs if pair.half not in BLIND]
    timing = timings(pairs)
    scores = score_pairs(pairs)

    print(f"threshold {SAME_EVENT_THRESHOLD}; positive class: repeat")
    print(f"{'set':<10} {'pairs':>5} {'TP':>4} {'FP':>4} {'FN':>4} {'TN':>4} {'precision':>9} {'recall':>7}")
    rows = [("fitted", lambda half: half not in BLIND)] + [(h, h.__eq__) for h in sorted({p.half for p in pairs})]
    for name, chosen_half in rows:
        chosen = [(p, s) for p, s in zip(pairs, scores) if chosen_half(p.half)]
        if not chosen:
            continue
        print(count([p for p, _ in chosen], [s for _, s in chosen]).row(name))
    if not args.half:
        print_story_clusters()
        print_story_clusters(SEEN_STORIES, "stories_t", "not fitted to")
        if args.blind:
            print_story_clusters(BLIND_STORIES, "stories_u", "never fitted to")
        print_next_day()
        print_next_day(SEEN_STORIES, "stories_t")
        if args.blind:
            print_next_day(BLIND_STORIES, "stories_u")

    if args.errors:
        print("\nmisclassified (score, label, half, why):")
        for pair, score in zip(pairs, scores):
            if (score >= SAME_EVENT_THRESHOLD) != pair.repeat:
                label = "repeat" if pair.repeat else "different"
                print(f"  {score:.2f} {label:<9} {pair.half:<8} {pair.why}")
                print(f"      a: {pair.a.text}\n      b: {pair.b.text}")

    print(
        f"\ntiming: word vectors, WordNet and model load {timing['load_s']:.2f} s (once per process); "
        f"features {timing['features_us']:.0f} µs per development; "
        f"sameness {timing['pair_us']:.0f} µs per pair;\n        group_developments of {len(pairs)} new "
        f"against {len(pairs)} known, features included: {timing['group_ms']:.0f} ms"
    )


def print_story_clusters(path: Path = STORIES, name: str = "stories", note: str = "fitted on") -> None:
    """How :func:`cluster_developments`, as the digest runs it, groups each story's statements: of every two
    statements, whether they share a group, against whether they tell one event. Also the events the digest
    would hide: a group shows its first statement's words only, so an event none of whose statements leads a
    group is merged away into others."""
    stories = stories_of(path)
    grouped, same_event = [], []
    hidden = events = 0
    for statements in stories:
        group_of = {}
        groups = cluster_developments([told.statement for told in statements])
        for number, group in enumerate(groups):
            group_of.update(dict.fromkeys(group, number))
        for i, j in combinations(range(len(statements)), 2):
            grouped.append(group_of[i] == group_of[j])
            same_event.append(statements[i].event == statements[j].event)
        story_events = {told.event for told in statements}
        events += len(story_events)
        hidden += len(story_events - {statements[group[0]].event for group in groups})
    print(Counts.of(grouped, same_event).row(name),
          f"  (pairs grouped by cluster_developments, {len(stories)} stories; {note}; "
          f"{hidden} of {events} events hidden)")


def print_next_day(path: Path = STORIES, name: str = "stories") -> None:
    """The digest's "already reported" rule (:func:`news_groups`), each story told over two days: yesterday the
    first YESTERDAYS_OUTLETS outlets reported the first half of its events, and a digest told what it found news
    (its items' leads are what it remembers); today the other outlets' late reports of those events come in with
    the other events. Late reports should be left out; today's events must each lead an item, or news is hidden."""
    late = late_shown = new_events = hidden = 0
    for statements in stories_of(path):
        events = list(dict.fromkeys(told.event for told in statements))
        reported = set(events[: len(events) // 2])
        yesterday = [told for told in statements if told.event in reported and told.outlet <= YESTERDAYS_OUTLETS]
        today = [told for told in statements if told not in yesterday]
        remembered = [yesterday[group[0]].statement for group in news_groups([t.statement for t in yesterday], [])]
        leads = [today[group[0]] for group in news_groups([t.statement for t in today], remembered)]
        late += sum(told.event in reported for told in today)
        late_shown += sum(lead.event in reported for lead in leads)
        new_events += len(events) - len(reported)
        hidden += len(set(events) - reported - {lead.event for lead in leads})
    print(f"{name:<10} next day: {late - late_shown} of {late} late reports of reported events left out, "
          f"{hidden} of {new_events} new events hidden")


if __name__ == "__main__":
    main()
