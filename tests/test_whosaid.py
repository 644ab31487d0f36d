"""who-said against a real Redis: people, roles, topics, filters, misses; and the answer as terminal text."""

import logging
from datetime import datetime, timedelta, timezone

import pytest

from bot.answers import render_answer
from bot.archive import Archive
from bot.keys import Keys
from bot.whosaid import clean_query, who_said
from nlp.model import Kind
from tests.archive_factories import Said, article

NOW = datetime(2031, 3, 10, 12, tzinfo=timezone.utc)
OSTROVSKY = "Danylo Ostrovsky"


@pytest.fixture
def archive(redis_client, key_prefix):
    archive = Archive(redis_client, Keys("TWHO", prefix=f"{key_prefix}summit"))
    archive.store(article(
        Said(OSTROVSKY, "we will reopen the harbour before the spring fairs", title="Valdorian Prime Minister"),
        Said("Ilse Varga", "the grain tariffs have doubled since the storm", title="harbour captain",
             kind=Kind.INDIRECT),
        title="Harbour to reopen", outlet="valdoria-herald.example", published="2031-03-01T09:00:00+00:00",
        url="https://valdoria-herald.example/harbour",
    ))
    archive.store(article(
        Said("Ostrovskyy", "the tariffs on grain will fall", mention="Mr Ostrovskyy"),
        Said("Corin Abel", "grain tariffs are a matter for the council", title="Marovian President"),
        title="Tariff row", outlet="coastline.example", published="2031-03-08T09:00:00+00:00",
        url="https://coastline.example/tariffs",
    ))
    archive.store(article(
        Said("Ilse Varga", "the fleet sails on Friday", title="harbour captain"),
        title="Fleet news", outlet="coastline.example", published="2031-03-09T09:00:00+00:00",
    ))
    return archive


def test_a_person_by_full_name_newest_first_with_everything_to_check_it(archive):
    answer = who_said(archive, "Danylo Ostrovsky", now=NOW)

    assert (answer.kind, answer.matched_by, answer.total) == ("person", "name", 2)
    assert answer.speakers[0].name == OSTROVSKY
    newest, older = answer.quotes
    assert newest.words == "the tariffs on grain will fall" and newest.title == "Tariff row"
    assert (older.kind, older.cue, older.outlet, older.url, older.time, older.role) == (
        "direct", "said", "valdoria-herald.example", "https://valdoria-herald.example/harbour",
        "2031-03-01T09:00:00+00:00", "Valdorian Prime Minister",
    )
    assert older.sentence == "“we will reopen the harbour before the spring fairs,” Danylo Ostrovsky said."


@pytest.mark.parametrize("query", ["Ostrovsky", "ostrovskiy", "Mr Ostrovsky", "Ostrovsky's", "Danylo Ostrovskyy’s",
                                   "“Ostrovsky”"])
def test_a_person_by_surname_alias_or_possessive(archive, query):
    answer = who_said(archive, query, now=NOW)

    assert answer.kind == "person" and [speaker.name for speaker in answer.speakers] == [OSTROVSKY]


def test_a_misspelt_name_finds_the_closest_speaker(archive):
    answer = who_said(archive, "Ostrovksy", now=NOW)

    assert (answer.kind, answer.matched_by, answer.speakers[0].name) == ("person", "spelling", OSTROVSKY)


def test_a_role_finds_the_speakers_who_hold_it(archive):
    answer = who_said(archive, "the Marovian president", now=NOW)

    assert (answer.kind, [speaker.name for speaker in answer.speakers]) == ("role", ["Corin Abel"])
    assert [speaker.name for speaker in who_said(archive, "harbour captain", now=NOW).speakers] == ["Ilse Varga"]


def test_a_topic_ranks_by_matched_terms_then_recency_grouped_by_speaker(archive):
    answer = who_said(archive, "grain tariffs", now=NOW)

    assert (answer.kind, answer.total) == ("topic", 3)
    assert [quote.words for quote in answer.quotes] == [
        "the tariffs on grain will fall",
        "grain tariffs are a matter for the council",
        "the grain tariffs have doubled since the storm",
    ]
    assert [group.name for group in answer.groups] == [OSTROVSKY, "Corin Abel", "Ilse Varga"]
    # Both terms rank above one, whatever the age.
    assert who_said(archive, "grain storm", now=NOW).quotes[0].words == "the grain tariffs have doubled since the storm"


