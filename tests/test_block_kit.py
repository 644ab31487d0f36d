from handlers.block_kit import MAX_LINK_LABEL, header, link, message


def test_a_blank_header_still_says_something():
    assert header("   \n ")["text"]["text"] == "Summit"


def test_link_labels_are_cut_and_huge_urls_are_not_linked():
    long_label = link("https://news.example/a", "word " * 100)
    assert long_label.startswith("<https://news.example/a|") and long_label.endswith("…>")
    assert len(long_label) < len("https://news.example/a") + MAX_LINK_LABEL + 5

    huge = link("https://news.example/" + "a" * 5000, "story")
    assert "<" not in huge and len(huge) <= MAX_LINK_LABEL


def test_the_fallback_text_cannot_mention_the_channel():
    assert message("Who said what about “<!channel>”", [])["text"] == "Who said what about “&lt;!channel&gt;”"
