"""The TempEval-3 platinum reader: TimeML offsets, event-date gold from TLINKs, bad files, and a ratchet."""

from datetime import date
from pathlib import Path

import pytest

from sanderling.errors import SanderlingError
from sanderling.eval.te3 import compatible, gold_event_dates, interval, match_spans, read_timeml, run

TE3 = Path(__file__).resolve().parents[2] / "shared" / "data" / "te3-platinum"
# Measured on all 20 articles (docs/accuracy.md): DATE value accuracy and relaxed time-expression F1.
MEASURED_DATE_VALUE_ACCURACY = 0.978
MEASURED_TIMEX_F1 = 0.944

SMALL_TIMEML = """<?xml version="1.0" ?>
<TimeML><DOCID>x</DOCID>
<DCT><TIMEX3 functionInDocument="CREATION_TIME" tid="t0" type="DATE" value="2013-03-22">March 22, 2013</TIMEX3></DCT>
<TEXT>
Rebels <EVENT class="OCCURRENCE" eid="e1">attacked</EVENT> the town <TIMEX3 tid="t1" type="DATE" value="2013-03-21">on
Thursday</TIMEX3>, and troops <EVENT class="OCCURRENCE" eid="e2">withdrew</EVENT> <TIMEX3 tid="t2" type="DATE"
value="2012">last year</TIMEX3> for <TIMEX3 tid="t3" type="DURATION" value="P2W">two weeks</TIMEX3>.
</TEXT>
<MAKEINSTANCE eiid="ei1" eventID="e1"/><MAKEINSTANCE eiid="ei2" eventID="e2"/>
<TLINK lid="l1" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t0"/>
<TLINK lid="l2" relType="IS_INCLUDED" eventInstanceID="ei1" relatedToTime="t1"/>
<TLINK lid="l3" relType="INCLUDES" timeID="t2" relatedToEventInstance="ei2"/>
<TLINK lid="l4" relType="DURING" eventInstanceID="ei2" relatedToTime="t3"/>
</TimeML>
"""


@pytest.fixture(scope="module")
def te3_dir() -> Path:
    if not TE3.is_dir():
        pytest.skip(f"the TempEval-3 gold folder {TE3} is not present (shared/ is not beside the checkout)")
    return TE3


def test_offsets_follow_the_inline_tags(tmp_path):
    f = tmp_path / "small.tml"
    f.write_text(SMALL_TIMEML, encoding="utf-8")
    doc = read_timeml(f)
    assert doc.dct == date(2013, 3, 22)
    assert [(t.text, t.type, t.value) for t in doc.timexes] == [
        ("on\nThursday", "DATE", "2013-03-21"), ("last year", "DATE", "2012"), ("two weeks", "DURATION", "P2W")]
    assert all(doc.text[t.start:t.end] == t.text for t in doc.timexes)
    assert doc.text[doc.events["e2"].start:doc.events["e2"].end] == "withdrew"
    # an in-text DATE beats the DCT; a link written from the time's side counts; a DURATION never dates an event
    assert gold_event_dates(doc) == {"e1": ("2013-03-21", "t1"), "e2": ("2012", "t2")}


def test_reads_every_real_file(te3_dir):
    docs = [read_timeml(f) for f in sorted(te3_dir.glob("*.tml"))]
    assert len(docs) == 20
    assert sum(len(d.timexes) for d in docs) == 138  # the README's count, DCTs excluded
    assert all(d.text[t.start:t.end] == t.text for d in docs for t in d.timexes)
    ap = next(d for d in docs if d.name == "AP_20130322")
    assert ap.dct == date(2013, 3, 22)
    assert ("the last week", "DATE", "2013-W11") in [(t.text, t.type, t.value) for t in ap.timexes]
    dated = gold_event_dates(ap)
    assert {ap.events[e].text: v for e, (v, _) in dated.items()}["reported"] == "2013-W11"


def test_periods_and_compatibility():
    dct = date(2013, 3, 22)
    assert interval("2013-W12", dct) == (date(2013, 3, 18), date(2013, 3, 24))
    assert interval("2012-SU", dct) == (date(2012, 6, 1), date(2012, 8, 31))
    assert interval("2013-Q4", dct) == (date(2013, 10, 1), date(2013, 12, 31))
    assert interval("PRESENT_REF", dct) == (dct, dct)
    assert interval("P3Y", dct) is None
    assert compatible(interval("2013-03", dct), interval("2013-03-21", dct))
    assert compatible(interval("2013-03-21", dct), interval("2013-W12", dct))
    assert not compatible(interval("2012", dct), interval("2013-03-21", dct))


def test_spans_match_one_to_one_by_overlap():
    assert match_spans([(0, 10), (20, 25)], [(4, 12), (5, 9), (30, 31)]) == {0: 0}
    assert match_spans([(0, 4), (5, 9)], [(0, 9)]) == {0: 0}


def test_run_on_a_few_articles(te3_dir, coder):
    report = run(te3_dir, coder, limit=3)
    assert report.records == 3 and report.skipped == []
    assert 0.0 < report.headline["timex_f1"] <= 1.0
    assert report.headline["timex_f1_strict"] <= report.headline["timex_f1"]
    assert {"date_value_accuracy", "value_accuracy", "event_date_coverage",
            "event_date_accuracy"} <= set(report.headline)
    for err in report.errors:
        assert {"file", "kind", "text", "gold", "output"} <= set(err)
    order = [0 if e["kind"] == "wrong DATE value" else 1 if e["kind"] == "missed DATE" else 2 for e in report.errors]
    assert order == sorted(order)  # the headline's misses come first


def test_bad_file_is_skipped_and_the_others_scored(te3_dir, coder, tmp_path):
    good = sorted(te3_dir.glob("*.tml"))[0]
    (tmp_path / good.name).write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "broken.tml").write_text(SMALL_TIMEML[:400], encoding="utf-8")
    report = run(tmp_path, coder)
    assert report.records == 1
    assert len(report.skipped) == 1 and "broken.tml" in report.skipped[0]


def test_missing_gold_is_a_clear_error(coder, tmp_path):
    with pytest.raises(SanderlingError, match="nope"):
        run(tmp_path / "nope", coder)
    with pytest.raises(SanderlingError, match=r"\*\.tml"):
        run(tmp_path, coder)


@pytest.mark.slow
def test_ratchet_full_set(te3_dir, coder):
    report = run(te3_dir, coder)
    assert report.records == 20
    assert report.headline["date_value_accuracy"] >= MEASURED_DATE_VALUE_ACCURACY - 0.02
    assert report.headline["timex_f1"] >= MEASURED_TIMEX_F1 - 0.02
