"""Corpus inputs → documents: files, folders and globs of text, JSONL (plain or gzip), HTML pages and WARC archives.

Archives are messy: a download cut short, a crawl record whose body is broken, a page with no article on it.
None of these stops a run: each becomes a `Skipped` with where it is and why, and every good document is still
read. Each document gets an id that does not change between runs (the record's own id, else a hash of its
text), so a re-run can tell what it has already coded. Files are streamed: a WARC is never held in memory.
"""

from __future__ import annotations

import codecs
import gzip
import hashlib
import logging
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date as Date
from email.message import Message
from glob import glob
from pathlib import Path
from typing import BinaryIO

from trafilatura import bare_extraction
from trafilatura.settings import DEFAULT_CONFIG
from trafilatura.settings import Document as Extracted
from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataReader
from warcio.recordloader import ArcWarcRecord

from ..errors import DateError, Errors, InputError
from ..ingest import (BOM, SNIFF_BYTES, UTF16_BOMS, Skipped, UniqueIds, binary_reason, decode, not_text,
                      open_jsonl, parse_record, read_bytes)
from ..model import Document
from ..temporal import parse_pub_date

# Longest first, so that "a.jsonl.gz" is JSONL and not some ".gz".
SUFFIXES = {".jsonl.gz": "jsonl", ".warc.gz": "warc", ".jsonl": "jsonl", ".warc": "warc", ".txt": "txt",
            ".html": "html", ".htm": "html"}
SUFFIX_LIST = ".txt, .jsonl, .jsonl.gz, .html, .htm, .warc, .warc.gz"
GLOB_CHARS = frozenset("*?[")
GZIP_MAGIC = b"\x1f\x8b"
HASH_PREFIX = "sha1-"
HASH_HEX = 16
# Passed to parse_record as the fallback id, to learn that a record has no id of its own (a JSON id cannot be
# this without a NUL escape, which no real id holds).
NO_ID = "\x00no id"
# trafilatura's own cap on an HTML page; larger pages are left out rather than parsed into a huge tree.
MAX_HTML_BYTES = DEFAULT_CONFIG.getint("DEFAULT", "MAX_FILE_SIZE")
# Publication date from the page's metadata and URL only: htmldate's extensive search guesses from any date in
# the text ("Copyright 2022" → 2022-01-01), and a wrong date misplaces every relative date in the article.
DATE_PARAMS = {"original_date": True, "extensive_search": False}
HTML_TYPES = ("text/html", "application/xhtml+xml")
COMPRESSED_ENCODINGS = {"gzip": 47, "x-gzip": 47, "deflate": 47}  # zlib wbits: 32 + 15 reads gzip and zlib headers
DRAIN_BYTES = 1 << 16
# What reading a damaged gzip file raises: EOFError when it is cut short, BadGzipFile (an OSError) or zlib.error
# when it is corrupt.
DAMAGE = (OSError, EOFError, zlib.error)

log = logging.getLogger(__name__)


@dataclass
class Source:
    """One input document with where it came from."""

    document: Document
    origin: str
    urls: list[str] = field(default_factory=list)


class BrokenBody(Exception):
    """An HTTP body whose encoding cannot be undone; becomes a skipped record."""


class Damaged(Exception):
    """A compressed file that ends early or is corrupt, raised past warcio (which takes EOFError for a clean end)."""


def normalise(text: str) -> str:
    """Text with whitespace runs collapsed to one space and the ends stripped: what the content hash is of."""
    return " ".join(text.split())


def content_id(text: str) -> str:
    """The id of a document without one: "sha1-" and 16 hex digits of its normalised text, the same on every run."""
    digest = hashlib.sha1(normalise(text).encode("utf-8", "surrogatepass")).hexdigest()
    return HASH_PREFIX + digest[:HASH_HEX]


def input_kind(path: Path) -> str | None:
    """"txt", "jsonl", "html" or "warc" from the file name's suffix (any case); None for another file."""
    name = path.name.lower()
    return next((kind for suffix, kind in SUFFIXES.items() if name.endswith(suffix)), None)


