"""The role lexicon (knowledge/data/roles.tsv): titles, offices and bodies → PLOVER sector."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .tables import read_table

DATA = Path(__file__).parent / "data" / "roles.tsv"
COLUMNS = ("form", "sector", "person", "title", "source")


@dataclass(frozen=True)
class Role:
    form: tuple[str, ...]
    sector: str
    person: bool
    title: bool


@lru_cache(maxsize=1)
def roles() -> tuple[Role, ...]:
    rows = read_table(DATA, required=COLUMNS, nonempty=("form", "sector"))
    return tuple(Role(tuple(r["form"].split()), r["sector"], r["person"] == "1", r["title"] == "1") for r in rows)


@lru_cache(maxsize=1)
def _index() -> tuple[dict[tuple[str, ...], Role], int]:
    index = {r.form: r for r in roles()}
    for r in roles():  # plain plurals: "militants", "ministers"
        if len(r.form[-1]) > 3 and not r.form[-1].endswith((".", "s")):
            index.setdefault((*r.form[:-1], r.form[-1] + "s"), r)
    return index, max(len(f) for f in index)


def match_roles(words: Sequence[str]) -> list[tuple[int, int, Role]]:
    """Longest-first, non-overlapping role matches over lowercase words: (start, end, role) in order."""
    index, longest = _index()
    words = [w.lower() for w in words]
    out = []
    i = 0
    while i < len(words):
        for n in range(min(longest, len(words) - i), 0, -1):
            role = index.get(tuple(words[i:i + n]))
            if role is not None:
                out.append((i, i + n, role))
                i += n
                break
        else:
            i += 1
    return out
