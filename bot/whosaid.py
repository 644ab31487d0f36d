"""Who said it: the answer to ``/summit who-said QUERY`` from the archive's indexes, as plain data.

A query is read, in this order, as
1. a person: a name or alias the archive knows ("Volodymyr Zelensky", "Zelenskyy", "Mr Zelensky's"), or a
   surname (several people when several share it);
2. a role: every word is in some speaker's roles ("French president", "the Ukrainian president", "a doctor");
3. a topic: its terms are in some statements ("security guarantees", "Crimea");
4. a misspelt name ("Zelenksy"), by trigrams and :func:`nlp.names.name_similarity`, when some word of the
   query is in no statement (then a topic of the words that are, if any);
and otherwise nothing, with the closest speakers and topics the archive does have.

Every query reads a few keys in two or three round trips: sorted sets by time per speaker, per term and per
outlet, combined in short-lived keys; nothing scans the archive. Rendering is someone else's job
(``bot.answers`` for a terminal, Block Kit for Slack).
"""

from __future__ import annotations

import logging
import re
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta, timezone
from typing import Any

import redis

from bot.archive import Archive
from bot.speakers import SpeakerRecord, speaker_record
from nlp.names import SAME_NAME_SIMILARITY, edit_similarity, name_similarity, name_trigrams, person_key, \
    query_terms, role_terms, surname_key

logger = logging.getLogger(__name__)

DEFAULT_LIMIT = 10
"""Statements in an answer unless the caller asks for another number."""
TOPIC_CANDIDATES = 500
"""Most recent statements of each term of a topic query that are ranked by how many of the terms they hold."""
EXACT_TOTAL_MAX = 1_500
"""A topic's total is counted exactly (by a union of its terms' sets) up to this many statements across its
terms; past that the answer gives a lower bound (``total_is_exact`` False): the union is the largest part of a
query's cost in Redis, and "at least 1,500" tells a reporter as much."""
TEMPORARY_KEY_SECONDS = 10
"""Lifetime of a query's temporary sorted sets, should the query die before deleting them."""
SPEAKERS_MAX = 100
"""Most speakers one answer reads (a role many hold: "minister"); the most quoted are kept, and the total is
then a lower bound."""
FUZZY_CANDIDATES = 25
"""Speakers sharing the most name trigrams with a query that are compared with it letter by letter."""
SUGGESTIONS = 3
"""Speakers, and topics, suggested when nothing matches."""
RE_POSSESSIVE_END = re.compile(r"(?<=\w)['’]s?(?=\s|$)")
RE_QUOTES = re.compile(r"^[\"'“”‘’]+|[\"'“”‘’]+$")


@dataclass(frozen=True)
class SpeakerInfo:
    id: str
    name: str
    kind: str
    roles: tuple[str, ...]
    statements: int


@dataclass(frozen=True)
class Quote:
    """One statement, with everything a reporter needs to check it."""

    id: str
    speaker_id: str | None
    speaker: str | None
    """The speaker's name across articles (or as this article gave it when it names nobody we know)."""
    role: str | None
    """The title this article gave the speaker."""
    kind: str
    """``direct``, ``partial`` or ``reported``."""
    words: str
    cue: str | None
    sentence: str
    article_id: str
    title: str | None
    outlet: str | None
    url: str | None
    time: str | None
    """ISO 8601 UTC: when the article was published (else ingested)."""


@dataclass(frozen=True)
class SpeakerQuotes:
    speaker: SpeakerInfo | None
    name: str
    quotes: tuple[Quote, ...]


@dataclass(frozen=True)
class Suggestions:
    speakers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()


@dataclass(frozen=True)
class WhoSaidAnswer:
    query: str
    kind: str
    """``person``, ``role``, ``topic`` or ``none``."""
    matched_by: str | None
    """``name``, ``surname``, ``spelling`` (a misspelt name), ``role`` or ``terms``; None for ``none``."""
    speakers: tuple[SpeakerInfo, ...]
    """The people the query named (person, role)."""
    quotes: tuple[Quote, ...]
    """Newest first for a person or role; by relevance then recency for a topic."""
    groups: tuple[SpeakerQuotes, ...]
    """The quotes by speaker, in the order of each speaker's first quote."""
    total: int
    """How many statements match in all (``len(quotes)`` is at most the limit)."""
    terms: tuple[str, ...] = ()
    suggestions: Suggestions = field(default_factory=Suggestions)
    total_is_exact: bool = True
    """False when ``total`` is a lower bound (a topic whose terms are in very many statements)."""


