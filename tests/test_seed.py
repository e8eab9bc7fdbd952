"""The seed scorer on the real gold file, with hand-built event lists."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanderling.errors import SanderlingError
from sanderling.eval.seed import GoldItem, load_gold, score
from sanderling.model import Event

from conftest import build_event


def event_for(item: GoldItem, n: int, **overrides) -> Event:
    """The event a perfect coder would produce for a gold item."""
    fields = dict(
        event_type=item.plover, source=item.source.country, target=item.target.country, sentence=item.sentence,
        date=item.date, precision=item.date_precision, factuality=item.factuality or "asserted", n=n,
        source_sector=item.source.sector, target_sector=item.target.sector, mode=item.mode, cameo=item.cameo,
    )
    fields.update(overrides)
    return build_event(**fields)


@pytest.fixture
def gold(seed_gold_path):
    return load_gold(seed_gold_path)


@pytest.fixture
def perfect(gold) -> list[Event]:
    return [event_for(item, n) for n, item in enumerate(gold.required, start=1)]


def results(report) -> dict[str, bool]:
    return {r.item.id: r.found for r in report.required}


def test_gold_file_loads(gold, seed_gold_path):
    assert gold.document == seed_gold_path.parent / "gantz-azerbaijan-2022-10-03.txt"
    assert gold.pub_date == "2022-10-03"
    assert len(gold.required) == 9 and len(gold.forbidden) == 4
    assert {i.id for i in gold.required} >= {"visit", "arms-agreement", "arrests", "intel-help"}


def test_perfect_events_find_everything_and_hit_nothing(gold, perfect):
    report = score(perfect, gold)
    assert report.found == len(gold.required)
    assert report.hits == 0
    assert all(not r.differences for r in report.required)
    assert json.loads(json.dumps(report.to_dict()))["required_found"] == 9


def test_wrong_type_is_missed(gold, perfect):
    perfect[0].event_type = "COOPERATE"
    found = results(score(perfect, gold))
    assert found["visit"] is False
    assert sum(found.values()) == 8


def test_alternative_type_is_accepted_and_reported(gold, perfect):
    arms = next(e for e, i in zip(perfect, gold.required) if i.id == "arms-agreement")
    arms.event_type = "AGREE"
    report = score(perfect, gold)
    arms_result = next(r for r in report.required if r.item.id == "arms-agreement")
    assert arms_result.found and any("alternative" in d for d in arms_result.differences)


def test_either_direction_only_where_the_note_says_so(gold, perfect):
    by_id = {i.id: e for e, i in zip(perfect, gold.required)}
    for item_id in ("arms-agreement", "visit"):
        e = by_id[item_id]
        e.source.country, e.target.country = e.target.country, e.source.country
    found = results(score(perfect, gold))
    assert found["arms-agreement"] is True
    assert found["visit"] is False


def test_date_precision_rules(gold, perfect):
    by_id = {i.id: e for e, i in zip(perfect, gold.required)}
    by_id["iran-verbal-attack"].date, by_id["iran-verbal-attack"].date_precision = "2012-02-14", "day"
    by_id["arrests"].date, by_id["arrests"].date_precision = "2012", "year"
    by_id["intel-help"].date, by_id["intel-help"].date_precision = "2022-10-03", "day"
    by_id["arms-agreement"].date, by_id["arms-agreement"].date_precision = "2013", "year"
    found = results(score(perfect, gold))
    assert found["iran-verbal-attack"] is True   # a day inside the gold month
    assert found["arrests"] is False             # coarser than the gold's month
    assert found["intel-help"] is False          # undated in the gold: a day-precise date is wrong
    assert found["arms-agreement"] is False      # wrong year


def test_undated_item_accepts_no_date_or_a_coarse_one(gold, perfect):
    intel = next(e for e, i in zip(perfect, gold.required) if i.id == "intel-help")
    intel.date, intel.date_precision = None, "unknown"
    assert results(score(perfect, gold))["intel-help"] is True
    intel.date, intel.date_precision = "2022", "year"
    assert results(score(perfect, gold))["intel-help"] is True


def test_one_event_satisfies_one_item(gold):
    meetings = [i for i in gold.required if i.id.startswith("meet-")]
    assert len(meetings) == 3
    report = score([event_for(meetings[0], 1)], gold)
    assert sum(r.found for r in report.required) == 1
    report = score([event_for(m, n) for n, m in enumerate(meetings, 1)], gold)
    assert sum(r.found for r in report.required) == 3


def test_sentence_must_agree_unless_disabled(gold, perfect):
    visit = next(e for e, i in zip(perfect, gold.required) if i.id == "visit")
    visit.sentence = 4
    assert results(score(perfect, gold))["visit"] is False
    assert results(score(perfect, gold, by_sentence=False))["visit"] is True


def test_forbidden_codings_are_reported(gold, perfect):
    extra = [
        build_event("ASSAULT", "IRN", "AZE", sentence=14, date="2012-02", n=90),
        build_event("ASSAULT", "ISR", "IRN", sentence=5, date="2012-03", n=91),
        build_event("ASSAULT", "ISR", "IRN", sentence=5, date="2012-03", factuality="hypothetical", n=92),
        build_event("COOPERATE", "AZE", "ISR", sentence=12, date="2022-10-03", n=93),
        build_event("CONSULT", "ISR", "ISR", sentence=2, n=94),
    ]
    report = score(perfect + extra, gold)
    hits = {v.item.why: [e.event_id for e in v.events] for v in report.forbidden}
    assert hits["verbal attack coded as force"] == ["doc-90"]
    assert hits["a planned attack coded as one that happened"] == ["doc-91"]
    assert hits["background events dated with the publication date"] == ["doc-93"]
    assert hits["members of one's own delegation are not a target "
                "(domestic accompaniment is not an event)"] == ["doc-94"]
    assert report.hits == 4


def test_synthetic_gold_without_shared_data(tmp_path: Path):
    gold_path = tmp_path / "tiny.gold.json"
    gold_path.write_text(json.dumps({
        "document": "tiny.txt", "pub_date": "2020-01-02",
        "required": [{"id": "talks", "sentence": 1, "source": {"country": "FRA"}, "target": {"country": None},
                      "plover": "CONSULT", "date": "2020-01", "date_precision": "month"}],
        "forbidden": [{"why": "no attacks", "plover": "ASSAULT"}],
    }))
    gold = load_gold(gold_path)
    ok = build_event("CONSULT", "FRA", None, date="2020-01-02")
    wrong_country = build_event("CONSULT", "DEU", "FRA", date="2020-01-02", n=2)
    attack = build_event("ASSAULT", "FRA", "DEU", n=3)
    report = score([wrong_country, attack, ok], gold)
    assert report.required[0].event is ok
    assert [e.event_id for e in report.forbidden[0].events] == ["doc-3"]


def test_malformed_gold_is_a_clear_error(tmp_path: Path):
    bad = tmp_path / "bad.gold.json"
    bad.write_text("{\"required\": 3}")
    with pytest.raises(SanderlingError, match="cannot read the gold file"):
        load_gold(bad)
    with pytest.raises(SanderlingError, match="cannot read the gold file"):
        load_gold(tmp_path / "missing.gold.json")
