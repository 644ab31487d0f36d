"""The ``summit`` command line: what the pipeline finds in articles, and the archive of who said what.

Each subcommand parses its arguments, calls one function and prints. Expected failures (a missing file, a bad
setting, a model that is not installed, Redis out of reach) end with one plain sentence on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import functools
import json
import os
import re
import sys
from collections.abc import Sequence
from datetime import datetime, timedelta
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

import redis

import nlp
from bot import keys as archive_keys
from bot.answers import render_answer
from bot.archive import Archive
from bot.batch import write_quotes_jsonl
from bot.cache import ExtractionCache
from bot.digest import build_digest, record_digest
from bot.errors import SummitError
from bot.ingest import Outcome, ingest, unreadable
from bot.redis_connection import connect, redact_url
from bot.subscriptions import SubscriptionBook, subscription_zone
from bot.whosaid import DEFAULT_LIMIT, who_said
from bot.logs import configure_logging
from bot.settings import PROJECT_ROOT, Settings, load_settings
from bot.terminal import render_message
from handlers.blocks import article_blocks
from handlers.digest_blocks import digest_message, shown_digest
from nlp.model import Extraction
from nlp.read_errors import ReadError
from nlp.reader import Article, read_file, read_url
from nlp.serialize import extraction_to_dict

if TYPE_CHECKING:
    from spacy.language import Language

SEEDS_DIR = PROJECT_ROOT / "seeds"
DEFAULT_BATCH_SIZE = 16
"""Articles per batch handed to spaCy (and to a worker process)."""
EXIT_FAILURE = 2
"""Exit code of an expected failure, one the user can fix."""
PREVIEW_PARAGRAPHS = 3
"""Paragraphs of the article text shown by ``summit read`` without ``--json``."""
DEMO_QUERIES = ("Zelensky", "Trump", "security guarantees")
"""What ``summit demo`` asks the archive once the seeds are in."""
DEMO_CHANNEL = "CDEMO"
"""The channel ``summit demo`` shows a digest for."""
RE_DURATION = re.compile(r"^\s*(\d+)\s*([mhdw])\s*$", re.IGNORECASE)
DURATION_UNITS = {"m": "minutes", "h": "hours", "d": "days", "w": "weeks"}


class NoArticles(SummitError):
    """A folder given to ``summit demo`` holds no ``*.txt`` article."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    settings = None
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        args.run(args, settings)
    except redis.RedisError as error:
        # Redis answered at start-up, then stopped: each article is one transaction, so nothing is half-written.
        return _fail(f"{_redis_place(settings)} failed: {error}")
    except SummitError as error:
        return _fail(str(error))
    except ReadError as error:
        return _fail(error.user_message)
    except BrokenPipeError:
        # The reader (``| head``) left: stop quietly, and point stdout at nothing so the exit-time flush cannot fail.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    except OSError as error:
        return _fail(f"cannot read {error.filename}: {error.strerror}." if error.filename else str(error))
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="summit", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(required=True, metavar="COMMAND")

    extract = commands.add_parser("extract", help="show who said what in one article (a UTF-8 text file)")
    extract.add_argument("file", type=Path, metavar="FILE")
    extract.add_argument("--json", action="store_true", help="print the full extraction as JSON")
    extract.set_defaults(run=_extract)

    quotes = commands.add_parser("quotes", help="write the quotes of every article of a JSONL file, as JSONL")
    quotes.add_argument("--jsonl", type=Path, required=True, metavar="IN.jsonl", help='lines of {"id", "text"}')
    quotes.add_argument("--processes", type=_positive_int, default=1, metavar="N", help="worker processes (1)")
    quotes.add_argument(
        "--batch-size", type=_positive_int, default=DEFAULT_BATCH_SIZE, metavar="N",
        help=f"articles per batch ({DEFAULT_BATCH_SIZE})",
    )
    quotes.set_defaults(run=_quotes)

    read = commands.add_parser("read", help="read the article at a link or in a saved page (.html) or text file")
    read.add_argument("source", metavar="URL|FILE")
    read.add_argument("--json", action="store_true", help="print the article and its metadata as JSON")
    read.set_defaults(run=_read)

    demo = commands.add_parser(
        "demo", help="store the sample articles in the archive and show who said what, as Slack will"
    )
    demo.add_argument("--seeds", type=Path, default=SEEDS_DIR, metavar="DIR", help="folder of *.txt articles")
    _team_option(demo)
    demo.set_defaults(run=_demo)

    ingest_command = commands.add_parser("ingest", help="read articles (links, files, folders) into the archive")
    ingest_command.add_argument("sources", nargs="+", metavar="URL|FILE|DIR")
    _team_option(ingest_command)
    ingest_command.set_defaults(run=_ingest)

    who = commands.add_parser("who-said", help="who said it: a person, a role or a topic, from the archive")
    who.add_argument("query", nargs="+", metavar="QUERY")
    who.add_argument("--since", type=_duration, metavar="AGE", help="only statements newer than this: 30m, 12h, 2d, 1w")
    who.add_argument("--outlet", metavar="OUTLET", help="only statements from this outlet (reuters.com)")
    who.add_argument("--limit", type=_positive_int, default=DEFAULT_LIMIT, metavar="N",
                     help=f"statements shown ({DEFAULT_LIMIT})")
    who.add_argument("--json", action="store_true", help="print the answer as JSON")
    _team_option(who)
    who.set_defaults(run=_who_said)

    digest = commands.add_parser("digest", help="build a channel's digest of what is new, as the clock would")
    digest.add_argument("--channel", required=True, metavar="ID", help="the Slack channel id (C0123…)")
    digest.add_argument("--dry-run", action="store_true",
                        help="only show it: do not record it as reported (the next digest is unchanged)")
    _team_option(digest)
    digest.set_defaults(run=_digest)

    clock = commands.add_parser("clock", help="run the clock that queues each subscribed channel's daily digest")
    clock.set_defaults(run=_clock)

    serve = commands.add_parser("serve", help="run the Slack app: HTTP on $PORT at /slack/events, or Socket Mode")
    serve.add_argument("--socket", action="store_true", help="connect over Socket Mode with SLACK_APP_TOKEN")
    serve.set_defaults(run=_serve)

    worker = commands.add_parser("worker", help="run the queue worker that reads articles and posts replies")
    worker.add_argument("--burst", action="store_true", help="stop when the queue is empty")
    worker.set_defaults(run=_worker)

    export = commands.add_parser("export", help="write the archive to stdout as JSON lines")
    _team_option(export)
    export.set_defaults(run=_export)

    import_command = commands.add_parser("import", help="read an archive written by summit export")
    import_command.add_argument("file", type=Path, metavar="FILE")
    import_command.add_argument("--partial", action="store_true", help="import the good lines of a file with bad ones")
    _team_option(import_command)
    import_command.set_defaults(run=_import)
    return parser


