"""Read a news page: the article's text and metadata out of its HTML, as a plain ``Article``.

The body comes from trafilatura (tuned on the Article Extraction Benchmark: ``benchmarks/reader.py``), with
readability-lxml as the fallback when trafilatura finds little or nothing. Paywalls and login walls are recognised and
reported (``Paywalled``), never worked around. Only ``read_url`` touches the network, through ``nlp.fetch``.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import lxml.etree
import lxml.html
import trafilatura
from lxml.html import HtmlElement
from readability import Document as ReadabilityDocument
from readability.readability import Unparseable

from nlp.fetch import FetchedPage, FetchLimits, fetch
from nlp.page_content import HTML, PLAIN_TEXT, XHTML, article_type, decode_body
from nlp.read_errors import NothingToRead, Paywalled

TRAFILATURA_OPTIONS: dict[str, Any] = {"favor_precision": True, "include_comments": False, "include_tables": True}
"""Measured on the benchmark: favouring precision drops more boilerplate than it loses article text (F1 0.965
against 0.956 for the defaults, and no slower); comments are never the article; some articles are tables."""
LARGE_PAGE_ELEMENTS = 20_000
"""Elements above which a page is read with trafilatura's fast heuristics and without htmldate's free-text date
search. No article needs that many (AEB's largest page has 1,709); link indexes, archives and book-length pages
do, and there the second passes and the search cost seconds, while the search takes a year in a link for the
page's date (``benchmarks/reader.py --large``: 50,000 links read in 6.7 s, 2.9 s so; 60,000 divs 8.4 s, 5.7 s)."""
LARGE_PAGE_DATE_SEARCH: dict[str, Any] = {"original_date": True, "extensive_search": False}
"""htmldate's settings for a large page: trafilatura's own (the publication date, not the last update), less the
free-text search. The latest acceptable date is left to htmldate, which takes today's: set here, it would stay
the day a worker started."""

FALLBACK_RATIO = 2
"""readability's text replaces trafilatura's when it has at least this many times the words: trafilatura
found nothing, or its precision mode dropped half the article (on the benchmark: F1 0.975 against 0.965 with
trafilatura alone, for 12 ms more a page)."""
MIN_ARTICLE_WORDS = 25
"""Fewer words than this is no article: a cookie notice, an error page, a video with a caption."""
TEASER_WORDS = 150
"""Fewer words than this on a page marked ``isAccessibleForFree: false`` may be a teaser: it is one when the
page also asks the reader to subscribe or log in, or states a word count at least twice what was found.
(A short brief can be marked not free and still be whole, so the mark alone does not decide.)"""
MARKED_TEASER_WORDS = 80
"""Fewer words than this on a page that asks the reader to subscribe or log in is a paywall or login wall."""

RE_WALL_WORDING = re.compile(
    r"subscribe (?:now |today )?to (?:continue|keep reading|read|unlock)|subscribers? only|for subscribers"
    r"|already a (?:subscriber|member)|(?:sign|log) ?in to (?:continue|read|keep reading|unlock)"
    r"|create a free account|register (?:now |for free )?to (?:continue|read)",
    re.IGNORECASE,
)
"""What a paywall or login wall says to the reader (searched in the visible text only: scripts and class names
mention paywalls on pages that have none)."""
VISIBLE_TEXT = "//body//text()[not(ancestor::script or ancestor::style or ancestor::noscript or ancestor::template)]"
RE_WORD = re.compile(r"\w+")
RE_WORD_COUNT = re.compile(r"[0-9]{1,9}")
BLOCK_TAGS = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "dd", "dt", "td", "th")
"""Elements whose text is one paragraph in the readability fallback."""
MOST_LINK_WORDS = 0.5
"""Share of the readability fallback's words inside links above which it found a menu or an index, not an
article: readability returns whatever block holds the most text, and on a page of links that is the links."""
HTML_SUFFIXES = (".html", ".htm", ".xhtml")
CANONICAL_LINK = (
    "//link[contains(concat(' ', normalize-space(translate(@rel, 'CANONICAL', 'canonical')), ' '), ' canonical ')]"
)
PUBLISHED_META = (
    '//meta[@property="article:published_time"]/@content',
    '//meta[@itemprop="datePublished"]/@content',
    '//*[@itemprop="datePublished"]/@datetime',
)
"""Where pages state their full publication timestamp (trafilatura's date keeps the day only)."""


