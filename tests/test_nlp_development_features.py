"""What a development is read as, once, before it is compared with others."""

from nlp.development_features import features_of
from tests.factories import development


def test_who_does_the_first_event_and_to_whom():
    features = features_of(development("Valdoria expelled two Marovian diplomats", ["Valdoria", "Marovia"]))
    assert (features.doers, features.parties) == ({0}, {1})
    passive = features_of(development("The minister was dismissed by Harrow in Halden", ["Harrow", "Halden"]))
    assert (passive.doers, passive.parties) == ({0}, set())  # a place is neither


def test_an_actor_is_found_inside_a_hyphenated_word_and_by_a_demonym_in_n():
    text = "Ex-Valdoria minister Harrow met Tarsan envoys"
    features = features_of(development(text, ["Valdoria", "Harrow", "Tarsa"]))
    assert (features.doers, features.parties) == ({0, 1}, {2})
    assert {"valdor", "tarsa"} <= features.mentioned


def test_a_move_from_one_actor_to_another():
    text = "Harrow defected from the Dawn Movement to the Civic Party"
    features = features_of(development(text, ["Harrow", "Dawn Movement", "Civic Party"]))
    assert (features.origins, features.destinations) == ({1}, {2})


def test_a_closing_attribution_tells_nothing_of_the_event():
    text = "Three patients died of brain swelling, the national agency said on Friday"
    features = features_of(development(text, figures=["Three", "Friday"]))
    assert [word.text for word, telling in zip(features.tokens, features.telling) if telling] == [
        "patients", "died", "brain", "swelling"
    ]
    assert "agenc" not in features.topic_stems


def test_who_told_it_reports_no_event_and_a_verb_in_ing_is_no_attribution():
    according = features_of(development("Prices rose 3% in May, according to officials", figures=["3%", "May"]))
    assert according.kinds == {"raise"}  # "according" signs no accord
    adding = features_of(development("Output rose in May, adding to signs of recovery", figures=["May"]))
    telling = {word.text for word, tells in zip(adding.tokens, adding.telling) if tells}
    assert {"adding", "signs", "recovery"} <= telling


def test_a_clause_about_the_doer_does_not_make_the_event_passive():
    features = features_of(development("Harrow, facing pressure, sacked Brenn", ["Harrow", "Brenn"]))
    assert (features.doers, features.parties) == ({0}, {1})
