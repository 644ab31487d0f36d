"""The ``summit quotes`` job: quotes for every article of a JSONL file, one output line per input line.

Input lines are ``{"id": ..., "text": ...}``; output lines are ``{"id": ..., "quotes": [...]}`` in the evaluation
format of :func:`nlp.serialize.scorer_quotes`, in input order. The file is streamed: memory holds only the
articles in flight, however long the file. A line that cannot be read becomes an output line with an ``error``
instead of stopping the run.
"""

from __future__ import annotations

import functools
import json
import logging
import multiprocessing
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any, TextIO

import nlp
from nlp.model import Extraction
from nlp.serialize import scorer_quotes

logger = logging.getLogger(__name__)

PENDING_BATCHES_PER_PROCESS = 2
"""Batches handed to the pool per worker process before the next result is awaited: enough to keep every worker
busy, few enough that memory stays bounded."""

# fork starts workers with spaCy already imported, and is safe here: when the pool starts, the parent holds no
# model, no threads and no connections. Elsewhere (macOS, Windows) fork is unsafe or missing.
START_METHOD = "fork" if sys.platform.startswith("linux") else "spawn"

ExtractMany = Callable[[Iterable[str]], Iterator[Extraction]]
"""Extraction results for texts, in the order of the texts."""
ExtractorLoader = Callable[[str, int], ExtractMany]
"""Given a model name and a batch size, load the model once and return the function that extracts with it."""


@dataclass(frozen=True)
class Article:
    id: Any
    text: str


@dataclass(frozen=True)
class RejectedLine:
    """An input line that could not be read as an article, and why, in words for the output file."""

    id: Any
    reason: str


def load_extract_many(model_name: str, batch_size: int) -> ExtractMany:
    return functools.partial(nlp.extract_many, nlp.load_model(model_name), batch_size=batch_size)


def write_quotes_jsonl(
    in_path: str | Path,
    out_stream: TextIO,
    *,
    model_name: str,
    processes: int,
    batch_size: int,
    load_extractor: ExtractorLoader = load_extract_many,
) -> None:
    """Write the quotes of every article of the JSONL file ``in_path`` to ``out_stream``, one line per article."""
    with open(in_path, encoding="utf-8", errors="replace") as lines:
        batches = _batches(_read_articles(lines), batch_size)
        if processes == 1:
            extract_many = load_extractor(model_name, batch_size)
            results = (quote_lines(batch, extract_many) for batch in batches)
        else:
            results = quote_lines_in_pool(batches, processes, functools.partial(load_extractor, model_name, batch_size))
        for output_lines in results:
            out_stream.writelines(output_lines)


def quote_lines(batch: list[Article | RejectedLine], extract_many: ExtractMany) -> list[str]:
    """The output lines, newline included, for one batch of input lines."""
    extractions = iter(extract_many(item.text for item in batch if isinstance(item, Article)))
    return [_json_line(_quotes_record(item, extractions)) for item in batch]


def _quotes_record(item: Article | RejectedLine, extractions: Iterator[Extraction]) -> dict[str, Any]:
    if isinstance(item, RejectedLine):
        return {"id": item.id, "quotes": [], "error": item.reason}
    return {"id": item.id, "quotes": scorer_quotes(next(extractions), item.text)}


def _read_articles(lines: Iterable[str]) -> Iterator[Article | RejectedLine]:
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue  # A blank line (often the last one) is no article, and no error either.
        item = _parse_line(line)
        if isinstance(item, RejectedLine):
            logger.warning("line %d skipped: %s", number, item.reason, extra={"line_number": number})
        yield item


def _parse_line(line: str) -> Article | RejectedLine:
    try:
        record = json.loads(line)
    except (json.JSONDecodeError, RecursionError):  # nested deeper than Python's stack: not an article either
        return RejectedLine(None, "line is not valid JSON")
    if not isinstance(record, dict):
        return RejectedLine(None, "line is not a JSON object")
    article_id = record.get("id")
    if article_id is None:
        return RejectedLine(None, 'line has no "id"')
    if not isinstance(record.get("text"), str):
        return RejectedLine(article_id, 'line has no "text" string')
    return Article(article_id, record["text"])


def _batches(items: Iterable[Article | RejectedLine], size: int) -> Iterator[list[Article | RejectedLine]]:
    iterator = iter(items)
    while batch := list(islice(iterator, size)):
        yield batch


def quote_lines_in_pool(
    batches: Iterable[list[Article | RejectedLine]], processes: int, load_extractor: Callable[[], ExtractMany]
) -> Iterator[list[str]]:
    """Output lines of each batch, in input order, from a pool of ``processes`` workers that each load the model.

    Batches are submitted one by one and at most a few per worker wait at a time (``Pool.imap`` would read the
    whole input ahead of the workers).
    """
    context = multiprocessing.get_context(START_METHOD)
    with context.Pool(processes, initializer=_load_worker_extractor, initargs=(load_extractor,)) as pool:
        pending = deque()
        for batch in batches:
            if len(pending) >= PENDING_BATCHES_PER_PROCESS * processes:
                yield pending.popleft().get()
            pending.append(pool.apply_async(_worker_quote_lines, (batch,)))
        while pending:
            yield pending.popleft().get()


_worker_extractor: ExtractMany | Exception | None = None
"""This worker process's extractor, loaded once by the pool's initializer, or the error that loading raised."""


def _load_worker_extractor(load_extractor: Callable[[], ExtractMany]) -> None:
    global _worker_extractor
    try:
        _worker_extractor = load_extractor()
    except Exception as error:
        # A pool replaces a worker whose initializer raises, endlessly, and the run hangs: keep the error for the
        # tasks to raise, so the parent gets it from the first result.
        _worker_extractor = error


def _worker_quote_lines(batch: list[Article | RejectedLine]) -> list[str]:
    if isinstance(_worker_extractor, Exception):
        raise _worker_extractor
    return quote_lines(batch, _worker_extractor)


def _json_line(record: dict[str, Any]) -> str:
    return json.dumps(record, ensure_ascii=False) + "\n"