@dataclass(frozen=True)
class Article:
    """An article read from a page: its text (paragraphs separated by a blank line) and what the page says of it."""

    url: str | None
    """The address it was read from, as given (before redirects)."""
    canonical_url: str | None
    """The page's own address for the article (``<link rel=canonical>``, ``og:url``), else the final URL."""
    title: str | None
    outlet: str | None
    """The site's name (``og:site_name`` and the like), else its host name."""
    authors: tuple[str, ...]
    published: str | None
    """ISO 8601: a full timestamp where the page gives one, else the day."""
    language: str | None
    """As the page declares it (``en``, ``en-GB``)."""
    description: str | None
    text: str
    accessible_for_free: bool | None
    """The page's JSON-LD ``isAccessibleForFree``; None when it does not say."""
    extracted_by: str
    """``trafilatura``, ``readability`` (the fallback) or ``plain text``."""


def read_url(url: str, *, allow_private: bool = False, limits: FetchLimits = FetchLimits()) -> Article:
    """Fetch ``url`` (safely: see ``nlp.fetch``) and read the article on it; raise a ReadError otherwise."""
    return read_page(fetch(url, allow_private=allow_private, limits=limits))


def read_page(page: FetchedPage) -> Article:
    """The article in a fetched page; ``url`` is the address requested, relative links resolve from the final one."""
    if not page.is_html:
        return read_text(page.text, url=page.url, final_url=page.final_url)
    article = read_html(page.text, url=page.final_url)
    return dataclasses.replace(article, url=page.url)


def read_file(path: Path) -> Article:
    """The article in a saved page (``.html``, ``.htm``, ``.xhtml``) or a text file; NotAnArticle for a PDF, an
    image or another binary file, whatever its name."""
    body = path.read_bytes()
    # The name stands in for a Content-Type header, and the bytes are sniffed as the fetcher sniffs a download.
    readable_type = article_type(HTML if path.suffix.lower() in HTML_SUFFIXES else PLAIN_TEXT, body)
    is_html = readable_type in (HTML, XHTML)
    text, _charset = decode_body(body, html=is_html)
    return read_html(text) if is_html else read_text(text)


def read_text(text: str, *, url: str | None = None, final_url: str | None = None) -> Article:
    """A plain-text article, its text kept as it is."""
    text = text.strip()
    if _word_count(text) < MIN_ARTICLE_WORDS:
        raise NothingToRead()
    return Article(
        url=url,
        canonical_url=final_url or url,
        title=None,
        outlet=_hostname(final_url or url),
        authors=(),
        published=None,
        language=None,
        description=None,
        text=text,
        accessible_for_free=None,
        extracted_by="plain text",
    )


