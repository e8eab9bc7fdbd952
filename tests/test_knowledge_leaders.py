"""leaders.tsv: the hand-written office holders of 2015-2025, read with persons.tsv by the dated lookup.

The sentences are written for these tests."""

from datetime import date

import pycountry

from sanderling.knowledge import persons

NONSTATE = {"IGO", "UNO", "EUR", "IMG"}
USER_ASSIGNED = {"KOS"}
SECTORS = {"GOV", "MIL", "SPY", "OPP", "REB", "UAF", "PRM", "REL", "BUS", "MED", "JUD", "LEG", "REF", ""}


def test_leaders_table_loads_with_a_source_per_row_and_valid_codes():
    rows = persons.read_persons(persons.LEADERS, rank=1)
    assert len(rows) >= 800
    assert all(p.source.startswith("general reference: Wikipedia, ") for p in rows)
    assert all(p.rank == 1 and p.start is not None for p in rows)  # every row is a dated office, none a fallback
    assert all(p.end is None or p.end <= date(2025, 12, 31) for p in rows)
    assert all(p.country in NONSTATE | USER_ASSIGNED or pycountry.countries.get(alpha_3=p.country) for p in rows)
    assert {p.sector for p in rows} <= SECTORS
    states = {p.country for p in rows if p.country not in NONSTATE and p.sector == "GOV"}
    assert len(states) >= 170
    assert set(rows) <= set(persons.persons())  # loaded with the Phoenix table


def test_leaders_rows_win_on_the_days_they_cover():
    khan = persons.match_person("Imran Khan", date(2019, 6, 1))
    assert (khan.country, khan.sector, khan.start, khan.end) == ("PAK", "GOV", date(2018, 8, 18), date(2022, 4, 10))
    assert khan.source.startswith("general reference")
    before = persons.match_person("Imran Khan", date(2012, 6, 1))  # what Phoenix says, untouched
    assert before.rank == 0 and before.source.startswith("Countries:") and before.country == "PAK"
    assert persons.match_person("Imran Khan", date(2023, 6, 1)).sector == "OPP"


def test_a_leader_unknown_before_office():
    assert persons.match_person("Zelensky", date(2010, 5, 1)) is None
    zelensky = persons.match_person("Volodymyr Zelenskyy", date(2023, 5, 1))
    assert (zelensky.name, zelensky.country, zelensky.sector) == ("Volodymyr Zelensky", "UKR", "GOV")
    assert persons.match_person("Zelenskiy", date(2019, 5, 20)) == zelensky  # sworn in that day


def test_successors_take_over_on_the_right_day():
    assert persons.match_person("Kuleba", date(2024, 9, 4)).country == "UKR"
    assert persons.match_person("Sybiha", date(2024, 9, 4)) is None
    assert persons.match_person("Sybiha", date(2024, 9, 6)).country == "UKR"
    assert persons.match_person("Kuleba", date(2024, 9, 6)) is None
    assert persons.match_person("Scholz", date(2021, 12, 9)).country == "DEU"
    assert persons.match_person("Merkel", date(2021, 12, 7)).start == date(2005, 11, 22)
    # Mark Rutte: Dutch prime minister, then NATO Secretary General from 1 October 2024
    assert persons.match_person("Mark Rutte", date(2024, 6, 1)).country == "NLD"
    assert (persons.match_person("Rutte", date(2024, 10, 2)).country,
            persons.match_person("Rutte", date(2024, 10, 2)).sector) == ("IGO", "MIL")
    # Jens Stoltenberg: NATO, then Norway's finance minister (Phoenix's open Norwegian row no longer wins in 2016)
    assert persons.match_person("Jens Stoltenberg", date(2016, 3, 1)).country == "IGO"
    assert persons.match_person("Jens Stoltenberg", date(2025, 3, 1)).country == "NOR"


def test_international_office_holders():
    assert persons.match_person("Guterres", date(2022, 1, 1)).country == "UNO"
    assert persons.match_person("Ursula von der Leyen", date(2022, 1, 1)).country == "EUR"
    assert persons.match_person("Ursula von der Leyen", date(2016, 1, 1)).country == "DEU"
    assert persons.match_person("Tedros", date(2020, 3, 1)).country == "UNO"


def _pairs(coder, text, day):
    return [(e.event_type, e.source.country, e.target.country if e.target else None)
            for e in coder.code(text, date=day)]


def test_leaders_give_events_their_countries(coder):
    assert _pairs(coder, "Zelensky met Macron in Paris.", "2023-05-10") == [("CONSULT", "UKR", "FRA")]
    assert ("ACCUSE", "PAK", "IND") in _pairs(coder, "Imran Khan criticized India.", "2019-03-01")
    assert ("CONSULT", "KEN", "USA") in _pairs(coder, "William Ruto hosted Antony Blinken in Nairobi.", "2023-03-10")


def test_no_country_for_a_name_before_its_office(coder):
    assert all(e.source.country != "UKR" for e in coder.code("Zelensky met Macron in Paris.", date="2010-05-10"))
