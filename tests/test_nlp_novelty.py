"""Telling a repeated development from a new one: the labelled pairs, the issue's examples, figures, grouping."""

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from nlp.embeddings import embed
from nlp.figure_values import FigureValue, figure_values
from nlp.novelty import (
    SamenessModel, cluster_developments, group_developments, is_update, news_groups, same_event, sameness,
)
from tests.factories import development

PAIRS = Path(__file__).parent / "fixtures" / "development_pairs.jsonl"
PROJECT = Path(__file__).parent.parent
BLIND = frozenset({"blind2", "blind3", "blind4", "blind5"})
# A floor against regressions, just below what the shipped model measures on the pairs it was fitted to
# (every part but the blind ones): precision 0.810, recall 0.819, lower since train9 joined them (its 200 pairs
# are harder than the rest: 0.812 / 0.690 unseen). Cross-validated, the fit measures about the same, so the model
# does not merely remember the pairs. The target of 0.9 for both is not met; the blind parts, never
# used to choose a change, are measured by benchmarks/developments.py, not here.
MIN_PRECISION = 0.80
MIN_RECALL = 0.81


def labelled_records():
    with open(PAIRS, encoding="utf-8") as lines:
        return [json.loads(line) for line in lines if line.strip()]


def labelled_pairs(chosen=lambda half: half not in BLIND):
    return [
        (development(**r["a"]), development(**r["b"]), r["repeat"]) for r in labelled_records() if chosen(r["half"])
    ]


def test_labelled_pairs_reach_precision_and_recall():
    pairs = labelled_pairs()
    called = [same_event(a, b) for a, b, _ in pairs]
    true_positive = sum(c and repeat for c, (_, _, repeat) in zip(called, pairs))
    precision = true_positive / sum(called)
    recall = true_positive / sum(repeat for _, _, repeat in pairs)
    assert precision >= MIN_PRECISION and recall >= MIN_RECALL, (precision, recall)


def test_labelled_set_is_large_and_balanced_with_a_blind_part():
    records = labelled_records()
    for part in {r["half"] for r in records}:
        repeats = [r["repeat"] for r in records if r["half"] == part]
        assert sum(repeats) * 2 == len(repeats), part
    assert all(len([r for r in records if r["half"] == part]) >= 60 for part in BLIND)


def test_the_shipped_model_is_what_fitting_the_labelled_pairs_gives():
    fitted = subprocess.run(
        [sys.executable, str(PROJECT / "benchmarks" / "fit_sameness.py"), "--check"], capture_output=True, text=True
    )
    assert fitted.returncode == 0, fitted.stdout + fitted.stderr


def test_a_model_fitted_to_other_evidence_is_refused():
    with pytest.raises(ValueError, match="fit_sameness"):
        SamenessModel.from_json({"inputs": ["topic"], "weights": [1.0], "bias": 0.0})


def test_the_same_sentence_twice_is_one_event_whatever_it_says():
    text = "The weather was mild in Halden on Tuesday"
    assert sameness(development(text), development(f" {text.upper()} ")) == 1.0


UKRAINE_OFFER = development(
    "Ukraine offered to buy about $90bn of US weapons", ["Ukraine", "United States"], ["about $90bn"]
)


def test_a_paraphrase_from_another_outlet_is_the_same_event():
    other = development(
        "Kyiv proposed purchasing some $90 billion worth of American arms", ["Kyiv"], ["some $90 billion"]
    )
    assert same_event(UKRAINE_OFFER, other)


def test_a_different_event_with_the_same_words_is_not():
    offered = development("Ukraine offered to buy $90bn of weapons", ["Ukraine"], ["$90bn"])
    received = development("Ukraine received $90bn of weapons", ["Ukraine"], ["$90bn"])
    assert not same_event(offered, received)
    assert sameness(offered, received) < sameness(offered, UKRAINE_OFFER)


