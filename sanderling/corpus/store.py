"""The corpus store: one DuckDB file with every document, event, actor, skipped record and run of a corpus.

A batch is stored in one transaction, so a run killed at any moment (even with SIGKILL) leaves whole batches only,
and a re-run that leaves out `seen_ids()` completes it with nothing lost or doubled. Rows go in as one list per
column, unnested by DuckDB in one statement per table (no pandas or Arrow; `executemany` is 30-45x slower).

`query`, `export` and `counts` never write: they run in a READ ONLY transaction, which DuckDB itself enforces,
and `query` takes only one SELECT (or EXPLAIN). DuckDB lets one process open a file either writable or read-only,
so a command that only reads opens `Store(path, read_only=True)`, and a run reads through its own writable Store.

Dates: an event's `date` keeps its precision ("2022-10-03", "2022-10", "2022"), and `date_start` is its first day
(a DATE) for range filters; `counts` puts an event in a day or month only when its date is that precise.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date as Date
from datetime import datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from .. import __version__
from ..errors import Errors, OutputError, StoreError
from ..export import CSV_COLUMNS, QUAD_CODES, escape_surrogates, flatten, refuse_inputs

if TYPE_CHECKING:
    from ..coder import Coded
    from ..ingest import Skipped
    from ..model import Actor, Event
    from .sources import Source

SCHEMA_VERSION = 1
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
ORIGIN_NUMBER = re.compile(r"^(.*)[:#](\d+)$")  # "path:LINE" (JSONL) or "path#N" (Nth WARC record)

# Column types of the flat event row (export.CSV_COLUMNS); every other column is VARCHAR. `date` stays text
# because its precision varies.
EVENT_TYPES = {
    "sentence": "INTEGER", "confidence": "DOUBLE",
    "source_start": "INTEGER", "source_end": "INTEGER", "target_start": "INTEGER", "target_end": "INTEGER",
    "location_lat": "DOUBLE", "location_lon": "DOUBLE", "location_geonameid": "BIGINT",
    "location_start": "INTEGER", "location_end": "INTEGER", "trigger_start": "INTEGER", "trigger_end": "INTEGER",
}
COLUMNS: dict[str, dict[str, str]] = {
    "events": {**{c: EVENT_TYPES.get(c, "VARCHAR") for c in CSV_COLUMNS},
               "date_start": "DATE", "run_id": "INTEGER", "story_id": "VARCHAR"},
    "documents": {"doc_id": "VARCHAR", "text": "VARCHAR", "title": "VARCHAR", "url": "VARCHAR",
                  "urls": "VARCHAR[]", "date": "DATE", "origin": "VARCHAR", "content_hash": "VARCHAR",
                  "minhash": "BLOB", "duplicate_of": "VARCHAR", "n_events": "INTEGER", "run_id": "INTEGER",
                  "coded_at": "TIMESTAMP"},
    "actors": {"event_id": "VARCHAR", "doc_id": "VARCHAR", "role": "VARCHAR", "text": "VARCHAR",
               "name": "VARCHAR", "country": "VARCHAR", "sector": "VARCHAR", "code": "VARCHAR",
               "start": "INTEGER", "end": "INTEGER"},
    "skipped": {"file": "VARCHAR", "line": "INTEGER", "doc_id": "VARCHAR", "reason": "VARCHAR",
                "run_id": "INTEGER"},
    "stories": {"story_id": "VARCHAR", "event_type": "VARCHAR", "source_country": "VARCHAR",
                "target_country": "VARCHAR", "first_date": "VARCHAR", "n_documents": "INTEGER",
                "doc_ids": "VARCHAR[]", "event_ids": "VARCHAR[]"},
    "runs": {"run_id": "INTEGER", "started": "TIMESTAMP", "finished": "TIMESTAMP", "version": "VARCHAR",
             "options": "JSON", "coded": "INTEGER", "skipped": "INTEGER", "no_events": "INTEGER",
             "events": "INTEGER", "duplicates": "INTEGER", "counts": "JSON", "seconds": "DOUBLE"},
}
TABLES = tuple(COLUMNS)
# Primary keys only: DuckDB's ART indexes serve point lookups, not the GROUP BY of counts, and slow every insert;
# its per-row-group min/max (zonemaps) already serve range filters such as date_start (counts by month, dyad and
# type over 2M events: 0.41 s without indexes, 0.45 s with them on date_start and the dyad and type).
KEYS = {"events": "event_id", "documents": "doc_id", "stories": "story_id", "runs": "run_id"}
DEFAULTS = {("runs", "run_id"): "DEFAULT nextval('run_ids')"}
RUN_COUNTS = ("coded", "skipped", "no_events", "events", "duplicates")
EXPORT_FORMATS = {"parquet": "FORMAT parquet", "csv": "FORMAT csv, HEADER", "jsonl": "FORMAT json"}
READ_STATEMENTS = (duckdb.StatementType.SELECT, duckdb.StatementType.EXPLAIN)

# counts(by=...): each key's output columns and the SQL expressions over `events` that give them. A day or month
# needs a date that precise (an event dated "2022" is in no month), so that a series is not piled on the 1st.
QUAD_SQL = "CASE event_type " + " ".join(f"WHEN '{t}' THEN {q}" for t, q in QUAD_CODES.items()) + " END"
COUNT_KEYS: dict[str, tuple[tuple[str, str], ...]] = {
    "year": (("year", "strftime(date_start, '%Y')"),),
    "month": (("month", "CASE WHEN length(date) >= 7 THEN strftime(date_start, '%Y-%m') END"),),
    "day": (("day", "CASE WHEN length(date) = 10 THEN strftime(date_start, '%Y-%m-%d') END"),),
    "dyad": (("source_country", "source_country"), ("target_country", "target_country")),
    "type": (("event_type", "event_type"),),
    "source": (("source_country", "source_country"),),
    "target": (("target_country", "target_country"),),
    "cameo": (("cameo", "cameo"),),
    "quad": (("quad", QUAD_SQL),),
}
# With stories=True each story counts once, in the groups of its first event, whose event_id is the story_id (see
# dedup.link_stories); an event no story links yet (story_id NULL) is its own story.
STORY_EVENTS = "(SELECT * FROM events WHERE story_id IS NULL OR story_id = event_id)"


class Store:
    """A corpus in one DuckDB file: `add_batch` writes (one transaction each); query, export, counts read.

    `con` is the open DuckDB connection, for stages that work in SQL (dedup.link_stories).
    """

    def __init__(self, path: str | Path, *, read_only: bool = False):
        self.path = Path(path)
        self.read_only = read_only
        self.con = _connect(self.path, read_only)
        try:
            self._check_schema()
        except BaseException:
            self.con.close()
            raise

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # --- runs and batches -----------------------------------------------------------------------------------

    def start_run(self, options: dict[str, Any]) -> int:
        """A new runs row (UTC start time, sanderling version, options as JSON); its run_id."""
        self._writable()
        row = self.con.execute(
            "INSERT INTO runs (started, version, options) VALUES (?, ?, ?) RETURNING run_id",
            [_now(), __version__, json.dumps(options, default=str, sort_keys=True)]).fetchone()
        assert row is not None
        return int(row[0])

    def finish_run(self, run_id: int, counts: dict[str, int], seconds: float) -> None:
        """Close a run: finish time, the five usual counts as columns (all of `counts` as JSON) and its duration."""
        self._writable()
        values = [counts.get(key) for key in RUN_COUNTS]
        setting = ", ".join(f"{key} = ?" for key in RUN_COUNTS)
        row = self.con.execute(
            f"UPDATE runs SET finished = ?, {setting}, counts = ?, seconds = ? WHERE run_id = ?",
            [_now(), *values, json.dumps(counts, sort_keys=True), seconds, run_id]).fetchone()
        if not row or not row[0]:
            raise ValueError(f"no run {run_id} in {self.path}; give the id start_run returned")

    def seen_ids(self) -> set[str]:
        """Ids of documents stored (coded or duplicate) or skipped with an id, so that a re-run codes only what is
        new. A record skipped without an id (an unreadable line) is read again by each run, and stored once."""
        rows = self.con.execute(
            "SELECT doc_id FROM documents UNION SELECT doc_id FROM skipped WHERE doc_id IS NOT NULL").fetchall()
        return {row[0] for row in rows}

    def add_batch(self, run_id: int, results: list[tuple[Source, Coded]], skipped: list[Skipped],
                  duplicates: Sequence[tuple[Source, str]] = (), *,
                  signatures: Iterable[tuple[str, bytes]] = ()) -> None:
        """Store one batch in one transaction: coded documents with their events and actors, a Coded with an
        error and each Skipped as skipped rows, duplicates as documents pointing at their original (whose urls
        gain theirs), and MinHash `signatures` (doc_id, bytes). A document id already stored is left as it is."""
        self._writable()
        coded = _coded_once(results)
        with self._writing():
            fresh = self._fresh_documents(_document_rows(run_id, coded.values(), duplicates, dict(signatures)))
            events = [e for doc_id, (_, c) in coded.items() if doc_id in fresh for e in c.events]
            _insert(self.con, "documents", list(fresh.values()), ignore=True)
            _insert(self.con, "events", [_event_row(e, run_id) for e in events])
            _insert(self.con, "actors", [row for e in events for row in _actor_rows(e)])
            _insert(self.con, "skipped", _skipped_rows(run_id, results, skipped), unless=(
                "SELECT 1 FROM skipped s WHERE s.file IS NOT DISTINCT FROM n.file "
                "AND s.line IS NOT DISTINCT FROM n.line AND s.doc_id IS NOT DISTINCT FROM n.doc_id"))
            self._add_urls([row for row in fresh.values() if row["duplicate_of"] is not None])

    def add_signatures(self, signatures: Iterable[tuple[str, bytes]]) -> None:
        """Set the MinHash signature of stored documents (doc_id, bytes), in one transaction."""
        self._writable()
        pairs = dict(signatures)
        if not pairs:
            return
        with self._writing():
            self.con.execute(
                "UPDATE documents SET minhash = n.minhash FROM (SELECT UNNEST($1::VARCHAR[]) AS doc_id, "
                "UNNEST($2::BLOB[]) AS minhash) AS n WHERE documents.doc_id = n.doc_id",
                [[_clean(k) for k in pairs], list(pairs.values())])

    def signatures(self) -> Iterator[tuple[str, bytes]]:
        """(doc_id, MinHash signature) of the stored originals, so that a resumed run finds near duplicates of
        documents coded before it."""
        cursor = self.con.cursor()  # its own result set, whatever else runs on the store meanwhile
        cursor.execute(
            "SELECT doc_id, minhash FROM documents WHERE minhash IS NOT NULL AND duplicate_of IS NULL ORDER BY doc_id")
        while rows := cursor.fetchmany(10_000):
            yield from rows

    # --- reading --------------------------------------------------------------------------------------------

    def export(self, out: str | Path, fmt: str, *, where: str | None = None, table: str = "events") -> int:
        """Write `table` (rows matching the SQL boolean expression `where`) to `out` as parquet, csv or jsonl;
        the number of rows written. The file appears only when complete (written beside it, then renamed)."""
        table = _choose(table, TABLES, Errors.E407)
        options = EXPORT_FORMATS[_choose(fmt, tuple(EXPORT_FORMATS), Errors.E408)]
        select = self._filtered(table, where)
        out = Path(out)
        refuse_inputs(out, [self.path])
        part = _part_file(out)
        try:
            with self._reading():
                row = self._copy(table, where, f"COPY ({select}) TO '{_literal(part)}' ({options})", out)
            os.replace(part, out.resolve())
        except BaseException:
            part.unlink(missing_ok=True)
            raise
        return int(row[0]) if row else 0

    def query(self, sql: str) -> tuple[list[str], list[tuple]]:
        """Column names and rows of one read-only statement (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE,
        EXPLAIN); anything else, or more than one statement, is refused before it runs."""
        _check_read_statement(sql)
        try:
            with self._reading():
                cursor = self.con.execute(sql)
                names = [d[0] for d in cursor.description or ()]
                return names, cursor.fetchall()
        except duckdb.Error as err:
            if _refused_write(err):
                raise StoreError(Errors.E411.format(sql=_short(sql), kind="a write")) from err
            raise StoreError(Errors.E412.format(detail=_detail(err), tables=", ".join(TABLES))) from err

    def counts(self, by: Sequence[str], *, stories: bool = False) -> tuple[list[str], list[tuple]]:
        """Event counts grouped by `by` (keys of COUNT_KEYS: month, day, year, dyad, type, source, target, cameo,
        quad), ordered by the groups; with `stories` one count per story (the de-duplicated series)."""
        if isinstance(by, str):
            by = [key.strip() for key in by.split(",") if key.strip()]
        groups = dict(pair for key in by for pair in COUNT_KEYS[_choose(key, tuple(COUNT_KEYS), Errors.E410)])
        select = [f"{expr} AS {name}" for name, expr in groups.items()]
        measure = "stories" if stories else "events"
        sql = f"SELECT {', '.join([*select, f'count(*) AS {measure}'])} FROM {STORY_EVENTS if stories else 'events'}"
        if groups:
            order = ", ".join(f"{i} NULLS LAST" for i in range(1, len(groups) + 1))
            sql += f" GROUP BY ALL ORDER BY {order}"
        with self._reading():
            cursor = self.con.execute(sql)
            return [d[0] for d in cursor.description], cursor.fetchall()

    # --- helpers --------------------------------------------------------------------------------------------

    def _check_schema(self) -> None:
        """Create the schema in a new file; refuse a file that is not a store, or a store newer than this code."""
        tables = {row[0] for row in self.con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()}
        if "meta" not in tables:
            if tables or self.read_only:
                raise StoreError(Errors.E404.format(path=str(self.path), tables=", ".join(sorted(tables)) or "none"))
            with self._writing():
                for statement in _schema():
                    self.con.execute(statement)
            return
        row = self.con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        version = int(row[0]) if row and str(row[0]).isdigit() else None
        if version is None:
            raise StoreError(Errors.E404.format(path=str(self.path), tables=", ".join(sorted(tables))))
        if version > SCHEMA_VERSION:
            raise StoreError(Errors.E403.format(path=str(self.path), found=version, supported=SCHEMA_VERSION))

    def _writable(self) -> None:
        if self.read_only:
            raise StoreError(Errors.E405.format(path=str(self.path)))

    @contextmanager
    def _writing(self) -> Iterator[None]:
        """One transaction: committed when the block ends, rolled back on any error (which is raised again; a
        failed write to the file, such as a full disk, as E406)."""
        try:
            with self._transaction(""):
                yield
        except duckdb.IOException as err:
            raise StoreError(Errors.E406.format(path=str(self.path), detail=_detail(err))) from err

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """A READ ONLY transaction: DuckDB refuses any write in it."""
        with self._transaction(" READ ONLY"):
            yield

    @contextmanager
    def _transaction(self, mode: str) -> Iterator[None]:
        self.con.execute(f"BEGIN TRANSACTION{mode}")
        try:
            yield
            self.con.execute("COMMIT")
        except BaseException:
            try:
                self.con.execute("ROLLBACK")
            except duckdb.Error:
                pass  # a failed COMMIT has already ended the transaction
            raise

    def _fresh_documents(self, rows: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        """The rows whose doc_id is not stored yet."""
        if not rows:
            return rows
        stored = {row[0] for row in self.con.execute(
            "SELECT doc_id FROM documents WHERE doc_id IN (SELECT UNNEST($1::VARCHAR[]))", [list(rows)]).fetchall()}
        return {doc_id: row for doc_id, row in rows.items() if doc_id not in stored}

    def _add_urls(self, duplicates: list[dict[str, Any]]) -> None:
        """Append the URLs of new duplicate documents to their originals' urls (each URL once, in order)."""
        extra: dict[str, list[str]] = {}
        for row in duplicates:
            urls = extra.setdefault(row["duplicate_of"], [])
            urls.extend(u for u in row["urls"] if u not in urls)
        if extra:
            self.con.execute(
                "UPDATE documents SET urls = list_concat(documents.urls, list_filter(n.add, "
                "lambda u: NOT list_contains(coalesce(documents.urls, []), u))) "
                "FROM (SELECT UNNEST($1::VARCHAR[]) AS doc_id, UNNEST($2::VARCHAR[][]) AS add) AS n "
                "WHERE documents.doc_id = n.doc_id", [list(extra), list(extra.values())])

    def _filtered(self, table: str, where: str | None) -> str:
        """SELECT * FROM table [WHERE (where)], refused unless it parses as that one SELECT (no second statement)."""
        sql = f"SELECT * FROM {table}"
        if where is None or not where.strip():
            return sql
        sql += f" WHERE ({where})"
        try:
            statements = duckdb.extract_statements(sql)
        except duckdb.Error as err:
            raise self._where_error(table, where, _detail(err)) from err
        if len(statements) != 1 or statements[0].type != duckdb.StatementType.SELECT:
            raise self._where_error(table, where, "it is not one boolean expression")
        return sql

    def _copy(self, table: str, where: str | None, sql: str, out: Path) -> tuple | None:
        """Run a COPY of a _filtered SELECT: a bad column or expression is E409, a write error E110."""
        try:
            return self.con.execute(sql).fetchone()
        except duckdb.IOException as err:
            raise OutputError(Errors.E110.format(path=str(out), detail=_detail(err))) from err
        except duckdb.Error as err:
            if where is None:
                raise
            raise self._where_error(table, where, _detail(err)) from err

    def _where_error(self, table: str, where: str, detail: str) -> StoreError:
        return StoreError(Errors.E409.format(where=_short(where), table=table, detail=detail,
                                             columns=", ".join(COLUMNS[table])))


