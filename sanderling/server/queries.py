"""Read-only SQL over the corpus store for the HTTP API.

Every value a request gives reaches DuckDB as a `?` parameter; every column, sort key and direction in the SQL text
comes from the allow-lists here (EVENT_COLUMNS, SORTS, FILTER_SQL), never from the request. Pages are keyset pages on
(sort key, event_id), so that a page costs the same at any depth and a walk sees each event once.
"""

from __future__ import annotations

import base64
import binascii
import csv
import io
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime
from typing import Any

import duckdb

from ..corpus.store import COLUMNS, COUNT_KEYS, QUAD_SQL, STORY_EVENTS

EVENT_COLUMNS = tuple(COLUMNS["events"])
SELECT_EVENTS = "SELECT " + ", ".join(f'"{c}"' for c in EVENT_COLUMNS) + " FROM events"
DOCUMENT_COLUMNS = ("doc_id", "title", "url", "urls", "date", "text", "duplicate_of")
MONTH_SQL = COUNT_KEYS["month"][0][1]
FETCH_ROWS = 2_000  # rows per fetch of a streamed download
ELLIPSIS = "…"


@dataclass(frozen=True)
class Sort:
    """One allowed order of events: a column of the events table and its direction (NULLs last, then event_id)."""

    column: str
    descending: bool
    kind: type  # what a cursor's value must be for this column


SORTS = {
    "date": Sort("date_start", False, Date), "-date": Sort("date_start", True, Date),
    "event_type": Sort("event_type", False, str), "source_country": Sort("source_country", False, str),
    "target_country": Sort("target_country", False, str),
    "confidence": Sort("confidence", False, float), "-confidence": Sort("confidence", True, float),
}
DEFAULT_SORT = "-date"


@dataclass(frozen=True)
class EventFilter:
    """What /events, /dyads and /network select: each field narrows the set, empty fields select all. Values are
    already checked (upper-cased codes, dates as the bounds of the periods given)."""

    source: tuple[str, ...] = ()
    target: tuple[str, ...] = ()
    sector: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    cameo: str | None = None
    date_from: Date | None = None  # first day of the period given
    date_until: Date | None = None  # the day after the period given
    factuality: tuple[str, ...] = ()
    q: str | None = None
    doc_id: str | None = None
    story_id: str | None = None

    def where(self) -> tuple[str, list[Any]]:
        """The SQL condition ("TRUE" when nothing is asked) and its parameters, in order."""
        parts: list[str] = []
        params: list[Any] = []
        for column, values in (("source_country", self.source), ("target_country", self.target),
                               ("event_type", self.types), ("factuality", self.factuality)):
            if values:
                parts.append(f"{column} IN ({_marks(values)})")
                params += values
        if self.sector:
            parts.append(f"(source_sector IN ({_marks(self.sector)}) OR target_sector IN ({_marks(self.sector)}))")
            params += [*self.sector, *self.sector]
        for sql, value in (("starts_with(cameo, ?)", self.cameo), ("date_start >= ?", self.date_from),
                           ("date_start < ?", self.date_until), ("doc_id = ?", self.doc_id),
                           ("story_id = ?", self.story_id)):
            if value is not None:
                parts.append(sql)
                params.append(value)
        if self.q:
            pattern = "%" + re.sub(r"([\\%_])", r"\\\1", self.q) + "%"
            parts.append("(" + " OR ".join(f"{c} ILIKE ? ESCAPE '\\'" for c in
                                            ("sentence_text", "source_text", "target_text")) + ")")
            params += [pattern] * 3
        return " AND ".join(parts) or "TRUE", params


