"""The fetcher against a real HTTP server on 127.0.0.1, and its address checks (which never connect)."""

import gzip
import ipaddress
import socket
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

import nlp.fetch
from nlp.addresses import is_odd_ipv4_spelling, is_public_address
from nlp.fetch import FetchLimits, check_host, fetch
from nlp.read_errors import (
    BadLink,
    BlockedAddress,
    DeadLink,
    NotAnArticle,
    Paywalled,
    ServerError,
    TooLarge,
    TooManyRedirects,
    TooSlow,
)
from nlp.reader import read_url
from tests.pages import article_page, paywalled_page, with_meta_charset

ARTICLE = article_page().encode("utf-8")
LATIN1_PAGE = article_page(("Café owners on Vell Street said the détour cost them customers for months.",) * 3)
CYRILLIC_PAGE = with_meta_charset(
    article_page(("Мост на улице Велл снова открыт для движения после ремонта.",) * 3), "windows-1251"
)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
PDF = b"%PDF-1.7\n" + bytes(64)
BOMB = gzip.compress(bytes(16 * 2**20), compresslevel=9)  # 16 MiB of zeros in about 16 KiB
SIZE_LIMITS = FetchLimits(total_timeout=10.0, max_bytes=2**20)
"""A size limit hit in a fraction of a second, and time enough that a loaded machine never runs out first."""
TIME_LIMITS = FetchLimits(connect_timeout=5.0, total_timeout=0.5)
"""A total budget of half a second, shorter than the connect timeout."""
BUDGET_BOUND = 5.0
"""Seconds a fetch with TIME_LIMITS may take in a test: well past the budget, so a loaded CI machine's scheduler
does not make the test flaky, and well short of what the slow servers below would take without it."""
DRIP_SECONDS = 0.05
"""Pause between the bytes of a slow-drip response."""


