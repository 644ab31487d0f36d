"""Benchmark the Slack app as Slack would load it: acknowledgement latency of /summit who-said under load, and
the time from a pasted link to the thread reply.

    .venv/bin/python benchmarks/serve.py [--articles 10000] [--clients 20] [--seconds 30] [--links 6]

1. Fills a workspace's archive with the generated archive of ``benchmarks/archive.py`` (10,000 articles,
   100,000 statements, 1,000 speakers by default) through ``Archive.store``.
2. Starts ``summit serve`` and ``summit worker`` as processes, with a local server playing the Slack Web API
   (``tests/slack_api.py``) and a local page server, as the end-to-end tests do.
3. ``--clients`` threads each send signed ``/summit who-said`` commands (person and topic queries drawn as in
   the archive benchmark) one after another for ``--seconds``, over HTTP; latency is from sending the request
   to reading the whole acknowledgement, which holds the answer.
4. Pastes ``--links`` article links one at a time, then the same links again in new messages (the archive knows
   them: no fetch, no pipeline), then the same articles at new addresses (fetched; extraction from the cache),
   and times each from the event's POST to Slack receiving the thread reply. For the first round it also
   times reading and extracting the same pages in this process, the floor that round cannot go under.

Redis is REDIS_URL when set (everything under a namespace of the run's own, deleted at the end), otherwise the
embedded server in a temporary directory. Targets (from the issue): acknowledgement p99 ≤ 100 ms; a known or
cached article's reply ≤ 1 s; a new article's reply ≤ reading + pipeline + 0.5 s.
"""

from __future__ import annotations

import argparse
import http.client
import os
import statistics
import sys
import threading
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(PROJECT))

from archive import Generator, bench_redis, percentile  # noqa: E402  (benchmarks/archive.py, beside this script)
from bot.archive import Archive  # noqa: E402
from bot.keys import Keys  # noqa: E402
from bot.settings import load_settings  # noqa: E402
from tests.pages import article_page  # noqa: E402
from tests.slack_api import FakeSlack  # noqa: E402
from tests.slack_requests import FORM, JSON, command_body, event_body, message_event, post, signed_headers  # noqa: E402,E501
from tests.slack_stack import PageServer, SummitProcesses, descendants  # noqa: E402

TARGET_ACK_P99_MS = 100.0
TARGET_KNOWN_REPLY_S = 1.0
TARGET_NEW_REPLY_OVERHEAD_S = 0.5
SEED = PROJECT / "seeds" / "000_487afd3e3b9a1808.txt"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--statements", type=int, default=10)
    parser.add_argument("--speakers", type=int, default=1_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=30.0)
    parser.add_argument("--links", type=int, default=6)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    with bench_redis("bench-serve") as bench, FakeSlack() as slack:
        run(args, bench.client, bench.url, bench.namespace, slack, bench.scratch)

def run(args, client, redis_url: str, namespace: str, slack: FakeSlack, scratch: Path) -> None:
    team = "TBENCH"
    generator = Generator(args.seed, args.speakers)
    archive = Archive(client, Keys(team, prefix=namespace))
    started = time.perf_counter()
    for number in range(args.articles):
        archive.store(generator.article(number, args.statements))
    print(f"archive: {args.articles:,} articles, {args.articles * args.statements:,} statements stored in "
          f"{time.perf_counter() - started:.0f} s", flush=True)
    # Person and topic queries in random order, so every client asks both kinds.
    queries = [("person", generator.person_query()[0]) if generator.rng.random() < 0.5
               else ("topic", generator.topic_query()) for _ in range(5_000)]

    processes = SummitProcesses(redis_url=redis_url, namespace=namespace, slack=slack, log_dir=scratch)
    pages = PageServer()
    try:
        processes.start_serve()
        processes.start_worker()
        acknowledgements(args, client, processes, slack, team, queries)
        link_replies(args, processes, slack, pages, team)
    finally:
        processes.stop()
        pages.close()


def process_cpu(pid: int) -> float:
    """CPU seconds (user and system) a process and the processes under it (gunicorn's workers) have used."""
    ticks = 0
    for each in (pid, *descendants(pid)):
        fields = Path(f"/proc/{each}/stat").read_text().rsplit(")", 1)[1].split()
        ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def redis_cpu_seconds(client) -> float:
    info = client.info("cpu")
    return info["used_cpu_user"] + info["used_cpu_sys"]


