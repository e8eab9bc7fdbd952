"""Reading input: one text file (or stdin) as a Document, or a JSONL file of records as Documents.

Text arrives as bytes so that the usual accidents (a PDF or a zip passed by mistake, Latin-1 files, a BOM
from Windows editors) get a message that says what is wrong and where, instead of a UnicodeDecodeError.
A JSONL run never stops at a bad line: the line is yielded as a `Skipped` record and reading goes on.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Callable, Iterator
from contextlib import nullcontext
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import BinaryIO, cast

from .errors import DateError, Errors, InputError
from .model import Document
from .temporal import parse_pub_date

BOM = b"\xef\xbb\xbf"
UTF16_BOMS = (b"\xff\xfe", b"\xfe\xff")
SNIFF_BYTES = 8192
MAX_CONTROL_RATIO = 0.05
# Control bytes that plain text legitimately contains: tab, newline, vertical tab, form feed, carriage return, escape.
TEXT_CONTROLS = frozenset(b"\t\n\x0b\x0c\r\x1b")
# Leading bytes of common binary formats, so that the message can name what was passed.
SIGNATURES = (
    (b"%PDF-", "a PDF file"),
    (b"PK\x03\x04", "a zip archive (docx, xlsx, odt...)"),
    (b"\x1f\x8b", "a gzip file"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
STDIN_NAMES = ("-", "")
# In text that is UTF-16 without a byte order mark, every other byte is NUL: this share of the sniffed bytes at
# least, nearly all at odd offsets (little-endian) or at even ones (big-endian).
UTF16_MIN_NUL_SHARE = 0.3
UTF16_SIDE_SHARE = 0.95
# Characters that would break a one-line message: control characters and lone surrogates, shown escaped.
UNPRINTABLE = re.compile("[\x00-\x1f\x7f\ud800-\udfff]")
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
# The string fields of a record that are copied to the output.
STRING_FIELDS = ("id", "text", "title", "url")

log = logging.getLogger(__name__)


@dataclass
class Skipped:
    """A JSONL line that could not become a Document: where it is and why, for the run's report."""

    file: str
    line: int
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        who = f" (id={printable(self.id)})" if self.id is not None else ""
        return f"{printable(self.file)}:{self.line}{who}: {printable(self.reason)}"


def printable(value: str) -> str:
    """`value` on one line, with control characters and lone surrogates escaped (\\n, \\ud800), for messages."""
    return UNPRINTABLE.sub(lambda m: ascii(m.group())[1:-1], value)


def utf16_order(data: bytes) -> str | None:
    """"little-endian" or "big-endian" when `data` looks like UTF-16 text without a byte order mark, else None."""
    head = data[:SNIFF_BYTES]
    nuls = [i for i, b in enumerate(head) if b == 0]
    if len(head) < 4 or len(nuls) < UTF16_MIN_NUL_SHARE * len(head):
        return None
    odd = sum(i % 2 for i in nuls) / len(nuls)
    if odd >= UTF16_SIDE_SHARE:
        return "little-endian"
    if odd <= 1 - UTF16_SIDE_SHARE:
        return "big-endian"
    return None


def not_text(data: bytes) -> InputError | None:
    """The error for data that is not UTF-8 text as a whole (UTF-16, binary), from its first bytes; else None."""
    if data.startswith(UTF16_BOMS):
        return InputError(Errors.E111.format(bom=data[:2].hex()))
    order = utf16_order(data)
    if order is not None:
        return InputError(Errors.E113.format(order=order, codec="utf-16le" if order == "little-endian" else "utf-16be"))
    reason = binary_reason(data)
    return InputError(Errors.E003.format(detail=reason)) if reason else None


def binary_reason(data: bytes) -> str | None:
    """Say why `data` looks like a binary file rather than text, or None if it looks like text."""
    for magic, kind in SIGNATURES:
        if data.startswith(magic):
            return f"it starts like {kind}"
    nul = data.find(b"\x00")
    if nul >= 0:
        return f"it contains NUL bytes (the first at byte offset {nul})"
    head = data[:SNIFF_BYTES]
    if head:
        controls = sum(1 for b in head if b < 0x20 and b not in TEXT_CONTROLS)
        if controls / len(head) > MAX_CONTROL_RATIO:
            return f"{controls} of its first {len(head)} bytes are control characters"
    return None


def decode(data: bytes) -> str:
    """Bytes → text: strip a UTF-8 BOM, refuse binary data (E003) and invalid UTF-8 (E004, with the offset)."""
    if data.startswith(BOM):
        data = data[len(BOM):]
    problem = not_text(data)
    if problem is not None:
        raise problem
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data.count(b"\n", 0, err.start) + 1
        bad = data[err.start:err.end].hex(" ")
        detail = f"byte 0x{bad} at byte offset {err.start}, line {line}"
        raise InputError(Errors.E004.format(detail=detail)) from None


