"""Benchmark building daily digests: the time ``build_digest`` takes as a channel's archive and what it was told
grow, day after day.

    .venv/bin/python benchmarks/digest.py [--days 30] [--articles 100] [--developments 3] [--last-day 500]

Generates made-up articles with the archive benchmark's generator (statements from 1,000 speakers), gives each
``--developments`` developments of made-up words with an actor and sometimes a figure, and ingests ``--articles``
a day for ``--days`` days. Each day's digest is built, and what its message shows is recorded, as the worker does.
A last day brings ``--last-day`` articles at once. Prints the build time of each day and the size of what the
channel was told. Redis as in the archive benchmark (REDIS_URL, or an embedded one), in a namespace of its own.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from archive import Generator, bench_redis  # noqa: E402  (benchmarks/archive.py, beside this script)
from bot.archive import Archive  # noqa: E402
from bot.digest import build_digest, record_digest  # noqa: E402
from bot.keys import Keys  # noqa: E402
from handlers.digest_blocks import shown_digest  # noqa: E402
from nlp.model import Development, Span  # noqa: E402

CHANNEL = "CBENCH"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--days", type=int, default=30)
    parser.add_argument("--articles", type=int, default=100, help="articles a day")
    parser.add_argument("--developments", type=int, default=3, help="developments an article")
    parser.add_argument("--last-day", type=int, default=500, help="articles on the last day")
    parser.add_argument("--seed", type=int, default=11)
    args = parser.parse_args()
    with bench_redis("bench-digest") as bench:
        run(args, Archive(bench.client, Keys("TBENCH", prefix=bench.namespace)))


def run(args, archive: Archive) -> None:
    generator = Generator(args.seed, 1000)
    start = datetime.now(timezone.utc) - timedelta(days=args.days + 1)
    number = 0
    times = []
    for day in range(args.days + 1):
        count = args.last_day if day == args.days else args.articles
        noon = start + timedelta(days=day, hours=12)
        for _ in range(count):
            record = generator.article(number, 5)
            archive.store(replace(record, ingested_at=(noon - timedelta(hours=2)).isoformat(timespec="seconds"),
                                  extraction=replace(record.extraction, developments=_developments(generator, args))))
            number += 1
        began = time.perf_counter()
        digest = build_digest(archive, CHANNEL, noon.date().isoformat(), now=noon)
        seconds = time.perf_counter() - began
        shown = shown_digest(digest)
        record_digest(archive, shown)
        told = archive.redis.zcard(archive.keys.digest_reported(CHANNEL, "developments"))
        times.append(seconds)
        print(f"day {day + 1:>2}: {count:>4} articles, {len(digest.developments):>4} new developments "
              f"({len(shown.developments)} shown), build {seconds:5.2f} s; the channel was told {told} events",
              flush=True)
    print(f"\nbuild time on the {args.days} ordinary days: p50 {statistics.median(times[:-1]):.2f} s, "
          f"max {max(times[:-1]):.2f} s; the {args.last_day}-article day: {times[-1]:.2f} s")


def _developments(generator: Generator, args) -> tuple[Development, ...]:
    rng = generator.rng
    made = []
    for _ in range(args.developments):
        person = rng.choice(generator.people)
        text = f"{person.name} {generator.content().lower()}"
        figures = (f"{rng.randint(2, 900)} million dollars",) if rng.random() < 0.4 else ()
        made.append(Development(text, (person.name,), figures, Span(0, len(text), text)))
    return tuple(made)


if __name__ == "__main__":
    main()
