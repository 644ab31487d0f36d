"""Finding quotations by their quote marks, before any parsing.

Newsrooms write quotations with curly or straight double quotes, two apostrophes (''), or single quotes
(British style). A quotation that runs over several paragraphs leaves its closing mark off every paragraph
but the last and opens each new paragraph again. Apostrophes look like single quotes, and copy is often
unbalanced, so marks are read from their surroundings rather than paired blindly.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_DOUBLE_OPEN = "“„«"
_DOUBLE_CLOSE = "”»"
_SINGLE_OPEN = "‘"
_RE_MARK = re.compile(r"``|''|[\"“”„«»‘’']")
_OPENING_CONTEXT = set(" \t\n([{—–-/:;") | {""}
_MAX_SINGLE_QUOTE_CHARS = 600


@dataclass(frozen=True)
class Quotation:
    """Inner text range of one quotation within one paragraph, marks excluded."""

    start: int
    end: int
    opened_at: int  # offset of the opening mark
    closed_at: int  # offset just past the closing mark (== end when the paragraph ends it)
    continues: bool  # the quotation goes on in the next paragraph


def find_quotations(text: str) -> list[Quotation]:
    quotations: list[Quotation] = []
    offset = 0
    for paragraph in text.split("\n"):
        found = _double_quotations(paragraph, offset)
        found += _single_quotations(paragraph, offset, outside=found)
        quotations.extend(sorted(found, key=lambda q: q.start))
        offset += len(paragraph) + 1
    return _mark_continuations(text, quotations)


def _role(paragraph: str, i: int, mark: str) -> str:
    """'open', 'close' or 'either' for the mark at paragraph[i:i+len(mark)]."""
    before = paragraph[i - 1] if i > 0 else ""
    after = paragraph[i + len(mark)] if i + len(mark) < len(paragraph) else ""
    opens = before in _OPENING_CONTEXT and after not in ("", " ", "\t")
    closes = before not in ("", " ", "\t") and (after == "" or not after.isalnum())
    if opens and not closes:
        return "open"
    if closes and not opens:
        return "close"
    return "either"


def _double_quotations(paragraph: str, offset: int) -> list[Quotation]:
    found = []
    open_at = None  # index of the opening mark
    open_len = 0
    for match in _RE_MARK.finditer(paragraph):
        mark, i = match.group(), match.start()
        if mark in ("‘", "’", "'"):
            continue
        if mark in _DOUBLE_OPEN or mark == "``":
            role = "open"
        elif mark in _DOUBLE_CLOSE:
            role = "close" if _role(paragraph, i, mark) != "open" else "open"
        else:
            role = _role(paragraph, i, mark)
        if open_at is None:
            if role != "close":
                open_at, open_len = i, len(mark)
            continue
        if role == "open":
            # An opening mark inside an open quotation: the previous one lost its closing mark.
            found.append(_quotation(paragraph, offset, open_at, open_at + open_len, i, i, continues=False))
            open_at, open_len = i, len(mark)
            continue
        found.append(_quotation(paragraph, offset, open_at, open_at + open_len, i, i + len(mark), continues=False))
        open_at = None
    if open_at is not None and open_at + open_len < len(paragraph.rstrip()):
        end = len(paragraph.rstrip())
        found.append(_quotation(paragraph, offset, open_at, open_at + open_len, end, end, continues=True))
    return [q for q in found if q.end > q.start]


def _single_quotations(paragraph: str, offset: int, outside: list[Quotation]) -> list[Quotation]:
    """Single-quoted passages outside double quotes; an unclosed one is an apostrophe, not a quote."""
    taken = [(q.opened_at - offset, q.closed_at - offset) for q in outside]
    found = []
    open_at = None
    for match in re.finditer(r"[‘’']", paragraph):
        i = match.start()
        if any(a <= i < b for a, b in taken):
            continue
        mark = match.group()
        role = _role(paragraph, i, mark)
        if mark == _SINGLE_OPEN and role != "close":
            role = "open"
        if open_at is None:
            if role == "open":
                open_at = i
        elif role == "close":
            if i - open_at <= _MAX_SINGLE_QUOTE_CHARS:
                found.append(_quotation(paragraph, offset, open_at, open_at + 1, i, i + 1, continues=False))
            open_at = None
    return [q for q in found if q.end > q.start]


def _quotation(paragraph, offset, opened_at, start, end, closed_at, *, continues: bool) -> Quotation:
    inner = paragraph[start:end]
    lead = len(inner) - len(inner.lstrip())
    trail = len(inner.rstrip(" \t,;"))
    return Quotation(offset + start + lead, offset + start + max(trail, lead), offset + opened_at,
                     offset + closed_at, continues)


def _mark_continuations(text: str, quotations: list[Quotation]) -> list[Quotation]:
    """Keep `continues` only where the next paragraph opens again with the same kind of mark.

    A stray straight quote in copy that otherwise uses curly ones is a typing slip, not a long quotation.
    """
    result = []
    for q in quotations:
        if q.continues:
            rest = text[q.closed_at:].lstrip()
            q = Quotation(q.start, q.end, q.opened_at, q.closed_at, rest[:1] == text[q.opened_at])
        result.append(q)
    return result