# --- opening and the schema ---------------------------------------------------------------------------------


def _connect(path: Path, read_only: bool) -> duckdb.DuckDBPyConnection:
    """A DuckDB connection, with the catalogue's message for each way that fails."""
    if read_only and not path.is_file():
        raise StoreError(Errors.E401.format(path=str(path), detail="there is no such file",
                                            hint="give the --db file that `sanderling code --db` wrote"))
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.ConnectionException as err:
        raise StoreError(Errors.E402.format(path=str(path), detail=_detail(err))) from err
    except duckdb.IOException as err:
        detail = _detail(err)
        if "lock" in detail.lower():
            raise StoreError(Errors.E402.format(path=str(path), detail=detail)) from err
        raise StoreError(Errors.E401.format(path=str(path), detail=detail,
                                            hint="check the path, and that its folder exists and is writable")) from err


def _schema() -> list[str]:
    """The DDL of a new store, then its schema version."""
    statements = ["CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR)", "CREATE SEQUENCE run_ids START 1"]
    for table, columns in COLUMNS.items():
        defs = [f'"{name}" {kind} {DEFAULTS.get((table, name), "")}'.rstrip() for name, kind in columns.items()]
        if table in KEYS:
            defs.append(f"PRIMARY KEY ({KEYS[table]})")
        statements.append(f"CREATE TABLE {table} ({', '.join(defs)})")
    statements.append(f"INSERT INTO meta VALUES ('schema_version', '{SCHEMA_VERSION}')")
    return statements