def read_bytes(source: str | Path) -> bytes:
    """Read a file, or stdin for "-"; a missing or unreadable file is an InputError naming it."""
    if str(source) in STDIN_NAMES:
        return sys.stdin.buffer.read()
    path = Path(source)
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise InputError(Errors.E101.format(path=str(path))) from None
    except IsADirectoryError:
        raise InputError(Errors.E102.format(path=str(path))) from None
    except OSError as err:
        raise InputError(Errors.E103.format(path=str(path), detail=err.strerror or err)) from None


def source_name(source: str | Path) -> str:
    """The name used in messages and as the default document id: the file name, or "stdin"."""
    return "stdin" if str(source) in STDIN_NAMES else str(source)


def read_document(source: str | Path, date: str | Date | None = None, doc_id: str | None = None) -> Document:
    """One text file (or stdin for "-") as a Document; the id defaults to the file's stem.

    Raises InputError (binary, invalid UTF-8, unreadable) and DateError (bad `date`).
    """
    text = decode(read_bytes(source))
    if doc_id is None:
        doc_id = "stdin" if str(source) in STDIN_NAMES else Path(source).stem
    return Document(text=text, id=doc_id, date=parse_pub_date(date))


def read_jsonl(source: str | Path, default_date: Date | None = None) -> Iterator[Document | Skipped]:
    """Documents from a JSONL file (stdin for "-"); a bad line is yielded as Skipped, never raised."""
    return (item for _, item in read_jsonl_numbered(source, default_date))


def read_jsonl_numbered(
    source: str | Path, default_date: Date | None = None, warn: Callable[[str], object] | None = None
) -> Iterator[tuple[int, Document | Skipped]]:
    """Like `read_jsonl`, with each item's 1-based line number (to report problems found later, e.g. in coding).

    Each line is `{"id", "text", "date"?, "url"?, "title"?}`; a missing id becomes "<file stem>:<line>";
    a record without "date" gets `default_date`. Blank lines are not records and are passed over. A repeated
    id is made unique ("a", "a#2", "a#3"...) so that event ids never collide; `warn` (default: a logging
    warning) is told once per repeated id. The file is opened and its first bytes checked at once: a missing,
    unreadable, binary or UTF-16 file raises InputError here, before any record is read.
    """
    name = source_name(source)
    stem = "stdin" if str(source) in STDIN_NAMES else Path(source).stem
    handle = open_jsonl(source)
    return _records(handle, name, stem, default_date, warn or log.warning)


def open_jsonl(source: str | Path) -> BinaryIO:
    """The JSONL file (or stdin) opened for reading, once it is known to be a readable file of text."""
    name = source_name(source)
    if str(source) in STDIN_NAMES:
        handle = sys.stdin.buffer
    else:
        path = Path(source)
        if not path.exists():
            raise InputError(Errors.E101.format(path=name))
        if path.is_dir():
            raise InputError(Errors.E102.format(path=name))
        try:
            handle = path.open("rb")
        except OSError as err:
            raise InputError(Errors.E103.format(path=name, detail=err.strerror or err)) from None
    peek = getattr(handle, "peek", None)
    try:
        head = peek(SNIFF_BYTES)[:SNIFF_BYTES] if peek is not None else b""
    except OSError as err:
        raise InputError(Errors.E103.format(path=name, detail=err.strerror or err)) from None
    problem = not_text(head[len(BOM):] if head.startswith(BOM) else head)
    if problem is not None:
        if handle is not sys.stdin.buffer:
            handle.close()
        raise problem
    return cast(BinaryIO, handle)


def _records(
    handle: BinaryIO, name: str, stem: str, default_date: Date | None, warn: Callable[[str], object]
) -> Iterator[tuple[int, Document | Skipped]]:
    ids = UniqueIds(name, warn)
    with nullcontext() if handle is sys.stdin.buffer else handle:
        for number, raw in _lines(handle, name):
            if number == 1 and raw.startswith(BOM):
                raw = raw[len(BOM):]
            if not raw.strip():
                continue
            try:
                document = parse_record(raw, f"{stem}:{number}", default_date)
            except InputError as err:
                yield number, Skipped(file=name, line=number, reason=err.reason, id=err.doc_id)
            except Exception as err:  # a line must never stop the run, whatever is in it
                reason = Errors.E021.format(detail=f"{type(err).__name__}: {err}")
                yield number, Skipped(file=name, line=number, reason=reason)
            else:
                yield number, ids.unique(document, number)


