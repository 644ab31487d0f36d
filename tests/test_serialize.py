import json
from dataclasses import replace

import pytest

from nlp.model import Extraction
from nlp.serialize import extraction_from_dict, extraction_to_dict, scorer_quotes
from tests.factories import ARTICLE, REPORTED, example_extraction


def test_extraction_to_dict_is_json_safe_and_complete():
    extraction = example_extraction(title="Summit", url="https://example.com/a", published="2025-08-18")

    result = json.loads(json.dumps(extraction_to_dict(extraction)))

    assert result["title"] == "Summit"
    assert result["url"] == "https://example.com/a"
    assert result["published"] == "2025-08-18"
    assert [statement["kind"] for statement in result["statements"]] == ["direct", "indirect", "partial"]
    first = result["statements"][0]
    assert [piece["text"] for piece in first["content"]] == [
        "I confirmed that we are ready,",
        "and Portvale supports us.",
    ]
    assert first["cue"]["text"] == "said"
    assert first["speaker"] == {
        "mention": {"start": ARTICLE.index("Holt"), "end": ARTICLE.index("Holt") + 4, "text": "Holt"},
        "name": "Lena Holt",
        "title": "Transport Secretary",
        "kind": "person",
    }
    assert first["sentence"]["text"].startswith("“I confirmed")
    assert [entity["kind"] for entity in result["entities"]] == ["person", "person", "place"]
    assert result["figures"][0]["kind"] == "money"
    assert result["figures"][0]["span"]["text"] == "$175 million"
    assert result["figures"][0]["about"] == "Aid"
    assert result["summary"] == ["Aid reached $175 million."]
    assert result["developments"][0]["figures"] == ["$175 million"]
    assert result["developments"][0]["sentence"]["text"] == "Aid reached $175 million."


def test_extraction_to_dict_keeps_missing_parts_as_null():
    result = extraction_to_dict(Extraction(statements=(), entities=(), figures=()))

    assert result == {
        "title": None, "url": None, "published": None, "statements": [], "entities": [], "figures": [],
        "summary": [], "developments": [],
    }


def test_every_span_matches_the_article_text():
    for quote in scorer_quotes(example_extraction(), ARTICLE):
        for span in (quote["speaker"], quote["content"], quote["cue"]):
            assert ARTICLE[span["start"] : span["end"]] == span["text"]


def test_scorer_quotes_joins_an_interrupted_quote_into_one_content_span():
    interrupted = scorer_quotes(example_extraction(), ARTICLE)[0]

    assert interrupted["content"]["text"] == "I confirmed that we are ready,” Holt said, “and Portvale supports us."
    assert interrupted["speaker"]["text"] == "Holt"
    assert interrupted["speaker_name"] == "Lena Holt"
    assert interrupted["cue"]["text"] == "said"


def test_scorer_quotes_marks_quoted_kinds_as_direct():
    assert [quote["direct"] for quote in scorer_quotes(example_extraction(), ARTICLE)] == [True, False, True]


def test_scorer_quotes_gives_null_speaker_and_cue_when_unknown():
    unattributed = replace(example_extraction(), statements=(replace(REPORTED, cue=None, speaker=None),))

    [quote] = scorer_quotes(unattributed, ARTICLE)

    assert quote["speaker"] is None
    assert quote["speaker_name"] is None
    assert quote["cue"] is None
    assert set(quote) == {"speaker", "speaker_name", "content", "cue", "direct"}


def test_extraction_from_dict_reads_back_what_extraction_to_dict_wrote():
    extraction = example_extraction(title="Summit", url="https://example.com/a", published="2025-08-18")

    assert extraction_from_dict(json.loads(json.dumps(extraction_to_dict(extraction)))) == extraction


def test_extraction_from_dict_of_an_empty_extraction():
    empty = Extraction(statements=(), entities=(), figures=())

    assert extraction_from_dict(extraction_to_dict(empty)) == empty


def broken(change):
    """The example extraction as a dict, with ``change`` applied to it."""
    data = json.loads(json.dumps(extraction_to_dict(example_extraction())))
    change(data)
    return data


def first_span(data):
    return data["statements"][0]["content"][0]


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d["statements"][0]["speaker"].update(name=12345),
         "the field 'name' of a speaker is not a string (12345)"),
        (lambda d: first_span(d).update(start="3"), "the field 'start' of a span is not a character offset"),
        (lambda d: first_span(d).update(end=True), "the field 'end' of a span is not a character offset"),
        (lambda d: d["statements"][1].update(kind="shouted"), "the field 'kind' of a statement is not one of direct"),
        (lambda d: d["statements"][1].update(cue=["said"]), "a span is not a JSON object"),
        (lambda d: d["statements"][1].pop("sentence"), "missing field 'sentence' in a statement"),
        (lambda d: d["entities"][0].update(title={"a": 1}), "the field 'title' of an entity is not a string"),
        (lambda d: d["figures"][0].update(about=7), "the field 'about' of a figure is not a string"),
        (lambda d: d["developments"][0].update(actors="Holt"), "the field 'actors' of a development is not a list"),
        (lambda d: d.update(summary=[None]), "the field 'summary' of the extraction is not a list of strings"),
        (lambda d: d.update(statements={}), "the field 'statements' of the extraction is not a list"),
        (lambda d: d.update(url=["https://example.com"]), "the field 'url' of the extraction is not a string"),
    ],
)
def test_extraction_from_dict_refuses_a_field_of_the_wrong_type_with_a_reason(change, reason):
    with pytest.raises(ValueError) as error:
        extraction_from_dict(broken(change))

    assert str(error.value).startswith(reason)


def test_extraction_from_dict_refuses_what_is_no_object():
    with pytest.raises(ValueError, match="the extraction is not a JSON object"):
        extraction_from_dict([1, 2])
