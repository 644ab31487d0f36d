"""Hand-built extraction results, so serialising and rendering can be tested without the spaCy pipeline."""

from __future__ import annotations

from nlp.model import Development, Entity, EntityKind, Extraction, Figure, FigureKind, Kind, Span, Speaker, Statement

ARTICLE = (
    "“I confirmed that we are ready,” Zelensky said, “and Europe supports us.” "
    "French President Emmanuel Macron said the summit focused on security guarantees. "
    "He hailed the talks as “a major step forward”. "
    "Aid reached $175 billion."
)
"""A short article; the example statements point into it by character offsets."""


def span(words: str, *, after: str = "") -> Span:
    """The span of the first appearance of ``words`` in the article after the words ``after``."""
    start = ARTICLE.index(words, ARTICLE.index(after) + len(after))
    return Span(start, start + len(words), words)


ZELENSKY = Speaker(span("Zelensky"), "Volodymyr Zelensky", "Ukrainian President", EntityKind.PERSON)
MACRON = Speaker(span("French President Emmanuel Macron"), "Emmanuel Macron", "French President", EntityKind.PERSON)
MACRON_AS_HE = Speaker(span("He"), "Emmanuel Macron", "French President", EntityKind.PERSON)

INTERRUPTED_DIRECT = Statement(
    content=(span("I confirmed that we are ready,"), span("and Europe supports us.")),
    kind=Kind.DIRECT,
    cue=span("said"),
    speaker=ZELENSKY,
    sentence=span("“I confirmed that we are ready,” Zelensky said, “and Europe supports us.”"),
)
REPORTED = Statement(
    content=(span("the summit focused on security guarantees"),),
    kind=Kind.INDIRECT,
    cue=span("said", after="Macron"),
    speaker=MACRON,
    sentence=span("French President Emmanuel Macron said the summit focused on security guarantees."),
)
PARTIAL = Statement(
    content=(span("the talks as “a major step forward”"),),
    kind=Kind.PARTIAL,
    cue=span("hailed"),
    speaker=MACRON_AS_HE,
    sentence=span("He hailed the talks as “a major step forward”."),
)


def example_extraction(**metadata: str | None) -> Extraction:
    """Three statements by two speakers, with entities and a figure; ``metadata`` sets title, url, published."""
    return Extraction(
        statements=(INTERRUPTED_DIRECT, REPORTED, PARTIAL),
        entities=(
            Entity("Volodymyr Zelensky", EntityKind.PERSON, "Ukrainian President", (ZELENSKY.mention,)),
            Entity("Emmanuel Macron", EntityKind.PERSON, "French President", (span("Emmanuel Macron"),)),
            Entity("Europe", EntityKind.PLACE, None, (span("Europe"),)),
        ),
        figures=(Figure(span("$175 billion"), FigureKind.MONEY, span("Aid reached $175 billion."), "Aid"),),
        summary=("Aid reached $175 billion.",),
        developments=(
            Development("Aid reached $175 billion.", (), ("$175 billion",), span("Aid reached $175 billion.")),
        ),
        **metadata,
    )


def statement_by(speaker: Speaker | None, words: str, kind: Kind = Kind.DIRECT) -> Statement:
    """A statement whose offsets are not meant to point anywhere: for rendering tests that need many of them."""
    content = Span(0, len(words), words)
    return Statement((content,), kind, Span(0, 4, "said"), speaker, content)


def speaker_named(name: str | None, mention: str | None = None, title: str | None = None) -> Speaker:
    return Speaker(Span(0, 0, mention or name or ""), name, title, EntityKind.PERSON if name else None)
