"""Plain data returned by the extraction pipeline.

Everything here is a frozen dataclass of strings, ints and tuples, so results can be compared in tests,
pickled across processes and turned into JSON by :func:`nlp.serialize.extraction_to_dict` without knowing spaCy.
Offsets are character offsets into the article text exactly as it was given.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Kind(str, Enum):
    """How a statement is attributed."""

    DIRECT = "direct"  # the statement is in quote marks
    PARTIAL = "partial"  # a quoted fragment inside reported speech
    INDIRECT = "indirect"  # reported speech, no quote marks


class EntityKind(str, Enum):
    PERSON = "person"
    ORGANISATION = "organisation"
    PLACE = "place"


class FigureKind(str, Enum):
    MONEY = "money"
    PERCENT = "percent"
    COUNT = "count"
    DATE = "date"
    DURATION = "duration"


FIGURE_IMPORTANCE = (FigureKind.MONEY, FigureKind.PERCENT, FigureKind.COUNT, FigureKind.DURATION, FigureKind.DATE)
"""Figure kinds in the order they are listed as key figures: a date says less on its own than a sum of money."""


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Speaker:
    """Who a statement is credited to.

    ``mention`` is the words in the text ("He", "a senior official"); ``name`` is the canonical name of the
    entity the mention resolves to in this article ("Donald Trump"), or None when it does not resolve to a
    named entity ("a source").
    """

    mention: Span
    name: str | None
    title: str | None
    kind: EntityKind | None


@dataclass(frozen=True)
class Statement:
    content: tuple[Span, ...]
    kind: Kind
    cue: Span | None
    speaker: Speaker | None
    sentence: Span

    @property
    def text(self) -> str:
        """The attributed words, with the pieces of an interrupted quote joined by an ellipsis."""
        return " … ".join(span.text for span in self.content)

    @property
    def start(self) -> int:
        return self.content[0].start

    @property
    def end(self) -> int:
        return self.content[-1].end


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place named in the article, under one canonical name."""

    name: str
    kind: EntityKind
    title: str | None
    mentions: tuple[Span, ...]


@dataclass(frozen=True)
class Figure:
    """A number worth reporting and what it is about ("US weapons Ukraine offered to buy"), when that can
    be read off its sentence."""

    span: Span
    kind: FigureKind
    sentence: Span
    about: str | None = None

    @property
    def label(self) -> str:
        """``about $90 billion — US weapons Ukraine offered to buy``, or the figure alone."""
        return f"{self.span.text} — {self.about}" if self.about else self.span.text


@dataclass(frozen=True)
class Development:
    """Something that happened, was decided or was claimed: the unit a daily digest is made of.

    ``text`` is a short statement of it in the article's own words; ``actors`` the canonical names of the
    people and organisations involved; ``figures`` the figures' texts; ``sentence`` where it comes from.
    """

    text: str
    actors: tuple[str, ...]
    figures: tuple[str, ...]
    sentence: Span


@dataclass(frozen=True)
class Extraction:
    statements: tuple[Statement, ...]
    entities: tuple[Entity, ...]
    figures: tuple[Figure, ...]
    summary: tuple[str, ...] = ()
    developments: tuple[Development, ...] = ()
    title: str | None = None
    url: str | None = None
    published: str | None = None

    def entities_of(self, kind: EntityKind) -> tuple[Entity, ...]:
        return tuple(entity for entity in self.entities if entity.kind is kind)
