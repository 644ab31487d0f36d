"""Turn an :class:`~nlp.model.Extraction` into JSON-safe dictionaries.

Two shapes: :func:`extraction_to_dict` is the full result (what the archive stores and ``summit extract --json``
prints), read back by :func:`extraction_from_dict`; :func:`scorer_quotes` is the flat list of quotes the evaluation scripts compare with gold annotations.
Pure functions of plain data: no spaCy here.
"""

from __future__ import annotations

from enum import Enum
from typing import Any, TypeVar

from nlp.model import Development, Entity, EntityKind, Extraction, Figure, FigureKind, Kind, Span, Speaker, Statement

EnumType = TypeVar("EnumType", bound=Enum)

QUOTED_KINDS = frozenset({Kind.DIRECT, Kind.PARTIAL})
"""Kinds whose content stands in quote marks: the evaluation calls these "direct"."""


def extraction_to_dict(extraction: Extraction) -> dict[str, Any]:
    return {
        "title": extraction.title,
        "url": extraction.url,
        "published": extraction.published,
        "statements": [statement_to_dict(statement) for statement in extraction.statements],
        "entities": [entity_to_dict(entity) for entity in extraction.entities],
        "figures": [figure_to_dict(figure) for figure in extraction.figures],
        "summary": list(extraction.summary),
        "developments": [development_to_dict(development) for development in extraction.developments],
    }


def scorer_quotes(extraction: Extraction, text: str) -> list[dict[str, Any]]:
    """The statements in the evaluation format.

    A statement interrupted by its attribution (``"A," he said, "B."``) is scored as one content span from the
    start of its first piece to the end of its last, so ``text`` (the article the offsets point into) is needed
    to give the words in between.
    """
    return [
        {
            "speaker": span_to_dict(statement.speaker.mention) if statement.speaker else None,
            "speaker_name": statement.speaker.name if statement.speaker else None,
            "content": span_to_dict(Span(statement.start, statement.end, text[statement.start : statement.end])),
            "cue": span_to_dict(statement.cue) if statement.cue else None,
            "direct": statement.kind in QUOTED_KINDS,
        }
        for statement in extraction.statements
    ]


def span_to_dict(span: Span) -> dict[str, Any]:
    return {"start": span.start, "end": span.end, "text": span.text}


def speaker_to_dict(speaker: Speaker) -> dict[str, Any]:
    return {
        "mention": span_to_dict(speaker.mention),
        "name": speaker.name,
        "title": speaker.title,
        "kind": speaker.kind.value if speaker.kind else None,
    }


def statement_to_dict(statement: Statement) -> dict[str, Any]:
    return {
        "content": [span_to_dict(span) for span in statement.content],
        "kind": statement.kind.value,
        "cue": span_to_dict(statement.cue) if statement.cue else None,
        "speaker": speaker_to_dict(statement.speaker) if statement.speaker else None,
        "sentence": span_to_dict(statement.sentence),
    }


def entity_to_dict(entity: Entity) -> dict[str, Any]:
    return {
        "name": entity.name,
        "kind": entity.kind.value,
        "title": entity.title,
        "mentions": [span_to_dict(span) for span in entity.mentions],
    }


def figure_to_dict(figure: Figure) -> dict[str, Any]:
    return {
        "span": span_to_dict(figure.span),
        "kind": figure.kind.value,
        "sentence": span_to_dict(figure.sentence),
        "about": figure.about,
    }


def development_to_dict(development: Development) -> dict[str, Any]:
    return {
        "text": development.text,
        "actors": list(development.actors),
        "figures": list(development.figures),
        "sentence": span_to_dict(development.sentence),
    }


def extraction_from_dict(data: Any) -> Extraction:
    """The inverse of :func:`extraction_to_dict`, strict: raise ValueError, with a plain reason, unless every field
    has the type the archive reads (the dict comes from files and Redis, and a wrong type would fail mid-store)."""
    data = _object(data, "the extraction")
    return Extraction(
        statements=tuple(statement_from_dict(item) for item in _list(data, "statements", "the extraction")),
        entities=tuple(entity_from_dict(item) for item in _list(data, "entities", "the extraction")),
        figures=tuple(figure_from_dict(item) for item in _list(data, "figures", "the extraction")),
        summary=_texts(data, "summary", "the extraction", default=[]),
        developments=tuple(
            development_from_dict(item) for item in _list(data, "developments", "the extraction", default=[])
        ),
        title=_optional_text(data, "title", "the extraction"),
        url=_optional_text(data, "url", "the extraction"),
        published=_optional_text(data, "published", "the extraction"),
    )