def expand_inputs(specs: Sequence[str | Path]) -> list[Path]:
    """Files, directories (recursively: files with a known suffix, sorted) and globs, in order, each file once.

    Raises InputError (E301) when a spec matches nothing, E302 for a file named explicitly with an unknown suffix:
    both are found before a long run starts rather than after it.
    """
    found: dict[Path, Path] = {}
    for spec in specs:
        paths = _expand(spec)
        if not paths:
            raise InputError(Errors.E301.format(spec=str(spec), suffixes=SUFFIX_LIST))
        for path in paths:
            found.setdefault(path.resolve(), path)
    return list(found.values())


def _expand(spec: str | Path) -> list[Path]:
    path = Path(spec)
    if path.is_dir():
        return _walk(path)
    if path.exists():
        if input_kind(path) is None:
            raise InputError(Errors.E302.format(path=str(path), suffixes=SUFFIX_LIST))
        return [path]
    if GLOB_CHARS.isdisjoint(str(spec)):
        return []
    paths: list[Path] = []
    for match in sorted(glob(str(spec), recursive=True)):
        found = Path(match)
        paths.extend(_walk(found) if found.is_dir() else [found] if input_kind(found) else [])
    return paths


def _walk(folder: Path) -> list[Path]:
    """The files under `folder` (recursively) that have a known suffix, sorted."""
    return sorted(p for p in folder.rglob("*") if input_kind(p) is not None and p.is_file())


def read_sources(paths: Iterable[Path], default_date: Date | None = None) -> Iterator[Source | Skipped]:
    """Documents (or skipped records) from each file, by suffix; never raises for a bad record or file.

    .txt: one document dated `default_date`. .jsonl / .jsonl.gz: one record per line (id, text, date, url, title).
    .html / .htm: the article's text, title, publication date and URL (trafilatura). .warc / .warc.gz: HTTP 200
    responses with an HTML content type, as HTML pages; other records are passed over. A date found in the page
    wins; then the WARC record's date; then `default_date`. A record or file that cannot be read is a
    Skipped(file, line or record number (0: the whole file), reason, id). A JSONL id repeated in one file is made
    unique ("a#2"), as in sanderling.ingest; documents without an id of their own and with the same normalised
    text get the same id, wherever they are: they are one document.
    """
    readers = {"txt": _read_txt, "jsonl": _read_jsonl, "html": _read_html, "warc": _read_warc}
    for path in paths:
        path = Path(path)
        kind = input_kind(path)
        if kind is None:
            yield _file_skip(path, Errors.E302.format(path=str(path), suffixes=SUFFIX_LIST))
            continue
        yield from _guarded(readers[kind](path, default_date), path)


def _guarded(items: Iterator[Source | Skipped], path: Path) -> Iterator[Source | Skipped]:
    """The reader's items; whatever it raises ends that file with one Skipped, never the run."""
    try:
        yield from items
    except InputError as err:
        yield _file_skip(path, err.reason, err.doc_id)
    except Exception as err:  # a file must never stop the run, whatever is in it
        yield _file_skip(path, Errors.E308.format(detail=f"{type(err).__name__}: {err}"))


def _file_skip(path: Path, reason: str, doc_id: str | None = None) -> Skipped:
    return Skipped(file=str(path), line=0, reason=reason, id=doc_id)


def _read_txt(path: Path, default_date: Date | None) -> Iterator[Source | Skipped]:
    """The whole file as one document (UTF-8 text; binary, UTF-16 and other encodings are skipped with why)."""
    try:
        text = decode(read_bytes(path))
    except InputError as err:
        yield _file_skip(path, err.reason)
        return
    if not text.strip():
        yield _file_skip(path, Errors.E002 if text else Errors.E001)
        return
    yield Source(Document(text=text, id=content_id(text), date=default_date), origin=str(path), urls=[])