def _team_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--team", default=archive_keys.DEFAULT_TEAM, metavar="ID",
                        help=f"Slack workspace (team id) whose archive to use ({archive_keys.DEFAULT_TEAM})")


def _extract(args: argparse.Namespace, settings: Settings) -> None:
    extraction = extract_file(nlp.load_model(settings.model_name), args.file)
    if args.json:
        print(json.dumps(extraction_to_dict(extraction), indent=2, ensure_ascii=False))
    else:
        print(extraction_view(extraction))


def _quotes(args: argparse.Namespace, settings: Settings) -> None:
    write_quotes_jsonl(
        args.jsonl, sys.stdout, model_name=settings.model_name, processes=args.processes, batch_size=args.batch_size
    )


def _read(args: argparse.Namespace, settings: Settings) -> None:
    if "://" in args.source:
        article = read_url(args.source, allow_private=settings.allow_private_urls)
    else:
        article = read_file(Path(args.source))
    print(json.dumps(dataclasses.asdict(article), indent=2, ensure_ascii=False) if args.json else article_view(article))


def _demo(args: argparse.Namespace, settings: Settings) -> None:
    paths = sorted(args.seeds.glob("*.txt"))
    if not paths:
        raise NoArticles(f"There is no .txt article in {args.seeds}.")
    archive, cache = open_archive(settings, args.team)
    for number, path in enumerate(paths):
        (item,) = ingest(str(path), archive=archive, cache=cache, model_loader=_model_loader(settings),
                         settings=settings).items
        # The same text in two files is one article; each is still shown under its own name.
        extraction = dataclasses.replace(archive.load(item.article.id).extraction, title=path.name)
        print(("\n" if number else "") + extraction_view(extraction))
    for query in DEMO_QUERIES:
        print(f"\n$ summit who-said {query}\n" + render_answer(who_said(archive, query)))
    # The digest a channel would get with everything in the archive new to it, built as it would be two seconds
    # from now: a digest covers only whole seconds that are over, and the articles were stored in this one.
    now = datetime.now(ZoneInfo(settings.digest_zone))
    digest = build_digest(archive, DEMO_CHANNEL, now.date().isoformat(), since=0.0, now=now + timedelta(seconds=2))
    print(f"\n$ summit digest --channel {DEMO_CHANNEL} --dry-run\n"
          + render_message(digest_message(digest, preview=True), color=sys.stdout.isatty()))


def _ingest(args: argparse.Namespace, settings: Settings) -> None:
    archive, cache = open_archive(settings, args.team)
    loader = _model_loader(settings)
    failed = 0
    for source in args.sources:
        # A source that cannot be read is reported with the others; it does not stop the ones after it.
        try:
            items = ingest(source, archive=archive, cache=cache, model_loader=loader, settings=settings).items
        except (ReadError, OSError) as error:
            items = (unreadable(source, error),)
        for item in items:
            if item.outcome is Outcome.FAILED:
                failed += 1
                print(f"failed     {item.source}: {item.error}", file=sys.stderr)
                continue
            article = item.article
            title = article.title or article.id
            print(f"{item.outcome.value:<10} {item.source}: {title} ({article.statements} statements)")
    if failed:
        raise SummitError(f"{failed} article{'s' if failed > 1 else ''} could not be read; the rest are stored.")


