"""Digests over three days of invented news (fictional people, places and outlets): what is new appears once,
what a previous digest reported never again, and an update to a known development is new."""

import json
from datetime import datetime, timezone

import pytest

from bot.digest import Digest, build_digest, record_digest
from handlers.digest_blocks import NOTHING_NEW, digest_message, shown_digest
from nlp.model import Kind
from tests.archive_factories import Happened, Said, article
from tests.slack_limits import assert_within_slack_limits

CHANNEL = "CDESK"
QUIST = ("Mara Quist", "union official")
VOTE = Happened("Portvale's council voted on Tuesday to close the old ferry terminal by June.",
                ("Portvale council",), (("June", "when the terminal is to close"),))
VOTE_RETOLD = Happened("Portvale councillors decided on Tuesday to shut the old ferry terminal by June.",
                       ("Portvale council",), (("June", "when the terminal is to close"),))
VOTE_AGAIN = Happened("The council voted to close the ferry terminal by June.", ("Portvale council",),
                      (("June", None),))
LAWSUIT = Happened("The ferry workers' union filed a lawsuit to stop the closure of the terminal.",
                   ("ferry workers' union",))
CLOSED = Happened("Portvale's council closed the old ferry terminal on Friday.", ("Portvale council",),
                  (("Friday", "when the terminal closed"),))
SAVINGS = Happened("The closure will save the council about $2 million a year.", ("Portvale council",),
                   (("about $2 million", "what the closure saves a year"),))
FIGHT = "We will fight this plan in every court in the land"


def at(day, hour):
    return datetime(2031, 3, day, hour, tzinfo=timezone.utc)


def day_one(archive):
    archive.store(article(Said(*QUIST[:1], FIGHT, QUIST[1]), happened=(VOTE,), outlet="portvale-courier.example",
                          url="https://portvale-courier.example/vote", ingested_at="2031-03-04T09:00:00+00:00"))
    archive.store(article(Said(*QUIST[:1], f"And {FIGHT.lower()}", QUIST[1]),
                          Said("Tom Baker", "the closure would save about $2 million a year", "Council leader",
                               kind=Kind.INDIRECT),
                          happened=(VOTE_RETOLD, SAVINGS), outlet="portvale-post.example",
                          url="https://portvale-post.example/ferry", ingested_at="2031-03-04T11:00:00+00:00"))


def day_two(archive):
    archive.store(article(Said(*QUIST[:1], FIGHT, QUIST[1]),
                          Said("Ilse Varga", "the new terminal in Eastwick would open in May", "harbour master",
                               kind=Kind.INDIRECT),
                          happened=(VOTE_AGAIN, LAWSUIT), outlet="eastwick-news.example",
                          url="https://eastwick-news.example/lawsuit", ingested_at="2031-03-05T10:00:00+00:00"))


def day_three(archive):
    archive.store(article(Said(*QUIST[:1], "This is a dark day for every harbour worker", QUIST[1]),
                          happened=(CLOSED, LAWSUIT), outlet="portvale-courier.example",
                          url="https://portvale-courier.example/closed", ingested_at="2031-03-06T10:00:00+00:00"))


def speakers(digest):
    return {speaker.name: [statement.words for statement in speaker.statements] for speaker in digest.speakers}


def test_three_days_report_each_development_and_statement_once(archive):
    day_one(archive)
    first = build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20))

    assert [item.text for item in first.developments][0] == VOTE.sentence.rstrip(".")
    (vote,) = [item for item in first.developments if "ferry terminal by June" in item.text]
    assert {source.outlet for source in vote.sources} == {"portvale-courier.example", "portvale-post.example"}
    assert speakers(first) == {"Mara Quist": [FIGHT], "Tom Baker": ["the closure would save about $2 million a year"]}
    (fight,) = first.speakers[0].statements
    assert len(fight.sources) == 2
    assert first.figures[0] == "about $2 million — what the closure saves a year"
    record_digest(archive, first)

    day_two(archive)
    second = build_digest(archive, CHANNEL, "2031-03-05", now=at(5, 20))

    assert [item.text for item in second.developments] == [LAWSUIT.sentence.rstrip(".")]
    assert speakers(second) == {"Ilse Varga": ["the new terminal in Eastwick would open in May"]}
    assert second.new_voices == ("Ilse Varga (harbour master)",)
    record_digest(archive, second)

    day_three(archive)
    third = build_digest(archive, CHANNEL, "2031-03-06", now=at(6, 20))

    # The vote became a closure: the same event moved on, so it is news; the lawsuit is not, again.
    assert [item.text for item in third.developments] == [CLOSED.sentence.rstrip(".")]
    assert speakers(third) == {"Mara Quist": ["This is a dark day for every harbour worker"]}
    assert third.new_voices == ()


def test_another_channel_is_told_everything_since_its_own_last_digest(archive):
    day_one(archive)
    record_digest(archive, build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20)))
    day_two(archive)

    elsewhere = build_digest(archive, "COTHER", "2031-03-05", now=at(5, 20), since=at(4, 0).timestamp())

    assert any("ferry terminal by June" in item.text for item in elsewhere.developments)
    assert "Mara Quist" in speakers(elsewhere)


def test_a_day_with_nothing_new_is_one_short_line(archive):
    day_one(archive)
    record_digest(archive, build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20)))

    quiet = build_digest(archive, CHANNEL, "2031-03-05", now=at(5, 20))
    message = digest_message(quiet)

    assert quiet.is_empty and quiet.articles == 0
    assert NOTHING_NEW in message["text"]
    assert len(message["blocks"]) == 1


def coverage_line(message):
    return message["blocks"][1]["elements"][0]["text"]


