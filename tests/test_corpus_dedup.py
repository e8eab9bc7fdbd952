"""Duplicate documents (exact and syndicated near copies) and story events linked across documents."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pytest

from sanderling.corpus.dedup import DuplicateFinder, body_words, date_span, link_stories
from sanderling.export import flatten

# Columns of the store's events table that linking reads (the store has every flatten() column).
EVENT_COLUMNS = ("event_id", "doc_id", "event_type", "cameo", "source_country", "target_country", "date",
                 "date_precision", "location_country", "trigger_text", "sentence_text", "factuality")

# One wire story, as its agency sent it and as a client printed it (own headline, dateline, byline, footer).
WIRE_BODY = """Israeli Defence Minister Benny Gantz met Azerbaijan's President Ilham Aliyev in Baku on Monday to discuss security and military ties, the Israeli defence ministry said.
Gantz, who was accompanied by the ministry's director general, also met Azerbaijan's defence minister Zakir Hasanov and toured the headquarters of the State Border Service, the ministry said in a statement.
The two countries have built close ties over the past two decades. Israel supplies Azerbaijan with drones and missile defence systems, and Azerbaijan sells oil to Israel, which imports much of its crude through a pipeline that crosses Georgia and Turkey.
Gantz told Aliyev that Israel valued its strategic partnership with Azerbaijan and wanted to work towards regional peace and stability, the statement said. He also discussed the Abraham Accords and Israel's improving relations with Turkey.
Iran, which shares a long border with Azerbaijan, has repeatedly accused Baku of allowing Israel to use its territory for operations against the Islamic Republic, a charge Azerbaijan denies."""
WIRE = ("Israel's Gantz visits Azerbaijan for defence talks\nBAKU, Oct 3 (Wire) - " + WIRE_BODY
        + "\nReporting by Anna Writer in Baku; Additional reporting by Dan Other in Jerusalem; Editing by Bob Editor")
SYNDICATED = ("Israeli defence chief in Baku as ties with Azerbaijan deepen\nBy Anna Writer\n"
              "BAKU, Azerbaijan (Wire) — " + WIRE_BODY + "\n© 2022 Wire News. All rights reserved.")
SAME_TOPIC = """Azerbaijan and Israel deepen arms trade as Iran watches
JERUSALEM, Oct 5 (Other) - Azerbaijan bought more Israeli weapons last year than ever before, according to a report published on Wednesday by a Stockholm research institute, which said drones and loitering munitions made up most of the sales.
The report said Israel supplied nearly seventy percent of Azerbaijan's major arms imports between 2016 and 2020, and that the weapons played a large part in the 2020 war with Armenia over Nagorno-Karabakh.
Israeli officials declined to comment on the figures. Azerbaijan's defence ministry said its purchases were a matter for the government in Baku alone.
Iran has repeatedly warned Azerbaijan against close military cooperation with Israel, and held military drills near the border last year."""

# Reports written for this test: four outlets on Gantz's meeting with Aliyev in Baku on Monday 2022-10-03 (one
# published the next day, one at the end of the month saying only "this month"), and other events of the same
# dyad and type: a meeting a month later, one the same day in Jerusalem, two in Azerbaijan in the same days.
REPORTS = {
    "toi": ("2022-10-03", """Gantz lands in Baku for talks on security ties
Defense Minister Benny Gantz met Azerbaijani President Ilham Aliyev in Baku on Monday, as Israel seeks to deepen its security cooperation with the Caspian state.
Gantz also toured the headquarters of the State Border Service, his office said."""),
    "jns": ("2022-10-04", """Israel and Azerbaijan: a quiet alliance
Israeli Defense Minister Benny Gantz held talks with Azerbaijan's President Ilham Aliyev in Baku on Monday, the Defense Ministry said on Tuesday.
The two discussed regional security and defense cooperation."""),
    "wire": ("2022-10-03", """BAKU, Oct 3 (Wire) - Israeli Defence Minister Benny Gantz met Azerbaijan's President Ilham Aliyev in Baku on Monday to discuss security and military ties, the Israeli defence ministry said.