def clean_query(query: str) -> str:
    """The query without surrounding quote marks and possessives: "Zelensky's" → "Zelensky"."""
    return RE_POSSESSIVE_END.sub("", RE_QUOTES.sub("", query.strip())).strip()


def who_said(
    archive: Archive,
    query: str,
    *,
    since: timedelta | None = None,
    outlet: str | None = None,
    limit: int = DEFAULT_LIMIT,
    now: datetime | None = None,
) -> WhoSaidAnswer:
    text = clean_query(query)
    since_ts = ((now or datetime.now(timezone.utc)) - since).timestamp() if since else None
    engine = _Engine(archive, since_ts, outlet.lower() if outlet else None, limit)
    try:
        return _answer(engine, query, text)
    except redis.ResponseError:
        # An index key of the wrong type (a foreign key in the namespace): no answer, but no crash either.
        logger.warning("an index key holds something else; answering nothing", exc_info=True,
                       extra={"team": archive.keys.team, "query": query})
        return WhoSaidAnswer(query=query, kind="none", matched_by=None, speakers=(), quotes=(), groups=(), total=0)


def _answer(engine: _Engine, query: str, text: str) -> WhoSaidAnswer:
    if not text:
        return engine.nothing(query, text)
    found = engine.look_up(text)
    for kind, (speaker_ids, matched_by) in (("person", engine.people(text, found)), ("role", engine.role(found))):
        if speaker_ids:
            return engine.speakers_answer(query, kind, matched_by, *engine.most_quoted(speaker_ids))
    terms, known = found.terms, found.known_terms
    if known and len(known) == len(terms):
        return engine.topic_answer(query, known)
    # A word the archive has never seen may be a name misspelt ("Zelenksy", "Ana Vorovskx").
    closest = engine.closest_speakers(text)
    top = max((similarity for similarity, _, _ in closest), default=0.0)
    # Everyone the misspelling fits equally well: two speakers sharing the surname are both answers.
    best = [speaker_id for similarity, speaker_id, _ in closest if similarity == top >= SAME_NAME_SIMILARITY]
    if best:
        return engine.speakers_answer(query, "person", "spelling", best)
    if known:
        return engine.topic_answer(query, known)
    return engine.nothing(query, text, closest)


@dataclass(frozen=True)
class _Lookups:
    """What a query's words are in the archive's indexes."""

    person_key: str
    alias: str | None
    """The speaker the words name, when they are a name (or alias) the archive knows."""
    same_surname: list[str]
    role_members: list[str]
    """The speakers whose roles hold every word."""
    terms: list[str]
    known_terms: list[str]
    """The query's topic terms, and those some statement holds."""


