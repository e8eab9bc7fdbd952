"""The WikiEvents reader: KAIROS→PLOVER mapping, token alignment, coreference credit, bad records, the ratchet."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanderling.errors import SanderlingError
from sanderling.eval import wikievents
from sanderling.eval.base import EvalReport

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "data" / "wikievents"
# Measured on test.jsonl (20 documents) with the coder of this commit; see docs/accuracy.md.
# KAIROS annotates every mention of an event; since the coder codes an event a document tells twice once (the news
# guide's convention, events.told_once), repeated mentions count as misses here (0.241 / 0.222 / 0.200 at 8f1c6f8;
# 0.217 / 0.221 / 0.193 right after that change; later rules found more).
MEASURED_TYPE_F1 = 0.234
MEASURED_SOURCE_F1 = 0.260
MEASURED_TARGET_F1 = 0.213


@pytest.fixture
def folder() -> Path:
    if not (FOLDER / "test.jsonl").is_file():
        pytest.skip(f"{FOLDER} is not present (shared/ is not beside the checkout)")
    return FOLDER


def first_records(folder: Path, n: int) -> list[dict]:
    with (folder / "test.jsonl").open(encoding="utf-8") as fh:
        return [json.loads(next(fh)) for _ in range(n)]


def test_mapping_follows_plover():
    assert wikievents.plover_type("Conflict.Attack.DetonateExplode", {"Place"}) == "ASSAULT"
    assert wikievents.plover_type("Justice.ArrestJailDetain.Unspecified", set()) == "COERCE"
    assert wikievents.plover_type("Contact.Contact.Meet", set()) == "CONSULT"
    assert wikievents.plover_type("Contact.Contact.Broadcast", {"Communicator"}) is None
    assert wikievents.plover_type("Life.Die.Unspecified", {"Victim"}) is None
    assert wikievents.plover_type("Life.Die.Unspecified", {"Victim", "Killer"}) == "ASSAULT"
    assert wikievents.plover_type("Movement.Transportation.Unspecified", set()) is None


def test_tokens_align_to_text(folder):
    for record in first_records(folder, 3):
        offsets = wikievents.align_tokens(record["tokens"], record["text"])
        assert None not in offsets
        assert all(record["text"][a:b] == tok for (a, b), tok in zip(offsets, record["tokens"]))


def test_gold_events_read_with_roles_and_coref(folder):
    record = first_records(folder, 1)[0]
    offsets = wikievents.align_tokens(record["tokens"], record["text"])
    report = EvalReport("wikievents", "")
    clusters = wikievents.read_coref(folder / "coref" / "test.jsonlines", report).get(record["doc_id"], {})
    golds = wikievents._gold_events(record, offsets, clusters)
    first = record["event_mentions"][0]
    gold = next(g for g in golds if g.trigger_text == first["trigger"]["text"])
    assert record["text"][gold.trigger[0]:gold.trigger[1]] == first["trigger"]["text"]
    killer = next(a["text"] for a in first["arguments"] if a["role"] == "Killer")
    assert gold.plover == "ASSAULT" and [a.text for a in gold.source] == [killer]
    assert any(len(a.spans) > 1 for g in golds for a in g.source + g.target)  # coreferent mentions count too
    assert len(golds) <= len(record["event_mentions"])


def test_run_on_a_few_documents(folder, coder):
    report = wikievents.run(folder, coder, limit=3)
    assert report.records == 3 and not report.skipped
    assert set(report.headline) >= {"type_f1", "source_f1", "target_f1"}
    assert all(0.0 <= v <= 1.0 for v in report.headline.values())
    overall = {row[0]: row for row in report.tables[0][2]}
    assert overall["trigger+type"][1] > 0  # gold events of mapped types were read
    assert any("left out" in note for note in report.notes)
    assert all("gold" in e and "output" in e and "text" in e for e in report.errors)


def synthetic_record() -> dict:
    text = "Police arrested two protesters in Paris."
    tokens = ["Police", "arrested", "two", "protesters", "in", "Paris", "."]
    return {
        "doc_id": "synthetic-1", "text": text, "tokens": tokens, "sentences": [[[[t, 0, 0] for t in tokens], text]],
        "entity_mentions": [{"id": "synthetic-1-T1", "start": 0, "end": 1, "text": "Police"},
                            {"id": "synthetic-1-T2", "start": 3, "end": 4, "text": "protesters"}],
        "event_mentions": [{"id": "synthetic-1-E1", "event_type": "Justice.ArrestJailDetain.Unspecified",
                            "trigger": {"start": 1, "end": 2, "text": "arrested", "sent_idx": 0},
                            "arguments": [{"entity_id": "synthetic-1-T1", "role": "Jailer", "text": "Police"},
                                          {"entity_id": "synthetic-1-T2", "role": "Detainee",
                                           "text": "protesters"}]}],
    }


def test_bad_lines_are_reported_and_the_rest_scored(tmp_path, coder):
    good = synthetic_record()
    no_tokens = dict(good, doc_id="synthetic-2", tokens=[])
    gold_file = tmp_path / "test.jsonl"
    gold_file.write_text(json.dumps(good) + "\n{\"doc_id\": \"cut\n" + json.dumps(no_tokens) + "\n",
                         encoding="utf-8")
    report = wikievents.run(tmp_path, coder)
    assert report.records == 1
    assert len(report.skipped) == 2
    assert f"{gold_file}:2" in report.skipped[0] and "synthetic-2" in report.skipped[1]
    assert any("coreference" in note for note in report.notes)  # no coref/ folder beside it
    assert report.tables[0][2][1][1] == 1  # the good record's one gold event was scored


def test_missing_file_is_a_clear_error(tmp_path, coder):
    with pytest.raises(SanderlingError, match="test.jsonl"):
        wikievents.run(tmp_path, coder)


@pytest.mark.slow
def test_ratchet_full_test_set(folder, coder):
    report = wikievents.run(folder, coder)
    assert report.records == 20
    assert report.headline["type_f1"] >= MEASURED_TYPE_F1 - 0.02
    assert report.headline["source_f1"] >= MEASURED_SOURCE_F1 - 0.02
    assert report.headline["target_f1"] >= MEASURED_TARGET_F1 - 0.02
