"""summit ingest, who-said, export, import and demo, run through main() against the test Redis."""

import json
import time

import pytest

from bot.archive import content_hash
from bot.cli import main
from bot.settings import PROJECT_ROOT

STORY = (
    "“We will reopen the harbour before the spring fairs,” Valdorian Prime Minister Danylo Ostrovsky said on "
    "Tuesday.\n\nHarbour captain Ilse Varga said the grain tariffs had doubled since the storm.\n"
)


@pytest.fixture
def cli_redis(redis_client, key_prefix, model, monkeypatch):
    """Point the command line at the test's Redis and key prefix, with the session's model."""
    monkeypatch.setattr("bot.cli.connect", lambda settings: redis_client)
    monkeypatch.setenv("SUMMIT_NAMESPACE", f"{key_prefix}summit")
    monkeypatch.setattr("bot.cli._model_loader", lambda settings: lambda: model)
    # main() would point the log at this test's captured stderr, closed by the time the embedded Redis stops.
    monkeypatch.setattr("bot.cli.configure_logging", lambda level: None)
    return redis_client


@pytest.fixture
def story(tmp_path):
    path = tmp_path / "harbour.txt"
    path.write_text(STORY, encoding="utf-8")
    return path


def test_ingest_then_who_said(cli_redis, story, capsys):
    assert main(["ingest", str(story)]) == 0
    assert main(["ingest", str(story)]) == 0
    first, second = capsys.readouterr().out.splitlines()
    assert first.startswith("extracted") and second.startswith("known")
    assert first.endswith("harbour.txt (2 statements)")

    assert main(["who-said", "Ostrovsky's"]) == 0
    output = capsys.readouterr().out
    assert output.splitlines()[0] == "Danylo Ostrovsky (Valdorian Prime Minister): 1 statement"

    assert main(["who-said", "grain", "tariffs", "--json", "--limit", "1", "--since", "1d"]) == 0
    answer = json.loads(capsys.readouterr().out)
    assert answer["kind"] == "topic" and answer["quotes"][0]["speaker"] == "Ilse Varga"


def test_ingest_reports_a_source_it_cannot_read_and_stores_the_rest(cli_redis, story, tmp_path, capsys):
    missing = tmp_path / "missing.txt"

    assert main(["ingest", str(missing), str(story)]) == 2

    out, err = capsys.readouterr()
    assert out.startswith(f"extracted  {story}: harbour.txt (2 statements)")
    assert err.startswith(f"failed     {missing}: cannot read it: No such file or directory.\n")
    assert err.endswith("1 article could not be read; the rest are stored.\n")
    assert main(["who-said", "Ostrovsky"]) == 0


def test_teams_are_separate(cli_redis, story, capsys):
    main(["ingest", str(story), "--team", "TA"])
    capsys.readouterr()

    assert main(["who-said", "Ostrovsky", "--team", "TB"]) == 0
    assert capsys.readouterr().out.startswith("Nobody in the archive")


def test_export_and_import_through_files(cli_redis, story, tmp_path, capsys):
    main(["ingest", str(story)])
    capsys.readouterr()
    assert main(["export"]) == 0
    exported = tmp_path / "archive.jsonl"
    exported.write_text(capsys.readouterr().out, encoding="utf-8")

    assert main(["import", str(exported), "--team", "TCOPY"]) == 0
    assert capsys.readouterr().out.startswith("Imported 1 article (0 already in the archive")
    main(["who-said", "Varga", "--team", "TCOPY"])
    assert "the grain tariffs had doubled since the storm" in capsys.readouterr().out


def test_import_of_bad_lines_names_each_and_needs_partial(cli_redis, story, tmp_path, capsys):
    main(["ingest", str(story)])
    capsys.readouterr()
    main(["export"])
    header, line = capsys.readouterr().out.splitlines()
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([header, "{oops", line, '{"type": "article"}']) + "\n", encoding="utf-8")

    assert main(["import", str(bad), "--team", "TBAD"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}, line 2: not JSON" in err and f"{bad}, line 4: missing field" in err
    assert err.endswith("2 bad lines in " + str(bad) + "; nothing was imported (--partial imports the good lines).\n")

    assert main(["import", str(bad), "--team", "TBAD", "--partial"]) == 0
    assert "Imported 1 article" in capsys.readouterr().out


def test_import_of_a_line_with_a_wrong_type_stores_nothing(cli_redis, story, tmp_path, capsys):
    main(["ingest", str(story)])
    capsys.readouterr()
    main(["export"])
    header, line = capsys.readouterr().out.splitlines()
    wrong = json.loads(line)
    wrong["extraction"]["statements"][0]["speaker"]["name"] = 12345
    wrong["text"] += " Another article."
    wrong["content_hash"] = content_hash(wrong["text"])
    bad = tmp_path / "bad.jsonl"
    bad.write_text("\n".join([header, line, json.dumps(wrong), "[" * 100_000]) + "\n", encoding="utf-8")

    assert main(["import", str(bad), "--team", "TTYPES"]) == 2
    err = capsys.readouterr().err
    assert f"{bad}, line 3: the field 'name' of a speaker is not a string (12345)\n" in err
    assert f"{bad}, line 4: nested too deeply to be an article\n" in err
    assert main(["who-said", "Ostrovsky", "--team", "TTYPES"]) == 0
    assert capsys.readouterr().out.startswith("Nobody in the archive")

    assert main(["import", str(bad), "--team", "TTYPES", "--partial"]) == 0
    assert "Imported 1 article (0 already in the archive, 2 bad lines skipped)" in capsys.readouterr().out


def test_demo_twice_stores_nothing_twice(cli_redis, key_prefix, capsys):
    assert main(["demo"]) == 0
    keys = set(cli_redis.scan_iter(match=f"{key_prefix}*"))
    first = capsys.readouterr().out
    assert main(["demo"]) == 0

    assert set(cli_redis.scan_iter(match=f"{key_prefix}*")) == keys
    second = capsys.readouterr().out
    assert second == first
    for query in ("Zelensky", "Trump", "security guarantees"):
        assert f"$ summit who-said {query}\n" in second
    assert "Volodymyr Zelensky (Ukrainian President): 10 statements" in second


def test_unreachable_redis_is_one_sentence_without_the_password(monkeypatch, capsys):
    monkeypatch.setenv("REDIS_URL", "redis://:hunter2@127.0.0.1:1/0")

    assert main(["who-said", "Ostrovsky"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("summit: Cannot reach Redis at redis://:***@127.0.0.1:1/0") and "hunter2" not in err


def test_a_bad_since_is_a_usage_error(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["who-said", "Ostrovsky", "--since", "soon"])

    assert exit_info.value.code == 2
    assert "30m, 12h, 2d, 1w" in capsys.readouterr().err


def test_seeds_folder_exists():
    assert any((PROJECT_ROOT / "seeds").glob("*.txt"))


def test_digest_shows_what_is_new_and_records_it_unless_dry_run(cli_redis, story, capsys):
    assert main(["ingest", str(story)]) == 0
    time.sleep(2)  # a digest covers whole seconds that are over
    capsys.readouterr()

    assert main(["digest", "--channel", "CDESK", "--dry-run"]) == 0
    preview = capsys.readouterr().out
    assert preview.startswith("Preview: Summit digest") and "Ilse Varga" in preview

    assert main(["digest", "--channel", "CDESK"]) == 0
    posted = capsys.readouterr().out
    assert posted.startswith("Summit digest") and "Ilse Varga" in posted

    assert main(["digest", "--channel", "CDESK"]) == 0
    assert "Nothing new since the last digest." in capsys.readouterr().out
