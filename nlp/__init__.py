"""The extraction pipeline: article text in, plain dataclasses out. No Slack, no Redis; only nlp.fetch
touches the network, to read a link."""

from nlp.extract import extract, extract_doc, extract_many, load_model
from nlp.model import Entity, EntityKind, Extraction, Figure, FigureKind, Kind, Speaker, Span, Statement

__all__ = [
    "Entity", "EntityKind", "Extraction", "Figure", "FigureKind", "Kind", "Speaker", "Span", "Statement",
    "extract", "extract_doc", "extract_many", "load_model",
]
