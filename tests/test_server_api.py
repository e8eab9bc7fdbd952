"""The HTTP API (sanderling/server) through FastAPI's TestClient, over a store that a real corpus run builds from news
sentences written for this file: every route, every filter against the same filter applied by hand, keyset pages,
downloads, limits (413/422/403/404), SQL injection attempts in every parameter, and the read-only guarantee."""

from __future__ import annotations

import csv
import hashlib
import io
import json
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import quote

import duckdb
import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from sanderling.cli import app as cli_app
from sanderling.corpus.run import run_corpus
from sanderling.corpus.store import COLUMNS
from sanderling.errors import StoreError
from sanderling.export import QUAD_CODES
from sanderling.server import create_app
from sanderling.server.queries import SORTS, Cursor

EXAMPLE = Path(__file__).resolve().parents[1] / "sanderling" / "data" / "example.txt"
RECORDS = [
    {"id": "k1", "date": "2024-03-04",
     "text": "Kenyan police arrested 12 opposition supporters in Nairobi on Monday, a police spokesman said."},
    {"id": "g1", "date": "2024-03-05",
     "text": "Ghana's foreign minister met his Togolese counterpart in Accra on Tuesday to discuss border security."},
    {"id": "j1", "date": "2024-02-12",
     "text": "Japan accused China on Sunday of sending warships into its territorial waters near the disputed "
             "islands."},
    {"id": "m1", "date": "2023-11-20",
     "text": "Rebels attacked a Malian army base near Gao on Wednesday, killing four soldiers, the army said."},
    {"id": "i1", "date": "2024-01-09",
     "text": "Iran threatened on Tuesday to close the Strait of Hormuz if the United States imposes new sanctions."},
    {"id": "t1", "date": "2024-01-15",
     "text": "Turkey did not condemn the Russian strikes on Kyiv last week, diplomats said."},
    {"id": "wire/7", "title": "Trade", "url": "https://example.org/wire/7",
     "text": "Brazil and Argentina signed a trade agreement in Brasilia, officials said."},
    {"id": "c1",
     "text": "Thousands of Chilean students protested in Santiago against rising tuition fees."},
]
EVENT_COLUMNS = list(COLUMNS["events"])
NEW_TEXT = "Police arrested 40 protesters in Nairobi on Monday."
# What an attacker might put in any parameter: quotes and comments to break out of a literal, LIKE wildcards, a
# second statement, NUL and other odd characters.
PAYLOADS = [
    "KEN' OR '1'='1", "'; DROP TABLE events; --", "1) OR (1=1", "%", "_", "%' OR 1=1 --", "\\", "\" OR \"\"=\"",
    "KEN; DELETE FROM documents", "' UNION SELECT * FROM runs --", "\x00", "ü'\u202e", "-1", "9" * 40, "2024-13-45",
]
FILTER_PARAMS = ["source", "target", "sector", "type", "cameo", "date_from", "date_to", "factuality", "q", "doc_id",
                 "story_id"]


@pytest.fixture(scope="module")
def store_path(tmp_path_factory, coder) -> Path:
    folder = tmp_path_factory.mktemp("server")
    docs = folder / "docs.jsonl"
    docs.write_text("".join(json.dumps(r) + "\n" for r in RECORDS), encoding="utf-8")
    example = folder / "example.jsonl"
    example.write_text(json.dumps({"id": "example", "date": "2023-05-17", "text": EXAMPLE.read_text("utf-8")}) + "\n",
                       encoding="utf-8")
    db = folder / "events.duckdb"
    run_corpus([docs, example], db, workers=1, coder=coder)
    return db


