"""Finding the events a short development reports, and whether it says they did not happen."""

import pytest

from nlp.event_words import SEPARABLE_COMPLEMENTS, find_events, root, words_of


def denials_in(text: str) -> list[tuple[str, frozenset[str], bool, str]]:
    words = words_of(text)
    events, _ = find_events(words)
    return [(words[event.position].text, event.kinds, event.negated, event.denial) for event in events]


def events_in(text: str) -> list[tuple[str, frozenset[str], bool]]:
    return [(word, kinds, negated) for word, kinds, negated, _ in denials_in(text)]


@pytest.mark.parametrize(
    "text, word",
    [
        ("The ethics committee met on Monday", "committee"),  # not "commit", a promise
        ("Police questioned three contractors", "contractors"),  # not "contract", a fall
        ("Authorities closed the port", "Authorities"),  # not "authorise", an approval
    ],
)
def test_a_word_is_an_event_word_only_as_itself_not_by_its_first_letters(text, word):
    assert word not in [found for found, _, _ in events_in(text)]


def test_inflected_event_words_are_found():
    assert [(word, sorted(kinds)) for word, kinds, _ in events_in("Halden purchased jets and halted deliveries")] == [
        ("purchased", ["buy"]),
        ("halted", ["end"]),
        ("deliveries", ["deliver"]),
    ]
    assert [word for word, _, _ in events_in("Orbita sued Lumen, and Lumen is suing Vell")] == ["sued", "suing"]


@pytest.mark.parametrize(
    "headline, kind",
    [
        ("Ashgrove's first novel scoops fiction award", "elect"),  # won
        ("Tarsen shutters Mollby factory", "close"),
        ("Some 320,000 Corvane cars called back over airbag defect", "recall"),
        ("Police quizzed the mayor for six hours", "investigate"),
        ("Ex-police chief Volk found not guilty", "acquit"),
        ("Kasko takes home this year's fiction award", "elect"),
        ("Vandersee shown the door after winless run", "dismiss"),
        ("Selka-1 lifts off", "launch"),
        ("Gang leader Castellane extradited to Pellaria", "deliver"),  # handed over
        ("Vantoria is to end its prohibition on beef imports", "unban"),
        ("Farmers barricaded roads into Marrowfield", "protest"),
        ("Concord Party falls short of majority", "lose"),
        ("Top judges void police powers to search phones", "overturn"),
        ("Elvanti smashes 200m global best", "record"),
        ("Premier beats back a motion of no confidence", "survive"),
        ("Soldiers pulled out of the valley", "leave"),  # as troops withdrawn from it have left it
        ("Veloria withdrew its troops from the valley", "leave"),
        ("Operators took the power station offline", "close"),
        ("Krensky resigned hours after his coalition fell apart", "end"),
        ("A fault took down thousands of sites", "outage"),
        ("The novel was named winner of the prize", "elect"),
        ("Leaders put pen to paper on a border agreement", "sign"),
        ("Castrel slapped travel bans on officials", "impose"),
        ("Lawmakers voted to legalise same-sex marriage", "pass"),
        ("Brevania and Quessia agreed to re-establish relations", "restore"),
        ("A prisoner absconded from Dunmarsh prison", "escape"),
        ("Istrovia test-fires a new missile", "launch"),
        ("The rocket blew up after lift-off", "crash"),
        ("The mark slumped to a record low", "record"),
        ("Danko admits loss as Celik wins", "lose"),
        ("Rinde takes 10,000m gold for Tesmark", "elect"),
        ("Sund was disqualified after a failed test", "ban"),
        ("Castell eased past Morvay into the semi-finals", "elect"),
        ("Brevco widens its recall to 130,000 cars", "raise"),
        ("The carmaker doubled the scope of its call-back", "recall"),
        ("The court cleared the way for the sale", "agree"),
        ("The jury cleared Halden of fraud", "acquit"),  # cleared, not cleared the way
        ("Officials bowed to the demand for a recount", "agree"),
        ("Two envoys were declared persona non grata", "expel"),
        ("Radosz threw his weight behind Voss", "support"),
    ],
)
def test_headline_verbs_report_their_events(headline, kind):
    assert any(kind in kinds for _, kinds, _ in events_in(headline))


def test_rejecting_claims_is_a_denial():
    assert [(word, negated, denial) for word, _, negated, denial in denials_in("Dask rejected claims he met Brim")] == [
        ("met", True, "deny")
    ]


