"""The extraction pipeline: one article's text in, an :class:`~nlp.model.Extraction` out.

The spaCy model is loaded once per process by the caller and passed in. Nothing here raises on odd input:
markup, unbalanced quote marks, emoji or a very long text give a valid, possibly empty, result.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from nlp import constants as C
from nlp.attribution import extract_statements
from nlp.developments import extract_developments
from nlp.figures import extract_figures
from nlp.model import Extraction
from nlp.people import PeopleIndex
from nlp.quotemarks import find_quotations
from nlp.summary import summarize

FALLBACK_MODEL = "en_core_web_sm"
_MAX_CHARS = 1_000_000


PARAGRAPH_BREAKS = "summit_paragraph_breaks"


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no parse runs from one paragraph into the next."""
    for token in doc[1:]:
        previous = doc[token.i - 1]
        if previous.is_space and "\n" in previous.text:
            token.is_sent_start = True
    return doc


def load_model(name: str) -> Language:
    """Load the English pipeline by package name (or the official one), with paragraph-aware sentences."""
    try:
        model = spacy.load(name)
    except OSError:
        if name == FALLBACK_MODEL or not spacy.util.is_package(FALLBACK_MODEL):
            raise
        model = spacy.load(FALLBACK_MODEL)
    model.add_pipe(PARAGRAPH_BREAKS, before="parser")
    return model


def mask_markup(text: str) -> str:
    """Blank out HTML tags (and script/style bodies) with spaces, keeping every offset in place."""
    if "<" not in text:
        return text
    blank = lambda match: " " * len(match.group())  # noqa: E731 - a one-line replacement callback
    return C.RE_MARKUP_TAG.sub(blank, C.RE_SCRIPT_BLOCK.sub(blank, text))


def extract(model: Language, text: str, *, title=None, url=None, published=None) -> Extraction:
    return extract_doc(model(prepare(text)), title=title, url=url, published=published)


def extract_many(model: Language, texts: Iterable[str], *, batch_size: int = 16) -> Iterator[Extraction]:
    for doc in model.pipe((prepare(text) for text in texts), batch_size=batch_size):
        yield extract_doc(doc)


def extract_doc(doc: Doc, *, title=None, url=None, published=None) -> Extraction:
    """Everything the pipeline reads from one parsed article.

    Offsets index the text as given; where markup was blanked out, span texts show spaces in its place.
    """
    text = doc.text
    people = PeopleIndex(doc, text)
    statements = extract_statements(doc, text, find_quotations(text), people)
    entities = people.entities()
    figures = extract_figures(doc)
    return Extraction(
        statements=tuple(statements),
        entities=entities,
        figures=tuple(figures),
        summary=summarize(doc, text, statements, figures),
        developments=tuple(extract_developments(doc, statements, figures, entities)),
        title=title,
        url=url,
        published=published,
    )


def prepare(text: str) -> str:
    return mask_markup(text[:_MAX_CHARS])