def acknowledgements(args, client, processes: SummitProcesses, slack: FakeSlack, team: str,
                     queries: list[tuple[str, str]]) -> None:
    response_url = slack.response_url("bench")
    for _kind, query in queries[:50]:
        post(processes.events_url, command_body(team=team, text=f"who-said {query}", response_url=response_url), FORM)
    latencies: list[list[tuple[str, float]]] = [[] for _ in range(args.clients)]
    failures: list[int] = [0] * args.clients
    deadline = time.monotonic() + args.seconds

    def client_loop(number: int) -> None:
        # One kept-alive connection per client, as an HTTP client that sends many requests uses.
        connection = http.client.HTTPConnection("127.0.0.1", processes.port, timeout=30)
        index = number
        while time.monotonic() < deadline:
            kind, query = queries[index % len(queries)]
            body = command_body(team=team, text=f"who-said {query}", response_url=response_url)
            headers = {"Content-Type": FORM, **signed_headers(body)}
            began = time.perf_counter()
            connection.request("POST", "/slack/events", body=body.encode(), headers=headers)
            response = connection.getresponse()
            text = response.read()
            latencies[number].append((kind, (time.perf_counter() - began) * 1000))
            if response.status != 200 or b'"blocks"' not in text:
                failures[number] += 1
            index += args.clients
        connection.close()

    threads = [threading.Thread(target=client_loop, args=(n,)) for n in range(args.clients)]
    serve_cpu, redis_cpu, own_cpu = process_cpu(processes.serve.pid), redis_cpu_seconds(client), time.process_time()
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    serve_cpu = process_cpu(processes.serve.pid) - serve_cpu
    redis_cpu, own_cpu = redis_cpu_seconds(client) - redis_cpu, time.process_time() - own_cpu
    times = [ms for per_client in latencies for _kind, ms in per_client]
    p99 = percentile(times, 0.99)
    print()
    print(f"/summit who-said acknowledgements: {args.clients} clients for {elapsed:.1f} s, {len(times):,} requests, "
          f"{len(times) / elapsed:.0f} a second, {sum(failures)} failed")
    print(f"  latency ms: p50 {statistics.median(times):.1f}, p90 {percentile(times, 0.9):.1f}, p99 {p99:.1f}, "
          f"max {max(times):.1f}  (target p99 ≤ {TARGET_ACK_P99_MS:.0f}: {'yes' if p99 <= TARGET_ACK_P99_MS else 'NO'})")
    count = len(times)
    print(f"  CPU a request: summit serve {serve_cpu / count * 1000:.2f} ms, Redis {redis_cpu / count * 1000:.2f} ms, "
          f"these clients {own_cpu / count * 1000:.2f} ms ({os.cpu_count()} cores)")
    for kind in ("person", "topic"):
        of_kind = [ms for per_client in latencies for k, ms in per_client if k == kind]
        print(f"  {kind} queries: {len(of_kind):,}, p50 {statistics.median(of_kind):.1f}, "
              f"p99 {percentile(of_kind, 0.99):.1f}")


def link_replies(args, processes: SummitProcesses, slack: FakeSlack, pages: PageServer, team: str) -> None:
    import nlp
    from nlp.reader import read_url

    seed = SEED.read_text(encoding="utf-8").split("\n\n")
    texts = [tuple(seed[: 8 + n]) for n in range(args.links)]
    urls = [pages.add(f"/article-{n}", article_page(paragraphs)) for n, paragraphs in enumerate(texts)]
    moved = [pages.add(f"/moved-{n}", article_page(paragraphs)) for n, paragraphs in enumerate(texts)]

    model = nlp.load_model(load_settings().model_name)
    floors = []
    for url in urls:
        began = time.perf_counter()
        article = read_url(url, allow_private=True)
        nlp.extract(model, article.text)
        floors.append(time.perf_counter() - began)

    rounds = [("new article (read, extract, store, post)", urls), ("same link again (archive knows it)", urls),
              ("same article at a new link (fetched, extraction cached)", moved)]
    print()
    print(f"{'pasted link → thread reply':<58}{'n':>4}{'p50 s':>8}{'max s':>8}")
    results = {}
    message = 0
    for label, round_urls in rounds:
        seconds = []
        for url in round_urls:
            message += 1
            channel, ts = f"CBENCH{message}", f"1700000000.{message:06d}"
            began = time.perf_counter()
            post(processes.events_url, event_body(team=team, event=message_event(channel=channel, ts=ts,
                                                                                 text=f"<{url}>")), JSON)
            slack.wait_for(lambda: slack.posts(channel), timeout=120)
            seconds.append(time.perf_counter() - began)
        results[label] = seconds
        print(f"{label:<58}{len(seconds):>4}{statistics.median(seconds):>8.2f}{max(seconds):>8.2f}")
    new = results[rounds[0][0]]
    overheads = [total - floor for total, floor in zip(new, floors)]
    print(f"reading + extracting the same pages in one process: p50 {statistics.median(floors):.2f} s; "
          f"a new article's reply adds p50 {statistics.median(overheads):.2f} s, max {max(overheads):.2f} s "
          f"(target ≤ {TARGET_NEW_REPLY_OVERHEAD_S})")
    known = results[rounds[1][0]] + results[rounds[2][0]]
    print(f"known or cached articles: max {max(known):.2f} s (target ≤ {TARGET_KNOWN_REPLY_S:.0f} s: "
          f"{'yes' if max(known) <= TARGET_KNOWN_REPLY_S else 'NO'})")


if __name__ == "__main__":
    main()
