"""Every construction a reporter means by "who said what", on short texts written for these tests.

People and places here are invented. Each row says which words must be found, credited to whom, and how.
"""

import pytest

from nlp import EntityKind, Kind, extract
from nlp.extract import MAX_SENTENCE_TOKENS, prepare


def find(extraction, words):
    """The statement whose content contains `words`."""
    found = [s for s in extraction.statements if words in s.text]
    assert found, f"no statement contains {words!r}: {[s.text for s in extraction.statements]}"
    return found[0]


CONSTRUCTIONS = [
    pytest.param(
        "“We will rebuild the bridge before winter,” Mayor Ana Ruiz said on Tuesday.",
        "We will rebuild the bridge before winter", Kind.DIRECT, "Ana Ruiz", "said", id="direct",
    ),
    pytest.param(
        "“We will rebuild the bridge before winter,” said Ana Ruiz, the mayor of Portvale.",
        "We will rebuild the bridge before winter", Kind.DIRECT, "Ana Ruiz", "said", id="direct-inverted",
    ),
    pytest.param(
        "The harbour minister hailed the accord as “a turning point for the coast,” "
        "and left the hall.",
        "a turning point for the coast", Kind.PARTIAL, None, "hailed", id="partial-framing",
    ),
    pytest.param(
        "Council leader Tom Baker said the budget “will balance by March” despite the floods.",
        "will balance by March", Kind.PARTIAL, "Tom Baker", "said", id="partial-in-reported",
    ),
    pytest.param(
        "Council leader Tom Baker told reporters that the budget would balance by March.",
        "the budget would balance by March", Kind.INDIRECT, "Tom Baker", "told", id="indirect",
    ),
    pytest.param(
        "The budget will balance by March, council leader Tom Baker said.",
        "The budget will balance by March", Kind.INDIRECT, "Tom Baker", "said", id="indirect-cue-after",
    ),
    pytest.param(
        "The budget, Tom Baker said, will balance by March.",
        "will balance by March", Kind.INDIRECT, "Tom Baker", "said", id="indirect-parenthetical",
    ),
    pytest.param(
        "The ferry will stop running for six weeks, according to transport secretary Lena Holt.",
        "The ferry will stop running for six weeks", Kind.INDIRECT, "Lena Holt", "according to",
        id="according-to",
    ),
    pytest.param(
        "Lena Holt stressed that the ferry would return in spring.",
        "the ferry would return in spring", Kind.INDIRECT, "Lena Holt", "stressed", id="other-cue-verb",
    ),
    pytest.param(
        "Lena Holt: “The ferry will return in spring.”",
        "The ferry will return in spring", Kind.DIRECT, "Lena Holt", ":", id="speaker-colon",
    ),
    pytest.param(
        "Lena Holt said: “The ferry will return in spring.”",
        "The ferry will return in spring", Kind.DIRECT, "Lena Holt", "said", id="cue-colon",
    ),
    pytest.param(
        "“The ferry will return in spring.” — Lena Holt, transport secretary",
        "The ferry will return in spring", Kind.DIRECT, "Lena Holt", None, id="speaker-after-dash",
    ),
    pytest.param(
        "''The ferry will return in spring,'' Lena Holt said.",
        "The ferry will return in spring", Kind.DIRECT, "Lena Holt", "said", id="two-apostrophes",
    ),
    pytest.param(
        "'The ferry will return in spring,' Lena Holt said.",
        "The ferry will return in spring", Kind.DIRECT, "Lena Holt", "said", id="single-quotes",
    ),
    pytest.param(
        '"The ferry will return in spring," Lena Holt said.',
        "The ferry will return in spring", Kind.DIRECT, "Lena Holt", "said", id="straight-quotes",
    ),
]


@pytest.mark.parametrize("text, words, kind, speaker, cue", CONSTRUCTIONS)
def test_construction(model, text, words, kind, speaker, cue):
    statement = find(extract(model, text), words)
    assert statement.kind is kind
    if speaker is not None:
        assert statement.speaker.name == speaker
    assert (statement.cue.text if statement.cue else None) == cue
    assert text[statement.sentence.start : statement.sentence.end] == statement.sentence.text
    for span in statement.content:
        assert text[span.start : span.end] == span.text


def test_interrupted_quote_is_one_statement_with_two_spans(model):
    text = "“We are ready,” Holt said, “and we will not wait for the council.”"
    statement = find(extract(model, text), "We are ready")
    assert [span.text for span in statement.content] == ["We are ready", "and we will not wait for the council."]
    assert statement.speaker.name == "Holt"


def test_multi_paragraph_quote_is_one_statement(model):
    text = (
        "Ana Ruiz, the mayor, spoke at length.\n\n"
        "“The bridge is our lifeline. Without it the east side is cut off.\n\n"
        "“We will have it open before the first snow,” she said."
    )
    statement = find(extract(model, text), "The bridge is our lifeline")
    assert len(statement.content) == 2
    assert "first snow" in statement.content[1].text
    assert statement.speaker.name == "Ana Ruiz"
    assert statement.speaker.mention.text == "she"


def test_quote_continues_previous_speaker(model):
    text = "Tom Baker said the budget was final. “There will be no more cuts this year.”"
    statement = find(extract(model, text), "There will be no more cuts")
    assert statement.kind is Kind.DIRECT
    assert statement.speaker.name == "Tom Baker"


