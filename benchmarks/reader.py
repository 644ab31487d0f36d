"""Benchmark the link reader on the Article Extraction Benchmark: body-text quality and time per page.

    .venv/bin/python benchmarks/reader.py [AEB_DIR]
    .venv/bin/python benchmarks/reader.py --large

AEB_DIR defaults to ../shared/eval/aeb (``html/<id>.html.gz`` and ``ground-truth.json`` with each page's
``articleBody``). Each page is decoded as the fetcher would decode it (no charset header: BOM, meta charset,
else UTF-8, else a guess), then ``nlp.reader.read_html`` is timed on the text: parsing, body extraction and
metadata. Quality is word-level, per page, on multisets of words: the words are the ``\\w+`` runs of the
case-folded text; precision = shared words / extracted words, recall = shared words / reference words, F1 their
harmonic mean (1 when both are empty, 0 when only one is); the figures printed are means and medians over pages.
A page the reader refuses (Paywalled, NothingToRead) counts as an empty extraction.

``--large`` times instead three generated pages of 1–3 MiB around a short article: an index of 50,000 links,
40,000 paragraphs (book-length) and 60,000 small divs; no article page has so many elements, but anyone can paste
a link to one, and the fetcher's size limit lets them through. It prints what was read too: above
``nlp.reader.LARGE_PAGE_ELEMENTS`` trafilatura's fast heuristics keep the article without the divs' words, and
the readability fallback may read the book-length page.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from pathlib import Path

from nlp.page_content import decode_body
from nlp.read_errors import ReadError
from nlp.reader import read_html

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_AEB = PROJECT.parent / "shared" / "eval" / "aeb"
RE_WORD = re.compile(r"\w+")
WORST_SHOWN = 5
FILLER_WORDS = "the council said its harbour budget vote would follow talks on the port strike".split()
LARGE_PAGES = {
    "50,000 links": ("<li><a href='/story/{number}'>{words}</a></li>", 50_000),
    "40,000 paragraphs": ("<p>{words}</p>", 40_000),
    "60,000 divs": ("<div><span>{words}</span></div>", 60_000),
}
"""What follows the article on each generated page: an element, and how many times it is repeated."""


def word_scores(reference: str, extracted: str) -> tuple[float, float, float]:
    """Precision, recall and F1 of the words of ``extracted`` against ``reference``, as multisets."""
    gold, found = Counter(RE_WORD.findall(reference.casefold())), Counter(RE_WORD.findall(extracted.casefold()))
    if not gold and not found:
        return 1.0, 1.0, 1.0
    shared = sum((gold & found).values())
    precision = shared / sum(found.values()) if found else 0.0
    recall = shared / sum(gold.values()) if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if shared else 0.0
    return precision, recall, f1


def _words(count: int, start: int) -> str:
    return " ".join(FILLER_WORDS[(start + 7 * i) % len(FILLER_WORDS)] for i in range(count))


def time_large_pages() -> None:
    article = "".join(f"<p>{_words(40, start=i)}.</p>" for i in range(12))
    for name, (element, count) in LARGE_PAGES.items():
        filler = "".join(element.format(number=i, words=_words(4, start=i)) for i in range(count))
        html = f"<html><body><article>{article}</article>{filler}</body></html>"
        start = time.perf_counter()
        read = read_html(html)
        print(f"{name}: {len(html.encode()) / 2**20:.1f} MiB, read in {time.perf_counter() - start:.2f} s "
              f"({len(read.text.split())} words, by {read.extracted_by})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aeb", nargs="?", type=Path, default=DEFAULT_AEB, metavar="AEB_DIR")
    parser.add_argument("--large", action="store_true", help="time generated pages of tens of thousands of elements")
    args = parser.parse_args()
    if args.large:
        time_large_pages()
        return
    truth_path = args.aeb / "ground-truth.json"
    if not truth_path.is_file():
        sys.exit(f"benchmark: no AEB data at {args.aeb} (expected ground-truth.json and html/<id>.html.gz)")
    truth = json.loads(truth_path.read_text(encoding="utf-8"))
    pages = {
        page_id: decode_body(gzip.decompress((args.aeb / "html" / f"{page_id}.html.gz").read_bytes()))[0]
        for page_id in truth
    }

    first_id = next(iter(pages))
    read_html(pages[first_id], url=truth[first_id].get("url"))  # warm-up: lazy imports and compiled patterns

    scores, seconds, refused = {}, [], Counter()
    fallbacks = 0
    for page_id, html in pages.items():
        start = time.perf_counter()
        try:
            article = read_html(html, url=truth[page_id].get("url"))
            text = article.text
            fallbacks += article.extracted_by == "readability"
        except ReadError as error:
            text = ""
            refused[type(error).__name__] += 1
        seconds.append(time.perf_counter() - start)
        scores[page_id] = word_scores(truth[page_id].get("articleBody", ""), text)

    print(f"pages: {len(scores)}")
    for index, name in enumerate(("precision", "recall", "F1")):
        values = [score[index] for score in scores.values()]
        print(f"{name:>9}: mean {statistics.mean(values):.4f}  median {statistics.median(values):.4f}")
    milliseconds = sorted(1000 * value for value in seconds)
    p95 = milliseconds[min(len(milliseconds) - 1, round(0.95 * len(milliseconds)))]
    print(f"read_html: mean {statistics.mean(milliseconds):.1f} ms  p95 {p95:.1f} ms a page")
    print(f"readability fallback: {fallbacks} pages")
    print(f"refused: {dict(refused) or 'none'}")
    worst = sorted(scores, key=lambda page_id: scores[page_id][2])[:WORST_SHOWN]
    print(f"worst {WORST_SHOWN} by F1:")
    for page_id in worst:
        print(f"  {page_id}  {scores[page_id][2]:.3f}")


if __name__ == "__main__":
    main()
