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


def timeml(nlp, text, pub=PUB):
    return [(t.text, t.kind, t.timeml) for t in find_timexes(nlp(text), pub)]


def test_weeks_years_and_seasons_relative_to_publication(nlp):
    assert timeml(nlp, "The two leaders met in Geneva this week and will meet again next year.") == [
        ("this week", "DATE", "2022-W40"), ("next year", "DATE", "2023")]
    assert timeml(nlp, "The ceasefire collapsed last summer, and two years ago the rebels took the city.") == [
        ("last summer", "DATE", "2022-SU"), ("two years ago", "DATE", "2020")]
    assert timeml(nlp, "Exports fell sharply last quarter.") == [("last quarter", "DATE", "2022-Q3")]


def test_present_and_past_references(nlp):
    assert timeml(nlp, "The opposition is currently boycotting parliament, as it did in the past.") == [
        ("currently", "DATE", "PRESENT_REF"), ("the past", "DATE", "PAST_REF")]


def test_durations_and_sets_but_not_ages(nlp):
    text = "Troops have been deployed there for three years, and over the past decade the region was rarely calm."
    assert timeml(nlp, text) == [("three years", "DURATION", "P3Y"), ("the past decade", "DURATION", "P10Y")]
    assert timeml(nlp, "Inspectors visit the site every year.") == [("every year", "SET", "P1Y")]
    assert timeml(nlp, "A 22-year-old man and children ages 6 months and older were among the victims.") == []


def test_month_without_year_follows_the_tense(nlp):
    assert timeml(nlp, "The talks will resume on April 7.") == [("April 7", "DATE", "2023-04-07")]
    assert timeml(nlp, "The talks resumed on April 7.") == [("April 7", "DATE", "2022-04-07")]
    assert dates(nlp, "The foreign ministers will meet in Vienna in May.", ["meet"]) == [("2023-05", "month")]


def test_bare_years_ranges_and_centuries(nlp):
    assert timeml(nlp, "Israel apologized for a 2010 raid on the flotilla.") == [("2010", "DATE", "2010")]
    assert timeml(nlp, "The team scored 2019 points.") == []
    assert timeml(nlp, "The war of 1998-99 killed thousands.") == [("1998", "DATE", "1998"), ("99", "DATE", "1999")]
    assert timeml(nlp, "Borders drawn in the 20th century are contested.") == [("the 20th century", "DATE", "19")]


def test_new_expressions_do_not_misdate_events(nlp):
    # a duration dates nothing: the news frame still gives the publication day
    assert dates(nlp, "The army has fought the rebels for three years.", ["fought"]) == [("2022-10-03", "day")]
    # a year that modifies a noun dates that noun, not the verb above it
    assert dates(nlp, "Netanyahu apologized to Turkey for a 2010 raid on the flotilla.", ["apologized", "raid"]) == [
        ("2022-10-03", "day"), ("2010", "year")]
    assert dates(nlp, "Rebels will attack the town on Friday, a commander said.", ["attack"]) == [("2022-10-07", "day")]
    assert dates(nlp, "In the past, Iran has threatened Israel with missiles.", ["threatened"]) == [(None, "unknown")]


def test_bare_weekday_and_participle_of_onset(nlp):
    # a weekday without "on" dates its verb; "beginning Friday" times the clause it hangs from, in the future
    assert dates(nlp, "Gunmen freed 12 captives Saturday near the border.", ["freed"]) == [("2022-10-01", "day")]
    assert dates(nlp, "Officials said negotiations between the two sides will take place in Oslo beginning Friday.",
                 ["negotiations"]) == [("2022-10-07", "day")]


def test_reporting_day_does_not_date_an_earlier_report(nlp):
    # "has freed" precedes the report: the day named for the freeing wins over the day of the saying
    text = ("The militia has freed six aid workers, the UN said Sunday. "
            "It added that the handover took place Friday in a remote village.")
    assert dates(nlp, text, ["freed"]) == [("2022-09-30", "day")]
    # a reported present is the report's own day
    assert dates(nlp, "In a statement Saturday, the ministry said it was withdrawing its envoy from Minsk.",
                 ["withdrawing"]) == [("2022-10-01", "day")]


def test_news_day_named_later_in_the_passage(nlp):
    text = "The council has condemned the missile launches. The statement on Thursday was adopted unanimously."
    assert dates(nlp, text, ["condemned"]) == [("2022-09-29", "day")]


def test_time_of_an_event_noun_stays_with_it(nlp):
    text = "Poland expelled a Belarusian diplomat in response to Minsk's expulsion last week of a Polish consul."
    assert dates(nlp, text, ["expelled", "expulsion"]) == [("2022-10-03", "day"), ("2022-09", "month")]