class Site(BaseHTTPRequestHandler):
    """Serves each path below; the last request's Host header is kept for the tests to check."""

    last_host: str | None = None

    def do_GET(self):
        Site.last_host = self.headers["Host"]
        route = ROUTES.get(self.path.split("?")[0])
        if route is None:
            self.reply(404, b"not here", "text/plain")
        else:
            route(self)

    def reply(self, status, body, content_type="text/html; charset=utf-8", **headers):
        self.send_response(status)
        if content_type:
            self.send_header("Content-Type", content_type)
        for name, value in headers.items():
            self.send_header(name.replace("_", "-"), value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def redirect(self, location, status=302):
        self.send_response(status)
        self.send_header("Location", location)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def drip(self, data):
        """Send ``data`` a byte at a time until the client hangs up (or 5 s pass, so no thread outlives a run)."""
        stop = time.monotonic() + 5
        try:
            for byte in data:
                if time.monotonic() > stop:
                    return
                self.wfile.write(bytes([byte]))
                self.wfile.flush()
                time.sleep(DRIP_SECONDS)
        except OSError:
            pass

    def endless(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        try:
            while True:
                self.wfile.write(b"<p>more</p>" * 6000)
        except OSError:
            pass

    def slow_body(self):
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.end_headers()
        self.drip(ARTICLE)

    def slow_headers(self):
        self.drip(b"HTTP/1.1 200 OK\r\n" + b"X-Padding: a\r\n" * 1000)

    def log_message(self, *args):
        pass  # keep test output clean


ROUTES = {
    "/article": lambda site: site.reply(200, ARTICLE),
    "/gzipped": lambda site: site.reply(200, gzip.compress(ARTICLE), Content_Encoding="gzip"),
    "/untyped": lambda site: site.reply(200, ARTICLE, content_type=None),
    "/plain": lambda site: site.reply(200, b"Plain words about the bridge.", "text/plain"),
    "/hop/1": lambda site: site.redirect("/article", 301),
    "/hop/2": lambda site: site.redirect("/hop/1", 307),
    "/hop/3": lambda site: site.redirect("http://localhost:%d/hop/2" % site.server.server_port, 308),
    "/loop": lambda site: site.redirect("/loop"),
    "/to-metadata": lambda site: site.redirect("http://169.254.169.254/latest/meta-data/"),
    "/to-file": lambda site: site.redirect("file:///etc/passwd"),
    "/slow-body": Site.slow_body,
    "/slow-headers": Site.slow_headers,
    "/endless": Site.endless,
    "/bomb": lambda site: site.reply(200, BOMB, Content_Encoding="gzip"),
    "/latin1-labelled-utf8": lambda site: site.reply(200, LATIN1_PAGE.encode("latin-1")),
    "/meta-charset-only": lambda site: site.reply(200, CYRILLIC_PAGE.encode("cp1251"), "text/html"),
    "/report.pdf": lambda site: site.reply(200, PDF, "application/pdf"),
    "/pdf-as-html": lambda site: site.reply(200, PDF),
    "/photo": lambda site: site.reply(200, PNG, "image/png"),
    "/clip": lambda site: site.reply(200, b"\x00\x00\x00\x18ftypmp42", "video/mp4"),
    "/paywalled": lambda site: site.reply(200, paywalled_page().encode("utf-8")),
    "/gone": lambda site: site.reply(410, b"gone", "text/plain"),
    "/broken": lambda site: site.reply(500, b"oops", "text/plain"),
    "/busy": lambda site: site.reply(503, b"busy", "text/plain"),
}


@pytest.fixture(scope="module")
def site():
    """The base URL of a threaded HTTP server on 127.0.0.1, for this module's tests."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def local(url, limits=FetchLimits()):
    return fetch(url, allow_private=True, limits=limits)


@pytest.fixture
def closed_port():
    """A loopback port that refuses connections: bound for the whole test, so no other program can take it, but
    never listening."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        yield sock.getsockname()[1]


@pytest.fixture
def unanswered_port():
    """A loopback port where a connect just waits, as it does to a blackholed address: its listener never
    accepts, and its queue is filled first (Linux then drops further connection requests)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(0)
        port = listener.getsockname()[1]
        fillers = []
        try:
            for _ in range(10):
                probe = socket.socket()
                probe.settimeout(0.5)
                try:
                    probe.connect(("127.0.0.1", port))
                except TimeoutError:
                    probe.close()
                    break  # the queue is full
                fillers.append(probe)
            else:
                pytest.skip("this platform accepts connections past a full listen queue")
            yield port
        finally:
            for filler in fillers:
                filler.close()


def test_fetches_a_page_and_decodes_it(site):
    page = local(f"{site}/article?ref=chat")

    assert (page.status, page.content_type, page.charset) == (200, "text/html", "utf-8")
    assert page.url == page.final_url == f"{site}/article?ref=chat"
    assert page.body == ARTICLE and "Vell Street bridge" in page.text


def test_connects_to_the_checked_address_with_the_host_name_in_the_host_header(site, monkeypatch):
    lookups = []
    real_getaddrinfo = socket.getaddrinfo
    monkeypatch.setattr(
        socket, "getaddrinfo", lambda host, *args, **kw: lookups.append(host) or real_getaddrinfo(host, *args, **kw)
    )
    port = site.rsplit(":", 1)[1]

    local(f"http://localhost:{port}/article")

    assert lookups == ["localhost"]  # one lookup, checked; the connection reuses its answer
    assert Site.last_host == f"localhost:{port}"


def test_follows_redirects_checking_every_hop(site, monkeypatch):
    checked = []
    real_check_host = nlp.fetch.check_host
    monkeypatch.setattr(nlp.fetch, "check_host", lambda host, **kw: checked.append(host) or real_check_host(host, **kw))
    port = site.rsplit(":", 1)[1]

    page = local(f"{site}/hop/3")

    assert page.final_url == f"http://localhost:{port}/article"
    assert page.text == ARTICLE.decode()
    assert checked == ["127.0.0.1", "localhost", "localhost", "localhost"]


def test_a_redirect_to_a_private_address_is_blocked(site, monkeypatch):
    # The test server is on loopback, so loopback counts as public here; the metadata address does not.
    monkeypatch.setattr(nlp.fetch, "is_public_address", lambda address: address.is_loopback)

    with pytest.raises(BlockedAddress):
        fetch(f"{site}/to-metadata")


def test_a_redirect_to_another_scheme_is_refused(site):
    with pytest.raises(BadLink):
        local(f"{site}/to-file")


@pytest.mark.parametrize("path", ["/loop", "/hop/3"])
def test_too_many_redirects(site, path):
    with pytest.raises(TooManyRedirects):
        local(f"{site}{path}", FetchLimits(max_redirects=2))


@pytest.fixture
def slow_handshake_port():
    """A loopback port whose server answers a TLS client hello with a 16 KiB record sent a byte at a time."""
    listener = socket.create_server(("127.0.0.1", 0))
    listener.settimeout(10)  # so the thread ends even if no client comes
    stop = threading.Event()

    def serve():
        try:
            connection, _ = listener.accept()
            with connection:
                connection.recv(4096)  # the client hello
                connection.sendall(b"\x16\x03\x03\x40\x00")  # a handshake record's header: 16 KiB to follow
                while not stop.wait(DRIP_SECONDS):
                    connection.sendall(b"\x02")
        except OSError:
            pass  # the client hung up, or never came

    threading.Thread(target=serve, daemon=True).start()
    yield listener.getsockname()[1]
    stop.set()
    listener.close()


@pytest.mark.parametrize("path", ["/slow-body", "/slow-headers"])
def test_a_slow_drip_is_cut_off_at_the_time_budget(site, path):
    # Dripped in full, either response would take over 10 s (and the server gives up after 5).
    start = time.monotonic()

    with pytest.raises(TooSlow):
        local(f"{site}{path}", TIME_LIMITS)

    assert time.monotonic() - start < BUDGET_BOUND


def test_a_connect_that_hangs_is_cut_off_at_the_total_budget(unanswered_port):
    start = time.monotonic()

    with pytest.raises(TooSlow):
        local(f"http://127.0.0.1:{unanswered_port}/", FetchLimits(connect_timeout=30.0, total_timeout=0.5))

    assert time.monotonic() - start < BUDGET_BOUND


def test_a_tls_handshake_that_drips_is_cut_off_at_the_total_budget(slow_handshake_port):
    start = time.monotonic()

    with pytest.raises(TooSlow):
        local(f"https://127.0.0.1:{slow_handshake_port}/", TIME_LIMITS)

    assert time.monotonic() - start < BUDGET_BOUND


def test_a_dns_lookup_that_hangs_is_cut_off_at_the_total_budget(monkeypatch):
    released = threading.Event()

    def hanging_lookup(*args, **kwargs):
        released.wait(30)
        raise socket.gaierror("no answer")

    monkeypatch.setattr(socket, "getaddrinfo", hanging_lookup)
    start = time.monotonic()

    try:
        with pytest.raises(TooSlow):
            local("http://eastmere-courier.example/", TIME_LIMITS)
        assert time.monotonic() - start < BUDGET_BOUND
    finally:
        released.set()  # let the lookup's thread finish


def test_a_host_with_many_addresses_costs_a_few_connect_attempts(monkeypatch, closed_port):
    attempts = []

    class CountingSocket(socket.socket):
        def connect(self, address):
            attempts.append(address)
            return super().connect(address)

    monkeypatch.setattr(socket, "socket", CountingSocket)
    many = [ipaddress.ip_address(f"127.0.0.{n}") for n in range(1, 21)]
    monkeypatch.setattr(nlp.fetch, "check_host", lambda host, **kwargs: many)

    with pytest.raises(DeadLink):
        local(f"http://eastmere-courier.example:{closed_port}/")

    assert [host for host, _port in attempts] == ["127.0.0.1", "127.0.0.2", "127.0.0.3"]  # MAX_ADDRESSES_TRIED


def test_an_endless_body_is_cut_off_at_the_size_limit(site):
    with pytest.raises(TooLarge) as error:
        local(f"{site}/endless", SIZE_LIMITS)

    assert "1 MiB" in error.value.user_message


def test_a_gzip_bomb_is_stopped_while_decompressing(site):
    with pytest.raises(TooLarge):
        local(f"{site}/bomb", SIZE_LIMITS)


def test_gzip_is_decompressed(site):
    assert local(f"{site}/gzipped").body == ARTICLE


def test_utf8_label_on_latin1_bytes_does_not_crash(site):
    page = local(f"{site}/latin1-labelled-utf8")

    assert "Café owners" in page.text and "détour" in page.text


def test_a_meta_charset_alone_decides(site):
    page = local(f"{site}/meta-charset-only")

    assert page.charset == "cp1251"
    assert "Мост на улице Велл" in page.text


@pytest.mark.parametrize(
    ("path", "content_type", "kind"),
    [
        ("/untyped", "text/html", None),
        ("/plain", "text/plain", None),
        ("/report.pdf", None, "a PDF"),
        ("/pdf-as-html", None, "a PDF"),
        ("/photo", None, "an image"),
        ("/clip", None, "a video"),
    ],
)
def test_only_pages_and_text_are_read(site, path, content_type, kind):
    if kind is None:
        assert local(f"{site}{path}").content_type == content_type
    else:
        with pytest.raises(NotAnArticle) as error:
            local(f"{site}{path}")
        assert error.value.kind == kind
        assert f"That link is {kind}" in error.value.user_message


def test_a_paywalled_article_is_reported_not_read(site):
    with pytest.raises(Paywalled):
        read_url(f"{site}/paywalled", allow_private=True)


@pytest.mark.parametrize(("path", "error_class", "status"), [
    ("/missing", DeadLink, 404), ("/gone", DeadLink, 410), ("/broken", ServerError, 500), ("/busy", ServerError, 503),
])
def test_error_statuses(site, path, error_class, status):
    with pytest.raises(error_class) as error:
        local(f"{site}{path}")

    assert error.value.status == status
    assert str(status) in error.value.user_message


def test_a_closed_port_is_a_dead_link(closed_port):
    with pytest.raises(DeadLink) as error:
        local(f"http://127.0.0.1:{closed_port}/")

    assert error.value.status is None


@pytest.mark.parametrize(
    "url",
    [
        "ftp://eastmere.example/a", "file:///etc/passwd", "javascript:alert(1)", "http://", "http://h:99999/",
        "http://127.0.0.1:0/",  # port 0 is no port: refused, not read as the default port
    ],
)
def test_only_http_and_https_links(url):
    with pytest.raises(BadLink):
        fetch(url)


def test_private_addresses_are_refused_before_connecting(site):
    with pytest.raises(BlockedAddress):
        fetch(f"{site}/article")


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1", "10.1.2.3", "172.16.5.4", "192.168.1.1", "169.254.169.254", "100.64.0.1", "0.0.0.0",
        "224.0.0.1", "240.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fc00::1", "ff02::1",
        "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::127.0.0.1", "64:ff9b::a00:1", "2002:a00:1::1",
        "2001:0:4136:e378:8000:63bf:f5ff:fffe",  # Teredo, client 10.0.0.1
    ],
)
def test_non_public_addresses_are_refused(address):
    assert not is_public_address(ipaddress.ip_address(address))
    with pytest.raises(BlockedAddress):
        check_host(address)


@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "127.1", "0177.0.0.1", "0x7f.0.0.1", "localhost"])
def test_loopback_host_names_are_refused(host):
    with pytest.raises(BlockedAddress):
        check_host(host)


def _resolver_reads_odd_ipv4_spellings():
    """glibc's resolver reads ``127.1`` as 127.0.0.1, as inet_aton does; musl's and others refuse it."""
    try:
        return {info[4][0] for info in socket.getaddrinfo("127.1", 80, type=socket.SOCK_STREAM)} == {"127.0.0.1"}
    except socket.gaierror:
        return False


@pytest.mark.skipif(not _resolver_reads_odd_ipv4_spellings(), reason="the platform resolver refuses these spellings")
@pytest.mark.parametrize("host", ["2130706433", "0x7f000001", "127.1", "0177.0.0.1"])
def test_odd_ipv4_spellings_resolve_to_loopback_and_would_be_refused_there_too(host):
    # getaddrinfo reads these as 127.0.0.1: refused by spelling first, and by address if that check went.
    resolved = {info[4][0] for info in socket.getaddrinfo(host, None, type=socket.SOCK_STREAM)}

    assert is_odd_ipv4_spelling(host)
    assert resolved == {"127.0.0.1"}
    assert not is_public_address(ipaddress.ip_address("127.0.0.1"))


@pytest.mark.parametrize("host", ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"])
def test_public_literals_pass_the_check(host):
    # Checked only: nothing connects to them.
    assert check_host(host) == [ipaddress.ip_address(host)]


def test_allow_private_lets_local_addresses_through():
    assert check_host("127.0.0.1", allow_private=True) == [ipaddress.ip_address("127.0.0.1")]
