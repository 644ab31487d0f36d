import dataclasses

import pytest

import nlp.reader
from nlp.fetch import FetchedPage
from nlp.page_content import decode_body
from nlp.read_errors import NotAnArticle, NothingToRead, Paywalled, ReadError
from nlp.reader import Article, read_file, read_html, read_page, read_text
from tests.pages import (
    BRIDGE_PARAGRAPHS, TEASER, WALL_WORDING, article_page, json_ld, paywalled_page, with_meta_charset,
)

METADATA_HEAD = """
<link rel="canonical" href="/news/harbour-bridge">
<meta property="og:site_name" content="The Eastmere Courier">
<meta name="description" content="The Vell Street bridge reopened on Tuesday after repairs.">
<meta name="author" content="Ada Lindqvist">
<meta property="article:published_time" content="2031-04-08T09:30:00+01:00">
"""
PAGE_URL = "https://eastmere-courier.example/news/harbour-bridge?utm_source=chat"
DEEP_JSON = "[" * 100_000 + "]" * 100_000
HOSTILE_PAGES = [
    # (id, the page's bytes, the charset its Content-Type header declares, the URL it came from)
    ("meta charset base64", with_meta_charset(article_page(), "base64").encode(), None, PAGE_URL),
    ("header charset base64", article_page().encode(), "base64", PAGE_URL),
    ("header charset rot13", article_page().encode(), "rot13", PAGE_URL),
    ("JSON-LD nested too deep", article_page(head=f'<script type="application/ld+json">{DEEP_JSON}</script>').encode(),
     None, PAGE_URL),
    ("wordCount in superscript", article_page(head=json_ld({"wordCount": "²"})).encode(), None, PAGE_URL),
    ("wordCount of 5,000 digits", article_page(head=json_ld({"wordCount": "9" * 5000})).encode(), None, PAGE_URL),
    ("canonical link not a URL", article_page(head='<link rel=canonical href="http://[::1">').encode(), None, PAGE_URL),
    ("og:url not a URL", article_page(head='<meta property="og:url" content="http://[::1">').encode(), None, PAGE_URL),
    ("page URL not a URL", article_page().encode(), None, "http://[::1"),
    ("empty html element", b"<html>", None, PAGE_URL),
    ("only tags", b"<html><body>" + b"<div><span></span></div>" * 2000 + b"</body></html>", None, PAGE_URL),
    ("2 MB of one word", b"<html><body><p>" + b"word " * 400_000 + b"</p></body></html>", None, PAGE_URL),
]
PDF = b"%PDF-1.7\n" + bytes(64)
PNG = b"\x89PNG\r\n\x1a\n" + bytes(64)
MP4 = b"\x00\x00\x00\x18ftypmp42" + bytes(64)


def test_read_html_finds_the_metadata():
    article = read_html(article_page(head=METADATA_HEAD, lang="en-GB"), url=PAGE_URL)

    assert article.url == PAGE_URL
    assert article.canonical_url == "https://eastmere-courier.example/news/harbour-bridge"
    assert article.title == "Harbour bridge reopens after eight months"
    assert article.outlet == "The Eastmere Courier"
    assert article.authors == ("Ada Lindqvist",)
    assert article.published == "2031-04-08T09:30:00+01:00"
    assert article.language == "en-GB"
    assert article.description == "The Vell Street bridge reopened on Tuesday after repairs."
    assert article.accessible_for_free is None
    assert article.extracted_by == "trafilatura"


def test_read_html_keeps_the_article_paragraphs_and_drops_the_page_around_them():
    text = read_html(article_page(), url=PAGE_URL).text

    for paragraph in BRIDGE_PARAGRAPHS:
        assert f"\n\n{paragraph}" in text
    assert "Sport" not in text and "All rights reserved" not in text


