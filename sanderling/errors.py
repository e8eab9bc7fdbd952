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


class OutputError(SanderlingError):
    """The output cannot be written (a full disk, a missing folder, the output is the input...)."""


class ClosedPipe(OutputError):
    """Standard output was closed by its reader (`sanderling code ... | head`): nothing more to write, no error."""


class StoreError(SanderlingError):
    """The corpus store cannot be opened, written or read as asked (a locked file, a bad filter or query...)."""


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
    E009 = ("the document has {size:,} characters, more than the limit of {limit:,} (the parse needs about 3 GB of "
            "memory per million characters); split it at line breaks into parts of at most {limit:,} characters "
            "and code each, e.g. `split -C {limit} FILE part-` (whole lines, at most {limit:,} bytes a part), or "
            "give one JSONL record per part with --input; in Python, Coder(max_chars=...) sets another limit")
    E010 = "the text is missing (None); give the document text as a str"
    E011 = ("the text is bytes, not str; decode it first, e.g. data.decode('utf-8') (or read the file with "
            "sanderling.ingest.read_document, which says what is wrong with bytes that are not UTF-8 text)")
    E012 = "the text is of type {kind}, not str; give the document text as a str"
    E013 = ("item {n} is {kind}, not a Document or a str; give Document(text=..., id=...) or the text itself"
            "{hint}")
    E014 = ("the date {value!r} is of type {kind}; give the publication date as a datetime.date, a 'YYYY-MM-DD' "
            "string or None")
    E015 = ("the {field} holds a lone surrogate ({char} at character {offset}), which is not a Unicode character; "
            "fix the escaping where the text was made (a pair such as \\ud83d\\ude00 is fine)")
    E016 = ("not English (detected {lang}, English probability {p_en:.0e}); sanderling codes English text only: "
            "translate the document first")
    E017 = "internal error while coding ({detail}); please report it with the document that caused it"
    E018 = "the parser failed on this document ({detail}); please report it with the document that caused it"
    E019 = ("the line nests JSON arrays or objects too deeply to read ({detail}); each line must be one "
            "JSON object like {{\"id\": ..., \"text\": ...}}")
    E020 = "the record's {field!r} is a JSON {kind}; give it as a JSON string"
    E021 = "cannot read the line ({detail}); please report it with the line that caused it"
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
    E112 = ("the output {output!r} is the input {input!r}; writing it would destroy the input: give another "
            "--output path")
    E113 = ("the input looks like UTF-16 ({order}) without a byte order mark, not UTF-8; re-encode it, e.g. "
            "`iconv -f {codec} -t utf-8 FILE`")
    E114 = ("the id {id!r} is also on line {line}; this record is coded as {new!r} (further repeats as #3, #4...) "
            "so that event ids stay unique: give each record its own id")
    # E2xx: dictionary files and gold sets.
    E201 = ("the line is not valid UTF-8 (byte 0x{byte:02x} at column {column}): skipped; save the file as UTF-8 "
            "(e.g. `iconv -f latin1 -t utf-8 FILE`) to use it")
    E202 = "{path} is not {kind}: {detail}; {kind} is UTF-8 text with lines like {example}"
    E203 = ("the dictionary folder {path!r} is a file, not a folder; give the folder that holds the dictionary files "
            "(*actors*.txt, *agents*.txt, a verbs file), e.g. {parent!r}")
    E204 = "the gold file {path!r} is missing; give --path the gold set's folder or its gold file"
    E205 = ("{path!r} holds no {name} records ({detail}); give --path the {name} folder or gold file "
            "(by default ../shared/data/{folder})")
    # E5xx: corpus runs (workers, Dask clusters).
    E501 = "cannot start Dask ({detail}); reinstall sanderling with its pinned dependencies (dask, distributed)"
    E502 = ("cannot reach the Dask scheduler at {address!r} ({detail}); check the address (e.g. tcp://host:8786) and "
            "that the scheduler runs, or give --cluster local:N to start N workers on this machine")
    E503 = "{value!r} is not a cluster: give a scheduler address (tcp://host:8786) or local:N with N ≥ 1"
    E504 = "--workers must be at least 1 (got {value}); leave it out to use all {cores} cores"
    # E3xx: corpus inputs (files, folders and globs of text, JSONL, HTML and WARC).
    E301 = ("nothing to read in {spec!r}: it is not a file, a folder holding {suffixes} files, or a glob matching "
            "such files; check the path")
    E302 = "{path!r} is not a known input type; give files ending in {suffixes} (rename plain text to .txt)"
    E303 = ("no article text in the HTML (trafilatura found no main text: a front page, an index, a form or an "
            "empty page?); nothing to code")
    E304 = ("the file is cut short or damaged after {count} complete {unit} ({detail}); those were read: download "
            "or compress the file again to read the rest")
    E305 = ("the WARC record's HTTP body is broken ({detail}); the record is skipped and the others are read: check "
            "the crawl that wrote it")
    E306 = ("the HTML is more than {limit:,} bytes (trafilatura's MAX_FILE_SIZE), too large for an article page; "
            "leave it out or split it")
    E307 = "cannot extract the article from the HTML ({detail}); please report it with the page that caused it"
    E308 = "cannot read the file ({detail}); please report it with the file that caused it"
    # E4xx: the corpus store (DuckDB): opening, writing, export, query and counts.
    E401 = "cannot open the database {path!r} ({detail}); {hint}"
    E402 = ("the database {path!r} is in use ({detail}); DuckDB lets one process write a file (or several read it): "
            "wait for the run that uses it to finish, or give another --db")
    E403 = ("the database {path!r} is a store of schema version {found}, newer than this sanderling reads "
            "({supported}); upgrade sanderling (pip install -U sanderling) to use it")
    E404 = ("{path!r} is not a sanderling store (its tables: {tables}); give a new --db path, or one that "
            "`sanderling code --db` wrote")
    E405 = "the store {path!r} is open read-only; open it with Store(path) (not read_only=True) to add to it"
    E406 = ("cannot write to the database {path!r} ({detail}); free disk space or make the file writable, then run "
            "the same command again: the batches already stored are kept and only the rest is coded")
    E407 = "unknown table {value!r}; choose one of: {choices}"
    E408 = "unknown export format {value!r}; choose one of: {choices}"
    E409 = ("cannot filter {table} with {where!r} ({detail}); give a SQL boolean expression over its columns: "
            "{columns}")
    E410 = "unknown count key {value!r}; choose any of: {choices} (e.g. --by month,dyad,type)"
    E411 = ("a query runs one read-only statement (SELECT, WITH, FROM, DESCRIBE, SHOW, SUMMARIZE or EXPLAIN), but "
            "{sql!r} is {kind}; the store is changed only by `sanderling code --db`")
    E412 = "the query failed ({detail}); the store's tables are: {tables}"
    E505 = ("a corpus run (--db, --workers, --cluster, several inputs, a folder, a glob, HTML or WARC) stores its "
            "events in the DuckDB store; --output, --format and --example do not apply: export them afterwards "
            "with `sanderling export --db STORE --format parquet|csv|jsonl -o FILE`")
    # E6xx: the HTTP API (`sanderling serve`).
    E601 = ("{route} reads the store, but this server has none; start it with `sanderling serve --db STORE` (a store "
            "`sanderling code --db` wrote); POST /code works without one")
    E602 = "there is no document {doc_id!r} in the store; take an id from GET /events (its doc_id column)"
    E603 = ("the request body is more than this server's limit of {limit:,} bytes; send fewer documents per request "
            "(at most {batch}), or split long texts (at most {text:,} characters each)")
    E604 = ("the request holds {count} documents, more than this server's limit of {limit}; send at most {limit} a "
            "request")
    E605 = ("document {n} has {size:,} characters, more than this server's limit of {limit:,}; split it at line "
            "breaks into parts of at most {limit:,} characters and send each as its own document")
    E606 = "document {n}: {detail}"
    E607 = ("\"store\": true writes to the store, but this server only reads it; start it with `sanderling serve --db "
            "STORE --allow-write` to store what POST /code codes, or leave \"store\" out")
    E608 = "unknown {param} {value!r}; choose one of: {choices}"
    E609 = "cannot read {param}={value!r}: give a year, a month or a day (2022, 2022-10 or 2022-10-03)"
    E610 = ("the cursor {value!r} was not made by this server for sort={sort} ({detail}); ask for the first page "
            "again (leave out cursor) and follow each page's next_cursor")
    E611 = "the request holds no documents; give {{\"text\": ...}} or a list of such objects"
    E612 = "{param} has {size:,} characters, more than the limit of {limit:,}; give a shorter {param}"
    E613 = ("--allow-write lets POST /code store documents, which needs a store: give --db STORE too (a new path "
            "makes a new store)")
