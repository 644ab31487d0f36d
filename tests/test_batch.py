import functools
import io
import json
import logging
import os

import pytest

from bot.batch import (
    PENDING_BATCHES_PER_PROCESS,
    Article,
    load_extract_many,
    quote_lines_in_pool,
    write_quotes_jsonl,
)
from nlp.model import Extraction, Kind, Span, Statement


def fake_extract_many(texts):
    """One direct quote per text: its first word."""
    for text in texts:
        first_word = Span(0, len(text.split()[0]), text.split()[0])
        statement = Statement((first_word,), Kind.DIRECT, None, None, first_word)
        yield Extraction(statements=(statement,), entities=(), figures=())


def load_fake_extractor(model_name, batch_size, pid_dir=None):
    """The fake in place of the spaCy pipeline; writes down which process loaded it when ``pid_dir`` is given."""
    if pid_dir is not None:
        (pid_dir / str(os.getpid())).touch()
    return fake_extract_many


def run(tmp_path, lines, *, processes=1, batch_size=2, load_extractor=load_fake_extractor, model_name="fake"):
    in_path = tmp_path / "in.jsonl"
    in_path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    out = io.StringIO()
    write_quotes_jsonl(
        in_path, out, model_name=model_name, processes=processes, batch_size=batch_size, load_extractor=load_extractor
    )
    return [json.loads(line) for line in out.getvalue().splitlines()]


def article_line(article_id, text):
    return json.dumps({"id": article_id, "text": text})


@pytest.mark.parametrize("processes", [1, 2])
def test_one_output_line_per_article_in_input_order(tmp_path, processes):
    lines = [article_line(number, f"Word{number} and more") for number in range(11)]

    records = run(tmp_path, lines, processes=processes)

    assert [record["id"] for record in records] == list(range(11))
    assert records[3] == {
        "id": 3,
        "quotes": [
            {
                "speaker": None,
                "speaker_name": None,
                "content": {"start": 0, "end": 5, "text": "Word3"},
                "cue": None,
                "direct": True,
            }
        ],
    }


@pytest.mark.parametrize("processes", [1, 2])
def test_bad_lines_become_error_lines_in_place_and_are_logged(tmp_path, caplog, processes):
    lines = [
        article_line("a", "First text"),
        "{not json",
        "[" * 100_000 + "]" * 100_000,
        json.dumps(["a", "list"]),
        json.dumps({"text": "no id"}),
        json.dumps({"id": "e"}),
        json.dumps({"id": "f", "text": 42}),
        "",
        article_line("g", "Last text"),
    ]

    with caplog.at_level(logging.WARNING, logger="bot.batch"):
        records = run(tmp_path, lines, processes=processes)

    assert [(record["id"], record.get("error")) for record in records] == [
        ("a", None),
        (None, "line is not valid JSON"),
        (None, "line is not valid JSON"),
        (None, "line is not a JSON object"),
        (None, 'line has no "id"'),
        ("e", 'line has no "text" string'),
        ("f", 'line has no "text" string'),
        ("g", None),
    ]
    assert all(record["quotes"] == [] for record in records if "error" in record)
    assert records[-1]["quotes"][0]["content"]["text"] == "Last"
    assert [record.getMessage().split(":")[0] for record in caplog.records] == [
        "line 2 skipped",
        "line 3 skipped",
        "line 4 skipped",
        "line 5 skipped",
        "line 6 skipped",
        "line 7 skipped",
    ]


def test_the_model_is_loaded_once_per_worker_and_never_in_the_parent(tmp_path):
    pid_dir = tmp_path / "pids"
    pid_dir.mkdir()

    run(
        tmp_path,
        [article_line(n, "Some text") for n in range(20)],
        processes=2,
        load_extractor=functools.partial(load_fake_extractor, pid_dir=pid_dir),
    )

    loaded_in = {int(path.name) for path in pid_dir.iterdir()}
    assert len(loaded_in) == 2
    assert os.getpid() not in loaded_in


def test_the_pool_reads_only_a_few_batches_ahead():
    pulled = []

    def batches():
        for number in range(100):
            pulled.append(number)
            yield [Article(number, "Some text")]

    results = quote_lines_in_pool(batches(), 2, functools.partial(load_fake_extractor, "fake", 1))
    next(results)

    assert len(pulled) == PENDING_BATCHES_PER_PROCESS * 2 + 1
    assert len(list(results)) == 99


@pytest.mark.parametrize("processes", [1, 2])
def test_with_the_real_model(tmp_path, settings, processes):
    texts = [
        "“We are ready for a meeting,” Mayor Ana Ruiz said on Monday.",
        "The weather was mild.",
        "Council leader Tom Baker said the talks focused on the ferry timetable.",
    ]

    records = run(
        tmp_path,
        [article_line(f"doc-{n}", text) for n, text in enumerate(texts)],
        processes=processes,
        load_extractor=load_extract_many,
        model_name=settings.model_name,
    )

    assert [record["id"] for record in records] == ["doc-0", "doc-1", "doc-2"]
    for record, text in zip(records, texts):
        assert set(record) == {"id", "quotes"}
        for quote in record["quotes"]:
            assert set(quote) == {"speaker", "speaker_name", "content", "cue", "direct"}
            assert text[quote["content"]["start"] : quote["content"]["end"]] == quote["content"]["text"]


def load_failing_extractor(model_name, batch_size):
    raise OSError(f"Can't find model {model_name!r}")


def test_a_model_that_fails_to_load_in_the_workers_stops_the_run(tmp_path):
    with pytest.raises(OSError, match="Can't find model 'missing'"):
        run(
            tmp_path,
            [article_line(1, "Some text")],
            processes=2,
            load_extractor=load_failing_extractor,
            model_name="missing",
        )
