"""The newsroom's archive of who said what, in Redis: articles, statements, speakers, developments and their indexes.

The archive is data, not cache: nothing here carries a TTL. Each article is written in one MULTI/EXEC
transaction (article, statements, speakers, every index), so a crash or a lost connection leaves either the
whole article or none of it; WATCH makes two processes storing at once retry rather than overwrite each other.
A key of another type where the archive writes (put there by something else) loses only its own entry, with a
warning in the log: Redis runs the transaction's other commands regardless.
Storing is idempotent: an article is known by its content hash.

``export_lines`` and ``import_lines`` move a workspace's archive through JSON lines (``summit export`` /
``summit import``): a header, then one article a line with its full extraction. Speakers and indexes are
rebuilt from the articles on import, in the order they were first stored.
"""

from __future__ import annotations

import hashlib
import json
import logging
import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timezone
from typing import Any

import redis
from redis.exceptions import WatchError

from bot.keys import SCHEMA_VERSION, Keys
from bot.speakers import SpeakerBook
from nlp.model import Extraction, Statement
from nlp.names import stem_term, topic_terms
from nlp.serialize import extraction_from_dict, extraction_to_dict, span_to_dict

logger = logging.getLogger(__name__)

ARTICLE_ID_LENGTH = 20
"""Hex digits of the content hash that make an article's id (80 bits: no collision in any newsroom's archive)."""
EXPORT_FORMAT = "summit-archive"
"""The ``format`` of an export file's header line."""
EXPORT_BATCH = 200
"""Articles read from Redis per round trip while exporting."""
STATEMENT_ORDER_STEP = 0.001
"""Seconds between the index times of an article's consecutive statements, so they sort in reading order."""
RE_WHITESPACE = re.compile(r"\s+")
RE_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
KIND_LABELS = {"direct": "direct", "partial": "partial", "indirect": "reported"}
"""How the archive and its answers name each statement kind (the extractor's "indirect" is reported speech)."""


class CorruptRecord(ValueError):
    """A key in the workspace's namespace does not hold what the archive wrote there."""


@dataclass(frozen=True)
class ArticleRecord:
    """One article as the archive keeps it: what was read, and what the pipeline found in it."""

    url: str | None
    canonical_url: str | None
    title: str | None
    outlet: str | None
    authors: tuple[str, ...]
    published: str | None
    """ISO 8601 (a day or a full timestamp), as the page gave it."""
    language: str | None
    text: str
    content_hash: str
    """sha256 of the normalised text (see :func:`content_hash`)."""
    extraction: Extraction
    ingested_at: str
    """ISO 8601 UTC timestamp of the first time the archive stored it."""

    @property
    def id(self) -> str:
        return self.content_hash[:ARTICLE_ID_LENGTH]

    @property
    def timestamp(self) -> float:
        """When the article appeared, in epoch seconds: its publication time, else the time it was ingested."""
        return parse_time(self.published) or parse_time(self.ingested_at) or 0.0


@dataclass(frozen=True)
class ArticleSource:
    """Where something was read: the outlet, headline and link a reporter checks it at."""

    outlet: str | None
    title: str | None
    url: str | None

    @classmethod
    def of(cls, record: ArticleRecord) -> ArticleSource:
        return cls(record.outlet, record.title, record.canonical_url or record.url)


@dataclass(frozen=True)
class StoredArticle:
    id: str
    title: str | None
    content_hash: str
    ingested_at: str
    statements: int
    created: bool
    """True when this call stored it, False when the archive had it already."""
    checked_at: str | None = None
    """ISO 8601 UTC: the last time it was read from one of its links (its ``ingested_at`` if never since)."""


@dataclass(frozen=True)
class BadLine:
    number: int
    reason: str


@dataclass(frozen=True)
class ImportReport:
    imported: int
    """Articles stored by the import."""
    already_there: int
    """Good lines whose article the archive already had."""
    bad_lines: tuple[BadLine, ...]
    applied: bool
    """False when bad lines stopped the import (without ``partial``): nothing was written."""


