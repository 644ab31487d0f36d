"""The archive in a real Redis: keys, storing and finding, speakers across articles, export and import, restarts."""

import json
import logging

import psutil
import pytest

from bot.archive import Archive, BadLine, CorruptRecord, content_hash
from bot.keys import Keys
from bot.redis_connection import connect
from bot.settings import load_settings
from bot.whosaid import who_said
from nlp.model import EntityKind, Kind
from tests.archive_factories import TEST_TEAM, Said, article


def keys_under(redis_client, key_prefix):
    return sorted(redis_client.scan_iter(match=f"{key_prefix}*"))


def speakers_of(archive):
    return {
        speaker_id.decode(): archive.redis.hget(archive.keys.speaker(speaker_id.decode()), "name").decode()
        for speaker_id in archive.redis.zrange(archive.keys.speakers(), 0, -1)
    }


# Keys ---------------------------------------------------------------------------------------------------------


def test_keys_carry_namespace_schema_version_and_the_team_as_hash_tag():
    keys = Keys("T123")

    assert keys.article("abc") == "summit:v1:{T123}:article:abc"
    assert keys.speaker_statements("jo-doe") == "summit:v1:{T123}:speaker-statements:jo-doe"
    assert keys.cache("1", "f00d") == "summit:cache:1:f00d"
    assert Keys("T123", prefix="summit-test:x:summit").meta() == "summit-test:x:summit:v1:{T123}:meta"


@pytest.mark.parametrize("team", ["", "T1:2", "T{1}", "a team"])
def test_a_team_id_that_would_break_the_key_layout_is_refused(team):
    with pytest.raises(ValueError):
        Keys(team)


# Storing and finding ------------------------------------------------------------------------------------------


def test_stored_article_is_found_by_url_and_content_and_reads_back_whole(archive):
    record = article(Said("Danylo Ostrovsky", "we will reopen the harbour"), url="https://valdoria-herald.example/a")

    stored = archive.store(record)

    assert stored.created and stored.statements == 1 and stored.id == record.content_hash[:20]
    assert archive.find(canonical_url="https://valdoria-herald.example/a").id == stored.id
    assert archive.find(content_hash=record.content_hash).id == stored.id
    assert archive.find(content_hash=content_hash("another text")) is None
    assert archive.load(stored.id) == record


def test_storing_the_same_content_twice_writes_nothing_more(archive, redis_client, key_prefix):
    record = article(Said("Danylo Ostrovsky", "we will reopen the harbour"))
    archive.store(record)
    before = {key: redis_client.dump(key) for key in keys_under(redis_client, key_prefix)}

    again = archive.store(record)

    assert not again.created
    assert {key: redis_client.dump(key) for key in keys_under(redis_client, key_prefix)} == before


def test_the_archive_is_data_without_ttl(archive, redis_client, key_prefix):
    archive.store(article(Said("Danylo Ostrovsky", "we will reopen the harbour", title="Prime Minister")))

    assert all(redis_client.ttl(key) == -1 for key in keys_under(redis_client, key_prefix))


def test_an_article_is_written_in_one_transaction(archive, redis_client, key_prefix, monkeypatch):
    record = article(Said("Danylo Ostrovsky", "one"), Said("Hugh Hill", "two"))
    original = Archive._queue_statement

    def fail_on_the_second(self, pipe, record, statement_id, *args):
        if statement_id.endswith(".1"):
            raise ConnectionError("the connection dropped")
        original(self, pipe, record, statement_id, *args)

    monkeypatch.setattr(Archive, "_queue_statement", fail_on_the_second)

    with pytest.raises(ConnectionError):
        archive.store(record)
    assert keys_under(redis_client, key_prefix) == []


def test_teams_do_not_see_each_other(redis_client, key_prefix):
    ours = Archive(redis_client, Keys("TOURS", prefix=f"{key_prefix}summit"))
    theirs = Archive(redis_client, Keys("TTHEIRS", prefix=f"{key_prefix}summit"))
    record = article(Said("Danylo Ostrovsky", "we will reopen the harbour"))

    ours.store(record)

    assert theirs.find(content_hash=record.content_hash) is None
    assert who_said(theirs, "Ostrovsky").kind == "none"


