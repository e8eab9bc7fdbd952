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