# --- rows ---------------------------------------------------------------------------------------------------


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[dict[str, Any]], *, ignore: bool = False,
            unless: str = "") -> None:
    """Insert rows (dicts) in one statement: one list per column, unnested side by side. With `ignore` a row whose
    key is stored is left out (else it is an error); so is one for which the subquery `unless` over the new row `n`
    returns a row."""
    if not rows:
        return
    types = COLUMNS[table]
    names = list(rows[0])
    unnest = ", ".join(f'UNNEST(${i}::{types[n]}[]) AS "{n}"' for i, n in enumerate(names, 1))
    sql = f"INSERT {'OR IGNORE ' if ignore else ''}INTO {table} BY NAME SELECT * FROM (SELECT {unnest}) AS n"
    if unless:
        sql += f" WHERE NOT EXISTS ({unless})"
    con.execute(sql, [[row[name] for row in rows] for name in names])


def _coded_once(results: list[tuple[Source, Coded]]) -> dict[str, tuple[Source, Coded]]:
    """The results coded without error by (stored) doc_id, the first of a repeated id."""
    coded: dict[str, tuple[Source, Coded]] = {}
    for source, result in results:
        if result.error is None:
            coded.setdefault(_clean(result.document.id), (source, result))
    return coded


def _document_rows(run_id: int, coded: Iterable[tuple[Source, Coded]], duplicates: Sequence[tuple[Source, str]],
                   signatures: Mapping[str, bytes]) -> dict[str, dict[str, Any]]:
    """documents rows by doc_id (the first of a repeated id): coded documents, then duplicates."""
    now = _now()
    rows: dict[str, dict[str, Any]] = {}
    for source, result in coded:
        row = _document_row(source, run_id, now, len(result.events), None, signatures)
        rows.setdefault(row["doc_id"], row)
    for source, original in duplicates:
        row = _document_row(source, run_id, now, None, _clean(original), signatures)
        rows.setdefault(row["doc_id"], row)
    return rows