Reporting by A. Writer; Editing by B. Editor"""),
    "monthly": ("2022-10-31", "Israel's defense minister held talks with President Ilham Aliyev in Azerbaijan this month "
                              "on security cooperation."),
    "later": ("2022-11-07", "Israeli Defense Minister Benny Gantz met Azerbaijan's Defense Minister Zakir Hasanov in Baku "
                            "on Monday to sign a border security agreement."),
    "elsewhere": ("2022-10-03", "Israeli Defense Minister Benny Gantz met Azerbaijan's ambassador in Jerusalem on Monday."),
    "economy": ("2022-10-04", "Israeli Economy Minister Orna Barbivai visited Azerbaijan on Tuesday to discuss a trade deal."),
    "tourism": ("2022-10-04", "Israeli tourism officials hosted a delegation from Azerbaijan's travel industry in Baku "
                              "on Tuesday."),
}
SAME_MEETING = ("toi", "jns", "wire", "monthly")
OTHER_EVENTS = ("later", "elsewhere", "economy", "tourism")


def events_table(rows: list[dict[str, Any]]) -> duckdb.DuckDBPyConnection:
    """An in-memory DuckDB with an events table (no story_id yet) holding `rows`."""
    con = duckdb.connect()
    con.execute(f"CREATE TABLE events ({', '.join(f'{c} VARCHAR' for c in EVENT_COLUMNS)})")
    for row in rows:
        con.execute(f"INSERT INTO events VALUES ({', '.join('?' for _ in EVENT_COLUMNS)})",
                    [row[c] for c in EVENT_COLUMNS])
    return con


def row(event_id: str, doc_id: str, **fields: Any) -> dict[str, Any]:
    """A hand-built event row: by default Israel consults Azerbaijan in Baku on 2022-10-03."""
    base = {"event_id": event_id, "doc_id": doc_id, "event_type": "CONSULT", "cameo": "040",
            "source_country": "ISR", "target_country": "AZE", "date": "2022-10-03", "date_precision": "day",
            "location_country": "AZE", "trigger_text": "met", "factuality": "asserted",
            "sentence_text": "Defense Minister Benny Gantz met President Ilham Aliyev in Baku on Monday."}
    base.update(fields)
    if "date" in fields and "date_precision" not in fields:
        base["date_precision"] = {4: "year", 7: "month", 10: "day"}.get(len(fields["date"] or ""), "unknown")
    return base


def story_of(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    return dict(con.execute("SELECT event_id, story_id FROM events").fetchall())


def stories(con: duckdb.DuckDBPyConnection) -> dict[str, dict[str, Any]]:
    columns, *_ = zip(*con.execute("DESCRIBE stories").fetchall())
    records = [dict(zip(columns, r)) for r in con.execute("SELECT * FROM stories").fetchall()]
    return {record["story_id"]: record for record in records}


def linked(rows: list[dict[str, Any]], **options: Any) -> dict[str, str]:
    con = events_table(rows)
    link_stories(con, **options)
    return story_of(con)


# DuplicateFinder ------------------------------------------------------------------------------------------------

def test_exact_duplicate_ignores_case_and_spacing() -> None:
    finder = DuplicateFinder()
    assert finder.check("a", "Police arrested 40 protesters in Nairobi.") is None
    assert finder.check("b", "police  arrested 40\nprotesters in NAIROBI.") == "a"


def test_syndicated_copy_under_another_headline_byline_and_footer_is_a_near_duplicate() -> None:
    finder = DuplicateFinder()
    assert finder.check("wire", WIRE) is None
    assert finder.check("client", SYNDICATED) == "wire"


def test_copy_with_a_few_words_edited_is_a_near_duplicate() -> None:
    finder = DuplicateFinder()
    finder.check("wire", WIRE)
    edited = WIRE.replace("past two decades", "last twenty years").replace("a charge Azerbaijan denies",
                                                                            "which Baku has always denied")
    assert finder.check("edited", edited) == "wire"


def test_another_story_on_the_same_topic_is_not_a_duplicate() -> None:
    finder = DuplicateFinder()
    finder.check("wire", WIRE)
    assert finder.check("other", SAME_TOPIC) is None
    assert finder.check("copy", SAME_TOPIC.replace("JERUSALEM, Oct 5 (Other) - ", "")) == "other"


def test_duplicates_point_at_the_original_and_are_not_remembered() -> None:
    finder = DuplicateFinder()
    finder.check("wire", WIRE)
    assert finder.check("client", SYNDICATED) == "wire"
    assert finder.check("again", SYNDICATED) == "wire"
    assert len(finder) == 1


def test_short_texts_match_only_exactly() -> None:
    finder = DuplicateFinder()
    assert finder.check("mon", "Police arrested 40 protesters in Nairobi on Monday.") is None
    assert finder.check("tue", "Police arrested 40 protesters in Nairobi on Tuesday.") is None
    assert finder.check("mon2", "Police arrested 40 protesters in Nairobi on Monday.") == "mon"


def test_the_same_document_again_is_not_its_own_duplicate() -> None:
    finder = DuplicateFinder()
    assert finder.check("wire", WIRE) is None
    assert finder.check("wire", WIRE) is None


def test_signatures_round_trip_through_a_blob_column() -> None:
    """A resumed run reloads the originals' signatures from the store and still finds their copies."""
    first = DuplicateFinder()
    con = duckdb.connect()
    con.execute("CREATE TABLE documents (doc_id VARCHAR, minhash BLOB)")
    for doc_id, text in (("wire", WIRE), ("short", "Police arrested 40 protesters in Nairobi.")):
        assert first.check(doc_id, text) is None
        con.execute("INSERT INTO documents VALUES (?, ?)", [doc_id, first.signature(text)])
    resumed = DuplicateFinder()
    for doc_id, blob in con.execute("SELECT doc_id, minhash FROM documents").fetchall():
        resumed.add_signature(doc_id, blob)
    assert resumed.signature(WIRE) == first.signature(WIRE)
    assert resumed.check("client", SYNDICATED) == "wire"
    assert resumed.check("short2", "POLICE arrested 40 protesters in Nairobi.") == "short"
    assert resumed.check("other", SAME_TOPIC) is None


