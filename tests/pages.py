"""Small news pages for the link reader's tests: fictional places and people, written for these tests."""

from __future__ import annotations

import json

BRIDGE_PARAGRAPHS = (
    "The Vell Street bridge in Eastmere reopened to traffic on Tuesday morning, eight months after a barge "
    "struck one of its piers and forced engineers to close it.",
    "Mayor Tomas Brandt said the repairs had cost 4.2 million crowns, slightly less than the council had set "
    "aside, and thanked residents for their patience during the long detour.",
    "Engineers from the regional roads office will inspect the bridge again in the autumn, and cyclists will "
    "have a separate lane from next month.",
)
TEASER = (
    "The Eastmere council met behind closed doors on Monday to discuss the harbour budget, officials said, "
    "and the vote that followed surprised almost everyone in the room."
)
WALL_WORDING = "Subscribe to continue reading. Already a subscriber? Log in."


def article_page(
    paragraphs: tuple[str, ...] = BRIDGE_PARAGRAPHS, *, head: str = "", after: str = "", lang: str = "en"
) -> str:
    """A page with navigation and a footer around an article of ``paragraphs``; ``head`` goes in <head>."""
    body = "\n".join(f"<p>{paragraph}</p>" for paragraph in paragraphs)
    return f"""<!DOCTYPE html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Harbour bridge reopens | The Eastmere Courier</title>
{head}</head>
<body>
<nav><a href="/">Home</a> <a href="/news">News</a> <a href="/sport">Sport</a></nav>
<article><h1>Harbour bridge reopens after eight months</h1>
{body}
{after}
</article>
<footer><p>Copyright The Eastmere Courier. All rights reserved.</p></footer>
</body></html>"""


def with_meta_charset(page: str, charset: str) -> str:
    """``page`` (from ``article_page``) declaring ``charset`` in its ``<meta charset>`` instead of utf-8."""
    return page.replace('<meta charset="utf-8">', f'<meta charset="{charset}">', 1)


def json_ld(data: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def paywalled_page() -> str:
    """A teaser marked not free in JSON-LD (as a string, inside hasPart), with the wall's own wording."""
    structured = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": "Council budget vote",
        "isAccessibleForFree": "False",
        "hasPart": {"@type": "WebPageElement", "isAccessibleForFree": "False", "cssSelector": ".locked"},
    }
    return article_page((TEASER,), head=json_ld(structured), after=f'<div class="locked">{WALL_WORDING}</div>')
