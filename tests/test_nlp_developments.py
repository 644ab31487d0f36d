"""Developments and what key figures are about, on invented news the tests write themselves."""

import pytest

from nlp import extract

from tests.stories import FERRY_STORY


def test_news_sentences_and_claims_become_developments(model):
    developments = extract(model, FERRY_STORY).developments
    texts = [d.text for d in developments]
    assert texts[0].startswith("Portvale's council voted on Tuesday")
    assert "The closure would save about $2 million a year" in texts
    assert not any("quiet" in text or "Gulls" in text for text in texts)
    saving = next(d for d in developments if "$2 million" in d.text)
    assert saving.actors[0] == "Tom Baker"
    assert saving.figures == ("about $2 million",)
    assert FERRY_STORY[saving.sentence.start : saving.sentence.end] == saving.sentence.text


def test_a_direct_quote_without_figures_is_a_voice_not_a_development(model):
    text = '"It is a sad day, but the right decision," council leader Tom Baker said on Tuesday.'
    assert extract(model, text).developments == ()


@pytest.mark.parametrize(
    "sentence, figure, about",
    [
        ("Zelensky said Ukraine offered to buy about $90 billion worth of US weapons.", "about $90 billion",
         "US weapons Ukraine offered to buy"),
        ("The guarantees would be formalised on paper within the next week to 10 days.", "the next week to 10 days",
         "when the guarantees would be formalised"),
        ("Portvale will spend $4.5 million on 12 new ferries.", "12", "new ferries Portvale will spend on"),
        # The parser hangs "on Tuesday" on the reported clause; the label still says who said it, and what she
        # is ready to do.
        ("Mayor Ana Vell said on Tuesday she was ready to sign the harbour sale.", "Tuesday",
         "when Mayor Ana Vell said she was ready to sign"),
        ("Tarvania has rebuilt 40 schools since the earthquake nearly two years ago.", "nearly two years ago",
         "the earthquake"),  # not "when Tarvania has rebuilt"
        ("Valdorian farmers protested in March.", "March", "when Valdorian farmers protested"),  # keeps its capital
    ],
)
def test_what_a_figure_is_about(model, sentence, figure, about):
    assert {f.span.text: f.about for f in extract(model, sentence).figures}[figure] == about