def _read_jsonl(path: Path, default_date: Date | None) -> Iterator[Source | Skipped]:
    """One document per line; the lines before a damaged part of a gzip file are read, then one Skipped."""
    name = str(path)
    try:
        handle = _open_jsonl(path)
    except InputError as err:
        yield _file_skip(path, err.reason)
        return
    except DAMAGE as err:
        yield Skipped(file=name, line=1, reason=_damage(0, "lines", err))
        return
    ids = UniqueIds(name, log.warning)
    number = 0
    with handle:
        try:
            for number, raw in enumerate(handle, start=1):
                item = _jsonl_item(raw, number, name, default_date, ids)
                if item is not None:
                    yield item
        except DAMAGE as err:
            yield Skipped(file=name, line=number + 1, reason=_damage(number, "lines", err))


def _open_jsonl(path: Path) -> BinaryIO:
    """The JSONL file opened for reading lines, through gzip when it is compressed (known by its first bytes)."""
    if not _is_gzip(path):
        return open_jsonl(path)
    handle = gzip.open(path, "rb")
    try:
        head = handle.peek(SNIFF_BYTES)[:SNIFF_BYTES]
        problem = not_text(head[len(BOM):] if head.startswith(BOM) else head)
    except DAMAGE:
        handle.close()
        raise
    if problem is not None:
        handle.close()
        raise problem
    return handle  # type: ignore[return-value]


def _is_gzip(path: Path) -> bool:
    """Whether the file starts like gzip (a missing or unreadable file raises the InputError that names it)."""
    try:
        with path.open("rb") as handle:
            return handle.read(len(GZIP_MAGIC)) == GZIP_MAGIC
    except FileNotFoundError:
        raise InputError(Errors.E101.format(path=str(path))) from None
    except OSError as err:
        raise InputError(Errors.E103.format(path=str(path), detail=err.strerror or err)) from None


def _jsonl_item(raw: bytes, number: int, name: str, default_date: Date | None,
                ids: UniqueIds) -> Source | Skipped | None:
    """One line as a Source (or Skipped with why); None for a blank line."""
    if number == 1 and raw.startswith(BOM):
        raw = raw[len(BOM):]
    if not raw.strip():
        return None
    try:
        document = parse_record(raw, NO_ID, default_date)
    except InputError as err:
        return Skipped(file=name, line=number, reason=err.reason, id=None if err.doc_id == NO_ID else err.doc_id)
    except Exception as err:  # a line must never stop the run, whatever is in it
        return Skipped(file=name, line=number, reason=Errors.E021.format(detail=f"{type(err).__name__}: {err}"))
    if document.id == NO_ID:
        document.id = content_id(document.text)
    else:
        document = ids.unique(document, number)
    return Source(document, origin=f"{name}:{number}", urls=[document.url] if document.url else [])


def _damage(count: int, unit: str, err: BaseException) -> str:
    """The reason for a file that cannot be read past `count` complete lines or records."""
    detail = str(err) if isinstance(err, Damaged) else f"{type(err).__name__}: {err}"
    return Errors.E304.format(count=count, unit=unit, detail=detail)


def _read_html(path: Path, default_date: Date | None) -> Iterator[Source | Skipped]:
    """One HTML page as its article's text, title, publication date and URL."""
    try:
        source = html_source(_read_page(path), str(path), default_date)
    except InputError as err:
        yield _file_skip(path, err.reason)
    else:
        yield source


def _read_page(path: Path) -> bytes:
    """The page's bytes; InputError when the file is missing, unreadable or too large for an article page."""
    try:
        too_large = path.stat().st_size > MAX_HTML_BYTES
    except OSError:
        too_large = False  # read_bytes says what is wrong with it
    if too_large:
        raise InputError(Errors.E306.format(limit=MAX_HTML_BYTES))
    return read_bytes(path)


def html_source(data: bytes, origin: str, fallback_date: Date | None, url: str | None = None,
                charset: str | None = None) -> Source:
    """An HTML page (bytes) as a Source: its article text (id: the text's hash), title, date and URL(s).

    The page's own publication date wins over `fallback_date`; `url` (where the page was fetched) is the
    document's URL, the page's canonical URL is kept beside it. Raises InputError (binary data, no article text,
    extraction failure) with the reason.
    """
    extracted = _extract(_html_text(data, charset), url)
    text = (extracted.text or "").strip() if extracted is not None else ""
    if not text:
        raise InputError(Errors.E303)
    urls = list(dict.fromkeys(u for u in (url, extracted.url) if u))
    document = Document(text=text, id=content_id(text), date=_page_date(extracted.date) or fallback_date,
                        url=urls[0] if urls else None, title=extracted.title or None)
    return Source(document, origin=origin, urls=urls)