def _who_said(args: argparse.Namespace, settings: Settings) -> None:
    archive, _cache = open_archive(settings, args.team)
    answer = who_said(archive, " ".join(args.query), since=args.since, outlet=args.outlet, limit=args.limit)
    print(json.dumps(dataclasses.asdict(answer), indent=2, ensure_ascii=False) if args.json else render_answer(answer))


def _digest(args: argparse.Namespace, settings: Settings) -> None:
    archive, _cache = open_archive(settings, args.team)
    book = SubscriptionBook(archive.redis, settings.namespace)
    subscription = book.get(args.team, args.channel)
    day = datetime.now(subscription_zone(subscription, settings.digest_zone)).date().isoformat()
    digest = build_digest(archive, args.channel, day)
    print(render_message(digest_message(digest, preview=args.dry_run), color=sys.stdout.isatty()))
    if not args.dry_run:
        record_digest(archive, shown_digest(digest))


def _clock(args: argparse.Namespace, settings: Settings) -> None:
    from bot.clock import run_clock

    run_clock(settings)


def _serve(args: argparse.Namespace, settings: Settings) -> None:
    from bot.slack_app import serve

    serve(settings, socket_mode=args.socket)


def _worker(args: argparse.Namespace, settings: Settings) -> None:
    from bot.worker import run_worker

    run_worker(settings, burst=args.burst)


def _export(args: argparse.Namespace, settings: Settings) -> None:
    archive, _cache = open_archive(settings, args.team)
    for line in archive.export_lines():
        sys.stdout.write(line + "\n")


def _import(args: argparse.Namespace, settings: Settings) -> None:
    archive, _cache = open_archive(settings, args.team)
    with args.file.open(encoding="utf-8", errors="replace") as lines:
        report = archive.import_lines(lines, partial=args.partial)
    for bad in report.bad_lines:
        print(f"{args.file}, line {bad.number}: {bad.reason}", file=sys.stderr)
    if not report.applied:
        count = len(report.bad_lines)
        raise SummitError(
            f"{count} bad line{'s' if count > 1 else ''} in {args.file}; nothing was imported "
            "(--partial imports the good lines)."
        )
    print(f"Imported {report.imported} article{'s' if report.imported != 1 else ''}"
          f" ({report.already_there} already in the archive, {len(report.bad_lines)} bad lines skipped).")


def open_archive(settings: Settings, team: str) -> tuple[Archive, ExtractionCache]:
    """The workspace's archive and the shared extraction cache, on the Redis the settings name."""
    try:
        keys = archive_keys.Keys(team, prefix=settings.namespace)
    except ValueError as error:
        raise SummitError(f"--team {error}.") from None
    client = connect(settings)
    return Archive(client, keys), ExtractionCache(client, keys, ttl_days=settings.cache_ttl_days)


def _model_loader(settings: Settings):
    """Load the spaCy model the first time it is called (only a cache miss needs it), then reuse it."""
    return functools.cache(lambda: nlp.load_model(settings.model_name))


def _redis_place(settings: Settings | None) -> str:
    if settings is not None and settings.redis_url:
        return f"Redis at {redact_url(settings.redis_url)}"
    return "The embedded Redis"


def extract_file(model: Language, path: Path) -> Extraction:
    """The extraction of a text file, titled with the file name (a first line is no reliable headline)."""
    return nlp.extract(model, path.read_text(encoding="utf-8", errors="replace"), title=path.name)


def article_view(article: Article) -> str:
    """The article's metadata, one field a line, then its first paragraphs."""
    fields = {
        "Outlet": article.outlet,
        "Authors": ", ".join(article.authors),
        "Published": article.published,
        "Link": article.canonical_url,
        "Language": article.language,
    }
    title = article.title or article.canonical_url or "Untitled"
    lines = [title, "=" * len(title)] + [f"{name}: {value}" for name, value in fields.items() if value]
    paragraphs = article.text.split("\n\n")
    more = len(paragraphs) - PREVIEW_PARAGRAPHS
    return "\n".join(lines) + "\n\n" + "\n\n".join(paragraphs[:PREVIEW_PARAGRAPHS]) + (
        f"\n\n[… {more} more paragraph{'s' if more > 1 else ''}]" if more > 0 else ""
    )


def extraction_view(extraction: Extraction) -> str:
    """Summary, who said what and key figures as the bot shows them in Slack, styled when stdout is a terminal."""
    return render_message(article_blocks(extraction), color=sys.stdout.isatty())


def _duration(value: str) -> timedelta:
    match = RE_DURATION.match(value)
    if not match:
        raise argparse.ArgumentTypeError(f"must be a number and a unit (30m, 12h, 2d, 1w), got {value!r}")
    return timedelta(**{DURATION_UNITS[match.group(2).lower()]: int(match.group(1))})


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _fail(sentence: str) -> int:
    print(f"summit: {sentence}", file=sys.stderr)
    return EXIT_FAILURE