def test_json_ld_gives_authors_date_and_publisher_from_a_graph():
    structured = {
        "@context": "https://schema.org",
        "@graph": [
            {"@type": "WebSite", "name": "The Eastmere Courier"},
            {
                "@type": "NewsArticle",
                "headline": "Harbour bridge reopens after eight months",
                "datePublished": "2031-04-08T08:30:00Z",
                "author": [{"@type": "Person", "name": "Ada Lindqvist"}, {"@type": "Person", "name": "Jonas Ekberg"}],
                "isAccessibleForFree": True,
            },
        ],
    }
    article = read_html(article_page(head=json_ld(structured)), url="https://www.eastmere-courier.example/a/1")

    assert article.authors == ("Ada Lindqvist", "Jonas Ekberg")
    assert article.published == "2031-04-08T08:30:00+00:00"
    assert article.accessible_for_free is True
    assert article.canonical_url == "https://www.eastmere-courier.example/a/1"  # no canonical link: the URL


def test_without_a_site_name_the_outlet_is_the_host_name():
    article = read_html(article_page(), url="https://www.eastmere-courier.example/a/1")

    assert article.outlet == "eastmere-courier.example"


def test_readability_takes_over_when_trafilatura_finds_nothing(monkeypatch):
    monkeypatch.setattr(nlp.reader.trafilatura, "bare_extraction", lambda *args, **kwargs: None)

    article = read_html(article_page(), url=PAGE_URL)

    assert article.extracted_by == "readability"
    assert all(paragraph in article.text.split("\n\n") for paragraph in BRIDGE_PARAGRAPHS)
    assert article.title == "Harbour bridge reopens after eight months"  # the metadata does not depend on the body


def test_a_teaser_marked_not_free_behind_a_subscription_wall_is_paywalled():
    with pytest.raises(Paywalled) as error:
        read_html(paywalled_page(), url=PAGE_URL)

    assert "paywall" in error.value.user_message


def test_a_few_words_marked_not_free_are_paywalled_without_any_wording():
    page = article_page(("Members can read the full story.",), head=json_ld({"isAccessibleForFree": False}))

    with pytest.raises(Paywalled):
        read_html(page, url=PAGE_URL)


def test_a_short_login_wall_is_paywalled_without_structured_data():
    with pytest.raises(Paywalled):
        read_html(article_page((TEASER,), after=f"<div>{WALL_WORDING}</div>"), url=PAGE_URL)


def test_a_whole_short_article_marked_not_free_is_still_read():
    # Metered sites mark every article not free, short briefs included: the mark alone is no paywall.
    article = read_html(article_page(head=json_ld({"isAccessibleForFree": "false"})), url=PAGE_URL)

    assert article.accessible_for_free is False
    assert BRIDGE_PARAGRAPHS[0] in article.text


def test_a_page_of_many_thousand_links_is_read_without_taking_a_linked_year_for_its_date(monkeypatch):
    links = nlp.reader.LARGE_PAGE_ELEMENTS // 2 + 1  # each an <li> and an <a>: the page is large by them alone
    archive = "".join(f"<li><a href='/archive/{1998 + i % 30}/{i}'>Earlier story {i}</a></li>" for i in range(links))

    def page(head: str = "") -> str:
        html = article_page(head=head)
        assert "<footer>" in html
        return html.replace("<footer>", f"<ul>{archive}</ul><footer>")

    article = read_html(page(), url=PAGE_URL)
    dated = read_html(page('<meta property="og:updated_time" content="2025-06-20">'
                           '<meta name="date" content="2025-04-08">'), url=PAGE_URL)

    assert all(paragraph in article.text.split("\n\n") for paragraph in BRIDGE_PARAGRAPHS)
    assert article.published is None
    assert dated.published == "2025-04-08"  # published, not updated
    monkeypatch.setattr(nlp.reader.trafilatura, "bare_extraction", lambda *args, **kwargs: None)
    assert read_html(page(), url=PAGE_URL).published is None  # nor when the metadata is read on its own


