"""A corpus run: inputs → documents → duplicates set aside → coded on N processes (or a Dask cluster) → the store,
one transaction per batch, so a run killed at any moment resumes where it stopped with nothing lost or doubled.

Documents already in the store are not coded again (ids are stable: a record's own id, else a hash of its text),
so re-running a command on a grown archive codes only what is new. Output does not depend on the number of workers:
every worker runs the same coder on the same documents, and batches are stored in input order.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date as Date
from pathlib import Path
from typing import Any

from ..coder import MAX_CHARS, Coded, Coder
from ..errors import Errors, SanderlingError
from ..ingest import Skipped
from ..model import Document, Event
from .dedup import DuplicateFinder, link_stories
from .spec import CoderSpec
from .sources import Source, expand_inputs, read_sources
from .store import Store

log = logging.getLogger(__name__)

BATCH_SIZE = 64  # documents per stored transaction (and per task sent to a worker)


@dataclass
class RunSummary:
    """What a run did, as the runs table and the command's last line report it."""

    run_id: int
    coded: int = 0
    no_events: int = 0
    events: int = 0
    skipped: int = 0
    duplicates: int = 0
    already: int = 0  # documents stored by an earlier run, not coded again
    stories: int = 0
    seconds: float = 0.0
    skip_reasons: dict[str, int] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {k: v for k, v in asdict(self).items() if isinstance(v, int) and k != "run_id"}

    def line(self) -> str:
        rate = self.coded / self.seconds if self.seconds else 0.0
        return (f"{self.coded:,} documents coded ({self.no_events:,} with no events), {self.events:,} events, "
                f"{self.skipped:,} skipped, {self.duplicates:,} duplicates, {self.already:,} already stored; "
                f"{self.stories:,} stories; {self.seconds:.1f} s ({rate:.1f} docs/s)")


@dataclass
class Batch:
    """Documents read in input order, ready to store together: some to code, some set aside."""

    to_code: list[Source] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    duplicates: list[tuple[Source, str]] = field(default_factory=list)
    signatures: list[tuple[str, bytes]] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.to_code) + len(self.skipped) + len(self.duplicates)


def plan_batches(items: Iterable[Source | Skipped], seen: set[str], finder: DuplicateFinder | None,
                 summary: RunSummary, batch_size: int = BATCH_SIZE, max_chars: int = MAX_CHARS) -> Iterator[Batch]:
    """Group the input stream into batches, leaving out documents stored before and setting duplicates aside (a
    duplicate is stored with the id of the document it repeats, and only that one is coded)."""
    batch = Batch()
    for item in items:
        if isinstance(item, Skipped):
            batch.skipped.append(item)
        elif item.document.id in seen:
            summary.already += 1
            continue
        elif len(item.document.text) > max_chars:  # refused before any work on it (a signature of 50 MB costs GBs)
            batch.skipped.append(skipped(item, Errors.E009.format(size=len(item.document.text), limit=max_chars)))
        else:
            seen.add(item.document.id)
            signature = original = None
            if finder is not None:
                signature = finder.signature(item.document.text)
                original = finder.check_signature(item.document.id, signature)
            if original is not None:
                batch.duplicates.append((item, original))
            else:
                batch.to_code.append(item)
                if signature is not None:
                    batch.signatures.append((item.document.id, signature))
        if len(batch) >= batch_size:
            yield batch
            batch = Batch()
    if len(batch):
        yield batch


# --- coding in worker processes -------------------------------------------------------------------------------

_worker_coders: dict[CoderSpec, Coder] = {}


def _init_worker(spec: CoderSpec) -> None:
    """Load the model once per worker process (not once per task)."""
    if spec not in _worker_coders:
        _worker_coders[spec] = spec.build()


def code_documents(documents: list[Document], spec: CoderSpec | None = None,
                   coder: Coder | None = None) -> list[tuple[str, list[dict], str | None]]:
    """Code a list of documents: (id, events as dicts, error) each, in order. Plain data, so that it crosses
    process and network boundaries (a pool or a Dask cluster) unchanged."""
    if coder is None:
        spec = spec or CoderSpec()
        _init_worker(spec)
        coder = _worker_coders[spec]
    return [(c.document.id, [e.to_dict() for e in c.events], c.error) for c in coder.pipe(documents)]


def rebuild(sources: list[Source], results: list[tuple[str, list[dict], str | None]]) -> list[tuple[Source, Coded]]:
    """The (source, Coded) pairs the store takes, from a worker's plain results."""
    out = []
    for source, (doc_id, events, error) in zip(sources, results, strict=True):
        if doc_id != source.document.id:
            raise RuntimeError(f"a worker returned document {doc_id!r} in the place of {source.document.id!r}")
        out.append((source, Coded(source.document, [Event.from_dict(e) for e in events], error)))
    return out