@dataclass(frozen=True)
class Cursor:
    """Where a page ended: the sort, the last event's sort value (None when NULL) and its event_id. Sent to the client
    as an opaque string; a value read back is checked against the sort's type before it is used as a parameter."""

    sort: str
    value: Any
    event_id: str

    def encode(self) -> str:
        value = self.value.isoformat() if isinstance(self.value, Date) else self.value
        raw = json.dumps([self.sort, value, self.event_id], ensure_ascii=False, separators=(",", ":"))
        return base64.urlsafe_b64encode(raw.encode("utf-8")).decode("ascii").rstrip("=")

    @classmethod
    def decode(cls, text: str) -> Cursor:
        """The cursor a page gave; ValueError for any string this module did not make."""
        try:
            raw = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            sort, value, event_id = json.loads(raw.decode("utf-8"))
        except (binascii.Error, UnicodeDecodeError, ValueError, TypeError) as err:
            raise ValueError("it does not decode") from err
        if sort not in SORTS or not isinstance(event_id, str):
            raise ValueError("it names no known sort")
        return cls(sort, _cursor_value(SORTS[sort].kind, value), event_id)


def _cursor_value(kind: type, value: Any) -> Any:
    if value is None:
        return None
    if kind is Date and isinstance(value, str):
        return Date.fromisoformat(value)
    if kind is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    if kind is str and isinstance(value, str):
        return value
    raise ValueError(f"its value is not a {kind.__name__}")


@dataclass
class Page:
    events: list[dict[str, Any]]
    next_cursor: str | None
    total: int


def page_events(con: duckdb.DuckDBPyConnection, chosen: EventFilter, sort: str, limit: int,
                cursor: Cursor | None = None) -> Page:
    """One page of events in the sort's order after `cursor`, the cursor of the next page (None on the last) and the
    number of events the filter selects."""
    where, params = chosen.where()
    total = con.execute(f"SELECT count(*) FROM events WHERE {where}", params).fetchone()[0]
    after, after_params = _after(SORTS[sort], cursor)
    rows = _dicts(con.execute(f"{SELECT_EVENTS} WHERE {where} AND {after} ORDER BY {_order(SORTS[sort])} LIMIT ?",
                              [*params, *after_params, limit + 1]))
    following = None
    if len(rows) > limit:
        rows = rows[:limit]
        last = rows[-1]
        following = Cursor(sort, last[SORTS[sort].column], last["event_id"]).encode()
    return Page([_jsonable_row(r) for r in rows], following, int(total))


def _after(sort: Sort, cursor: Cursor | None) -> tuple[str, list[Any]]:
    """The keyset condition: rows after the cursor's in ORDER BY column (NULLS LAST), event_id."""
    if cursor is None:
        return "TRUE", []
    column = sort.column
    if cursor.value is None:
        return f"({column} IS NULL AND event_id > ?)", [cursor.event_id]
    op = "<" if sort.descending else ">"
    return (f"({column} IS NULL OR {column} {op} ? OR ({column} = ? AND event_id > ?))",
            [cursor.value, cursor.value, cursor.event_id])


def _order(sort: Sort) -> str:
    return f"{sort.column} {'DESC' if sort.descending else 'ASC'} NULLS LAST, event_id ASC"


def stream_events(con: duckdb.DuckDBPyConnection, chosen: EventFilter, sort: str, fmt: str) -> Iterator[str]:
    """The whole filtered set as CSV (with a header of the events table's columns) or JSONL, a chunk of rows at a
    time, so that a download of millions of events never sits in memory."""
    where, params = chosen.where()
    con.execute(f"{SELECT_EVENTS} WHERE {where} ORDER BY {_order(SORTS[sort])}", params)
    if fmt == "csv":
        yield _csv_lines([EVENT_COLUMNS])
    while rows := con.fetchmany(FETCH_ROWS):
        if fmt == "csv":
            yield _csv_lines([[_csv_cell(v) for v in row] for row in rows])
        else:
            yield "".join(json.dumps(_jsonable_row(dict(zip(EVENT_COLUMNS, row))), ensure_ascii=False) + "\n"
                          for row in rows)


def _csv_lines(rows: list) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


def _csv_cell(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (Date, datetime)) else value