def normalise_text(text: str) -> str:
    """The text as hashed: Unicode NFC, every run of white space one space, no space at either end."""
    return RE_WHITESPACE.sub(" ", unicodedata.normalize("NFC", text)).strip()


def content_hash(text: str) -> str:
    return hashlib.sha256(normalise_text(text).encode("utf-8")).hexdigest()


def parse_time(value: str | None) -> float | None:
    """Epoch seconds of an ISO 8601 day or timestamp (UTC when it names no zone), None when it is none."""
    if not value:
        return None
    try:
        moment = datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        try:
            moment = datetime.combine(date.fromisoformat(value[:10]), datetime.min.time())
        except ValueError:
            return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=timezone.utc)
    return moment.timestamp()


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def record_to_dict(record: ArticleRecord) -> dict[str, Any]:
    return {
        "id": record.id,
        "url": record.url,
        "canonical_url": record.canonical_url,
        "title": record.title,
        "outlet": record.outlet,
        "authors": list(record.authors),
        "published": record.published,
        "language": record.language,
        "text": record.text,
        "content_hash": record.content_hash,
        "ingested_at": record.ingested_at,
        "extraction": extraction_to_dict(record.extraction),
    }


def record_from_dict(data: Any) -> ArticleRecord:
    """Raise ValueError, with a reason, unless ``data`` is an article record with every field of the type the
    archive reads: an import checks each line whole before storing any."""
    if not isinstance(data, dict):
        raise ValueError("not a JSON object")
    for name in ("text", "content_hash", "ingested_at"):
        if name not in data:
            raise ValueError(f"missing field {name!r}")
        if not isinstance(data[name], str):
            raise ValueError(f"the field {name!r} is not a string")
    optional = {name: data.get(name) for name in ("url", "canonical_url", "title", "outlet", "published", "language")}
    for name, value in optional.items():
        if value is not None and not isinstance(value, str):
            raise ValueError(f"the field {name!r} is not a string")
    authors = data.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(author, str) for author in authors):
        raise ValueError("the field 'authors' is not a list of strings")
    if data["content_hash"] != content_hash(data["text"]):
        raise ValueError("content_hash does not match the text")
    if parse_time(data["ingested_at"]) is None:
        raise ValueError("ingested_at is not an ISO 8601 time")
    if "extraction" not in data:
        raise ValueError("missing field 'extraction'")
    return ArticleRecord(
        **optional,
        authors=tuple(authors),
        text=data["text"],
        content_hash=data["content_hash"],
        extraction=extraction_from_dict(data["extraction"]),
        ingested_at=data["ingested_at"],
    )


def statement_terms(statement: Statement) -> dict[str, str]:
    """The topic terms of a statement's words and sentence, each with a word it was read from ("guarante" →
    "guarantees"), to show in suggestions."""
    words = " ".join(span.text for span in statement.content) + " " + statement.sentence.text
    terms = dict.fromkeys(topic_terms(words), "")
    # Each distinct word once, in order of first appearance: the first of the shortest words of a term wins.
    for word in dict.fromkeys(match.casefold() for match in RE_WORD.findall(words)):
        term = stem_term(word)
        if term in terms and (not terms[term] or len(word) < len(terms[term])):
            terms[term] = word
    return {term: word or term for term, word in terms.items()}


