import json
import subprocess
import sys

import pytest

from bot.cli import main
from bot.settings import PROJECT_ROOT
from tests.pages import BRIDGE_PARAGRAPHS, article_page

SEED_ARTICLE = PROJECT_ROOT / "seeds" / "000_487afd3e3b9a1808.txt"
ARTICLE = (
    "“We are ready for a meeting,” Mayor Ana Ruiz said on Monday. Council leader Tom Baker said the talks about "
    "the ferry terminal went well and that a deal could be signed within weeks, before the summer timetable.\n"
)


@pytest.fixture
def article(tmp_path):
    path = tmp_path / "article.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    return path


def test_extract_prints_who_said_what_titled_with_the_file_name(article, capsys):
    assert main(["extract", str(article)]) == 0

    output = capsys.readouterr().out
    assert output.splitlines()[:2] == ["article.txt", "==========="]
    assert "\x1b[" not in output  # captured stdout is no terminal


def test_extract_json_prints_the_full_extraction(article, capsys):
    assert main(["extract", str(article), "--json"]) == 0

    result = json.loads(capsys.readouterr().out)
    assert set(result) == {"title", "url", "published", "statements", "entities", "figures", "summary", "developments"}
    assert result["title"] == "article.txt"


def test_extract_accepts_a_file_that_is_not_utf8(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes("Café owners said prices rose.".encode("latin-1"))

    assert main(["extract", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["title"] == "latin1.txt"


@pytest.mark.parametrize(
    "argv",
    [["extract", "missing.txt"], ["quotes", "--jsonl", "missing.jsonl"]],
)
def test_a_missing_file_is_one_plain_sentence_and_exit_code_2(argv, capsys, monkeypatch, tmp_path):
    monkeypatch.chdir(tmp_path)

    assert main(argv) == 2

    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.strip().startswith("summit: cannot read missing.")
    assert captured.err.count("\n") == 1


def test_a_bad_setting_is_one_plain_sentence_and_exit_code_2(article, capsys, monkeypatch):
    monkeypatch.setenv("SUMMIT_LOG_LEVEL", "loud")

    assert main(["extract", str(article)]) == 2
    assert capsys.readouterr().err.startswith("summit: SUMMIT_LOG_LEVEL must be one of")


def test_quotes_writes_one_line_per_input(tmp_path, capsys):
    in_path = tmp_path / "in.jsonl"
    in_path.write_text("\n".join(json.dumps({"id": n, "text": ARTICLE}) for n in range(3)) + "\n", encoding="utf-8")

    assert main(["quotes", "--jsonl", str(in_path), "--batch-size", "2"]) == 0

    records = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [record["id"] for record in records] == [0, 1, 2]


def test_processes_must_be_positive(tmp_path):
    with pytest.raises(SystemExit) as exit_info:
        main(["quotes", "--jsonl", "in.jsonl", "--processes", "0"])
    assert exit_info.value.code == 2


def test_demo_shows_every_article_of_the_seeds_folder(tmp_path, capsys, redis_client, key_prefix, monkeypatch):
    # The demo stores the articles in the archive: the test's Redis, under the test's own keys.
    monkeypatch.setattr("bot.cli.connect", lambda settings: redis_client)
    monkeypatch.setenv("SUMMIT_NAMESPACE", f"{key_prefix}summit")
    monkeypatch.setattr("bot.cli.configure_logging", lambda level: None)
    for name in ("b.txt", "a.txt"):
        (tmp_path / name).write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.md").write_text("not an article", encoding="utf-8")

    assert main(["demo", "--seeds", str(tmp_path)]) == 0

    articles, _, rest = capsys.readouterr().out.partition("\n$ summit who-said")
    assert [line for line in articles.splitlines() if line.endswith(".txt")] == ["a.txt", "b.txt"]
    # It ends with the digest a channel would get: the two copies are one article, so one development.
    digest = rest.split("$ summit digest --channel CDEMO --dry-run\n", 1)[1]
    assert digest.startswith("Preview: Summit digest")
    assert "New developments" in digest


def test_demo_without_articles_exits_with_2(tmp_path, capsys):
    assert main(["demo", "--seeds", str(tmp_path)]) == 2
    assert capsys.readouterr().err == f"summit: There is no .txt article in {tmp_path}.\n"


def test_python_m_bot_extract_json_on_the_seed_article():
    completed = subprocess.run(
        [sys.executable, "-m", "bot", "extract", str(SEED_ARTICLE), "--json"],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )

    result = json.loads(completed.stdout)
    assert result["title"] == SEED_ARTICLE.name
    assert result["statements"], "the seed article has attributed statements"
    text = SEED_ARTICLE.read_text(encoding="utf-8")
    for statement in result["statements"]:
        assert set(statement) == {"content", "kind", "cue", "speaker", "sentence"}
        assert statement["kind"] in {"direct", "partial", "indirect"}
        for span in statement["content"]:
            assert text[span["start"] : span["end"]] == span["text"]


def test_read_prints_a_saved_page(tmp_path, capsys):
    path = tmp_path / "bridge.html"
    path.write_text(article_page(), encoding="utf-8")

    assert main(["read", str(path)]) == 0
    output = capsys.readouterr().out
    assert output.startswith("Harbour bridge reopens after eight months\n")
    assert BRIDGE_PARAGRAPHS[0] in output

    assert main(["read", str(path), "--json"]) == 0
    article = json.loads(capsys.readouterr().out)
    assert {"url", "canonical_url", "title", "outlet", "authors", "published", "language", "description", "text"} <= set(
        article
    )


def test_read_error_is_its_plain_message_and_exit_code_2(capsys, monkeypatch):
    monkeypatch.delenv("SUMMIT_ALLOW_PRIVATE_URLS", raising=False)

    assert main(["read", "http://127.0.0.1:9/article"]) == 2
    error = capsys.readouterr().err
    assert error.startswith("summit: That link points to a private or local network address")
    assert "Traceback" not in error