@pytest.fixture(scope="module")
def client(store_path, coder):
    with TestClient(create_app(store_path, coder=coder)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def everything(client) -> list[dict]:
    """Every event of the store, in the default order, walked a page at a time."""
    rows = walk(client, {})
    assert len(rows) >= 20, "the fixture store is too small to test filters and pages"
    for column in ("date_start", "target_country"):  # NULLs, which keyset pages must get past
        assert any(e[column] is None for e in rows) and any(e[column] is not None for e in rows)
    return rows


@pytest.fixture
def writable(store_path, coder, tmp_path):
    """A server allowed to write, on a copy of the store."""
    copy = tmp_path / "copy.duckdb"
    shutil.copyfile(store_path, copy)
    with TestClient(create_app(copy, allow_write=True, coder=coder)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def small(coder):
    """A server with no store and small limits."""
    with TestClient(create_app(None, max_body=2_000, max_batch=2, max_text=100, coder=coder)) as test_client:
        yield test_client


def walk(client: TestClient, params: dict, limit: int = 500) -> list[dict]:
    """All events a filter selects, following next_cursor; checks that each page agrees on the total."""
    rows, cursor, totals = [], None, set()
    while True:
        page = client.get("/events", params={**params, "limit": limit, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        rows += body["events"]
        totals.add(body["total"])
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert totals == {len(rows)}
    return rows


def ids(rows: list[dict]) -> list[str]:
    return [r["event_id"] for r in rows]


def file_hash(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- health, meta, OpenAPI -----------------------------------------------------------------------------------


def test_health_says_what_the_server_has(client, small):
    assert client.get("/health").json() == {"ok": True, "version": "0.1.0", "store": True, "allow_write": False}
    assert small.get("/health").json()["store"] is False


def test_meta_matches_the_events(client, everything):
    meta = client.get("/meta").json()
    assert meta["events"] == len(everything)
    assert meta["documents"] == len(RECORDS) + 1
    assert meta["countries"] == sorted({c for e in everything for c in (e["source_country"], e["target_country"])
                                        if c})
    assert meta["types"] == sorted({e["event_type"] for e in everything if e["event_type"]})
    assert meta["date_min"] == min(e["date_start"] for e in everything if e["date_start"])
    assert meta["stories"] == len({e["story_id"] or e["event_id"] for e in everything})
    assert meta["allow_write"] is False


def test_openapi_is_served_and_no_page_pulls_a_cdn(client):
    spec = client.get("/openapi.json").json()
    assert {"/code", "/events", "/documents/{doc_id}", "/dyads", "/network", "/meta", "/health"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 404
    assert client.get("/redoc").status_code == 404


# --- POST /code --------------------------------------------------------------------------------------------------


def test_code_one_document_gives_the_coders_events(client, coder):
    response = client.post("/code", json={"text": NEW_TEXT, "date": "2022-10-03", "id": "n1"})
    assert response.status_code == 200
    (doc,) = response.json()["documents"]
    assert doc["id"] == "n1" and doc["error"] is None
    assert doc["events"] == [e.to_dict() for e in coder.code(NEW_TEXT, date="2022-10-03", doc_id="n1")]
    assert doc["events"][0]["date"] == "2022-10-03"


def test_code_a_list_answers_each_in_order(client):
    response = client.post("/code", json=[{"text": RECORDS[1]["text"], "id": "b"}, {"text": "   ", "id": "blank"},
                                          {"text": NEW_TEXT}])
    docs = response.json()["documents"]
    assert [d["id"] for d in docs][:2] == ["b", "blank"]
    assert docs[0]["events"] and docs[0]["error"] is None
    assert docs[1]["events"] == [] and "whitespace" in docs[1]["error"]
    assert docs[2]["id"].startswith("sha1-")  # no id: the corpus runs' id of the text


def test_code_does_not_store_unless_asked(writable):
    before = writable.get("/meta").json()
    assert writable.post("/code", json={"text": NEW_TEXT, "id": "n1"}).status_code == 200
    assert writable.get("/meta").json() == before
    assert writable.get("/documents/n1").status_code == 404


def test_code_stores_when_asked_on_a_writable_server(writable):
    before = writable.get("/meta").json()
    response = writable.post("/code", json=[{"text": NEW_TEXT, "id": "n1", "date": "2022-10-03", "store": True},
                                            {"text": RECORDS[2]["text"], "id": "n2"}])
    stored = response.json()["documents"][0]
    view = writable.get("/documents/n1").json()
    assert view["document"]["date"] == "2022-10-03" and view["document"]["text"] == NEW_TEXT
    assert ids(view["events"]) == [e["event_id"] for e in stored["events"]]
    assert writable.get("/documents/n2").status_code == 404  # not asked
    after = writable.get("/meta").json()
    assert (after["documents"], after["events"]) == (before["documents"] + 1, before["events"] + len(stored["events"]))
    svc = writable.app.state.service
    run = svc.store.con.execute("SELECT options, coded, events FROM runs ORDER BY run_id DESC LIMIT 1").fetchone()
    assert "POST /code" in run[0] and run[1:] == (1, len(stored["events"]))


def test_store_needs_allow_write(client, small, store_path):
    before = file_hash(store_path)
    for server in (client, small):
        response = server.post("/code", json={"text": NEW_TEXT, "store": True})
        assert response.status_code == 403
        assert "--allow-write" in response.json()["detail"]
    assert file_hash(store_path) == before


def test_a_body_over_the_limit_is_413(small):
    big = json.dumps({"text": "a" * 3_000}).encode()
    declared = small.post("/code", content=big, headers={"content-type": "application/json"})
    assert declared.status_code == 413 and "2,000 bytes" in declared.json()["detail"]
    streamed = small.post("/code", content=iter([big[:1_000], big[1_000:]]),
                          headers={"content-type": "application/json"})
    assert "content-length" not in streamed.request.headers
    assert streamed.status_code == 413 and "2,000 bytes" in streamed.json()["detail"]
    assert small.post("/code", json={"text": "Police arrested 40 protesters."}).status_code == 200


@pytest.mark.parametrize("body, words", [
    ([{"text": "a"}, {"text": "b"}, {"text": "c"}], ["3 documents", "limit of 2"]),
    ({"text": "word " * 21}, ["105 characters", "limit of 100"]),
    ({"text": NEW_TEXT, "date": "03/10/2022"}, ["document 1", "'03/10/2022'", "YYYY-MM-DD"]),
    ([{"text": NEW_TEXT}, {"text": NEW_TEXT, "date": "2022-02-30"}], ["document 2", "2022-02-30"]),
    ([], ["no documents"]),
])
def test_bad_code_requests_are_422_saying_why(small, body, words):
    response = small.post("/code", json=body)
    assert response.status_code == 422
    for word in words:
        assert word in response.json()["detail"]


@pytest.mark.parametrize("body", [{"date": "2022-10-03"}, {"text": 12}, {"text": None}, "just a string"])
def test_malformed_code_bodies_are_422(small, body):
    assert small.post("/code", json=body).status_code == 422


def test_without_a_store_only_code_works(small):
    for route in ("/events", "/meta", "/dyads", "/network", "/documents/k1", "/events?format=csv"):
        response = small.get(route)
        assert response.status_code == 404, route
        assert "sanderling serve --db" in response.json()["detail"]
    assert small.post("/code", json={"text": NEW_TEXT}).json()["documents"][0]["events"]


# --- GET /events ---------------------------------------------------------------------------------------------------


def during(start: str, end: str):
    return lambda e: e["date_start"] is not None and start <= e["date_start"] < end


FILTERS = [
    ({"source": "KEN"}, lambda e: e["source_country"] == "KEN"),
    ({"source": "ken, gha"}, lambda e: e["source_country"] in {"KEN", "GHA"}),
    ({"target": "CHN"}, lambda e: e["target_country"] == "CHN"),
    ({"source": "KEN", "target": "ETH"}, lambda e: (e["source_country"], e["target_country"]) == ("KEN", "ETH")),
    ({"sector": "GOV"}, lambda e: "GOV" in (e["source_sector"], e["target_sector"])),
    ({"type": "ASSAULT"}, lambda e: e["event_type"] == "ASSAULT"),
    ({"type": "coerce,ACCUSE"}, lambda e: e["event_type"] in {"COERCE", "ACCUSE"}),
    ({"cameo": "19"}, lambda e: (e["cameo"] or "").startswith("19")),
    ({"date_from": "2024"}, lambda e: e["date_start"] is not None and e["date_start"] >= "2024-01-01"),
    ({"date_to": "2023-11"}, lambda e: e["date_start"] is not None and e["date_start"] < "2023-12-01"),
    ({"date_from": "2024-03-04", "date_to": "2024-03-04"}, during("2024-03-04", "2024-03-05")),
    ({"date_from": "2023-06", "date_to": "2024-02"}, during("2023-06-01", "2024-03-01")),
    ({"factuality": "negated"}, lambda e: e["factuality"] == "negated"),
    ({"q": "NAIROBI"}, lambda e: any("nairobi" in (e[c] or "").lower()
                                     for c in ("sentence_text", "source_text", "target_text"))),
    ({"doc_id": "k1"}, lambda e: e["doc_id"] == "k1"),
    ({"doc_id": "wire/7"}, lambda e: e["doc_id"] == "wire/7"),
]


@pytest.mark.parametrize("params, keep", FILTERS, ids=lambda p: json.dumps(p) if isinstance(p, dict) else "")
def test_each_filter_selects_what_it_says(client, everything, params, keep):
    expected = [e for e in everything if keep(e)]
    assert 0 < len(expected) < len(everything), f"the fixture store does not exercise {params}"
    assert ids(walk(client, params, limit=4)) == ids(expected)


def test_story_filter(client, everything):
    story = Counter(e["story_id"] for e in everything).most_common(1)[0][0]
    assert ids(walk(client, {"story_id": story})) == ids([e for e in everything if e["story_id"] == story])


def test_like_wildcards_in_q_are_literal(client):
    assert walk(client, {"q": "%"}) == [] and walk(client, {"q": "_"}) == []


def expected_order(rows: list[dict], sort: str) -> list[dict]:
    """The API's order by hand: the sort column (NULLs last), then event_id."""
    column, descending = SORTS[sort].column, SORTS[sort].descending
    by_id = sorted(rows, key=lambda e: e["event_id"])
    present = sorted((e for e in by_id if e[column] is not None), key=lambda e: e[column], reverse=descending)
    return present + [e for e in by_id if e[column] is None]


@pytest.mark.parametrize("sort", list(SORTS))
def test_pages_walk_every_event_once_in_order(client, everything, sort):
    walked = walk(client, {"sort": sort}, limit=3)
    assert len(set(ids(walked))) == len(walked) == len(everything)
    assert ids(walked) == ids(expected_order(everything, sort))


def test_default_sort_is_newest_first(client, everything):
    dates = [e["date_start"] for e in everything if e["date_start"]]
    assert dates == sorted(dates, reverse=True)
    assert everything[-1]["date_start"] is None  # undated events last


def test_a_page_holds_limit_events_and_the_last_page_no_cursor(client, everything):
    first = client.get("/events", params={"limit": 5}).json()
    assert len(first["events"]) == 5 and first["next_cursor"] and first["total"] == len(everything)
    assert set(first["events"][0]) == set(EVENT_COLUMNS)
    last = client.get("/events", params={"limit": len(everything)}).json()
    assert len(last["events"]) == len(everything) and last["next_cursor"] is None


@pytest.mark.parametrize("params", [{"limit": 0}, {"limit": 501}, {"sort": "date_start"}, {"format": "xml"},
                                    {"type": "ATTACK"}, {"factuality": "likely"}, {"date_from": "2024-13"},
                                    {"date_to": "March 2024"}, {"q": "x" * 501}])
def test_bad_event_parameters_are_422(client, params):
    response = client.get("/events", params=params)
    assert response.status_code == 422, response.text


@pytest.mark.parametrize("period", ["9999", "9999-12", "9999-12-31", "2024-02", "2024-02-29"])
def test_any_real_period_is_a_filter(client, period):
    response = client.get("/events", params={"date_from": period, "date_to": period})
    assert response.status_code == 200, response.text


def test_bad_cursors_are_422(client):
    good = client.get("/events", params={"limit": 2}).json()["next_cursor"]
    other_sort = client.get("/events", params={"cursor": good, "sort": "confidence"})
    assert other_sort.status_code == 422 and "sort=-date" in other_sort.json()["detail"]
    forged = Cursor("confidence", "high", "x").encode()  # a string where the sort needs a number
    for cursor in ("not a cursor", good[:-3], forged, Cursor("-date", "2024-99-01", "x").encode()):
        sort = "confidence" if cursor == forged else "-date"
        response = client.get("/events", params={"cursor": cursor, "sort": sort})
        assert response.status_code == 422, cursor
        assert "next_cursor" in response.json()["detail"]


def test_csv_download_is_the_whole_filtered_set(client, everything):
    response = client.get("/events", params={"format": "csv", "source": "KEN", "limit": 1})
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.reader(io.StringIO(response.text)))
    assert rows[0] == EVENT_COLUMNS
    expected = [e for e in everything if e["source_country"] == "KEN"]
    assert [r[EVENT_COLUMNS.index("event_id")] for r in rows[1:]] == ids(expected)


def test_jsonl_download_has_the_rows_of_the_json_pages(client, everything):
    response = client.get("/events", params={"format": "jsonl", "sort": "-date"})
    lines = [json.loads(line) for line in response.text.splitlines()]
    assert lines == everything


# --- GET /documents/{id} ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("doc_id", ["k1", "g1", "wire/7", "example"])
def test_a_document_with_its_events_and_spans(client, everything, doc_id):
    response = client.get(f"/documents/{quote(doc_id, safe='/')}")
    assert response.status_code == 200
    view = response.json()
    text = view["document"]["text"]
    assert view["document"]["doc_id"] == doc_id
    assert sorted(ids(view["events"])) == sorted(e["event_id"] for e in everything if e["doc_id"] == doc_id)
    by_id = {e["event_id"]: e for e in view["events"]}
    assert view["spans"] and {s["event_id"] for s in view["spans"]} == set(by_id)
    words = {"source": "source_text", "target": "target_text", "trigger": "trigger_text",
             "location": "location_text", "date": "date_text"}
    for span in view["spans"]:
        assert text[span["start"]:span["end"]] == by_id[span["event_id"]][words[span["kind"]]]
    assert [(s["start"], -s["end"]) for s in view["spans"]] == sorted((s["start"], -s["end"]) for s in view["spans"])


def test_document_spans_label_the_codes(client):
    view = client.get("/documents/k1").json()
    kinds = {s["kind"]: s for s in view["spans"]}
    assert {"source", "trigger", "date", "location"} <= set(kinds)
    assert kinds["source"]["label"].startswith("KEN")
    assert kinds["trigger"]["label"] == "COERCE (173)"
    assert view["spans"][0]["kind"] == "source"
    assert view["document"]["url"] is None and view["document"]["duplicate_of"] is None


def test_an_unknown_document_is_404(client):
    response = client.get("/documents/nope")
    assert response.status_code == 404 and "'nope'" in response.json()["detail"]


# --- GET /dyads and /network -----------------------------------------------------------------------------------------


def test_dyads_count_every_event_by_month(client, everything):
    rows = client.get("/dyads").json()["rows"]
    assert sum(r["count"] for r in rows) == len(everything)
    key = Counter((e["source_country"], e["target_country"], e["event_type"],
                   e["date"][:7] if e["date"] and len(e["date"]) >= 7 else None) for e in everything)
    assert {(r["source_country"], r["target_country"], r["event_type"], r["month"]): r["count"] for r in rows} == key
    assert all(r["quad"] == QUAD_CODES.get(r["event_type"]) for r in rows)


def test_dyads_filter_and_count_stories(client, everything):
    kenya = client.get("/dyads", params={"source": "KEN"}).json()["rows"]
    assert {r["source_country"] for r in kenya} == {"KEN"}
    assert sum(r["count"] for r in kenya) == sum(e["source_country"] == "KEN" for e in everything)
    stories = client.get("/dyads", params={"stories": "true"}).json()["rows"]
    assert sum(r["count"] for r in stories) == client.get("/meta").json()["stories"]


def test_network_nodes_and_edges(client, everything):
    net = client.get("/network").json()
    for node in net["nodes"]:
        assert node["events"] == sum(node["id"] in (e["source_country"], e["target_country"]) for e in everything)
    dyads = Counter((e["source_country"], e["target_country"]) for e in everything
                    if e["source_country"] and e["target_country"])
    assert {(x["source"], x["target"]): x["count"] for x in net["edges"]} == dyads
    for edge in net["edges"]:
        quads = [QUAD_CODES.get(e["event_type"]) for e in everything
                 if (e["source_country"], e["target_country"]) == (edge["source"], edge["target"])]
        assert edge["conflict"] == sum(q in (3, 4) for q in quads)
        assert edge["cooperation"] == sum(q in (1, 2) for q in quads)


def test_network_takes_the_event_filters(client):
    net = client.get("/network", params={"type": "ACCUSE"}).json()
    assert {(x["source"], x["target"]) for x in net["edges"]} >= {("JPN", "CHN")}
    assert all(x["conflict"] == x["count"] for x in net["edges"])


# --- safety ----------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_injection_attempts_return_data_or_422_and_change_nothing(client, store_path, payload):
    before = file_hash(store_path)
    for route in ("/events", "/dyads", "/network"):
        for param in FILTER_PARAMS:
            response = client.get(route, params={param: payload})
            assert response.status_code in (200, 422), (route, param, response.text)
            if response.status_code == 200 and route == "/events" and param in {"source", "doc_id", "q"}:
                assert response.json()["events"] == [], (param, payload)
    for params in ({"sort": payload}, {"limit": payload}, {"cursor": payload}, {"format": payload},
                   {"stories": payload}, {"format": "csv", "source": payload}, {"format": "jsonl", "q": payload}):
        response = client.get("/events" if "stories" not in params else "/dyads", params=params)
        assert response.status_code in (200, 422), (params, response.text)
    assert client.get(f"/documents/{quote(payload, safe='')}").status_code in (404, 422)
    assert client.post("/code", json={"text": NEW_TEXT, "id": payload}).status_code == 200
    assert client.post("/code", json={"text": NEW_TEXT, "date": payload}).status_code == 422
    assert file_hash(store_path) == before
    assert client.get("/meta").json()["documents"] == len(RECORDS) + 1


def test_strings_that_are_not_unicode_are_refused_not_a_500(client):
    for field in ("id", "url", "title"):
        body = '{"text": "Police arrested 40 protesters.", "%s": "a\\ud800"}' % field
        response = client.post("/code", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422 and f"the {field} holds a lone surrogate" in response.json()["detail"]
    for url in ("/events?q=%ED%A0%80", "/events?source=%FF%FE", "/events?cursor=%ED%A0%80", "/documents/%ED%A0%80",
                "/dyads?type=%C0"):
        assert client.get(url).status_code in (200, 404, 422), url


def test_an_injected_id_is_stored_as_a_plain_string(writable):
    evil = "x'); DROP TABLE documents; --"
    assert writable.post("/code", json={"text": NEW_TEXT, "id": evil, "store": True}).status_code == 200
    assert writable.get(f"/documents/{quote(evil, safe='')}").json()["document"]["doc_id"] == evil
    assert writable.get("/meta").json()["documents"] == len(RECORDS) + 2


def test_a_read_only_server_cannot_write_and_lets_others_read(client, store_path):
    store = client.app.state.service.store
    assert store.read_only
    with pytest.raises(StoreError):
        store.start_run({})
    with pytest.raises(duckdb.Error):
        store.con.execute("DELETE FROM events")
    reader = subprocess.run([sys.executable, "-c", "import duckdb, sys; print(duckdb.connect(sys.argv[1], "
                             "read_only=True).execute('SELECT count(*) FROM events').fetchone()[0])", str(store_path)],
                            capture_output=True, text=True, timeout=60)
    assert reader.returncode == 0, reader.stderr
    assert int(reader.stdout) == client.get("/meta").json()["events"]


# --- the command -----------------------------------------------------------------------------------------------------


def test_serve_help_and_option_errors(tmp_path):
    runner = CliRunner()
    shown = runner.invoke(cli_app, ["serve", "--help"])
    assert shown.exit_code == 0
    for option in ("--db", "--host", "--port", "--allow-write", "127.0.0.1", "8000"):
        assert option in shown.output
    no_db = runner.invoke(cli_app, ["serve", "--allow-write"])
    assert no_db.exit_code == 2 and "--db" in no_db.stderr
    missing = runner.invoke(cli_app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert missing.exit_code == 1 and "none.duckdb" in missing.stderr
