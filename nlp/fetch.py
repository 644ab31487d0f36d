"""Download one web page safely: the only code in ``nlp/`` that touches the network.

Safety rules, because anyone in a channel can make Summit open any link:
- only http and https; the host is resolved here, every address it resolves to must be public (see
  ``nlp.addresses``), and the connection goes to that checked address, never through a second DNS lookup
  (which a hostile DNS server could answer differently: "DNS rebinding");
- redirects are followed by hand, each hop checked the same way, at most ``FetchLimits.max_redirects``;
- time and size are bounded for the whole download (``FetchLimits``), from the DNS lookup to the last byte, size
  counted after decompression, so a slow-drip server, a blackholed address or a gzip bomb costs at most the budget;
- only web pages and plain text are read: PDFs, images, video and other files are refused, by header or by
  their first bytes.
"""

from __future__ import annotations

import concurrent.futures
import functools
import http.client
import socket
import ssl
import string
import threading
import time
import zlib
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from urllib.parse import quote, urljoin, urlsplit

from nlp.addresses import IPAddress, is_odd_ipv4_spelling, is_public_address, literal_address
from nlp.page_content import HTML, XHTML, article_type, check_declared_type, decode_body, header_charset
from nlp.read_errors import (
    BadLink,
    BlockedAddress,
    DeadLink,
    NotAnArticle,
    Paywalled,
    Refused,
    ServerError,
    TooLarge,
    TooManyRedirects,
    TooSlow,
)

REQUEST_HEADERS = {
    # Some news sites turn away clients that do not look like a browser; Summit reads like one reader would.
    "User-Agent": "Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0",
    "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9,*/*;q=0.5",
    "Accept-Language": "en-US,en;q=0.8",
    "Accept-Encoding": "gzip, deflate",
    "Connection": "close",
}
REDIRECT_STATUSES = frozenset({301, 302, 303, 307, 308})
CHUNK_BYTES = 64 * 1024
"""Bytes read from the socket at a time; the time budget is checked between reads."""
DECOMPRESSION_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": 32 + zlib.MAX_WBITS}
"""zlib window settings per Content-Encoding ("deflate" accepts a zlib or a gzip header)."""
URL_SAFE_CHARACTERS = string.punctuation
"""Characters left as they are in a request target; spaces, controls and non-ASCII are percent-encoded."""
MAX_ADDRESSES_TRIED = 3
"""Addresses of one host tried in turn before it counts as unreachable: a host that resolves to twenty
blackholed addresses must not cost twenty connect timeouts."""


@dataclass(frozen=True)
class FetchLimits:
    """Bounds on one fetch, redirects included."""

    connect_timeout: float = 5.0
    """Seconds to open a connection to one address (TLS handshake included), within the total budget."""
    total_timeout: float = 15.0
    """Seconds for the whole fetch: every hop, DNS lookups, connections, headers and body. A server that drips
    bytes slowly is cut off."""
    max_bytes: int = 5 * 2**20
    """Body bytes after decompression (5 MiB); a longer body is refused rather than cut."""
    max_redirects: int = 5
    """Redirects followed before giving up."""


@dataclass(frozen=True)
class FetchedPage:
    """A downloaded page, decoded; ``content_type`` is one of text/html, application/xhtml+xml or text/plain."""

    url: str
    """The URL as requested."""
    final_url: str
    """The URL after redirects: the base for the page's relative links."""
    status: int
    content_type: str
    charset: str
    """The charset the body was decoded with (declared, or guessed when the page declared none)."""
    body: bytes
    """The body after decompression."""
    text: str

    @property
    def is_html(self) -> bool:
        return self.content_type in (HTML, XHTML)


@dataclass(frozen=True)
class _Target:
    """Where one request goes: the host as a name (for Host, SNI and the certificate), and what to ask for."""

    scheme: str
    host: str
    port: int
    request_target: str


def fetch(url: str, *, allow_private: bool = False, limits: FetchLimits = FetchLimits()) -> FetchedPage:
    """Download ``url`` within ``limits``; raise a ReadError saying what went wrong in plain words.

    ``allow_private`` lets the fetch reach private and loopback addresses: for tests and local setups only.
    """
    deadline = _Deadline(limits.total_timeout)  # before anything else: the DNS lookup counts too
    current = url
    for _ in range(limits.max_redirects + 1):
        target = _target(current)
        addresses = check_host(target.host, allow_private=allow_private, timeout=deadline.seconds_left())
        with _connection(target, addresses, limits, deadline) as connection:
            connection.request("GET", target.request_target, headers=REQUEST_HEADERS)
            response = connection.getresponse()
            if response.status in REDIRECT_STATUSES and response.getheader("Location"):
                current = urljoin(current, response.getheader("Location"))
                continue
            _check_status(response.status)
            content_type = response.getheader("Content-Type")
            check_declared_type(content_type)
            body = _read_body(response, limits, deadline)
        readable_type = article_type(content_type, body)
        text, charset = decode_body(body, header_charset(content_type), html=readable_type in (HTML, XHTML))
        return FetchedPage(url, current, response.status, readable_type, charset, body, text)
    raise TooManyRedirects()