class LocalCoding:
    """Code batches in this process (one worker) or in a pool of processes, results in input order."""

    def __init__(self, workers: int = 1, spec: CoderSpec | None = None, coder: Coder | None = None):
        self.workers = max(1, workers)
        self.spec = spec or CoderSpec()
        self.coder = coder
        self.pool = None
        if self.workers > 1:
            ctx = multiprocessing.get_context("forkserver" if sys.platform != "win32" else "spawn")
            self.pool = ctx.Pool(self.workers, initializer=_init_worker, initargs=(self.spec,))
        elif self.coder is None:
            self.coder = self.spec.build()

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[tuple[str, list[dict], str | None]]]]:
        if self.pool is None:
            for batch in batches:
                yield batch, code_documents([s.document for s in batch.to_code], coder=self.coder)
            return
        pending: list[tuple[Batch, Any]] = []
        for batch in batches:  # keep about two tasks per worker in flight; results are taken in input order
            docs = [s.document for s in batch.to_code]
            pending.append((batch, self.pool.apply_async(code_documents, (docs, self.spec))))
            while len(pending) > 2 * self.workers:
                done, task = pending.pop(0)
                yield done, task.get()
        for done, task in pending:
            yield done, task.get()

    def close(self) -> None:
        if self.pool is not None:
            self.pool.close()
            self.pool.join()
            self.pool = None


# --- the run ----------------------------------------------------------------------------------------------------


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def run_corpus(inputs: Sequence[str | Path], db: str | Path, *, workers: int | None = None,
               cluster: str | None = None, default_date: Date | None = None, batch_size: int = BATCH_SIZE,
               near_duplicates: bool = True, progress: Callable[[RunSummary], None] | None = None,
               spec: CoderSpec | None = None, coder: Coder | None = None,
               skip: Callable[[Skipped], None] | None = None) -> RunSummary:
    """Code every document of `inputs` (files, folders, globs) into the store at `db` and link story events.

    `workers` processes on this machine (default: all cores), or `cluster` (a Dask scheduler address, or "local:N"
    for a local cluster of N workers). `spec` says how each worker builds its coder (`coder`, one already built,
    serves a one-worker run). `progress` is called after each stored batch, `skip` with each record left out."""
    paths = expand_inputs(inputs)
    workers = workers or default_workers()
    if workers < 1:
        raise SanderlingError(Errors.E504.format(value=workers, cores=default_workers()))
    spec = spec or CoderSpec()
    options = {"inputs": [str(p) for p in inputs], "workers": workers, "cluster": cluster, "coder": asdict(spec),
               "default_date": default_date.isoformat() if default_date else None, "batch_size": batch_size,
               "near_duplicates": near_duplicates}
    started = time.perf_counter()
    with Store(db) as store:
        run_id = store.start_run(options)
        summary = RunSummary(run_id)
        finder = None
        if near_duplicates:
            finder = DuplicateFinder()
            for doc_id, signature in store.signatures():
                finder.add_signature(doc_id, signature)
        batches = plan_batches(read_sources(paths, default_date), store.seen_ids(), finder, summary, batch_size)
        if cluster is not None:
            from .cluster import ClusterCoding
            engine: LocalCoding | ClusterCoding = ClusterCoding(cluster, spec)
        else:
            engine = LocalCoding(workers, spec, coder)
        try:
            for batch, results in engine.map(batches):
                coded = rebuild(batch.to_code, results)
                store.add_batch(run_id, coded, batch.skipped, batch.duplicates, signatures=batch.signatures)
                _count(summary, coded, batch)
                if skip is not None:
                    _report_skips(skip, coded, batch)
                summary.seconds = time.perf_counter() - started
                if progress is not None:
                    progress(summary)
        finally:
            engine.close()
            summary.stories = link_stories(store.con)
            summary.seconds = time.perf_counter() - started
            store.finish_run(run_id, summary.counts(), summary.seconds)
    return summary


def skipped(source: Source, reason: str) -> Skipped:
    """A source left out, as a skipped record: its file and line (from its origin, "path:LINE") and the reason."""
    file, _, line = source.origin.rpartition(":")
    return Skipped(file=file or source.origin, line=int(line) if line.isdigit() else 0, reason=reason,
                   id=source.document.id)


def _report_skips(skip: Callable[[Skipped], None], coded: list[tuple[Source, Coded]], batch: Batch) -> None:
    for item in batch.skipped:
        skip(item)
    for source, result in coded:
        if result.error is not None:
            skip(skipped(source, result.error))


def _count(summary: RunSummary, coded: list[tuple[Source, Coded]], batch: Batch) -> None:
    for _, result in coded:
        if result.error is not None:
            summary.skipped += 1
            reason = result.error.split(":")[0][:60]
            summary.skip_reasons[reason] = summary.skip_reasons.get(reason, 0) + 1
        else:
            summary.coded += 1
            summary.events += len(result.events)
            summary.no_events += not result.events
    summary.skipped += len(batch.skipped)
    for item in batch.skipped:
        reason = item.reason.split(":")[0][:60]
        summary.skip_reasons[reason] = summary.skip_reasons.get(reason, 0) + 1
    summary.duplicates += len(batch.duplicates)
