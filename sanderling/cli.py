"""The `sanderling` command: a thin Typer layer over ingest → Coder.pipe → export, and the seed scorer.

User errors (SanderlingError) end the command with a one-line message and exit code 1 (2 for a bad option
value such as --date or --format), never with a traceback.
"""

from __future__ import annotations

import json
import signal
import sys
import threading
from collections import deque
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table
from rich.text import Text

from . import language
from .errors import ClosedPipe, DateError, Errors, OutputError, SanderlingError
from .export import FORMATS, open_output, open_writer
from .ingest import Skipped, read_document, read_jsonl_numbered, source_name
from .corpus.spec import CoderSpec
from .model import Document

if TYPE_CHECKING:
    from .coder import Coder
    from .eval.base import EvalReport
    from .eval.seed import SeedReport

# Publication date of the bundled example article (its "on Tuesday" is resolved against it).
EXAMPLE_DATE = "2023-05-17"
EXAMPLE_ID = "example"
# Output format chosen from --output's suffix when --format is not given.
SUFFIX_FORMATS = {".jsonl": "jsonl", ".ndjson": "jsonl", ".json": "json", ".csv": "csv", ".txt": "table"}
DEFAULT_GOLD = "../shared/examples/*.gold.json"
DEFAULT_DB = "events.duckdb"
# Exit code when the reader of standard output has gone (`| head`): 128 + SIGPIPE, as a shell reports it.
CLOSED_PIPE_EXIT = 141

app = typer.Typer(
    name="sanderling", add_completion=False, no_args_is_help=True, pretty_exceptions_enable=False,
    help="Code English news text into PLOVER/CAMEO political events: who did what to whom, when and where.",
)
eval_app = typer.Typer(no_args_is_help=True, help="Score the coder against gold data.")
app.add_typer(eval_app, name="eval")

_coders: dict[tuple[str | None, str, str | None, str, str], Coder] = {}

DictionariesOption = Annotated[str | None, typer.Option(
    "--dictionaries", help="A folder of PETRARCH/TABARI dictionaries (*actors*.txt, *agents*.txt, *discards*.txt, a "
    "verbs file): events and actors get the codes they give (see docs/dictionaries.md).", show_default=False)]
ModeOption = Annotated[str, typer.Option(
    "--dictionaries-mode", help="merge: the dictionaries' events beside the built-in coder's (its own where both "
    "code a verb); replace: the dictionaries' events only.")]
OntologyOption = Annotated[str | None, typer.Option(
    "--ontology", help="A PETRARCH coding ontology file (PETR.Internal.Coding.Ontology.txt) for negated verbs, when "
    "the dictionary folder holds none.", show_default=False)]
NestedOption = Annotated[str, typer.Option(
    "--nested-codes", help="Events about events with dictionaries. rules: one of the two events is kept (the "
    "UniversalPetrarch suites' convention); combine: PETRARCH-2's reading, the two verb codes added through the "
    "coding ontology ('wants to help' = 033) and only main-clause events (needs an ontology).")]
PairedOption = Annotated[str, typer.Option(
    "--paired-codes", help="Paired verb codes such as 042:043. symmetric: the first from source to target and the "
    "second back (PETRARCH-1, UniversalPetrarch); active-passive: the first for an active verb, the second for a "
    "passive one (PETRARCH-2).")]


def get_coder(dictionaries: str | None = None, mode: str = "merge", ontology: str | None = None,
              nested: str = "rules", paired: str = "symmetric", preload_language: bool = True) -> Coder:
    """One Coder per process (per dictionary set), loaded on first use, so `--help` and user errors stay fast.
    `preload_language` loads the language detector beside the pipeline: worth it for many documents; one short
    document mostly needs no detector, and a thread loading it would slow the pipeline's load."""
    key = (dictionaries, mode, ontology, nested, paired)
    if key not in _coders:
        from .coder import Coder
        from .dictionaries.actor_codes import load_dictionaries

        if mode not in {"merge", "replace"}:
            raise fail(f"--dictionaries-mode must be merge or replace, not {mode!r}", 2)
        if nested not in {"rules", "combine"}:
            raise fail(f"--nested-codes must be rules or combine, not {nested!r}", 2)
        if (ontology is not None or nested != "rules" or paired != "symmetric") and dictionaries is None:
            raise fail("--ontology, --nested-codes and --paired-codes need --dictionaries", 2)
        loaded = load_dictionaries(dictionaries, ontology=ontology) if dictionaries is not None else None
        if preload_language:
            language.preload()  # in parallel with the spaCy pipeline
        try:
            _coders[key] = Coder(dictionaries=loaded, dictionaries_mode=mode, nested_codes=nested,
                                 paired_codes=paired)
        except ValueError as err:
            raise fail(str(err), 2) from err
    return _coders[key]