# --- documents and their spans --------------------------------------------------------------------------------


def document_view(con: duckdb.DuckDBPyConnection, doc_id: str) -> dict[str, Any] | None:
    """A stored document, its events (in text order) and every span they name; None when there is no such id."""
    cursor = con.execute(f"SELECT {', '.join(DOCUMENT_COLUMNS)} FROM documents WHERE doc_id = ?", [doc_id])
    found = _dicts(cursor)
    if not found:
        return None
    document = _jsonable_row(found[0])
    events = _dicts(con.execute(f"{SELECT_EVENTS} WHERE doc_id = ? ORDER BY sentence NULLS LAST, "
                                "trigger_start NULLS LAST, event_id", [doc_id]))
    return {"document": document, "events": [_jsonable_row(e) for e in events],
            "spans": event_spans(document["text"] or "", events)}


def event_spans(text: str, events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actor, trigger, location and date spans of the events, in text order. A span whose offsets do not fit the
    text is left out. The record keeps no offsets for its date, so a date span is where its words (date_text) stand
    in the event's sentence, nearest the trigger."""
    spans = []
    for event in events:
        for kind, start, end, label in _event_spans(text, event):
            if isinstance(start, int) and isinstance(end, int) and 0 <= start < end <= len(text):
                spans.append({"start": start, "end": end, "kind": kind, "event_id": event["event_id"],
                              "label": label})
    spans.sort(key=lambda s: (s["start"], -s["end"], s["kind"], s["event_id"]))
    return spans


def _event_spans(text: str, e: dict[str, Any]) -> list[tuple[str, Any, Any, str]]:
    trigger = " ".join(v for v in (e["event_type"], e["cameo"] and f"({e['cameo']})") if v)
    location = ", ".join(v for v in (e["location_name"], e["location_country"]) if v)
    out = [(role, e[f"{role}_start"], e[f"{role}_end"], _actor_label(e, role)) for role in ("source", "target")]
    out += [("trigger", e["trigger_start"], e["trigger_end"], trigger),
            ("location", e["location_start"], e["location_end"], location)]
    where = _date_words(text, e)
    if where is not None:
        out.append(("date", where[0], where[1], e["date"] or ""))
    return out


def _actor_label(e: dict[str, Any], role: str) -> str:
    codes = " ".join(v for v in (e[f"{role}_country"], e[f"{role}_sector"]) if v)
    return codes or e[f"{role}_name"] or ""


def _date_words(text: str, e: dict[str, Any]) -> tuple[int, int] | None:
    """(start, end) of the event's date words in its sentence, the occurrence nearest the trigger; None if absent."""
    words, trigger = e["date_text"], e["trigger_start"]
    if not words or not isinstance(trigger, int):
        return None
    bounds = _sentence_bounds(text, e["sentence_text"] or "", trigger)
    if bounds is None:
        return None
    lo, hi = bounds
    starts = [lo + m.start() for m in re.finditer(re.escape(words), text[lo:hi])]
    if not starts:
        return None
    start = min(starts, key=lambda s: abs(s - trigger))
    return start, start + len(words)


def _sentence_bounds(text: str, sentence: str, trigger: int) -> tuple[int, int] | None:
    """Where the event's sentence (as the record keeps it: cut around the trigger with "…" when long) stands in the
    text: the occurrence that holds the trigger."""
    sentence = sentence.removeprefix(ELLIPSIS + " ").removesuffix(" " + ELLIPSIS)
    if not sentence:
        return None
    start = text.find(sentence)
    while 0 <= start <= trigger:
        if trigger < start + len(sentence):
            return start, start + len(sentence)
        start = text.find(sentence, start + 1)
    return None


# --- aggregates --------------------------------------------------------------------------------------------------


def dyad_counts(con: duckdb.DuckDBPyConnection, chosen: EventFilter, stories: bool) -> list[dict[str, Any]]:
    """Events (or stories: each once, in its first event's groups) per source country, target country, type and
    month, with the type's PLOVER quad. An event dated less precisely than a month has month None."""
    where, params = chosen.where()
    source = STORY_EVENTS if stories else "events"
    sql = (f"SELECT source_country, target_country, event_type, {MONTH_SQL} AS month, count(*) AS count, "
           f"{QUAD_SQL} AS quad FROM {source} WHERE {where} GROUP BY ALL "
           "ORDER BY month NULLS LAST, source_country NULLS LAST, target_country NULLS LAST, event_type NULLS LAST")
    return _dicts(con.execute(sql, params))


def network(con: duckdb.DuckDBPyConnection, chosen: EventFilter) -> dict[str, list[dict[str, Any]]]:
    """Countries as nodes (events naming them on either side) and country dyads as edges (events, and of them those
    of a conflict quad (3, 4) and of a cooperation quad (1, 2))."""
    where, params = chosen.where()
    chosen_events = f"WITH chosen AS (SELECT event_id, source_country, target_country, event_type FROM events " \
                    f"WHERE {where}) "
    nodes = _dicts(con.execute(
        chosen_events + "SELECT country AS id, count(DISTINCT event_id) AS events FROM ("
        "SELECT event_id, source_country AS country FROM chosen UNION ALL "
        "SELECT event_id, target_country AS country FROM chosen) WHERE country IS NOT NULL "
        "GROUP BY country ORDER BY events DESC, id", params))
    edges = _dicts(con.execute(
        chosen_events + f"SELECT source_country AS source, target_country AS target, count(*) AS count, "
        f"count(*) FILTER (WHERE {QUAD_SQL} IN (3, 4)) AS conflict, "
        f"count(*) FILTER (WHERE {QUAD_SQL} IN (1, 2)) AS cooperation FROM chosen "
        "WHERE source_country IS NOT NULL AND target_country IS NOT NULL GROUP BY ALL ORDER BY count DESC, source, "
        "target", params))
    return {"nodes": nodes, "edges": edges}


def store_meta(con: duckdb.DuckDBPyConnection) -> dict[str, Any]:
    """What the store holds, for the explorer's summary line and its filter choices."""
    documents, duplicates = con.execute(
        "SELECT count(*), count(duplicate_of) FROM documents").fetchone()
    events, stories, first, last = con.execute(
        "SELECT count(*), count(DISTINCT coalesce(story_id, event_id)), min(date_start), max(date_start) "
        "FROM events").fetchone()
    return {
        "documents": documents, "duplicates": duplicates, "events": events, "stories": stories,
        "date_min": _jsonable(first), "date_max": _jsonable(last),
        "countries": _values(con, "SELECT source_country FROM events UNION SELECT target_country FROM events"),
        "types": _values(con, "SELECT DISTINCT event_type FROM events"),
        "factuality": _values(con, "SELECT DISTINCT factuality FROM events"),
        "sectors": _values(con, "SELECT source_sector FROM events UNION SELECT target_sector FROM events"),
    }


# --- small things ------------------------------------------------------------------------------------------------


def _marks(values: tuple[str, ...]) -> str:
    """One `?` per value: the count, never the values, goes into the SQL text."""
    return ", ".join("?" * len(values))


def _dicts(cursor: duckdb.DuckDBPyConnection) -> list[dict[str, Any]]:
    names = [d[0] for d in cursor.description]
    return [dict(zip(names, row)) for row in cursor.fetchall()]


def _values(con: duckdb.DuckDBPyConnection, sql: str) -> list[str]:
    return sorted(row[0] for row in con.execute(sql).fetchall() if row[0] is not None)


def _jsonable(value: Any) -> Any:
    return value.isoformat() if isinstance(value, (Date, datetime)) else value


def _jsonable_row(row: dict[str, Any]) -> dict[str, Any]:
    return {key: _jsonable(value) for key, value in row.items()}
