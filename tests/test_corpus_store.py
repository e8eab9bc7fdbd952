"""The DuckDB corpus store on real files: schema, batches (atomic, idempotent, resumable after SIGKILL), duplicates,
skipped records, runs, and the read side (export, query, counts) that must never write."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import time
from datetime import date as Date
from pathlib import Path

import duckdb
import pytest

from sanderling.coder import Coded
from sanderling.corpus import store as store_module
from sanderling.corpus.sources import Source
from sanderling.corpus.store import SCHEMA_VERSION, TABLES, Store, date_start
from sanderling.errors import OutputError, StoreError
from sanderling.export import CSV_COLUMNS, flatten
from sanderling.ingest import Skipped
from sanderling.model import Document, Event

from conftest import build_event

TESTS = Path(__file__).resolve().parent
BATCH_DOCS = 40
CHILD_WRITER = """
import sys
sys.path.insert(0, {tests!r})
from test_corpus_store import write_batches
write_batches({path!r}, {n}, stall_at={stall_at})
"""
CHILD_HOLDER = """
import sys, time
from sanderling.corpus.store import Store
store = Store({path!r})
print("open", flush=True)
time.sleep(60)
"""


# --- building batches (module level: the SIGKILL child process uses them too) ------------------------------


def events_for(doc_id: str, n: int, **kwargs) -> list[Event]:
    """`n` hand-built events of one document, with ids unique to it."""
    out = []
    for k in range(1, n + 1):
        event = build_event(n=k, **kwargs)
        event.doc_id, event.event_id = doc_id, f"{doc_id}-{k}"
        out.append(event)
    return out


def coded(doc_id: str, n_events: int = 2, *, url: str | None = None, urls: list[str] | None = None,
          line: int = 1, text: str | None = None, **kwargs) -> tuple[Source, Coded]:
    """One (source, Coded) pair as a run hands it to the store."""
    document = Document(text or f"Defense Minister Benny Gantz met Azerbaijan's President ({doc_id}).", id=doc_id,
                        date=Date(2022, 10, 3), url=url, title=f"Title {doc_id}")
    source = Source(document, f"news.jsonl:{line}", urls if urls is not None else ([url] if url else []))
    return source, Coded(document, events_for(doc_id, n_events, **kwargs))


def numbered_batch(i: int) -> list[tuple[Source, Coded]]:
    """Batch `i` of the resume test: BATCH_DOCS documents of 3 events each, ids b{i}-d{k}."""
    return [coded(f"b{i}-d{k}", 3, line=i * BATCH_DOCS + k) for k in range(BATCH_DOCS)]


def write_batches(path: str, n: int, stall_at: int) -> None:
    """The child of test_resume_after_sigkill: store batches 0..n-1, printing each number once committed; batch
    `stall_at` stops in the middle of its transaction (documents and events written, actors not, no commit)
    and says "stalled", so that the kill surely lands inside a transaction."""
    insert = store_module._insert

    def stalling(con, table, rows, **kwargs):
        insert(con, table, rows, **kwargs)
        if table == "events" and rows[0]["doc_id"].startswith(f"b{stall_at}-"):
            print("stalled", flush=True)
            time.sleep(60)

    store_module._insert = stalling
    with Store(path) as store:
        run_id = store.start_run({"test": "resume"})
        for i in range(n):
            store.add_batch(run_id, numbered_batch(i), [])
            print(i, flush=True)


def scalar(store: Store, sql: str):
    return store.query(sql)[1][0][0]


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "events.duckdb"


@pytest.fixture
def store(db: Path):
    with Store(db) as opened:
        yield opened


# --- opening ------------------------------------------------------------------------------------------------


def test_a_new_store_has_every_table_and_the_schema_version(db: Path):
    with Store(db) as store:
        names = {row[0] for row in store.query("SELECT table_name FROM information_schema.tables")[1]}
        assert names == {*TABLES, "meta"}
        assert scalar(store, "SELECT value FROM meta WHERE key = 'schema_version'") == str(SCHEMA_VERSION)
        columns = store.query("SELECT * FROM events LIMIT 0")[0]
        assert columns == [*CSV_COLUMNS, "date_start", "run_id", "story_id"]
        store.add_batch(store.start_run({}), [coded("a")], [])
    with Store(db) as reopened:
        assert reopened.seen_ids() == {"a"}


def test_a_store_of_a_newer_schema_is_refused(db: Path):
    Store(db).close()
    with duckdb.connect(str(db)) as con:
        con.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match=r"schema version 99, newer .*upgrade sanderling"):
        Store(db)


def test_a_database_that_is_not_a_store_is_refused(tmp_path: Path):
    other = tmp_path / "other.duckdb"
    with duckdb.connect(str(other)) as con:
        con.execute("CREATE TABLE prices (day DATE, price DOUBLE)")
    with pytest.raises(StoreError, match=r"not a sanderling store \(its tables: prices\)"):
        Store(other)
    text = tmp_path / "notes.txt"
    text.write_text("not a database at all " * 100)
    with pytest.raises(StoreError, match="cannot open the database .*notes.txt.*not a valid DuckDB database"):
        Store(text)
    with pytest.raises(StoreError, match="cannot open the database .*No such file.*folder exists"):
        Store(tmp_path / "missing" / "events.duckdb")


def test_read_only_needs_an_existing_store_and_refuses_writes(db: Path):
    with pytest.raises(StoreError, match="no such file.*sanderling code --db"):
        Store(db, read_only=True)
    assert not db.exists()
    Store(db).close()
    with Store(db, read_only=True) as store:
        with pytest.raises(StoreError, match="open read-only"):
            store.start_run({})
        with pytest.raises(StoreError, match="open read-only"):
            store.add_batch(1, [coded("a")], [])


def test_a_database_in_use_by_another_process_is_a_clear_error(db: Path):
    Store(db).close()
    holder = subprocess.Popen([sys.executable, "-c", CHILD_HOLDER.format(path=str(db))], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open", holder.stderr.read()
        with pytest.raises(StoreError, match=r"is in use .*lock.*wait for the run"):
            Store(db)
        with pytest.raises(StoreError, match="is in use"):
            Store(db, read_only=True)
    finally:
        holder.kill()
        holder.wait()


def test_one_process_cannot_open_a_store_writable_and_read_only_at_once(db: Path):
    with Store(db):
        with pytest.raises(StoreError, match="is in use .*different configuration"):
            Store(db, read_only=True)


# --- batches ------------------------------------------------------------------------------------------------


def test_add_batch_stores_documents_events_and_actors(store: Store):
    first, empty = coded("a", 2, url="https://a.example/1"), coded("b", 0)
    lone = coded("c", 1, target=None)
    run_id = store.start_run({"workers": 1})
    store.add_batch(run_id, [first, empty, lone], [])

    names, rows = store.query("SELECT doc_id, text, title, url, urls, date, origin, content_hash, duplicate_of, "
                              "n_events, run_id FROM documents ORDER BY doc_id")
    doc = dict(zip(names, rows[0]))
    text = first[0].document.text
    assert doc == {"doc_id": "a", "text": text, "title": "Title a", "url": "https://a.example/1",
                   "urls": ["https://a.example/1"], "date": Date(2022, 10, 3), "origin": "news.jsonl:1",
                   "content_hash": hashlib.sha1(text.encode()).hexdigest(), "duplicate_of": None, "n_events": 2,
                   "run_id": run_id}
    assert [(r[0], r[9]) for r in rows] == [("a", 2), ("b", 0), ("c", 1)]

    names, rows = store.query("SELECT * FROM events ORDER BY event_id")
    stored = [dict(zip(names, row)) for row in rows]
    expected = [*first[1].events, *lone[1].events]
    assert [row["event_id"] for row in stored] == ["a-1", "a-2", "c-1"]
    for row, event in zip(stored, expected):
        assert {c: row[c] for c in CSV_COLUMNS} == flatten(event)
        assert (row["date_start"], row["run_id"], row["story_id"]) == (Date(2022, 10, 3), run_id, None)

    actors = store.query("SELECT event_id, role, text, country, sector, start, \"end\" FROM actors "
                         "ORDER BY event_id, role")[1]
    assert [(a[0], a[1]) for a in actors] == [("a-1", "source"), ("a-1", "target"), ("a-2", "source"),
                                              ("a-2", "target"), ("c-1", "source")]
    source = first[1].events[0].source
    assert actors[0][2:] == (source.text, "ISR", "GOV", source.start, source.end)


@pytest.mark.parametrize("value, first_day", [
    ("2022-10-03", Date(2022, 10, 3)), ("2022-10", Date(2022, 10, 1)), ("2022", Date(2022, 1, 1)),
    (None, None), ("", None), ("2022-13", None), ("last week", None),
])
def test_date_start_is_the_first_day_of_a_date_of_any_precision(value, first_day):
    assert date_start(value) == first_day


def test_a_batch_stored_twice_is_stored_once(store: Store):
    run_id = store.start_run({})
    batch = [coded("a", 2, url="https://a.example/1"), coded("b", 1)]
    store.add_batch(run_id, batch, [])
    store.add_batch(run_id, batch + [coded("c", 1)], [])
    store.add_batch(run_id, [coded("d", 1), coded("d", 1)], [])  # a repeated id inside one batch
    assert scalar(store, "SELECT count(*) FROM documents") == 4
    assert scalar(store, "SELECT count(*) FROM events") == 5
    assert scalar(store, "SELECT count(*) FROM actors") == 10
    assert store.query("SELECT urls FROM documents WHERE doc_id = 'a'")[1] == [(["https://a.example/1"],)]
    assert store.seen_ids() == {"a", "b", "c", "d"}


def test_errors_and_skipped_records_are_stored_once_each(store: Store):
    run_id = store.start_run({})
    source, _ = coded("bad", 0, line=7)
    failed = (source, Coded(source.document, [], "not English (detected ru)"))
    whole, _ = coded("long", 0)
    whole.origin = "articles/long.txt"
    too_long = (whole, Coded(whole.document, [], "the document has 3,000,000 characters"))
    unreadable = Skipped("news.jsonl", 3, "the line is not valid JSON", None)
    named = Skipped("news.jsonl", 4, "the record has no 'text' field", "r4")
    store.add_batch(run_id, [failed, coded("good", 1), too_long], [unreadable, named])
    store.add_batch(run_id, [failed, too_long], [unreadable, named])
    rows = store.query("SELECT file, line, doc_id, reason, run_id FROM skipped ORDER BY line")[1]
    assert rows == [("articles/long.txt", 0, "long", "the document has 3,000,000 characters", run_id),
                    ("news.jsonl", 3, None, "the line is not valid JSON", run_id),
                    ("news.jsonl", 4, "r4", "the record has no 'text' field", run_id),
                    ("news.jsonl", 7, "bad", "not English (detected ru)", run_id)]
    assert store.seen_ids() == {"good", "bad", "long", "r4"}
    assert scalar(store, "SELECT count(*) FROM documents WHERE doc_id = 'bad'") == 0


def test_duplicates_point_to_their_original_which_gains_their_urls(store: Store):
    run_id = store.start_run({})
    store.add_batch(run_id, [coded("a", 2, url="https://a.example/1")], [])
    copy, _ = coded("a-copy", 0, url="https://b.example/2", urls=["https://b.example/2", "https://a.example/1"])
    second, _ = coded("a-copy-2", 0, url="https://c.example/3")
    same_batch, _ = coded("n-copy", 0, url="https://n.example/copy")
    store.add_batch(run_id, [coded("n", 1, url="https://n.example/1")], [],
                    [(copy, "a"), (second, "a"), (same_batch, "n")])
    store.add_batch(run_id, [], [], [(copy, "a")])  # stored again: nothing changes
    rows = dict(store.query("SELECT doc_id, urls FROM documents")[1])
    assert rows["a"] == ["https://a.example/1", "https://b.example/2", "https://c.example/3"]
    assert rows["n"] == ["https://n.example/1", "https://n.example/copy"]
    dup = store.query("SELECT duplicate_of, n_events, text FROM documents WHERE doc_id = 'a-copy'")[1]
    assert dup == [("a", None, copy.document.text)]
    assert scalar(store, "SELECT count(*) FROM events WHERE doc_id LIKE '%copy%'") == 0
    assert {"a-copy", "a-copy-2", "n-copy"} <= store.seen_ids()


def test_a_failed_batch_leaves_nothing_and_the_store_goes_on(store: Store):
    run_id = store.start_run({})
    broken = coded("broken", 2)
    broken[1].events[1].sentence = "not a number"
    with pytest.raises(duckdb.ConversionException):
        store.add_batch(run_id, [coded("fine", 1), broken], [Skipped("x.jsonl", 1, "bad", None)])
    for table in ("documents", "events", "actors", "skipped"):
        assert scalar(store, f"SELECT count(*) FROM {table}") == 0, table
    store.add_batch(run_id, [coded("fine", 1)], [])
    assert store.seen_ids() == {"fine"}


def test_minhash_signatures_are_kept_for_a_resumed_run(store: Store):
    run_id = store.start_run({})
    copy, _ = coded("a-copy", 0)
    store.add_batch(run_id, [coded("a", 1), coded("b", 1)], [], [(copy, "a")],
                    signatures=[("a", b"\x00sig-a\xff"), ("a-copy", b"not kept: a duplicate")])
    store.add_signatures([("b", b"sig-b")])
    assert list(store.signatures()) == [("a", b"\x00sig-a\xff"), ("b", b"sig-b")]


def test_a_lone_surrogate_is_stored_escaped_instead_of_failing_the_batch(store: Store):
    source, result = coded("bad\ud800id", 1, url="https://x.example/\udc80")
    store.add_batch(store.start_run({}), [(source, result)], [Skipped("f\ud800.jsonl", 2, "why", "s\ud800")])
    assert store.query("SELECT doc_id, url FROM documents")[1] == [("bad\\ud800id", "https://x.example/\\udc80")]
    assert scalar(store, "SELECT doc_id FROM events") == "bad\\ud800id"
    assert scalar(store, "SELECT file FROM skipped") == "f\\ud800.jsonl"


def test_runs_keep_version_options_counts_and_time(store: Store):
    first = store.start_run({"inputs": [Path("a.jsonl")], "workers": 2})
    second = store.start_run({})
    assert second == first + 1
    store.finish_run(first, {"coded": 10, "skipped": 1, "no_events": 3, "events": 25, "duplicates": 2,
                             "already": 4}, 1.5)
    names, rows = store.query("SELECT * FROM runs WHERE run_id = " + str(first))
    run = dict(zip(names, rows[0]))
    assert json.loads(run["options"]) == {"inputs": ["a.jsonl"], "workers": 2}
    assert (run["coded"], run["skipped"], run["no_events"], run["events"], run["duplicates"]) == (10, 1, 3, 25, 2)
    assert json.loads(run["counts"])["already"] == 4
    assert run["seconds"] == 1.5 and run["finished"] >= run["started"]
    assert run["version"]
    with pytest.raises(ValueError, match="no run 99"):
        store.finish_run(99, {}, 0.0)


def test_resume_after_sigkill_loses_nothing_and_doubles_nothing(db: Path):
    n, stall_at = 8, 3
    code = CHILD_WRITER.format(tests=str(TESTS), path=str(db), n=n, stall_at=stall_at)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    printed = []
    try:
        while (line := child.stdout.readline().strip()) != "stalled":
            assert line, child.stderr.read()
            printed.append(int(line))
        os.kill(child.pid, signal.SIGKILL)
    finally:
        child.kill()
        child.wait()
    assert child.returncode == -signal.SIGKILL and printed == list(range(stall_at))

    with Store(db) as store:
        per_batch = dict(store.query(
            "SELECT split_part(doc_id, '-', 1), count(*) FROM documents GROUP BY ALL")[1])
        assert per_batch == {f"b{i}": BATCH_DOCS for i in printed}  # every committed batch whole, no half batch
        assert scalar(store, "SELECT count(*) FROM events") == 3 * BATCH_DOCS * stall_at
        assert scalar(store, "SELECT count(*) FROM actors") == 6 * BATCH_DOCS * stall_at

        run_id = store.start_run({"test": "resume"})
        seen = store.seen_ids()
        for i in range(n):
            store.add_batch(run_id, numbered_batch(i), [])  # every batch again, stored ones included
        assert store.seen_ids() > seen
        assert scalar(store, "SELECT count(*) FROM documents") == n * BATCH_DOCS
        assert scalar(store, "SELECT count(*) FROM events") == 3 * n * BATCH_DOCS
        assert scalar(store, "SELECT count(*) FROM actors") == 6 * n * BATCH_DOCS
        assert scalar(store, "SELECT count(*) - count(DISTINCT (event_id, role)) FROM actors") == 0


def test_events_coded_by_the_real_coder_are_stored_as_flattened(store: Store, coder):
    documents = [
        Document("Israeli Defense Minister Benny Gantz met Azerbaijani President Ilham Aliyev in Baku on Monday.",
                 id="visit", date=Date(2022, 10, 5)),
        Document("The weather was mild.", id="weather", date=Date(2022, 10, 5)),
    ]
    results = [(Source(c.document, f"in.jsonl:{i}", []), c) for i, c in enumerate(coder.pipe(documents), 1)]
    events = [e for _, c in results for e in c.events]
    assert events, "the coder found no event in the visit sentence"
    store.add_batch(store.start_run({}), results, [])
    names, rows = store.query("SELECT * FROM events ORDER BY event_id")
    assert [{c: dict(zip(names, r))[c] for c in CSV_COLUMNS} for r in rows] == \
        sorted((flatten(e) for e in events), key=lambda row: row["event_id"])
    assert dict(store.query("SELECT doc_id, n_events FROM documents")[1]) == {"visit": len(events), "weather": 0}


# --- export -------------------------------------------------------------------------------------------------


@pytest.fixture
def filled(store: Store) -> Store:
    """Five events: two ISR-AZE meetings in October 2022, RUS-UKR assaults dated only 2022-11 and 2022, one undated."""
    run_id = store.start_run({})
    store.add_batch(run_id, [
        coded("a", 1, date="2022-10-03"),
        coded("b", 1, date="2022-10-05"),
        coded("c", 1, event_type="ASSAULT", source="RUS", target="UKR", date="2022-11", cameo="190"),
        coded("d", 1, event_type="ASSAULT", source="RUS", target="UKR", date="2022", cameo="190"),
        coded("e", 1, event_type="ASSAULT", source="RUS", target="UKR", date=None, cameo="193"),
    ], [])
    return store


READERS = {"parquet": "read_parquet", "csv": "read_csv", "jsonl": "read_json"}


@pytest.mark.parametrize("fmt", ["parquet", "csv", "jsonl"])
def test_export_writes_every_format_with_an_optional_filter(filled: Store, tmp_path: Path, fmt: str):
    out = tmp_path / f"events.{fmt}"
    assert filled.export(out, fmt) == 5
    rows = duckdb.sql(f"SELECT event_id, event_type FROM {READERS[fmt]}('{out}') ORDER BY event_id").fetchall()
    assert rows == [("a-1", "CONSULT"), ("b-1", "CONSULT"), ("c-1", "ASSAULT"), ("d-1", "ASSAULT"),
                    ("e-1", "ASSAULT")]
    assert filled.export(out, fmt, where="event_type = 'ASSAULT' AND date_start >= DATE '2022-06-01'") == 1
    assert duckdb.sql(f"SELECT event_id FROM {READERS[fmt]}('{out}')").fetchall() == [("c-1",)]
    assert filled.export(out, fmt, table="documents", where="doc_id IN ('a', 'b')") == 2
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []


@pytest.mark.parametrize("kwargs, message", [
    ({"table": "evnts"}, r"unknown table 'evnts'; choose one of: events, documents"),
    ({"fmt": "xlsx"}, r"unknown export format 'xlsx'; choose one of: parquet, csv, jsonl"),
    ({"where": "nosuch = 1"}, r"cannot filter events with 'nosuch = 1' \(.*nosuch.*\).*columns: doc_id, event_id"),
    ({"where": "event_type = "}, r"cannot filter events with .*syntax error"),
    ({"where": "1 = 1); DELETE FROM events; SELECT (1"}, r"it is not one boolean expression"),
    ({"where": "1 = 1) TO 'x.csv'; DROP TABLE events; COPY (SELECT 1"}, r"cannot filter events"),
])
def test_export_refuses_unknown_names_and_bad_filters(filled: Store, tmp_path: Path, kwargs, message):
    options = {"fmt": "csv", **kwargs}
    with pytest.raises(StoreError, match=message):
        filled.export(tmp_path / "out.csv", options.pop("fmt"), **options)
    assert scalar(filled, "SELECT count(*) FROM events") == 5
    assert list(tmp_path.glob("*.csv")) == [] and list(tmp_path.glob(".*")) == []


def test_export_refuses_the_database_itself_and_reports_write_errors(filled: Store, db: Path, tmp_path: Path):
    with pytest.raises(OutputError, match="is the input"):
        filled.export(db, "csv")
    with pytest.raises(OutputError, match="cannot write to .*missing"):
        filled.export(tmp_path / "missing" / "out.csv", "csv")
    assert scalar(filled, "SELECT count(*) FROM events") == 5


# --- query --------------------------------------------------------------------------------------------------


def test_query_gives_column_names_and_rows(filled: Store):
    names, rows = filled.query("WITH t AS (SELECT event_type, count(*) AS n FROM events GROUP BY ALL) "
                               "SELECT * FROM t ORDER BY event_type")
    assert names == ["event_type", "n"]
    assert rows == [("ASSAULT", 3), ("CONSULT", 2)]


@pytest.mark.parametrize("sql", [
    "DELETE FROM events", "DROP TABLE events", "UPDATE events SET cameo = NULL", "SELECT 1; DELETE FROM events",
    "CREATE TABLE copy AS SELECT * FROM events", "INSERT INTO skipped VALUES ('f', 1, NULL, 'r', 1)",
    "SELECT nextval('run_ids')", "ATTACH 'other.duckdb' AS other", "COPY events TO 'events.csv'",
    "PRAGMA threads = 1", "CHECKPOINT",
])
def test_query_refuses_anything_that_writes_and_leaves_the_data(filled: Store, db: Path, sql: str):
    with pytest.raises(StoreError, match="runs one read-only statement"):
        filled.query(sql)
    assert scalar(filled, "SELECT count(*) FROM events") == 5
    assert filled.start_run({}) == 2  # the run id sequence did not move
    filled.close()
    with Store(db, read_only=True) as reader:
        with pytest.raises(StoreError, match="runs one read-only statement"):
            reader.query(sql)
        assert scalar(reader, "SELECT count(*) FROM events") == 5


def test_a_bad_query_names_the_tables(filled: Store):
    with pytest.raises(StoreError, match=r"the query failed \(.*evnts.*\); the store's tables are: events, "):
        filled.query("SELECT * FROM evnts")
    with pytest.raises(StoreError, match="the query failed .*syntax error"):
        filled.query("SELEKT 1")


# --- counts -------------------------------------------------------------------------------------------------


def test_counts_by_period_put_an_event_only_where_its_date_is_that_precise(filled: Store):
    assert filled.counts(["month"]) == (["month", "events"], [("2022-10", 2), ("2022-11", 1), (None, 2)])
    assert filled.counts(["day"])[1] == [("2022-10-03", 1), ("2022-10-05", 1), (None, 3)]
    assert filled.counts(["year"])[1] == [("2022", 4), (None, 1)]


def test_counts_by_dyad_type_cameo_and_quad(filled: Store):
    assert filled.counts(["dyad", "type"]) == (
        ["source_country", "target_country", "event_type", "events"],
        [("ISR", "AZE", "CONSULT", 2), ("RUS", "UKR", "ASSAULT", 3)])
    assert filled.counts("source,quad")[1] == [("ISR", 1, 2), ("RUS", 4, 3)]
    assert filled.counts(["target", "cameo"])[1] == [("AZE", "040", 2), ("UKR", "190", 2), ("UKR", "193", 1)]
    assert filled.counts([]) == (["events"], [(5,)])


def test_counts_of_stories_count_each_story_once_at_its_first_event(filled: Store):
    filled.con.execute("UPDATE events SET story_id = CASE WHEN event_id = 'b-1' THEN 'a-1' ELSE event_id END")
    assert filled.counts(["month", "dyad"], stories=True) == (
        ["month", "source_country", "target_country", "stories"],
        [("2022-10", "ISR", "AZE", 1), ("2022-11", "RUS", "UKR", 1), (None, "RUS", "UKR", 2)])
    filled.con.execute("UPDATE events SET story_id = NULL")  # not linked yet: every event is its own story
    assert filled.counts(["type"], stories=True)[1] == [("ASSAULT", 3), ("CONSULT", 2)]


def test_counts_refuse_an_unknown_key(filled: Store):
    with pytest.raises(StoreError, match=r"unknown count key 'week'; choose any of: year, month, day, dyad"):
        filled.counts(["month", "week"])