def fail(message: str, code: int = 1) -> typer.Exit:
    """Print a one-line error to stderr and return the Exit to raise."""
    typer.echo(f"error: {message}", err=True)
    return typer.Exit(code)


def parse_date_option(value: str | None) -> Date | None:
    """--date → date; a bad value is exit 2 with the catalogue's message."""
    from .temporal import parse_pub_date

    try:
        return parse_pub_date(value)
    except DateError as err:
        raise fail(f"--date: {err}", 2) from None


def choose_format(fmt: str | None, output: Path | None) -> str:
    """--format, else from --output's suffix, else `table` on a terminal and `jsonl` in a pipe."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise fail(Errors.E105.format(value=fmt, choices=", ".join(FORMATS)), 2)
        return fmt
    if output is not None:
        return SUFFIX_FORMATS.get(output.suffix.lower(), "jsonl")
    return "table" if sys.stdout.isatty() else "jsonl"


def example_document() -> Document:
    """The bundled example article (sanderling/data/example.txt) with its publication date."""
    text = (Path(__file__).parent / "data" / "example.txt").read_text(encoding="utf-8")
    return Document(text=text, id=EXAMPLE_ID, date=Date.fromisoformat(EXAMPLE_DATE))


def code_one(document: Document, name: str, fmt: str, output: Path | None, coder: Coder | None = None,
             inputs: tuple[str, ...] = ()) -> None:
    """Code a single document; one that cannot be coded is exit 1 naming the file, and leaves --output as it was."""
    with stop_on_sigterm(), open_output(output, inputs) as stream:
        result = next((coder or get_coder()).pipe([document]))
        if result.error:
            raise fail(f"cannot code {name}: {result.error}")
        writer = open_writer(fmt, stream)
        writer.write(result.events, document)
        writer.close()


@dataclass
class RunCounts:
    """What a JSONL run did, for its summary line: so that a run can be checked, and resumed after a stop."""

    coded: int = 0
    without_events: int = 0
    events: int = 0
    skipped: int = 0
    last_line: int = 0  # every record up to this line is coded or skipped

    def __str__(self) -> str:
        return (f"{self.coded} documents coded ({self.without_events} with no events), {self.events} events, "
                f"{self.skipped} skipped")


class Terminated(KeyboardInterrupt):
    """SIGTERM, raised like Ctrl-C so that a run stops the same way: output closed and kept, summary printed."""

    signum = int(signal.SIGTERM)


def code_jsonl(source: str, default_date: Date | None, fmt: str, output: Path | None,
               coder: Coder | None = None) -> int:
    """Code every record of a JSONL file, reporting skipped records on stderr; returns documents coded.

    Ctrl-C or SIGTERM stops the run between two documents: the output holds every document up to the last line
    coded, the summary says which, and the exit code is 128 + the signal number (130, 143).
    """
    name = source_name(source)
    records = read_jsonl_numbered(source, default_date, warn=lambda message: typer.echo(f"warning: {message}",
                                                                                         err=True))
    lines: deque[int] = deque()
    counts = RunCounts()

    def skip(item: Skipped) -> None:
        counts.skipped += 1
        typer.echo(f"skipped {item}", err=True)

    def documents() -> Iterator[Document]:
        for number, item in records:
            if isinstance(item, Skipped):
                skip(item)
            else:
                lines.append(number)
                yield item

    stopped: KeyboardInterrupt | None = None
    with open_output(output, (source,)) as stream, stop_on_sigterm():
        writer = open_writer(fmt, stream)
        try:
            for result in (coder or get_coder()).pipe(documents()):
                number = lines.popleft()
                if result.error:
                    skip(Skipped(file=name, line=number, reason=result.error, id=result.document.id))
                else:
                    with signals_held():
                        writer.write(result.events, result.document)
                    counts.coded += 1
                    counts.without_events += not result.events
                    counts.events += len(result.events)
                counts.last_line = number
        except KeyboardInterrupt as err:
            stopped = err
        with signals_held():
            writer.close()
    if stopped is not None:
        typer.echo(f"interrupted after line {counts.last_line} of {name}: {counts}; the output holds the documents "
                   f"up to that line, resume from line {counts.last_line + 1}", err=True)
        raise typer.Exit(128 + getattr(stopped, "signum", signal.SIGINT))
    typer.echo(str(counts), err=True)
    return counts.coded


@contextmanager
def stop_on_sigterm() -> Iterator[None]:
    """For the length of a run, SIGTERM raises Terminated (Ctrl-C raises KeyboardInterrupt already)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def terminate(signum: int, frame: object) -> None:
        raise Terminated()

    previous = signal.signal(signal.SIGTERM, terminate)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done, so that a document's events are written whole."""
    if not hasattr(signal, "pthread_sigmask") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT, signal.SIGTERM})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


