"""TR-News (Kamalloo & Rafiei 2018): 118 news articles, 1,319 toponyms, most resolved to GeoNames.

Every gold toponym counts for recognition (the corpus also annotates adjectival forms such as "Turkish" → Turkey);
resolution is scored on recognised toponyms with a gazetteer tag. About 120 gold offsets are shifted by a few
characters in the distributed file: each is realigned to the nearest occurrence of its phrase, and one that cannot
be found is reported in `skipped`. The gold country is the GeoNames country id, read as ISO 3166 alpha-3.
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

GOLD_FILE = "TR-News.xml"


def _gold(article: ET.Element, text: str, where: str, report: EvalReport) -> list[GoldToponym]:
    out = []
    for n, top in enumerate(article.iter("toponym"), start=1):
        phrase = top.findtext("phrase") or ""
        start, end = to_int(top.findtext("start")), to_int(top.findtext("end"))
        span = realign(text, start, end, phrase) if start is not None and end is not None else None
        if span is None:
            report.skipped.append(f"{where} toponym {n} ({phrase!r}): offsets {start}-{end} do not hold the phrase")
            continue
        tag = top.find("gaztag")
        lat = lon = gid = country = name = None
        if tag is not None:
            lat, lon = to_float(tag.findtext("lat")), to_float(tag.findtext("lon"))
            gid, name = to_int(tag.get("geonameid")), tag.findtext("name")
            c = tag.find("country")
            country = country_of_geonameid(to_int(c.get("geonameid"))) if c is not None else None
        kind = (tag.findtext("fclass") or "?") if tag is not None else "no gazetteer tag"
        out.append(GoldToponym(span[0], span[1], phrase, lat, lon, gid, country, name, kind))
    return out


@register("tr-news", "tr-news", "TR-News: toponym recognition F1 and resolution accuracy@161 km")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    gold_file = path / GOLD_FILE if path.is_dir() else path
    report = EvalReport("tr-news", str(gold_file))
    items = collect_articles(gold_file, report, limit, "docid", _gold)
    score_documents(report, coder, items)
    report.notes += [
        "recognition: a found toponym matches a gold one when their character spans overlap (one-to-one)",
        "resolution (acc_161km, same_geonameid, same_country, errors in km) is on recognised gold toponyms with "
        "a GeoNames tag; an unresolved recognised toponym counts as wrong at 20,015 km",
        "per-type table: the type is the gold GeoNames feature class (A country/state, P populated place, "
        "L region/continent, S spot, H water)",
        "gold offsets shifted in the distributed file are realigned to the nearest occurrence of the phrase",
    ]
    return report
