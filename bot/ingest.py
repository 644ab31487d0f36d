"""Ingest: read an article (a link, a saved page, a text file, or every one of them in a folder), find what it
says (from the cache, or by running the pipeline on a miss), and store it in the archive.

What is already known costs little: a link read within ``FRESH_FOR`` is not fetched again, and a text the
archive holds (by content hash) is neither extracted nor stored again. The spaCy model is loaded only on a
cache miss (``model_loader`` is called then, not before). Two processes ingesting the same text at once do one
extraction between them: the one holding the extraction lock runs the pipeline, the other waits for the cache.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING

from bot.archive import Archive, ArticleRecord, StoredArticle, content_hash, now_iso, parse_time
from bot.cache import ExtractionCache, text_hash
from bot.settings import Settings
from nlp.model import Extraction
from nlp.read_errors import ReadError
from nlp.reader import HTML_SUFFIXES, Article, read_file, read_url

if TYPE_CHECKING:
    from spacy.language import Language

FRESH_FOR = timedelta(days=1)
"""A link ingested less than this long ago is recognised without fetching it again."""
LOCK_WAIT_SECONDS = 120.0
"""How long, in seconds, to wait for another process extracting the same text before trying ourselves."""
TEXT_SUFFIXES = (".txt",)
ARTICLE_SUFFIXES = TEXT_SUFFIXES + HTML_SUFFIXES
"""The files ``ingest`` reads from a folder."""


class Outcome(str, Enum):
    EXTRACTED = "extracted"  # the pipeline ran on it now
    CACHED = "cached"  # its extraction came from the cache; the article was stored now
    KNOWN = "known"  # the archive had it already
    FAILED = "failed"  # it could not be read


@dataclass(frozen=True)
class Ingested:
    source: str
    outcome: Outcome
    article: StoredArticle | None = None
    error: str | None = None
    """Why it failed: a plain sentence."""


@dataclass(frozen=True)
class IngestResult:
    items: tuple[Ingested, ...]

    @property
    def failed(self) -> tuple[Ingested, ...]:
        return tuple(item for item in self.items if item.outcome is Outcome.FAILED)


def ingest(
    source: str,
    *,
    archive: Archive,
    cache: ExtractionCache,
    model_loader: Callable[[], Language],
    settings: Settings,
) -> IngestResult:
    """Ingest a link, a file, or every article file of a folder (a file that cannot be read is reported, and the
    rest go on). A single link or file that cannot be read raises its ReadError or OSError (``unreadable`` makes it a
    failed item, for a caller with several sources)."""
    context = _Context(archive, cache, model_loader, settings)
    if "://" in source:
        return IngestResult((context.url(source),))
    path = Path(source)
    if not path.is_dir():
        return IngestResult((context.file(path),))
    items = []
    for child in sorted(path.iterdir()):
        if child.is_file() and child.suffix.lower() in ARTICLE_SUFFIXES:
            try:
                items.append(context.file(child))
            except (ReadError, OSError) as error:
                items.append(unreadable(str(child), error))
    return IngestResult(tuple(items))


def unreadable(source: str, error: ReadError | OSError) -> Ingested:
    """A source that could not be read, with why in a plain sentence (never the link itself: it may hold a token)."""
    reason = error.user_message if isinstance(error, ReadError) else f"cannot read it: {error.strerror or error}."
    return Ingested(source, Outcome.FAILED, error=reason)


def is_fresh(ingested_at: str, now: datetime | None = None) -> bool:
    moment = parse_time(ingested_at)
    now = now or datetime.now(timezone.utc)
    return moment is not None and now.timestamp() - moment < FRESH_FOR.total_seconds()


@dataclass
class _Context:
    archive: Archive
    cache: ExtractionCache
    model_loader: Callable[[], Language]
    settings: Settings

    def url(self, url: str) -> Ingested:
        known = self.archive.find(canonical_url=url)
        if known is not None and is_fresh(known.checked_at or known.ingested_at):
            return Ingested(url, Outcome.KNOWN, known)
        return self._store(url, read_url(url, allow_private=self.settings.allow_private_urls))

    def file(self, path: Path) -> Ingested:
        article = read_file(path)
        # A text file's first line is no reliable headline: it is titled with its name, as `summit extract` does.
        return self._store(str(path), article if article.title else replace(article, title=path.name))

    def _store(self, source: str, read: Article) -> Ingested:
        # The archive knows an article by its normalised content (the same story with other white space is known);
        # the cache by its exact text, since the offsets of an extraction point into the text it was made from.
        hashed = content_hash(read.text)
        known = self.archive.find(content_hash=hashed)
        if known is not None:
            self.archive.remember_urls(known.id, read.url, read.canonical_url)
            return Ingested(source, Outcome.KNOWN, known)
        extraction, outcome = self._extraction(read)
        stored = self.archive.store(ArticleRecord(
            url=read.url, canonical_url=read.canonical_url, title=read.title, outlet=read.outlet,
            authors=read.authors, published=read.published, language=read.language, text=read.text,
            content_hash=hashed, extraction=extraction, ingested_at=now_iso(),
        ))
        return Ingested(source, outcome if stored.created else Outcome.KNOWN, stored)

    def _extraction(self, read: Article) -> tuple[Extraction, Outcome]:
        """The cached extraction, or one made now by the one process that holds the lock for this text."""
        hashed = text_hash(read.text)
        lock = self.cache.lock(hashed)
        while True:
            extraction = self.cache.get(hashed)
            if extraction is not None:
                return self._with_metadata(extraction, read), Outcome.CACHED
            if lock.acquire():
                try:
                    # Whoever held the lock before may have filled the cache since we looked.
                    extraction = self.cache.get(hashed)
                    if extraction is not None:
                        return self._with_metadata(extraction, read), Outcome.CACHED
                    extraction = self._extract(read)
                    self.cache.put(hashed, extraction)
                    return extraction, Outcome.EXTRACTED
                finally:
                    lock.release()
            # Another process is extracting this text: wait for it, then take its result from the cache (or,
            # if it died or its lock ran out, try again ourselves).
            lock.wait(LOCK_WAIT_SECONDS)

    @staticmethod
    def _with_metadata(extraction: Extraction, read: Article) -> Extraction:
        """A cached extraction with this ingest's title, link and time (the cache keeps none: see bot.cache)."""
        return replace(extraction, title=read.title, url=read.canonical_url or read.url, published=read.published)

    def _extract(self, read: Article) -> Extraction:
        # Imported here: spaCy is needed only on a cache miss.
        from nlp.extract import extract

        return extract(self.model_loader(), read.text, title=read.title, url=read.canonical_url or read.url,
                       published=read.published)
