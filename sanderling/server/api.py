"""The HTTP API over the Coder and the corpus store: code text (POST /code), read events, documents with their spans,
dyad counts and the actor network of a store, with limits on what a request may ask.

One Coder serves every request: it is loaded once (by `sanderling serve` before it listens, else on the first
POST /code) and run in FastAPI's threadpool behind a lock, since a spaCy pipeline is not
thread-safe. The store is opened read-only unless the server is started with --allow-write; each read runs on its
own DuckDB cursor in a READ ONLY transaction, and only POST /code with "store": true writes, one run per request.
Interactive docs pages are off (FastAPI fetches Swagger UI from a CDN); the OpenAPI description is /openapi.json.
"""

from __future__ import annotations

import re
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from datetime import date as Date
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import duckdb
from fastapi import APIRouter, Body, Depends, FastAPI, HTTPException, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse
from pydantic import BaseModel, Field
from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from .. import __version__, language
from ..corpus.sources import Source, content_id
from ..corpus.store import Store
from ..errors import DateError, Errors, SanderlingError
from ..export import LONE_SURROGATE
from ..model import FACTUALITY, PLOVER_TYPES, Document
from ..temporal import parse_pub_date
from . import queries
from .queries import DEFAULT_SORT, SORTS, Cursor, EventFilter

if TYPE_CHECKING:
    from ..coder import Coded, Coder

MAX_BODY = 1_000_000
MAX_BATCH = 32
MAX_TEXT = 200_000
MAX_LIMIT = 500
DEFAULT_LIMIT = 50
MAX_QUERY_TEXT = 500  # characters of a free-text search (q)
FORMATS = ("json", "csv", "jsonl")
DOWNLOAD_TYPES = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson; charset=utf-8"}
PERIOD = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
API_ORIGIN = "POST /code"


class CodeRequest(BaseModel):
    """One document to code, as a line of the CLI's JSONL input."""

    text: str = Field(description="The document text (English news).")
    date: str | None = Field(None, description="Publication date YYYY-MM-DD: relative dates are resolved against it.")
    id: str | None = Field(None, description="The document id (default: sha1- and a hash of the text, as corpus "
                                             "runs give).")
    url: str | None = None
    title: str | None = None
    store: bool = Field(False, description="Also store the document and its events (needs --allow-write).")