def _document_row(source: Source, run_id: int, now: datetime, n_events: int | None, duplicate_of: str | None,
                  signatures: Mapping[str, bytes]) -> dict[str, Any]:
    """One documents row; n_events is None for a duplicate, which is not coded."""
    document = source.document
    text = document.text
    return {
        "doc_id": _clean(document.id), "text": _clean(text), "title": _clean(document.title),
        "url": _clean(document.url), "urls": _urls(source), "date": document.date, "origin": _clean(source.origin),
        "content_hash": hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest(),
        "minhash": signatures.get(document.id), "duplicate_of": duplicate_of, "n_events": n_events,
        "run_id": run_id, "coded_at": now,
    }


def _urls(source: Source) -> list[str]:
    """The source's URLs then the document's own, each once."""
    urls: list[str] = []
    for url in [*(source.urls or ()), source.document.url]:
        if url and _clean(url) not in urls:
            urls.append(_clean(url))
    return urls


def _event_row(event: Event, run_id: int) -> dict[str, Any]:
    row = {key: _clean(value) for key, value in flatten(event).items()}
    row["date_start"] = date_start(event.date)
    row["run_id"] = run_id
    return row


def _actor_rows(event: Event) -> list[dict[str, Any]]:
    return [_actor_row(event, role, actor) for role, actor in (("source", event.source), ("target", event.target))
            if actor is not None]