def test_walking_away_from_a_deal_denies_it():
    assert [(word, negated) for word, _, negated in events_in("Greyport walks away from the merger")] == [
        ("merger", True)
    ]


def test_pulling_the_plug_denies_what_follows():
    found = events_in("Mireth pulls the plug on the merger")
    assert [(word, negated) for word, _, negated in found] == [("merger", True)]


@pytest.mark.parametrize(
    "text, event, negated",
    [
        ("Astley failed to sign the contract", "sign", True),
        ("They left without signing the deal", "signing", True),
        ("Even without their striker, Valmont won the final", "won", False),
        ("Harrow did not sign the treaty", "sign", True),
        ("The parliament voted against lowering the voting age", "lowering", True),
        ("Lumen's patent case against Orbita has been settled", "settled", False),
        ("Trevane cancels 200 flights as pilots walk out", "walk", False),  # another clause
        ("Workers walked out in a dispute over pay", "pay", False),  # a dispute denies nothing
        ("Kessia denied that its jets had entered Tarsan airspace", "entered", True),
    ],
)
def test_what_a_denial_reaches(text, event, negated):
    found = {word: was_negated for word, _, was_negated in events_in(text)}
    assert found[event] is negated


@pytest.mark.parametrize(
    "text, events",
    [
        ("Pilots cancelled a planned strike", [("strike", True)]),
        ("Unions call off planned 48-hour strike", [("strike", True)]),
        ("Zembia's president pardoned jailed journalist Ade Kouro", [("pardoned", False)]),
        ("Caspenia's jailed leader was freed", [("freed", False)]),
        ("Police arrested protesters in Halden", [("arrested", False)]),
        ("Crews fought a blaze that started near Glenvale", [("started", False)]),
        ("The strike was called off", [("strike", True)]),
        ("Officials reviewed the rejected bid", [("bid", False)]),  # nothing is denied
    ],
)
def test_a_participle_describing_a_noun_reports_no_event(text, events):
    assert [(word, negated) for word, _, negated in events_in(text)] == events


def test_a_passive_denial_reaches_its_subject_across_the_words_naming_it():
    found = events_in("The proposed tie-up between Osric Broadcasting and Lantern Media has been abandoned")
    assert [(word, negated) for word, _, negated in found] == [("tie-up", True)]


def test_a_passive_denial_does_not_reach_into_another_clause():
    found = events_in("Orlavian chicken can be sold in Kestria again as bird flu curbs are scrapped")
    assert ("sold", False) in [(word, negated) for word, _, negated in found]


@pytest.mark.parametrize(
    "text",
    ["Feo failed a doping test", "Feo was stripped of her title after a failed drug test", "Feo tested positive"],
)
def test_failing_a_drugs_test_is_an_event_not_a_test_denied(text):
    assert [(kinds, negated) for _, kinds, negated in events_in(text)][-1] == (frozenset({"dope"}), False)


def test_against_with_no_event_after_it_is_only_a_preposition():
    assert [word for word, _, _ in events_in("Korsak won the final against Fitch")] == ["won"]
    assert [(word, kinds) for word, kinds, _ in events_in("The board rejected the idea")] == [
        ("rejected", frozenset({"refuse"}))
    ]


@pytest.mark.parametrize(
    "text, word, kind, negated",
    [
        ("Unions called the strike off", "strike", "strike", True),  # the object between is still read
        ("Judges ruled the emergency decree unconstitutional", "ruled", "overturn", False),
        ("Vestmark ordered three Orlandian diplomats out of the country", "ordered", "expel", False),
        ("Saldoria declared the cholera outbreak in Vemo over", "declared", "end", False),
        ("A jury found former mayor Harrow guilty of fraud", "found", "convict", False),
    ],
)
def test_a_phrase_may_have_its_object_between_verb_and_particle(text, word, kind, negated):
    assert (word, True, negated) in [(found, kind in kinds, was) for found, kinds, was in events_in(text)]


@pytest.mark.parametrize(
    "text",
    ["Storm Idris brings winds of up to 120km/h", "Officials declared an emergency over the floods"],
)
def test_a_particle_before_to_or_an_article_is_a_preposition(text):
    assert events_in(text) == []


def test_a_phrase_does_not_reach_over_a_denial():
    assert events_in("A jury found Halle not guilty") == []


def test_separable_complements_are_compared_as_their_roots():
    assert all(root(word) == word for word in SEPARABLE_COMPLEMENTS)


def test_a_power_station_is_no_deployment():
    assert events_in("The power station was shut") == [("shut", frozenset({"close"}), False)]