@app.command("code")
def code_command(
    files: Annotated[list[str] | None, typer.Argument(
        help="A UTF-8 text file to code (- for standard input); or, for a corpus run into --db, any number of "
        "files, folders and globs of .txt, .jsonl, .jsonl.gz, .html and .warc(.gz).", show_default=False)] = None,
    date: Annotated[str | None, typer.Option("--date", help="Publication date YYYY-MM-DD; relative dates "
                                             "('on Monday') are resolved against it. For --input, the date "
                                             "of records that carry none.")] = None,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="table, jsonl, json, csv or plover "
                                            "(default: table on a terminal, else jsonl)",
                                            show_default=False)] = None,
    input_: Annotated[str | None, typer.Option("--input", "-i", help="A JSONL file of {\"id\", \"text\", "
                                               "\"date\"?, \"url\"?, \"title\"?} records (- for stdin).")] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
    example: Annotated[bool, typer.Option("--example", help="Code the bundled example article.")] = False,
    dictionaries: DictionariesOption = None,
    mode: ModeOption = "merge",
    ontology: OntologyOption = None,
    nested: NestedOption = "rules",
    paired: PairedOption = "symmetric",
    db: Annotated[Path | None, typer.Option("--db", help="Code into this DuckDB store (a corpus run; default "
                                            f"{DEFAULT_DB} when the inputs are a corpus).", show_default=False)] = None,
    workers: Annotated[int | None, typer.Option("--workers", help="Corpus runs: processes to code on (default: all "
                                                "cores).", show_default=False)] = None,
    cluster: Annotated[str | None, typer.Option("--cluster", help="Corpus runs: a Dask scheduler address "
                                                "(tcp://host:8786), or local:N to start N workers here.",
                                                show_default=False)] = None,
    batch_size: Annotated[int, typer.Option("--batch-size", help="Corpus runs: documents per stored batch (and "
                                            "per worker task).")] = 64,
    keep_duplicates: Annotated[bool, typer.Option("--keep-duplicates", help="Corpus runs: code near-duplicate "
                                                  "documents too (exact copies are always coded once).")] = False,
) -> None:
    """Code a text file, a JSONL file of documents (--input), or the bundled example (--example); or a corpus
    (files, folders, globs, HTML, WARC) into a DuckDB store (--db)."""
    files = files or []
    if is_corpus_run(files, db, workers, cluster):
        if input_ is not None:
            files = [*files, input_]
        if example or output is not None or fmt is not None:
            raise fail(Errors.E505, 2)
        code_corpus(files, db or Path(DEFAULT_DB), parse_date_option(date), workers, cluster, batch_size,
                    not keep_duplicates, CoderSpec(dictionaries, mode, ontology, nested, paired))
        return
    file = files[0] if files else None
    if sum((file is not None, input_ is not None, example)) != 1:
        raise fail(Errors.E106, 2)
    default_date = parse_date_option(date)
    chosen = choose_format(fmt, output)
    try:  # a dictionary error names its own file, not the input's
        coder = get_coder(dictionaries, mode, ontology, nested, paired, preload_language=input_ is not None)
    except SanderlingError as err:
        raise fail(str(err)) from None
    try:
        if example:
            document = example_document()
            if default_date is not None:
                document.date = default_date
            code_one(document, "the bundled example", chosen, output, coder)
        elif file is not None:
            document = read_document(file, date=default_date)
            code_one(document, source_name(file), chosen, output, coder, (file,))
        else:
            assert input_ is not None
            if code_jsonl(input_, default_date, chosen, output, coder) == 0:
                raise fail(f"no document in {source_name(input_)} could be coded")
    except KeyboardInterrupt as err:
        raise fail("interrupted; nothing was written", 128 + getattr(err, "signum", signal.SIGINT)) from None
    except ClosedPipe:
        raise typer.Exit(CLOSED_PIPE_EXIT) from None
    except OutputError as err:
        raise fail(str(err)) from None
    except SanderlingError as err:
        given = file if file is not None else input_
        name = source_name(given) if given is not None else None
        message = str(err)
        raise fail(f"{name}: {message}" if name and name not in message else message) from None


