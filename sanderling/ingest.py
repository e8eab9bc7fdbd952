"""Reading input: one text file (or stdin) as a Document, or a JSONL file of records as Documents.

Text arrives as bytes so that the usual accidents (a PDF or a zip passed by mistake, Latin-1 files, a BOM
from Windows editors) get a message that says what is wrong and where, instead of a UnicodeDecodeError.
A JSONL run never stops at a bad line: the line is yielded as a `Skipped` record and reading goes on.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import BinaryIO

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


@dataclass
class Skipped:
    """A JSONL line that could not become a Document: where it is and why, for the run's report."""

    file: str
    line: int
    reason: str
    id: str | None = None

    def __str__(self) -> str:
        who = f" (id={self.id})" if self.id is not None else ""
        return f"{self.file}:{self.line}{who}: {self.reason}"


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
    if data.startswith(UTF16_BOMS):
        raise InputError(Errors.E111.format(bom=data[:2].hex()))
    reason = binary_reason(data)
    if reason:
        raise InputError(Errors.E003.format(detail=reason))
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
    for _, item in read_jsonl_numbered(source, default_date):
        yield item


def read_jsonl_numbered(
    source: str | Path, default_date: Date | None = None
) -> Iterator[tuple[int, Document | Skipped]]:
    """Like `read_jsonl`, with each item's 1-based line number (to report problems found later, e.g. in coding).

    Each line is `{"id", "text", "date"?, "url"?, "title"?}`; a missing id becomes "<file stem>:<line>";
    a record without "date" gets `default_date`. Blank lines are not records and are passed over.
    Raises InputError only if the file itself cannot be opened.
    """
    name = source_name(source)
    stem = "stdin" if str(source) in STDIN_NAMES else Path(source).stem
    if str(source) in STDIN_NAMES:
        yield from _records(sys.stdin.buffer, name, stem, default_date)
        return
    path = Path(source)
    if not path.exists():
        raise InputError(Errors.E101.format(path=name))
    if path.is_dir():
        raise InputError(Errors.E102.format(path=name))
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputError(Errors.E103.format(path=name, detail=err.strerror or err)) from None
    with handle:
        yield from _records(handle, name, stem, default_date)


def _records(
    handle: BinaryIO, name: str, stem: str, default_date: Date | None
) -> Iterator[tuple[int, Document | Skipped]]:
    for number, raw in enumerate(handle, start=1):
        if number == 1 and raw.startswith(BOM):
            raw = raw[len(BOM):]
        if not raw.strip():
            continue
        try:
            yield number, parse_record(raw, f"{stem}:{number}", default_date)
        except InputError as err:
            yield number, Skipped(file=name, line=number, reason=err.reason, id=err.doc_id)


def parse_record(raw: bytes, fallback_id: str, default_date: Date | None = None) -> Document:
    """One JSONL line → Document; raises InputError (with the record's id when known) saying what is wrong."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        detail = f"byte 0x{raw[err.start:err.end].hex(' ')} at byte offset {err.start} of the line"
        raise InputError(Errors.E004.format(detail=detail)) from None
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(Errors.E005.format(detail=f"{err.msg} at column {err.colno}")) from None
    if not isinstance(record, dict):
        raise InputError(Errors.E008.format(kind=_json_kind(record)))
    doc_id = record.get("id")
    doc_id = fallback_id if doc_id is None or doc_id == "" else str(doc_id)
    text = record.get("text")
    if "text" not in record:
        raise InputError(Errors.E006.format(field="text", found=", ".join(map(repr, record)) or "none"),
                         doc_id=doc_id)
    if not isinstance(text, str):
        raise InputError(Errors.E104.format(kind=_json_kind(text)), doc_id=doc_id)
    if not text.strip():
        raise InputError(Errors.E002 if text else Errors.E001, doc_id=doc_id)
    if "\x00" in text:
        raise InputError(Errors.E003.format(detail="its text contains NUL characters"), doc_id=doc_id)
    value = record.get("date")
    if value is not None and not isinstance(value, str):
        raise InputError(Errors.E007.format(value=value), doc_id=doc_id)
    try:
        date = parse_pub_date(value) if value else default_date
    except DateError as err:
        raise InputError(str(err), doc_id=doc_id) from None
    return Document(text=text, id=doc_id, date=date, url=_optional_str(record.get("url")),
                    title=_optional_str(record.get("title")))


def _optional_str(value: object) -> str | None:
    return None if value is None else str(value)


def _json_kind(value: object) -> str:
    kinds = {list: "array", str: "string", bool: "boolean", int: "number", float: "number", type(None): "null",
             dict: "object"}
    return kinds.get(type(value), type(value).__name__)
