"""Benchmark the who-said archive: query latency by person and by topic, cached re-ingest, and Redis memory.

    .venv/bin/python benchmarks/archive.py [--articles 10000] [--statements 10] [--speakers 1000] [--queries 1000]

Fills Redis with a generated archive (by default 10,000 articles of 10 statements from 1,000 speakers: made-up
names, roles, outlets and words drawn from a Zipf-like distribution, over 90 days) through ``Archive.store``,
then times, one call at a time and round trips included:

- ``who_said`` by person: full names, surnames, possessives with an honorific, titles and misspelt surnames;
- ``who_said`` by topic: one to three words, drawn as often as the archive uses them;
- ``ingest`` of a text file whose extraction is cached but which the archive lacks ("cached"), and of one the
  archive already holds ("known"), with a model loader that fails if spaCy is ever asked for;
- Redis ``used_memory`` before and after the fill, per statement.

Redis is the server at REDIS_URL when it is set, every key under a namespace of the run's own
(``bench-<random>``) that is deleted at the end; otherwise the embedded server in a temporary data directory.
Targets (from the issue): person p99 ≤ 20 ms, topic p99 ≤ 50 ms, cached re-ingest ≤ 5 ms.
"""

from __future__ import annotations

import argparse
import itertools
import os
import random
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from pathlib import Path

import redis

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from bot.archive import Archive, ArticleRecord, content_hash  # noqa: E402  (needs the project on the path)
from bot.cache import ExtractionCache, text_hash  # noqa: E402
from bot.ingest import Outcome, ingest  # noqa: E402
from bot.keys import Keys  # noqa: E402
from bot.redis_connection import connect  # noqa: E402
from bot.settings import Settings, load_settings  # noqa: E402
from bot.whosaid import who_said  # noqa: E402
from nlp.constants import TOPIC_STOPWORDS  # noqa: E402
from nlp.model import Entity, EntityKind, Extraction, Kind, Span, Speaker, Statement  # noqa: E402

TARGET_PERSON_P99_MS = 20.0
TARGET_TOPIC_P99_MS = 50.0
TARGET_REINGEST_MS = 5.0
ARCHIVE_DAYS = 90
"""The generated articles are spread over this many days before now."""
VOCABULARY_SIZE = 8000
"""Distinct made-up words statements are written in."""
WORD_ZIPF_EXPONENT = 1.07
"""Of the words' Zipf distribution (about English's): the n-th commonest word is used ∝ 1 / (n + offset)^1.07."""
WORD_RANK_OFFSET = 100
"""The generated words stand for English past its commonest 100, function words the topic index leaves out:
the commonest of them is then in about 4% of statements, as "Ukraine" or "government" might be. With
``--word-rank-offset 0`` the commonest generated word is in nearly every statement (a stopword left in)."""
SPEAKER_ZIPF_EXPONENT = 0.9
"""Of how often speakers are quoted: a few are everywhere, most are quoted a handful of times."""
SHARED_SURNAME_SHARE = 0.08
"""The share of speakers given a surname another speaker already has ("Amy Hill", "Hugh Hill")."""
REINGEST_ARTICLES = 500
"""Articles, beyond the archive, whose extraction is cached and which are then ingested from text files."""
DELETE_BATCH = 1000

ONSETS = "b c d f g h j k l m n p r s t v w z br dr gr kr pr st tr sh ch th".split()
VOWELS = "a e i o u a e o ai ou ei".split()
CODAS = ["", "", "", "n", "r", "l", "s", "k", "m", "nd", "rt", "st"]
SURNAME_ENDINGS = ["", "", "son", "ov", "enko", "ez", "ski", "elli", "berg", "ard", "ington", "ani", "escu"]
OFFICES = [
    "President", "Prime Minister", "Foreign Minister", "Defence Minister", "Finance Minister", "spokesperson",
    "Senator", "Governor", "Mayor", "central bank governor", "economist", "analyst", "doctor", "professor",
    "union leader", "chief executive", "ambassador", "general", "opposition leader", "police chief",
]
OUTLET_KINDS = ["Times", "Post", "Herald", "Courier", "Gazette", "Tribune", "Daily", "Observer", "Chronicle", "Wire"]


@dataclass(frozen=True)
class Person:
    given: str
    surname: str
    role: str
    female: bool

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


