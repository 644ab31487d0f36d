"""Summit as it runs in production, on loopback: ``summit serve`` and ``summit worker`` as real processes, on the
test run's Redis, talking to a FakeSlack; and a small web server for the articles they read."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import redis

from tests.slack_api import FakeSlack
from tests.slack_requests import BOT_TOKEN, SIGNING_SECRET

PROJECT_ROOT = Path(__file__).resolve().parent.parent
START_SECONDS = 30.0


class PageServer:
    """Serves ``pages``: path → (status, content type, body)."""

    def __init__(self) -> None:
        self.pages: dict[str, tuple[int, str, str]] = {}
        pages = self.pages

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                status, content_type, body = pages.get(self.path, (404, "text/html", "<h1>Not found</h1>"))
                data = body.encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, path: str, body: str, *, status: int = 200, content_type: str = "text/html; charset=utf-8") -> str:
        self.pages[path] = (status, content_type, body)
        return self.url(path)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.server.server_port}{path}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


class SummitProcesses:
    """``summit serve`` on a free port and ``summit worker``, in the namespace ``namespace`` of ``redis_url``."""

    def __init__(self, *, redis_url: str, namespace: str, slack: FakeSlack, log_dir: Path) -> None:
        self.port = free_port()
        self.namespace = namespace
        self.log_dir = log_dir
        self.env = {
            **os.environ,
            "REDIS_URL": redis_url,
            "SUMMIT_NAMESPACE": namespace,
            # RQ's keys: the test run's own prefix when it has one, else under the namespace, so that whoever
            # started these processes can remove every key they made.
            "RQ_KEY_PREFIX": os.environ.get("RQ_KEY_PREFIX") or f"{namespace}:rq",
            "SLACK_BOT_TOKEN": BOT_TOKEN,
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "SLACK_API_URL": slack.base_url,
            "PORT": str(self.port),
            "SUMMIT_ALLOW_PRIVATE_URLS": "1",
            "SUMMIT_DATA_DIR": str(log_dir / "data"),
        }
        self.serve: subprocess.Popen | None = None
        self.workers: list[subprocess.Popen] = []

    @property
    def events_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/slack/events"

    def start_serve(self) -> None:
        self.serve = self._start("serve")
        deadline = time.monotonic() + START_SECONDS
        while True:
            if self.serve.poll() is not None:
                raise AssertionError(f"summit serve exited: {self.log('serve')}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=0.5).close()
                return
            except OSError:
                if time.monotonic() > deadline:
                    raise AssertionError(f"summit serve did not listen: {self.log('serve')}") from None
                time.sleep(0.1)

    def start_worker(self) -> subprocess.Popen:
        worker = self._start(f"worker-{len(self.workers)}", "worker")
        self.workers.append(worker)
        return worker

    def kill_worker(self, worker: subprocess.Popen) -> None:
        """Kill a worker and every process it started at once, as a machine that loses power would (RQ puts
        each work horse in a session of its own, so killing the worker's process group is not enough)."""
        for pid in [worker.pid, *descendants(worker.pid)]:
            try:
                os.kill(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        worker.wait(10)

    def pass_time_after_a_crash(self, seconds: float) -> None:
        """What ``seconds`` of waiting after a worker died would do: its jobs' heartbeats lapse, and the next
        worker's registry clean-up (RQ's own) finds them abandoned and retries them; its scheduler lock expires."""
        script = ("import sys, time; from redis import Redis; from rq.registry import StartedJobRegistry; "
                  "r = Redis.from_url(sys.argv[1]); "
                  "[StartedJobRegistry(q, connection=r).cleanup(timestamp=time.time() + float(sys.argv[3])) "
                  "for q in (sys.argv[2], sys.argv[2] + '-digests')]; "
                  "r.delete(*r.keys(sys.argv[4] + ':scheduler-lock:*') or ['-'])")
        subprocess.run([sys.executable, "-c", script, self.env["REDIS_URL"], self.namespace, str(seconds),
                        self.env["RQ_KEY_PREFIX"]], env=self.env, check=True, timeout=60)

    def log(self, name: str) -> str:
        return (self.log_dir / f"{name}.log").read_text(errors="replace")

    def stop(self) -> None:
        for process in [*self.workers, self.serve]:
            if process is not None and process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in [*self.workers, self.serve]:
            if process is not None:
                try:
                    process.wait(15)
                except subprocess.TimeoutExpired:
                    os.killpg(process.pid, signal.SIGKILL)
                    process.wait(5)

    def _start(self, name: str, command: str | None = None) -> subprocess.Popen:
        log = (self.log_dir / f"{name}.log").open("wb")
        return subprocess.Popen([sys.executable, "-m", "bot", command or name], cwd=PROJECT_ROOT, env=self.env,
                                stdout=log, stderr=subprocess.STDOUT, start_new_session=True)


def descendants(pid: int) -> list[int]:
    """Every process below ``pid``, read from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(stat.parent.name))
    found, pending = [], [pid]
    while pending:
        for child in children.get(pending.pop(), []):
            found.append(child)
            pending.append(child)
    return found


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def delete_namespace(client: redis.Redis, namespace: str) -> None:
    keys = list(client.scan_iter(match=f"{namespace}:*", count=1000))
    if keys:
        client.delete(*keys)