def _actor_row(event: Event, role: str, actor: Actor) -> dict[str, Any]:
    return {"event_id": _clean(event.event_id), "doc_id": _clean(event.doc_id), "role": role,
            "text": _clean(actor.text), "name": _clean(actor.name), "country": actor.country,
            "sector": actor.sector, "code": _clean(actor.code), "start": actor.start, "end": actor.end}


def _skipped_rows(run_id: int, results: list[tuple[Source, Coded]], skipped: list[Skipped]) -> list[dict[str, Any]]:
    """skipped rows: each Skipped, and each Coded with an error (file and line taken from the source's origin);
    each (file, line, doc_id) once."""
    rows: dict[tuple, dict[str, Any]] = {}
    items = [(s.file, s.line, s.id, s.reason) for s in skipped]
    items += [(*_split_origin(source.origin), coded.document.id, coded.error)
              for source, coded in results if coded.error is not None]
    for file, line, doc_id, reason in items:
        row = {"file": _clean(file), "line": line, "doc_id": _clean(doc_id), "reason": _clean(reason),
               "run_id": run_id}
        rows.setdefault((row["file"], line, row["doc_id"]), row)
    return list(rows.values())


def _split_origin(origin: str) -> tuple[str, int]:
    """("path", LINE) from "path:LINE" or "path#N"; ("path", 0) from a plain path: the whole file, as in the
    Skipped records of sources."""
    match = ORIGIN_NUMBER.match(origin)
    return (match.group(1), int(match.group(2))) if match else (origin, 0)