def is_corpus_run(files: list[str], db: Path | None, workers: int | None, cluster: str | None) -> bool:
    """A corpus run when asked for (--db, --workers, --cluster) or when the inputs are more than one text file:
    several inputs, a folder, a glob, HTML, WARC or compressed JSONL."""
    if db is not None or workers is not None or cluster is not None or len(files) > 1:
        return True
    return any(f != "-" and (Path(f).is_dir() or any(c in f for c in "*?[") or
                             f.lower().endswith((".html", ".htm", ".warc", ".gz"))) for f in files)


def code_corpus(inputs: list[str], db: Path, default_date: Date | None, workers: int | None, cluster: str | None,
                batch_size: int, near_duplicates: bool, spec: CoderSpec) -> None:
    """`sanderling code ... --db`: run_corpus with a progress display and one line per skipped record."""
    from .corpus.progress import estimate_total, reporter
    from .corpus.run import run_corpus

    console = Console(stderr=True)
    try:
        total = estimate_total(inputs)
        with stop_on_sigterm(), reporter(console, total) as progress:
            summary = run_corpus(inputs, db, workers=workers, cluster=cluster, default_date=default_date,
                                 batch_size=batch_size, near_duplicates=near_duplicates, progress=progress,
                                 spec=spec, skip=lambda item: typer.echo(f"skipped {item}", err=True))
    except KeyboardInterrupt as err:
        raise fail(f"interrupted; every batch stored before the interruption is in {db}: run the same command "
                   "again to code the rest", 128 + getattr(err, "signum", signal.SIGINT)) from None
    except SanderlingError as err:
        raise fail(str(err)) from None
    typer.echo(f"{summary.line()}; store: {db}", err=True)
    if summary.coded == 0 and summary.already == 0 and summary.duplicates == 0:
        raise fail("no document could be coded")


StoreOption = Annotated[Path, typer.Option("--db", help="The DuckDB store of a corpus run.")]


@app.command("export")
def export_command(
    db: StoreOption,
    fmt: Annotated[str, typer.Option("--format", "-f", help="parquet, csv or jsonl")] = "parquet",
    output: Annotated[Path | None, typer.Option("--output", "-o", help="The file to write (default: TABLE.FORMAT)",
                                                show_default=False)] = None,
    where: Annotated[str | None, typer.Option("--where", help="An SQL condition on the table's columns, e.g. "
                                              "\"source_country = 'IRN' AND date >= '2022'\"",
                                              show_default=False)] = None,
    table: Annotated[str, typer.Option("--table", help="events, documents, actors, skipped, stories or runs")] = "events",
) -> None:
    """Write a table of a store (all of it, or the rows --where selects) to Parquet, CSV or JSONL."""
    from .corpus.store import Store

    out = output or Path(f"{table}.{fmt}")
    try:
        with Store(db, read_only=True) as store:
            rows = store.export(out, fmt, where=where, table=table)
    except SanderlingError as err:
        raise fail(str(err)) from None
    typer.echo(f"{rows:,} rows of {table} written to {out}", err=True)


