"""A corpus run spread over a Dask cluster, for when one machine is not enough.

Each batch of documents is one task. A worker loads the model once (the first task it runs) and sends its batch's
results back as a Parquet file (bytes: no filesystem shared with the client is needed); the client lands each in a
staging folder and loads it into the store in input order, so the store gets the same events as a local run on the
same input. `local:N` starts a LocalCluster of N single-threaded worker processes.
"""

from __future__ import annotations

import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from ..errors import Errors, SanderlingError
from ..model import Document

if TYPE_CHECKING:
    from .run import Batch
    from .spec import CoderSpec

IN_FLIGHT_PER_WORKER = 2


def code_partition(documents: list[dict], spec: CoderSpec) -> bytes:
    """Worker side: code the documents (dicts of Document fields) and return a Parquet file of (n, doc_id, error,
    events JSON) rows, as bytes: workers need no filesystem shared with the client. The worker builds its coder on
    its first task and keeps it."""
    from .run import code_documents

    docs = [Document(**d) for d in documents]
    rows = [(n, doc_id, error, json.dumps(events, ensure_ascii=False))
            for n, (doc_id, events, error) in enumerate(code_documents(docs, spec))]
    with tempfile.TemporaryDirectory(prefix="sanderling-part-") as tmp:
        out = Path(tmp) / "part.parquet"
        con = duckdb.connect()
        con.execute("CREATE TABLE part(n INTEGER, doc_id VARCHAR, error VARCHAR, events VARCHAR)")
        if rows:
            con.executemany("INSERT INTO part VALUES (?, ?, ?, ?)", rows)
        con.execute(f"COPY (SELECT * FROM part ORDER BY n) TO '{_sql_path(str(out))}' (FORMAT parquet)")
        con.close()
        return out.read_bytes()


def read_partition(path: str) -> list[tuple[str, list[dict], str | None]]:
    """Client side: a partition's results, in its documents' order."""
    con = duckdb.connect()
    rows = con.execute(f"SELECT doc_id, events, error FROM read_parquet('{_sql_path(path)}') ORDER BY n").fetchall()
    con.close()
    return [(doc_id, json.loads(events), error) for doc_id, events, error in rows]


def _sql_path(path: str) -> str:
    return str(path).replace("'", "''")


class ClusterCoding:
    """Send batches to a Dask cluster and take their results back in input order."""

    def __init__(self, address: str, spec: CoderSpec, staging: str | Path | None = None):
        self.spec = spec
        try:
            from dask.distributed import Client, LocalCluster
        except ImportError as err:  # pragma: no cover - distributed is a pinned dependency
            raise SanderlingError(Errors.E501.format(detail=err)) from err
        self.cluster = None
        if address.startswith("local:"):
            n = _local_workers(address)
            self.cluster = LocalCluster(n_workers=n, threads_per_worker=1, processes=True, dashboard_address=None)
            self.client = Client(self.cluster)
        else:
            try:
                self.client = Client(address, timeout="30s")
            except OSError as err:
                raise SanderlingError(Errors.E502.format(address=address, detail=err)) from err
        self.workers = max(1, len(self.client.scheduler_info().get("workers", {})))
        self._own_staging = staging is None
        self.staging = Path(staging) if staging is not None else Path(tempfile.mkdtemp(prefix="sanderling-parts-"))
        self.staging.mkdir(parents=True, exist_ok=True)

    def map(self, batches: Iterator[Batch]) -> Iterator[tuple[Batch, list[tuple[str, list[dict], str | None]]]]:
        pending = []
        for n, batch in enumerate(batches):
            docs = [{"text": s.document.text, "id": s.document.id, "date": s.document.date, "url": s.document.url,
                     "title": s.document.title} for s in batch.to_code]
            out = self.staging / f"part-{n:08d}.parquet"
            pending.append((batch, out, self.client.submit(code_partition, docs, self.spec, pure=False)))
            while len(pending) > IN_FLIGHT_PER_WORKER * self.workers:
                yield self._take(*pending.pop(0))
        for item in pending:
            yield self._take(*item)

    def _take(self, batch: Batch, out: Path, future) -> tuple[Batch, list[tuple[str, list[dict], str | None]]]:
        out.write_bytes(future.result())  # the partition lands as Parquet, then goes into the store
        results = read_partition(str(out))
        out.unlink(missing_ok=True)
        return batch, results

    def close(self) -> None:
        self.client.close()
        if self.cluster is not None:
            self.cluster.close()
        if self._own_staging:
            shutil.rmtree(self.staging, ignore_errors=True)


def _local_workers(address: str) -> int:
    value = address.split(":", 1)[1]
    if not value.isdigit() or int(value) < 1:
        raise SanderlingError(Errors.E503.format(value=address))
    return int(value)
