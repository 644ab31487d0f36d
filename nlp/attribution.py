"""Attributed statements: who is credited with which words, read off the dependency parse.

Two sources of evidence meet here. The parse finds cues (a reporting verb, "according to", a colon after a
name) with their speaker and the clause they report. Quote marks find quotations, which may run over
several sentences and paragraphs the parser knows nothing of. A quotation that overlaps or touches a cue's
clause becomes that statement's content; one that touches no cue continues the last speaker's statement
or, when it is a fragment, is a scare quote or a title and not a statement at all.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from nlp import constants as C
from nlp.model import Kind, Speaker, Span, Statement
from nlp.people import Referent, PeopleIndex, noun_phrase
from nlp.quotemarks import Quotation

_RE_ONLY_GLUE = re.compile(r"^[\s,;:—–-]*$")
_RE_DASH_LEAD = re.compile(r"^\s*[—–-]{1,2}\s*")
_COMPLEMENTIZERS = {"that", "whether", "if"}
_MIN_CONTENT_WORDS = 2
_MIN_FREESTANDING_QUOTE_WORDS = 4
_CONTINUATION_SENTENCES = 6
_MAX_PARENTHETICAL_TOKENS = 12
_FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
_SETTING_OFF = {",", "”", '"', "''", "—", "–"}
_SUBJECT_DEPS = ("nsubj", "nsubjpass")
_CLIMB_DEPS = ("advcl", "conj", "xcomp", "ccomp", "pcomp")


@dataclass
class _Draft:
    """A statement being assembled: its cue, speaker and reported words, then the quotations it owns.

    `clause` is the character range of the attribution itself ("Zelensky said on Monday"), used to tell
    whether a quotation touches it. `framing_only` marks a cue that reports no clause of its own and makes
    a statement only if a quotation comes to it.
    """

    cue: Token | None
    cue_range: tuple[int, int] | None
    speaker: Token | None
    content: list[tuple[int, int]]
    framing_only: bool = False
    quotations: list[Quotation] = field(default_factory=list)
    clause: tuple[int, int] = (0, 0)
    inherited_from: _Draft | None = None


def extract_statements(doc: Doc, text: str, quotations: list[Quotation], people: PeopleIndex) -> list[Statement]:
    """Every attributed statement of a parsed article.

    `text` is `doc.text`, passed in because spaCy rebuilds that string on every access.
    """
    quoted = _QuotedText(quotations)
    drafts = [d for d in (_draft_for_cue(token, quoted) for token in doc if not quoted.covers(token.idx)) if d]
    drafts += _colon_drafts(doc)
    drafts.sort(key=lambda d: d.clause[0])
    free = _attach_quotations(text, drafts, quotations)
    drafts += _freestanding_drafts(doc, text, free, drafts)
    drafts.sort(key=lambda d: _content_start(d))
    return _finish(doc, text, drafts, people)


# -- cues ---------------------------------------------------------------------------------------------


def _is_cue(token: Token) -> bool:
    if token.pos_ != "VERB":
        return False
    lemma = token.lemma_.lower()
    if lemma in C.SPEECH_VERBS or lemma in C.QUOTE_FRAMING_VERBS:
        return True
    particles = C.CUE_PARTICLES.get(lemma, ())
    return any(c.dep_ == "prt" and c.lower_ in particles for c in token.children)


class _QuotedText:
    """Which characters of the article lie inside quote marks."""

    def __init__(self, quotations: list[Quotation]):
        self._ranges = sorted((q.opened_at, q.closed_at) for q in quotations)
        self._starts = [start for start, _ in self._ranges]

    def covers(self, offset: int) -> bool:
        i = bisect.bisect_right(self._starts, offset) - 1
        return i >= 0 and offset < self._ranges[i][1]


def _draft_for_cue(token: Token, quoted: _QuotedText) -> _Draft | None:
    if token.lower_ == "according" and any(c.lower_ == "to" for c in token.children):
        return _according_to_draft(token)
    if not _is_cue(token):
        return None
    speaker = _subject(token)
    if speaker is None or quoted.covers(speaker.idx):
        speaker = _adjacent_speaker(token, quoted)
    if speaker is None:
        return None
    content_tokens = (
        _clausal_content(token)
        or _content_after_colon(token)
        or _content_around_parenthetical(token)
        or _content_around_commas(token, speaker)
    )
    framing_only = not content_tokens
    if framing_only and token.lemma_.lower() in C.QUOTE_FRAMING_VERBS:
        content_tokens = _complements(token)
    cue_end = max([token] + [c for c in token.children if c.dep_ == "prt"], key=lambda t: t.i)
    cue_range = (token.idx, cue_end.idx + len(cue_end))
    clause = _clause_range(token, content_tokens, quoted)
    if speaker.i == token.i - 1 and speaker not in token.children:
        # A speaker the parser left unconnected still belongs to the attribution clause.
        clause = (min(clause[0], noun_phrase(speaker).start_char), clause[1])
    return _Draft(token, cue_range, speaker, _token_runs(content_tokens), framing_only, clause=clause)


def _complements(verb: Token) -> list[Token]:
    """What a framing verb says of its object: called [half of his supporters "deplorables"]."""
    kept = [c for c in verb.rights if c.dep_ in ("dobj", "oprd", "attr", "acomp", "prep", "dative", "xcomp")]
    return _trim(sorted({t for c in kept for t in c.subtree}, key=lambda t: t.i))


def _according_to_draft(according: Token) -> _Draft | None:
    to = next(c for c in according.children if c.lower_ == "to")
    source = next((c for c in to.children if c.dep_ == "pobj"), None)
    if source is None:
        return None
    head = according.head
    if _is_cue(head) and _subject(head) is not None:
        return None  # "X said, according to a statement": the verb already attributes it
    sentence = according.sent
    phrase = set(t.i for t in according.subtree)
    content_tokens = [t for t in sentence if t.i not in phrase]
    content = _token_runs(content_tokens)
    if not content:
        return None
    cue_range = (according.idx, to.idx + len(to))
    clause = (according.left_edge.idx, according.right_edge.idx + len(according.right_edge))
    return _Draft(according, cue_range, source, content, clause=clause)


def _colon_drafts(doc: Doc) -> list[_Draft]:
    """Headline and transcript style: "Zelensky: we are ready to meet Putin"."""
    drafts = []
    for sentence in doc.sents:
        colon = next((t for t in sentence[:6] if t.text == ":"), None)
        if colon is None or colon.i == sentence.start:
            continue
        label = doc[sentence.start : colon.i]
        names = [t for t in label if not t.is_punct and not t.is_space]
        if not names or names[0].lower_ in C.NOT_SPEAKER_LABELS:
            continue
        if any(t.pos_ != "PROPN" and not (t.is_upper and t.is_alpha) for t in names):
            continue
        content_tokens = [t for t in sentence if t.i > colon.i]
        if sum(1 for t in content_tokens if not t.is_punct) < 3:
            continue
        drafts.append(
            _Draft(None, (colon.idx, colon.idx + 1), names[-1], _token_runs(content_tokens),
                   clause=(label.start_char, colon.idx + 1))
        )
    return drafts


def _subject(verb: Token) -> Token | None:
    """The speaker of a cue verb, climbing through "..., adding that" and "and said" to the main clause."""
    token = verb
    while True:
        subject = next((c for c in token.children if c.dep_ in _SUBJECT_DEPS), None)
        if subject is not None:
            return _usable_subject(token, subject)
        agent = next((c for c in token.children if c.dep_ == "agent"), None)
        if agent is not None:
            return next((c for c in agent.children if c.dep_ == "pobj"), None)
        climbs = token.dep_ in _CLIMB_DEPS or (token.dep_ == "prep" and token.lower_ == "as")
        if not climbs or token.head is token:
            return None
        token = token.head
        # A clause reported by another cue has a subject of its own that is not our speaker.
        while token.dep_ == "ccomp" and _is_cue(token.head):
            token = token.head


def _adjacent_speaker(verb: Token, quoted: _QuotedText) -> Token | None:
    """The name right before or after a cue the parser did not connect: "…,” Chief Ann Cole said Monday."""
    doc = verb.doc
    before = doc[verb.i - 1] if verb.i > verb.sent.start else None
    if before is not None and before.pos_ in ("PROPN", "NOUN", "PRON") and not quoted.covers(before.idx):
        if before.lower_ not in C.EXPLETIVES and before.lower_ not in C.RELATIVE_PRONOUNS:
            return before
    after = doc[verb.i + 1] if verb.i + 1 < verb.sent.end else None
    if after is None or after.pos_ != "PROPN" or quoted.covers(after.idx):
        return None
    while after.i + 1 < verb.sent.end and doc[after.i + 1].pos_ == "PROPN":
        after = doc[after.i + 1]
    return after