def test_check_signature_is_check() -> None:
    finder = DuplicateFinder()
    assert finder.check_signature("wire", finder.signature(WIRE)) is None
    assert finder.check_signature("client", finder.signature(SYNDICATED)) == "wire"


def test_a_text_with_a_lone_surrogate_has_a_signature() -> None:
    finder = DuplicateFinder()
    assert finder.check("bad", WIRE + "\ud800") is None
    assert finder.check("copy", SYNDICATED + "\ud800") == "bad"


def test_a_signature_made_with_other_settings_is_refused() -> None:
    other = DuplicateFinder(num_perm=64).signature(WIRE)
    with pytest.raises(ValueError, match="num_perm=128"):
        DuplicateFinder().add_signature("wire", other)


def test_body_words_leave_out_headline_dateline_byline_and_credits() -> None:
    words = body_words("Gantz in Baku\nBy Anna Writer\nBAKU, Oct 3 (Wire) - Gantz met Aliyev.\nReporting by A. Writer")
    assert words == ["gantz", "met", "aliyev"]
    assert body_words("By the river") == ["by", "the", "river"]
    assert body_words("Gantz met Aliyev.\n(Reporting by A. Writer; Editing by B. Editor)") == ["gantz", "met", "aliyev"]


# Story events from coded reports ------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def coded(coder) -> list[dict[str, Any]]:
    """The test reports' events coded by the real coder, as flat rows with the report's name as doc_id."""
    rows = []
    for doc_id, (published, text) in REPORTS.items():
        for event in coder.code(text, date=published):
            event.doc_id, event.event_id = doc_id, f"{doc_id}-{event.event_id.rsplit('-', 1)[1]}"
            rows.append(flatten(event))
    return rows