# Speakers across articles -------------------------------------------------------------------------------------


def test_one_person_written_five_ways_is_one_speaker_with_every_role(archive):
    spellings = [
        ("Ostrovsky", "Ostrovsky", None),
        ("Danylo Ostrovsky", "Danylo Ostrovsky", "Prime Minister"),
        ("Ostrovskyy", "Ostrovskyy", None),
        ("Ostrovsky", "Mr Ostrovsky", None),
        ("Danylo Ostrovskiy", "Valdorian Prime Minister Danylo Ostrovskiy", "Valdorian Prime Minister"),
    ]
    for number, (name, mention, title) in enumerate(spellings):
        archive.store(article(Said(name, f"statement {number}", title=title, mention=mention), extra=str(number)))

    assert speakers_of(archive) == {"ostrovsky": "Danylo Ostrovsky"}
    answer = who_said(archive, "Mr Ostrovsky")
    assert answer.total == 5
    assert answer.speakers[0].roles == ("Prime Minister", "Valdorian Prime Minister")


def test_two_people_sharing_a_surname_stay_two_and_a_bare_surname_finds_both(archive):
    archive.store(article(Said("Hugh Hill", "the clinic is full", title="doctor"), extra="1"))
    archive.store(article(Said("Amy Hill", "the budget is fine", title="senator"), extra="2"))
    # An article that names only the surname, but gives the role that tells them apart.
    archive.store(article(Said("Hill", "we need more nurses", title="a doctor", mention="Hill"), extra="3"))

    assert sorted(speakers_of(archive).values()) == ["Amy Hill", "Hugh Hill"]
    answer = who_said(archive, "Hill")
    assert answer.kind == "person" and answer.matched_by == "surname"
    assert sorted(speaker.name for speaker in answer.speakers) == ["Amy Hill", "Hugh Hill"]
    assert sorted(quote.words for quote in who_said(archive, "Hugh Hill").quotes) == [
        "the clinic is full", "we need more nurses",
    ]


def test_a_bare_surname_that_cannot_be_told_apart_is_not_guessed(archive):
    archive.store(article(Said("Hugh Hill", "the clinic is full", title="doctor"), extra="1"))
    archive.store(article(Said("Amy Hill", "the budget is fine", title="senator"), extra="2"))

    archive.store(article(Said("Hill", "it will rain", mention="Hill"), extra="3"))

    assert who_said(archive, "Hugh Hill").total == 1
    assert who_said(archive, "Amy Hill").total == 1


def test_a_full_name_joins_the_surname_seen_before(archive):
    archive.store(article(Said("Ostrovsky", "first"), extra="1"))
    archive.store(article(Said("Danylo Ostrovsky", "second", title="Prime Minister"), extra="2"))

    assert speakers_of(archive) == {"ostrovsky": "Danylo Ostrovsky"}


def test_a_speaker_written_by_another_process_meanwhile_makes_the_store_retry(archive, redis_client, keys, monkeypatch):
    from bot.speakers import SpeakerBook

    archive.store(article(Said("Hugh Hill", "the clinic is full", title="doctor"), extra="1"))
    original = SpeakerBook.queue_writes
    interfered = []

    def another_process_stores_amy_hill_first(self):
        # Between the speaker reads and EXEC: the surname set they read changes, so EXEC must fail and retry.
        if not interfered:
            interfered.append(True)
            Archive(redis_client, keys).store(article(Said("Amy Hill", "the budget is fine", title="senator"),
                                                      extra="2"))
        original(self)

    monkeypatch.setattr(SpeakerBook, "queue_writes", another_process_stores_amy_hill_first)
    archive.store(article(Said("Hill", "we need more nurses", title="a doctor", mention="Hill"), extra="3"))

    assert interfered and sorted(speakers_of(archive).values()) == ["Amy Hill", "Hugh Hill"]
    assert redis_client.hget(keys.aliases(), "hill") is None  # two speakers share it now: no alias
    assert sorted(quote.words for quote in who_said(archive, "Hugh Hill").quotes) == [
        "the clinic is full", "we need more nurses",
    ]


