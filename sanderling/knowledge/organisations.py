"""The organisation lexicon (knowledge/data/organisations.tsv): IGOs, armed groups, services, media, companies."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .tables import read_table

DATA = Path(__file__).parent / "data" / "organisations.tsv"
COLUMNS = ("name", "country", "sector", "code", "aliases", "source")


@dataclass(frozen=True)
class Organisation:
    name: str
    country: str | None
    sector: str | None
    code: str | None
    aliases: tuple[str, ...]


@lru_cache(maxsize=1)
def organisations() -> tuple[Organisation, ...]:
    return tuple(
        Organisation(r["name"], r["country"] or None, r["sector"] or None, r["code"] or None,
                     tuple(a for a in (r["aliases"] or "").split("|") if a))
        for r in read_table(DATA, required=COLUMNS, nonempty=("name",))
    )


@lru_cache(maxsize=1)
def _index() -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    exact: dict[str, Organisation] = {}
    folded: dict[str, Organisation] = {}
    for org in organisations():
        for form in (org.name, *org.aliases):
            exact.setdefault(form, org)
            if len(form.split()) > 1:
                folded.setdefault(form.lower(), org)
    return exact, folded


def match_organisation(text: str) -> Organisation | None:
    """Exact name or alias (acronyms case-sensitive, longer names case-insensitive), tolerant of a leading 'the'."""
    text = " ".join(text.split())
    exact, folded = _index()
    for form in (text, text[4:] if text.lower().startswith("the ") else text):
        org = exact.get(form) or folded.get(form.lower())
        if org is not None:
            return org
    return None


def organisation_forms() -> list[tuple[str, Organisation]]:
    """Every (surface form, organisation), for the entity ruler."""
    return list(_index()[0].items())