class _Engine:
    def __init__(self, archive: Archive, since_ts: float | None, outlet: str | None, limit: int) -> None:
        self.redis: redis.Redis = archive.redis
        self.keys = archive.keys
        self.since = since_ts
        self.outlet = outlet
        self.limit = limit

    # Which speakers -------------------------------------------------------------------------------------------

    def look_up(self, text: str) -> _Lookups:
        """The query's words in the name, surname, role and topic indexes, in one round trip."""
        key = person_key(text)
        roles = role_terms(text)
        terms = list(dict.fromkeys(query_terms(text)))
        pipe = self.redis.pipeline(transaction=False)
        if key:
            pipe.hget(self.keys.aliases(), key)
            pipe.smembers(self.keys.surname(surname_key(text)))
        if roles:
            pipe.sinter([self.keys.role(term) for term in roles])
        for term in terms:
            pipe.exists(self.keys.term_statements(term))
        results = [_or_skip(result, None) for result in pipe.execute(raise_on_error=False)]
        alias, same_surname = (results.pop(0), results.pop(0)) if key else (None, None)
        role_members = results.pop(0) if roles else None
        return _Lookups(key, alias.decode() if alias else None, sorted(m.decode() for m in same_surname or ()),
                        sorted(m.decode() for m in role_members or ()) if roles else [], terms,
                        [term for term, exists in zip(terms, results) if exists])

    def people(self, text: str, found: _Lookups) -> tuple[list[str], str | None]:
        if not found.person_key:
            return [], None
        if found.alias:
            return [found.alias], "name"
        candidates = found.same_surname
        if not candidates:
            return [], None
        if len(found.person_key.split()) == 1:
            return candidates, "surname"
        # A full name we have not seen written this way ("V. Zelensky"): the speakers it may be.
        records = self._speaker_records(candidates)
        fitting = [record.id for record in records.values() if record.may_be(text)]
        return (fitting, "name") if len(fitting) == 1 else ([], None)

    @staticmethod
    def role(found: _Lookups) -> tuple[list[str], str | None]:
        return found.role_members, "role"

    def closest_speakers(self, text: str) -> list[tuple[float, str, str]]:
        """(similarity, id, name) of the speakers whose names share the most trigrams with ``text``, best first."""
        trigrams = sorted(name_trigrams(text))
        if not trigrams:
            return []
        pipe = self.redis.pipeline(transaction=False)
        for trigram in trigrams:
            pipe.smembers(self.keys.trigram(trigram))
        shared = Counter(
            member.decode() for members in pipe.execute(raise_on_error=False) for member in _or_skip(members, set())
        )
        candidates = [speaker_id for speaker_id, _ in shared.most_common(FUZZY_CANDIDATES)]
        records = self._speaker_records(candidates)
        scored = []
        for record in records.values():
            similarity = max(name_similarity(text, name) for name in record.names or [record.name])
            scored.append((similarity, record.id, record.name))
        return sorted(scored, key=lambda item: (-item[0], item[2]))

    # Answers ------------------------------------------------------------------------------------------------

    def most_quoted(self, speaker_ids: list[str]) -> tuple[list[str], bool]:
        """At most ``SPEAKERS_MAX`` of the speakers, the most quoted first; and whether that is all of them."""
        if len(speaker_ids) <= SPEAKERS_MAX:
            return speaker_ids, True
        counts = self.redis.zmscore(self.keys.speakers(), speaker_ids)
        ranked = sorted(zip(speaker_ids, counts), key=lambda item: (-(item[1] or 0), item[0]))
        return [speaker_id for speaker_id, _ in ranked[:SPEAKERS_MAX]], False

    def _within_outlet(self, pipe: redis.client.Pipeline, sources: list[str]) -> tuple[list[str], list[str]]:
        """The sorted sets to read: ``sources`` themselves, or with an outlet filter their intersections with the
        outlet's set, queued on ``pipe`` into short-lived keys (also returned, for the caller to delete)."""
        if not self.outlet:
            return sources, []
        outlet = self.keys.outlet_statements(self.outlet)
        temporaries = [self.keys.temporary(uuid.uuid4().hex) for _ in sources]
        for source, temporary in zip(sources, temporaries):
            pipe.zinterstore(temporary, {source: 1, outlet: 0})
            pipe.expire(temporary, TEMPORARY_KEY_SECONDS)
        return list(temporaries), temporaries

    def speakers_answer(self, query: str, kind: str, matched_by: str | None, speaker_ids: list[str],
                        complete: bool = True) -> WhoSaidAnswer:
        """The speakers' statements, newest first. A statement has one speaker, so their sets are disjoint: the
        newest ``limit`` of all are among each one's newest ``limit``, and the total is the sum of their counts."""
        pipe = self.redis.pipeline(transaction=False)
        sources, temporaries = self._within_outlet(pipe, [self.keys.speaker_statements(s) for s in speaker_ids])
        low = self.since if self.since is not None else "-inf"
        first = len(pipe)
        for source in sources:
            pipe.zcount(source, low, "+inf")
        for source in sources:
            pipe.zrevrangebyscore(source, "+inf", low, start=0, num=self.limit, withscores=True)
        if temporaries:
            pipe.delete(*temporaries)
        records = len(pipe)
        for speaker_id in speaker_ids:
            pipe.hgetall(self.keys.speaker(speaker_id))
            pipe.zcard(self.keys.speaker_statements(speaker_id))
        results = pipe.execute()
        counts = results[first : first + len(sources)]
        found = [(member.decode(), score) for ranged in results[first + len(sources) : first + 2 * len(sources)]
                 for member, score in ranged]
        newest = sorted(found, key=lambda item: (-item[1], item[0]))[: self.limit]
        tail = results[records:]
        speakers = {}
        for speaker_id, data, count in zip(speaker_ids, tail[::2], tail[1::2]):
            record = speaker_record(data, speaker_id)
            if record is None:
                logger.warning("skipped a speaker key that holds no speaker", extra={"key": self.keys.speaker(speaker_id)})
                continue
            speakers[speaker_id] = _info(record, count)
        quotes = self._quotes([sid for sid, _ in newest], speakers)
        return WhoSaidAnswer(
            query=query, kind=kind, matched_by=matched_by, speakers=tuple(speakers.values()), quotes=quotes,
            groups=_groups(quotes, speakers), total=sum(counts), total_is_exact=complete,
        )

    def topic_answer(self, query: str, terms: list[str]) -> WhoSaidAnswer:
        """Statements holding the most query terms, most recent first among equals.

        Ranked among the ``TOPIC_CANDIDATES`` most recent statements of each term, so a query costs the same on a
        large archive as on a small one; only an outlet filter combines whole sets (a term's with the outlet's).
        """
        low = self.since if self.since is not None else "-inf"
        pipe = self.redis.pipeline(transaction=False)
        sources, temporaries = self._within_outlet(pipe, [self.keys.term_statements(term) for term in terms])
        first = len(pipe)
        depth = self.limit if len(sources) == 1 else max(TOPIC_CANDIDATES, self.limit)
        for source in sources:
            pipe.zcount(source, low, "+inf")
        for source in sources:
            pipe.zrevrangebyscore(source, "+inf", low, start=0, num=depth, withscores=True)
        results = pipe.execute()[first:]
        counts, ranges = results[: len(sources)], results[len(sources):]
        times = {member.decode(): score for found in ranges for member, score in found}
        candidates = list(times)
        matched = Counter(candidates)
        pipe = self.redis.pipeline(transaction=False)
        if candidates and len(sources) > 1:
            for source in sources:
                pipe.zmscore(source, candidates)
        complete = all(count <= depth for count in counts)
        exact_union = not complete and sum(counts) <= EXACT_TOTAL_MAX
        if exact_union:
            union = self.keys.temporary(uuid.uuid4().hex)
            temporaries.append(union)
            pipe.zunionstore(union, sources, aggregate="MAX")
            pipe.zcount(union, low, "+inf")
        if temporaries:
            pipe.delete(*temporaries)
        results = pipe.execute() if len(pipe) else []
        if candidates and len(sources) > 1:
            matched = Counter()
            for scores in results[: len(sources)]:
                matched.update(candidate for candidate, score in zip(candidates, scores) if score is not None)
        if complete:
            total, exact = len(candidates), True
        elif exact_union:
            total, exact = results[-2], True
        else:
            total, exact = max(max(counts), len(candidates)), False
        ranked = sorted(candidates, key=lambda sid: (-matched[sid], -times[sid], sid))[: self.limit]
        quotes = self._quotes(ranked, {})
        speakers = self._speaker_infos({quote.speaker_id for quote in quotes if quote.speaker_id})
        quotes = tuple(_with_speaker_name(quote, speakers) for quote in quotes)
        return WhoSaidAnswer(
            query=query, kind="topic", matched_by="terms", speakers=(), quotes=quotes,
            groups=_groups(quotes, speakers), total=total, terms=tuple(terms), total_is_exact=exact,
        )

    def nothing(self, query: str, text: str, closest: list[tuple[float, str, str]] | None = None) -> WhoSaidAnswer:
        if closest is None:
            closest = self.closest_speakers(text) if text else []
        names = [name for _, _, name in closest[:SUGGESTIONS]]
        if not names:
            # Nobody's name looks like the query: suggest the most quoted speakers instead.
            most_quoted = [value.decode() for value in self.redis.zrevrange(self.keys.speakers(), 0, SUGGESTIONS - 1)]
            names = [record.name for record in self._speaker_records(most_quoted).values()]
        return WhoSaidAnswer(
            query=query, kind="none", matched_by=None, speakers=(), quotes=(), groups=(), total=0,
            suggestions=Suggestions(
                speakers=tuple(names),
                topics=self._closest_topics(text),
            ),
        )

    # Reading records ----------------------------------------------------------------------------------------

    def _closest_topics(self, text: str) -> tuple[str, ...]:
        words = query_terms(text) or [word.casefold() for word in text.split()]
        if not words:
            return ()
        pipe = self.redis.pipeline(transaction=False)
        for word in words:
            prefix = word[:3]
            pipe.zrangebylex(self.keys.terms(), f"[{prefix}", f"[{prefix}\xff", start=0, num=200)
        scored: dict[str, float] = {}
        for word, found in zip(words, pipe.execute()):
            for term in (value.decode() for value in found):
                scored[term] = max(scored.get(term, 0.0), edit_similarity(word, term))
        best = sorted(scored, key=lambda term: (-scored[term], term))[:SUGGESTIONS]
        if not best:
            return ()
        shown = self.redis.hmget(self.keys.term_words(), best)
        return tuple(dict.fromkeys(word.decode() if word else term for term, word in zip(best, shown)))

    def _speaker_records(self, speaker_ids: list[str]) -> dict[str, SpeakerRecord]:
        if not speaker_ids:
            return {}
        pipe = self.redis.pipeline(transaction=False)
        for speaker_id in speaker_ids:
            pipe.hgetall(self.keys.speaker(speaker_id))
        records = {}
        for speaker_id, data in zip(speaker_ids, pipe.execute(raise_on_error=False)):
            record = None if isinstance(data, Exception) else speaker_record(data, speaker_id)
            if record is None:
                logger.warning("skipped a speaker key that holds no speaker", extra={"key": self.keys.speaker(speaker_id)})
                continue
            records[speaker_id] = record
        return records

    def _speaker_infos(self, speaker_ids: set[str]) -> dict[str, SpeakerInfo]:
        ordered = sorted(speaker_ids)
        records = self._speaker_records(ordered)
        if not records:
            return {}
        counts = self.redis.zmscore(self.keys.speakers(), list(records))
        return {speaker_id: _info(record, int(count or 0)) for (speaker_id, record), count in zip(records.items(), counts)}

    def _quotes(self, statement_ids: list[str], speakers: dict[str, SpeakerInfo]) -> tuple[Quote, ...]:
        if not statement_ids:
            return ()
        article_ids = list(dict.fromkeys(sid.partition(".")[0] for sid in statement_ids))
        pipe = self.redis.pipeline(transaction=False)
        for sid in statement_ids:
            pipe.hgetall(self.keys.statement(sid))
        for article_id in article_ids:
            pipe.hmget(self.keys.article(article_id), ARTICLE_FIELDS)
        results = pipe.execute(raise_on_error=False)
        articles = dict(zip(article_ids, results[len(statement_ids):]))
        quotes = []
        for sid, data in zip(statement_ids, results[: len(statement_ids)]):
            try:
                quotes.append(_quote(sid, data, articles, speakers))
            except (KeyError, ValueError, TypeError, UnicodeDecodeError, AttributeError) as error:
                logger.warning("skipped a statement key that holds no statement (%s)", error,
                               extra={"key": self.keys.statement(sid)})
        return tuple(quotes)


