"""Quotations found by their marks alone, on the spellings newsrooms actually use."""

import pytest

from nlp.quotemarks import find_quotations


def quoted(text):
    return [text[q.start : q.end] for q in find_quotations(text)]


@pytest.mark.parametrize(
    "text, expected",
    [
        pytest.param("“We are ready,” she said.", ["We are ready"], id="curly"),
        pytest.param('"We are ready," she said, "and waiting."', ["We are ready", "and waiting."], id="straight"),
        pytest.param("``We are ready,'' she said.", ["We are ready"], id="backticks"),
        pytest.param("''We are ready,'' she said, ''and waiting.''", ["We are ready", "and waiting."], id="two-apostrophes"),
        pytest.param("‘We are ready,’ she said.", ["We are ready"], id="curly-single"),
        pytest.param("'We won't wait,' she said.", ["We won't wait"], id="single-with-apostrophe"),
        pytest.param("The leaders’ summit and Kyiv’s view.", [], id="apostrophes-only"),
        pytest.param("“It is ‘over’ now,” she said.", ["It is ‘over’ now"], id="nested-single"),
        pytest.param("“Never closed and still going", ["Never closed and still going"], id="unclosed"),
    ],
)
def test_quotations(text, expected):
    assert quoted(text) == expected


def test_a_quotation_carried_over_a_paragraph_break_continues():
    text = "“First part of it.\n\n“Second part,” she said."
    first, second = find_quotations(text)
    assert first.continues and not second.continues
    assert text[second.start : second.end] == "Second part"


def test_marks_are_outside_the_quotation_offsets():
    text = "He said “yes,” twice."
    (q,) = find_quotations(text)
    assert text[q.opened_at] == "“" and text[q.closed_at - 1] == "”"