def check_host(host: str, *, allow_private: bool = False, timeout: float | None = None) -> list[IPAddress]:
    """The addresses ``host`` resolves to, each of them public unless ``allow_private``; else BlockedAddress.

    Every address must pass, not just the first: the connection may be made to any of them. A lookup that takes
    longer than ``timeout`` seconds (None: as long as the system resolver takes) raises TooSlow.
    """
    if is_odd_ipv4_spelling(host) and not allow_private:
        raise BlockedAddress()
    literal = literal_address(host)
    if literal is not None:
        addresses = [literal]
    else:
        try:
            infos = _resolve(host, timeout)
        except (socket.gaierror, UnicodeError):
            raise DeadLink.unknown_host() from None
        except TimeoutError:
            raise TooSlow() from None
        addresses = list(dict.fromkeys(literal_address(info[4][0]) for info in infos))
    if not allow_private and not all(address is not None and is_public_address(address) for address in addresses):
        raise BlockedAddress()
    return addresses


def _resolve(host: str, timeout: float | None) -> list[tuple]:
    """``socket.getaddrinfo`` for ``host``, given up on after ``timeout`` seconds (TimeoutError).

    getaddrinfo itself cannot be interrupted, so it runs in a thread of its own that is left to finish: a daemon
    thread, so a lookup that hangs never holds up the process's exit (a ThreadPoolExecutor's workers would).
    """
    answer: concurrent.futures.Future[list[tuple]] = concurrent.futures.Future()

    def look_up() -> None:
        try:
            answer.set_result(socket.getaddrinfo(host, None, type=socket.SOCK_STREAM))
        except Exception as exc:  # handed over to the caller, which raises it again: nothing is swallowed here
            answer.set_exception(exc)

    threading.Thread(target=look_up, name="fetch-dns", daemon=True).start()
    return answer.result(timeout)


def _target(url: str) -> _Target:
    parts = urlsplit(url.strip())
    try:
        port = parts.port
    except ValueError:
        raise BadLink() from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname or port == 0:
        raise BadLink()  # port 0 is no port a server listens on; it must not quietly become the default
    scheme = parts.scheme.lower()
    path = parts.path or "/"
    request_target = quote(path + (f"?{parts.query}" if parts.query else ""), safe=URL_SAFE_CHARACTERS)
    try:
        host = parts.hostname.encode("idna").decode("ascii")
    except UnicodeError:
        raise BadLink() from None
    default_port = http.client.HTTPS_PORT if scheme == "https" else http.client.HTTP_PORT
    return _Target(scheme, host, default_port if port is None else port, request_target)


class _PinnedHTTPConnection(http.client.HTTPConnection):
    """HTTP to addresses checked beforehand: ``connect`` never looks the host name up again."""

    def __init__(
        self, host: str, port: int, *, addresses: list[IPAddress], connect_timeout: float, deadline: _Deadline
    ) -> None:
        super().__init__(host, port, timeout=connect_timeout)
        self.addresses = addresses
        self.deadline = deadline

    def connect(self) -> None:
        self.sock = _open_socket(self.addresses, self.port, self.timeout, self.deadline)


class _PinnedHTTPSConnection(_PinnedHTTPConnection):
    """HTTPS to a checked address; the certificate is still verified against the host name (and sent as SNI)."""

    default_port = http.client.HTTPS_PORT

    def connect(self) -> None:
        super().connect()
        # The handshake's reads share one timeout (CPython's ssl makes it a deadline): the connect timeout or
        # what the TCP connect left of the total budget, whichever is less.
        self.sock.settimeout(min(self.timeout, self.deadline.seconds_left()))
        self.sock = _tls_context().wrap_socket(self.sock, server_hostname=self.host)


@functools.cache
def _tls_context() -> ssl.SSLContext:
    return ssl.create_default_context()


def _open_socket(addresses: list[IPAddress], port: int, timeout: float, deadline: _Deadline) -> socket.socket:
    """A TCP connection to the first of ``addresses`` (at most MAX_ADDRESSES_TRIED of them) that answers; each
    attempt gets ``timeout`` seconds or what is left of the budget, whichever is less (TooSlow when none is)."""
    error: OSError | None = None
    for address in addresses[:MAX_ADDRESSES_TRIED]:
        attempt_timeout = min(timeout, deadline.seconds_left())
        family = socket.AF_INET6 if address.version == 6 else socket.AF_INET
        sock = socket.socket(family, socket.SOCK_STREAM)
        sock.settimeout(attempt_timeout)
        try:
            sock.connect((str(address), port))
            return sock
        except OSError as exc:
            sock.close()
            error = exc
    raise error or OSError("no address to connect to")


