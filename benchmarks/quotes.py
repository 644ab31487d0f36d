"""Benchmark ``summit quotes``: throughput against bare spaCy, peak memory, and quality when gold is at hand.

    .venv/bin/python benchmarks/quotes.py [ARTICLES.jsonl] [--repeat N]

ARTICLES.jsonl defaults to ../shared/eval/polnear/polnear_dev.jsonl (lines with "id" and "text"). Every run
is a whole process timed from start to exit, so loading Python, spaCy and the model counts, as it does for a
user. The baseline is the bare model parsing the same texts with ``nlp.pipe`` in one process. When the file
also carries gold "quotes" and ../shared/eval/score_quotes.py exists, the scorer's table is printed too.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
SHARED_EVAL = PROJECT.parent / "shared" / "eval"
DEFAULT_ARTICLES = SHARED_EVAL / "polnear" / "polnear_dev.jsonl"
SCORER = SHARED_EVAL / "score_quotes.py"

BARE_SPACY = """
import json, sys, spacy
model = spacy.load(sys.argv[1])
texts = (json.loads(line)["text"] for line in open(sys.argv[2], encoding="utf-8") if line.strip())
options = {"batch_size": int(sys.argv[3])} if len(sys.argv) > 3 else {}
for doc in model.pipe(texts, **options):
    pass
"""


def timed_run(command: list[str], stdout) -> tuple[float, float]:
    """Wall seconds and peak resident memory (MiB) of one process, its waited-for children included."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=stdout, cwd=PROJECT)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        sys.exit(f"benchmark: {' '.join(command)} failed")
    return elapsed, usage.ru_maxrss / 1024


def best_of(repeat: int, command: list[str], stdout=subprocess.DEVNULL) -> tuple[float, float]:
    runs = [timed_run(command, stdout) for _ in range(repeat)]
    return min(r[0] for r in runs), max(r[1] for r in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("articles", nargs="?", type=Path, default=DEFAULT_ARTICLES)
    parser.add_argument("--repeat", type=int, default=3, help="runs of each command; the fastest counts")
    args = parser.parse_args()
    if not args.articles.exists():
        sys.exit(f"benchmark: no articles at {args.articles} (pass a JSONL file of id and text)")
    with open(args.articles, encoding="utf-8") as lines:
        count = sum(1 for line in lines if line.strip())

    sys.path.insert(0, str(PROJECT))
    from bot.cli import DEFAULT_BATCH_SIZE
    from bot.settings import load_settings

    model_name = load_settings().model_name
    python = sys.executable
    summit = [python, "-m", "bot", "quotes", "--jsonl", str(args.articles)]
    bare = [python, "-c", BARE_SPACY, model_name, str(args.articles)]
    runs = [
        ("bare spaCy nlp.pipe, 1 process", bare),
        (f"  same, batch_size={DEFAULT_BATCH_SIZE}", bare + [str(DEFAULT_BATCH_SIZE)]),
        ("summit quotes --processes 1", summit + ["--processes", "1"]),
        ("summit quotes --processes 2", summit + ["--processes", "2"]),
    ]
    results = [(label, *best_of(args.repeat, command)) for label, command in runs]
    bare_seconds = results[0][1]

    print(f"articles: {count} from {args.articles}  (best of {args.repeat} runs, whole processes)")
    print(f"{'run':32} {'seconds':>8} {'articles/s':>11} {'vs bare':>8} {'peak MiB':>9}")
    for label, seconds, mib in results:
        print(f"{label:32} {seconds:8.2f} {count / seconds:11.2f} {bare_seconds / seconds:8.1%} {mib:9.0f}")
    print(f"median article length: {median_length(args.articles):.0f} characters; cores: {os.cpu_count()}")

    if SCORER.exists() and has_gold(args.articles):
        with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as predictions:
            timed_run(summit + ["--processes", "2"], predictions)
        print()
        subprocess.run([python, str(SCORER), str(args.articles), predictions.name], check=True)
        os.unlink(predictions.name)


def median_length(path: Path) -> float:
    with open(path, encoding="utf-8") as lines:
        return statistics.median(len(json.loads(line)["text"]) for line in lines if line.strip())


def has_gold(path: Path) -> bool:
    with open(path, encoding="utf-8") as lines:
        return "quotes" in json.loads(next(lines))


if __name__ == "__main__":
    main()
