"""Turn an :class:`~nlp.model.Extraction` into JSON-safe dictionaries.

Two shapes: :func:`extraction_to_dict` is the full result (what the archive stores and ``summit extract --json``
prints), read back by :func:`extraction_from_dict`; :func:`scorer_quotes` is the flat list of quotes the evaluation scripts compare with gold annotations.
Pure functions of plain data: no spaCy here.
"""

from __future__ import annotations

from typing import Any

from nlp.model import Development, Entity, EntityKind, Extraction, Figure, FigureKind, Kind, Span, Speaker, Statement

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


def extraction_from_dict(data: dict[str, Any]) -> Extraction:
    """The inverse of :func:`extraction_to_dict`; raise KeyError, TypeError or ValueError on a malformed dict."""
    return Extraction(
        statements=tuple(statement_from_dict(item) for item in data["statements"]),
        entities=tuple(entity_from_dict(item) for item in data["entities"]),
        figures=tuple(figure_from_dict(item) for item in data["figures"]),
        summary=tuple(str(sentence) for sentence in data.get("summary", ())),
        developments=tuple(development_from_dict(item) for item in data.get("developments", ())),
        title=data.get("title"),
        url=data.get("url"),
        published=data.get("published"),
    )


def span_from_dict(data: dict[str, Any]) -> Span:
    return Span(int(data["start"]), int(data["end"]), str(data["text"]))


def speaker_from_dict(data: dict[str, Any]) -> Speaker:
    return Speaker(
        mention=span_from_dict(data["mention"]),
        name=data["name"],
        title=data["title"],
        kind=EntityKind(data["kind"]) if data["kind"] else None,
    )


def statement_from_dict(data: dict[str, Any]) -> Statement:
    return Statement(
        content=tuple(span_from_dict(span) for span in data["content"]),
        kind=Kind(data["kind"]),
        cue=span_from_dict(data["cue"]) if data["cue"] else None,
        speaker=speaker_from_dict(data["speaker"]) if data["speaker"] else None,
        sentence=span_from_dict(data["sentence"]),
    )


def entity_from_dict(data: dict[str, Any]) -> Entity:
    return Entity(
        name=data["name"],
        kind=EntityKind(data["kind"]),
        title=data["title"],
        mentions=tuple(span_from_dict(span) for span in data["mentions"]),
    )


def figure_from_dict(data: dict[str, Any]) -> Figure:
    return Figure(
        span=span_from_dict(data["span"]),
        kind=FigureKind(data["kind"]),
        sentence=span_from_dict(data["sentence"]),
        about=data.get("about"),
    )


def development_from_dict(data: dict[str, Any]) -> Development:
    return Development(
        text=data["text"],
        actors=tuple(data["actors"]),
        figures=tuple(data["figures"]),
        sentence=span_from_dict(data["sentence"]),
    )