def _usable_subject(verb: Token, subject: Token) -> Token | None:
    if subject.lower_ in C.RELATIVE_PRONOUNS and verb.dep_ == "relcl":
        return subject
    if subject.lower_ in C.EXPLETIVES or subject.pos_ not in ("NOUN", "PROPN", "PRON"):
        return None
    if subject.dep_ == "nsubjpass" and verb.lemma_.lower() != "quote":
        return None  # "Trump was asked ...": the passive subject is spoken to, not speaking
    return subject


def _clausal_content(verb: Token) -> list[Token]:
    clauses = [c for c in verb.children if c.dep_ == "ccomp"]
    if not clauses and verb.lemma_.lower() in C.DIRECTIVE_VERBS:
        clauses = [c for c in verb.children if c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.lefts)]
    tokens = {t for clause in clauses for t in clause.subtree}
    for token in list(tokens):
        if token.dep_ == "conj" and _is_cue(token) and token not in clauses:
            # "... would be formalised, and saying Ukraine offered ...": a second statement, not this one's
            tokens -= set(token.subtree)
            tokens -= {c for c in token.head.children if c.dep_ == "cc" and c.i < token.i}
    return _trim(sorted(tokens, key=lambda t: t.i))


def _content_after_colon(verb: Token) -> list[Token]:
    """"He added: ..." — the statement follows the colon, in this sentence or, after a break, the next."""
    colon = next((t for t in verb.rights if t.text == ":"), None)
    if colon is None:
        return []
    rest = _trim([t for t in verb.sent if t.i > colon.i])
    if rest or verb.sent.end >= len(verb.doc):
        return rest
    return _trim(list(verb.doc[verb.sent.end].sent))