def test_the_message_says_how_many_articles_and_outlets_it_covers_and_since_when(archive):
    day_one(archive)

    digest = build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20), since=at(4, 0).timestamp())

    assert coverage_line(digest_message(digest)) == "2 articles from 2 outlets since 4 Mar 00:00 UTC"


@pytest.mark.parametrize(
    "since, line",
    [(at(4, 0).timestamp(), "1 article since 4 Mar 00:00 UTC"), (0.0, "1 article")],  # not "since 1 Jan 1970"
)
def test_without_outlets_the_message_does_not_count_zero_outlets(archive, since, line):
    archive.store(article(Said(*QUIST[:1], FIGHT, QUIST[1]), outlet=None, ingested_at="2031-03-04T09:00:00+00:00"))

    digest = build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20), since=since)

    assert coverage_line(digest_message(digest)) == line


def test_a_digest_survives_being_stored_between_building_and_posting(archive):
    day_one(archive)
    digest = build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20))

    assert Digest.from_json(digest.to_json()) == digest


def test_a_huge_digest_is_cut_within_slack_limits_with_a_pointer_to_who_said(archive):
    for number in range(60):
        archive.store(article(
            *(Said(f"Speaker{number} Person{k}", f"Statement {k} of speaker {number} about harbour number {k}",
                   "councillor") for k in range(4)),
            happened=(Happened(f"Harbour number {number} in Valdoria reopened after a {number}-week closure.",
                               (f"Valdoria port {number}",), ((f"{number}-week", "how long it was closed"),)),),
            outlet=f"outlet-{number}.example", url=f"https://outlet-{number}.example/{number}",
            ingested_at="2031-03-04T09:00:00+00:00", extra=str(number)))

    message = digest_message(build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20)))

    assert_within_slack_limits(message)
    cut = [block["elements"][0]["text"] for block in message["blocks"] if block["type"] == "context"][-1]
    assert cut.startswith("…and ") and "/summit who-said" in cut


def test_an_update_reported_after_a_repeat_of_the_same_event_is_still_news(archive):
    day_one(archive)
    record_digest(archive, build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20)))
    archive.store(article(Said("Tom Baker", "the vote stands", "Council leader", kind=Kind.INDIRECT),
                          happened=(VOTE_AGAIN,), outlet="eastwick-news.example",
                          ingested_at="2031-03-05T09:00:00+00:00"))
    archive.store(article(Said("Tom Baker", "the terminal is closed", "Council leader", kind=Kind.INDIRECT),
                          happened=(CLOSED,), outlet="portvale-courier.example",
                          ingested_at="2031-03-05T10:00:00+00:00"))

    second = build_digest(archive, CHANNEL, "2031-03-05", now=at(5, 20))

    assert [item.text for item in second.developments] == [CLOSED.sentence.rstrip(".")]


def test_a_source_named_only_by_a_description_is_not_repeated(archive):
    unnamed = Said(None, "The ministry has no comment on the closure at this stage", mention="A ministry spokesman")
    archive.store(article(unnamed, ingested_at="2031-03-04T09:00:00+00:00"))
    record_digest(archive, build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20)))
    archive.store(article(unnamed, ingested_at="2031-03-05T09:00:00+00:00", extra="again"))

    assert build_digest(archive, CHANNEL, "2031-03-05", now=at(5, 20)).speakers == ()


def test_only_what_the_message_showed_is_recorded_as_reported(archive):
    for number in range(60):
        archive.store(article(Said(f"Speaker{number} Person", f"Statement of speaker {number} about the harbour"),
                              happened=(Happened(f"Harbour number {number} in Valdoria reopened after a {number}-week "
                                                 "closure.", (f"Valdoria port {number}",),
                                                 ((f"{number}-week", "how long it was closed"),)),),
                              ingested_at="2031-03-04T09:00:00+00:00", extra=str(number)))
    digest = build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20))
    shown = shown_digest(digest)

    assert 0 < len(shown.developments) < len(digest.developments)
    record_digest(archive, shown)
    reported = archive.redis.zrange(archive.keys.digest_reported(CHANNEL, "developments"), 0, -1)
    assert sorted(value.decode() for value in reported) == sorted(item.ids[0] for item in shown.developments)
    # What did not fit was not told, so it is not known to the channel: the next digest may bring it up.
    left_out = {item.ids[0] for item in digest.developments} - {value.decode() for value in reported}
    assert len(left_out) == len(digest.developments) - len(shown.developments)


def test_huge_names_urls_and_words_stay_within_limits_and_keep_their_lines(archive):
    huge = Said("N" * 4000, "&" * 4000, "R" * 4000)
    archive.store(article(huge, Said("Tom Baker", "the closure would save money", "Council leader"),
                          happened=(Happened("The council voted to close the terminal."),),
                          url="https://portvale-courier.example/" + "x" * 1400,
                          ingested_at="2031-03-04T09:00:00+00:00"))

    message = digest_message(build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20)))

    assert_within_slack_limits(message)
    text = json.dumps(message["blocks"], ensure_ascii=False)
    assert "The council voted to close the terminal" in text
    assert "the closure would save money" in text


def test_among_equally_weighty_developments_the_latest_comes_first(archive):
    archive.store(article(happened=(LAWSUIT,), ingested_at="2031-03-04T09:00:00+00:00"))
    archive.store(article(happened=(Happened("A judge in Portvale set a hearing on the ferry terminal.",
                                             ("Portvale court",)),), ingested_at="2031-03-04T15:00:00+00:00"))

    digest = build_digest(archive, CHANNEL, "2031-03-04", now=at(4, 20))

    assert [item.text for item in digest.developments] == [
        "A judge in Portvale set a hearing on the ferry terminal", LAWSUIT.sentence.rstrip(".")]