@pytest.fixture(scope="module")
def reports(coded: list[dict[str, Any]]) -> duckdb.DuckDBPyConnection:
    """All the coded reports in an events table, linked into stories."""
    con = events_table(coded)
    link_stories(con)
    return con


def meetings(con: duckdb.DuckDBPyConnection, doc_ids: tuple[str, ...]) -> dict[str, list[tuple[str, str]]]:
    """(event_id, story_id) of each document's Israel-consults-Azerbaijan events."""
    found: dict[str, list[tuple[str, str]]] = {doc_id: [] for doc_id in doc_ids}
    for doc_id, event_id, story_id in con.execute(
            "SELECT doc_id, event_id, story_id FROM events WHERE event_type = 'CONSULT' AND source_country = 'ISR' "
            "AND target_country = 'AZE' AND factuality = 'asserted' ORDER BY event_id").fetchall():
        if doc_id in found:
            found[doc_id].append((event_id, story_id))
    assert all(found.values()), f"the coder found no Israel-Azerbaijan meeting in {found}"
    return found


def test_four_reports_of_one_meeting_are_one_story(reports: duckdb.DuckDBPyConnection) -> None:
    found = meetings(reports, SAME_MEETING)
    story_ids = {story_id for events in found.values() for _event, story_id in events}
    assert len(story_ids) == 1
    story = stories(reports)[story_ids.pop()]
    assert story["n_documents"] == 4
    assert story["doc_ids"] == sorted(SAME_MEETING)
    assert story["first_date"] == "2022-10-03"
    assert (story["event_type"], story["source_country"], story["target_country"]) == ("CONSULT", "ISR", "AZE")
    assert story["story_id"] in story["event_ids"]


def test_two_reports_with_different_triggers_link_on_their_words(coded: list[dict[str, Any]]) -> None:
    """The wire's "met" and the monthly's "held talks" have the lowest word overlap of the four reports."""
    con = events_table([r for r in coded if r["doc_id"] in ("wire", "monthly")])
    link_stories(con)
    found = meetings(con, ("wire", "monthly"))
    triggers = dict(con.execute("SELECT doc_id, trigger_text FROM events WHERE event_type = 'CONSULT'").fetchall())
    assert triggers["wire"] != triggers["monthly"]
    assert len({story for events in found.values() for _event, story in events}) == 1


def test_other_meetings_of_the_dyad_are_other_stories(reports: duckdb.DuckDBPyConnection) -> None:
    """A month later, the same day in Jerusalem, and other ministers' visits in the same days in Azerbaijan."""
    meeting = {story for events in meetings(reports, SAME_MEETING).values() for _event, story in events}
    others = meetings(reports, OTHER_EVENTS)
    for doc_id, events in others.items():
        assert {story for _event, story in events}.isdisjoint(meeting), doc_id
    assert len({story for events in others.values() for _event, story in events}) == len(OTHER_EVENTS)


def test_every_coded_event_is_in_exactly_one_story(reports: duckdb.DuckDBPyConnection) -> None:
    events = story_of(reports)
    listed = [e for story in stories(reports).values() for e in story["event_ids"]]
    assert sorted(listed) == sorted(events)
    assert all(story in stories(reports) for story in events.values())


def test_linking_again_keeps_the_story_ids(reports: duckdb.DuckDBPyConnection) -> None:
    before = story_of(reports)
    n = reports.execute("SELECT count(*) FROM stories").fetchone()[0]
    assert link_stories(reports) == n
    assert story_of(reports) == before


# Story events from hand-built rows ---------------------------------------------------------------------------

def test_lone_events_are_their_own_stories() -> None:
    con = events_table([row("a-1", "a"), row("b-1", "b", event_type="ASSAULT", cameo="190")])
    assert link_stories(con) == 2
    assert story_of(con) == {"a-1": "a-1", "b-1": "b-1"}
    assert stories(con)["b-1"]["n_documents"] == 1


def test_events_of_one_document_are_never_merged() -> None:
    assert linked([row("a-1", "a"), row("a-2", "a")]) == {"a-1": "a-1", "a-2": "a-2"}


