"""Which links pasted into a chat could be news articles: the web pages worth reading, not files, media or tools.

A cheap look at the URL alone, before any fetch: a link to a Slack message, a PDF, a picture, a video site or a
shared document is skipped without a word. The reader still refuses whatever turns out not to be an article;
this only keeps the obvious cases from costing a fetch and a message to the person who pasted them.
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

NOT_ARTICLE_HOSTS = (
    "slack.com",
    "slack-edge.com",
    "slack-files.com",
    "docs.google.com",
    "drive.google.com",
    "sheets.google.com",
    "meet.google.com",
    "zoom.us",
    "dropbox.com",
    "box.com",
    "youtube.com",
    "youtu.be",
    "vimeo.com",
    "tiktok.com",
    "giphy.com",
    "imgur.com",
    "sharepoint.com",
    "onedrive.live.com",
    "notion.so",
    "figma.com",
)
"""Hosts (and their subdomains) of tools, files and media rather than articles."""

NOT_ARTICLE_SUFFIXES = frozenset({
    ".pdf", ".doc", ".docx", ".xls", ".xlsx", ".csv", ".ppt", ".pptx", ".odt", ".ods", ".rtf", ".zip", ".gz",
    ".tar", ".7z", ".rar", ".dmg", ".exe", ".apk", ".iso", ".json", ".xml", ".rss",
    ".jpg", ".jpeg", ".png", ".gif", ".webp", ".svg", ".bmp", ".tif", ".tiff", ".heic", ".ico",
    ".mp4", ".mov", ".m4v", ".webm", ".avi", ".mkv", ".mp3", ".m4a", ".wav", ".ogg", ".flac",
})
"""Path endings of files that are not web pages."""


def is_article_link(url: str) -> bool:
    """True when ``url`` is an http(s) link that may lead to a news article."""
    try:
        parts = urlsplit(url)
        host = (parts.hostname or "").rstrip(".").lower()
    except ValueError:
        return False
    if parts.scheme not in ("http", "https") or not host:
        return False
    if any(host == blocked or host.endswith("." + blocked) for blocked in NOT_ARTICLE_HOSTS):
        return False
    return PurePosixPath(parts.path).suffix.lower() not in NOT_ARTICLE_SUFFIXES