def test_an_article_with_many_statements_indexes_every_one(archive):
    said = [Said("Danylo Ostrovsky", f"harbour statement {number}") for number in range(1200)]

    archive.store(article(*said))

    assert who_said(archive, "harbour").total == 1200
    assert who_said(archive, "Ostrovsky").total == 1200


def test_organisations_are_speakers_too(archive):
    archive.store(article(Said("Port Authority", "the harbour reopens Monday", entity_kind=EntityKind.ORGANISATION)))

    assert who_said(archive, "Port Authority").speakers[0].kind == "organisation"


# Export and import --------------------------------------------------------------------------------------------


def fill(archive):
    archive.store(article(Said("Danylo Ostrovsky", "we will reopen the harbour", title="Prime Minister"),
                          url="https://valdoria-herald.example/a", ingested_at="2031-03-04T12:00:00+00:00"))
    archive.store(article(Said("Hugh Hill", "harbour tariffs hurt the clinic", kind=Kind.INDIRECT, title="doctor"),
                          outlet="coastline.example", published=None, ingested_at="2031-03-05T08:00:00+00:00"))


def test_export_then_import_round_trips_without_loss(redis_client, key_prefix):
    source = Archive(redis_client, Keys("TSOURCE", prefix=f"{key_prefix}summit"))
    target = Archive(redis_client, Keys("TTARGET", prefix=f"{key_prefix}summit"))
    fill(source)
    lines = list(source.export_lines())

    report = target.import_lines(lines)

    assert (report.imported, report.bad_lines, report.applied) == (2, (), True)
    assert list(target.export_lines())[1:] == lines[1:]
    for query in ("Ostrovsky", "harbour", "doctor"):
        assert who_said(target, query) == who_said(source, query)
    assert target.import_lines(lines).already_there == 2


def test_export_starts_with_a_header_naming_format_schema_and_team(archive):
    fill(archive)

    header = json.loads(next(archive.export_lines()))

    assert header["format"] == "summit-archive" and header["schema"] == 1
    assert header["team"] == TEST_TEAM and header["articles"] == 2


def test_import_with_bad_lines_reports_each_and_imports_nothing_unless_partial(archive, redis_client, keys):
    source = Archive(redis_client, Keys("TSOURCE2", prefix=keys.prefix))
    fill(source)
    header, first, second = list(source.export_lines())
    tampered = json.loads(second)
    tampered["text"] += " (edited)"
    lines = [header, first, "{not json", json.dumps({"type": "article"}), json.dumps(tampered), "", "[1, 2]"]

    report = archive.import_lines(lines)

    assert not report.applied and report.imported == 0
    assert [bad.number for bad in report.bad_lines] == [3, 4, 5, 7]
    assert "content_hash" in report.bad_lines[2].reason
    assert archive.redis.zcard(keys.articles()) == 0

    report = archive.import_lines(lines, partial=True)

    assert report.applied and report.imported == 1 and len(report.bad_lines) == 4
    assert who_said(archive, "Ostrovsky").total == 1


def test_import_checks_the_type_of_every_field_before_storing_any_line(archive, redis_client, keys):
    source = Archive(redis_client, Keys("TSOURCE3", prefix=keys.prefix))
    fill(source)
    header, first, second = list(source.export_lines())
    numbered = json.loads(second)
    numbered["extraction"]["statements"][0]["speaker"]["name"] = 12345  # would fail in nlp.names mid-store
    authors = json.loads(second)
    authors["authors"] = [["Mira Quell"]]
    lines = [header, first, json.dumps(numbered), json.dumps(authors)]

    report = archive.import_lines(lines)

    assert not report.applied and [bad.number for bad in report.bad_lines] == [3, 4]
    assert report.bad_lines[0].reason == "the field 'name' of a speaker is not a string (12345)"
    assert report.bad_lines[1].reason == "the field 'authors' is not a list of strings"
    assert archive.redis.zcard(keys.articles()) == 0

    report = archive.import_lines(lines, partial=True)

    assert report.applied and report.imported == 1 and who_said(archive, "Ostrovsky").total == 1


def test_a_line_nested_too_deeply_is_a_bad_line(archive, keys):
    deep = '{"type": "article", "extraction": ' + "[" * 100_000 + "]" * 100_000 + "}"

    report = archive.import_lines([deep], partial=True)

    assert report.bad_lines == (BadLine(1, "nested too deeply to be an article"),)
    assert report.imported == 0 and archive.redis.zcard(keys.articles()) == 0