def read_html(html: str, *, url: str | None = None) -> Article:
    """The article in a page's HTML; ``url`` is where the page came from, for its relative links.

    Raise Paywalled when the page shows only a teaser behind a paywall or login, NothingToRead when it holds
    no article text.
    """
    tree = trafilatura.load_html(html)
    if tree is None:
        raise NothingToRead()
    # Read what trafilatura does not report before handing it the tree (it works on a copy, but cleans it).
    structured = list(_json_ld_objects(tree))
    accessible_for_free = _accessible_for_free(structured)
    canonical_url = _canonical_url(tree, url)
    published = _published(tree, structured)
    language = _language(tree)

    large = _is_large(tree)
    date_search = LARGE_PAGE_DATE_SEARCH if large else None
    document = trafilatura.bare_extraction(tree, url=url, with_metadata=True, fast=large,
                                           date_extraction_params=date_search, **TRAFILATURA_OPTIONS)
    text = _paragraphs(document.text if document is not None else "")
    extracted_by = "trafilatura"
    if _may_have_missed_text(tree, text):
        fallback = _readability_text(html)
        if _word_count(fallback) >= FALLBACK_RATIO * max(_word_count(text), 1):
            text, extracted_by = fallback, "readability"
    _refuse_unreadable(text, tree, accessible_for_free, _stated_word_count(structured))
    # trafilatura returns nothing at all when it finds no body; the page's metadata still stands.
    metadata = document if document is not None else trafilatura.extract_metadata(
        tree, default_url=url, date_config=date_search)

    canonical_url = canonical_url or url
    return Article(
        url=url,
        canonical_url=canonical_url,
        title=_clean(metadata.title),
        outlet=_clean(metadata.sitename) or _hostname(canonical_url),
        authors=_authors(metadata.author),
        published=published or metadata.date,
        language=language,
        description=_clean(metadata.description),
        text=text,
        accessible_for_free=accessible_for_free,
        extracted_by=extracted_by,
    )


def _refuse_unreadable(text: str, tree: HtmlElement, accessible_for_free: bool | None, stated_words: int) -> None:
    """Raise Paywalled for a teaser behind a paywall or login, NothingToRead for a page with no article."""
    words = _word_count(text)
    if words < (TEASER_WORDS if accessible_for_free is False else MARKED_TEASER_WORDS):
        asks_to_subscribe = RE_WALL_WORDING.search(" ".join(tree.xpath(VISIBLE_TEXT))) is not None
        if asks_to_subscribe or stated_words >= max(2 * words, 1):
            raise Paywalled()
    if words < MIN_ARTICLE_WORDS:
        raise Paywalled() if accessible_for_free is False else NothingToRead()


def _paragraphs(text: str) -> str:
    """Text with one paragraph a line (trafilatura's output) as paragraphs separated by a blank line."""
    return "\n\n".join(line.strip() for line in text.splitlines() if line.strip())


def _is_large(tree: HtmlElement) -> bool:
    """Whether the page has more than LARGE_PAGE_ELEMENTS elements (counting stops there)."""
    return next(itertools.islice(tree.iter(), LARGE_PAGE_ELEMENTS, None), None) is not None


def _may_have_missed_text(tree: HtmlElement, text: str) -> bool:
    """Could readability find FALLBACK_RATIO times trafilatura's words? Not when the page's paragraphs hold
    fewer words than that: then the slower second reading is skipped."""
    paragraph_words = _word_count(_text_within(tree, "p"))
    return paragraph_words >= FALLBACK_RATIO * _word_count(text)


def _readability_text(html: str) -> str:
    """The article as readability-lxml finds it, one paragraph per block element; "" when it finds none."""
    try:
        summary = lxml.html.fromstring(ReadabilityDocument(html).summary(html_partial=True))
    except (Unparseable, lxml.etree.ParserError):
        return ""
    blocks = [
        element for element in summary.iter(*BLOCK_TAGS)
        if not any(ancestor.tag in BLOCK_TAGS for ancestor in element.iterancestors())
    ]
    texts = [element.text_content() for element in blocks] or summary.text_content().splitlines()
    text = "\n\n".join(paragraph for paragraph in (" ".join(text.split()) for text in texts) if paragraph)
    if _word_count(_text_within(summary, "a")) > MOST_LINK_WORDS * _word_count(text):
        return ""
    return text


def _text_within(tree: HtmlElement, tag: str) -> str:
    """The text inside ``tag`` elements, once (a link inside a link is counted with the outer one). Walked, not
    selected with XPath: libxml2 takes seconds over "//p//text()" on a page of tens of thousands of paragraphs."""
    outermost = (element for element in tree.iter(tag)
                 if not any(ancestor.tag == tag for ancestor in element.iterancestors()))
    return " ".join(piece for element in outermost for piece in element.itertext())