@pytest.mark.parametrize(
    "texts, value",
    [
        (["$90bn", "$90 billion", "about $90 billion", "90 billion dollars", "some $90bn"], FigureValue("money:usd", 9e10)),
        (["€2.3bn", "2.3 billion euros"], FigureValue("money:eur", 2.3e9)),
        (["ten", "10", "10.0"], FigureValue("count", 10.0)),
        (["three hundred", "300", "at least 300"], FigureValue("count", 300.0)),
        (["4.5%", "4.5 per cent", "4.5 percent"], FigureValue("percent", 4.5)),
        (["two weeks", "14 days"], FigureValue("hours", 336.0)),
        (["half an hour", "a half-hour", "30 minutes"], FigureValue("hours", 0.5)),
        (["four and a half thousand", "4,500"], FigureValue("count", 4500.0)),
        (["three hundred and fifty", "some three hundred and fifty", "350"], FigureValue("count", 350.0)),
        (["three thousand two hundred", "3,200"], FigureValue("count", 3200.0)),  # not 3,002 × 100
        (["two hundred and fifty thousand", "250,000"], FigureValue("count", 250000.0)),
        (["a million and a half", "1.5 million"], FigureValue("count", 1.5e6)),  # not a million and 1.5
        (["two million three hundred thousand", "2.3 million"], FigureValue("count", 2.3e6)),
        (["$2 billion and a 10% stake", "$2bn"], FigureValue("money:usd", 2e9)),  # "and a" ends the number
        (["half a billion euros", "€500m", "0.5bn euros"], FigureValue("money:eur", 5e8)),
        (
            ["50 basis points", "half a point", "half a percentage point", "0.5 percentage points"],
            FigureValue("points", 0.5),
        ),
        (["over three-quarters", "77%"], FigureValue("percent", 77.0)),
        (["a third", "33.3 per cent"], FigureValue("percent", 33.3)),
        (["below 5 percent", "4.8%"], FigureValue("percent", 4.8)),
        (["12 October", "October 12"], FigureValue("date:day", "october 12")),
        (["twelfth member", "the 12th member", "its 12th"], FigureValue("rank", 12.0)),
        (["the first quarter", "Q1", "1st quarter"], FigureValue("date:quarter", "q1")),
    ],
)
def test_figures_written_differently_have_one_value(texts, value):
    for text in texts:
        assert [found.agrees_with(value) for found in figure_values(text)] == [True], text


@pytest.mark.parametrize(
    "a, b, agree",
    [
        ("more than a thousand", "1,200", True),  # a hedged figure is a round one
        ("about $90 billion", "$100 billion", True),
        ("$90bn", "$100bn", False),  # two exact figures must match
        ("about $2 million", "$3 million", False),
        ("six-month", "186 days", True),  # months have no fixed length
        ("a decade", "ten years", True),
        ("an estimated $2bn", "two billion dollars", True),  # "an" is no "one" before digits
        ("at 4.5%", "4.75%", False),  # "at" is no hedge
        ("up to 300", "350", False),
        ("1,400", "1,410", True),  # rounding
        ("66", "67", False),  # but small whole numbers are written as they are
    ],
)
def test_hedged_and_rounded_figures(a, b, agree):
    assert any(x.agrees_with(y) for x in figure_values(a) for y in figure_values(b)) is agree


def test_different_amounts_and_vague_figures():
    (rate,) = figure_values("4.5%")
    (higher,) = figure_values("4.75%")
    assert not rate.agrees_with(higher)
    assert figure_values("thousands") == []
    assert figure_values("a deal") == []
    assert [v.value for v in figure_values("212-96")] == ["212-96", 212.0, 96.0]  # a tally, and its counts
    assert figure_values("by 88 votes to 81")[0] == figure_values("88-81")[0]
    (won,), (lost,), (other,) = figure_values("2-1"), figure_values("1-2"), figure_values("3-1")
    assert won.agrees_with(lost) and not won.agrees_with(other)  # goals are no counts: "2-1" / "3-1" share no 1
    assert figure_values("fifth straight year") == [FigureValue("rank", 5.0)]  # no five years
    (first,), (second,) = figure_values("first quarter"), figure_values("second quarter")
    assert not first.agrees_with(second)


THREE_OUTLETS = [
    development("Valdoria offered to buy $4bn of fighter jets from Osterland", ["Valdoria", "Osterland"], ["$4bn"]),
    development("Brightwell Energy will cut 1,200 jobs", ["Brightwell Energy"], ["1,200"]),
    development(
        "Valdoria proposed purchasing some $4 billion worth of Osterlandic fighter aircraft",
        ["Valdoria", "Osterland"],
        ["some $4 billion"],
    ),
    development(
        "The Valdorian government offered to buy four billion dollars of jets from Osterland",
        ["Valdoria", "Osterland"],
        ["four billion dollars"],
    ),
    development("Valdoria received $4bn of fighter jets from Osterland", ["Valdoria", "Osterland"], ["$4bn"]),
]


def test_three_outlets_reporting_one_event_make_one_group():
    assert cluster_developments(THREE_OUTLETS) == [[0, 2, 3], [1], [4]]