def test_filters_by_time_and_outlet(archive):
    recent = who_said(archive, "Ostrovsky", since=timedelta(days=3), now=NOW)
    herald = who_said(archive, "grain", outlet="Valdoria-Herald.example", now=NOW)

    assert [quote.title for quote in recent.quotes] == ["Tariff row"] and recent.total == 1
    assert [quote.outlet for quote in herald.quotes] == ["valdoria-herald.example"] and herald.total == 1
    assert who_said(archive, "Varga", outlet="coastline.example", since=timedelta(days=5), now=NOW).total == 1


def test_the_limit_keeps_the_total_for_show_more(archive):
    answer = who_said(archive, "grain", limit=1, now=NOW)

    assert len(answer.quotes) == 1 and answer.total == 3


def test_no_match_says_so_and_suggests_what_we_have(archive):
    answer = who_said(archive, "tarrifs of Ostrovskaya-Lind", now=NOW)
    nothing_alike = who_said(archive, "zzz", now=NOW)

    assert answer.kind == "none" and answer.quotes == ()
    assert "tariffs" in answer.suggestions.topics
    assert OSTROVSKY in answer.suggestions.speakers
    assert nothing_alike.kind == "none" and len(nothing_alike.suggestions.speakers) == 3
    assert render_answer(answer).startswith("Nobody in the archive said anything matching")


def test_a_query_leaves_no_temporary_keys(archive, redis_client, key_prefix):
    before = set(redis_client.scan_iter(match=f"{key_prefix}*"))

    who_said(archive, "grain tariffs", outlet="coastline.example", since=timedelta(days=30), now=NOW)
    who_said(archive, "Ostrovsky", outlet="coastline.example", now=NOW)

    assert set(redis_client.scan_iter(match=f"{key_prefix}*")) == before


def test_a_corrupt_statement_is_skipped_with_a_warning(archive, redis_client, caplog):
    newest = who_said(archive, "Ostrovsky", now=NOW).quotes[0]
    redis_client.delete(archive.keys.statement(newest.id))
    redis_client.sadd(archive.keys.statement(newest.id), "foreign")

    with caplog.at_level(logging.WARNING):
        answer = who_said(archive, "Ostrovsky", now=NOW)

    assert [quote.title for quote in answer.quotes] == ["Harbour to reopen"]
    assert "statement" in caplog.text


@pytest.mark.parametrize(("query", "cleaned"), [("Zelensky's", "Zelensky"), (" 'Crimea' ", "Crimea"),
                                                 ("the Greens’", "the Greens")])
def test_clean_query(query, cleaned):
    assert clean_query(query) == cleaned


def test_rendered_person_and_topic_answers(archive):
    person = render_answer(who_said(archive, "Ostrovsky", limit=1, now=NOW))
    topic = render_answer(who_said(archive, "grain tariffs", now=NOW))

    assert person.splitlines()[0] == "Danylo Ostrovsky (Valdorian Prime Minister): 2 statements"
    assert "- “the tariffs on grain will fall”  [direct, said]" in person
    assert "Tariff row · coastline.example · 2031-03-08" in person
    assert "https://coastline.example/tariffs" in person
    assert "… and 1 more (use --limit to see them)." in person
    assert topic.splitlines()[0] == "Who said what about “grain tariffs”: 3 statements"
    assert "\nIlse Varga (harbour captain)\n" in topic


def test_a_misspelt_surname_two_people_share_finds_both(redis_client, key_prefix):
    archive = Archive(redis_client, Keys("TTWINS", prefix=f"{key_prefix}summit"))
    archive.store(article(
        Said("Hugo Marlowe", "the bridge toll will be scrapped", title="transport minister"),
        Said("Greta Marlowe", "the bridge toll pays for repairs", title="opposition leader"),
        title="Toll row", outlet="coastline.example", published="2031-03-08T09:00:00+00:00",
    ))

    answer = who_said(archive, "Marlove", now=NOW)

    assert (answer.kind, answer.matched_by) == ("person", "spelling")
    assert {speaker.name for speaker in answer.speakers} == {"Hugo Marlowe", "Greta Marlowe"}
