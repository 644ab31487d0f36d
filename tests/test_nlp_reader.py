import dataclasses

import pytest

import nlp.reader
from nlp.fetch import FetchedPage
from nlp.read_errors import NothingToRead, Paywalled
from nlp.reader import read_file, read_html, read_page, read_text
from tests.pages import BRIDGE_PARAGRAPHS, TEASER, WALL_WORDING, article_page, json_ld, paywalled_page

METADATA_HEAD = """
<link rel="canonical" href="/news/harbour-bridge">
<meta property="og:site_name" content="The Eastmere Courier">
<meta name="description" content="The Vell Street bridge reopened on Tuesday after repairs.">
<meta name="author" content="Ada Lindqvist">
<meta property="article:published_time" content="2031-04-08T09:30:00+01:00">
"""
PAGE_URL = "https://eastmere-courier.example/news/harbour-bridge?utm_source=chat"


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


@pytest.mark.parametrize("html", ["", "<html><body><nav><a href='/'>Home</a></nav></body></html>", "\x00\x01"])
def test_a_page_without_article_text_has_nothing_to_read(html):
    with pytest.raises(NothingToRead):
        read_html(html, url=PAGE_URL)


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