def test_later_mention_with_its_day_dates_the_lead(nlp):
    text = ("A court has jailed an opposition blogger for three years, his lawyer said. "
            "The blogger was arrested in June and jailed on Sept. 20 by a district court.")
    assert dates(nlp, text, ["jailed"])[0] == ("2022-09-20", "day")


def test_narrative_continuity_from_the_main_clause(nlp):
    text = ("Border guards pulled back two kilometres yesterday. "
            "Trucks were seen leaving the area close to the site of the August 3 clash.")
    assert dates(nlp, text, ["leaving"]) == [("2022-10-02", "day")]
    # a relative clause's year is its own event's, not the narrative time of the next sentence
    text = "The rebels, who seized the town in 2009, attacked the base on Sunday. They also shelled the airport."
    assert dates(nlp, text, ["attacked", "shelled"]) == [("2022-10-02", "day"), ("2022-10-02", "day")]


def test_participle_before_the_verb_sets_the_date(nlp):
    text = "The accord, dated 14 July, was signed by the two interior ministers."
    assert dates(nlp, text, ["signed"]) == [("2022-07-14", "day")]


def test_approximate_past_gets_month_precision(nlp):
    assert dates(nlp, "The army seized the port two weeks ago.", ["seized"]) == [("2022-09", "month")]
    assert dates(nlp, "In recent weeks, several convoys have come under fire.", ["fire"]) == [("2022-09", "month")]
    text = "Rebels freed 40 prisoners on Sunday. They had freed 15 others a few hours earlier."
    assert dates(nlp, text, ["freed"]) == [("2022-10-02", "day"), ("2022-10-02", "day")]


def test_hypothetical_events_without_a_time_are_unknown(nlp):
    assert dates(nlp, "Police foiled a planned attack on the embassy.", ["attack"]) == [(None, "unknown")]
    assert dates(nlp, "The government plans to expel the ambassador.", ["expel"]) == [(None, "unknown")]
    text = "The two presidents will meet in Geneva on Friday. Their foreign ministers will attend."
    assert dates(nlp, text, ["meet", "attend"]) == [("2022-10-07", "day"), ("2022-10-07", "day")]


def test_past_perfect_step_before_the_news_is_a_month(nlp):
    text = "Rebels attacked an army post on Saturday. The army said it had captured three of the fighters."
    assert dates(nlp, text, ["attacked", "captured"]) == [("2022-10-01", "day"), ("2022-10", "month")]
    # an ongoing or habitual past is background
    assert dates(nlp, "The army said the rebels had long attacked its posts.", ["attacked"]) == [(None, "unknown")]


def test_relative_time_before_a_named_event_is_not_counted_from_the_last_date(nlp):
    text = "Talks will resume on November 7. An hour before the truce, the council adopted a resolution."
    assert dates(nlp, text, ["adopted"]) == [("2022-10-03", "day")]


def test_bare_participle_takes_the_tense_of_its_clause(nlp):
    text = ("The envoy had spoken on 28 September about a prisoner release. "
            "He made the remarks to reporters travelling with him during his tour of the region.")
    assert dates(nlp, text, ["tour"]) == [("2022-09-28", "day")]


def test_narrative_date_stays_in_its_paragraph(nlp):
    """The date an undated past clause inherits is the last one of its own paragraph (found by bisection over the
    anchors' ends: the nearest earlier anchor in another paragraph stops the search)."""
    assert dates(nlp, "In 2008, rebels seized the town. Troops attacked the base.", ["seized", "attacked"]) \
        == [("2008", "year"), ("2008", "year")]
    assert dates(nlp, "In 2008, rebels seized the town.\nTroops attacked the base.", ["seized", "attacked"]) \
        == [("2008", "year"), ("2022-10-03", "day")]


def test_a_verb_shares_the_date_of_the_verb_conjoined_after_it(nlp):
    assert dates(nlp, "The opposition leader was tried and jailed on Sept. 20.", ["tried", "jailed"]) \
        == [("2022-09-20", "day"), ("2022-09-20", "day")]


def test_each_clause_of_a_long_sentence_keeps_its_own_date(nlp):
    """Seven conjoined clauses in one sentence, each dated by its own weekday (the most recent one; Monday is the
    publication day): the per-sentence and per-word indexes give each event its own clause's date."""
    days = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    towns = ["Aleppo", "Homs", "Hama", "Idlib", "Raqqa", "Daraa", "Palmyra"]
    text = "R" + ", and ".join(f"rebels shelled {town} on {day}" for town, day in zip(towns, days))[1:] + "."
    assert len(list(nlp(text).sents)) == 1
    assert dates(nlp, text, ["shelled"]) == [("2022-10-03", "day")] + [(f"2022-09-{d}", "day") for d in range(27, 31)] \
        + [("2022-10-01", "day"), ("2022-10-02", "day")]
