"""Corpus runs end to end: a folder of mixed inputs into a DuckDB store, resumed, de-duplicated, on several workers
and on a local Dask cluster. Every text here is written for this file."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from sanderling.corpus.run import run_corpus

STORIES = [
    "Kenyan police arrested 12 opposition supporters in Nairobi on Monday, a police spokesman said.",
    "Ghana's foreign minister met his Togolese counterpart in Accra on Tuesday to discuss border security.",
    "Rebels attacked a Malian army base near Gao on Wednesday, killing four soldiers, the army said.",
    "The European Union imposed new sanctions on Belarusian officials on Thursday over the crackdown on protesters.",
    "Thousands of Chilean students protested in Santiago on Friday against rising tuition fees.",
    "Brazil and Argentina signed a trade agreement in Brasilia on Saturday, officials said.",
    "Japan accused China on Sunday of sending warships into its territorial waters near the disputed islands.",
    "Vietnam's president visited Laos on Monday for talks with Lao leaders on trade and energy.",
]


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return path


def records(n: int, start: int = 0) -> list[dict]:
    """n distinct documents (a story and a sentence of its own each: no two are near-duplicates)."""
    return [{"id": f"r{i}", "text": STORIES[i % len(STORIES)] + f" Witnesses in district {i} counted {i * 7 + 3} "
             f"trucks, {i * 3 + 1} buses and {i * 11 + 2} cars on the road to the airport after noon.",
             "date": "2024-03-04"} for i in range(start, start + n)]


def table(db: Path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def events_of(db: Path) -> list[tuple]:
    return table(db, "SELECT doc_id, event_id, event_type, source_country, target_country, date FROM events "
                     "ORDER BY event_id")


def test_a_folder_of_mixed_inputs_lands_in_the_store(coder, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    write_jsonl(folder / "a.jsonl", records(4))
    (folder / "b.txt").write_text(STORIES[2], encoding="utf-8")
    (folder / "broken.jsonl").write_text('{"id": "x1", "text": "Iran accused Israel."}\n{not json\n',
                                         encoding="utf-8")
    with gzip.open(folder / "c.jsonl.gz", "wt", encoding="utf-8") as f:
        f.write("".join(json.dumps(r) + "\n" for r in records(2, start=10)))
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    db = tmp_path / "events.duckdb"
    summary = run_corpus([folder], db, workers=1, coder=coder)
    assert summary.coded == 8  # a.jsonl 4, b.txt 1, the broken file's good line 1, c.jsonl.gz 2
    assert summary.skipped == 2  # the broken line and the binary file, each with its reason
    assert summary.events > 0
    reasons = [r[0] for r in table(db, "SELECT reason FROM skipped")]
    assert len(reasons) == 2 and all(reasons)
    assert table(db, "SELECT count(*) FROM documents WHERE duplicate_of IS NULL")[0][0] == 8
    assert table(db, "SELECT coded, skipped FROM runs") == [(8, 2)]


def test_a_rerun_codes_only_what_is_new(coder, tmp_path):
    db = tmp_path / "events.duckdb"
    first = write_jsonl(tmp_path / "first.jsonl", records(5))
    run_corpus([first], db, workers=1, coder=coder)
    before = events_of(db)
    again = run_corpus([first], db, workers=1, coder=coder)
    assert (again.coded, again.already) == (0, 5)
    assert events_of(db) == before
    second = write_jsonl(tmp_path / "second.jsonl", records(3, start=5))
    more = run_corpus([first, second], db, workers=1, coder=coder)
    assert (more.coded, more.already) == (3, 5)
    assert table(db, "SELECT count(*) FROM documents")[0][0] == 8
    assert table(db, "SELECT count(*), count(DISTINCT event_id) FROM events")[0] == (len(events_of(db)),) * 2


def test_syndicated_copies_are_coded_once_with_all_their_urls(coder, tmp_path):
    body = ("Rebels attacked a Malian army base near Gao on Wednesday, killing four soldiers, the army said. The "
            "attack was the third on the base this year. Officials said reinforcements had been sent to the region "
            "and that the attackers fled towards the Niger border after a two-hour gun battle with the garrison.")
    recs = [{"id": "wire", "text": "Rebels hit army base\n\n" + body, "url": "https://wire.example/1"},
            {"id": "paper", "text": "Four soldiers killed in Mali attack\n\n" + body + "\n\nReporting by staff.",
             "url": "https://paper.example/mali"}]
    db = tmp_path / "events.duckdb"
    summary = run_corpus([write_jsonl(tmp_path / "d.jsonl", recs)], db, workers=1, coder=coder)
    assert (summary.coded, summary.duplicates) == (1, 1)
    assert table(db, "SELECT doc_id, duplicate_of FROM documents ORDER BY doc_id") == [
        ("paper", "wire"), ("wire", None)]
    urls = table(db, "SELECT urls FROM documents WHERE doc_id = 'wire'")[0][0]
    assert set(urls) == {"https://wire.example/1", "https://paper.example/mali"}
    assert {r[0] for r in table(db, "SELECT DISTINCT doc_id FROM events")} == {"wire"}


def test_two_workers_store_the_same_events_as_one(coder, tmp_path):
    data = write_jsonl(tmp_path / "d.jsonl", records(12))
    run_corpus([data], tmp_path / "one.duckdb", workers=1, coder=coder, batch_size=4)
    run_corpus([data], tmp_path / "two.duckdb", workers=2, batch_size=4)
    assert events_of(tmp_path / "two.duckdb") == events_of(tmp_path / "one.duckdb") != []


@pytest.mark.slow
def test_a_local_dask_cluster_stores_the_same_events_as_a_local_run(coder, tmp_path):
    data = write_jsonl(tmp_path / "d.jsonl", records(8))
    run_corpus([data], tmp_path / "local.duckdb", workers=1, coder=coder, batch_size=3)
    run_corpus([data], tmp_path / "dask.duckdb", cluster="local:2", batch_size=3)
    assert events_of(tmp_path / "dask.duckdb") == events_of(tmp_path / "local.duckdb") != []


def test_a_run_killed_in_the_middle_resumes_with_nothing_lost_or_doubled(coder, tmp_path):
    data = write_jsonl(tmp_path / "d.jsonl", records(40))
    clean = tmp_path / "clean.duckdb"
    run_corpus([data], clean, workers=1, coder=coder, batch_size=4)
    db = tmp_path / "killed.duckdb"
    cmd = [sys.executable, "-m", "sanderling", "code", str(data), "--db", str(db), "--workers", "1",
           "--batch-size", "4"]
    proc = subprocess.Popen(cmd, stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True,
                            env={**os.environ, "COLUMNS": "200"})
    stored = 0
    deadline = time.monotonic() + 120
    assert proc.stderr is not None
    while stored < 3 and time.monotonic() < deadline:  # plain progress lines when stderr is not a terminal
        line = proc.stderr.readline()
        if not line:
            break
        stored += "stored" in line
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    assert stored >= 3, "the run ended before three batches were stored"
    partial = table(db, "SELECT count(*) FROM documents")[0][0]
    assert 0 < partial < 40
    resumed = run_corpus([data], db, workers=1, coder=coder, batch_size=4)
    assert resumed.already == partial and resumed.coded == 40 - partial
    assert events_of(db) == events_of(clean)


def test_a_document_over_the_size_limit_is_skipped_before_any_work_on_it(coder, tmp_path):
    from sanderling.coder import MAX_CHARS

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "huge.txt").write_text("Police arrested 40 protesters in Nairobi. " * (MAX_CHARS // 40 + 10),
                                     encoding="utf-8")
    write_jsonl(folder / "ok.jsonl", records(2))
    db = tmp_path / "events.duckdb"
    summary = run_corpus([folder], db, workers=1, coder=coder)
    assert (summary.coded, summary.skipped) == (2, 1)
    reasons = [r[0] for r in table(db, "SELECT reason FROM skipped")]
    assert len(reasons) == 1 and "more than the limit" in reasons[0]
