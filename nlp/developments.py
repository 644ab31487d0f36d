"""Developments: what happened, was decided or was claimed, one short statement each, for the daily digest.

A sentence is a development when it carries news: a named actor doing something, a figure, or a reported
claim. A reported claim whose clause names its own subject ("Ukraine offered to buy about $90 billion worth
of US weapons") is a development of its own, so one sentence can hold several; otherwise the sentence itself
is the development. Direct quotes are voices rather than events and count only when they carry a figure.
Comparing developments across articles is :mod:`nlp.novelty`'s job.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span as SpacySpan

from nlp.model import Development, Entity, Figure, Kind, Span, Statement
from nlp.news import NEWS_FIGURE_KINDS, carries_news, is_candidate, trim_point

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def extract_developments(
    doc: Doc, statements: Sequence[Statement], figures: Sequence[Figure], entities: Sequence[Entity]
) -> list[Development]:
    where = _Positions(statements, figures, entities)
    developments: list[Development] = []
    for sentence in doc.sents:
        if is_candidate(sentence):
            developments.extend(_sentence_developments(sentence, where))
    return developments


class _Positions:
    """Statements, figures and actor mentions by character offset, so each sentence finds its own by bisection
    rather than by a pass over the whole article (an article can hold thousands)."""

    def __init__(self, statements: Sequence[Statement], figures: Sequence[Figure], entities: Sequence[Entity]):
        self._statements = sorted((s for s in statements if s.cue is not None), key=lambda s: s.cue.start)
        self._statement_starts = [s.cue.start for s in self._statements]
        self._figures = sorted(figures, key=lambda f: f.span.start)
        self._figure_starts = [f.span.start for f in self._figures]
        order = {entity.name: rank for rank, entity in enumerate(entities)}
        self._mentions = sorted((m.start, order[e.name], e.name) for e in entities for m in e.mentions)
        self._mention_starts = [start for start, _, _ in self._mentions]

    def statements(self, start: int, end: int) -> list[Statement]:
        return self._statements[bisect_left(self._statement_starts, start) : bisect_left(self._statement_starts, end)]

    def figures(self, start: int, end: int) -> list[Figure]:
        return self._figures[bisect_left(self._figure_starts, start) : bisect_left(self._figure_starts, end)]

    def actors(self, start: int, end: int) -> tuple[str, ...]:
        """The names mentioned between the offsets, in the order the article's entities come in."""
        found = self._mentions[bisect_left(self._mention_starts, start) : bisect_left(self._mention_starts, end)]
        return tuple(dict.fromkeys(name for _, _, name in sorted(found, key=lambda m: m[1])))


def _sentence_developments(sentence: SpacySpan, where: _Positions) -> list[Development]:
    """Each reported claim that names who does what, or else the sentence itself when it is news."""
    start, end = sentence.start_char, sentence.end_char
    reported = where.statements(start, end)
    claims = [s for s in reported if s.kind is not Kind.DIRECT or where.figures(s.start, s.end)]
    found = []
    for claim in claims:
        content = sentence.doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if content is not None and _has_named_subject(content):
            development = _development(trim_point(content.text), sentence, claim.start, claim.end, where)
            speaker = claim.speaker.name if claim.speaker else None
            if speaker and speaker not in development.actors:
                development = replace(development, actors=(speaker, *development.actors))
            found.append(development)
    if found:
        return found
    newsworthy = [f for f in where.figures(start, end) if f.kind in NEWS_FIGURE_KINDS]
    if claims or newsworthy or (carries_news(sentence) and not reported):
        return [_development(trim_point(sentence.text), sentence, start, end, where)]
    return []


def _has_named_subject(content: SpacySpan) -> bool:
    """Does the reported clause say who does what ("Ukraine offered ..."), not just "he was ready"?"""
    return any(t.dep_ in _SUBJECT_DEPS and t.pos_ in ("PROPN", "NOUN") for t in content)


def _development(text: str, sentence: SpacySpan, start: int, end: int, where: _Positions) -> Development:
    """A development from the words between `start` and `end`, with the actors and figures named there."""
    return Development(
        text=text,
        actors=where.actors(start, end),
        figures=tuple(f.span.text for f in where.figures(start, end)),
        sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
    )
