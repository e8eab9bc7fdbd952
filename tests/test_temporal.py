"""Event dates from the governing time expression, at honest precision, on real news sentences."""

from datetime import date

import pytest

from sanderling.annotate import load_pipeline
from sanderling.errors import DateError
from sanderling.temporal import TimeResolver, find_timexes, parse_pub_date

PUB = date(2022, 10, 3)  # a Monday


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def dates(nlp, text, words, pub=PUB):
    doc = nlp(text)
    triggers = [t for w in words for t in doc if t.text == w]
    return [(d.date, d.precision) for d in TimeResolver().resolve(doc, triggers, pub)]


def test_month_and_year_keep_their_precision(nlp):
    assert dates(nlp, "In February 2012, Iran attacked Azerbaijan for collaborating with Mossad.", ["attacked"]) \
        == [("2012-02", "month")]
    assert dates(nlp, "In 2012, Israel and Azerbaijan signed an agreement.", ["signed"]) == [("2012", "year")]


def test_full_date_is_a_day(nlp):
    assert dates(nlp, "Troops withdrew from the town on March 5, 2014, officials said.", ["withdrew"]) \
        == [("2014-03-05", "day")]


def test_weekday_is_the_most_recent_such_day(nlp):
    assert dates(nlp, "The minister arrived in Baku on Monday.", ["arrived"]) == [("2022-10-03", "day")]
    assert dates(nlp, "The minister arrived in Baku on Friday.", ["arrived"]) == [("2022-09-30", "day")]


def test_relative_to_previous_dated_event(nlp):
    text = ("In February 2012, Iran attacked Azerbaijan for collaborating with Mossad. "
            "A few weeks later, Azerbaijan arrested 22 individuals.")
    assert dates(nlp, text, ["attacked", "arrested"]) == [("2012-02", "month"), ("2012-03", "month")]


def test_embedded_clause_takes_the_governing_date(nlp):
    text = "Back in March 2012, Foreign Policy revealed that the Israeli Air Force is using the airbase."
    assert dates(nlp, text, ["using"]) == [("2012-03", "month")]


def test_news_lead_inherits_publication_day_but_background_does_not(nlp):
    text = "Minister Gantz met with President Aliyev.\nIsraeli intelligence has been helping Azerbaijan."
    assert dates(nlp, text, ["met", "helping"]) == [("2022-10-03", "day"), (None, "unknown")]


def test_yesterday_and_last_year(nlp):
    assert dates(nlp, "Police arrested the suspect yesterday.", ["arrested"]) == [("2022-10-02", "day")]
    assert dates(nlp, "The two countries signed a treaty last year.", ["signed"]) == [("2021", "year")]


def test_no_publication_date_means_no_invented_date(nlp):
    assert dates(nlp, "The minister arrived in Baku on Monday.", ["arrived"], pub=None) == [(None, "unknown")]


def test_find_timexes_values(nlp):
    doc = nlp("In May 2009 two men were convicted; on 12 June 2010 they appealed, and in 1998 a treaty was signed.")
    values = [(t.text, t.value, t.precision) for t in find_timexes(doc, PUB)]
    assert ("May 2009", "2009-05", "month") in values
    assert ("12 June 2010", "2010-06-12", "day") in values
    assert ("1998", "1998", "year") in values


def test_parse_pub_date():
    assert parse_pub_date("2022-10-03") == PUB
    assert parse_pub_date("2022-10-03T08:00:00Z") == PUB
    assert parse_pub_date(None) is None
    for bad in ("03/10/2022", "2022-13-01", "next Thursday"):
        with pytest.raises(DateError, match="YYYY-MM-DD"):
            parse_pub_date(bad)
