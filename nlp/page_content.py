"""What a downloaded body is, and how its bytes become text. Pure functions: no network here.

Servers mislabel: a PDF served as ``text/html``, a page with no ``Content-Type``, a charset that does not
match the bytes. The first bytes decide over the header, and a wrong charset degrades the text, never crashes.
"""

from __future__ import annotations

import codecs
import re

import charset_normalizer

from nlp.read_errors import NotAnArticle

HTML = "text/html"
XHTML = "application/xhtml+xml"
PLAIN_TEXT = "text/plain"
READABLE_TYPES = (HTML, XHTML, PLAIN_TEXT)
UNLABELLED_TYPES = ("", "application/octet-stream", "binary/octet-stream")
"""Content types that say nothing about the body, so its first bytes decide."""

MAGIC_KINDS = (
    (b"%PDF-", "a PDF"),
    (b"\x89PNG\r\n\x1a\n", "an image"),
    (b"\xff\xd8\xff", "an image"),
    (b"GIF87a", "an image"),
    (b"GIF89a", "an image"),
)
"""File signatures that no web page starts with, and the words a reporter would use for them."""

TYPE_KINDS = (("application/pdf", "a PDF"), ("image/", "an image"), ("video/", "a video"), ("audio/", "an audio file"))
"""Content-type prefixes of files that are not articles, and their plain names."""

BINARY_SNIFF_BYTES = 1024
"""Bytes at the start of a body searched for NUL: text has none (UTF-16 and UTF-32 aside), while video, archives,
office documents and programs nearly always have some in their first kilobyte."""
WIDE_CHARSETS = ("utf-16", "utf16", "utf-32", "utf32")
"""Charset labels whose text is full of NUL bytes."""

RE_MARKUP_START = re.compile(rb"\s*<(?:!doctype|html|head|body|meta|title|!--)", re.IGNORECASE)
RE_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.IGNORECASE)
META_CHARSET_WINDOW = 4096
"""Bytes at the start of a page searched for ``<meta charset>`` (browsers look at the first 1,024; some pages
put it later)."""

WINDOWS_1252_ALIASES = frozenset({"iso8859-1", "latin-1", "latin1", "iso-8859-1", "us-ascii", "ascii"})
"""Labels that browsers read as windows-1252 (WHATWG Encoding): pages labelled so routinely use its extra
characters (curly quotes, dashes)."""


def media_type(content_type: str | None) -> str:
    """The bare media type of a Content-Type header, lower case: ``text/html; charset=utf-8`` → ``text/html``."""
    return (content_type or "").split(";", 1)[0].strip().lower()


def header_charset(content_type: str | None) -> str | None:
    """The ``charset`` parameter of a Content-Type header, if any."""
    for parameter in (content_type or "").split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset" and value.strip(" \"'"):
            return value.strip(" \"'")
    return None


def check_declared_type(content_type: str | None) -> None:
    """Raise NotAnArticle when the header alone says the body is no web page (a PDF, an image …)."""
    declared = media_type(content_type)
    if declared in READABLE_TYPES or declared in UNLABELLED_TYPES:
        return
    for prefix, kind in TYPE_KINDS:
        if declared.startswith(prefix):
            raise NotAnArticle(kind)
    raise NotAnArticle(f"a file of type {declared}")


def article_type(content_type: str | None, body: bytes) -> str:
    """The readable type of ``body``: HTML, XHTML or PLAIN_TEXT; raise NotAnArticle for anything else.

    The first bytes win over the header, so a PDF labelled ``text/html`` (or a video saved as ``notes.txt``) is
    still refused.
    """
    for magic, kind in MAGIC_KINDS:
        if body.startswith(magic):
            raise NotAnArticle(kind)
    check_declared_type(content_type)
    if _looks_binary(content_type, body):
        raise NotAnArticle("a file of an unknown kind")
    declared = media_type(content_type)
    if declared in READABLE_TYPES:
        return declared
    if RE_MARKUP_START.match(body.removeprefix(codecs.BOM_UTF8)):
        return HTML
    raise NotAnArticle("a file of an unknown kind")


def _looks_binary(content_type: str | None, body: bytes) -> bool:
    """NUL bytes near the start, in a body that neither starts with nor declares a UTF-16 or UTF-32 charset."""
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):  # the UTF-32 LE mark starts the same way
        return False
    if (header_charset(content_type) or "").strip().lower().startswith(WIDE_CHARSETS):
        return False
    return b"\x00" in body[:BINARY_SNIFF_BYTES]


def decode_body(body: bytes, declared_charset: str | None = None, *, html: bool = True) -> tuple[str, str]:
    """``body`` as text, with the charset used: byte-order mark, else the declared charset, else (for HTML) a
    ``<meta charset>``, else UTF-8 if the bytes are valid UTF-8, else charset-normalizer's guess.

    A declared charset that does not fit the bytes (UTF-8 declared, windows-1252 sent: the usual mistake) is
    tried as windows-1252 and then decoded with replacement characters, so a wrong label never raises.
    """
    for bom, charset in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if body.startswith(bom):
            return body.decode(charset, errors="replace").lstrip("\ufeff"), charset
    declared = _known_charset(declared_charset) or (_known_charset(_meta_charset(body)) if html else None)
    if declared:
        for charset in dict.fromkeys((declared, "cp1252")):
            try:
                return body.decode(charset), charset
            except UnicodeDecodeError:
                continue
        return body.decode(declared, errors="replace"), declared
    try:
        return body.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        guess = charset_normalizer.from_bytes(body).best()
        if guess is not None:
            return str(guess), guess.encoding
        return body.decode("utf-8", errors="replace"), "utf-8"


def _meta_charset(body: bytes) -> str | None:
    found = RE_META_CHARSET.search(body[:META_CHARSET_WINDOW])
    if not found:
        return None
    label = found.group(1).decode("ascii", errors="replace")
    # A page whose bytes could be searched as ASCII is not UTF-16, whatever it says (the HTML standard agrees).
    return "utf-8" if label.lower().startswith("utf-16") else label


def _known_charset(label: str | None) -> str | None:
    """The Python codec for a charset label, or None for a label that names no text encoding Python knows."""
    if not label:
        return None
    if label.strip().lower() in WINDOWS_1252_ALIASES:
        return "cp1252"
    try:
        codec = codecs.lookup(label.strip())
    except LookupError:
        return None
    # Python also has bytes-to-bytes codecs (base64, zlib, rot13 …) that bytes.decode refuses with LookupError:
    # a page "declaring" one of them has declared no charset.
    return codec.name if codec._is_text_encoding else None