def test_import_refuses_a_newer_schema(archive):
    report = archive.import_lines([json.dumps({"type": "header", "format": "summit-archive", "schema": 99})])

    assert report.bad_lines[0].number == 1 and "schema" in report.bad_lines[0].reason


# Bad keys in the namespace ------------------------------------------------------------------------------------


def test_corrupt_and_foreign_keys_are_skipped_with_a_warning(archive, redis_client, keys, caplog):
    fill(archive)
    first_id = redis_client.zrange(keys.articles(), 0, 0)[0].decode()
    redis_client.delete(keys.article(first_id))
    redis_client.set(keys.article(first_id), "not a hash")  # a foreign key where an article should be
    hill = who_said(archive, "Hugh Hill").quotes[0].id
    redis_client.hset(keys.statement(hill), "timestamp", "soon")  # a corrupt statement

    with caplog.at_level(logging.WARNING):
        lines = list(archive.export_lines())
        answer = who_said(archive, "Hugh Hill")

    assert len(lines) == 2  # the header and the one good article
    assert answer.total == 1 and answer.quotes == ()
    assert any("corrupt article" in record.getMessage() for record in caplog.records)
    assert any("statement" in record.getMessage() for record in caplog.records)
    with pytest.raises(CorruptRecord):
        archive.load(first_id)


def test_a_foreign_key_where_a_speaker_would_go_does_not_stop_an_ingest(archive, redis_client, keys, caplog):
    redis_client.set(keys.speaker("danylo-ostrovsky"), "someone else's")
    redis_client.set(keys.surname("ostrovsky"), "someone else's")

    with caplog.at_level(logging.WARNING):
        archive.store(article(Said("Danylo Ostrovsky", "we will reopen the harbour")))

    assert who_said(archive, "Danylo Ostrovsky").quotes[0].words == "we will reopen the harbour"
    assert redis_client.get(keys.speaker("danylo-ostrovsky")) == b"someone else's"
    assert "not a hash" in caplog.text and "not a set" in caplog.text


def test_a_foreign_key_of_another_type_at_an_index_key_loses_only_its_own_entry(archive, redis_client, keys, caplog):
    record = article(Said("Danylo Ostrovsky", "we will reopen the harbour"))
    redis_client.set(keys.trigram(" os"), "someone else's")
    redis_client.set(keys.term_statements("harbour"), "someone else's")

    with caplog.at_level(logging.WARNING, logger="bot.archive"):
        stored = archive.store(record)

    assert stored.created
    assert archive.load(stored.id) == record
    assert who_said(archive, "Danylo Ostrovsky").total == 1 and who_said(archive, "reopen").total == 1
    assert redis_client.sismember(keys.trigram("ost"), "danylo-ostrovsky")
    assert redis_client.get(keys.trigram(" os")) == b"someone else's"
    assert redis_client.get(keys.term_statements("harbour")) == b"someone else's"
    (warning,) = [entry.getMessage() for entry in caplog.records if entry.name == "bot.archive"]
    assert stored.id in warning and keys.trigram(" os") in warning and keys.term_statements("harbour") in warning
    assert "reopen the harbour" not in warning
    assert not archive.store(record).created


# Restarts -----------------------------------------------------------------------------------------------------


def test_the_archive_survives_a_restart_of_the_embedded_redis(tmp_path):
    settings = load_settings({"SUMMIT_DATA_DIR": str(tmp_path)})
    keys = Keys("TRESTART", prefix="summit-test:restart:summit")
    client = connect(settings)
    Archive(client, keys).store(article(Said("Danylo Ostrovsky", "we will reopen the harbour")))
    server = psutil.Process(client.pid)

    server.terminate()
    server.wait(timeout=10)
    reopened = connect(settings)

    try:
        assert reopened.pid != client.pid
        assert who_said(Archive(reopened, keys), "Ostrovsky").quotes[0].words == "we will reopen the harbour"
    finally:
        # Stopped now rather than at exit, when its log line would go to a closed capture.
        reopened._cleanup()
