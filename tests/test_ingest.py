"""Ingest against a real Redis: cache, content and link look-ups, the extraction lock, folders."""

import sys
import threading
import time
from dataclasses import replace

import pytest
import redis

import nlp.extract  # noqa: F401 - loads the module patched below
from bot.archive import Archive
from bot.cache import ExtractionCache, text_hash
from bot.ingest import FRESH_FOR, Outcome, ingest
from bot.keys import Keys
from bot.whosaid import who_said
from nlp.model import Extraction, Kind, Span, Statement
from nlp.reader import Article
from tests.archive_factories import Said, article

TEXT = (
    "“We will reopen the harbour before the spring fairs,” Valdorian Prime Minister Danylo Ostrovsky said on "
    "Tuesday.\n\nHarbour captain Ilse Varga said the tariffs on grain had doubled since the storm, and that the "
    "fishing fleet could not wait another month.\n"
)


def never_load():
    raise AssertionError("the model was loaded although nothing needed extracting")


@pytest.fixture
def cache(redis_client, keys, settings):
    return ExtractionCache(redis_client, keys, ttl_days=settings.cache_ttl_days)


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(TEXT, encoding="utf-8")
    return path


@pytest.fixture
def fake_pipeline(monkeypatch):
    """Replace the spaCy pipeline by one that returns a fixed extraction slowly, and count its runs."""
    runs = []
    extraction = article(Said("Danylo Ostrovsky", "We will reopen the harbour", title="Prime Minister")).extraction

    def extract(model, text, **metadata):
        runs.append(text)
        time.sleep(0.2)  # long enough for a second ingester to arrive while this one works
        return replace(extraction, **metadata)

    monkeypatch.setattr(sys.modules["nlp.extract"], "extract", extract)
    return runs


def test_a_text_file_is_extracted_once_then_known(story, archive, cache, settings, model):
    first = ingest(str(story), archive=archive, cache=cache, model_loader=lambda: model, settings=settings)
    second = ingest(str(story), archive=archive, cache=cache, model_loader=never_load, settings=settings)

    (item,) = first.items
    assert item.outcome is Outcome.EXTRACTED and item.article.title == "harbour.txt"
    assert second.items[0].outcome is Outcome.KNOWN and second.items[0].article.id == item.article.id
    answer = who_said(archive, "Ostrovsky")
    assert answer.quotes[0].words == "We will reopen the harbour before the spring fairs"
    assert answer.speakers[0].roles == ("Valdorian Prime Minister",)


def test_another_workspace_takes_the_extraction_from_the_cache(story, archive, cache, redis_client, keys, settings,
                                                               fake_pipeline):
    ingest(str(story), archive=archive, cache=cache, model_loader=lambda: None, settings=settings)
    other = Archive(redis_client, Keys("TOTHER", prefix=keys.prefix))

    (item,) = ingest(str(story), archive=other, cache=cache, model_loader=never_load, settings=settings).items

    assert item.outcome is Outcome.CACHED and len(fake_pipeline) == 1
    assert who_said(other, "Ostrovsky").total == 1


def spans_of(extraction):
    for statement in extraction.statements:
        yield from (*statement.content, statement.sentence)
        yield from (span for span in (statement.cue, statement.speaker and statement.speaker.mention) if span)
    for entity in extraction.entities:
        yield from entity.mentions
    for figure in extraction.figures:
        yield from (figure.span, figure.sentence)
    for development in extraction.developments:
        yield development.sentence


def test_the_cache_gives_no_workspace_another_text_s_offsets_or_another_ingest_s_link(
        cache, redis_client, keys, settings, monkeypatch):
    # The same story, the second copy with other white space: one article to the archive's content hash, but
    # offsets into one copy point at other characters in the other. The third is the second again, elsewhere.
    spaced = TEXT.replace(" ", "  ").replace("\n", "\r\n")
    link_a, link_b, link_c = (f"https://{site}.example/harbour?token=secret-{site}" for site in ("a", "b", "c"))
    texts = {link_a: TEXT, link_b: spaced, link_c: spaced}
    runs = []

    def read_url(link, *, allow_private):
        return Article(url=link, canonical_url=link, title=f"Harbour, as read at {link}", outlet=None, authors=(),
                       published="2031-03-04", language="en", description=None, text=texts[link],
                       accessible_for_free=True, extracted_by="trafilatura")

    def extract(model, text, **metadata):
        runs.append(text)
        start, end = text.index("“") + 1, text.index(",”")
        sentence = Span(0, text.index("\n"), text[: text.index("\n")])
        statement = Statement((Span(start, end, text[start:end]),), Kind.DIRECT, None, None, sentence)
        return Extraction((statement,), (), (), **metadata)

    monkeypatch.setattr("bot.ingest.read_url", read_url)
    monkeypatch.setattr(sys.modules["nlp.extract"], "extract", extract)
    teams = {link: Archive(redis_client, Keys(f"T{link[8]}", prefix=keys.prefix)) for link in texts}

    outcomes = {}
    for link, team in teams.items():
        (item,) = ingest(link, archive=team, cache=cache, model_loader=lambda: None, settings=settings).items
        outcomes[link] = item.outcome
        stored = team.load(item.article.id)
        assert stored.text == texts[link]
        assert all(stored.text[span.start : span.end] == span.text for span in spans_of(stored.extraction))
        assert (stored.extraction.title, stored.extraction.url) == (f"Harbour, as read at {link}", link)

    assert len(runs) == 2
    assert list(outcomes.values()) == [Outcome.EXTRACTED, Outcome.EXTRACTED, Outcome.CACHED]
    # The cache keeps nothing of an ingest but what was found in the text: no title, no link with its token.
    assert all(b"secret" not in redis_client.get(key) for key in redis_client.keys(f"{keys.prefix}:cache:*"))


