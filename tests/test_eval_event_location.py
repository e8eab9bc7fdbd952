"""The event-location reader: spans read from tokens, both modes, bad elements, a cut-off file, the ratchet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanderling.errors import SanderlingError
from sanderling.eval import event_location
from sanderling.eval.base import EvalReport
from sanderling.model import Location

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "data" / "event-location"
# Measured on the 494 usable RELABEL records with the coder of this commit; see docs/accuracy.md.
MEASURED_DIRECT_ACCURACY = 0.642


@pytest.fixture(scope="module")
def gold_file() -> Path:
    path = FOLDER / "labeled_text.jsonl"
    if not path.is_file():
        pytest.skip(f"{path} is not present (shared/ is not beside the checkout)")
    return path


@pytest.fixture(scope="module")
def relabel(gold_file) -> list[dict]:
    records = json.loads(gold_file.read_text(encoding="utf-8"))
    return [r for r in records if r.get("source") == "RELABEL"]


def test_spans_are_read_from_tokens(relabel):
    """Some re-annotated records hold token indices in start/end: the span text must still be the labelled one."""
    checked = 0
    for record in relabel:
        if not record.get("spans"):
            continue
        verb, locs, texts = event_location._gold(record)
        assert record["text"][verb[0]:verb[1]].strip()
        labelled = [s["text"] for s in record["spans"] if s["label"] == "LOCATION" and "text" in s]
        if labelled:
            assert [t.strip() for t in texts] == [t.strip() for t in labelled]
            checked += 1
    assert checked > 100


def test_is_correct():
    gold, text = [(10, 15)], ["Paris"]
    assert event_location.is_correct(Location("Paris", "FRA", text="Paris", start=10, end=15), gold, text)
    assert not event_location.is_correct(Location("France", "FRA", text="France", start=30, end=36), gold, text)
    assert event_location.is_correct(None, [], [])
    assert not event_location.is_correct(None, gold, text)
    assert event_location.is_correct(Location("Paris", "FRA"), gold, text)  # no span: compared by name


def test_run_on_a_few_records(gold_file, coder):
    report = event_location.run(gold_file.parent, coder, limit=10)
    assert report.records == 10
    h = report.headline
    assert set(h) >= {"direct_accuracy", "direct_accuracy_with_location", "direct_accuracy_without_location"}
    assert all(0.0 <= v <= 1.0 for v in h.values())
    direct = {row[0]: row for row in report.tables[0][2]}
    assert direct["direct: gold has a location"][1] + direct["direct: gold has none"][1] == 10
    assert all({"text", "gold", "output", "verb"} <= set(e) for e in report.errors)


def test_malformed_and_cut_off_elements(tmp_path, relabel, coder):
    good = [r for r in relabel if r.get("spans")][:2]
    broken = '{"text": "x", "spans": [1,}, "source": "RELABEL"}'
    other = json.dumps(dict(good[0], source="Unknown_Andy"))
    body = f"[{json.dumps(good[0])}, {broken}, {other}, {json.dumps(good[1])}, " + '{"text": "cut'
    path = tmp_path / "labeled_text.jsonl"
    path.write_text(body, encoding="utf-8")
    report = event_location.run(tmp_path, coder)
    assert report.records == 2  # the two good RELABEL records; the other source is not scored
    assert len(report.skipped) == 2
    assert "element 2" in report.skipped[0] and "cut off" in report.skipped[1]


def test_not_an_array_and_missing_file(tmp_path, coder):
    with pytest.raises(SanderlingError, match="labeled_text.jsonl"):
        event_location.run(tmp_path, coder)
    (tmp_path / "labeled_text.jsonl").write_text('{"text": "a"}\n', encoding="utf-8")
    with pytest.raises(SanderlingError, match="not a JSON array"):
        event_location.run(tmp_path, coder)


def test_iter_array_reports_without_coder(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('[{"a": 1}, {"b": tru}, {"c": 3}]', encoding="utf-8")
    report = EvalReport("x", str(path))
    assert [v for _, v in event_location.iter_array(path, report)] == [{"a": 1}, {"c": 3}]
    assert len(report.skipped) == 1 and "element 2" in report.skipped[0]


@pytest.mark.slow
def test_ratchet_full_relabel_set(gold_file, coder):
    report = event_location.run(gold_file.parent, coder)
    assert report.records == 494
    assert report.headline["direct_accuracy"] >= MEASURED_DIRECT_ACCURACY - 0.02