def _json_ld_objects(tree: HtmlElement) -> Iterator[dict[str, Any]]:
    """Every JSON object in the page's JSON-LD, nested ones (``@graph``, ``hasPart``) included."""
    for script in tree.xpath('//script[contains(translate(@type, "LDJSON", "ldjson"), "ld+json")]'):
        try:
            data = json.loads(script.text_content())
        except (ValueError, RecursionError):
            # Hand-written JSON-LD is often invalid, and a hostile page can nest it too deep for the parser:
            # either way the page is still worth reading without it.
            continue
        yield from _objects_in(data)


def _objects_in(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, list):
        for item in data:
            yield from _objects_in(item)
    elif isinstance(data, dict):
        yield data
        for value in data.values():
            if isinstance(value, (dict, list)):
                yield from _objects_in(value)


def _accessible_for_free(objects: list[dict[str, Any]]) -> bool | None:
    """False when any part of the page is marked not free (``false`` and ``"False"`` alike), True when marked free."""
    values = [obj["isAccessibleForFree"] for obj in objects if "isAccessibleForFree" in obj]
    flags = [value if isinstance(value, bool) else str(value).strip().lower() == "true" for value in values]
    if not flags:
        return None
    return all(flags)


def _stated_word_count(objects: list[dict[str, Any]]) -> int:
    """The article's length as its JSON-LD ``wordCount`` states it; 0 when it does not."""
    counts = [str(obj["wordCount"]).strip() for obj in objects if "wordCount" in obj]
    # Plain ASCII digits only, and few of them: str.isdigit() accepts "²", which int() rejects, and int() refuses
    # a number of thousands of digits. No article has a billion words.
    return max((int(count) for count in counts if RE_WORD_COUNT.fullmatch(count)), default=0)


def _canonical_url(tree: HtmlElement, base_url: str | None) -> str | None:
    candidates = tree.xpath(f"{CANONICAL_LINK}/@href") + tree.xpath("//meta[@property='og:url']/@content")
    for candidate in candidates:
        try:
            absolute = urljoin(base_url or "", candidate.strip())
            parts = urlsplit(absolute)
        except ValueError:
            continue  # not a URL at all ("http://[::1"): no canonical address from this one
        if parts.scheme in ("http", "https") and parts.hostname:
            return absolute
    return None


def _published(tree: HtmlElement, objects: list[dict[str, Any]]) -> str | None:
    stated = [obj["datePublished"] for obj in objects if isinstance(obj.get("datePublished"), str)]
    stated += tree.xpath(" | ".join(PUBLISHED_META))
    for value in stated:
        iso = _iso_date(value.strip())
        if iso:
            return iso
    return None


def _iso_date(value: str) -> str | None:
    try:
        return datetime.fromisoformat(value).isoformat()
    except ValueError:
        pass
    try:
        return date.fromisoformat(value[:10]).isoformat()
    except ValueError:
        return None


def _language(tree: HtmlElement) -> str | None:
    declared = tree.xpath(
        "/html/@lang | /html/@xml:lang | //meta[translate(@http-equiv, 'CONTENT-LANGUAGE', 'content-language')"
        " = 'content-language']/@content | //meta[@property='og:locale']/@content",
        namespaces={"xml": "http://www.w3.org/XML/1998/namespace"},
    )
    for value in declared:
        value = value.strip().replace("_", "-")
        if value:
            return value
    return None


def _authors(author: str | None) -> tuple[str, ...]:
    """trafilatura's author field ("A; B") as separate names."""
    return tuple(name.strip() for name in (author or "").split(";") if name.strip())


def _hostname(url: str | None) -> str | None:
    try:
        host = urlsplit(url).hostname if url else None
    except ValueError:
        return None  # a malformed address ("http://[::1") names no host
    return host.removeprefix("www.") if host else None


def _clean(value: str | None) -> str | None:
    value = " ".join(value.split()) if value else ""
    return value or None


def _word_count(text: str) -> int:
    return len(RE_WORD.findall(text))