class Archive:
    """One workspace's archive: ``keys`` names the workspace, ``redis`` is any connected client."""

    def __init__(self, redis_client: redis.Redis, keys: Keys) -> None:
        self.redis = redis_client
        self.keys = keys

    # Writing ------------------------------------------------------------------------------------------------

    def store(self, record: ArticleRecord) -> StoredArticle:
        """Store the article with everything found in it, in one transaction; return the stored one if known."""
        article_key = self.keys.article(record.id)
        with self.redis.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(article_key)
                    if pipe.exists(article_key):
                        pipe.unwatch()
                        break
                    book = SpeakerBook(pipe, self.keys)
                    speaker_ids = [
                        book.resolve(s.speaker.name, s.speaker.title, s.speaker.kind) if s.speaker else None
                        for s in record.extraction.statements
                    ]
                    pipe.multi()
                    book.queue_writes()
                    self._queue_article(pipe, record, speaker_ids)
                    commands = list(pipe.command_stack)
                    # Redis runs every other command of a transaction when one meets a key of the wrong type, so
                    # raising would report a stored article as failed: the failed writes are logged instead.
                    results = pipe.execute(raise_on_error=False)
                    self._log_failed_writes(record, commands, results)
                    return self._stored(record, created=True)
                except WatchError:
                    continue
        self.remember_urls(record.id, record.url, record.canonical_url)
        existing = self.find(content_hash=record.content_hash)
        return existing if existing is not None else self._stored(record, created=False)

    def _log_failed_writes(self, record: ArticleRecord, commands: list, results: list) -> None:
        """Warn of the keys the transaction could not write (a foreign key of another type), naming no text."""
        failed = sorted({args[1] for (args, _options), result in zip(commands, results)
                         if isinstance(result, Exception)})
        if failed:
            logger.warning("stored article %s without its entries at keys of another type: %s", record.id,
                           ", ".join(failed), extra={"team": self.keys.team, "article": record.id})

    def remember_urls(self, article_id: str, *urls: str | None) -> None:
        """Note that these links lead to the article, and that it was read just now, so the links are known next
        time without fetching."""
        mapping = {url: article_id for url in urls if url}
        if mapping:
            with self.redis.pipeline() as pipe:
                pipe.hset(self.keys.article_by_url(), mapping=mapping)
                pipe.hset(self.keys.article(article_id), "checked_at", now_iso())
                pipe.execute()

    def _queue_article(self, pipe: redis.client.Pipeline, record: ArticleRecord, speaker_ids: list[str | None]) -> None:
        keys, aid, when = self.keys, record.id, record.timestamp
        extraction = record.extraction
        pipe.hsetnx(keys.meta(), "schema", SCHEMA_VERSION)
        pipe.hsetnx(keys.meta(), "created", record.ingested_at)
        pipe.hset(keys.article(aid), mapping={
            "schema": SCHEMA_VERSION,
            "url": record.url or "",
            "canonical_url": record.canonical_url or "",
            "title": record.title or "",
            "outlet": record.outlet or "",
            "authors": json.dumps(list(record.authors), ensure_ascii=False),
            "published": record.published or "",
            "language": record.language or "",
            "text": record.text,
            "content_hash": record.content_hash,
            "ingested_at": record.ingested_at,
            "timestamp": when,
            "statements": len(extraction.statements),
            "extraction": json.dumps(extraction_to_dict(extraction), ensure_ascii=False),
        })
        pipe.zadd(keys.articles(), {aid: parse_time(record.ingested_at) or when})
        urls = {url: aid for url in (record.url, record.canonical_url) if url}
        if urls:
            pipe.hset(keys.article_by_url(), mapping=urls)
        # Index entries are gathered per key, so the transaction holds one command per key, not per statement.
        by_speaker: dict[str, dict[str, float]] = {}
        by_term: dict[str, dict[str, float]] = {}
        words: dict[str, str] = {}
        scores: dict[str, float] = {}
        for number, (statement, speaker_id) in enumerate(zip(extraction.statements, speaker_ids)):
            sid = f"{aid}.{number}"
            # Statements of one article share its time; a millisecond apart each, newest first is reading order.
            score = scores[sid] = when - number * STATEMENT_ORDER_STEP
            self._queue_statement(pipe, record, sid, statement, speaker_id)
            if speaker_id:
                by_speaker.setdefault(speaker_id, {})[sid] = score
            for term, word in statement_terms(statement).items():
                by_term.setdefault(term, {})[sid] = score
                words.setdefault(term, word)
        for speaker_id, members in by_speaker.items():
            pipe.zadd(keys.speaker_statements(speaker_id), members)
            pipe.zincrby(keys.speakers(), len(members), speaker_id)
        if record.outlet and scores:
            pipe.zadd(keys.outlet_statements(record.outlet), scores)
        for term, members in by_term.items():
            pipe.zadd(keys.term_statements(term), members)
        if words:
            pipe.zadd(keys.terms(), dict.fromkeys(words, 0))
            pipe.hset(keys.term_words(), mapping=words)
        for number, development in enumerate(extraction.developments):
            development_id = f"{aid}.{number}"
            pipe.hset(keys.development(development_id), mapping={
                "article": aid,
                "text": development.text,
                "actors": json.dumps(list(development.actors), ensure_ascii=False),
                "figures": json.dumps(list(development.figures), ensure_ascii=False),
                "sentence": development.sentence.text,
                "timestamp": when,
            })
            pipe.zadd(keys.developments(), {development_id: when})

    def _queue_statement(self, pipe, record: ArticleRecord, sid: str, statement: Statement,
                         speaker_id: str | None) -> None:
        speaker = statement.speaker
        pipe.hset(self.keys.statement(sid), mapping={
            "article": record.id,
            "speaker": speaker_id or "",
            "name": (speaker.name or "") if speaker else "",
            "mention": speaker.mention.text if speaker else "",
            "role": (speaker.title or "") if speaker else "",
            "kind": KIND_LABELS[statement.kind.value],
            "words": statement.text,
            "content": json.dumps([span_to_dict(span) for span in statement.content], ensure_ascii=False),
            "cue": statement.cue.text if statement.cue else "",
            "sentence": statement.sentence.text,
            "timestamp": record.timestamp,
        })

    # Reading ------------------------------------------------------------------------------------------------

    def find(self, *, canonical_url: str | None = None, content_hash: str | None = None) -> StoredArticle | None:
        """The stored article read from this link (as given or canonical), or with this content hash."""
        article_id = None
        if canonical_url:
            value = self.redis.hget(self.keys.article_by_url(), canonical_url)
            article_id = value.decode() if value else None
        if article_id is None and content_hash:
            article_id = content_hash[:ARTICLE_ID_LENGTH]
        if article_id is None:
            return None
        fields = ("title", "content_hash", "ingested_at", "statements", "checked_at")
        try:
            title, hashed, ingested_at, statements, checked_at = self.redis.hmget(self.keys.article(article_id), fields)
        except redis.ResponseError:
            logger.warning("skipped a key that is not an article", extra={"key": self.keys.article(article_id)})
            return None
        if hashed is None or ingested_at is None:
            return None
        return StoredArticle(
            id=article_id,
            title=title.decode() or None if title else None,
            content_hash=hashed.decode(),
            ingested_at=ingested_at.decode(),
            statements=int(statements or 0),
            created=False,
            checked_at=checked_at.decode() if checked_at else ingested_at.decode(),
        )

    def load(self, article_id: str) -> ArticleRecord:
        """The whole stored article; raise CorruptRecord when its key holds something else."""
        try:
            data = self.redis.hgetall(self.keys.article(article_id))
        except redis.ResponseError as error:
            raise CorruptRecord(f"{self.keys.article(article_id)} is not an article hash") from error
        return self._record_from_hash(article_id, data)

    def sources(self, article_ids: list[str]) -> list[ArticleSource]:
        """The outlet, headline and link of each article, in one round trip, without reading its text."""
        with self.redis.pipeline(transaction=False) as pipe:
            for article_id in article_ids:
                pipe.hmget(self.keys.article(article_id), ("outlet", "title", "canonical_url", "url"))
            rows = pipe.execute()
        return [ArticleSource(*(value.decode() or None if value else None
                                for value in (outlet, title, canonical or url)))
                for outlet, title, canonical, url in rows]

    def load_many(self, article_ids: list[str]) -> list[ArticleRecord]:
        """The stored articles, in one round trip; a corrupt one is skipped with a warning."""
        pipe = self.redis.pipeline(transaction=False)
        for article_id in article_ids:
            pipe.hgetall(self.keys.article(article_id))
        records = []
        for article_id, data in zip(article_ids, pipe.execute(raise_on_error=False)):
            try:
                if isinstance(data, Exception):
                    raise CorruptRecord(f"{self.keys.article(article_id)} is not an article hash")
                records.append(self._record_from_hash(article_id, data))
            except CorruptRecord as error:
                logger.warning("skipped a corrupt article: %s", error, extra={"team": self.keys.team})
        return records

    def _record_from_hash(self, article_id: str, data: dict[bytes, bytes]) -> ArticleRecord:
        if not data:
            raise CorruptRecord(f"{self.keys.article(article_id)} is missing")
        try:
            text = {key.decode(): value.decode() for key, value in data.items()}
            return record_from_dict({
                **{name: text.get(name) or None for name in
                   ("url", "canonical_url", "title", "outlet", "published", "language")},
                "authors": json.loads(text.get("authors") or "[]"),
                "text": text["text"],
                "content_hash": text["content_hash"],
                "ingested_at": text["ingested_at"],
                "extraction": json.loads(text["extraction"]),
            })
        except (KeyError, TypeError, ValueError, UnicodeDecodeError) as error:
            raise CorruptRecord(f"{self.keys.article(article_id)} does not hold an article ({error})") from error

    def _stored(self, record: ArticleRecord, *, created: bool) -> StoredArticle:
        return StoredArticle(
            id=record.id,
            title=record.title,
            content_hash=record.content_hash,
            ingested_at=record.ingested_at,
            statements=len(record.extraction.statements),
            created=created,
        )

    # Export and import --------------------------------------------------------------------------------------

    def export_lines(self) -> Iterator[str]:
        """The archive as JSON lines: a header, then each article in the order it was first stored."""
        total = self.redis.zcard(self.keys.articles())
        yield json.dumps({
            "type": "header", "format": EXPORT_FORMAT, "schema": SCHEMA_VERSION,
            "team": self.keys.team, "exported_at": now_iso(), "articles": total,
        })
        for start in range(0, total, EXPORT_BATCH):
            ids = [value.decode() for value in self.redis.zrange(self.keys.articles(), start, start + EXPORT_BATCH - 1)]
            for record in self.load_many(ids):
                yield json.dumps({"type": "article", **record_to_dict(record)}, ensure_ascii=False)

    def import_lines(self, lines: Iterable[str], *, partial: bool = False) -> ImportReport:
        """Store the articles of an export; with bad lines, store nothing unless ``partial``."""
        records: list[ArticleRecord] = []
        bad: list[BadLine] = []
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                record = self._parse_line(line)
            except ValueError as error:
                bad.append(BadLine(number, str(error)))
                continue
            if record is not None:
                records.append(record)
        if bad and not partial:
            return ImportReport(imported=0, already_there=0, bad_lines=tuple(bad), applied=False)
        created = sum(self.store(record).created for record in records)
        return ImportReport(imported=created, already_there=len(records) - created, bad_lines=tuple(bad), applied=True)

    @staticmethod
    def _parse_line(line: str) -> ArticleRecord | None:
        try:
            data = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"not JSON ({error.msg})") from None
        except RecursionError:
            raise ValueError("nested too deeply to be an article") from None
        if not isinstance(data, dict):
            raise ValueError("not a JSON object")
        if data.get("type") == "header":
            if data.get("format") != EXPORT_FORMAT:
                raise ValueError(f"not a {EXPORT_FORMAT} header")
            if not isinstance(data.get("schema"), int) or data["schema"] > SCHEMA_VERSION:
                raise ValueError(f"schema {data.get('schema')!r} is newer than this Summit reads ({SCHEMA_VERSION})")
            return None
        if data.get("type") != "article":
            raise ValueError(f"unknown line type {data.get('type')!r}")
        return record_from_dict(data)

