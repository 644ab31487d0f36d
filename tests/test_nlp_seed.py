"""The seed article (seeds/000_487afd3e3b9a1808.txt) against its hand-made answer key.

The key is copied here so a clone without ../shared still checks it: each row is a phrase that must lie
inside one extracted statement, credited to the right person, with the right kind and cue.
"""

import pytest

from nlp import EntityKind, Kind, extract

ZELENSKY, TRUMP, MACRON = "Volodymyr Zelensky", "Donald Trump", "Emmanuel Macron"
D, P, I = Kind.DIRECT, Kind.PARTIAL, Kind.INDIRECT

ANSWER_KEY = [
    (ZELENSKY, I, "says", "presented clear picture of battlelines to Trump"),
    (MACRON, I, "says", "summit focused on arranging security guarantees"),
    (ZELENSKY, I, "said", "willing to meet directly with his Russian counterpart"),
    (ZELENSKY, I, "said", "ready for what would be his first face-to-face with Vladimir Putin"),
    (ZELENSKY, D, "said", "we are ready for a bilateral meeting with Putin"),
    (ZELENSKY, I, "stressed", "present a clearer picture of the battlelines to Trump"),
    (ZELENSKY, D, "said", "This was the best of our meetings"),
    (ZELENSKY, D, "said", "I was able to show many things, even on the map"),
    (MACRON, I, "told", "the summit focused on arranging security guarantees in the event of a peace deal"),
    (TRUMP, P, "said", "would be provided by the various European Countries"),
    (TRUMP, I, "assured", "the United States would help guarantee Ukraine"),
    (TRUMP, D, "told", "there’s going to be a lot of help"),
    (TRUMP, I, "adding", "European countries would be involved"),
    (TRUMP, D, "told", "They are a first line of defence"),
    (ZELENSKY, P, "hailed", "a major step forward"),
    (ZELENSKY, P, "adding", "formalised on paper within the next week to 10 days"),
    (ZELENSKY, I, "saying", "offered to buy about $90 billion worth of US weapons"),
    (ZELENSKY, D, "added", "gives a clear signal that it will be among the countries"),
]
TITLES = {ZELENSKY: "Ukrainian President", TRUMP: "US President", MACRON: "French President"}


@pytest.fixture(scope="module")
def seed(model, seed_text):
    return extract(model, seed_text)


@pytest.mark.parametrize("speaker, kind, cue, phrase", ANSWER_KEY, ids=[row[3][:30] for row in ANSWER_KEY])
def test_every_statement_of_the_answer_key(seed, speaker, kind, cue, phrase):
    holding = [s for s in seed.statements if any(phrase in span.text for span in s.content)]
    assert holding, f"no statement holds {phrase!r}"
    statement = holding[0]
    assert statement.speaker.name == speaker
    assert statement.kind is kind
    assert statement.cue is not None and statement.cue.text == cue


def test_he_assured_is_trump(seed):
    statement = next(s for s in seed.statements if s.cue and s.cue.text == "assured")
    assert statement.speaker.mention.text == "He"
    assert statement.speaker.name == TRUMP


def test_nothing_is_credited_to_people_only_mentioned(seed):
    speakers = {s.speaker.name for s in seed.statements}
    assert speakers == {ZELENSKY, TRUMP, MACRON}


def test_people_named_with_their_titles(seed):
    people = {p.name: p for p in seed.entities_of(EntityKind.PERSON)}
    assert {ZELENSKY, TRUMP, MACRON, "Vladimir Putin", "JD Vance"} <= set(people)
    for name, title in TITLES.items():
        assert people[name].title == title
    assert {s.speaker.title for s in seed.statements if s.speaker.name == MACRON} == {TITLES[MACRON]}


def test_key_figures(seed):
    figures = {f.span.text for f in seed.figures}
    assert {"about $90 billion", "the next week to 10 days"} <= figures
    assert any("three and a half years" in f for f in figures)
    money = next(f for f in seed.figures if f.span.text == "about $90 billion")
    assert "offered to buy" in money.sentence.text
