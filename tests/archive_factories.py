"""Fictional articles for the archive tests, built as stored records without the spaCy pipeline.

Every person, place and outlet here is made up. A ``Said`` is one statement; ``article`` writes a text with one
sentence per statement and an extraction whose spans point into it, as the pipeline would.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.archive import ArticleRecord, content_hash
from nlp.model import Development, EntityKind, Extraction, Figure, FigureKind, Kind, Span, Speaker, Statement

TEST_TEAM = "TTEST"
"""The workspace the archive tests store into (under each test's own key prefix)."""


@dataclass(frozen=True)
class Happened:
    """A development: its sentence, who is involved, and its figures as (text in the sentence, what about)."""

    sentence: str
    actors: tuple[str, ...] = ()
    figures: tuple[tuple[str, str | None], ...] = ()


@dataclass(frozen=True)
class Said:
    name: str | None
    words: str
    title: str | None = None
    kind: Kind = Kind.DIRECT
    mention: str | None = None
    """The words naming the speaker in the text ("Mr Ostrovsky"); the name itself when None."""
    entity_kind: EntityKind = EntityKind.PERSON


def article(
    *said: Said,
    title: str = "Harbour talks",
    outlet: str | None = "valdoria-herald.example",
    published: str | None = "2031-03-04T10:00:00+00:00",
    url: str | None = None,
    ingested_at: str = "2031-03-04T12:00:00+00:00",
    extra: str = "",
    happened: tuple[Happened, ...] = (),
) -> ArticleRecord:
    """A record with one sentence per development in ``happened``, then one per statement (``extra`` makes
    otherwise equal texts differ). Without ``happened``, the first statement's sentence is its development."""
    text = ""
    developments = []
    figures = []
    for event in happened:
        start = len(text)
        text += event.sentence + "\n\n"
        sentence = Span(start, start + len(event.sentence), event.sentence)
        developments.append(Development(event.sentence.rstrip("."), event.actors,
                                        tuple(figure for figure, _ in event.figures), sentence))
        for figure, about in event.figures:
            at = start + event.sentence.index(figure)
            figures.append(Figure(Span(at, at + len(figure), figure), FigureKind.MONEY if "$" in figure
                                  else FigureKind.DATE, sentence, about))
    statements = []
    for item in said:
        mention = item.mention or item.name or "A source"
        start = len(text)
        if item.kind is Kind.DIRECT:
            sentence = f"“{item.words},” {mention} said."
            words_at, cue_at = start + 1, start + len(item.words) + len(mention) + 5
        else:
            sentence = f"{mention} said {item.words}."
            words_at, cue_at = start + len(mention) + 6, start + len(mention) + 1
        mention_at = sentence.index(mention) + start
        text += sentence + "\n\n"
        speaker = Speaker(
            Span(mention_at, mention_at + len(mention), mention), item.name, item.title,
            item.entity_kind if item.name else None,
        )
        statements.append(Statement(
            content=(Span(words_at, words_at + len(item.words), item.words),),
            kind=item.kind,
            cue=Span(cue_at, cue_at + 4, "said"),
            speaker=speaker,
            sentence=Span(start, start + len(sentence), sentence),
        ))
    text += extra or title
    for statement in statements:
        for span in (*statement.content, statement.cue, statement.sentence, statement.speaker.mention):
            assert text[span.start : span.end] == span.text, span
    first = statements[0].sentence if statements else Span(0, 0, "")
    if not happened and statements:
        developments = [Development(first.text, (), (), first)]
    extraction = Extraction(
        statements=tuple(statements),
        entities=(),
        figures=tuple(figures),
        summary=(first.text,) if statements else (),
        developments=tuple(developments),
        title=title,
        url=url,
        published=published,
    )
    return ArticleRecord(
        url=url, canonical_url=url, title=title, outlet=outlet, authors=("Mira Quell",), published=published,
        language="en", text=text, content_hash=content_hash(text), extraction=extraction, ingested_at=ingested_at,
    )