def test_a_re_ingest_is_known_without_the_model_or_a_second_record(story, archive, cache, redis_client, keys, settings,
                                                                  fake_pipeline):
    # How fast this is, benchmarks/archive.py measures; here, that it does none of the costly work.
    ingest(str(story), archive=archive, cache=cache, model_loader=lambda: None, settings=settings)

    (item,) = ingest(str(story), archive=archive, cache=cache, model_loader=never_load, settings=settings).items

    assert item.outcome is Outcome.KNOWN
    assert len(fake_pipeline) == 1
    assert redis_client.zcard(keys.articles()) == 1


def test_the_cache_key_holds_the_pipeline_version_and_expires(story, archive, cache, redis_client, keys, settings,
                                                              fake_pipeline):
    ingest(str(story), archive=archive, cache=cache, model_loader=lambda: None, settings=settings)
    (key,) = redis_client.keys(f"{keys.prefix}:cache:*")

    hashed = text_hash(TEXT.strip())  # the text exactly as read (the reader strips it), not normalised
    assert key.decode() == f"{keys.prefix}:cache:{cache.pipeline_version}:{hashed}"
    assert 0 < redis_client.ttl(key) <= settings.cache_ttl_days * 86_400
    assert cache.get(hashed) is not None
    assert ExtractionCache(redis_client, keys, ttl_days=1, pipeline_version="next").get(hashed) is None


def test_two_ingesters_at_once_make_one_extraction_and_one_record(story, redis_client, keys, settings, fake_pipeline):
    pool = redis_client.connection_pool
    results = []
    barrier = threading.Barrier(2)

    def ingester():
        # Each with a connection of its own, as two worker processes would have.
        client = redis.Redis(connection_pool=redis.ConnectionPool(
            connection_class=pool.connection_class, **pool.connection_kwargs))
        archive = Archive(client, keys)
        cache = ExtractionCache(client, keys, ttl_days=1)
        barrier.wait()
        results.append(ingest(str(story), archive=archive, cache=cache, model_loader=lambda: None,
                              settings=settings).items[0])

    threads = [threading.Thread(target=ingester) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)

    assert len(fake_pipeline) == 1
    # One extracts; the other takes the cache, or finds the article stored. Which of the two stores the article
    # is a race either may win, and the one that loses the race is told the archive knew it.
    assert sorted(item.outcome.value for item in results) in (
        ["extracted", "known"], ["cached", "extracted"], ["cached", "known"],
    )
    assert len({item.article.id for item in results}) == 1
    assert redis_client.zcard(keys.articles()) == 1
    assert who_said(Archive(redis_client, keys), "Ostrovsky").total == 1


def test_a_fresh_link_is_not_fetched_again_and_a_stale_one_is(archive, cache, settings, fake_pipeline, monkeypatch):
    fetched = []
    url = "https://valdoria-herald.example/harbour"

    def read_url(link, *, allow_private):
        fetched.append(link)
        return Article(url=link, canonical_url=url, title="Harbour to reopen", outlet="Valdoria Herald",
                       authors=("Mira Quell",), published="2031-03-04", language="en", description=None,
                       text=TEXT, accessible_for_free=True, extracted_by="trafilatura")

    monkeypatch.setattr("bot.ingest.read_url", read_url)
    first = ingest(url, archive=archive, cache=cache, model_loader=lambda: None, settings=settings).items[0]
    again = ingest(url, archive=archive, cache=cache, model_loader=never_load, settings=settings).items[0]

    assert fetched == [url] and first.outcome is Outcome.EXTRACTED and again.outcome is Outcome.KNOWN
    quote = who_said(archive, "Ostrovsky").quotes[0]
    assert (quote.title, quote.outlet, quote.url, quote.time) == (
        "Harbour to reopen", "Valdoria Herald", url, "2031-03-04T00:00:00+00:00",
    )

    stale = "2000-01-01T00:00:00+00:00"
    archive.redis.hset(archive.keys.article(first.article.id), "ingested_at", stale)
    late = ingest(url, archive=archive, cache=cache, model_loader=never_load, settings=settings).items[0]

    assert len(fetched) == 2 and late.outcome is Outcome.KNOWN  # fetched again, same content: still one article
    ingest(url, archive=archive, cache=cache, model_loader=never_load, settings=settings)
    assert len(fetched) == 2  # and fresh again from that reading
    assert FRESH_FOR.days == 1


def test_a_folder_is_ingested_file_by_file_and_a_bad_file_does_not_stop_it(tmp_path, archive, cache, settings,
                                                                           fake_pipeline):
    (tmp_path / "b.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "a.html").write_text("<html><body><p>Too short.</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")

    result = ingest(str(tmp_path), archive=archive, cache=cache, model_loader=lambda: None, settings=settings)

    assert [(item.source.rsplit("/", 1)[1], item.outcome) for item in result.items] == [
        ("a.html", Outcome.FAILED), ("b.txt", Outcome.EXTRACTED),
    ]
    assert result.failed[0].error
