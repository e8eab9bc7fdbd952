"""Well-known office holders (knowledge/data/persons.tsv): the country and sector a bare name carries.

"Defense Minister Benny Gantz" names no country; news readers know he is Israeli. PETRARCH's actor dictionaries hold
such entries by the thousand; this table keeps the most frequent heads of state, ministers and leaders of armed groups.
The text's own words always win: the table only fills what the mention leaves open.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data" / "persons.tsv"


@dataclass(frozen=True)
class Person:
    name: str
    country: str
    sector: str
    role: str
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def persons() -> tuple[Person, ...]:
    with DATA.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return tuple(
            Person(r["name"], r["country"], r["sector"], r["role"],
                   tuple(a for a in (r["aliases"] or "").split("|") if a))
            for r in rows
        )


@lru_cache(maxsize=1)
def _index() -> dict[str, Person]:
    index: dict[str, Person] = {}
    for p in persons():
        for form in (p.name, *p.aliases):
            index.setdefault(form.lower(), p)
    return index


def match_person(name: str) -> Person | None:
    """The office holder a full name or listed alias refers to ("Benny Gantz", "Gantz"), else None."""
    return _index().get(" ".join(name.split()).lower())