class Service:
    """What the routes share: the store, the limits and the one Coder."""

    def __init__(self, db: str | Path | None, *, allow_write: bool, max_body: int, max_batch: int, max_text: int,
                 coder: Coder | None = None):
        self.store = Store(db, read_only=not allow_write) if db is not None else None
        # The parent of every reading cursor, apart from the connection that writes.
        self._readers = self.store.con.cursor() if self.store is not None else None
        self.allow_write = allow_write and self.store is not None
        self.max_body, self.max_batch, self.max_text = max_body, max_batch, max_text
        self._coder = coder
        self._coder_lock = threading.Lock()
        self._cursor_lock = threading.Lock()
        self._write_lock = threading.Lock()

    def close(self) -> None:
        if self.store is not None:
            self._readers.close()
            self.store.close()

    # --- reading -------------------------------------------------------------------------------------------------

    def cursor(self, route: str) -> duckdb.DuckDBPyConnection:
        """A new DuckDB cursor in a READ ONLY transaction (the caller closes it); 404 when there is no store."""
        if self.store is None:
            raise HTTPException(404, Errors.E601.format(route=route))
        with self._cursor_lock:
            con = self._readers.cursor()
        con.execute("BEGIN TRANSACTION READ ONLY")
        return con

    @contextmanager
    def reading(self, route: str) -> Iterator[duckdb.DuckDBPyConnection]:
        con = self.cursor(route)
        try:
            yield con
        finally:
            con.close()

    # --- coding and storing --------------------------------------------------------------------------------------

    def coder(self) -> Coder:
        """The Coder, loaded on first use."""
        with self._coder_lock:
            if self._coder is None:
                from ..coder import Coder

                language.preload()  # the language detector, while the spaCy pipeline loads
                self._coder = Coder()
            return self._coder

    def code(self, documents: list[Document]) -> list[Coded]:
        coder = self.coder()
        with self._coder_lock:
            return list(coder.pipe(documents))

    def documents(self, items: list[CodeRequest]) -> list[Document]:
        """The requests as Documents, once every limit and permission is checked (422 or 403 otherwise)."""
        if not items:
            raise HTTPException(422, Errors.E611)
        if len(items) > self.max_batch:
            raise HTTPException(422, Errors.E604.format(count=len(items), limit=self.max_batch))
        if any(item.store for item in items) and not self.allow_write:
            raise HTTPException(403, Errors.E607)
        return [self._document(n, item) for n, item in enumerate(items, start=1)]

    def _document(self, n: int, item: CodeRequest) -> Document:
        if len(item.text) > self.max_text:
            raise HTTPException(422, Errors.E605.format(n=n, size=len(item.text), limit=self.max_text))
        for name in ("id", "url", "title"):  # echoed in the events or stored: text that cannot be UTF-8 is refused
            bad = LONE_SURROGATE.search(getattr(item, name) or "")
            if bad:
                raise HTTPException(422, Errors.E606.format(n=n, detail=Errors.E015.format(
                    field=name, char=ascii(bad.group())[1:-1], offset=bad.start())))
        try:
            day = parse_pub_date(item.date)
        except DateError as err:
            raise HTTPException(422, Errors.E606.format(n=n, detail=err)) from None
        return Document(text=item.text, id=item.id or content_id(item.text), date=day, url=item.url,
                        title=item.title)

    def keep(self, results: list[Coded]) -> None:
        """Store coded documents as one run (a coding error is stored as a skipped record, as corpus runs do). Story
        links are made by the next `sanderling code --db` run, which links the whole store."""
        started = time.perf_counter()
        events = sum(len(r.events) for r in results if r.error is None)
        counts = {"coded": sum(r.error is None for r in results), "skipped": sum(r.error is not None for r in results),
                  "no_events": sum(r.error is None and not r.events for r in results), "events": events,
                  "duplicates": 0}
        with self._write_lock:
            try:
                run_id = self.store.start_run({"inputs": [API_ORIGIN], "server": True})
                self.store.add_batch(run_id, [(Source(r.document, f"{API_ORIGIN}#{n}"), r)
                                              for n, r in enumerate(results, start=1)], [])
                self.store.finish_run(run_id, counts, time.perf_counter() - started)
            except SanderlingError as err:
                raise HTTPException(500, str(err)) from None


def service(request: Request) -> Service:
    return request.app.state.service


ServiceDep = Annotated[Service, Depends(service)]


# --- request parameters ------------------------------------------------------------------------------------------


