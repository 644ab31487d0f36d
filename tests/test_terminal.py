import pytest

from bot.terminal import BOLD, DIM, DIVIDER_WIDTH, ITALIC, RESET, UNDERLINE, render_message, render_mrkdwn

MESSAGE = {
    "text": "Summit: 1 statement from 1 speaker",
    "blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Summit"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Ann Lee* — Minister\n• _said_ “a &lt; b”"}},
        {"type": "divider"},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": "<https://example.com/a_b|Read the article>"}]},
    ],
}


def test_plain_rendering_has_no_escape_codes_or_markup():
    assert render_message(MESSAGE, color=False).splitlines() == [
        "Summit",
        "======",
        "Ann Lee — Minister",
        "• said “a < b”",
        "─" * DIVIDER_WIDTH,
        "Read the article (https://example.com/a_b)",
    ]


def test_color_rendering_styles_header_bold_italic_and_context():
    lines = render_message(MESSAGE, color=True).splitlines()

    assert lines[0] == f"{BOLD}{UNDERLINE}Summit{RESET}"
    assert lines[1] == f"{BOLD}Ann Lee{RESET} — Minister"
    assert lines[2] == f"• {ITALIC}said{RESET} “a < b”"
    assert lines[4] == f"{DIM}Read the article (https://example.com/a_b){RESET}"


def test_message_without_blocks_shows_its_text():
    assert render_message({"text": "Tom &amp; Jerry"}, color=True) == "Tom & Jerry"


def test_blocks_without_text_render_as_nothing():
    image = {"type": "image", "image_url": "https://example.com/a.png", "alt_text": "a"}

    assert render_message({"text": "x", "blocks": [image]}, color=False) == ""


@pytest.mark.parametrize(
    ("mrkdwn", "plain"),
    [
        ("*bold* and _italic_", "bold and italic"),
        ("2 * 3 * 4", "2 * 3 * 4"),
        ("snake_case_name", "snake_case_name"),
        ("<https://example.com/*x*_y_>", "https://example.com/*x*_y_"),
        ("&amp;lt;", "&lt;"),
    ],
)
def test_mrkdwn_markers_only_where_slack_reads_them(mrkdwn, plain):
    assert render_mrkdwn(mrkdwn, color=False) == plain


def test_control_characters_from_articles_never_reach_the_terminal():
    message = {"blocks": [
        {"type": "header", "text": {"type": "plain_text", "text": "Title\x1b[2J"}},
        {"type": "section", "text": {"type": "mrkdwn", "text": "*Bold* words\x1b]0;pwned\x07 here"}},
    ]}
    rendered = render_message(message, color=True)
    assert "\x1b[2J" not in rendered and "\x1b]0" not in rendered and "\x07" not in rendered
    assert "\x1b[1m" in rendered  # the renderer's own bold still shows