def _content_around_parenthetical(verb: Token) -> list[Token]:
    """"The deal is off, he said." — the parser hangs the short cue clause off the statement, or the
    statement off the cue as a clause of its own."""
    doc = verb.doc
    leading = [c for c in verb.lefts if c.dep_ in ("advcl", "parataxis", "dep", "ccomp") and c.pos_ in ("VERB", "AUX")]
    if leading and verb.left_edge.i == leading[0].left_edge.i:
        clause_start = leading[-1].right_edge.i + 1
        if clause_start < verb.i and doc[clause_start].text == ",":
            return _trim([t for t in verb.sent if t.i < clause_start])
    if verb.dep_ not in ("parataxis", "ccomp", "advcl", "conj", "dep") or verb.head is verb:
        return []
    clause = set(t.i for t in verb.subtree)
    if len(clause) > _MAX_PARENTHETICAL_TOKENS:
        return []
    if not _set_off(doc, verb.left_edge.i, -1, verb.sent):
        return []
    if verb.head.i > verb.i and not _set_off(doc, verb.right_edge.i, +1, verb.sent):
        return []
    return _trim([t for t in verb.sent if t.i not in clause])


def _content_around_commas(verb: Token, speaker: Token) -> list[Token]:
    """"These employees, Stumpf explained at the hearing, were well paid": the parse of such asides is
    unreliable, so the commas decide. The cue clause is the comma-delimited stretch holding speaker and
    cue; the statement is the rest of the sentence, and must have a finite verb of its own."""
    sentence = verb.sent
    commas = [t.i for t in sentence if t.text == ","]
    left = max((i for i in commas if i < min(speaker.i, verb.i)), default=None)
    right = min((i for i in commas if i > max(speaker.i, verb.i)), default=sentence.end)
    if left is None or right - left - 1 > _MAX_PARENTHETICAL_TOKENS:
        return []
    rest = [t for t in sentence if t.i < left or t.i > right]
    if not any(t.tag_ in _FINITE_TAGS for t in rest):
        return []
    return _trim(rest)