def span_from_dict(data: Any) -> Span:
    data = _object(data, "a span")
    return Span(_offset(data, "start"), _offset(data, "end"), _text(data, "text", "a span"))


def speaker_from_dict(data: Any) -> Speaker:
    data = _object(data, "a speaker")
    kind = _optional_text(data, "kind", "a speaker", required=True)
    return Speaker(
        mention=span_from_dict(_field(data, "mention", "a speaker")),
        name=_optional_text(data, "name", "a speaker", required=True),
        title=_optional_text(data, "title", "a speaker", required=True),
        kind=_enum(EntityKind, kind, "a speaker") if kind else None,
    )


def statement_from_dict(data: Any) -> Statement:
    data = _object(data, "a statement")
    cue, speaker = _field(data, "cue", "a statement"), _field(data, "speaker", "a statement")
    return Statement(
        content=tuple(span_from_dict(span) for span in _list(data, "content", "a statement")),
        kind=_enum(Kind, _text(data, "kind", "a statement"), "a statement"),
        cue=span_from_dict(cue) if cue else None,
        speaker=speaker_from_dict(speaker) if speaker else None,
        sentence=span_from_dict(_field(data, "sentence", "a statement")),
    )


def entity_from_dict(data: Any) -> Entity:
    data = _object(data, "an entity")
    return Entity(
        name=_text(data, "name", "an entity"),
        kind=_enum(EntityKind, _text(data, "kind", "an entity"), "an entity"),
        title=_optional_text(data, "title", "an entity", required=True),
        mentions=tuple(span_from_dict(span) for span in _list(data, "mentions", "an entity")),
    )


def figure_from_dict(data: Any) -> Figure:
    data = _object(data, "a figure")
    return Figure(
        span=span_from_dict(_field(data, "span", "a figure")),
        kind=_enum(FigureKind, _text(data, "kind", "a figure"), "a figure"),
        sentence=span_from_dict(_field(data, "sentence", "a figure")),
        about=_optional_text(data, "about", "a figure"),
    )


def development_from_dict(data: Any) -> Development:
    data = _object(data, "a development")
    return Development(
        text=_text(data, "text", "a development"),
        actors=_texts(data, "actors", "a development"),
        figures=_texts(data, "figures", "a development"),
        sentence=span_from_dict(_field(data, "sentence", "a development")),
    )


# The checks of the readers above; ``owner`` names what holds the field ("a speaker"), for the reason given. -----


def _object(value: Any, what: str) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise ValueError(f"{what} is not a JSON object")
    return value


def _field(data: dict[str, Any], name: str, owner: str) -> Any:
    if name not in data:
        raise ValueError(f"missing field {name!r} in {owner}")
    return data[name]


def _list(data: dict[str, Any], name: str, owner: str, *, default: list[Any] | None = None) -> list[Any]:
    value = _field(data, name, owner) if default is None else data.get(name, default)
    if not isinstance(value, list):
        raise ValueError(f"the field {name!r} of {owner} is not a list")
    return value


def _text(data: dict[str, Any], name: str, owner: str) -> str:
    value = _field(data, name, owner)
    if not isinstance(value, str):
        raise ValueError(f"the field {name!r} of {owner} is not a string ({value!r:.40})")
    return value


def _optional_text(data: dict[str, Any], name: str, owner: str, *, required: bool = False) -> str | None:
    value = _field(data, name, owner) if required else data.get(name)
    return None if value is None else _text(data, name, owner)


def _texts(data: dict[str, Any], name: str, owner: str, *, default: list[Any] | None = None) -> tuple[str, ...]:
    values = _list(data, name, owner, default=default)
    if not all(isinstance(value, str) for value in values):
        raise ValueError(f"the field {name!r} of {owner} is not a list of strings")
    return tuple(values)


def _offset(data: dict[str, Any], name: str) -> int:
    value = _field(data, name, "a span")
    # bool is an int to Python, but true is no offset.
    if not isinstance(value, int) or isinstance(value, bool) or value < 0:
        raise ValueError(f"the field {name!r} of a span is not a character offset ({value!r:.40})")
    return value


def _enum(kind: type[EnumType], value: str, owner: str) -> EnumType:
    try:
        return kind(value)
    except ValueError:
        names = ", ".join(member.value for member in kind)
        raise ValueError(f"the field 'kind' of {owner} is not one of {names} ({value!r:.40})") from None
