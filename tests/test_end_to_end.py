"""The whole coder on the real example article, scored against its hand-coded gold file."""

import pytest

from sanderling.eval.seed import code_and_score, load_gold


@pytest.fixture(scope="module")
def report(coder):
    from tests.conftest import SEED_GOLD

    if not SEED_GOLD.is_file():
        pytest.skip(f"the seed gold file {SEED_GOLD} is not present (shared/ is not beside the checkout)")
    return code_and_score(load_gold(SEED_GOLD), coder)


def test_every_required_event_is_found(report):
    missed = [r.item.id for r in report.required if not r.found]
    assert missed == [], f"missed required events: {missed}"


def test_no_forbidden_coding(report):
    hits = {v.item.why: [e.event_id for e in v.events] for v in report.forbidden if v.hit}
    assert hits == {}


def test_events_carry_provenance(report):
    text = report.gold.document.read_text("utf-8")
    for r in report.required:
        e = r.event
        assert text[e.trigger.start:e.trigger.end] == e.trigger.text
        if e.source.text is not None:
            assert text[e.source.start:e.source.end] == e.source.text
        assert e.sentence_text.strip() in text


def test_pipe_codes_good_documents_around_bad_ones(coder):
    from sanderling import Document

    docs = [Document("Iran attacked Azerbaijan with missiles on Monday.", id="good1", date=None),
            Document("\x00\x01 binary", id="bad"),
            Document("", id="empty"),
            "Russia expelled two American diplomats."]
    results = list(coder.pipe(docs))
    assert [r.document.id for r in results] == ["good1", "bad", "empty", "doc4"]
    assert [(e.source.country, e.target.country, e.event_type, e.factuality)
            for e in results[0].events] == [("IRN", "AZE", "ASSAULT", "asserted")]
    assert results[1].error and "binary" in results[1].error
    assert results[2].error and "empty" in results[2].error
    assert [(e.source.country, e.target.country, e.event_type) for e in results[3].events] == [("RUS", "USA", "SANCTION")]
