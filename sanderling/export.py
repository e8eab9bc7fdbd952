"""Writing events: a terminal table, JSONL, a JSON array, flat CSV, or PLOVER-format JSONL records.

Every format is a `Writer` with `write(events, document)` per document and `close()` at the end, so a corpus
run streams its output document by document. `open_output` is where a run writes: a temporary file beside the
target, renamed over it only at the end, so that no run, failed or killed, leaves a truncated file (or destroys
its input). `to_plover` maps an Event to the field names of the PLOVER
manual (draft 0.8, "PLOVER JSON" and the entity/location/textInfo tables); the mapping is hard-coded here
because the package never reads the manual at run time.
"""

from __future__ import annotations

import csv
import errno
import json
import os
import re
import stat
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Protocol, TextIO

import pycountry
from rich.console import Console
from rich.table import Table
from rich.text import Text

from .errors import ClosedPipe, Errors, OutputError, SanderlingError
from .model import Actor, Document, Event, Location

CODER_NAME = "sanderling"
FILE_TABLE_WIDTH = 160
CODEBOOK = "PLOVER manual draft 0.8"
# A UTF-16 surrogate on its own (a document id made from a bad escape): written as its JSON escape, "\\ud800".
LONE_SURROGATE = re.compile("[\ud800-\udfff]")

# PLOVER quad categories (1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict).
QUAD_CODES = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "SANCTION": 4, "MOBILIZE": 4, "COERCE": 4, "ASSAULT": 4,
}
# Factuality → PLOVER auxiliary mode, which the manual puts in `context`.
AUXILIARY_CONTEXT = {"negated": "negation", "hypothetical": "hypothetical"}

CSV_COLUMNS = (
    "doc_id", "event_id", "sentence", "event_type", "mode", "context", "cameo",
    "source_text", "source_name", "source_country", "source_sector", "source_code", "source_start", "source_end",
    "target_text", "target_name", "target_country", "target_sector", "target_code", "target_start", "target_end",
    "date", "date_precision", "date_text",
    "location_name", "location_country", "location_lat", "location_lon", "location_geonameid",
    "location_text", "location_start", "location_end",
    "factuality", "confidence", "trigger_text", "trigger_start", "trigger_end", "sentence_text",
)


class Writer(Protocol):
    """One output format: called once per document, then closed once."""

    def write(self, events: list[Event], document: Document | None = None) -> None: ...

    def close(self) -> None: ...


def actor_label(actor: Actor | None) -> str:
    """'text [ISR GOV]' for tables and summaries; '-' when there is no actor."""
    if actor is None:
        return "-"
    codes = " ".join(c for c in (actor.country, actor.sector) if c)
    return f"{actor.text} [{codes}]" if codes else actor.text


def flatten(event: Event) -> dict[str, Any]:
    """One CSV row: actor, location and trigger fields prefixed by their role; context joined with ';'."""
    row: dict[str, Any] = {
        "doc_id": event.doc_id, "event_id": event.event_id, "sentence": event.sentence,
        "event_type": event.event_type, "mode": event.mode, "context": ";".join(event.context),
        "cameo": event.cameo, "date": event.date, "date_precision": event.date_precision,
        "date_text": event.date_text, "factuality": event.factuality, "confidence": round(event.confidence, 3),
        "trigger_text": event.trigger.text, "trigger_start": event.trigger.start, "trigger_end": event.trigger.end,
        "sentence_text": event.sentence_text,
    }
    for role, actor in (("source", event.source), ("target", event.target)):
        for key in ("text", "name", "country", "sector", "code", "start", "end"):
            row[f"{role}_{key}"] = getattr(actor, key) if actor else None
    loc = event.location
    for key in ("name", "country", "lat", "lon", "geonameid", "text", "start", "end"):
        row[f"location_{key}"] = getattr(loc, key) if loc else None
    return {column: row[column] for column in CSV_COLUMNS}


def plover_entity(actor: Actor) -> dict[str, Any]:
    """An Actor as a PLOVER entity object (code = 3-letter country or entity code, sector, entity_text)."""
    entity: dict[str, Any] = {"code": actor.country, "sector": actor.sector, "entity_text": actor.text}
    if actor.name:
        entity["identifier_text"] = actor.name
    return entity