def _set_off(doc: Doc, edge: int, step: int, sentence) -> bool:
    """Is the clause ending at token `edge` marked off by a comma, dash or quote mark on that side?"""
    if doc[edge].text in _SETTING_OFF:
        return True
    beyond = edge + step
    return sentence.start <= beyond < sentence.end and doc[beyond].text in _SETTING_OFF


def _trim(tokens: list[Token]) -> list[Token]:
    start, end = 0, len(tokens)
    while start < end and (tokens[start].is_punct or tokens[start].is_space or tokens[start].dep_ == "mark"):
        start += 1
    while end > start and (tokens[end - 1].is_punct or tokens[end - 1].is_space):
        end -= 1
    kept = tokens[start:end]
    return kept if sum(1 for t in kept if not t.is_punct) >= _MIN_CONTENT_WORDS else []


def _token_runs(tokens: list[Token]) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    previous = None
    for token in tokens:
        start, end = token.idx, token.idx + len(token)
        if previous is not None and token.i == previous + 1:
            runs[-1] = (runs[-1][0], end)
        else:
            runs.append((start, end))
        previous = token.i
    return runs


def _clause_range(verb: Token, content: list[Token], quoted: _QuotedText) -> tuple[int, int]:
    """The attribution clause: the unbroken run of the cue's own words around the cue.

    Reported words, quoted words and words of other clauses break the run, so that a quotation right
    before or after it can be recognised as touching it.
    """
    doc, sentence = verb.doc, verb.sent
    outside = {t.i for t in content} | {t.i for c in verb.children if c.dep_ == "ccomp" for t in c.subtree}
    own = {t.i for t in verb.subtree if t.i not in outside}

    def part_of_clause(token: Token) -> bool:
        return token.i in own and not quoted.covers(token.idx)

    first = last = verb.i
    while first - 1 >= sentence.start and (part_of_clause(doc[first - 1]) or doc[first - 1].is_space):
        first -= 1
    while last + 1 < sentence.end and (part_of_clause(doc[last + 1]) or doc[last + 1].is_space):
        last += 1
    while first < verb.i and (doc[first].is_punct or doc[first].is_space):
        first += 1
    while last > verb.i and (doc[last].is_punct or doc[last].is_space):
        last -= 1
    return doc[first].idx, doc[last].idx + len(doc[last])


# -- quotations ---------------------------------------------------------------------------------------


def _attach_quotations(text: str, drafts: list[_Draft], quotations: list[Quotation]) -> list[Quotation]:
    """Give each quotation to the cue that reports it; return the quotations no cue reports."""
    free = []
    for quotation in quotations:
        if _names_a_work(text, quotation):
            continue
        owner = next((d for d in drafts if _overlaps_content(d, quotation)), None)
        if owner is None:
            owner = next((d for d in drafts if d.framing_only and _within_clause(d, quotation)), None)
        if owner is None:
            owner = next((d for d in drafts if _touches(text, d, quotation)), None)
        if owner is None:
            free.append(quotation)
        else:
            owner.quotations.append(quotation)
    return _follow_continuations(drafts, free)


def _overlaps_content(draft: _Draft, q: Quotation) -> bool:
    return any(start < q.end and q.start < end for start, end in draft.content)


def _within_clause(draft: _Draft, q: Quotation) -> bool:
    return any(start <= q.start and q.end <= end + 2 for start, end in draft.content) or (
        draft.cue is not None and draft.cue.idx < q.start and q.end <= draft.cue.right_edge.idx + len(draft.cue.right_edge) + 2
    )


def _touches(text: str, draft: _Draft, q: Quotation) -> bool:
    """The quotation ends right where the attribution clause starts, or starts right after it ends."""
    start, end = draft.clause
    if q.closed_at <= start and _RE_ONLY_GLUE.match(text[q.closed_at : start]):
        return "\n" not in text[q.closed_at : start]
    if end <= q.opened_at and _RE_ONLY_GLUE.match(text[end : q.opened_at]):
        return "\n\n" not in text[end : q.opened_at]
    return False


