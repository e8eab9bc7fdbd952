"""Exporters on hand-built events: lossless JSON/JSONL, the CSV columns, PLOVER's own field names, the table."""

from __future__ import annotations

import csv
import io
import json

import pytest

from sanderling.errors import SanderlingError
from sanderling.export import CSV_COLUMNS, open_writer, to_plover, write_events
from sanderling.model import Document, Event, Location

from conftest import SHARED

# Field names from the PLOVER manual (draft 0.8): "PLOVER JSON", entity, location and textInfo tables.
PLOVER_RECORD = {"id", "has_event", "date", "time", "enddate", "endtime", "actor", "recipient", "event",
                 "event_loc", "event_text", "quad_code", "event_scale", "mode", "context", "link", "text",
                 "text_info", "cite_info", "coder", "coded_date", "coded_time", "comment"}
PLOVER_ENTITY = {"code", "sector", "entity_text", "identifier_id", "identifier_text", "religion", "ethnicity",
                 "office", "gender", "age"}
PLOVER_LOCATION = {"extracted_place", "resolved_place", "geonameid", "lat", "lon", "city", "district",
                   "province", "country", "country_code", "feature_class", "feature_code", "resolution"}
SANDERLING_EXTRAS = {"doc_id", "cameo", "date_precision", "date_text", "factuality", "confidence"}
BAKU = Location(name="Baku", country="AZE", lat=40.38, lon=49.89, text="Baku", start=40, end=44, geonameid=587084)


def events(make_event) -> list[Event]:
    return [
        make_event(location=BAKU, context=("military",), mode="visit"),
        make_event("ASSAULT", "ISR", "IRN", n=2, sentence=5, date="2012-03", factuality="hypothetical",
                   cameo="190", source_sector="MIL"),
        make_event("PROTEST", "AZE", None, n=3, date=None, cameo=None),
    ]


def render(fmt: str, evs: list[Event], document: Document | None = None) -> str:
    out = io.StringIO()
    write_events(evs, fmt, out, document)
    return out.getvalue()


def test_jsonl_round_trips(make_event):
    evs = events(make_event)
    lines = render("jsonl", evs).splitlines()
    assert [Event.from_dict(json.loads(line)) for line in lines] == evs


def test_json_is_one_array_that_round_trips(make_event):
    evs = events(make_event)
    assert [Event.from_dict(d) for d in json.loads(render("json", evs))] == evs
    assert json.loads(render("json", [])) == []


def test_json_streams_several_documents_into_one_array(make_event):
    out = io.StringIO()
    writer = open_writer("json", out)
    writer.write(events(make_event)[:2])
    writer.write([])
    writer.write(events(make_event)[2:])
    writer.close()
    assert [d["event_id"] for d in json.loads(out.getvalue())] == ["doc-1", "doc-2", "doc-3"]


def test_csv_header_and_flattened_values(make_event):
    evs = events(make_event)
    rows = list(csv.DictReader(io.StringIO(render("csv", evs))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert {"source_country", "source_sector", "source_text", "trigger_start", "location_name"} <= set(CSV_COLUMNS)
    first, _, third = rows
    assert (first["source_country"], first["source_sector"], first["target_country"]) == ("ISR", "GOV", "AZE")
    assert first["source_text"] == evs[0].source.text
    assert int(first["trigger_start"]) == evs[0].trigger.start
    assert (first["location_name"], first["location_geonameid"], first["context"]) == ("Baku", "587084", "military")
    assert third["target_country"] == "" and third["date"] == "" and third["date_precision"] == "unknown"
    assert render("csv", []).strip() == ",".join(CSV_COLUMNS)


def test_plover_records_use_the_manual_field_names(make_event):
    records = [json.loads(line) for line in render("plover", events(make_event)).splitlines()]
    for record in records:
        assert set(record) <= PLOVER_RECORD | SANDERLING_EXTRAS
        assert {"id", "date", "actor", "event"} <= set(record)
        for entity in record["actor"] + record["recipient"]:
            assert set(entity) <= PLOVER_ENTITY
        if record["event_loc"] is not None:
            assert set(record["event_loc"]) <= PLOVER_LOCATION
    visit, attack, protest = records
    assert visit["actor"] == [{"code": "ISR", "sector": "GOV", "entity_text": "Defense Minister Benny Gantz",
                               "identifier_text": "Benny Gantz"}]
    assert visit["recipient"][0]["code"] == "AZE"
    assert (visit["event"], visit["mode"], visit["context"], visit["quad_code"]) == (["CONSULT"], ["visit"],
                                                                                    ["military"], 1)
    assert visit["event_loc"]["resolved_place"] == "Baku" and visit["event_loc"]["country_code"] == "AZE"
    assert visit["event_loc"]["country"] == "Azerbaijan"
    assert visit["event_text"] == ["met"]
    assert attack["context"] == ["hypothetical"] and attack["quad_code"] == 4
    assert (attack["date"], attack["date_precision"]) == ("2012-03", "month")
    assert protest["recipient"] == [] and protest["mode"] is None and protest["date"] is None


def test_plover_text_info_offsets_point_into_the_document(make_event):
    event = make_event()
    text = "Background first. " + event.sentence_text + " Another sentence."
    shift = len("Background first. ")
    event.trigger.start += shift
    event.trigger.end += shift
    record = to_plover(event, Document(text=text, id="doc", url="https://example.org/a", title="Visit"))
    info = record["text_info"]
    assert text[info["start"]:info["end"]] == event.sentence_text
    assert info["sequence"] == event.sentence
    assert record["cite_info"]["url"] == "https://example.org/a" and record["cite_info"]["title"] == "Visit"


def test_plover_names_match_the_shared_ontology():
    path = SHARED / "data" / "PLOVER" / "plover_ontology.json"
    if not path.is_file():
        pytest.skip(f"{path} is not present (shared/ is not beside the checkout)")
    ontology = json.loads(path.read_text())
    assert {f["name"] for f in ontology["json_record_fields"]} == PLOVER_RECORD
    assert set(ontology["entity_fields"]) == PLOVER_ENTITY
    assert set(ontology["location_fields"]) == PLOVER_LOCATION
    from sanderling.export import QUAD_CODES
    assert QUAD_CODES == {t["name"]: t["quad_code"] for t in ontology["event_types"]}


def test_table_shows_actors_and_types_and_survives_markup_like_text(make_event):
    evs = events(make_event)
    evs[0].source.text = "[bold]Gantz[/bold]"
    out = render("table", evs, Document(text="x", id="gantz"))
    assert "gantz: 3 events" in out
    assert "[bold]Gantz[/bold]" in out.replace("\n", "")
    for word in ("CONSULT", "ASSAULT", "PROTEST", "hypothetical", "2012-03", "Baku [AZE]"):
        assert word in out


def test_unknown_format_lists_the_choices():
    with pytest.raises(SanderlingError, match="unknown output format 'xml'.*table, jsonl, json, csv, plover"):
        open_writer("xml", io.StringIO())