def test_each_document_gives_a_story_one_event() -> None:
    """b's one event joins one of a's two, not both."""
    story = linked([row("a-1", "a"), row("a-2", "a"), row("b-1", "b")])
    assert story["a-1"] != story["a-2"]
    assert story["b-1"] in (story["a-1"], story["a-2"])


@pytest.mark.parametrize("factuality", ["negated", "hypothetical"])
def test_only_asserted_events_are_linked(factuality: str) -> None:
    story = linked([row("a-1", "a"), row("b-1", "b", factuality=factuality), row("c-1", "c", factuality=factuality)])
    assert len(set(story.values())) == 3


def test_different_dyads_and_types_are_not_linked() -> None:
    story = linked([row("a-1", "a"), row("b-1", "b", target_country="ARM"), row("c-1", "c", source_country="TUR"),
                    row("d-1", "d", event_type="AGREE", cameo="030")])
    assert len(set(story.values())) == 4


@pytest.mark.parametrize(("other", "together"), [
    ("2022-10-03", True), ("2022-10-06", True), ("2022-10-07", False), ("2022-09-30", True),
    ("2022-10", True), ("2022", True), ("2022-09", False), ("2021", False),
])
def test_dates_link_when_equal_contained_or_within_max_days(other: str, together: bool) -> None:
    story = linked([row("a-1", "a"), row("b-1", "b", date=other)])
    assert (story["a-1"] == story["b-1"]) is together


def test_max_days_is_an_option() -> None:
    rows = [row("a-1", "a"), row("b-1", "b", date="2022-10-04")]
    assert len(set(linked(rows).values())) == 1
    assert len(set(linked(rows, max_days=0).values())) == 2


def test_all_days_of_a_story_lie_within_max_days() -> None:
    story = linked([row("a-1", "a", date="2022-10-01"), row("b-1", "b", date="2022-10-03"),
                    row("c-1", "c", date="2022-10-05")])
    assert story["a-1"] != story["c-1"]
    assert story["b-1"] in (story["a-1"], story["c-1"])


def test_a_month_must_hold_every_day_of_its_story() -> None:
    story = linked([row("a-1", "a", date="2022-09-30"), row("b-1", "b", date="2022-10-01"),
                    row("c-1", "c", date="2022-10")])
    assert story["a-1"] != story["c-1"]


@pytest.mark.parametrize(("other", "together"), [("AZE", True), (None, True), ("ISR", False)])
def test_places_link_when_equal_or_one_unknown(other: str | None, together: bool) -> None:
    story = linked([row("a-1", "a"), row("b-1", "b", location_country=other)])
    assert (story["a-1"] == story["b-1"]) is together


def test_a_report_without_place_does_not_chain_two_places() -> None:
    story = linked([row("a-1", "a", location_country="AZE"), row("b-1", "b", location_country=None),
                    row("c-1", "c", location_country="ISR")])
    assert story["a-1"] != story["c-1"]
    assert story["b-1"] in (story["a-1"], story["c-1"])


def test_similar_sentences_link_with_different_triggers() -> None:
    story = linked([row("a-1", "a"), row("b-1", "b", trigger_text="held talks",
                    sentence_text="Israel's defence minister Benny Gantz held talks with President Aliyev in Baku.")])
    assert story["a-1"] == story["b-1"]


def test_dissimilar_sentences_link_only_with_the_same_trigger() -> None:
    other = "Israeli tourism officials hosted a delegation from Azerbaijan's travel industry on Tuesday."
    apart = linked([row("a-1", "a"), row("b-1", "b", trigger_text="hosted", sentence_text=other)])
    assert apart["a-1"] != apart["b-1"]
    together = linked([row("a-1", "a", trigger_text="visited"), row("b-1", "b", trigger_text="visits",
                                                                     sentence_text=other)])
    assert together["a-1"] == together["b-1"]