def test_pronoun_resolves_to_nearest_fitting_person(model):
    text = (
        "Tom Baker met Ana Ruiz at the town hall on Monday. "
        "She said the repairs would cost less than planned."
    )
    statement = find(extract(model, text), "the repairs would cost less")
    assert statement.speaker.mention.text == "She"
    assert statement.speaker.name == "Ana Ruiz"


def test_title_and_apposition(model):
    text = "Hugh Hill, a doctor, said the clinic was full. Dr Hill added that more beds were coming."
    extraction = extract(model, text)
    first, second = find(extraction, "the clinic was full"), find(extraction, "more beds were coming")
    assert first.speaker.name == "Hugh Hill" and first.speaker.title == "a doctor"
    assert second.speaker.name == "Hugh Hill"


def test_surname_and_full_name_are_one_person(model):
    text = (
        "Transport Secretary Lena Holt said the ferry would return. "
        "Holt added that tickets would be cheaper."
    )
    extraction = extract(model, text)
    assert {s.speaker.name for s in extraction.statements} == {"Lena Holt"}
    people = extraction.entities_of(EntityKind.PERSON)
    assert [p.name for p in people] == ["Lena Holt"]
    assert people[0].title == "Transport Secretary"


def test_organisation_as_speaker(model):
    statement = find(extract(model, "The Kremlin said the talks had been useful."), "the talks had been useful")
    assert statement.speaker.kind is EntityKind.ORGANISATION
    assert statement.speaker.name == "Kremlin"


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("The so-called “peace dividend” never arrived in Portvale.", id="scare-quotes"),
        pytest.param("Holt wrote a book titled “The Long Road Home” in 2010.", id="title-of-work"),
        pytest.param("Polls show the race is tight, and Holt believes she will win.", id="beliefs-and-polls"),
        pytest.param("Holt met Baker in Portvale on Monday.", id="mentioned-not-quoted"),
    ],
)
def test_not_statements(model, text):
    assert extract(model, text).statements == ()


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("", id="empty"),
        pytest.param("😀🔥🇺🇦" * 40, id="only-emoji"),
        pytest.param("word " * 400, id="no-sentences"),
        pytest.param("“He said “yes and ”no” ” \" ' ‘ ’ “ “ “", id="unbalanced-quotes"),
        pytest.param("\"" * 300 + "'" * 300, id="only-quote-marks"),
        pytest.param("a\x00b “c” said he\n\n\n", id="control-characters"),
        pytest.param("He said \ud800 “we are ready,” she said.", id="lone-surrogate"),
        pytest.param("=" * 20_000 + " “We are ready,” Holt said.", id="punctuation-run"),
        pytest.param("said " * 3000, id="one-endless-sentence"),
    ],
)
def test_odd_input_gives_a_valid_result(model, text):
    extraction = extract(model, text)
    for statement in extraction.statements:
        assert 0 <= statement.start <= statement.end <= len(text)


def test_markup_is_blanked_and_offsets_kept(model):
    text = "<html><script>var q = \"x\";</script><p>“We are ready,” <b>Holt</b> said.</p></html>"
    extraction = extract(model, text)
    statement = find(extraction, "We are ready")
    assert text[statement.content[0].start : statement.content[0].end] == "We are ready"
    assert statement.speaker.name == "Holt"
    assert all("var q" not in s.text for s in extraction.statements)


def test_long_text_is_read_to_the_end(model):
    quote = "“The ferry will return in spring,” Lena Holt said.\n\n"
    filler = "Boats. " * 29_000
    text = quote + filler + quote  # over 200,000 characters
    extraction = extract(model, text)
    assert len(text) > 200_000
    assert [s.start for s in extraction.statements] == [1, len(quote) + len(filler) + 1]


def test_relative_pronoun_is_the_mention_and_resolves_to_its_noun(model):
    text = "The plan was backed by council leader Tom Baker, who said the harbour would reopen in May."
    statement = find(extract(model, text), "the harbour would reopen in May")
    assert statement.speaker.mention.text == "who"
    assert statement.speaker.name == "Tom Baker"


def test_they_resolves_to_the_organisation_that_spoke(model):
    text = "The Kremlin said the talks had been useful. They added that a second round would follow in May."
    statement = find(extract(model, text), "a second round would follow")
    assert statement.speaker.mention.text == "They"
    assert statement.speaker.name == "Kremlin"


def test_people_organisations_and_places_are_listed(model):
    text = "Lena Holt of the Portvale Harbour Authority said ferries to Norway would resume."
    extraction = extract(model, text)
    assert [e.name for e in extraction.entities_of(EntityKind.PERSON)] == ["Lena Holt"]
    assert "Portvale Harbour Authority" in [e.name for e in extraction.entities_of(EntityKind.ORGANISATION)]
    assert "Norway" in [e.name for e in extraction.entities_of(EntityKind.PLACE)]


def test_noise_is_blanked_without_moving_offsets():
    text = "A\x00B <b>bold</b> " + "=" * 40 + " \ud800 end"
    prepared = prepare(text)
    assert len(prepared) == len(text)
    assert "\x00" not in prepared and "<b>" not in prepared and "=" * 16 not in prepared
    assert prepared.endswith("\ufffd end") and "bold" in prepared


def test_no_sentence_runs_past_the_token_limit(model):
    doc = model(prepare("said " * 1000))
    assert max(len(sentence) for sentence in doc.sents) <= MAX_SENTENCE_TOKENS