def plover_location(location: Location) -> dict[str, Any]:
    """A Location as a PLOVER location object (GeoNames field names, ISO 3166 alpha-3 country_code)."""
    out: dict[str, Any] = {
        "extracted_place": location.text,
        "resolved_place": location.name,
        "geonameid": location.geonameid,
        "lat": location.lat,
        "lon": location.lon,
        "country_code": location.country,
    }
    country = pycountry.countries.get(alpha_3=location.country) if location.country else None
    if country is not None:
        out["country"] = country.name
    return out


def plover_text_info(event: Event, document: Document | None) -> dict[str, Any]:
    """PLOVER textInfo: sentence number and the sentence's character offsets in the document (when known)."""
    info: dict[str, Any] = {"sequence": event.sentence, "start": None, "end": None}
    sentence = event.sentence_text.strip()
    if document is not None and sentence:
        # The sentence is the last occurrence of its text that starts at or before the trigger.
        start = document.text.rfind(sentence, 0, event.trigger.start + len(sentence))
        if start >= 0 and start + len(sentence) >= event.trigger.end:
            info["start"], info["end"] = start, start + len(sentence)
    return info


def to_plover(event: Event, document: Document | None = None) -> dict[str, Any]:
    """An Event as a PLOVER JSON record (manual's field names; sanderling's extras after them).

    `date` keeps the event's own precision as a reduced ISO 8601 date ("2012-03", "2012"), with the
    precision in the extra `date_precision` field, rather than inventing a day; negated and hypothetical
    events carry PLOVER's auxiliary modes ("negation", "hypothetical") in `context`.
    """
    context = list(event.context)
    auxiliary = AUXILIARY_CONTEXT.get(event.factuality)
    if auxiliary and auxiliary not in context:
        context.append(auxiliary)
    record: dict[str, Any] = {
        "id": event.event_id,
        "has_event": event.event_type is not None,  # a dictionary event PLOVER has no type for: CAMEO code only
        "date": event.date,
        "actor": [plover_entity(event.source)],
        "recipient": [plover_entity(event.target)] if event.target else [],
        "event": [event.event_type] if event.event_type is not None else [],
        "event_loc": plover_location(event.location) if event.location else None,
        "event_text": [event.trigger.text],
        "quad_code": QUAD_CODES.get(event.event_type),
        "mode": [event.mode] if event.mode else None,
        "context": context or None,
        "text": event.sentence_text.strip(),
        "text_info": plover_text_info(event, document),
        "coder": CODER_NAME,
    }
    cite: dict[str, Any] = {"coder": CODER_NAME, "codebook": CODEBOOK}
    if document is not None and document.url:
        cite["url"] = document.url
    if document is not None and document.title:
        cite["title"] = document.title
    record["cite_info"] = cite
    record.update({
        "doc_id": event.doc_id,
        "cameo": event.cameo,
        "date_precision": event.date_precision,
        "date_text": event.date_text,
        "factuality": event.factuality,
        "confidence": round(event.confidence, 3),
    })
    return record


def escape_surrogates(text: str) -> str:
    """`text` with each lone surrogate written as its escape ("\\ud800"): valid UTF-8, and valid JSON inside a
    JSON string, which reads back to the same Python string."""
    return LONE_SURROGATE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def to_json(record: dict[str, Any]) -> str:
    """One record as compact-spaced JSON, non-ASCII kept as is, lone surrogates escaped (see escape_surrogates)."""
    return escape_surrogates(json.dumps(record, ensure_ascii=False))


class JsonlWriter:
    """One `Event.to_dict()` per line: the native, lossless stream format (`Event.from_dict` reads it back)."""

    def __init__(self, stream: TextIO, record: Callable[[Event, Document | None], dict[str, Any]] | None = None):
        self.stream = stream
        self.record = record or (lambda event, _document: event.to_dict())

    def write(self, events: list[Event], document: Document | None = None) -> None:
        for event in events:
            self.stream.write(to_json(self.record(event, document)) + "\n")
        self.stream.flush()

    def close(self) -> None:
        self.stream.flush()


