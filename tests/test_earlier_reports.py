from bot.earlier_reports import earlier_reports
from tests.archive_factories import Said, article

QUIST = "We will fight this plan in every court in the land"


def test_a_statement_another_outlet_carried_before_is_marked_with_that_outlet(archive):
    archive.store(article(Said("Mara Quist", QUIST), outlet="portvale-post.example", title="Ferry to close",
                          url="https://portvale-post.example/ferry", ingested_at="2031-03-04T09:00:00+00:00"))
    later = archive.store(article(
        Said("Mara Quist", f"And {QUIST.lower()}, whatever it takes"),
        Said("Mara Quist", "Our members have kept this harbour running"),
        outlet="eastwick-news.example", ingested_at="2031-03-04T10:00:00+00:00",
    ))

    reports = earlier_reports(archive, later.id)

    assert list(reports) == [0]
    assert reports[0].outlet == "portvale-post.example"
    assert reports[0].url == "https://portvale-post.example/ferry"


def test_the_same_words_from_another_speaker_or_a_later_article_are_new(archive):
    first = archive.store(article(Said("Mara Quist", QUIST), ingested_at="2031-03-04T09:00:00+00:00"))
    archive.store(article(Said("Tom Baker", QUIST), ingested_at="2031-03-04T08:00:00+00:00", extra="b"))
    archive.store(article(Said("Mara Quist", QUIST), ingested_at="2031-03-05T09:00:00+00:00", extra="c"))

    assert earlier_reports(archive, first.id) == {}


def test_an_article_the_archive_does_not_hold_has_no_reports(archive):
    assert earlier_reports(archive, "0" * 20) == {}