def _split(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _codes(value: str | None) -> tuple[str, ...]:
    return tuple(part.upper() for part in _split(value))


def _chosen(param: str, value: str | None, choices: tuple[str, ...], case: str) -> tuple[str, ...]:
    """Comma-separated values, each among `choices` (upper- or lower-cased first); 422 naming one that is not."""
    values = tuple(getattr(part, case)() for part in _split(value))
    for part in values:
        if part not in choices:
            raise HTTPException(422, Errors.E608.format(param=param, value=part, choices=", ".join(choices)))
    return values


def _period(param: str, value: str | None) -> tuple[Date, Date] | None:
    """(first day, the day after the last) of a year, month or day; 422 for anything else."""
    if value is None or not value.strip():
        return None
    match = PERIOD.fullmatch(value.strip())
    try:
        if match is None:
            raise ValueError(value)
        year, month, day = (int(g) if g else None for g in match.groups())
        first = Date(year, month or 1, day or 1)
    except ValueError:
        raise HTTPException(422, Errors.E609.format(param=param, value=value)) from None
    try:
        if day is not None:
            return first, first + timedelta(days=1)
        if month is not None:
            return first, (first + timedelta(days=31)).replace(day=1)
        return first, first.replace(year=year + 1)
    except (OverflowError, ValueError):  # the period ends with year 9999
        return first, Date.max


def event_filter(
    source: Annotated[str | None, Query(description="Source countries (ISO 3166-1 alpha-3), comma-separated.")] = None,
    target: Annotated[str | None, Query(description="Target countries, comma-separated.")] = None,
    sector: Annotated[str | None, Query(description="Actor sectors (GOV, MIL, REB...) on either side.")] = None,
    event_type: Annotated[str | None, Query(alias="type", description="PLOVER event types, comma-separated.")] = None,
    cameo: Annotated[str | None, Query(description="A CAMEO code prefix (e.g. 19 for all of 19x).")] = None,
    date_from: Annotated[str | None, Query(description="From this year, month or day (on the event's first "
                                                       "day).")] = None,
    date_to: Annotated[str | None, Query(description="Up to the end of this year, month or day.")] = None,
    factuality: Annotated[str | None, Query(description="asserted, negated or hypothetical, comma-separated.")] = None,
    q: Annotated[str | None, Query(description="Words in the sentence or the actors' text (any case).")] = None,
    doc_id: Annotated[str | None, Query(description="Events of this document.")] = None,
    story_id: Annotated[str | None, Query(description="Events of this story.")] = None,
) -> EventFilter:
    """The filters shared by /events, /dyads and /network."""
    if q is not None and len(q) > MAX_QUERY_TEXT:
        raise HTTPException(422, Errors.E612.format(param="q", size=len(q), limit=MAX_QUERY_TEXT))
    start = _period("date_from", date_from)
    end = _period("date_to", date_to)
    return EventFilter(
        source=_codes(source), target=_codes(target), sector=_codes(sector),
        types=_chosen("type", event_type, PLOVER_TYPES, "upper"), cameo=(cameo or "").strip() or None,
        date_from=start[0] if start else None, date_until=end[1] if end else None,
        factuality=_chosen("factuality", factuality, FACTUALITY, "lower"), q=q or None,
        doc_id=doc_id, story_id=story_id)


FilterDep = Annotated[EventFilter, Depends(event_filter)]


def _cursor(value: str | None, sort: str) -> Cursor | None:
    if not value:
        return None
    try:
        cursor = Cursor.decode(value)
        if cursor.sort != sort:
            raise ValueError(f"it was made for sort={cursor.sort}")
    except ValueError as err:
        raise HTTPException(422, Errors.E610.format(value=value[:80], sort=sort, detail=err)) from None
    return cursor


# --- routes ------------------------------------------------------------------------------------------------------

router = APIRouter()


@router.get("/health", tags=["service"])
def health(svc: ServiceDep) -> dict[str, Any]:
    """Whether the server answers, its version, and whether it has a store and may write to it."""
    return {"ok": True, "version": __version__, "store": svc.store is not None, "allow_write": svc.allow_write}


@router.post("/code", tags=["coding"])
def code(svc: ServiceDep, body: Annotated[CodeRequest | list[CodeRequest], Body(
        description="One document or a list of them.")]) -> dict[str, Any]:
    """Code documents: their events as the CLI's JSONL gives them, one entry per document in order (a document that
    cannot be coded has its `error` and no events). Stored only where asked ("store": true, needs --allow-write)."""
    items = body if isinstance(body, list) else [body]
    documents = svc.documents(items)
    results = svc.code(documents)
    kept = [result for result, item in zip(results, items) if item.store]
    if kept:
        svc.keep(kept)
    return {"documents": [{"id": r.document.id, "events": [e.to_dict() for e in r.events], "error": r.error}
                          for r in results]}


@router.get("/events", tags=["store"])
def events(
    svc: ServiceDep,
    chosen: FilterDep,
    sort: Annotated[str, Query(description=f"One of: {', '.join(SORTS)}.")] = DEFAULT_SORT,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT, description="Events per page.")] = DEFAULT_LIMIT,
    cursor: Annotated[str | None, Query(description="The previous page's next_cursor.")] = None,
    fmt: Annotated[str, Query(alias="format", description="json (a page), or csv or jsonl: every event the "
                                                         "filters select, as a download.")] = "json",
) -> Response:
    """Events the filters select, a page at a time (follow next_cursor), or all of them as a CSV or JSONL file."""
    if sort not in SORTS:
        raise HTTPException(422, Errors.E608.format(param="sort", value=sort, choices=", ".join(SORTS)))
    if fmt not in FORMATS:
        raise HTTPException(422, Errors.E608.format(param="format", value=fmt, choices=", ".join(FORMATS)))
    if fmt != "json":
        return _download(svc, chosen, sort, fmt)
    after = _cursor(cursor, sort)
    with svc.reading("/events") as con:
        page = queries.page_events(con, chosen, sort, limit, after)
    return JSONResponse({"events": page.events, "next_cursor": page.next_cursor, "total": page.total})