def _follow_continuations(drafts: list[_Draft], free: list[Quotation]) -> list[Quotation]:
    """A quotation carried over a paragraph break belongs with the paragraph that opened it."""
    for draft in drafts:
        if draft.framing_only and not draft.quotations:
            draft.content = []  # a framing verb with no quotation reports nothing
    owner_of = {id(q): d for d in drafts for q in d.quotations}
    ordered = sorted([q for d in drafts for q in d.quotations] + free, key=lambda q: q.start)
    for previous, current in zip(ordered, ordered[1:]):
        if not previous.continues:
            continue
        a, b = owner_of.get(id(previous)), owner_of.get(id(current))
        if a is not None and b is None:
            a.quotations.append(current)
            owner_of[id(current)] = a
        elif b is not None and a is None:
            b.quotations.append(previous)
            owner_of[id(previous)] = b
    return [q for q in free if id(q) not in owner_of]


def _freestanding_drafts(doc: Doc, text: str, free: list[Quotation], drafts: list[_Draft]) -> list[_Draft]:
    """Quotations with no cue of their own: a whole sentence goes to the speaker just before it."""
    made: list[_Draft] = []
    for quotation in free:
        if not _is_sentence_like(text, quotation):
            continue
        speaker = _dash_speaker(doc, text, quotation)
        if speaker is not None:
            made.append(_Draft(None, None, speaker, [], quotations=[quotation],
                               clause=(quotation.closed_at, quotation.closed_at)))
            continue
        previous = _previous_statement(text, quotation, drafts + made)
        if previous is not None and previous.quotations:
            previous.quotations.append(quotation)  # "A," he said. "B." — one statement, interrupted
        elif previous is not None:
            made.append(_Draft(previous.cue, previous.cue_range, previous.speaker, [], quotations=[quotation],
                               clause=previous.clause, inherited_from=previous))
    return made


def _is_sentence_like(text: str, q: Quotation) -> bool:
    words = text[q.start : q.end].split()
    if len(words) < _MIN_FREESTANDING_QUOTE_WORDS:
        return False
    line_start = text.rfind("\n", 0, q.opened_at) + 1
    lead = text[line_start : q.opened_at]
    sentence_lead = re.split(r"[.!?:]\s", lead)[-1] if lead.strip() else ""
    if sentence_lead.strip(" —–-"):
        return False
    return True


def _names_a_work(text: str, q: Quotation) -> bool:
    """"a book titled “The Long Road Home”": the quotation is a title, not anybody's words."""
    before = text[max(0, q.opened_at - 40) : q.opened_at].split()
    return bool(before) and before[-1].lower().strip(",:") in C.WORK_TITLE_CUES


def _dash_speaker(doc: Doc, text: str, q: Quotation) -> Token | None:
    after = text[q.closed_at : q.closed_at + 80]
    lead = _RE_DASH_LEAD.match(after)
    if not lead:
        return None
    span = doc.char_span(q.closed_at + lead.end(), q.closed_at + lead.end() + 1, alignment_mode="expand")
    if span is None:
        return None
    token = span[0]
    while token.dep_ == "compound" and token.head.i > token.i:
        token = token.head
    return token if token.pos_ == "PROPN" else None


def _previous_statement(text: str, q: Quotation, drafts: list[_Draft]) -> _Draft | None:
    before = [d for d in drafts if d.speaker is not None and _content_start(d) < q.start and d.clause[0] < q.start
              and (d.content or d.quotations)]
    if not before:
        return None
    latest = max(before, key=lambda d: max([d.clause[1]] + [e for _, e in d.content] + [x.end for x in d.quotations]))
    sentences_between = text.count(". ", latest.clause[1], q.start) + text.count("\n", latest.clause[1], q.start)
    return latest if sentences_between <= _CONTINUATION_SENTENCES else None


def _content_start(draft: _Draft) -> int:
    starts = [s for s, _ in draft.content] + [q.start for q in draft.quotations]
    return min(starts) if starts else draft.clause[0]


# -- statements ---------------------------------------------------------------------------------------


def _finish(doc: Doc, text: str, drafts: list[_Draft], people: PeopleIndex) -> list[Statement]:
    statements = []
    recent_speakers: list[tuple[int, Referent]] = []
    resolved: dict[int, tuple[Speaker, Referent | None]] = {}
    for draft in drafts:
        shaped = _content_and_kind(text, draft)
        if shaped is None:
            continue
        content, kind = shaped
        speaker, person = _speaker(draft.speaker, people, recent_speakers, resolved)
        if person is not None:
            recent_speakers.append((draft.speaker.i, person))
        cue = Span(draft.cue_range[0], draft.cue_range[1], text[draft.cue_range[0] : draft.cue_range[1]]) if draft.cue_range else None
        statements.append(Statement(content, kind, cue, speaker, _sentence_span(doc, text, draft, content)))
    return _drop_duplicates(statements)


