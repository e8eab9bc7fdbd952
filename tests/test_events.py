"""Events from the dependency tree: actors, type, CAMEO code and factuality on real sentences."""

import pytest

from sanderling.actors import find_actors
from sanderling.annotate import load_pipeline
from sanderling.events import extract_events, patterns


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def coded(nlp, text):
    doc = nlp(text)
    return [(d.source.country, d.target.country if d.target else None, d.event_type, d.cameo, d.factuality)
            for d in extract_events(doc, find_actors(doc))]


def test_verbal_attack_is_accuse(nlp):
    assert ("IRN", "AZE", "ACCUSE", "112", "asserted") in coded(
        nlp, "In February 2012, Iran attacked Azerbaijan for collaborating against it with Mossad.")


def test_armed_attack_is_assault(nlp):
    events = coded(nlp, "Russia attacked Ukraine with missiles and drones on Monday.")
    assert ("RUS", "UKR", "ASSAULT", "190", "asserted") in events
    assert not any(e[2] == "ACCUSE" for e in events)


def test_negation(nlp):
    assert ("ISR", "IRN", "ASSAULT", "190", "negated") in coded(nlp, "Israel did not attack Iran last year.")


def test_plan_is_hypothetical(nlp):
    events = coded(nlp, "Israel plans to attack Iran's nuclear program.")
    assert ("ISR", "IRN", "ASSAULT", "190", "hypothetical") in events


def test_future_is_hypothetical(nlp):
    assert ("FRA", "DEU", "CONSULT", "042", "hypothetical") in coded(nlp, "French President Emmanuel Macron will visit Germany.")


def test_passive_with_agent(nlp):
    assert ("PAK", "IND", "ACCUSE", "111", "asserted") in coded(nlp, "India was condemned by Pakistan for the raid.")


def test_one_event_per_conjoined_target(nlp):
    events = coded(nlp, "The Chinese foreign minister met with Japanese officials and South Korean diplomats in Busan.")
    pairs = {(s, t) for s, t, typ, *_ in events if typ == "CONSULT"}
    assert {("CHN", "JPN"), ("CHN", "KOR")} <= pairs


def test_reciprocal_agreement(nlp):
    events = coded(nlp, "In 2012, Israel and Azerbaijan signed an agreement on drones.")
    assert ("ISR", "AZE", "SUPPORT", "057", "asserted") in events


def test_noun_trigger_with_light_verb(nlp):
    events = coded(nlp, "Indian Prime Minister Narendra Modi paid an official visit to Japan.")
    assert ("IND", "JPN", "CONSULT", "042", "asserted") in events


def test_arrest_without_named_target_country(nlp):
    events = coded(nlp, "A few weeks later, Azerbaijan arrested 22 individuals suspected of participating in a plot.")
    assert ("AZE", None, "COERCE", "173", "asserted") in events


def test_conviction_implies_a_court(nlp):
    doc = nlp("Two Hezbollah militants were convicted in May 2009 of placing car bombs.")
    drafts = [d for d in extract_events(doc, find_actors(doc)) if d.event_type == "SANCTION"]
    assert drafts and drafts[0].source.sector == "JUD" and drafts[0].source.country is None
    assert drafts[0].target.country == "LBN"


def test_no_event_without_actors(nlp):
    assert coded(nlp, "The weather was fine and the talks were long.") == []


def test_lexicon_loads_with_valid_types():
    from sanderling.model import PLOVER_TYPES

    for pats in patterns().values():
        for p in pats:
            assert p.event_type in PLOVER_TYPES, p
            assert p.cameo.isdigit(), p
