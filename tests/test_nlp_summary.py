"""The three-point summary, on invented news the tests write themselves."""

from nlp import extract
from nlp.news import MAX_POINT_CHARS
from tests.stories import FERRY_STORY


def test_opening_key_points_are_the_summary(model):
    text = (
        "- Portvale votes to close its ferry terminal.\n"
        "- Workers are offered jobs in Eastwick.\n"
        "- Union vows to fight the plan in court.\n"
        "Portvale's council voted on Tuesday to close the old ferry terminal."
    )
    assert extract(model, text).summary == (
        "Portvale votes to close its ferry terminal.",
        "Workers are offered jobs in Eastwick.",
        "Union vows to fight the plan in court.",
    )


def test_news_first_and_scene_setting_left_out(model):
    summary = extract(model, FERRY_STORY).summary
    assert len(summary) == 3
    assert summary[0].startswith("Portvale's council voted on Tuesday")
    assert all("quiet" not in point and "Gulls" not in point for point in summary)
    assert any("$2 million" in point for point in summary)


def test_points_are_the_articles_words(model):
    text = FERRY_STORY + "\n\nBut the council also said the new terminal would open in 2027, a year later than planned."
    for point in extract(model, text).summary:
        body = point.removesuffix(" …")
        assert body in " ".join(text.split()) or body[0].lower() + body[1:] in " ".join(text.split())


def test_no_two_points_say_the_same(model):
    text = (
        "Portvale's council voted on Tuesday to close the old ferry terminal.\n\n"
        "On Tuesday Portvale's council voted to close the old ferry terminal, officials confirmed.\n\n"
        "Union official Mara Quist said her members would fight the plan in court."
    )
    summary = extract(model, text).summary
    assert sum("voted" in point for point in summary) == 1


def test_long_sentences_are_cut_at_a_clause(model):
    clause = "the council said it would review the timetable for the northern route"
    text = "Portvale's council voted on Tuesday to close the terminal, " + ", ".join([clause] * 6) + "."
    (point,) = extract(model, text).summary
    assert len(point) <= MAX_POINT_CHARS + 2 and point.endswith(" …")


def test_the_seed_summary_is_its_key_points(model, seed_text):
    assert extract(model, seed_text).summary == (
        "Trump pushes Ukraine to give up Crimea.",
        "Zelensky says presented clear picture of battlelines to Trump.",
        "Macron says summit focused on arranging security guarantees.",
    )
