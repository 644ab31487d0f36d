"""Hand-built extraction results, so serialising and rendering can be tested without the spaCy pipeline."""

from __future__ import annotations

from nlp.model import Development, Entity, EntityKind, Extraction, Figure, FigureKind, Kind, Span, Speaker, Statement

ARTICLE = (
    "“I confirmed that we are ready,” Holt said, “and Portvale supports us.” "
    "Council Leader Tom Baker said the talks focused on ferry guarantees. "
    "He hailed the talks as “a major step forward”. "
    "Aid reached $175 million."
)
"""A short article; the example statements point into it by character offsets."""


def span(words: str, *, after: str = "") -> Span:
    """The span of the first appearance of ``words`` in the article after the words ``after``."""
    start = ARTICLE.index(words, ARTICLE.index(after) + len(after))
    return Span(start, start + len(words), words)


HOLT = Speaker(span("Holt"), "Lena Holt", "Transport Secretary", EntityKind.PERSON)
BAKER = Speaker(span("Council Leader Tom Baker"), "Tom Baker", "Council Leader", EntityKind.PERSON)
BAKER_AS_HE = Speaker(span("He"), "Tom Baker", "Council Leader", EntityKind.PERSON)

INTERRUPTED_DIRECT = Statement(
    content=(span("I confirmed that we are ready,"), span("and Portvale supports us.")),
    kind=Kind.DIRECT,
    cue=span("said"),
    speaker=HOLT,
    sentence=span("“I confirmed that we are ready,” Holt said, “and Portvale supports us.”"),
)
REPORTED = Statement(
    content=(span("the talks focused on ferry guarantees"),),
    kind=Kind.INDIRECT,
    cue=span("said", after="Baker"),
    speaker=BAKER,
    sentence=span("Council Leader Tom Baker said the talks focused on ferry guarantees."),
)
PARTIAL = Statement(
    content=(span("the talks as “a major step forward”"),),
    kind=Kind.PARTIAL,
    cue=span("hailed"),
    speaker=BAKER_AS_HE,
    sentence=span("He hailed the talks as “a major step forward”."),
)


def example_extraction(**metadata: str | None) -> Extraction:
    """Three statements by two speakers, with entities and a figure; ``metadata`` sets title, url, published."""
    return Extraction(
        statements=(INTERRUPTED_DIRECT, REPORTED, PARTIAL),
        entities=(
            Entity("Lena Holt", EntityKind.PERSON, "Transport Secretary", (HOLT.mention,)),
            Entity("Tom Baker", EntityKind.PERSON, "Council Leader", (span("Tom Baker"),)),
            Entity("Portvale", EntityKind.PLACE, None, (span("Portvale"),)),
        ),
        figures=(Figure(span("$175 million"), FigureKind.MONEY, span("Aid reached $175 million."), "Aid"),),
        summary=("Aid reached $175 million.",),
        developments=(
            Development("Aid reached $175 million.", (), ("$175 million",), span("Aid reached $175 million.")),
        ),
        **metadata,
    )


def statement_by(speaker: Speaker | None, words: str, kind: Kind = Kind.DIRECT) -> Statement:
    """A statement whose offsets are not meant to point anywhere: for rendering tests that need many of them."""
    content = Span(0, len(words), words)
    return Statement((content,), kind, Span(0, 4, "said"), speaker, content)


def speaker_named(name: str | None, mention: str | None = None, title: str | None = None) -> Speaker:
    return Speaker(Span(0, 0, mention or name or ""), name, title, EntityKind.PERSON if name else None)


def development(text: str, actors=(), figures=()) -> Development:
    """A development that is the whole of ``text``."""
    return Development(text, tuple(actors), tuple(figures), Span(0, len(text), text))