class JsonWriter:
    """One JSON array of `Event.to_dict()` records, streamed element by element."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.count = 0
        self.stream.write("[")

    def write(self, events: list[Event], document: Document | None = None) -> None:
        for event in events:
            self.stream.write(("," if self.count else "") + "\n  " + to_json(event.to_dict()))
            self.count += 1

    def close(self) -> None:
        self.stream.write("\n]\n" if self.count else "]\n")
        self.stream.flush()


class CsvWriter:
    """Flat rows with the CSV_COLUMNS header (written even when there are no events)."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS, lineterminator="\n")
        self.writer.writeheader()

    def write(self, events: list[Event], document: Document | None = None) -> None:
        for event in events:
            row = flatten(event)
            self.writer.writerow({k: escape_surrogates(v) if isinstance(v, str) else v for k, v in row.items()})

    def close(self) -> None:
        self.stream.flush()


class TableWriter:
    """A Rich table per document, for reading in a terminal (not for parsing)."""

    def __init__(self, stream: TextIO, width: int | None = None):
        self.console = Console(file=stream, width=width, soft_wrap=False)
        if width is None and not self.console.is_terminal:
            self.console.width = FILE_TABLE_WIDTH

    def write(self, events: list[Event], document: Document | None = None) -> None:
        title = f"{document.id}: {len(events)} events" if document is not None else f"{len(events)} events"
        table = Table(title=title, show_lines=True, title_justify="left")
        table.add_column("#", style="dim", no_wrap=True)
        table.add_column("sentence", ratio=3, overflow="fold")
        table.add_column("type / CAMEO", style="bold", no_wrap=True)
        table.add_column("source", ratio=1, overflow="fold")
        table.add_column("target", ratio=1, overflow="fold")
        table.add_column("date", no_wrap=True)
        table.add_column("location", ratio=1, overflow="fold")
        table.add_column("factuality", no_wrap=True)
        for event in events:
            kind = (event.event_type or "-") + (f" ({event.mode})" if event.mode else "") + f"\n{event.cameo or '-'}"
            when = f"{event.date or '-'}\n{event.date_precision}"
            where = "-"
            if event.location:
                where = event.location.name + (f" [{event.location.country}]" if event.location.country else "")
            sentence = _highlight(event)
            table.add_row(str(event.sentence), sentence, Text(kind), Text(actor_label(event.source)),
                          Text(actor_label(event.target)), when, Text(where), event.factuality)
        self.console.print(table)

    def close(self) -> None:
        self.console.file.flush()


def _highlight(event: Event) -> Text:
    """The sentence with its trigger underlined; long sentences are shortened around the trigger."""
    text = event.sentence_text.strip()
    at = text.find(event.trigger.text) if event.trigger.text else -1
    start = max(0, at - 70) if len(text) > 160 and at >= 0 else 0
    shown = text[start:start + 160]
    out = Text(("…" if start else "") + shown + ("…" if start + 160 < len(text) else ""))
    if at >= 0:
        offset = at - start + (1 if start else 0)
        out.stylize("bold underline", offset, offset + len(event.trigger.text))
    return out


FORMATS: dict[str, Callable[[TextIO], Writer]] = {
    "table": TableWriter,
    "jsonl": JsonlWriter,
    "json": JsonWriter,
    "csv": CsvWriter,
    "plover": lambda stream: JsonlWriter(stream, to_plover),
}


def open_writer(fmt: str, stream: TextIO) -> Writer:
    """The writer for a format name (see FORMATS); an unknown name is a SanderlingError listing the choices."""
    try:
        factory = FORMATS[fmt]
    except KeyError:
        raise SanderlingError(Errors.E105.format(value=fmt, choices=", ".join(FORMATS))) from None
    return factory(stream)


def write_events(events: Iterable[Event], fmt: str, stream: TextIO, document: Document | None = None) -> None:
    """Write one batch of events in one format and close the writer: the one-call form of open_writer."""
    writer = open_writer(fmt, stream)
    writer.write(list(events), document)
    writer.close()