class Generator:
    """A reproducible archive of made-up articles, their statements and the queries to ask of it."""

    def __init__(self, seed: int, speakers: int, word_rank_offset: int = WORD_RANK_OFFSET) -> None:
        self.rng = random.Random(seed)
        self.words = self._vocabulary()
        self.word_weights = zipf_weights(len(self.words), WORD_ZIPF_EXPONENT, word_rank_offset)
        self.people = self._people(speakers)
        self.person_weights = zipf_weights(len(self.people), SPEAKER_ZIPF_EXPONENT)
        self.outlets = [f"The {self._word().capitalize()} {self.rng.choice(OUTLET_KINDS)}" for _ in range(40)]
        self.authors = [f"{self._word().capitalize()} {self._surname()}" for _ in range(300)]
        self.now = datetime.now(timezone.utc)
        self.quoted: dict[Person, None] = {}
        """The people the articles generated so far quote, in the order they were first quoted."""

    # Words and names ----------------------------------------------------------------------------------------

    def _syllable(self) -> str:
        return self.rng.choice(ONSETS) + self.rng.choice(VOWELS) + self.rng.choice(CODAS)

    def _word(self) -> str:
        return "".join(self._syllable() for _ in range(self.rng.choice((1, 2, 2, 2, 3))))

    def _surname(self) -> str:
        stem = "".join(self._syllable() for _ in range(self.rng.choice((1, 2, 2))))
        return (stem + self.rng.choice(SURNAME_ENDINGS)).capitalize()

    def _vocabulary(self) -> list[str]:
        words: dict[str, None] = {}
        while len(words) < VOCABULARY_SIZE:
            word = self._word()
            if len(word) > 2 and word not in TOPIC_STOPWORDS:
                words[word] = None
        return list(words)

    def _people(self, count: int) -> list[Person]:
        given_names = list({self._word().capitalize() for _ in range(count // 2)})
        adjectives = [self._word().capitalize() + "ian" for _ in range(30)]
        people: list[Person] = []
        taken: set[tuple[str, str]] = set()
        while len(people) < count:
            shared = people and self.rng.random() < SHARED_SURNAME_SHARE
            surname = self.rng.choice(people).surname if shared else self._surname()
            given = self.rng.choice(given_names)
            if (given, surname) in taken:
                continue
            taken.add((given, surname))
            office = self.rng.choice(OFFICES)
            role = f"{self.rng.choice(adjectives)} {office}" if office[0].isupper() else office
            people.append(Person(given, surname, role, female=self.rng.random() < 0.4))
        return people

    def content(self) -> str:
        words = self.rng.choices(self.words, cum_weights=self.word_weights, k=self.rng.randint(8, 24))
        return " ".join(words).capitalize()

    # Articles -----------------------------------------------------------------------------------------------

    def article(self, number: int, statements: int) -> ArticleRecord:
        rng = self.rng
        cast: list[Person] = []
        while len(cast) < rng.randint(2, 5):
            person = rng.choices(self.people, cum_weights=self.person_weights)[0]
            if person not in cast:
                cast.append(person)
        title = self.content()[:80]
        text = title + ".\n\n"
        mentions: dict[Person, list[Span]] = {}
        built: list[Statement] = []
        for _ in range(statements):
            person = rng.choice(cast)
            if person in mentions:
                honorific = "Ms" if person.female else "Mr"
                mention = rng.choice((f"{honorific} {person.surname}", person.surname))
            else:
                # "Valdorian President Ana Vell"; "Ana Vell, an economist,".
                capitalised = person.role[0].isupper()
                mention = f"{person.role} {person.name}" if capitalised else f"{person.name}, {person.role},"
            content = self.content()
            start = len(text)
            if rng.random() < 0.7:
                sentence = f"“{content},” {mention} said."
                content_start = start + 1
                mention_start = start + len(f"“{content},” ")
                kind = Kind.DIRECT
            else:
                sentence = f"{mention} said {content[0].lower() + content[1:]}."
                content_start = start + len(f"{mention} said ")
                content = content[0].lower() + content[1:]
                mention_start = start
                kind = Kind.INDIRECT
            text += sentence + " "
            cue_start = text.index(" said", mention_start) + 1
            mention_span = Span(mention_start, mention_start + len(mention), mention)
            mentions.setdefault(person, []).append(mention_span)
            self.quoted.setdefault(person, None)
            built.append(Statement(
                content=(Span(content_start, content_start + len(content), content),),
                kind=kind,
                cue=Span(cue_start, cue_start + 4, "said"),
                speaker=Speaker(mention_span, person.name, person.role, EntityKind.PERSON),
                sentence=Span(start, start + len(sentence), sentence),
            ))
        text = text.rstrip()
        published = self.now - timedelta(seconds=rng.uniform(0, ARCHIVE_DAYS * 86_400))
        entities = tuple(
            Entity(person.name, EntityKind.PERSON, person.role, tuple(spans)) for person, spans in mentions.items()
        )
        outlet = rng.choice(self.outlets)
        url = f"https://{outlet.lower().replace(' ', '')}.example/{published:%Y/%m/%d}/story-{number}"
        return ArticleRecord(
            url=url, canonical_url=url, title=title, outlet=outlet, authors=(rng.choice(self.authors),),
            published=published.isoformat(timespec="seconds"), language="en", text=text,
            content_hash=content_hash(text),
            extraction=Extraction(statements=tuple(built), entities=entities, figures=(), title=title, url=url,
                                  published=published.isoformat(timespec="seconds")),
            ingested_at=(published + timedelta(minutes=rng.uniform(1, 120))).isoformat(timespec="seconds"),
        )

    # Queries ------------------------------------------------------------------------------------------------

    def person_query(self) -> tuple[str, str, Person]:
        """A name as someone would type it (in full, by surname, possessive, with a title, or misspelt), the
        form it takes, and whom it names: someone the archive quotes, half the time as often as it does."""
        rng = self.rng
        person = rng.choices(self.people, cum_weights=self.person_weights)[0]
        if rng.random() < 0.5 or person not in self.quoted:
            person = rng.choice(list(self.quoted))  # anyone quoted, however rarely
        form = rng.random()
        if form < 0.3:
            return person.name, "full name", person
        if form < 0.55:
            return person.surname, "surname", person
        if form < 0.7:
            return f"{'Ms' if person.female else 'Mr'} {person.surname}'s", "possessive", person
        if form < 0.8:
            return f"{person.role} {person.name}", "title and name", person
        if len(person.surname) >= 6:
            return misspell(person.surname, rng), "misspelt surname", person
        return person.name, "full name", person

    def topic_query(self) -> str:
        """One to three words, as often the commonest as the archive uses them, else any of the top 3,000."""
        rng = self.rng
        count = rng.choice((1, 1, 2, 2, 3))
        if rng.random() < 0.5:
            words = rng.choices(self.words, cum_weights=self.word_weights, k=count)
        else:
            words = rng.choices(self.words[:3000], k=count)
        return " ".join(words)


def zipf_weights(count: int, exponent: float, offset: int = 0) -> list[float]:
    """Cumulative weights for ``random.choices``: the n-th item is drawn ∝ 1 / (n + offset)^exponent."""
    return list(itertools.accumulate(1 / (rank + offset) ** exponent for rank in range(1, count + 1)))


def misspell(word: str, rng: random.Random) -> str:
    """One slip: two neighbouring letters swapped, a letter dropped or one doubled (never the first)."""
    i = rng.randrange(1, len(word) - 1)
    slip = rng.randrange(3)
    if slip == 0:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if slip == 1:
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


# Measuring ----------------------------------------------------------------------------------------------------

def percentile(values: Sequence[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def timed(calls: Sequence[Callable[[], object]]) -> list[float]:
    """Milliseconds of each call, one after another."""
    times = []
    for call in calls:
        start = time.perf_counter()
        call()
        times.append((time.perf_counter() - start) * 1000)
    return times


def used_memory(client) -> int:
    return int(client.info("memory")["used_memory"])


def memory_by_kind(client, keys: Keys) -> list[tuple[str, tuple[int, int]]]:
    """Bytes and number of keys of each kind of the workspace's keys ("article", "term", …), largest first."""
    sizes: dict[str, list[int]] = {}
    names = [key.decode() for key in client.scan_iter(match=keys.pattern, count=DELETE_BATCH)]
    pipe = client.pipeline(transaction=False)
    for name in names:
        pipe.memory_usage(name, samples=0)
    for name, size in zip(names, pipe.execute()):
        kind = name[len(keys.base) + 1 :].split(":", 1)[0]
        totals = sizes.setdefault(kind, [0, 0])
        totals[0] += size or 0
        totals[1] += 1
    return sorted(((kind, (size, count)) for kind, (size, count) in sizes.items()), key=lambda item: -item[1][0])


def delete_namespace(client, prefix: str) -> int:
    deleted, batch = 0, []
    for key in client.scan_iter(match=f"{prefix}:*", count=DELETE_BATCH):
        batch.append(key)
        if len(batch) >= DELETE_BATCH:
            deleted += client.unlink(*batch)
            batch = []
    if batch:
        deleted += client.unlink(*batch)
    return deleted


def no_model():
    raise AssertionError("the benchmark's re-ingest asked for the spaCy model: the extraction was not cached")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=10, help="statements per article")
    parser.add_argument("--speakers", type=int, default=1_000)
    parser.add_argument("--queries", type=int, default=1_000, help="of each kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--word-rank-offset", type=int, default=WORD_RANK_OFFSET,
                        help="commonest words of the Zipf distribution left out, as stopwords are")
    args = parser.parse_args()

    with bench_redis("bench") as bench:
        run(args, bench.client, Keys(team="bench", prefix=bench.namespace), bench.settings, bench.scratch)


@dataclass(frozen=True)
class BenchRedis:
    client: redis.Redis
    settings: Settings
    namespace: str
    scratch: Path
    """A temporary folder of the run's own."""

    @property
    def url(self) -> str:
        """Where other processes reach the same Redis."""
        return self.settings.redis_url or f"unix://{self.client.socket_file}?db=0"


@contextmanager
def bench_redis(name: str) -> Iterator[BenchRedis]:
    """The Redis a benchmark runs on (REDIS_URL, else an embedded one in a temporary folder), with a namespace of
    the run's own (``<name>-<random>``) whose keys are deleted at the end."""
    with tempfile.TemporaryDirectory(prefix="summit-bench-") as scratch:
        settings = load_settings({**os.environ, "SUMMIT_DATA_DIR": str(Path(scratch) / "data")})
        client = connect(settings)
        namespace = f"{name}-{uuid.uuid4().hex[:10]}"
        print(f"Redis: {'REDIS_URL' if settings.redis_url else 'embedded Redis'}, namespace {namespace}", flush=True)
        try:
            yield BenchRedis(client, settings, namespace, Path(scratch))
        finally:
            print(f"deleted {delete_namespace(client, namespace)} keys of {namespace}", flush=True)


def run(args, client, keys: Keys, settings, scratch: Path) -> None:
    generator = Generator(args.seed, args.speakers, args.word_rank_offset)
    archive = Archive(client, keys)
    memory_before = used_memory(client)

    start = time.perf_counter()
    generate_seconds = 0.0
    for number in range(args.articles):
        made = time.perf_counter()
        record = generator.article(number, args.statements)
        generate_seconds += time.perf_counter() - made
        archive.store(record)
        if (number + 1) % 1000 == 0:
            print(f"  stored {number + 1} articles in {time.perf_counter() - start:.0f} s", flush=True)
    fill_seconds = time.perf_counter() - start - generate_seconds
    memory_after = used_memory(client)
    by_kind = memory_by_kind(client, keys)
    statements = args.articles * args.statements
    speakers = client.zcard(keys.speakers())

    asked = [generator.person_query() for _ in range(args.queries)]
    person_queries = [query for query, _, _ in asked]
    topic_queries = [generator.topic_query() for _ in range(args.queries)]
    ask = lambda query: lambda: who_said(archive, query, since=None, outlet=None, limit=10)  # noqa: E731
    for query in person_queries[:20] + topic_queries[:20]:
        ask(query)()  # warm up the client's connection and the code paths
    person_times = timed([ask(query) for query in person_queries])
    topic_times = timed([ask(query) for query in topic_queries])
    person_answers = [who_said(archive, query, since=None, outlet=None, limit=10) for query in person_queries]
    topic_answers = [who_said(archive, query, since=None, outlet=None, limit=10) for query in topic_queries]

    cache = ExtractionCache(client, keys, ttl_days=settings.cache_ttl_days)
    files = []
    for number in range(REINGEST_ARTICLES):
        record = generator.article(args.articles + number, args.statements)
        cache.put(text_hash(record.text), record.extraction)
        path = scratch / f"article-{number}.txt"
        path.write_text(record.text, encoding="utf-8")
        files.append(path)
    outcomes: list[Outcome] = []
    reingest = lambda path: lambda: outcomes.append(  # noqa: E731
        ingest(str(path), archive=archive, cache=cache, model_loader=no_model, settings=settings).items[0].outcome
    )
    cached_times = timed([reingest(path) for path in files])
    known_times = timed([reingest(path) for path in files])
    if set(outcomes[: len(files)]) != {Outcome.CACHED} or set(outcomes[len(files) :]) != {Outcome.KNOWN}:
        print(f"warning: unexpected ingest outcomes {sorted(set(o.value for o in outcomes))}")

    print()
    print(f"archive: {args.articles:,} articles, {statements:,} statements, {speakers:,} speakers "
          f"(of {args.speakers:,} generated)")
    print(f"fill: {fill_seconds:.1f} s through Archive.store ({fill_seconds / args.articles * 1000:.1f} ms an "
          f"article), generating {generate_seconds:.1f} s more")
    delta = memory_after - memory_before
    print(f"Redis used_memory: {memory_before / 2**20:,.1f} MiB before, {memory_after / 2**20:,.1f} MiB after: "
          f"{delta / 2**20:,.1f} MiB, {delta / statements:,.0f} bytes a statement")
    print("  by kind of key (MEMORY USAGE): " + ", ".join(
        f"{kind} {size / 2**20:,.1f} MiB in {count:,}" for kind, (size, count) in by_kind))
    print()
    print("person queries: share answered with quotes of the person meant (alone, or among several speakers)")
    forms: dict[str, list[tuple[bool, bool, float]]] = {}
    missed: list[str] = []
    for (query, form, person), answer, ms in zip(asked, person_answers, person_times):
        names = [speaker.name for speaker in answer.speakers]
        found = bool(answer.quotes) and person.name in names
        forms.setdefault(form, []).append((found, found and len(names) == 1, ms))
        if not found and len(missed) < 6:
            missed.append(f"{query!r} (meant {person.name}, got {answer.kind}: {', '.join(names) or 'nobody'})")
    for form, rows in sorted(forms.items()):
        print(f"  {form:<18}{len(rows):>5} queries: {sum(r[0] for r in rows) / len(rows):6.1%} found, "
              f"{sum(r[1] for r in rows) / len(rows):6.1%} alone; p99 {percentile([r[2] for r in rows], 0.99):.2f} ms")
    if missed:
        print("  missed, for example: " + "; ".join(missed))
    kinds = {}
    for answer in topic_answers:
        kinds[answer.kind] = kinds.get(answer.kind, 0) + 1
    print(f"topic queries answered as: {kinds}; median total matches "
          f"{statistics.median(answer.total for answer in topic_answers):.0f}")
    print()
    print(f"{'measure':<34}{'n':>6}{'p50 ms':>10}{'p99 ms':>10}{'max ms':>10}{'target p99':>12}  ok")
    rows = [
        ("who_said by person", person_times, TARGET_PERSON_P99_MS),
        ("who_said by topic", topic_times, TARGET_TOPIC_P99_MS),
        ("ingest, extraction cached", cached_times, TARGET_REINGEST_MS),
        ("ingest, article already stored", known_times, TARGET_REINGEST_MS),
    ]
    for label, times, target in rows:
        p99 = percentile(times, 0.99)
        print(f"{label:<34}{len(times):>6}{statistics.median(times):>10.2f}{p99:>10.2f}{max(times):>10.2f}"
              f"{target:>12.0f}  {'yes' if p99 <= target else 'NO'}")
    slowest = sorted(zip(topic_times, topic_queries), reverse=True)[:3]
    print("slowest topic queries: " + "; ".join(f"{q!r} {ms:.1f} ms" for ms, q in slowest))
    slowest = sorted(zip(person_times, person_queries), reverse=True)[:3]
    print("slowest person queries: " + "; ".join(f"{q!r} {ms:.1f} ms" for ms, q in slowest))


if __name__ == "__main__":
    main()
