import pytest

from handlers.slack_links import message_links
from nlp.article_links import is_article_link


def test_links_come_from_slack_markup_in_order_once_each():
    event = {"text": "See <https://a.example/one|the story> and <https://b.example/two?x=1&amp;y=2> "
                     "<@U123> <#C42|politics> <!here> <mailto:desk@example.com|desk> <https://a.example/one>"}

    assert message_links(event) == ["https://a.example/one", "https://b.example/two?x=1&y=2"]


def test_links_in_rich_text_blocks_are_found_at_any_depth():
    event = {"text": "", "blocks": [{"type": "rich_text", "elements": [
        {"type": "rich_text_section", "elements": [{"type": "text", "text": "read "},
                                                   {"type": "link", "url": "https://c.example/three"}]},
        {"type": "rich_text_list", "elements": [{"type": "rich_text_section", "elements": [
            {"type": "link", "url": "https://d.example/four", "text": "four"},
            {"type": "link", "url": "javascript:alert(1)"}]}]},
    ]}]}

    assert message_links(event) == ["https://c.example/three", "https://d.example/four"]


def test_a_message_without_text_or_blocks_has_no_links():
    assert message_links({}) == []
    assert message_links({"text": None, "blocks": "not a list"}) == []


@pytest.mark.parametrize("url", [
    "https://www.reuters.com/world/europe/summit-2025-08-18/",
    "http://portvale-post.example/ferry?page=2",
    "https://news.example/2025/08/18/story.html",
])
def test_news_pages_are_articles(url):
    assert is_article_link(url)


@pytest.mark.parametrize("url", [
    "https://newsroom.slack.com/archives/C1/p123",
    "https://files.slack.com/files-pri/T1-F1/report.txt",
    "https://docs.google.com/document/d/abc/edit",
    "https://www.youtube.com/watch?v=abc",
    "https://youtu.be/abc",
    "https://news.example/briefing.PDF",
    "https://news.example/photo.jpg?size=large",
    "https://news.example/clip.mp4",
    "ftp://news.example/story",
    "https:///no-host",
    "https://[not-an-ip/story",
])
def test_files_media_tools_and_other_schemes_are_not(url):
    assert not is_article_link(url)