INDEX_PAGE = "<html><body>" + "".join(f"<div><a href='/story/{i}'>Story number {i}</a></div>" for i in range(300))
"""A section front: hundreds of links and no article, which readability would return as 900 words of text."""


@pytest.mark.parametrize(
    "html", ["", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "\x00\x01", INDEX_PAGE]
)
def test_a_page_without_article_text_has_nothing_to_read(html):
    with pytest.raises(NothingToRead):
        read_html(html, url=PAGE_URL)


@pytest.mark.parametrize(
    ("body", "charset", "url"), [case[1:] for case in HOSTILE_PAGES], ids=[case[0] for case in HOSTILE_PAGES]
)
def test_a_hostile_page_is_read_or_refused_in_plain_words(body, charset, url):
    # Decoded as the fetcher decodes a download: any failure must be a ReadError, never a traceback.
    text, _charset = decode_body(body, charset)
    try:
        article = read_html(text, url=url)
    except ReadError as error:
        assert error.user_message
    else:
        assert isinstance(article, Article)


@pytest.mark.parametrize("charset", ["base64", "zlib", "hex", "rot13"])
def test_a_codec_that_is_no_text_encoding_counts_as_no_charset(charset):
    body = "Café on Vell Street".encode()

    assert decode_body(body, charset) == ("Café on Vell Street", "utf-8")
    assert decode_body(with_meta_charset(article_page(), charset).encode())[1] == "utf-8"


def test_plain_text_is_kept_as_it_is():
    text = "\n\n".join(BRIDGE_PARAGRAPHS)

    article = read_text(f"\n{text}\n", url="https://eastmere-courier.example/bridge.txt")

    assert article.text == text
    assert article.outlet == "eastmere-courier.example"
    assert article.extracted_by == "plain text"


def test_read_page_reads_plain_text_and_keeps_the_requested_url():
    text = "\n\n".join(BRIDGE_PARAGRAPHS)
    page = FetchedPage(
        url="https://short.example/x", final_url="https://eastmere-courier.example/bridge.txt", status=200,
        content_type="text/plain", charset="utf-8", body=text.encode(), text=text,
    )

    article = read_page(page)
    html_article = read_page(dataclasses.replace(page, content_type="text/html", text=article_page()))

    assert (article.url, article.canonical_url, article.text) == (page.url, page.final_url, text)
    assert (html_article.url, html_article.canonical_url) == (page.url, page.final_url)


def test_read_file_reads_html_and_text_files(tmp_path):
    html_path, text_path = tmp_path / "saved.HTM", tmp_path / "notes.txt"
    html_path.write_text(article_page(head=METADATA_HEAD).replace("utf-8", "windows-1252"), encoding="cp1252")
    text_path.write_text("\n\n".join(BRIDGE_PARAGRAPHS), encoding="utf-8")

    assert read_file(html_path).outlet == "The Eastmere Courier"
    assert read_file(text_path).text.startswith(BRIDGE_PARAGRAPHS[0])


@pytest.mark.parametrize(
    ("name", "body", "kind"),
    [
        ("report.pdf", PDF, "a PDF"),
        ("report.html", PDF, "a PDF"),  # the bytes decide, not the name
        ("photo.txt", PNG, "an image"),
        ("clip.mp4", MP4, "a file of an unknown kind"),
        ("notes", bytes(range(256)) * 4, "a file of an unknown kind"),
    ],
    ids=["pdf", "pdf named html", "png named txt", "mp4", "binary without suffix"],
)
def test_read_file_refuses_binary_files(tmp_path, name, body, kind):
    path = tmp_path / name
    path.write_bytes(body)

    with pytest.raises(NotAnArticle) as error:
        read_file(path)

    assert error.value.kind == kind


def test_read_file_reads_utf16_text(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("\n\n".join(BRIDGE_PARAGRAPHS), encoding="utf-16")  # NUL bytes, after a byte-order mark

    assert read_file(path).text.startswith(BRIDGE_PARAGRAPHS[0])