def test_the_most_similar_report_is_joined_first() -> None:
    """c fits a's story or b's (a and b are a day too far apart to be one); it joins the one it resembles."""
    close = "Defense Minister Benny Gantz held talks with President Ilham Aliyev in Baku on Monday."
    story = linked([row("a-1", "a", date="2022-10-01", sentence_text="Gantz met Azerbaijani officials in Baku."),
                    row("b-1", "b", date="2022-10-05", trigger_text="held talks", sentence_text=close),
                    row("c-1", "c", date="2022-10-03", trigger_text="held talks", sentence_text=close)])
    assert story["c-1"] == story["b-1"] != story["a-1"]


def test_first_date_is_the_earliest_and_most_precise() -> None:
    con = events_table([row("a-1", "a", date="2022-10"), row("b-1", "b", date="2022-10-04"),
                        row("c-1", "c", date="2022-10-03"), row("d-1", "d", date="2022")])
    link_stories(con)
    assert set(story_of(con).values()) == {"c-1"}
    story = stories(con)["c-1"]
    assert (story["first_date"], story["n_documents"]) == ("2022-10-03", 4)
    assert story["event_ids"] == ["a-1", "b-1", "c-1", "d-1"]


def test_story_ids_do_not_depend_on_row_order_or_other_stories() -> None:
    rows = [row("b-1", "b"), row("a-1", "a"), row("c-1", "c", date="2022-10-04")]
    first = linked(rows)
    again = linked([*reversed(rows), row("d-1", "d", date="2022-12-01")])
    assert {k: v for k, v in again.items() if k != "d-1"} == first == {"a-1": "a-1", "b-1": "a-1", "c-1": "a-1"}


def test_an_event_with_no_target_links_on_its_source_alone() -> None:
    protest = "Thousands of protesters marched through Nairobi on Monday against rising prices."
    story = linked([row(f"{d}-1", d, event_type="PROTEST", cameo="141", source_country="KEN", target_country=None,
                        location_country="KEN", trigger_text="marched", sentence_text=protest) for d in "ab"])
    assert story["a-1"] == story["b-1"]


def test_events_with_no_country_or_no_date_stay_alone() -> None:
    story = linked([row("a-1", "a", source_country=None, target_country=None),
                    row("b-1", "b", source_country=None, target_country=None),
                    row("c-1", "c", date=None), row("d-1", "d", date=None)])
    assert len(set(story.values())) == 4


def test_stories_are_replaced_on_each_run() -> None:
    con = events_table([row("a-1", "a"), row("b-1", "b"), row("c-1", "c", date="2023-01-01")])
    assert link_stories(con) == 2
    con.execute("UPDATE events SET date = '2022-10-03' WHERE event_id = 'c-1'")
    assert link_stories(con) == 1
    assert list(stories(con)) == ["a-1"]


def test_a_stories_table_made_by_the_store_is_filled() -> None:
    """The store may create the table first, with its columns in another order."""
    con = events_table([row("a-1", "a"), row("b-1", "b")])
    con.execute("ALTER TABLE events ADD COLUMN story_id VARCHAR")
    con.execute("CREATE TABLE stories (doc_ids VARCHAR[], event_ids VARCHAR[], story_id VARCHAR, event_type VARCHAR, "
                "source_country VARCHAR, target_country VARCHAR, first_date VARCHAR, n_documents INTEGER)")
    assert link_stories(con) == 1
    assert stories(con)["a-1"]["doc_ids"] == ["a", "b"]


@pytest.mark.parametrize(("text", "span"), [
    ("2022-10-03", ("day", date(2022, 10, 3), date(2022, 10, 3))),
    ("2022-12", ("month", date(2022, 12, 1), date(2022, 12, 31))),
    ("2024-02", ("month", date(2024, 2, 1), date(2024, 2, 29))),
    ("2022", ("year", date(2022, 1, 1), date(2022, 12, 31))),
])
def test_date_span(text: str, span: tuple[str, date, date]) -> None:
    precision, first, last = date_span(text)
    assert (precision, date.fromordinal(first), date.fromordinal(last)) == span


@pytest.mark.parametrize("text", ["2022-13", "2022-02-30", "soon", ""])
def test_date_span_of_a_non_date_is_none(text: str) -> None:
    assert date_span(text) is None
