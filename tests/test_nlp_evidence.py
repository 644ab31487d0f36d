"""The measures of a pair of developments: each says what its name says, on pairs made to show it."""

import pytest

from nlp.development_features import features_of
from nlp.evidence import EVIDENCE, evidence, evidence_by_name
from tests.factories import development


@pytest.mark.parametrize(
    "a, b, measures",
    [
        ("Prices rose 3% in Halden", "Prices fell 3% in Halden", {"opposites": 1.0, "figures_agree": 1.0}),
        ("Valdoria bought 40 jets", "Valdoria purchased 40 aircraft", {"opposites": 0.0, "topic": 1.0}),
        # A headline wholly told in a longer lede: its extra words are detail.
        ("Valdoria bought 40 jets", "Valdoria purchased 40 jets, the largest order in the history of its air force",
         {"topic": 1.0}),
        ("Valdoria expelled two diplomats", "Marovia expelled two diplomats", {"doer_replaced": 1.0}),
        ("Valdoria expelled two Marovian diplomats", "Marovia expelled two Valdorian diplomats",
         {"roles_swapped": 1.0}),
        ("Valdoria imposed a 25% levy on Marovian steel", "Marovian steel will face a 25% levy at the Valdorian border",
         {"roles_swapped": 0.0, "doer_replaced": 0.0}),
        # An actor named by a demonym is still found where it stands.
        ("Marovia expelled two Tarsan diplomats", "Tarsa expelled two Marovian diplomats", {"doer_replaced": 1.0}),
        ("Harrow signed the treaty", "Harrow did not sign the treaty", {"negation_differs": 1.0}),
        ("Rates rose to 4.5%", "Rates rose to 4.75%", {"figures_contradict": 1.0, "figures_agree": 0.0}),
        ("Surgeons in Halden performed a hand transplant", "Surgeons in Halden performed a face transplant",
         {"word_replaced": 1.0}),
        # Told already by another measure (the figures), a changed word is not counted twice.
        ("Rates in Halden rose to 4.5% in May", "Rates in Halden rose to 4.75% in June", {"word_replaced": 0.0}),
        ("Harrow resigned on Tuesday in Halden", "Harrow stepped down on Tuesday at Halden", {"word_replaced": 0.0}),
        ("Valdoria bought 40 jets", "Valdoria purchased 40 aircraft", {"word_replaced": 0.0}),
        ("Brightwell will cut 1,400 jobs in Ostrand", "Brightwell will create 1,400 jobs in Ostrand",
         {"word_replaced": 1.0}),
        ("The council voted to close the port", "The council decided to close the port", {"word_replaced": 0.0}),
        ("Harrow refused to sign the treaty", "Harrow vetoed the treaty", {"word_replaced": 0.0}),
        # Someone of the person named, not the person.
        ("A court sentenced Harrow to six years", "A court sentenced Harrow's son to six years",
         {"word_replaced": 1.0}),
        ("Valdoria's troops captured the port", "Valdoria captured the port", {"word_replaced": 0.0}),
        # One side adds an event to the same words: a later development.
        ("Two aid workers were kidnapped in Marsa", "Two aid workers kidnapped in Marsa were freed",
         {"word_replaced": 1.0}),
        ("Prosecutors are investigating Harrow", "Prosecutors opened an investigation into Harrow",
         {"word_replaced": 0.0}),
        # An event swapped for another in the same words; an antonym swapped in ("exports" / "imports").
        ("Police arrested 23 people in Halden", "Police released 23 people arrested in Halden", {"word_replaced": 1.0}),
        ("Exports from Halden rose in October", "Imports into Halden rose in October", {"word_replaced": 1.0}),
        ("Harrow denounced the Halden declaration", "Harrow slammed the Halden declaration", {"word_replaced": 0.0}),
        # A "not" or "without" inside an event's words denies nothing.
        ("Harrow was found not guilty", "A court acquitted Harrow", {"negation_differs": 0.0}),
        ("Halden was left without power", "A blackout hit Halden", {"negation_differs": 0.0}),
        ("Harrow did not sign the treaty", "Harrow signed the treaty", {"negation_differs": 1.0}),
        # A denial with no event word after it still says something was denied.
        ("Valdoria denied that its jets had entered Marovia", "Valdoria rejected claims its warplanes violated "
         "Marovia's airspace", {"negation_differs": 0.0}),
        # One deal told by each side: who buys is where the sale goes.
        ("Valdoria agreed to buy Marovia's grain", "Marovia's grain is to be sold to Valdoria",
         {"told_from_other_side": 1.0, "events_contradict": 0.0}),
        # Won and lost are antonyms, but not when each side tells the match from its own winner or loser.
        ("Valdoria won the final, beating Marovia", "Marovia lost the final to Valdoria",
         {"told_from_other_side": 1.0, "opposites": 0.0}),
        ("Valdoria is to buy 24 jets from Marovia", "Marovia will supply 24 jets to Valdoria",
         {"told_from_other_side": 1.0, "doer_replaced": 0.0}),
        # The same move the other way round.
        ("Harrow moved from Valdoria to Marovia", "Harrow moved from Marovia to Valdoria", {"doer_replaced": 1.0}),
        ("Harrow moved from Valdoria to Marovia", "Harrow moved to Marovia from Valdoria", {"doer_replaced": 0.0}),
        ("Harrow threatened to close the port", "Harrow closed the port", {"events_contradict": 1.0}),
        ("Harrow threatened to close the port", "Harrow could shut the port, he warned", {"events_contradict": 0.0}),
        ("Tellis plans to buy Arcvalley", "Tellis completed its purchase of Arcvalley", {"events_contradict": 1.0}),
        ("Valdoria proposed purchasing 40 jets", "Valdoria offered to buy 40 jets", {"events_contradict": 0.0}),
        # Stages of one story are separate developments; a request is not what it asks for.
        ("Police arrested Harrow over the fraud", "A court convicted Harrow of the fraud", {"events_contradict": 1.0}),
        ("Harrow will run for mayor of Halden", "Harrow was elected mayor of Halden", {"events_contradict": 1.0}),
        ("Valdoria requested a loan from the Fund", "The Fund approved a loan to Valdoria", {"events_contradict": 1.0}),
        ("MPs called on Harrow to resign", "Harrow resigned", {"events_contradict": 1.0}),
        ("Lumatek applied to regulators for approval of its vaccine", "Regulators approved Lumatek's vaccine",
         {"events_contradict": 1.0}),
        ("Pilots voted to strike", "Pilots began a strike", {"events_contradict": 1.0}),
        ("Harrow was acquitted of all charges", "A court cleared Harrow", {"events_contradict": 0.0}),
        ("Tellis agreed to buy Arcvalley", "Tellis completed its purchase of Arcvalley", {"events_contradict": 1.0}),
        ("Valdoria proposed a ban on plastics", "Valdoria's ban on plastics came into force",
         {"events_contradict": 1.0}),
        ("A court convicted Lumatek", "Lumatek lodged an appeal", {"events_contradict": 1.0}),
        ("A jury found Harrow guilty of fraud", "Harrow was jailed for four years for fraud",
         {"events_contradict": 1.0}),
        ("Pirates freed the crew of the tanker", "Pirates seized the tanker", {"events_contradict": 1.0}),
        ("Harrow was jailed for nine years", "Harrow was arrested in a dawn raid", {"events_contradict": 1.0}),
        ("Harrow was jailed for nine years", "A court sentenced Harrow to nine years behind bars",
         {"events_contradict": 0.0}),
        ("An appeals court overturned Harrow's conviction", "Harrow walked free after 11 years behind bars",
         {"events_contradict": 0.0}),
        # A strike called and a strike called off share a kind of event, but do not agree on it.
        ("Unions called a strike for Monday", "Unions called off the strike for Monday", {"events_agree": 0.0}),
        ("Unions called off the strike", "The strike was cancelled", {"events_agree": 1.0}),
        # The offer is what was accepted, not an announcement of the ending.
        ("Nurses accepted the offer, ending the strike", "Nurses voted for the deal, ending the strike",
         {"events_contradict": 0.0}),
    ],
)
def test_evidence_measures_what_its_names_say(a, b, measures):
    actors_of = {name: [name] for name in ("Valdoria", "Marovia", "Harrow", "Tarsa")}
    figures = [figure for figure in ("3%", "40", "4.5%", "4.75%", "two") if figure in a or figure in b]

    def made(text):
        return development(text, [name for name in actors_of if name in text], [f for f in figures if f in text])

    found = evidence_by_name(features_of(made(a)), features_of(made(b)))
    assert {name: found[name] for name in measures} == measures
    assert list(evidence(features_of(made(a)), features_of(made(b)))) == [found[name] for name in EVIDENCE]
