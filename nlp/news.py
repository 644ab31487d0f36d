"""What makes a sentence news, and how to shorten one without inventing words.

Shared by the summary and the developments: both prefer sentences in which a named actor does something over
sentences that only describe, and both trim the same way.
"""

from __future__ import annotations

import re

from spacy.tokens import Span as SpacySpan

from nlp import constants as C
from nlp.model import FigureKind

MAX_POINT_CHARS = 240
"""A longer sentence is cut at its last clause boundary before this many characters."""
MIN_SENTENCE_WORDS = 6
"""Shorter sentences (datelines, captions, "Read more") are never news on their own."""

NEWS_FIGURE_KINDS = frozenset({FigureKind.MONEY, FigureKind.PERCENT, FigureKind.COUNT, FigureKind.DURATION})
"""Figures that make a sentence news; a date alone ("on Wednesday morning") does not."""

RE_BULLET = re.compile(r"^\s*(?:[-•*–—▪●]|\d{1,2}[.)])\s+(?P<point>\S.*)$")
_RE_LEADING_CONNECTIVE = re.compile(r"^(?:but|and|however|meanwhile|still|also|yet|so)\b,?\s+", re.IGNORECASE)
_NAMED_LABELS = {"PERSON", "ORG", "GPE", "NORP"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}


def is_candidate(sentence: SpacySpan) -> bool:
    """A full sentence of the body: long enough, not a question, not a bullet, with a verb."""
    words = [t for t in sentence if t.is_alpha]
    if len(words) < MIN_SENTENCE_WORDS or sentence.text.rstrip().endswith("?"):
        return False
    if RE_BULLET.match(sentence.text):
        return False
    return any(t.pos_ in ("VERB", "AUX") for t in sentence)


def carries_news(sentence: SpacySpan) -> bool:
    """A named actor does something: "Trump had pushed Ukraine to give up Crimea"."""
    root = sentence.root
    if root.pos_ != "VERB" or root.lemma_ in C.DESCRIBING_LEMMAS:
        return False
    return any(t.dep_ in _SUBJECT_DEPS and t.ent_type_ in _NAMED_LABELS for t in root.subtree)


def only_describes(sentence: SpacySpan) -> bool:
    """"The tone was much warmer": a state, not an event."""
    return sentence.root.lemma_ in C.DESCRIBING_LEMMAS


def trim_point(sentence: str) -> str:
    """The sentence on one line, without a leading "But", cut at a clause boundary when too long."""
    point = " ".join(sentence.split())
    point = _RE_LEADING_CONNECTIVE.sub("", point)
    point = point[:1].upper() + point[1:]
    if len(point) <= MAX_POINT_CHARS:
        return point
    cut = max(point.rfind(boundary, 0, MAX_POINT_CHARS) for boundary in C.CLAUSE_BOUNDARIES)
    if cut <= MAX_POINT_CHARS // 2:
        cut = point.rfind(" ", 0, MAX_POINT_CHARS)
    return point[:cut] + " …"