def _download(svc: Service, chosen: EventFilter, sort: str, fmt: str) -> StreamingResponse:
    con = svc.cursor("/events")

    def chunks() -> Iterator[str]:
        try:
            yield from queries.stream_events(con, chosen, sort, fmt)
        finally:
            con.close()

    return StreamingResponse(chunks(), media_type=DOWNLOAD_TYPES[fmt],
                             headers={"Content-Disposition": f'attachment; filename="events.{fmt}"'})


@router.get("/documents/{doc_id:path}", tags=["store"])
def document(svc: ServiceDep, doc_id: str) -> dict[str, Any]:
    """A stored document: its text, its events, and the spans (source, target, trigger, location, date) they name."""
    with svc.reading("/documents") as con:
        found = queries.document_view(con, doc_id)
    if found is None:
        raise HTTPException(404, Errors.E602.format(doc_id=doc_id))
    return found


@router.get("/dyads", tags=["store"])
def dyads(svc: ServiceDep, chosen: FilterDep, stories: Annotated[bool, Query(
        description="Count each story (one event several documents report) once.")] = False) -> dict[str, Any]:
    """Event counts per source country, target country, event type and month, with the type's PLOVER quad."""
    with svc.reading("/dyads") as con:
        return {"rows": queries.dyad_counts(con, chosen, stories)}


@router.get("/network", tags=["store"])
def network(svc: ServiceDep, chosen: FilterDep) -> dict[str, Any]:
    """The actor network of the events the filters select: countries, and dyads with conflict and cooperation."""
    with svc.reading("/network") as con:
        return queries.network(con, chosen)


@router.get("/meta", tags=["store"])
def meta(svc: ServiceDep) -> dict[str, Any]:
    """What the store holds: counts, date range, and the countries, types and sectors present."""
    with svc.reading("/meta") as con:
        return {**queries.store_meta(con), "allow_write": svc.allow_write, "version": __version__}


class BodyTooLarge(HTTPException):
    """Raised while a body is read: FastAPI passes an HTTPException on (any other error reading the body is a 400),
    and answers it with its detail."""

    def __init__(self, message: str):
        super().__init__(413, message)


class BodyLimit:
    """413 for a request body over `limit` bytes: at once when its Content-Length says so, else as soon as the bytes
    read pass the limit (a chunked body declares no length). Nothing past the limit is read or buffered."""

    def __init__(self, app: ASGIApp, limit: int, message: str):
        self.app, self.limit, self.message = app, limit, message

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length", "")
        if declared.isdigit() and int(declared) > self.limit:
            await JSONResponse({"detail": self.message}, status_code=413)(scope, receive, send)
            return
        size = 0

        async def counted() -> Message:
            nonlocal size
            message = await receive()
            if message["type"] == "http.request":
                size += len(message.get("body", b""))
                if size > self.limit:
                    raise BodyTooLarge(self.message)
            return message

        await self.app(scope, counted, send)


# --- the app -----------------------------------------------------------------------------------------------------


def create_app(db: str | Path | None = None, *, allow_write: bool = False, max_body: int = MAX_BODY,
               max_batch: int = MAX_BATCH, max_text: int = MAX_TEXT, coder: Coder | None = None) -> FastAPI:
    """The API and the explorer over the store `db` (read-only unless allow_write); without a db only POST /code
    and the paste box work. `coder`: one already loaded (else loaded on the first POST /code)."""
    svc = Service(db, allow_write=allow_write, max_body=max_body, max_batch=max_batch, max_text=max_text,
                  coder=coder)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        yield
        svc.close()

    app = FastAPI(title="sanderling", version=__version__, docs_url=None, redoc_url=None, lifespan=lifespan,
                  description="Code English news into PLOVER/CAMEO events, and read a corpus store. See "
                  "docs/server.md.")
    app.state.service = svc
    app.add_middleware(BodyLimit, limit=max_body,
                       message=Errors.E603.format(limit=max_body, batch=max_batch, text=max_text))
    app.include_router(router)
    from .pages import mount

    mount(app)
    return app


def load_coder(app: FastAPI) -> None:
    """Load the app's Coder now (`sanderling serve` does, before it listens), so that the first POST /code is as
    quick as the others."""
    app.state.service.coder()
