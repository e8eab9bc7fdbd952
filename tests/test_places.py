"""Event locations resolved offline to places with country and coordinates."""

import pytest

from sanderling.actors import find_actors
from sanderling.annotate import load_pipeline
from sanderling.events import extract_events
from sanderling.places import EventPlacer, find_toponyms, gazetteer


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def located(nlp, text):
    doc = nlp(text)
    placer = EventPlacer()
    out = []
    for d in extract_events(doc, find_actors(doc)):
        loc = placer.locate(doc, d.trigger, event_type=d.event_type, mode=d.mode, host_country=d.host_country)
        out.append((d.trigger.text, loc.name if loc else None, loc.country if loc else None))
    return out


def test_city_in_locative_phrase(nlp):
    assert ("arrested", "Baku", "AZE") in located(nlp, "Azerbaijani police arrested two Iranians in Baku on Friday.")


def test_visit_takes_the_visited_country(nlp):
    assert ("visit", "Azerbaijan", "AZE") in located(
        nlp, "Defense Minister Benny Gantz conducted an official visit to Azerbaijan on Monday.")


def test_target_is_not_a_location(nlp):
    assert located(nlp, "Iran attacked Azerbaijan with missiles.") == [("attacked", None, None)]


def test_gazetteer_prefers_hinted_country_then_population():
    gaz = gazetteer()
    assert gaz.lookup("Paris").country == "FRA"
    assert gaz.lookup("Kharkiv").country == "UKR"
    assert gaz.lookup("Tripoli", country_hint={"LBN"}).country == "LBN"
    assert gaz.lookup("Tripoli").country == "LBY"
    assert gaz.lookup("Syria").kind == "country"


def test_find_toponyms(nlp):
    doc = nlp("Protesters gathered in Kabul and Herat, Afghanistan, on Sunday.")
    names = {t.text: (t.place.country if t.place else None) for t in find_toponyms(doc)}
    assert names.get("Kabul") == "AFG" and names.get("Herat") == "AFG"


def test_container_and_document_context_pick_the_candidate(nlp):
    doc = nlp("He grew up in Paris, Texas, and moved to Atlanta, Georgia, in 2001.")
    places = {t.text: t.place for t in find_toponyms(doc)}
    assert (places["Paris"].country, places["Paris"].admin1) == ("USA", "TX")
    assert places["Georgia"].kind == "admin1" and places["Atlanta"].admin1 == "GA"
    doc = nlp("Kentucky State Police said a man from London was arrested.")
    assert {t.text: t.place.admin1 for t in find_toponyms(doc)}["London"] == "KY"
    assert gazetteer().lookup("London").country == "GBR"


def test_adjectives_continents_and_longer_names(nlp):
    doc = nlp("Turkish troops and European diplomats met the New Jersey governor.")
    places = {t.text: t.place for t in find_toponyms(doc)}
    assert places["Turkish"].country == "TUR" and places["Turkish"].geonameid == 298795
    assert places["European"].kind == "continent"
    assert places["New Jersey"].kind == "admin1"
    assert "Turkish" not in {t.text for t in find_toponyms(doc, adjectival=False)}


def test_country_point_is_inside_the_country_and_reverse_lookup():
    gaz = gazetteer()
    germany = gaz.lookup("Germany")
    assert germany.geonameid == 2921044 and 47 < germany.lat < 55 and 6 < germany.lon < 15
    assert gaz.nearest(48.86, 2.35).country == "FRA"
    assert gaz.nearest(0.0, -30.0) is None  # mid-Atlantic