def test_a_statement_close_to_one_member_of_a_group_but_not_the_rest_starts_its_own():
    swap = development(
        "Veldoria and Karskia agreed to swap 40 detainees held since the 2021 border clashes",
        ["Veldoria", "Karskia"],
        ["40", "2021"],
    )
    retold = development(
        "A prisoner swap covering 40 people was agreed on Tuesday, "
        "according to a joint statement from both delegations",
        figures=["40", "Tuesday"],
    )
    monitors = development(
        "A joint ceasefire-monitoring body will be set up under a declaration both leaders signed on Tuesday",
        figures=["Tuesday"],
    )
    assert same_event(swap, retold) and same_event(retold, monitors) and not same_event(swap, monitors)
    assert cluster_developments([swap, retold, monitors]) == [[0, 1], [2]]


def test_new_developments_are_matched_to_the_known_one_they_repeat():
    known = [THREE_OUTLETS[1], THREE_OUTLETS[0]]
    verdicts = group_developments([THREE_OUTLETS[3], THREE_OUTLETS[4]], known)
    assert [(v.index, v.repeats) for v in verdicts] == [(0, 1), (1, None)]
    assert verdicts[1].sameness == 0.0


def test_grouping_finds_every_repeat_that_pairwise_comparison_finds():
    pairs = labelled_pairs()
    verdicts = group_developments([a for a, _, _ in pairs], [b for _, b, _ in pairs])
    for index, (a, b, _) in enumerate(pairs):
        if same_event(a, b):
            assert verdicts[index].repeats is not None, a.text


def test_empty_inputs():
    assert group_developments([], []) == []
    assert group_developments([], THREE_OUTLETS) == []
    assert [v.repeats for v in group_developments(THREE_OUTLETS[:1], [])] == [None]
    assert cluster_developments([]) == []
    assert cluster_developments([development("")]) == [[0]]


def test_embeddings_are_unit_vectors_and_empty_text_is_zero():
    vectors = embed(["Ukraine offered to buy weapons", ""])
    assert vectors.shape == (2, 256)
    assert np.isclose(np.linalg.norm(vectors[0]), 1.0)
    assert not vectors[1].any()


def _development(text, figures=()):
    return development(text, ("Portvale council",), figures)


def test_the_same_event_with_other_figures_is_an_update():
    planned = _development("The council will sign the harbour sale within the next 10 days", ["the next 10 days"])
    signed = _development("The council signed the harbour sale today", ["today"])
    retold = _development("The council will sign the harbour sale within the next 10 days, it said last week",
                          ["the next 10 days", "last week"])

    assert is_update(signed, planned)
    assert not is_update(retold, planned)
    savings = _development("The closure will save about $2 million a year", ["about $2 million"])
    assert not is_update(_development("The closure saves some $2m a year", ["some $2m"]), savings)
    assert is_update(_development("The closure will save $3 million a year", ["$3 million"]), savings)
    assert not is_update(_development("The council will sign the harbour sale"), planned)


def test_a_repeat_with_little_in_common_but_an_actor_is_still_a_candidate():
    headline = development("Quessia slaps sanctions on 14 Maroth officials", ["Quessia", "Maroth"], ["14"])
    lede = development(
        "Amberlo has imposed asset freezes and travel bans on fourteen senior Marothi officials over the crackdown "
        "on protesters, the foreign ministry said.",
        ["Quessia", "Maroth"],
        ["fourteen"],
    )
    unrelated = [development(f"Officials in Halden opened bridge number {n}", ["Halden"]) for n in range(60)]
    (verdict,) = group_developments([headline], unrelated + [lede])
    assert verdict.repeats == len(unrelated)



def test_news_groups_keep_the_events_that_are_news_told_by_their_first_new_report():
    jets_told, cuts, jets_retold, jets_again = THREE_OUTLETS[0], THREE_OUTLETS[1], THREE_OUTLETS[2], THREE_OUTLETS[3]
    assert news_groups([jets_retold, cuts, jets_again], []) == [[0, 2], [1]]
    assert news_groups([jets_retold, cuts, jets_again], [jets_told]) == [[1]]  # told already, in whatever words

    planned = _development("The council will sign the harbour sale within the next 10 days", ["the next 10 days"])
    signed = _development("The council signed the harbour sale today", ["today"])
    retold = _development("The council will sign the harbour sale within the next 10 days, it said last week",
                          ["the next 10 days", "last week"])
    assert news_groups([retold, signed], [planned]) == [[1]]  # the update is news, the retelling is not
