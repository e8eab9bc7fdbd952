"""TempEval-3 platinum (20 TimeML news articles): time-expression recognition, normalised values, event dates.

Three measures, each against the TimeML annotation of the article body (`<TEXT>`; the document creation time in
`<DCT>` is the publication date and is not itself scored):

1. *Recognition*: our `find_timexes` against the gold TIMEX3 spans, one-to-one, relaxed (any character overlap)
   and strict (same offsets).
2. *Normalisation*: on relaxed-matched gold timexes, whether our TIMEX3-style value equals the gold `value`;
   the headline is over DATE timexes, the value the coder dates events with.
3. *Event dates*: gold EVENTs tied by a TLINK (IS_INCLUDED, DURING, SIMULTANEOUS and their inverses) to a DATE
   timex; for those whose word is also the trigger of one of our coded events, whether our event date is that date
   (exact) or contains / lies inside it (compatible at our precision).
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from dataclasses import dataclass, field
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import SanderlingError
from ..model import Document
from .base import EvalReport, prf, register

if TYPE_CHECKING:
    from ..coder import Coder

EVENT_TO_TIME = {"IS_INCLUDED", "DURING", "SIMULTANEOUS"}  # the event lies inside (or on) the time
TIME_TO_EVENT = {"INCLUDES", "DURING_INV", "SIMULTANEOUS"}  # the same, written from the time's side
SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}
SNIPPET = 70


@dataclass
class GoldSpan:
    """One TIMEX3 or EVENT of the article body, with offsets into the reconstructed plain text."""

    ident: str
    start: int
    end: int
    text: str
    type: str = ""
    value: str = ""


@dataclass
class TimeMLDoc:
    """The plain text of `<TEXT>`, its annotations and the publication date from `<DCT>`."""

    name: str
    text: str
    dct: Date | None
    timexes: list[GoldSpan] = field(default_factory=list)
    events: dict[str, GoldSpan] = field(default_factory=dict)
    instances: dict[str, str] = field(default_factory=dict)  # eiid -> eid
    dct_tids: set[str] = field(default_factory=set)
    time_values: dict[str, tuple[str, str]] = field(default_factory=dict)  # tid -> (type, value), DCT included
    tlinks: list[dict[str, str]] = field(default_factory=list)


def _local(tag: Any) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _walk(elem: ET.Element, parts: list[str], pos: int, doc: TimeMLDoc) -> int:
    """Append the text inside `elem` to parts, recording each TIMEX3 and EVENT span; returns the new offset."""
    if elem.text:
        parts.append(elem.text)
        pos += len(elem.text)
    for child in elem:
        start = pos
        pos = _walk(child, parts, pos, doc)
        tag = _local(child.tag)
        span_text = "".join(parts)[start:pos] if tag in {"TIMEX3", "EVENT"} else ""
        if tag == "TIMEX3":
            doc.timexes.append(GoldSpan(child.get("tid", ""), start, pos, span_text,
                                        child.get("type", ""), child.get("value", "")))
        elif tag == "EVENT":
            doc.events[child.get("eid", "")] = GoldSpan(child.get("eid", ""), start, pos, span_text)
        if child.tail:
            parts.append(child.tail)
            pos += len(child.tail)
    return pos


def _dct_date(value: str) -> Date | None:
    m = re.match(r"(\d{4})-(\d\d)-(\d\d)", value or "")
    return Date(int(m[1]), int(m[2]), int(m[3])) if m else None


def read_timeml(path: Path) -> TimeMLDoc:
    """Read one .tml file; raises ValueError (or ET.ParseError) when it is not usable TimeML."""
    root = ET.parse(path).getroot()
    body = next((e for e in root.iter() if _local(e.tag) == "TEXT"), None)
    if body is None:
        raise ValueError("no <TEXT> element")
    dct_elem = next((e for e in root.iter() if _local(e.tag) == "DCT"), None)
    dct_timex = next((e for e in dct_elem.iter() if _local(e.tag) == "TIMEX3"), None) if dct_elem is not None else None
    dct = _dct_date(dct_timex.get("value", "")) if dct_timex is not None else None
    doc = TimeMLDoc(path.stem, "", dct)
    parts: list[str] = []
    _walk(body, parts, 0, doc)
    doc.text = "".join(parts)
    if dct_timex is not None:
        doc.dct_tids.add(dct_timex.get("tid", "t0"))
        doc.time_values[dct_timex.get("tid", "t0")] = ("DATE", dct_timex.get("value", ""))
    for t in doc.timexes:
        doc.time_values[t.ident] = (t.type, t.value)
    for e in root.iter():
        tag = _local(e.tag)
        if tag == "MAKEINSTANCE":
            doc.instances[e.get("eiid", "")] = e.get("eventID", "")
        elif tag == "TLINK":
            doc.tlinks.append(dict(e.attrib))
    return doc


def interval(value: str, dct: Date | None) -> tuple[Date, Date] | None:
    """The days a TIMEX3 DATE value (or one of our event dates) covers; None for what is not a calendar date."""
    if value == "PRESENT_REF":
        return (dct, dct) if dct else None
    try:
        if m := re.fullmatch(r"(\d{4})-(\d\d)-(\d\d)", value):
            d = Date(int(m[1]), int(m[2]), int(m[3]))
            return d, d
        if m := re.fullmatch(r"(\d{4})-(\d\d)", value):
            y, mo = int(m[1]), int(m[2])
            return Date(y, mo, 1), Date(y + mo // 12, mo % 12 + 1, 1) - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-W(\d\d)", value):
            monday = Date.fromisocalendar(int(m[1]), int(m[2]), 1)
            return monday, monday + timedelta(days=6)
        if m := re.fullmatch(r"(\d{4})-(SP|SU|FA|WI)", value):
            y, (first, last) = int(m[1]), SEASON_MONTHS[m[2]]
            return Date(y + (first - 1) // 12, (first - 1) % 12 + 1, 1), \
                Date(y + last // 12, last % 12 + 1, 1) - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})-Q([1-4])", value):
            y, q = int(m[1]), int(m[2])
            return Date(y, 3 * q - 2, 1), Date(y + q // 4, (3 * q) % 12 + 1, 1) - timedelta(days=1)
        if m := re.fullmatch(r"(\d{4})", value):
            return Date(int(m[1]), 1, 1), Date(int(m[1]), 12, 31)
    except ValueError:
        return None
    return None


def compatible(ours: tuple[Date, Date], gold: tuple[Date, Date]) -> bool:
    """True when one period lies inside the other: right at the coarser of the two precisions."""
    return (ours[0] <= gold[0] and gold[1] <= ours[1]) or (gold[0] <= ours[0] and ours[1] <= gold[1])


def _snippet(text: str, start: int, end: int) -> str:
    lo, hi = max(0, start - SNIPPET), min(len(text), end + SNIPPET)
    return " ".join((text[lo:start] + "[" + text[start:end] + "]" + text[end:hi]).split())


def match_spans(gold: list[tuple[int, int]], ours: list[tuple[int, int]]) -> dict[int, int]:
    """One-to-one relaxed matching (any character overlap), largest overlap first: gold index -> our index."""
    pairs = []
    for gi, (gs, ge) in enumerate(gold):
        for oi, (os_, oe) in enumerate(ours):
            overlap = min(ge, oe) - max(gs, os_)
            if overlap > 0:
                pairs.append((-overlap, gi, oi))
    out: dict[int, int] = {}
    used: set[int] = set()
    for _, gi, oi in sorted(pairs):
        if gi not in out and oi not in used:
            out[gi] = oi
            used.add(oi)
    return out


def gold_event_dates(doc: TimeMLDoc) -> dict[str, tuple[str, str]]:
    """eid -> (TIMEX3 value, tid) of the DATE each gold event lies in; an in-text timex beats the DCT."""
    found: dict[str, list[tuple[str, str]]] = {}
    for link in doc.tlinks:
        rel = link.get("relType", "")
        if link.get("eventInstanceID") and link.get("relatedToTime") and rel in EVENT_TO_TIME:
            eiid, tid = link["eventInstanceID"], link["relatedToTime"]
        elif link.get("timeID") and link.get("relatedToEventInstance") and rel in TIME_TO_EVENT:
            eiid, tid = link["relatedToEventInstance"], link["timeID"]
        else:
            continue
        typ, value = doc.time_values.get(tid, ("", ""))
        eid = doc.instances.get(eiid)
        if typ == "DATE" and eid in doc.events and interval(value, doc.dct) is not None:
            found.setdefault(eid, []).append((value, tid))

    def rank(item: tuple[str, str]) -> tuple[bool, int]:
        span = interval(item[0], doc.dct)
        return item[1] in doc.dct_tids, (span[1] - span[0]).days if span else 10**6

    return {eid: min(items, key=rank) for eid, items in found.items()}


@dataclass
class Tally:
    """Running counts over the articles."""

    gold: int = 0
    ours: int = 0
    relaxed: int = 0
    strict: int = 0
    by_type: Counter = field(default_factory=Counter)
    event_gold: int = 0
    event_covered: int = 0
    event_exact: int = 0
    event_compatible: int = 0
    event_undated: int = 0
    event_from_dct: Counter = field(default_factory=Counter)


def _score_timexes(doc: TimeMLDoc, ours: list[Any], tally: Tally, report: EvalReport) -> None:
    gold = doc.timexes
    matched = match_spans([(g.start, g.end) for g in gold], [(t.start, t.end) for t in ours])
    tally.gold += len(gold)
    tally.ours += len(ours)
    tally.relaxed += len(matched)
    for gi, g in enumerate(gold):
        c = tally.by_type
        c[(g.type, "gold")] += 1
        if gi not in matched:
            report.errors.append({"file": doc.name, "kind": f"missed {g.type}", "rank": 1 if g.type == "DATE" else 3,
                                  "text": _snippet(doc.text, g.start, g.end),
                                  "gold": f"{g.text!r} {g.type} {g.value}", "output": None})
            continue
        t = ours[matched[gi]]
        value = t.timeml
        tally.strict += (t.start, t.end) == (g.start, g.end)
        c[(g.type, "matched")] += 1
        c[(g.type, "value")] += value == g.value
        if value != g.value:
            report.errors.append({"file": doc.name, "kind": f"wrong {g.type} value",
                                  "rank": 0 if g.type == "DATE" else 2,
                                  "text": _snippet(doc.text, g.start, g.end),
                                  "gold": f"{g.text!r} {g.type} {g.value}", "output": f"{t.text!r} {t.kind} {value}"})
    hit = set(matched.values())
    for oi, t in enumerate(ours):
        if oi not in hit:
            report.errors.append({"file": doc.name, "kind": "spurious", "rank": 4,
                                  "text": _snippet(doc.text, t.start, t.end), "gold": None,
                                  "output": f"{t.text!r} {t.kind} {t.timeml}"})


def _score_events(doc: TimeMLDoc, events: list[Any], tally: Tally, report: EvalReport) -> None:
    dated = gold_event_dates(doc)
    tally.event_gold += len(dated)
    for eid, (value, tid) in sorted(dated.items(), key=lambda kv: doc.events[kv[0]].start):
        g = doc.events[eid]
        ours = next((e for e in events if e.trigger.start < g.end and g.start < e.trigger.end), None)
        if ours is None:
            continue
        tally.event_covered += 1
        from_dct = "DCT" if tid in doc.dct_tids else "in-text timex"
        tally.event_from_dct[(from_dct, "covered")] += 1
        gold_span = interval(value, doc.dct)
        our_span = interval(ours.date, doc.dct) if ours.date else None
        exact = ours.date == (doc.dct.isoformat() if value == "PRESENT_REF" and doc.dct else value)
        ok = our_span is not None and gold_span is not None and compatible(our_span, gold_span)
        tally.event_exact += exact
        tally.event_compatible += ok
        tally.event_undated += ours.date is None
        tally.event_from_dct[(from_dct, "compatible")] += ok
        if not ok:
            report.errors.append({"file": doc.name, "kind": "wrong event date", "rank": 5,
                                  "text": _snippet(doc.text, g.start, g.end),
                                  "gold": f"{g.text!r} in {value} ({from_dct})",
                                  "output": f"{ours.trigger.text!r} {ours.event_type} {ours.date} "
                                            f"({ours.date_precision}, from {ours.date_text!r})"})


def _files(path: Path) -> list[Path]:
    if path.is_file():
        return [path]
    if not path.is_dir():
        raise SanderlingError(f"the TimeML gold file or folder {path} is missing")
    files = sorted(path.glob("*.tml"))
    if not files:
        raise SanderlingError(f"no TimeML (*.tml) files in {path}; give the te3-platinum folder")
    return files


def _read_all(files: list[Path], report: EvalReport, limit: int | None) -> list[TimeMLDoc]:
    docs: list[TimeMLDoc] = []
    for f in files:
        if limit is not None and len(docs) >= limit:
            break
        try:
            doc = read_timeml(f)
        except (ET.ParseError, ValueError, OSError) as err:
            report.skipped.append(f"{f}: {err}")
            continue
        if not doc.text.strip():
            report.skipped.append(f"{f}: <TEXT> is empty")
            continue
        if doc.dct is None:
            report.notes.append(f"{f.name}: no usable DCT value; relative expressions are scored without a date")
        docs.append(doc)
    return docs


def _tables(report: EvalReport, tally: Tally) -> None:
    rows = []
    for typ in ("DATE", "TIME", "DURATION", "SET"):
        c = tally.by_type
        n, m, v = c[(typ, "gold")], c[(typ, "matched")], c[(typ, "value")]
        rows.append([typ, n, m, round(m / n, 3) if n else None, v, round(v / m, 3) if m else None])
    report.tables.append(("gold timexes by type (relaxed span)",
                          ["type", "gold", "matched", "recall", "value correct", "value accuracy"], rows))
    c = tally.event_from_dct
    report.tables.append(("event dates on events we also code, by where the gold date comes from",
                          ["gold date from", "events", "compatible"],
                          [[k, c[(k, "covered")], c[(k, "compatible")]] for k in ("in-text timex", "DCT")]))


@register("te3", "te3-platinum", "TempEval-3 platinum: time-expression F1, DATE value accuracy, event dates")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    from ..temporal import find_timexes  # spaCy-backed: imported only when the set is run

    files = _files(Path(path))
    report = EvalReport("te3", str(path))
    docs = _read_all(files, report, limit)
    tally = Tally()
    for doc, parsed in zip(docs, coder.nlp.pipe(d.text for d in docs)):
        try:
            ours = find_timexes(parsed, doc.dct)
            events = coder.code_doc(parsed, Document(text=doc.text, id=doc.name, date=doc.dct))
        except Exception as err:  # one article must never stop the run
            report.skipped.append(f"{doc.name}.tml: internal error while coding: {type(err).__name__}: {err}")
            continue
        report.records += 1
        _score_timexes(doc, ours, tally, report)
        _score_events(doc, events, tally, report)
    _finish(report, tally)
    return report


def _finish(report: EvalReport, tally: Tally) -> None:
    p, r, f = prf(tally.relaxed, tally.ours - tally.relaxed, tally.gold - tally.relaxed)
    _, _, fs = prf(tally.strict, tally.ours - tally.strict, tally.gold - tally.strict)
    c = tally.by_type
    date_m, date_v = c[("DATE", "matched")], c[("DATE", "value")]
    all_v = sum(v for (_, k), v in c.items() if k == "value")
    _, _, value_f1 = prf(all_v, tally.ours - all_v, tally.gold - all_v)
    report.headline = {
        "date_value_accuracy": date_v / date_m if date_m else 0.0,
        "value_accuracy": all_v / tally.relaxed if tally.relaxed else 0.0,
        "value_f1": value_f1,
        "timex_precision": p, "timex_recall": r, "timex_f1": f, "timex_f1_strict": fs,
        "event_date_coverage": tally.event_covered / tally.event_gold if tally.event_gold else 0.0,
        "event_date_accuracy": tally.event_compatible / tally.event_covered if tally.event_covered else 0.0,
        "event_date_exact": tally.event_exact / tally.event_covered if tally.event_covered else 0.0,
    }
    _tables(report, tally)
    report.errors.sort(key=lambda e: e["rank"])
    for e in report.errors:
        del e["rank"]
    report.notes += [
        "timex_* are span scores of find_timexes against the gold TIMEX3s of <TEXT> (the DCT is the publication "
        "date, not scored); relaxed = any character overlap, matched one-to-one",
        "date_value_accuracy / value_accuracy: on relaxed-matched gold DATE / all timexes, our TIMEX3-style value "
        "equals the gold value exactly; value_f1 counts a timex right only when found with the right value",
        f"event dates: {tally.event_gold} gold events lie in a DATE by a TLINK (IS_INCLUDED, DURING, SIMULTANEOUS "
        f"or inverse; an in-text timex preferred over the DCT); we code {tally.event_covered} of them as political "
        "events, so coverage is small by design (TimeML events include every verb and state, the coder only "
        "PLOVER events); accuracy = our date lies inside the gold date or contains it; "
        f"{tally.event_undated} of the covered events have no date from us",
        "the time patterns of sanderling.temporal were refined while reading this set's errors (20 articles, 138 "
        "timexes): read these numbers as a development score, optimistic for unseen text",
    ]