class _Deadline:
    """The end of the time budget of one fetch."""

    def __init__(self, seconds: float) -> None:
        self._end = time.monotonic() + seconds

    def passed(self) -> bool:
        return time.monotonic() >= self._end

    def seconds_left(self) -> float:
        """Seconds left; TooSlow once there are none (a timeout of 0 would make a socket non-blocking)."""
        left = self._end - time.monotonic()
        if left <= 0:
            raise TooSlow()
        return left


@contextmanager
def _connection(
    target: _Target, addresses: list[IPAddress], limits: FetchLimits, deadline: _Deadline
) -> Iterator[http.client.HTTPConnection]:
    """An open connection to ``target`` that is shut down when the time budget runs out, whatever it is doing.

    Network failures inside the ``with`` block become ReadErrors.
    """
    connection_class = _PinnedHTTPSConnection if target.scheme == "https" else _PinnedHTTPConnection
    connection = connection_class(
        target.host, target.port, addresses=addresses, connect_timeout=limits.connect_timeout, deadline=deadline
    )
    try:
        try:
            connection.connect()  # TLS included: a failed certificate check is a site Summit cannot reach safely
        except OSError:
            # A connect cut short by the total budget is the fetch being too slow, not the site being down.
            raise (TooSlow() if deadline.passed() else DeadLink.unreachable()) from None
        connection.sock.settimeout(deadline.seconds_left())
        # A per-read timeout cannot stop a server that sends one byte a second: a timer shuts the socket at
        # the deadline instead, and the read that fails then is reported as too slow.
        watchdog = threading.Timer(deadline.seconds_left(), _shut_down, (connection.sock,))
        watchdog.daemon = True
        watchdog.start()
        try:
            yield connection
        except (OSError, http.client.HTTPException) as exc:
            if deadline.passed() or isinstance(exc, TimeoutError):
                raise TooSlow() from None
            raise DeadLink.unreachable() from None
        except zlib.error:
            raise NotAnArticle("a damaged compressed file") from None
        finally:
            watchdog.cancel()
    finally:
        connection.close()


def _shut_down(sock: socket.socket) -> None:
    try:
        sock.shutdown(socket.SHUT_RDWR)
    except OSError:
        pass  # already closed: the fetch ended just as the timer fired


def _check_status(status: int) -> None:
    if 200 <= status < 300:
        return
    if status in (401, 402):  # Unauthorized, Payment Required: a login or a subscription stands in the way
        raise Paywalled()
    if status in (404, 410):
        raise DeadLink.gone(status)
    if status >= 500:
        raise ServerError(status)
    raise Refused(status)


def _read_body(response: http.client.HTTPResponse, limits: FetchLimits, deadline: _Deadline) -> bytes:
    encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
    if encoding != "identity" and encoding not in DECOMPRESSION_WBITS:
        raise NotAnArticle(f"a file compressed as {encoding!r}, which Summit can't open")
    declared_length = response.getheader("Content-Length", "")
    if encoding == "identity" and declared_length.isdigit() and int(declared_length) > limits.max_bytes:
        raise TooLarge(limits.max_bytes)
    chunks = []
    size = 0
    for chunk in _decompressed(_raw_chunks(response, deadline), encoding, limits.max_bytes):
        size += len(chunk)
        if size > limits.max_bytes:
            raise TooLarge(limits.max_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _raw_chunks(response: http.client.HTTPResponse, deadline: _Deadline) -> Iterator[bytes]:
    while chunk := response.read1(CHUNK_BYTES):
        deadline.seconds_left()
        yield chunk
    if deadline.passed():  # the watchdog cut the body short
        raise TooSlow()


def _decompressed(chunks: Iterable[bytes], encoding: str, max_bytes: int) -> Iterator[bytes]:
    """The body as sent, decompressed; no single piece is longer than ``max_bytes + 1``, so a gzip bomb is
    stopped by the caller's count before it fills memory."""
    if encoding == "identity":
        yield from chunks
        return
    decompressor = zlib.decompressobj(DECOMPRESSION_WBITS[encoding])
    for chunk in chunks:
        pending = chunk
        while pending and not decompressor.eof:
            yield decompressor.decompress(pending, max_bytes + 1)
            pending = decompressor.unconsumed_tail
    yield decompressor.flush()
