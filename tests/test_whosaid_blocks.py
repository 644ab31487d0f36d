import json

from bot.whosaid import Quote, SpeakerInfo, SpeakerQuotes, Suggestions, WhoSaidAnswer
from handlers.whosaid_blocks import MAX_QUERY_LENGTH, MORE_ACTION, SHARE_ACTION, who_said_message
from tests.slack_limits import assert_within_slack_limits

QUIST = SpeakerInfo("s1", "Mara Quist", "person", ("union official",), 3)
BAKER = SpeakerInfo("s2", "Tom Baker", "person", ("Council leader",), 1)


def quote(number, speaker=QUIST, *, words=None, kind="direct", url="https://portvale-post.example/ferry?a=1&b=2"):
    return Quote(id=f"a.{number}", speaker_id=speaker.id, speaker=speaker.name, role=speaker.roles[0], kind=kind,
                 words=words or f"Statement {number} about the ferry & the <harbour>", cue="said",
                 sentence="", article_id="a", title="Ferry | terminal to close", outlet="portvale-post.example",
                 url=url, time="2031-03-04T10:00:00+00:00")


def person_answer(quotes, total=None, speakers=(QUIST,), query="Quist"):
    return WhoSaidAnswer(query=query, kind="person", matched_by="surname", speakers=speakers, quotes=tuple(quotes),
                         groups=(), total=len(quotes) if total is None else total)


def sections(message):
    return [block["text"]["text"] for block in message["blocks"] if block["type"] == "section"]


def buttons(message):
    return {element["action_id"]: json.loads(element["value"]) for block in message["blocks"]
            if block["type"] == "actions" for element in block["elements"]}




def test_a_quote_shows_its_exact_words_how_and_where_with_a_safe_link():
    message = who_said_message(person_answer([quote(1)]))

    assert message["blocks"][0]["text"]["text"] == "Mara Quist — union official"
    (text,) = sections(message)
    words, source = text.splitlines()
    assert words == "“Statement 1 about the ferry &amp; the &lt;harbour&gt;”"
    assert source == ("_said_ · direct · <https://portvale-post.example/ferry?a=1&b=2|Ferry | terminal to close>"
                      " · portvale-post.example · 2031-03-04")
    assert "(everyone with that surname)" not in message["text"]
    assert buttons(message) == {SHARE_ACTION: {"q": "Quist", "n": 1}}


def test_more_statements_than_shown_offer_show_more_and_say_how_many_are_left():
    message = who_said_message(person_answer([quote(n) for n in range(10)], total=57))

    assert buttons(message)[MORE_ACTION] == {"q": "Quist", "n": 30}
    assert "…and 47 more" in json.dumps(message["blocks"], ensure_ascii=False)


def test_several_speakers_name_each_quote_and_their_role():
    answer = person_answer([quote(1), quote(2, BAKER)], speakers=(QUIST, BAKER), query="council")

    first, second = sections(who_said_message(answer))
    assert first.startswith("*Mara Quist* (union official)\n")
    assert second.startswith("*Tom Baker* (Council leader)\n")


def test_a_topic_answer_groups_quotes_by_speaker():
    answer = WhoSaidAnswer(
        query="ferry", kind="topic", matched_by="terms", speakers=(), quotes=(quote(1), quote(2, BAKER), quote(3)),
        groups=(SpeakerQuotes(QUIST, "Mara Quist", (quote(1), quote(3))), SpeakerQuotes(BAKER, "Tom Baker",
                                                                                     (quote(2, BAKER),))),
        total=3,
    )

    message = who_said_message(answer)

    assert message["blocks"][0]["text"]["text"] == "Who said what about “ferry”"
    assert [text.split("\n")[0] for text in sections(message)] == [
        "*Mara Quist* (union official)", "*Mara Quist* (union official)", "*Tom Baker* (Council leader)"]


def test_huge_answers_and_huge_quotes_stay_within_slack_limits():
    quotes = [quote(n, words="word " * 2000) for n in range(200)]
    long_query = "x" * 500

    message = who_said_message(person_answer(quotes, total=5000, query=long_query))

    assert_within_slack_limits(message)
    assert len(buttons(message)[SHARE_ACTION]["q"]) == MAX_QUERY_LENGTH
    assert all(text.count("\n") == 1 for text in sections(message))


def test_shared_answers_have_no_buttons_and_say_who_shared_them():
    message = who_said_message(person_answer([quote(1)]), shared_by="U123")

    assert buttons(message) == {}
    assert "Shared by <@U123>" in json.dumps(message["blocks"])


def test_a_miss_suggests_speakers_and_topics_the_archive_has():
    answer = WhoSaidAnswer(query="Novak", kind="none", matched_by=None, speakers=(), quotes=(), groups=(), total=0,
                           suggestions=Suggestions(speakers=("Mara Quist",), topics=("ferry",)))

    (text,) = sections(who_said_message(answer))

    assert "Nobody in the archive said anything matching “Novak”." in text
    assert "Mara Quist" in text and "ferry" in text
