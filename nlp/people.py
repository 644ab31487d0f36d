"""Who is who in one article: names clustered into people, their titles, and what pronouns point to.

An article introduces a person once in full ("Ukrainian President Volodymyr Zelensky") and then by surname
("Zelensky"), honorific ("Mr Zelensky") or pronoun ("he"). The statistical NER labels some of these
mentions wrongly (a surname alone often comes out as ORG), so a proper noun that matches a known person's
name is taken as that person whatever its label.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span as SpacySpan, Token

from nlp import constants as C
from nlp.model import Entity, EntityKind, Span

_PERSON_LABELS = {"PERSON"}
_ORGANISATION_LABELS = {"ORG"}
_PLACE_LABELS = {"GPE", "LOC", "FAC"}
_NP_MODIFIERS = {"compound", "amod", "det", "poss", "nmod", "nummod", "case", "punct", "quantmod", "advmod"}
_SUBJECT_DEPS = {"nsubj", "nsubjpass"}
_ARGUMENT_DEPS = {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "conj", "attr"}
_PRONOUN_WINDOW_TOKENS = 300


@dataclass
class Referent:
    """A person, organisation or place as this article names it (mutable while the article is read)."""

    words: list[str]
    kind: EntityKind
    title: str | None = None
    gender: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)

    @property
    def name(self) -> str:
        return " ".join(self.words)

    @property
    def surname(self) -> str:
        return _key(self.words[-1])


@dataclass(frozen=True)
class NameParts:
    """A noun phrase split into the name it carries and the title or role around it."""

    name_tokens: tuple[Token, ...]
    title: str | None
    honorific: str | None


def _key(word: str) -> str:
    return word.lower().removesuffix("'s").removesuffix("’s").strip(".")


def _is_title_word(token: Token) -> bool:
    return token.lower_ in C.OFFICE_WORDS or token.lower_ in C.HONORIFICS


def noun_phrase(head: Token) -> SpacySpan:
    """The head with its left modifiers: "the Ukrainian President Volodymyr Zelensky"."""
    start = head.i
    for child in head.lefts:
        if child.dep_ in _NP_MODIFIERS or child.dep_ == "appos":
            start = min(start, child.left_edge.i)
    while start < head.i and (head.doc[start].is_punct or head.doc[start].is_space):
        start += 1
    return head.doc[start : head.i + 1]


def name_parts(head: Token) -> NameParts:
    """Split the phrase around `head` into name and title ("US President" + "Donald Trump")."""
    phrase = noun_phrase(head)
    names: list[Token] = []
    if head.pos_ == "PROPN" or head.ent_type_ == "PERSON":
        for token in reversed(phrase):
            if token.pos_ == "PROPN" and not _is_title_word(token) and token.dep_ != "poss":
                names.insert(0, token)
            elif token.is_punct and token.text in ".-" and names:
                continue
            else:
                break
    honorific = next((t.lower_ for t in phrase if t.lower_ in C.HONORIFICS), None)
    title_tokens = [t for t in phrase if t not in names and t.lower_ not in C.HONORIFICS]
    joints = [i for i, t in enumerate(title_tokens) if t.dep_ in ("cc", "conj") or t.text == ","]
    if joints:
        title_tokens = title_tokens[joints[-1] + 1 :]
    while title_tokens and (title_tokens[0].lower_ == "the" or title_tokens[0].is_punct):
        title_tokens.pop(0)
    title = _span_text(title_tokens) if names else None
    appositive = next((c for c in head.rights if c.dep_ == "appos"), None)
    if appositive is not None:
        if not names and appositive.pos_ == "PROPN":  # "a spokeswoman, Melezia Figueroa,"
            inner = name_parts(appositive)
            return NameParts(inner.name_tokens, _span_text(list(phrase)), inner.honorific or honorific)
        if names and appositive.pos_ != "PROPN":  # "Hugh Hill, a doctor,"
            title = _span_text(list(appositive.subtree))
    if not names:
        return NameParts((), _span_text(list(phrase)), honorific)
    return NameParts(tuple(names), title or None, honorific)


def _span_text(tokens: list[Token]) -> str | None:
    if not tokens:
        return None
    text = tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
    return text.strip(" ,") or None


class PeopleIndex:
    """The people and organisations of one parsed article, each under one canonical name."""

    def __init__(self, doc: Doc, text: str):
        self.text = text
        self.people: list[Referent] = []
        self._organisations: dict[str, Referent] = {}
        self._places: dict[str, Referent] = {}
        self._mention_starts: list[int] = []  # token index of each person mention, sorted
        self._mention_people: list[Referent] = []
        self._subject_mentions: set[int] = set()
        for ent in doc.ents:
            self._add_entity(ent)
        for token in doc:
            if _looks_like_unlabelled_name(token):
                self._add_person_mention(name_parts(token).name_tokens)
        self._merge_surnames()

    # -- building -------------------------------------------------------------------------------------

    def _add_entity(self, ent: SpacySpan) -> None:
        label = ent.label_
        if label in _PERSON_LABELS or (label in _ORGANISATION_LABELS and self._known_surname(ent)):
            parts = name_parts(ent.root)
            if parts.name_tokens:
                person = self._add_person_mention(parts.name_tokens)
                person.title = person.title or parts.title
        elif label in _ORGANISATION_LABELS:
            self._add_named(self._organisations, ent, EntityKind.ORGANISATION)
        elif label in _PLACE_LABELS:
            self._add_named(self._places, ent, EntityKind.PLACE)

    def _known_surname(self, ent: SpacySpan) -> bool:
        return len(ent) == 1 and any(p.surname == _key(ent.text) for p in self.people)

    def _add_named(self, table: dict[str, Referent], ent: SpacySpan, kind: EntityKind) -> None:
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        entry = table.setdefault(text.lower(), Referent(text.split(), kind))
        entry.mentions.append((ent.start_char, ent.end_char))

    def _add_person_mention(self, name_tokens: list[Token] | tuple[Token, ...]) -> Referent:
        words = [t.text.removesuffix("’s").removesuffix("'s") for t in name_tokens]
        person = self._match(words)
        if person is None:
            person = Referent(words, EntityKind.PERSON)
            self.people.append(person)
        elif len(words) > len(person.words):
            person.words = words
        start, end = name_tokens[0], name_tokens[-1]
        span = (start.idx, end.idx + len(end))
        if span not in person.mentions:
            person.mentions.append(span)
            position = bisect.bisect(self._mention_starts, start.i)
            self._mention_starts.insert(position, start.i)
            self._mention_people.insert(position, person)
        if end.dep_ in _SUBJECT_DEPS:
            self._subject_mentions.add(start.i)
        self._learn_gender(person, start)
        return person

    def _match(self, words: list[str]) -> Referent | None:
        keys = [_key(w) for w in words]
        candidates = []
        for person in self.people:
            person_keys = [_key(w) for w in person.words]
            if keys[-1] == person_keys[-1] and _first_names_agree(keys, person_keys):
                candidates.append(person)
            elif len(keys) == 1 and len(person_keys) > 1 and keys[0] == person_keys[0]:
                candidates.append(person)
        return candidates[-1] if candidates else None

    def _merge_surnames(self) -> None:
        """A surname seen before the full name ("Zelensky ... Volodymyr Zelensky") is the same person."""
        for short in [p for p in self.people if len(p.words) == 1]:
            longer = [p for p in self.people if len(p.words) > 1 and p.surname == short.surname]
            if len(longer) == 1:
                target = longer[0]
                target.mentions.extend(short.mentions)
                target.gender = target.gender or short.gender
                self.people.remove(short)
                self._mention_people = [target if p is short else p for p in self._mention_people]
        for person in self.people:
            mislabelled = self._organisations.pop(person.surname, None)
            if mislabelled is not None:
                person.mentions.extend(mislabelled.mentions)

    def _learn_gender(self, person: Referent, first_token: Token) -> None:
        if person.gender:
            return
        previous = first_token.nbor(-1) if first_token.i > 0 else None
        honorific = previous.lower_ if previous is not None else ""
        first = _key(person.words[0]) if len(person.words) > 1 else ""
        if honorific in C.MALE_HONORIFICS or first in C.MALE_FIRST_NAMES:
            person.gender = "male"
        elif honorific in C.FEMALE_HONORIFICS or first in C.FEMALE_FIRST_NAMES:
            person.gender = "female"

    # -- questions ------------------------------------------------------------------------------------

    def resolve(self, head: Token) -> tuple[Referent | None, NameParts]:
        """The person or organisation the phrase headed by `head` names, if it names one."""
        parts = name_parts(head)
        if parts.name_tokens:
            ent_type = parts.name_tokens[-1].ent_type_
            if ent_type in _ORGANISATION_LABELS | _PLACE_LABELS and not self._match(
                [parts.name_tokens[-1].text]
            ):
                return self._organisation(head, parts), parts
            person = self._add_person_mention(parts.name_tokens)
            if parts.title and not person.title:
                person.title = parts.title
            if parts.honorific and not person.gender:
                person.gender = "female" if parts.honorific in C.FEMALE_HONORIFICS else "male"
            return person, parts
        return self._organisation(head, parts), parts

    def _organisation(self, head: Token, parts: NameParts) -> Referent | None:
        phrase = noun_phrase(head)
        label_tokens = [t for t in phrase if t.ent_type_ in _ORGANISATION_LABELS | _PLACE_LABELS]
        if not label_tokens:
            return None
        text = _span_text(label_tokens) or ""
        text = text[4:] if text.lower().startswith("the ") else text
        table = self._organisations
        entry = table.setdefault(text.lower(), Referent(text.split(), EntityKind.ORGANISATION))
        span = (phrase.start_char, phrase.end_char)
        if span not in entry.mentions:
            entry.mentions.append(span)
        return entry

    def antecedent(self, pronoun: Token, *, recent_speakers: list[tuple[int, Referent]]) -> Referent | None:
        """The person or organisation a speaker pronoun most likely points to.

        Newswire rarely switches subject without naming the new one, so the last speaker credited with a
        statement wins; for "he" and "she", failing that, the nearest person named as a subject, then
        anyone named. "They" and "we" go to the last organisation that spoke. Distance is counted in
        tokens, not sentences, since one long quotation can hold many short sentences.
        """
        window_start = pronoun.i - _PRONOUN_WINDOW_TOKENS
        earlier_speakers = [p for i, p in reversed(recent_speakers) if window_start <= i < pronoun.i]
        if pronoun.lower_ in C.PLURAL_PRONOUNS:
            return next((p for p in earlier_speakers if p.kind is EntityKind.ORGANISATION), None)
        gender = "male" if pronoun.lower_ in C.MALE_PRONOUNS else "female" if pronoun.lower_ in C.FEMALE_PRONOUNS else None
        if gender is None:
            return None
        speaker = next((p for p in earlier_speakers if _fits(p, gender)), None)
        if speaker is not None:
            return speaker
        upto = bisect.bisect_left(self._mention_starts, pronoun.i)
        window = [
            (i, p)
            for i, p in zip(self._mention_starts[:upto], self._mention_people[:upto])
            if i >= window_start and _fits(p, gender)
        ]
        subjects = [(i, p) for i, p in window if i in self._subject_mentions]
        for candidates in (subjects, window):
            if candidates:
                return candidates[-1][1]
        return None

    def entities(self) -> tuple[Entity, ...]:
        result = []
        for group in (self.people, self._organisations.values(), self._places.values()):
            for entry in group:
                mentions = tuple(Span(s, e, self.text[s:e]) for s, e in sorted(set(entry.mentions)))
                result.append(Entity(entry.name, entry.kind, entry.title, mentions))
        return tuple(result)


def _looks_like_unlabelled_name(token: Token) -> bool:
    """"Ana Ruiz" in an argument position that the NER left unlabelled is still a person's name."""
    if token.pos_ != "PROPN" or token.ent_type_ or token.dep_ not in _ARGUMENT_DEPS:
        return False
    names = name_parts(token).name_tokens
    return len(names) >= 2 and all(t.text[:1].isupper() and t.text[1:].islower() and not t.ent_type_ for t in names)


def _first_names_agree(a: list[str], b: list[str]) -> bool:
    if len(a) == 1 or len(b) == 1:
        return True
    first_a, first_b = a[0], b[0]
    return first_a == first_b or first_a[0] == first_b[0] and (len(first_a) <= 2 or len(first_b) <= 2)


def _fits(person: Referent, gender: str) -> bool:
    return person.kind is EntityKind.PERSON and person.gender in (None, gender)
