"""How a corpus run shows its progress: a Rich bar on a terminal (documents/s, events, skipped, ETA), one plain
line per stored batch when stderr is a file or a pipe (a log a scheduler keeps, a test reads)."""

from __future__ import annotations

import gzip
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from .run import RunSummary
from .sources import expand_inputs

COUNT_CHUNK = 1 << 20


def estimate_total(inputs: Sequence[str | Path]) -> int | None:
    """How many documents the inputs hold, when that is cheap to know (a line count of plain JSONL; one per text or
    HTML file); None when any input is compressed or an archive, whose count would cost a full read."""
    total = 0
    for path in expand_inputs(inputs):
        name = path.name.lower()
        if name.endswith((".gz", ".warc")):
            return None
        if name.endswith(".jsonl"):
            total += _lines(path)
        else:
            total += 1
    return total


def _lines(path: Path) -> int:
    opener = gzip.open if path.name.endswith(".gz") else open
    count = 0
    with opener(path, "rb") as f:
        while chunk := f.read(COUNT_CHUNK):
            count += chunk.count(b"\n")
    return count


def done(summary: RunSummary) -> int:
    return summary.coded + summary.skipped + summary.duplicates + summary.already


@contextmanager
def reporter(console: Console, total: int | None) -> Iterator[Callable[[RunSummary], None]]:
    """A progress callback for `run_corpus`, drawn as a bar on a terminal and written as log lines elsewhere."""
    if not console.is_terminal:
        def log(summary: RunSummary) -> None:
            rate = summary.coded / summary.seconds if summary.seconds else 0.0
            of = f" of {total:,}" if total else ""
            console.print(f"stored {done(summary):,}{of} documents: {summary.coded:,} coded, {summary.events:,} "
                          f"events, {summary.skipped:,} skipped, {summary.duplicates:,} duplicates, "
                          f"{summary.already:,} already stored; {rate:.1f} docs/s", highlight=False, soft_wrap=True)
        yield log
        return
    columns = (TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
               TextColumn("{task.fields[rate]:.1f} docs/s · {task.fields[events]:,} events · "
                          "{task.fields[skipped]:,} skipped · {task.fields[duplicates]:,} duplicates"),
               TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn())
    with Progress(*columns, console=console, transient=False) as progress:
        task = progress.add_task("coding", total=total, rate=0.0, events=0, skipped=0, duplicates=0)

        def draw(summary: RunSummary) -> None:
            rate = summary.coded / summary.seconds if summary.seconds else 0.0
            progress.update(task, completed=done(summary), rate=rate, events=summary.events,
                            skipped=summary.skipped, duplicates=summary.duplicates)
        yield draw
