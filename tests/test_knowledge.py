"""The gazetteers and lexicons: real lookups, and every code in the data files is a real one."""

import json
from pathlib import Path

import pycountry
import pytest

from sanderling.knowledge import countries, organisations, persons, roles

SHARED = Path(__file__).resolve().parents[2] / "shared"
NONSTATE = {"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"}
USER_ASSIGNED = {"XKX"}  # Kosovo: not in ISO 3166-1, but the code the gazetteer (GeoNames "XK") gives it


@pytest.mark.parametrize("form,iso3,kind", [
    ("Iran", "IRN", "name"), ("the United States", "USA", "name"), ("U.S.", "USA", "alias"),
    ("Israelis", "ISR", "people"), ("Azeri", "AZE", "demonym"), ("Tehran", "IRN", "capital"),
    ("Kyiv", "UKR", "capital"), ("Britain", "GBR", "alias"), ("Azerbaijan’s", "AZE", "name"),
])
def test_country_forms(form, iso3, kind):
    country, how = countries.match_country(form)
    assert (country.iso3, how) == (iso3, kind)


def test_acronyms_are_case_sensitive():
    assert countries.match_country("us") is None
    assert countries.match_country("US")[0].iso3 == "USA"


def test_every_country_code_is_real():
    for _, iso3, _ in countries.country_forms():
        assert iso3 == "XKX" or pycountry.countries.get(alpha_3=iso3) is not None, iso3


def test_roles_match_longest_first():
    hits = roles.match_roles(["israeli", "defense", "minister", "benny", "gantz"])
    assert [(s, e, r.sector) for s, e, r in hits] == [(1, 3, "GOV")]
    assert roles.match_roles(["two", "hezbollah", "militants"])[0][2].sector == "REB"


def test_organisations_and_persons():
    assert organisations.match_organisation("Hezbollah").country == "LBN"
    assert organisations.match_organisation("the Pentagon").sector == "MIL"
    assert organisations.match_organisation("un") is None
    assert persons.match_person("Gantz").country == "ISR"


def test_sectors_are_plover_codes():
    path = SHARED / "data" / "PLOVER" / "plover_ontology.json"
    if not path.is_file():
        pytest.skip(f"{path} is not present (shared/ is not beside the checkout)")
    ontology = json.loads(path.read_text("utf-8"))
    codes = {code for group in ontology["sector_codes"].values() if isinstance(group, dict) for code in group}
    used = {r.sector for r in roles.roles()} | {o.sector for o in organisations.organisations() if o.sector} \
        | {p.sector for p in persons.persons()}
    assert used - codes == set()
    countries_used = {o.country for o in organisations.organisations() if o.country} | {p.country for p in persons.persons()}
    assert all(c in NONSTATE | USER_ASSIGNED or pycountry.countries.get(alpha_3=c) for c in countries_used)