@app.command("query")
def query_command(
    sql: Annotated[str, typer.Argument(help="One read-only SQL statement (SELECT, WITH, DESCRIBE, SUMMARIZE, ...)",
                                       show_default=False)],
    db: StoreOption,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="table, csv or jsonl (default: table on a "
                                            "terminal, else csv)", show_default=False)] = None,
) -> None:
    """Run one read-only SQL query over a store (tables: events, documents, actors, skipped, stories, runs)."""
    from .corpus.store import Store

    try:
        with Store(db, read_only=True) as store:
            names, rows = store.query(sql)
    except SanderlingError as err:
        raise fail(str(err)) from None
    print_rows(names, rows, fmt)


@app.command("counts")
def counts_command(
    db: StoreOption,
    by: Annotated[str, typer.Option("--by", help="Comma-separated keys: year, month, day, dyad, type, source, "
                                    "target, cameo, quad")] = "month,dyad,type",
    stories: Annotated[bool, typer.Option("--stories", help="Count each story (one real-world event reported by "
                                          "several documents) once, not each report.")] = False,
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="table, csv or jsonl (default: table on a "
                                            "terminal, else csv)", show_default=False)] = None,
) -> None:
    """Event counts by period, dyad and type: the time series GDELT users build by hand."""
    from .corpus.store import Store

    try:
        with Store(db, read_only=True) as store:
            names, rows = store.counts(by, stories=stories)
    except SanderlingError as err:
        raise fail(str(err)) from None
    print_rows(names, rows, fmt)


def print_rows(names: list[str], rows: list[tuple], fmt: str | None) -> None:
    """Query results on stdout: a table on a terminal, CSV or JSONL for programs."""
    import csv

    console = Console()
    fmt = fmt or ("table" if console.is_terminal else "csv")
    if fmt == "table":
        table = Table(*names)
        for row in rows:
            table.add_row(*(_cell(v) for v in row))
        console.print(table)
    elif fmt == "csv":
        writer = csv.writer(sys.stdout)
        writer.writerow(names)
        writer.writerows(rows)
    elif fmt == "jsonl":
        for row in rows:
            typer.echo(json.dumps(dict(zip(names, row)), default=str, ensure_ascii=False))
    else:
        raise fail(Errors.E105.format(value=fmt, choices="table, csv, jsonl"), 2)