def date_start(value: str | None) -> Date | None:
    """The first day of an event date of any precision ("2022-10" -> 2022-10-01); None when there is none."""
    if not value:
        return None
    padded = {4: "-01-01", 7: "-01"}.get(len(value), "")
    try:
        return Date.fromisoformat(value + padded)
    except ValueError:
        return None


# --- small things -------------------------------------------------------------------------------------------


def _clean(value: Any) -> Any:
    """A string DuckDB can take: lone surrogates (from bad escapes in the input) written as their escapes."""
    if isinstance(value, str) and LONE_SURROGATE.search(value):
        return escape_surrogates(value)
    return value


def _now() -> datetime:
    """UTC now, without a zone (TIMESTAMP columns)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _choose(value: str, choices: tuple[str, ...], message: str) -> str:
    if value not in choices:
        raise StoreError(message.format(value=value, choices=", ".join(choices)))
    return value


def _check_read_statement(sql: str) -> None:
    """E411 unless `sql` is one SELECT-like statement (or EXPLAIN); E412 when it does not parse."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise StoreError(Errors.E412.format(detail=_detail(err), tables=", ".join(TABLES))) from err
    if len(statements) != 1:
        raise StoreError(Errors.E411.format(sql=_short(sql), kind=f"{len(statements)} statements"))
    kind = statements[0].type
    if kind not in READ_STATEMENTS:
        raise StoreError(Errors.E411.format(sql=_short(sql), kind=f"a {kind.name} statement"))


def _refused_write(err: duckdb.Error) -> bool:
    """Whether DuckDB refused a write (e.g. nextval) in a READ ONLY transaction or on a read-only connection."""
    return isinstance(err, duckdb.TransactionException) or "read-only mode" in str(err)


def _part_file(out: Path) -> Path:
    """A new name beside `out` for COPY to write (with the usual permissions), renamed over `out` when complete."""
    target = out.resolve()
    return target.with_name(f".{target.name}.{os.getpid()}.{secrets.token_hex(4)}.part")


def _literal(path: Path) -> str:
    """A path inside a single-quoted SQL string."""
    return str(path).replace("'", "''")


def _detail(err: Exception) -> str:
    """DuckDB's message on one line, without its 'IO Error:'-style prefix."""
    text = " ".join(str(err).split())
    return re.sub(r"^[A-Za-z ]*Error: ", "", text)


def _short(text: str, limit: int = 120) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit - 1] + "…"