def _extract(html: str | bytes, url: str | None) -> Extracted | None:
    """trafilatura's main text and metadata; its failures are an InputError with the reason.

    favor_precision: on a front page or an index the default keeps the list of headlines as if it were an
    article, and each headline would be coded as an event; precision leaves such pages without article text.
    """
    try:
        return bare_extraction(html, url=url, with_metadata=True, favor_precision=True,
                               date_extraction_params=dict(DATE_PARAMS))
    except Exception as err:  # trafilatura raises many kinds for odd pages; the page is skipped, the run goes on
        raise InputError(Errors.E307.format(detail=f"{type(err).__name__}: {err}")) from None


def _page_date(value: str | None) -> Date | None:
    try:
        return parse_pub_date(value)
    except DateError:
        return None


def _html_text(data: bytes, charset: str | None) -> str | bytes:
    """The page as text: by its byte order mark, as valid UTF-8, or in the charset of its HTTP header; else the
    bytes, for trafilatura (charset_normalizer reads a <meta> charset, else guesses). Binary data (a PDF, an
    image) is an InputError."""
    if data.startswith(codecs.BOM_UTF8):
        return data.decode("utf-8", "replace")[1:]
    if data.startswith(UTF16_BOMS):
        return data.decode("utf-16", "replace")
    if data.startswith(GZIP_MAGIC):
        return data
    reason = binary_reason(data[:SNIFF_BYTES])
    if reason:
        raise InputError(Errors.E003.format(detail=reason))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    text = _decode_as(data, charset)
    return data if text is None else text


def _decode_as(data: bytes, charset: str | None) -> str | None:
    """`data` decoded with a declared charset (ISO-8859-1 read as windows-1252, as browsers do); None if it fails."""
    if not charset:
        return None
    try:
        codec = codecs.lookup(charset).name
    except LookupError:
        return None
    for name in (("cp1252", codec) if codec == "iso8859-1" else (codec,)):
        try:
            return data.decode(name)
        except UnicodeDecodeError:
            continue
    return None


def _read_warc(path: Path, default_date: Date | None) -> Iterator[Source | Skipped]:
    """Articles from a WARC file's HTML responses; a damaged or truncated file yields what came before it and one
    Skipped at the damage."""
    name = str(path)
    try:
        stream = _open_warc(path)
    except InputError as err:
        yield _file_skip(path, err.reason)
        return
    done = 0
    with stream:
        try:
            for number, record in enumerate(ArchiveIterator(stream), start=1):
                item = _warc_item(record, name, number, default_date)
                if _cut_short(record):
                    yield Skipped(file=name, line=number, reason=_damage(done, "records", Damaged(
                        "the file ends inside the next record")))
                    return
                if item is not None:
                    yield item
                done = number
        except Exception as err:  # warcio and gzip raise many kinds at a damaged place: stop there, keep the rest
            yield Skipped(file=name, line=done + 1, reason=_damage(done, "records", err))


def _open_warc(path: Path) -> BinaryIO:
    """The WARC file opened for streaming, through gzip when it is compressed (known by its first bytes)."""
    if not _is_gzip(path):
        return path.open("rb")
    return _StrictGzip(gzip.open(path, "rb"))  # type: ignore[return-value]