@app.command("serve")
def serve_command(
    db: Annotated[Path | None, typer.Option("--db", help="The DuckDB store to explore and query (read-only unless "
                                            "--allow-write); without it only POST /code and the paste box work.",
                                            show_default=False)] = None,
    host: Annotated[str, typer.Option("--host", help="The address to listen on; the default answers this machine "
                                      "only (the API has no authentication).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=0, max=65535, help="The port to listen on.")] = 8000,
    allow_write: Annotated[bool, typer.Option("--allow-write", help="Let POST /code store documents ("
                                              "\"store\": true) in --db.")] = False,
) -> None:
    """Serve the HTTP API (POST /code, GET /events, /documents/ID, /dyads, ...; described at /openapi.json) and the
    web explorer, at http://HOST:PORT/ (see docs/server.md)."""
    if allow_write and db is None:
        raise fail(Errors.E613, 2)
    import uvicorn

    from .server import create_app, load_coder

    try:
        application = create_app(db, allow_write=allow_write)
        load_coder(application)
    except SanderlingError as err:
        raise fail(str(err)) from None
    if host not in {"127.0.0.1", "localhost", "::1"}:
        typer.echo(f"warning: listening on {host}: anyone who can reach this machine can use the API, which has no "
                   "authentication", err=True)
    typer.echo(f"serving {db or 'no store'} ({'read-write' if allow_write else 'read-only'}) at "
               f"http://{host}:{port}/", err=True)
    uvicorn.run(application, host=host, port=port)


@app.command("dictionaries")
def dictionaries_command(
    folder: Annotated[str, typer.Argument(help="A folder of PETRARCH/TABARI dictionaries.", show_default=False)],
    ontology: OntologyOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the counts and problems as JSON.")] = False,
) -> None:
    """Check a dictionary folder: what it holds, and every line that was skipped or read in part, with file and
    line (loading for coding warns with the first few only)."""
    import logging

    from .dictionaries.actor_codes import load_dictionaries

    logging.getLogger("sanderling.dictionaries").setLevel(logging.ERROR)  # listed below, not logged
    try:
        loaded = load_dictionaries(folder, ontology=ontology)
    except SanderlingError as err:
        raise fail(str(err)) from None
    summary = loaded.summary()
    if as_json:
        typer.echo(json.dumps({"folder": loaded.folder, "files": loaded.files, "counts": summary,
                               "problems": [{"file": p.path, "line": p.line, "reason": p.reason}
                                            for p in loaded.problems]}, indent=2, ensure_ascii=False))
        return
    for path in loaded.files:
        typer.echo(f"read {path}")
    typer.echo(", ".join(f"{value:,} {name}" for name, value in summary.items()))
    for problem in loaded.problems:
        typer.echo(str(problem))


@app.command("example")
def example_command(
    fmt: Annotated[str | None, typer.Option("--format", "-f", help="table, jsonl, json, csv or plover.",
                                            show_default=False)] = None,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="Write here instead of stdout.")] = None,
) -> None:
    """Code the bundled example article (the same as `sanderling code --example`)."""
    chosen = choose_format(fmt, output)
    try:
        code_one(example_document(), "the bundled example", chosen, output)
    except ClosedPipe:
        raise typer.Exit(CLOSED_PIPE_EXIT) from None
    except SanderlingError as err:
        raise fail(str(err)) from None


def find_gold(gold: Path | None) -> list[Path]:
    """--gold as a file, a folder of *.gold.json, or a glob; default ../shared/examples/*.gold.json."""
    pattern = str(gold) if gold is not None else DEFAULT_GOLD
    path = Path(pattern)
    if path.is_file():
        return [path]
    if path.is_dir():
        found = sorted(path.glob("*.gold.json"))
    else:
        anchor = Path(path.anchor) if path.is_absolute() else Path.cwd()
        found = sorted(anchor.glob(str(path.relative_to(path.anchor)) if path.is_absolute() else pattern))
    if not found:
        raise fail(Errors.E107.format(path=pattern))
    return found


@eval_app.command("seed")
def seed_command(
    gold: Annotated[Path | None, typer.Option("--gold", help="A *.gold.json file, or a folder of them "
                                              f"(default: {DEFAULT_GOLD})", show_default=False)] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    any_sentence: Annotated[bool, typer.Option("--any-sentence", help="Match required items in any "
                                               "sentence, not only the one the gold names.")] = False,
    dictionaries: DictionariesOption = None,
    mode: ModeOption = "merge",
    ontology: OntologyOption = None,
    nested: NestedOption = "rules",
    paired: PairedOption = "symmetric",
) -> None:
    """Score the coder on hand-coded articles: required events found, forbidden codings produced."""
    from .eval.seed import code_and_score, load_gold

    reports = []
    try:
        for path in find_gold(gold):
            coder = get_coder(dictionaries, mode, ontology, nested, paired)
            reports.append(code_and_score(load_gold(path), coder, by_sentence=not any_sentence))
    except SanderlingError as err:
        raise fail(str(err)) from None
    if as_json:
        typer.echo(json.dumps([r.to_dict() for r in reports], indent=2, ensure_ascii=False))
        return
    console = Console()
    for report in reports:
        print_seed_report(report, console)