def _content_and_kind(text: str, draft: _Draft) -> tuple[tuple[Span, ...], Kind] | None:
    quotes = sorted(draft.quotations, key=lambda q: q.start)
    if not quotes:
        if draft.framing_only or not draft.content:
            return None
        return tuple(Span(s, e, text[s:e]) for s, e in draft.content), Kind.INDIRECT
    quoted = set()
    for q in quotes:
        quoted.update(range(q.start, q.end))
    unquoted = [w for s, e in draft.content for w in _words_outside(text, s, e, quoted)]
    if not [w for w in unquoted if w.lower() not in _COMPLEMENTIZERS]:
        kind = Kind.PARTIAL if draft.framing_only and draft.cue is not None and draft.cue.lemma_.lower() not in C.SPEECH_VERBS else Kind.DIRECT
        if kind is Kind.DIRECT and draft.framing_only and len(quotes) == 1 and len(text[quotes[0].start:quotes[0].end].split()) < 3:
            kind = Kind.PARTIAL
        return tuple(Span(q.start, q.end, text[q.start : q.end]) for q in quotes), kind
    # Partial content keeps the quote marks, so a reader sees which of the words are quoted.
    ranges = sorted(draft.content + [(q.opened_at, q.closed_at) for q in quotes])
    merged: list[tuple[int, int]] = []
    for start, end in ranges:
        if merged and start <= merged[-1][1] + 2:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return tuple(Span(s, e, text[s:e]) for s, e in merged), Kind.PARTIAL


def _words_outside(text: str, start: int, end: int, quoted: set[int]) -> list[str]:
    return re.findall(r"\w+", "".join(" " if i in quoted else text[i] for i in range(start, end)))


def _speaker(token: Token | None, people: PeopleIndex, recent: list[tuple[int, Referent]],
             resolved: dict[int, tuple[Speaker, Referent | None]]) -> tuple[Speaker | None, Referent | None]:
    """The speaker as written (the mention) and the person or organisation it stands for."""
    if token is None:
        return None, None
    if token.i not in resolved:
        resolved[token.i] = _resolve_speaker(token, people, recent)
    return resolved[token.i]


def _resolve_speaker(token: Token, people: PeopleIndex, recent: list[tuple[int, Referent]]):
    own_words = Span(token.idx, token.idx + len(token), token.text)
    if token.lower_ in C.PERSONAL_PRONOUNS:
        person = people.antecedent(token, recent_speakers=recent)
        if person is None:
            return Speaker(own_words, None, None, None), None
        return Speaker(own_words, person.name, person.title, person.kind), person
    relative = token.lower_ in C.RELATIVE_PRONOUNS and token.head.dep_ == "relcl"
    named = token.head.head if relative else token  # "Trump, who said ...": "who" is Trump
    person, parts = people.resolve(named)
    phrase = noun_phrase(named)
    mention = own_words if relative else Span(phrase.start_char, phrase.end_char, phrase.text)
    if person is None:
        return Speaker(mention, None, parts.title, None), None
    return Speaker(mention, person.name, parts.title or person.title, person.kind), person


def _sentence_span(doc: Doc, text: str, draft: _Draft, content: tuple[Span, ...]) -> Span:
    points = [content[0].start, content[-1].end - 1]
    if draft.cue_range and draft.inherited_from is None:
        points.append(draft.cue_range[0])
    first = doc.char_span(min(points), min(points) + 1, alignment_mode="expand")
    last = doc.char_span(max(points), max(points) + 1, alignment_mode="expand")
    start = first[0].sent.start_char if first is not None and len(first) else min(points)
    end = last[-1].sent.end_char if last is not None and len(last) else max(points) + 1
    return Span(start, end, text[start:end])


def _drop_duplicates(statements: list[Statement]) -> list[Statement]:
    seen = set()
    result = []
    for statement in statements:
        key = (statement.content[0].start, statement.content[-1].end)
        if key not in seen:
            seen.add(key)
            result.append(statement)
    return result
