"""Developments: what happened, was decided or was claimed, one short statement each, for the daily digest.

A sentence is a development when it carries news: a named actor doing something, a figure, or a reported
claim. A reported claim whose clause names its own subject ("Ukraine offered to buy about $90 billion worth
of US weapons") is a development of its own, so one sentence can hold several; otherwise the sentence itself
is the development. Direct quotes are voices rather than events and count only when they carry a figure.
Comparing developments across articles is :mod:`nlp.novelty`'s job.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Doc, Span as SpacySpan

from nlp.model import Development, Entity, Figure, Kind, Span, Statement
from nlp.news import NEWS_FIGURE_KINDS, carries_news, is_candidate, trim_point

_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def extract_developments(
    doc: Doc, statements: Sequence[Statement], figures: Sequence[Figure], entities: Sequence[Entity]
) -> list[Development]:
    developments: list[Development] = []
    for sentence in doc.sents:
        if is_candidate(sentence):
            developments.extend(_sentence_developments(sentence, statements, figures, entities))
    return developments


def _sentence_developments(sentence: SpacySpan, statements: Sequence[Statement], figures: Sequence[Figure],
                           entities: Sequence[Entity]) -> list[Development]:
    """Each reported claim that names who does what, or else the sentence itself when it is news."""
    start, end = sentence.start_char, sentence.end_char
    reported = [s for s in statements if s.cue is not None and start <= s.cue.start < end]
    claims = [s for s in reported if s.kind is not Kind.DIRECT or _figures_within(figures, s.start, s.end)]
    found = []
    for claim in claims:
        content = sentence.doc.char_span(claim.start, claim.end, alignment_mode="expand")
        if content is not None and _has_named_subject(content):
            development = _development(trim_point(content.text), sentence, claim.start, claim.end, figures, entities)
            speaker = claim.speaker.name if claim.speaker else None
            if speaker and speaker not in development.actors:
                development = replace(development, actors=(speaker, *development.actors))
            found.append(development)
    if found:
        return found
    newsworthy = [f for f in _figures_within(figures, start, end) if f.kind in NEWS_FIGURE_KINDS]
    if claims or newsworthy or (carries_news(sentence) and not reported):
        return [_development(trim_point(sentence.text), sentence, start, end, figures, entities)]
    return []


def _has_named_subject(content: SpacySpan) -> bool:
    """Does the reported clause say who does what ("Ukraine offered ..."), not just "he was ready"?"""
    return any(t.dep_ in _SUBJECT_DEPS and t.pos_ in ("PROPN", "NOUN") for t in content)


def _figures_within(figures: Sequence[Figure], start: int, end: int) -> list[Figure]:
    return [f for f in figures if start <= f.span.start < end]


def _development(text: str, sentence: SpacySpan, start: int, end: int, figures: Sequence[Figure],
                 entities: Sequence[Entity]) -> Development:
    """A development from the words between `start` and `end`, with the actors and figures named there."""
    actors = tuple(
        entity.name for entity in entities if any(start <= m.start < end for m in entity.mentions)
    )
    return Development(
        text=text,
        actors=actors,
        figures=tuple(f.span.text for f in _figures_within(figures, start, end)),
        sentence=Span(sentence.start_char, sentence.end_char, sentence.text),
    )