def _lines(handle: BinaryIO, name: str) -> Iterator[tuple[int, bytes]]:
    """Numbered lines; a read error mid-file is an InputError naming the file."""
    try:
        yield from enumerate(handle, start=1)
    except OSError as err:
        raise InputError(Errors.E103.format(path=name, detail=err.strerror or err)) from None


class UniqueIds:
    """Makes repeated record ids unique ("a", "a#2", "a#3"...), warning once per repeated id with both lines."""

    def __init__(self, name: str, warn: Callable[[str], object]):
        self.name = name
        self.warn = warn
        self.first_line: dict[str, int] = {}
        self.next_suffix: dict[str, int] = {}

    def unique(self, document: Document, number: int) -> Document:
        first = self.first_line.get(document.id)
        if first is None:
            self.first_line[document.id] = number
            return document
        suffix = self.next_suffix.get(document.id, 2)
        while f"{document.id}#{suffix}" in self.first_line:
            suffix += 1
        new_id = f"{document.id}#{suffix}"
        if document.id not in self.next_suffix:
            self.warn(f"{printable(self.name)}:{number} (id={printable(document.id)}): "
                      + Errors.E114.format(id=printable(document.id), line=first, new=printable(new_id)))
        self.next_suffix[document.id] = suffix + 1
        self.first_line[new_id] = number
        document.id = new_id
        return document


def parse_record(raw: bytes, fallback_id: str, default_date: Date | None = None) -> Document:
    """One JSONL line → Document; raises InputError (with the record's id when known) saying what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        detail = f"byte 0x{raw[err.start:err.end].hex(' ')} at byte offset {err.start} of the line"
        raise InputError(Errors.E004.format(detail=detail)) from None
    record = _load(line)
    if not isinstance(record, dict):
        raise InputError(Errors.E008.format(kind=_json_kind(record)))
    doc_id = _record_id(record, fallback_id)
    if "text" not in record:
        raise InputError(Errors.E006.format(field="text", found=", ".join(map(repr, record)) or "none"),
                         doc_id=doc_id)
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(Errors.E104.format(kind=_json_kind(text)), doc_id=doc_id)
    if not text.strip():
        raise InputError(Errors.E002 if text else Errors.E001, doc_id=doc_id)
    if "\x00" in text:
        raise InputError(Errors.E003.format(detail="its text contains NUL characters"), doc_id=doc_id)
    _check_strings(record, doc_id)
    value = record.get("date")
    if isinstance(value, (dict, list)):
        raise InputError(Errors.E020.format(field="date", kind=_json_kind(value)), doc_id=doc_id)
    if value is not None and not isinstance(value, str):
        raise InputError(Errors.E007.format(value=value), doc_id=doc_id)
    try:
        date = parse_pub_date(value) if value else default_date
    except DateError as err:
        raise InputError(str(err), doc_id=doc_id) from None
    return Document(text=text, id=doc_id, date=date, url=_optional_str(record, "url", doc_id),
                    title=_optional_str(record, "title", doc_id))


def _load(line: str) -> object:
    """json.loads with every failure (syntax, nesting too deep, a number too long) as an InputError."""
    try:
        return json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(Errors.E005.format(detail=f"{err.msg} at column {err.colno}")) from None
    except RecursionError as err:
        raise InputError(Errors.E019.format(detail=str(err))) from None
    except ValueError as err:
        raise InputError(Errors.E005.format(detail=str(err))) from None


def _record_id(record: dict, fallback_id: str) -> str:
    """The record's "id" as a string (a number is written out); missing or empty: the fallback."""
    doc_id = record.get("id")
    if doc_id is None or doc_id == "":
        return fallback_id
    if isinstance(doc_id, (dict, list)):
        raise InputError(Errors.E020.format(field="id", kind=_json_kind(doc_id)))
    return str(doc_id)


def _check_strings(record: dict, doc_id: str) -> None:
    """Refuse a lone surrogate (from an escape such as "\\ud800") in a field that is parsed or written out."""
    for name in STRING_FIELDS:
        value = record.get(name)
        found = LONE_SURROGATE.search(value) if isinstance(value, str) else None
        if found:
            raise InputError(Errors.E015.format(field=f'"{name}"', char=ascii(found.group())[1:-1],
                                                offset=found.start()), doc_id=doc_id)


def _optional_str(record: dict, field: str, doc_id: str) -> str | None:
    """An optional string field ("url", "title"); a number is written out, an array or object refused."""
    value = record.get(field)
    if isinstance(value, (dict, list)):
        raise InputError(Errors.E020.format(field=field, kind=_json_kind(value)), doc_id=doc_id)
    return None if value is None else str(value)


def _json_kind(value: object) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number", type(None): "null",
             dict: "object"}
    return kinds.get(type(value), type(value).__name__)
