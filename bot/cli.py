"""The ``summit`` command line: look at what the pipeline finds in articles without Slack or Redis.

Each subcommand parses its arguments, calls one function and prints. Expected failures (a missing file, a bad
setting, a model that is not installed) end with one plain sentence on stderr and exit code 2.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import nlp
from bot.batch import write_quotes_jsonl
from bot.errors import SummitError
from bot.logs import configure_logging
from bot.settings import PROJECT_ROOT, Settings, load_settings
from bot.terminal import render_message
from handlers.blocks import statements_blocks
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


class NoArticles(SummitError):
    """A folder given to ``summit demo`` holds no ``*.txt`` article."""


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        settings = load_settings()
        configure_logging(settings.log_level)
        args.run(args, settings)
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

    demo = commands.add_parser("demo", help="show who said what in each sample article, as Slack will")
    demo.add_argument("--seeds", type=Path, default=SEEDS_DIR, metavar="DIR", help="folder of *.txt articles")
    demo.set_defaults(run=_demo)
    return parser


def _extract(args: argparse.Namespace, settings: Settings) -> None:
    extraction = extract_file(nlp.load_model(settings.model_name), args.file)
    if args.json:
        print(json.dumps(extraction_to_dict(extraction), indent=2, ensure_ascii=False))
    else:
        print(who_said_what(extraction))


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
    model = nlp.load_model(settings.model_name)
    for number, path in enumerate(paths):
        print(("\n" if number else "") + who_said_what(extract_file(model, path)))


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


def who_said_what(extraction: Extraction) -> str:
    """The statements as the bot shows them in Slack, styled when stdout is a terminal."""
    return render_message(statements_blocks(extraction), color=sys.stdout.isatty())


def _positive_int(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {number}")
    return number


def _fail(sentence: str) -> int:
    print(f"summit: {sentence}", file=sys.stderr)
    return EXIT_FAILURE