class _StrictGzip:
    """A gzip stream for warcio whose damage raises `Damaged`: warcio would take gzip's EOFError for a clean end
    and silently drop the records after a cut. `read` hands over what is decompressed so far (read1), so the
    records before the damage are read even when it lies within one read's worth of data."""

    def __init__(self, stream: gzip.GzipFile):
        self.stream = stream

    def read(self, size: int = -1) -> bytes:
        try:
            return self.stream.read1(size)
        except DAMAGE as err:
            raise Damaged(f"{type(err).__name__}: {err}") from err

    def tell(self) -> int:
        return self.stream.tell()

    def close(self) -> None:
        self.stream.close()

    def __enter__(self) -> _StrictGzip:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _warc_item(record: ArcWarcRecord, name: str, number: int, default_date: Date | None) -> Source | Skipped | None:
    """An HTML response record as a Source (or Skipped with why); None for a record that is not one."""
    charset = _html_response(record)
    if charset is None:
        return None
    url = record.rec_headers.get_header("WARC-Target-URI")
    fallback = _page_date(record.rec_headers.get_header("WARC-Date")) or default_date
    try:
        return html_source(_http_body(record), f"{name}#{number}", fallback, url=url, charset=charset or None)
    except BrokenBody as err:
        return Skipped(file=name, line=number, reason=Errors.E305.format(detail=err))
    except InputError as err:
        return Skipped(file=name, line=number, reason=err.reason)


def _html_response(record: ArcWarcRecord) -> str | None:
    """For an HTTP 200 response with an HTML content type: its charset ("" when not given); else None."""
    headers = record.http_headers
    if record.rec_type != "response" or headers is None or headers.get_statuscode() != "200":
        return None
    message = Message()
    message["Content-Type"] = headers.get_header("Content-Type") or ""
    if message.get_content_type() not in HTML_TYPES:
        return None
    return message.get_content_charset() or ""


def _http_body(record: ArcWarcRecord) -> bytes:
    """The HTTP body with its transfer and content encodings undone, at most MAX_HTML_BYTES + 1 bytes.

    De-chunking is warcio's, which is lenient (crawlers often store a de-chunked body under a chunked header).
    A compressed body must decompress to its end: a cut or corrupt one is a BrokenBody, not half a page. A body
    that is not compressed at all despite its header (already decoded by the crawler) is read as it is.
    """
    headers = record.http_headers
    stream = record.raw_stream
    if (headers.get_header("Transfer-Encoding") or "").strip().lower() == "chunked":
        stream = ChunkedDataReader(stream)
    body = _at_most(stream.read(MAX_HTML_BYTES + 1))
    encoding = (headers.get_header("Content-Encoding") or "identity").strip().lower()
    if encoding == "identity" or not body or not _looks_compressed(body, encoding):
        return body
    if encoding not in COMPRESSED_ENCODINGS:
        raise BrokenBody(f"Content-Encoding {encoding!r} is not supported")
    return _at_most(_decompress(body, COMPRESSED_ENCODINGS[encoding]))


def _at_most(body: bytes) -> bytes:
    """`body` if it can be an article page; InputError (E306) when it is longer than MAX_HTML_BYTES."""
    if len(body) > MAX_HTML_BYTES:
        raise InputError(Errors.E306.format(limit=MAX_HTML_BYTES))
    return body


def _looks_compressed(body: bytes, encoding: str) -> bool:
    """Whether the body starts like gzip or zlib data (an unknown encoding is taken to be applied)."""
    if encoding not in COMPRESSED_ENCODINGS:
        return True
    zlib_header = len(body) > 1 and body[0] & 0x0F == 8 and (body[0] << 8 | body[1]) % 31 == 0
    return body.startswith(GZIP_MAGIC) or zlib_header


def _decompress(body: bytes, wbits: int) -> bytes:
    decompressor = zlib.decompressobj(wbits)
    try:
        data = decompressor.decompress(body, MAX_HTML_BYTES + 1)
    except zlib.error as err:
        raise BrokenBody(f"the compressed body is corrupt: {err}") from None
    if not decompressor.eof and not decompressor.unconsumed_tail:
        raise BrokenBody(f"the compressed body ends early, after {len(data):,} bytes of HTML")
    return data


def _cut_short(record: ArcWarcRecord) -> bool:
    """Read the record to its end; True when the file ended before the record's Content-Length did."""
    while record.raw_stream.read(DRAIN_BYTES):
        pass
    return getattr(record.raw_stream, "limit", 0) > 0
