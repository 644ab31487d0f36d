import pytest

from handlers.block_kit import MAX_BLOCKS, MAX_HEADER_TEXT, MAX_SECTION_TEXT
from handlers.blocks import article_blocks, statements_blocks
from nlp.model import Extraction, Figure, FigureKind, Kind, Span
from tests.factories import example_extraction, speaker_named, statement_by
from tests.slack_limits import assert_within_slack_limits


def extraction_of(*statements, **metadata):
    return Extraction(statements=tuple(statements), entities=(), figures=(), **metadata)


def texts(message, block_type):
    return [block["text"]["text"] for block in message["blocks"] if block["type"] == block_type]


def context_texts(message):
    contexts = [block for block in message["blocks"] if block["type"] == "context"]
    return [element["text"] for block in contexts for element in block["elements"]]




def test_groups_statements_under_speaker_name_and_title():
    message = statements_blocks(example_extraction(title="Ferry talks"))

    assert texts(message, "header") == ["Ferry talks"]
    zelensky, macron = texts(message, "section")
    assert zelensky.splitlines() == [
        "*Lena Holt* — Transport Secretary",
        "• _said_ “I confirmed that we are ready, … and Portvale supports us.”",
    ]
    assert macron.splitlines() == [
        "*Tom Baker* — Council Leader",
        "• _said_ (reported) the talks focused on ferry guarantees",
        "• _hailed_ (partial quote) the talks as “a major step forward”",
    ]
    assert [block["type"] for block in message["blocks"]] == ["header", "section", "divider", "section"]
    assert message["text"] == "Ferry talks: 3 statements from 2 speakers"


def test_default_title_and_article_link():
    message = statements_blocks(example_extraction(url="https://example.com/news?a=1&b=2"))

    assert texts(message, "header") == ["Who said what"]
    assert message["blocks"][-1]["type"] == "context"
    assert context_texts(message) == ["<https://example.com/news?a=1&b=2|Read the article>"]


def test_unresolved_speaker_goes_by_mention_and_missing_speaker_is_unattributed():
    message = statements_blocks(
        extraction_of(
            statement_by(speaker_named(None, mention="a senior official"), "It went well", Kind.INDIRECT),
            statement_by(None, "No comment"),
        )
    )

    assert [text.splitlines()[0] for text in texts(message, "section")] == ["*a senior official*", "*Unattributed*"]


def test_article_text_is_escaped_for_slack():
    message = statements_blocks(extraction_of(statement_by(speaker_named("A & B <co>"), "x < y & z")))

    assert texts(message, "section") == ["*A &amp; B &lt;co&gt;*\n• _said_ “x &lt; y &amp; z”"]


def test_no_statements():
    message = statements_blocks(extraction_of(title="Quiet day"))

    assert texts(message, "section") == ["No attributed statements found."]
    assert message["text"] == "Quiet day: no attributed statements found."


def test_limit_cuts_with_a_count_of_the_rest():
    statements = [statement_by(speaker_named("Ann"), f"Point {number}") for number in range(5)]

    message = statements_blocks(extraction_of(*statements), limit=2)

    assert texts(message, "section") == ["*Ann*\n• _said_ “Point 0”\n• _said_ “Point 1”"]
    assert context_texts(message) == ["…and 3 more statements"]
    assert message["text"] == "Who said what: 5 statements from 1 speaker"


@pytest.mark.parametrize("speaker_count", [1, 7, 500])
def test_500_statements_stay_within_slack_limits_and_count_the_rest(speaker_count):
    statements = [
        statement_by(speaker_named(f"Speaker {number % speaker_count}", title="Minister"), f"Statement {number} " * 20)
        for number in range(500)
    ]

    message = statements_blocks(extraction_of(*statements, url="https://example.com/a"), limit=500)

    assert_within_slack_limits(message)
    shown = sum(text.count("\n• ") for text in texts(message, "section"))
    [more, link] = context_texts(message)
    assert more == f"…and {500 - shown} more statements"
    assert link == "<https://example.com/a|Read the article>"
    assert shown > 0


def test_4000_character_quotes_are_cut_inside_the_quote_marks():
    long_words = "word " * 800
    statements = [statement_by(speaker_named("Ann"), long_words, kind) for kind in Kind] * 3

    message = statements_blocks(extraction_of(*statements, title="T" * 400))

    assert_within_slack_limits(message)
    assert texts(message, "header") == ["T" * (MAX_HEADER_TEXT - 1) + "…"]
    first_line = texts(message, "section")[0].splitlines()[1]
    assert first_line.startswith("• _said_ “word word")
    assert first_line.endswith("…”")
    assert sum(text.count("\n• ") for text in texts(message, "section")) == len(statements)


def test_cutting_never_splits_an_escaped_character():
    statements = [statement_by(speaker_named("Ann"), "&" * 4000)]

    [section] = texts(statements_blocks(extraction_of(*statements)), "section")

    assert section.endswith("&amp;…”")
    assert len(section) <= MAX_SECTION_TEXT


def test_a_title_that_repeats_the_name_is_not_shown_twice():
    speaker = speaker_named(None, mention="the president", title="the president")

    message = statements_blocks(extraction_of(statement_by(speaker, "Yes")))

    assert texts(message, "section")[0].splitlines()[0] == "*the president*"


def test_the_heading_takes_a_title_from_any_statement_of_the_speaker():
    message = statements_blocks(
        extraction_of(
            statement_by(speaker_named("Ann Lee", mention="She"), "First"),
            statement_by(speaker_named("Ann Lee", title="Minister"), "Second"),
        )
    )

    assert texts(message, "section")[0].splitlines()[0] == "*Ann Lee* — Minister"


def test_article_message_has_summary_statements_and_key_figures():
    message = article_blocks(example_extraction(title="Aid talks"))
    sections = texts(message, "section")
    assert sections[0] == "*Summary*\n• Aid reached $175 million."
    assert sections[-1] == "*Key figures*\n• $175 million — Aid"
    assert any(section.startswith("*Lena Holt*") for section in sections)


def test_article_message_stays_within_limits_with_many_statements_and_figures():
    statements = tuple(statement_by(speaker_named(f"Speaker {i}"), "words " * 50) for i in range(500))
    figures = tuple(Figure(Span(0, 4, f"${i}"), FigureKind.MONEY, Span(0, 4, "s"), "x" * 200) for i in range(100))
    extraction = Extraction(statements=statements, entities=(), figures=figures, summary=("point",) * 3)
    message = article_blocks(extraction)
    assert len(message["blocks"]) <= MAX_BLOCKS
    assert all(len(b["text"]["text"]) <= MAX_SECTION_TEXT for b in message["blocks"] if b["type"] == "section")
    assert message["blocks"][-1]["text"]["text"].startswith("*Key figures*")


def test_a_url_cannot_break_out_of_its_link():
    message = statements_blocks(example_extraction(url="https://example.com/a|b>c<d"))
    assert context_texts(message)[-1] == "<https://example.com/a%7Cb%3Ec%3Cd|Read the article>"