def print_seed_report(report: SeedReport, console: Console) -> None:
    """Two Rich tables (required, forbidden) and a summary line."""
    name = report.gold.path.name
    required = Table(title=f"{name}: required events", title_justify="left")
    for column in ("id", "sentence", "type", "found", "event"):
        required.add_column(column, no_wrap=True)
    required.add_column("differences", overflow="fold")
    for r in report.required:
        mark = Text("found", style="green") if r.found else Text("missed", style="red")
        required.add_row(r.item.id, str(r.item.sentence or "-"), "/".join(r.item.types), mark,
                         r.event.event_id if r.event else "-", Text("; ".join(r.differences)))
    console.print(required)
    forbidden = Table(title=f"{name}: forbidden codings", title_justify="left")
    for column in ("why", "hit", "events"):
        forbidden.add_column(column, overflow="fold")
    for v in report.forbidden:
        mark = Text("HIT", style="red") if v.hit else Text("no", style="green")
        forbidden.add_row(v.item.why, mark, ", ".join(e.event_id for e in v.events) or "-")
    console.print(forbidden)
    console.print(f"{name}: required found {report.found}/{len(report.required)}, "
                  f"forbidden hit {report.hits}/{len(report.forbidden)} ({report.n_events} events)",
                  markup=False, soft_wrap=True)


def make_eval_command(name: str):
    """A `sanderling eval NAME` command for one registered gold set (a new reader needs no CLI code)."""

    def command(
        path: Annotated[Path | None, typer.Option("--path", help="The set's folder or gold file (default: "
                                                  "../shared/data/<folder>).", show_default=False)] = None,
        limit: Annotated[int | None, typer.Option("--limit", min=1, help="Score only the first N records.")] = None,
        errors: Annotated[int, typer.Option("--errors", min=0, help="Print the N worst misses.")] = 0,
        as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
        dictionaries: DictionariesOption = None,
        mode: ModeOption = "merge",
        ontology: OntologyOption = None,
        nested: NestedOption = "rules",
        paired: PairedOption = "symmetric",
    ) -> None:
        from .eval.base import evaluate

        try:
            report = evaluate(name, path, get_coder(dictionaries, mode, ontology, nested, paired), limit)
        except SanderlingError as err:
            raise fail(str(err)) from None
        if as_json:
            typer.echo(json.dumps(report.to_dict(errors), indent=2, ensure_ascii=False))
            return
        print_eval_report(report, errors, Console())

    return command


def register_eval_commands() -> None:
    from .eval.base import REGISTRY
    from .eval import sets  # noqa: F401  (each reader registers itself)

    for gold in sorted(REGISTRY.values(), key=lambda g: g.name):
        if gold.name != "seed":
            eval_app.command(gold.name, help=f"{gold.description} (../shared/data/{gold.folder}).")(
                make_eval_command(gold.name))


def print_eval_report(report: EvalReport, n_errors: int, console: Console) -> None:
    """Headline numbers, the set's own tables, then the N worst misses with gold and output side by side."""
    head = Table(title=f"{report.name}: {report.records} records scored ({report.path})", title_justify="left")
    head.add_column("measure")
    head.add_column("value", justify="right")
    for key, value in report.headline.items():
        head.add_row(key, f"{value:.3f}" if isinstance(value, float) else str(value))
    console.print(head)
    for title, columns, rows in report.tables:
        table = Table(title=title, title_justify="left")
        for column in columns:
            table.add_column(str(column), overflow="fold")
        for row in rows:
            table.add_row(*(f"{v:.3f}" if isinstance(v, float) else str(v) for v in row))
        console.print(table)
    if n_errors:
        misses = Table(title=f"{min(n_errors, len(report.errors))} worst misses", title_justify="left",
                       show_lines=True)
        keys = [k for k in ("text", "gold", "output") if any(k in e for e in report.errors)]
        columns = keys or sorted({k for e in report.errors[:n_errors] for k in e})
        for column in columns:
            misses.add_column(column, overflow="fold")
        for e in report.errors[:n_errors]:
            misses.add_row(*(_cell(e.get(c)) for c in columns))
        console.print(misses)
    for note in report.notes:
        console.print(f"note: {note}", markup=False, soft_wrap=True)
    if report.skipped:
        console.print(f"{len(report.skipped)} records skipped:", markup=False)
        for line in report.skipped[:20]:
            console.print(f"  {line}", markup=False, soft_wrap=True)


def _cell(value: object) -> str:
    if isinstance(value, list):
        return "\n".join(str(v) for v in value)
    return "" if value is None else str(value)


register_eval_commands()


def main() -> None:
    """Entry point for `python -m sanderling`."""
    app(prog_name="sanderling")
