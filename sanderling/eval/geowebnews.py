"""GeoWebNews (Gritta, Pilehvar & Collier 2020): 200 web news articles with a fine-grained toponym taxonomy.

Following the paper's taxonomy, the toponyms to recognise are its Literal group (Literal, Literal_Modifier, Mixed,
Coercion, Embedded_Literal) and the Associative types that carry coordinates (Metonymic, Non_Literal_Modifier,
Embedded_Non_Lit). Non_Toponym spans (a place name used for something else) are not toponyms: finding one is a
false positive. Demonym, Language and Homonym spans (never geocoded in the gold) and the common-noun
Literal_Expression / Non_Lit_Expression spans are neutral: neither required nor penalised. Resolution is on
recognised toponyms with coordinates; the gold has no country field, so the gold country is that of its GeoNames id
when the id is a country, else that of the nearest gazetteer city within 100 km (else unknown, left out).
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path
from typing import TYPE_CHECKING

from .base import EvalReport, register
from .geoparse import (GoldToponym, collect_articles, country_of_geonameid, realign, score_documents, to_float,
                       to_int)

if TYPE_CHECKING:
    from ..coder import Coder

GOLD_FILE = "GWN.xml"
LITERAL = {"Literal", "Literal_Modifier", "Mixed", "Coercion", "Embedded_Literal"}
ASSOCIATIVE = {"Metonymic", "Non_Literal_Modifier", "Embedded_Non_Lit"}
NOT_TOPONYM = {"Non_Toponym"}
NEAREST_CITY_KM = 100.0


def _country(gid: int | None, lat: float | None, lon: float | None) -> str | None:
    from ..places import gazetteer

    country = country_of_geonameid(gid)
    if country is None and lat is not None and lon is not None:
        near = gazetteer().nearest(lat, lon, NEAREST_CITY_KM)
        country = near.country if near is not None else None
    return country


def _gold(article: ET.Element, text: str, where: str, report: EvalReport) -> list[GoldToponym]:
    out = []
    for n, top in enumerate(article.iter("toponym"), start=1):
        phrase = top.findtext("extractedName") or ""
        kind = top.findtext("type") or "?"
        start, end = to_int(top.findtext("start")), to_int(top.findtext("end"))
        span = realign(text, start, end, phrase, window=20) if start is not None and end is not None else None
        if span is None:
            report.skipped.append(f"{where} toponym {n} ({phrase!r}, {kind}): offsets {start}-{end} do not hold "
                                  "the phrase")
            continue
        lat, lon = to_float(top.findtext("latitude")), to_float(top.findtext("longitude"))
        gid = to_int(top.findtext("geonamesID"))
        if kind in NOT_TOPONYM:
            continue  # not a toponym: a prediction here is simply a false positive
        if kind not in LITERAL | ASSOCIATIVE:
            out.append(GoldToponym(span[0], span[1], phrase, kind=kind, counts=False))
            continue
        out.append(GoldToponym(span[0], span[1], phrase, lat, lon, gid, _country(gid, lat, lon),
                               top.findtext("normalisedName") or None, kind))
    return out


@register("geowebnews", "geowebnews", "GeoWebNews: toponym recognition F1 and resolution accuracy@161 km")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    gold_file = path / GOLD_FILE if path.is_dir() else path
    report = EvalReport("geowebnews", str(gold_file))
    items = collect_articles(gold_file, report, limit, "file", _gold)
    scorer = score_documents(report, coder, items)
    literal = [c for k, c in scorer.per_kind.items() if k in LITERAL]
    gold_lit = sum(c["gold"] for c in literal)
    report.headline["recall_literal_group"] = sum(c["recognised"] for c in literal) / gold_lit if gold_lit else 0.0
    report.notes += [
        "toponyms to recognise: " + ", ".join(sorted(LITERAL | ASSOCIATIVE)) + "; a prediction on a Non_Toponym "
        "span is a false positive; Demonym, Language, Homonym and the *_Expression spans are neutral",
        "recognition: span overlap, one-to-one; recall_literal_group is the recall on the Literal group alone",
        "resolution is on recognised toponyms with gold coordinates; an unresolved one counts as wrong at 20,015 km",
        "gold country (for same_country): the GeoNames country id, else the nearest gazetteer city within 100 km",
        "the GeoNames id is given for only part of the gold, so same_geonameid has a smaller denominator",
    ]
    return report
