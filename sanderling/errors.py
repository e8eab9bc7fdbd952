"""One catalogue of user-facing errors: each says what went wrong, with the offending value, and what to do."""

from __future__ import annotations


class SanderlingError(Exception):
    """Base class: a problem the user can fix, reported without a traceback by the CLI."""


class InputError(SanderlingError):
    """A document or input record that cannot be coded (empty, binary, malformed...)."""

    def __init__(self, message: str, *, doc_id: str | None = None, line: int | None = None):
        where = []
        if doc_id is not None:
            where.append(f"document {doc_id!r}")
        if line is not None:
            where.append(f"line {line}")
        self.doc_id = doc_id
        self.line = line
        self.reason = message
        super().__init__(f"{', '.join(where)}: {message}" if where else message)


class DateError(SanderlingError):
    """A publication date that cannot be parsed."""


class Errors:
    E001 = "the text is empty; give a document with some words in it"
    E002 = "the text is only whitespace; give a document with some words in it"
    E003 = ("the input looks binary ({detail}); sanderling codes plain UTF-8 text. "
            "Extract the text first (e.g. with trafilatura for HTML, pdftotext for PDF)")
    E004 = ("the input is not valid UTF-8 ({detail}); re-encode it, e.g. "
            "`iconv -f latin1 -t utf-8 FILE`")
    E005 = "the line is not valid JSON ({detail}); each line of a JSONL file must be one JSON object"
    E006 = "the record has no {field!r} field (fields found: {found}); each record needs a non-empty \"text\""
    E007 = ("cannot read the date {value!r}: use YYYY-MM-DD (e.g. 2022-10-03), or leave it out to date "
            "events only from the text")
    E008 = "the record is a JSON {kind}, not an object; each line must be like {{\"id\": ..., \"text\": ...}}"
    E009 = "the document has {size:,} characters, more than the limit of {limit:,}; split it or raise max_chars"
    # E1xx: reading input, writing output, the command line and the seed scorer.
    E101 = "cannot find the file {path!r}; check the path (or give - to read standard input)"
    E102 = "{path!r} is a folder, not a file; give a text file, or a JSONL file of records with --input"
    E103 = "cannot read {path!r} ({detail}); check that the file is readable"
    E104 = "the record's \"text\" is a JSON {kind}, not a string; give the document text as a JSON string"
    E105 = "unknown output format {value!r}; choose one of: {choices}"
    E106 = "give exactly one input: a FILE (or - for standard input), --input docs.jsonl, or --example"
    E107 = "no gold files match {path!r}; give --gold PATH to a *.gold.json file or to a folder of them"
    E108 = "the gold file {gold!r} names the document {document!r}, which is not beside it ({path!r})"
    E109 = "cannot read the gold file {path!r}: {detail}; it must be a JSON object with a \"required\" list"
    E110 = "cannot write to {path!r} ({detail}); check the folder exists and is writable"
    E111 = ("the input is UTF-16 (it starts with the byte order mark 0x{bom}), not UTF-8; re-encode it, e.g. "
            "`iconv -f utf-16 -t utf-8 FILE`")