class GuardedStream:
    """A text stream whose write errors (a full disk, a closed pipe) are the catalogue's one-line E110, and which
    writes what its encoding cannot hold (a lone surrogate) escaped instead of failing."""

    def __init__(self, stream: TextIO, name: str):
        self.stream = stream
        self.name = name

    def write(self, text: str) -> int:
        try:
            return self.stream.write(text)
        except UnicodeEncodeError:
            encoding = getattr(self.stream, "encoding", None) or "utf-8"
            return self.write(text.encode(encoding, "backslashreplace").decode(encoding))
        except OSError as err:
            raise self.error(err) from None

    def flush(self) -> None:
        try:
            self.stream.flush()
        except OSError as err:
            raise self.error(err) from None

    def error(self, err: OSError) -> OutputError:
        """E110 naming the output; standard output closed by its reader is ClosedPipe, and silenced for the exit."""
        message = Errors.E110.format(path=self.name, detail=err.strerror or err)
        if err.errno == errno.EPIPE and self.stream is sys.stdout:
            _silence_stdout()
            return ClosedPipe(message)
        return OutputError(message)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.stream, name)


def _silence_stdout() -> None:
    """Point standard output at /dev/null, so that Python's flush at exit does not fail again on a closed pipe."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


@contextmanager
def open_output(path: str | Path | None, inputs: Iterable[str | Path] = ()) -> Iterator[TextIO]:
    """Where a run writes its events: standard output for None, else `path` (UTF-8).

    The events go to a temporary file in the target's folder, renamed over `path` when the block ends without
    an exception: a run that fails leaves the previous file as it was, one killed outright leaves it and a
    hidden `.NAME.*.part` file. A device or pipe (/dev/null, a FIFO) is written directly. An output that is one
    of `inputs` is refused before anything is opened (E112); write errors are E110.
    """
    if path is None:
        stdout = GuardedStream(sys.stdout, "standard output")
        yield stdout  # type: ignore[misc]
        stdout.flush()
        return
    path = Path(path)
    refuse_inputs(path, inputs)
    if path.exists() and not path.is_file() and not path.is_dir():
        with _open_direct(path) as stream:
            yield stream
        return
    with _replacing(path) as stream:
        yield stream


def refuse_inputs(path: Path, inputs: Iterable[str | Path]) -> None:
    """E112 when `path` is one of the inputs (the same file by any name, link or folder route)."""
    for source in inputs:
        if str(source) not in ("-", "") and _same_file(path, Path(source)):
            raise OutputError(Errors.E112.format(output=str(path), input=str(source)))


def _same_file(a: Path, b: Path) -> bool:
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return a.resolve() == b.resolve()


@contextmanager
def _open_direct(path: Path) -> Iterator[TextIO]:
    try:
        raw = path.open("w", encoding="utf-8", newline="")
    except OSError as err:
        raise OutputError(Errors.E110.format(path=str(path), detail=err.strerror or err)) from None
    try:
        yield GuardedStream(raw, str(path))  # type: ignore[misc]
    except BaseException:
        _close_quietly(raw)
        raise
    _close(raw, str(path))


@contextmanager
def _replacing(path: Path) -> Iterator[TextIO]:
    """A temporary file beside `path` (a symlink's target), renamed over it when the block ends well."""
    if path.is_dir():
        raise OutputError(Errors.E110.format(path=str(path), detail="it is a folder"))
    target = path.resolve()
    try:
        fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".part")
    except OSError as err:
        raise OutputError(Errors.E110.format(path=str(path), detail=err.strerror or err)) from None
    os.chmod(temporary, _mode(target))
    raw = open(fd, "w", encoding="utf-8", newline="")
    try:
        yield GuardedStream(raw, str(path))  # type: ignore[misc]
        _close(raw, str(path), sync=True)
        os.replace(temporary, target)
    except BaseException:
        _close_quietly(raw)
        Path(temporary).unlink(missing_ok=True)
        raise


def _mode(target: Path) -> int:
    """The permissions the output gets: the previous file's, else what a new file gets under the umask."""
    try:
        return stat.S_IMODE(target.stat().st_mode)
    except OSError:
        umask = os.umask(0o022)
        os.umask(umask)
        return 0o666 & ~umask


def _close_quietly(raw: TextIO) -> None:
    """Close an output after a failure; the error already being raised says what went wrong."""
    try:
        raw.close()
    except OSError:
        pass


def _close(raw: TextIO, name: str, sync: bool = False) -> None:
    """Close an output file (first flushed to disk with `sync`, before it is renamed into place); the last flush
    can fail (a full disk), which is E110 too."""
    try:
        if sync:
            raw.flush()
            os.fsync(raw.fileno())
        raw.close()
    except OSError as err:
        raise OutputError(Errors.E110.format(path=name, detail=err.strerror or err)) from None
