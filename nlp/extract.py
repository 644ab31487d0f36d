"""The extraction pipeline: one article's text in, an :class:`~nlp.model.Extraction` out.

The spaCy model is loaded once per process by the caller and passed in. Nothing here raises on odd input:
markup, unbalanced quote marks, emoji or a very long text give a valid, possibly empty, result.
"""

from __future__ import annotations

import re
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
_MAX_CHARS = 250_000
"""Characters of an article that are parsed: a long feature is 50,000, and parsing costs about 0.2 s per 1,000
words, so a pasted book or a page of junk is cut here rather than holding a worker for minutes."""


PARAGRAPH_BREAKS = "summit_paragraph_breaks"


_SENTENCE_ENDS = {".", "!", "?"}
MAX_SENTENCE_TOKENS = 200
"""A longer run of tokens without a sentence end is cut: news sentences are far shorter, and the attribution
rules look at a token's whole sentence, so an endless one ("said said said ...") would cost quadratic time."""


@Language.component(PARAGRAPH_BREAKS)
def paragraph_breaks(doc: Doc) -> Doc:
    """Start a sentence after every line break, so no parse runs from one paragraph into the next, and at the
    latest every MAX_SENTENCE_TOKENS tokens."""
    since_end = 0  # tokens since a line break or a full stop, question or exclamation mark
    for token in doc[1:]:
        previous = doc[token.i - 1]
        since_end += 1
        line_break = previous.is_space and "\n" in previous.text
        if line_break or since_end >= MAX_SENTENCE_TOKENS:
            token.is_sent_start = True
        if line_break or since_end >= MAX_SENTENCE_TOKENS or previous.text in _SENTENCE_ENDS:
            since_end = 0
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


def mask_noise(text: str) -> str:
    """Blank out what is not prose, keeping every offset in place: HTML tags and script/style bodies, control
    characters, and long runs of one punctuation mark (a page of "=====" is a rule, and spaCy's tokenizer takes
    time quadratic in such runs). A lone surrogate, which the tokenizer cannot encode, becomes U+FFFD."""
    text = C.RE_LONE_SURROGATE.sub("\ufffd", text)
    for pattern in (C.RE_SCRIPT_BLOCK, C.RE_MARKUP_TAG, C.RE_CONTROL_CHARACTERS, C.RE_PUNCTUATION_RUN):
        text = pattern.sub(_blank, text)
    return text


def _blank(match: re.Match) -> str:
    return " " * len(match.group())


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
    """The text the parser sees: the article, at most _MAX_CHARS of it, with noise blanked out."""
    return mask_noise(text[:_MAX_CHARS])

