"""Key figures: money, percentages, counts, dates and durations, each with its sentence and what it is about.

"What it is about" is put together from the article's own words around the figure: the thing counted or
priced ("US weapons") and the clause that governs it ("Ukraine offered to buy"), so a reporter reads
"about $90 billion — US weapons Ukraine offered to buy" without opening the article.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span as SpacySpan, Token

from nlp import constants as C
from nlp.model import Figure, FigureKind, Span
from nlp.people import noun_phrase

_KIND_BY_LABEL = {
    "MONEY": FigureKind.MONEY,
    "PERCENT": FigureKind.PERCENT,
    "QUANTITY": FigureKind.COUNT,
    "CARDINAL": FigureKind.COUNT,
    "DATE": FigureKind.DATE,
    "TIME": FigureKind.DATE,
}
_NUMBER_DEPS = {"nummod", "quantmod", "compound", "npadvmod"}
_VERB_WORDS = {"aux", "auxpass", "neg", "prt"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_TIME_KINDS = {FigureKind.DATE, FigureKind.DURATION}
_COPULA_DEPS = {"acomp", "attr"}
_OBJECT_DEPS = _COPULA_DEPS | {"dobj"}


def extract_figures(doc: Doc) -> list[Figure]:
    figures = []
    for ent in doc.ents:
        kind = _KIND_BY_LABEL.get(ent.label_)
        if kind is None:
            continue
        if ent.label_ == "CARDINAL" and not _counts_something(ent):
            continue  # a bare number ("one of them", a list item) is not a figure worth reporting
        if kind is FigureKind.DATE and not C.RE_DATE_EVIDENCE.search(ent.text):
            continue  # the NER's "a sad day" is no date
        if kind is FigureKind.DATE and C.RE_DURATION_UNIT.search(ent.text) and any(t.like_num for t in ent):
            kind = FigureKind.DURATION
        sentence = ent.sent
        figures.append(
            Figure(
                Span(ent.start_char, ent.end_char, ent.text),
                kind,
                Span(sentence.start_char, sentence.end_char, sentence.text),
                about=what_it_is_about(ent, kind),
            )
        )
    return figures


def _counts_something(ent: SpacySpan) -> bool:
    root = ent.root
    return root.dep_ == "nummod" and root.head.pos_ == "NOUN" and any(t.like_num for t in ent)


def what_it_is_about(ent: SpacySpan, kind: FigureKind) -> str | None:
    """ "US weapons Ukraine offered to buy", "when the guarantees would be formalised", "Marovia's invasion"
    (for "since Marovia's invasion two years ago"), or None."""
    if kind in _TIME_KINDS:
        dated = _event_dated(ent)
        if dated is not None:
            return _join([t for t in noun_phrase(dated) if not ent.start <= t.i < ent.end])
    thing = None if kind in _TIME_KINDS else _thing_counted(ent)
    anchor = thing if thing is not None else ent.root
    verb = next((t for t in anchor.ancestors if t.pos_ in ("VERB", "AUX")), None)
    clause = (_clause_words(verb, ent, with_object=thing is None, with_speaker=kind in _TIME_KINDS)
              if verb is not None else "")
    if kind in _TIME_KINDS:
        return f"when {clause}" if clause else None
    if thing is None:
        return clause or None
    thing_words = _join([t for t in noun_phrase(thing) if not ent.start <= t.i < ent.end])
    if not clause or thing.dep_ in _SUBJECT_DEPS:
        return thing_words
    preposition = thing.head.text if thing.head.dep_ == "prep" and thing.head.head == verb else ""
    return " ".join(part for part in (thing_words, clause, preposition) if part)


def _event_dated(ent: SpacySpan) -> Token | None:
    """The noun a time follows after one of C.TIME_PREPOSITIONS: "since [Marovia's invasion] two years ago".
    The parser tends to hang such a time on the sentence's verb, which then says nothing about it."""
    before = ent.start - 1
    while before >= 0 and ent.doc[before].pos_ == "ADV":
        before -= 1  # "nearly", "almost"
    if before < 0:
        return None
    noun = ent.doc[before]
    preposition = noun.head
    if noun.pos_ in ("NOUN", "PROPN") and noun.dep_ == "pobj" and preposition.lower_ in C.TIME_PREPOSITIONS:
        return noun
    return None


def _thing_counted(ent: SpacySpan) -> Token | None:
    """The noun a number counts or prices: "12 [new ferries]", "$90 billion worth of [US weapons]"."""
    root = ent.root
    if root.dep_ not in _NUMBER_DEPS or root.head.pos_ != "NOUN" or root.head.i in range(ent.start, ent.end):
        return None
    head = root.head
    if head.lower_ in C.MEASURE_NOUNS:
        of = next((c for c in head.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        head = next((c for c in of.children if c.dep_ == "pobj"), head) if of is not None else head
    return head


def _clause_words(verb: Token, ent: SpacySpan, *, with_object: bool, with_speaker: bool) -> str:
    """The subject and verb group of the clause around `verb`, in the article's word order:
    "Ukraine offered to buy" for "buy" in "Ukraine offered to buy ...", with a short complement
    ("he was willing to meet", "criticise the Ukrainian leader") where asked for, and with ``with_speaker``
    who said a reported clause ("Zelensky said he was willing to meet")."""
    chain = [verb]
    while chain[-1].dep_ == "xcomp" and not any(c.dep_ in _SUBJECT_DEPS for c in chain[-1].children):
        chain.append(chain[-1].head)
    top = chain[-1]
    subject = next((c for c in top.children if c.dep_ in _SUBJECT_DEPS), None)
    words = {t for v in chain for t in [v, *(c for c in v.children if c.dep_ in _VERB_WORDS)]}
    if subject is not None and not subject.is_space:
        words.update(noun_phrase(subject))
    complements = _OBJECT_DEPS if with_object else _COPULA_DEPS
    for complement in (c for c in verb.children if c.dep_ in complements):
        words.update(noun_phrase(complement))
        # "willing to meet": what one is willing, ready or able to do.
        for action in (c for c in complement.children if c.dep_ == "xcomp" and c.pos_ == "VERB"):
            words.update([action, *(c for c in action.children if c.dep_ in _VERB_WORDS)])
    if with_speaker and top.dep_ == "ccomp" and top.head.lemma_ in C.SPEECH_VERBS:
        # "Zelensky said on Monday he was willing …": the time the parser hung on the reported clause is as
        # often the time it was said, so the label names who said it.
        speaker = next((c for c in top.head.children if c.dep_ in _SUBJECT_DEPS), None)
        if speaker is not None:
            words.update([top.head, *noun_phrase(speaker)])
    words = {t for t in words if not ent.start <= t.i < ent.end}
    ordered = sorted(words, key=lambda t: t.i)
    phrase = _join(ordered)
    first = ordered[0] if ordered else None
    if first is not None and first.pos_ != "PROPN" and first.text != "I" and not first.ent_type_:
        phrase = phrase[0].lower() + phrase[1:]  # "when the tone was", "when she said"; "Ukrainian" stays
    return phrase


def _join(tokens: list[Token]) -> str:
    """The tokens' words as the article spaces them, one space across any gap."""
    parts = []
    for token, following in zip(tokens, tokens[1:] + [None]):
        adjacent = following is not None and following.i == token.i + 1
        parts.append(token.text_with_ws if adjacent else token.text + " ")
    return "".join(parts).strip()
