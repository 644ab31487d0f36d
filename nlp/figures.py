"""Key figures: money, percentages, counts, dates and durations, each with the sentence it comes from."""

from __future__ import annotations

from spacy.tokens import Doc

from nlp import constants as C
from nlp.model import Figure, FigureKind, Span

_KIND_BY_LABEL = {
    "MONEY": FigureKind.MONEY,
    "PERCENT": FigureKind.PERCENT,
    "QUANTITY": FigureKind.COUNT,
    "CARDINAL": FigureKind.COUNT,
    "DATE": FigureKind.DATE,
    "TIME": FigureKind.DATE,
}


def extract_figures(doc: Doc) -> list[Figure]:
    figures = []
    for ent in doc.ents:
        kind = _KIND_BY_LABEL.get(ent.label_)
        if kind is None:
            continue
        if ent.label_ == "CARDINAL" and not _counts_something(ent):
            continue  # a bare number ("one of them", a list item) is not a figure worth reporting
        if kind is FigureKind.DATE and C.RE_DURATION_UNIT.search(ent.text) and any(t.like_num for t in ent):
            kind = FigureKind.DURATION
        sentence = ent.sent
        figures.append(
            Figure(
                Span(ent.start_char, ent.end_char, ent.text),
                kind,
                Span(sentence.start_char, sentence.end_char, sentence.text),
            )
        )
    return figures


def _counts_something(ent) -> bool:
    root = ent.root
    return root.dep_ == "nummod" and root.head.pos_ == "NOUN" and any(t.like_num for t in ent)