ARTICLE_FIELDS = ("title", "outlet", "canonical_url", "url")


def _or_skip(result: Any, default: Any) -> Any:
    """A pipeline result, or ``default`` (with a warning) when its key held the wrong type."""
    if isinstance(result, redis.ResponseError):
        logger.warning("skipped a key that holds something else: %s", result)
        return default
    return result


def _info(record: SpeakerRecord, statements: int) -> SpeakerInfo:
    return SpeakerInfo(record.id, record.name, record.kind, tuple(record.roles), int(statements))


def _quote(sid: str, data: Any, articles: dict[str, Any], speakers: dict[str, SpeakerInfo]) -> Quote:
    if isinstance(data, Exception) or not data:
        raise ValueError("missing or not a hash")
    fields = {key.decode(): value.decode() for key, value in data.items()}
    article = articles.get(fields["article"])
    title, outlet, canonical_url, url = (
        [None] * 4 if isinstance(article, Exception) or article is None
        else [value.decode() or None if value else None for value in article]
    )
    speaker_id = fields["speaker"] or None
    known = speakers.get(speaker_id) if speaker_id else None
    return Quote(
        id=sid,
        speaker_id=speaker_id,
        speaker=known.name if known else fields["name"] or fields["mention"] or None,
        role=fields["role"] or None,
        kind=fields["kind"],
        words=fields["words"],
        cue=fields["cue"] or None,
        sentence=fields["sentence"].strip(),
        article_id=fields["article"],
        title=title,
        outlet=outlet,
        url=canonical_url or url,
        time=datetime.fromtimestamp(float(fields["timestamp"]), timezone.utc).isoformat(timespec="seconds"),
    )


def _with_speaker_name(quote: Quote, speakers: dict[str, SpeakerInfo]) -> Quote:
    known = speakers.get(quote.speaker_id) if quote.speaker_id else None
    if known is None or known.name == quote.speaker:
        return quote
    return replace(quote, speaker=known.name)


def _groups(quotes: tuple[Quote, ...], speakers: dict[str, SpeakerInfo]) -> tuple[SpeakerQuotes, ...]:
    order: dict[str, list[Quote]] = {}
    for quote in quotes:
        order.setdefault(quote.speaker_id or f"name:{quote.speaker or ''}", []).append(quote)
    groups = []
    for group_key, members in order.items():
        speaker = speakers.get(group_key)
        groups.append(SpeakerQuotes(speaker, speaker.name if speaker else members[0].speaker or "Unnamed source",
                                    tuple(members)))
    return tuple(groups)
