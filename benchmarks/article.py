"""Benchmark reading a page: the summary against the page's own description, and where the time goes.

    .venv/bin/python benchmarks/article.py [AEB_DIR]

AEB_DIR defaults to ../shared/eval/aeb (real news pages, gzipped, with ground-truth.json). For every page that
reads, the time of each step is measured on its own: reading the HTML, parsing with spaCy, finding the
statements (the quote extractor), then figures, summary and developments. The extras are reported as a share
of the quote extractor's time (parse + statements). For pages with a description meta tag, the summary's
first point is scored against it with ROUGE-1 F, next to the article's first sentence.
"""

from __future__ import annotations

import argparse
import gzip
import re
import sys
import time
from collections import Counter
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
DEFAULT_AEB = PROJECT.parent / "shared" / "eval" / "aeb"
STEPS = ("read", "parse", "statements", "figures", "summary", "developments")
QUOTE_EXTRACTOR_STEPS = ("parse", "statements")


def rouge1_f(candidate: str, reference: str) -> float:
    """ROUGE-1 F: the harmonic mean of unigram precision and recall, lower-cased word tokens."""
    a, b = Counter(re.findall(r"\w+", candidate.lower())), Counter(re.findall(r"\w+", reference.lower()))
    overlap = sum((a & b).values())
    if not overlap:
        return 0.0
    precision, recall = overlap / sum(a.values()), overlap / sum(b.values())
    return 2 * precision * recall / (precision + recall)


def timed(seconds: dict[str, float], step: str, function, *args):
    start = time.perf_counter()
    result = function(*args)
    seconds[step] += time.perf_counter() - start
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("aeb", nargs="?", type=Path, default=DEFAULT_AEB)
    args = parser.parse_args()
    pages = sorted((args.aeb / "html").glob("*.html.gz"))
    if not pages:
        sys.exit(f"benchmark: no pages in {args.aeb / 'html'}")

    sys.path.insert(0, str(PROJECT))
    import nlp
    from bot.settings import load_settings
    from nlp.attribution import extract_statements
    from nlp.developments import extract_developments
    from nlp.extract import prepare
    from nlp.figures import extract_figures
    from nlp.people import PeopleIndex
    from nlp.quotemarks import find_quotations
    from nlp.read_errors import ReadError
    from nlp.reader import read_html
    from nlp.summary import summarize

    model = nlp.load_model(load_settings().model_name)
    seconds = dict.fromkeys(STEPS, 0.0)
    read, unreadable, first_point, first_sentence = 0, 0, [], []
    for page in pages:
        html = gzip.decompress(page.read_bytes()).decode("utf-8", errors="replace")
        try:
            article = timed(seconds, "read", read_html, html)
        except ReadError:
            unreadable += 1
            continue
        read += 1
        doc = timed(seconds, "parse", model, prepare(article.text))
        text = doc.text
        people = PeopleIndex(doc, text)
        statements = timed(seconds, "statements", extract_statements, doc, text, find_quotations(text), people)
        figures = timed(seconds, "figures", extract_figures, doc)
        summary = timed(seconds, "summary", summarize, doc, text, statements, figures)
        timed(seconds, "developments", extract_developments, doc, statements, figures, people.entities())
        sentences = [s.text for s in doc.sents if s.text.strip()]
        if article.description and summary and sentences:
            first_point.append(rouge1_f(summary[0], article.description))
            first_sentence.append(rouge1_f(sentences[0], article.description))

    quote_extractor = sum(seconds[step] for step in QUOTE_EXTRACTOR_STEPS)
    extras = sum(seconds[step] for step in STEPS if step not in QUOTE_EXTRACTOR_STEPS)
    print(f"pages: {len(pages)}, read: {read}, refused as unreadable: {unreadable}")
    print(f"{'step':14} {'ms/page':>8} {'share of quote extractor':>25}")
    for step in STEPS:
        print(f"{step:14} {1000 * seconds[step] / read:8.1f} {seconds[step] / quote_extractor:25.1%}")
    print(f"{'extras total':14} {1000 * extras / read:8.1f} {extras / quote_extractor:25.1%}"
          "   (read + figures + summary + developments)")
    if first_point:
        print(f"\nsummary vs description meta tag, {len(first_point)} pages, mean ROUGE-1 F:")
        print(f"  summary's first point {sum(first_point) / len(first_point):.3f}")
        print(f"  article's first sentence {sum(first_sentence) / len(first_sentence):.3f}")
        better = sum(a > b for a, b in zip(first_point, first_sentence))
        worse = sum(a < b for a, b in zip(first_point, first_sentence))
        print(f"  first point better on {better} pages, worse on {worse}, equal on {len(first_point) - better - worse}")


if __name__ == "__main__":
    main()
