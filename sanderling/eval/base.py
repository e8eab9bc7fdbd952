"""The plug-in interface every gold set implements, and the report they all return.

A gold set is one function registered by name: it reads its folder (default `../shared/data/<folder>`, never
needed by the installed coder), codes the records with a Coder and returns an `EvalReport`. A new set is one new
module with one `@register(...)` function; the CLI (`sanderling eval NAME`) picks it up from the registry.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Errors, SanderlingError

if TYPE_CHECKING:
    from ..coder import Coder

SHARED_DATA = Path("..") / "shared" / "data"


@dataclass
class EvalReport:
    """Headline numbers, tables for people, and the worst misses with their sentence, gold and output."""

    name: str
    path: str
    records: int = 0
    headline: dict[str, float] = field(default_factory=dict)
    tables: list[tuple[str, list[str], list[list[Any]]]] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def to_dict(self, n_errors: int | None = None) -> dict[str, Any]:
        return {
            "set": self.name, "path": self.path, "records": self.records,
            "headline": {k: round(v, 4) for k, v in self.headline.items()},
            "tables": [{"title": t, "columns": c, "rows": r} for t, c, r in self.tables],
            "errors": self.errors[:n_errors] if n_errors is not None else self.errors,
            "skipped": self.skipped, "notes": self.notes,
        }


@dataclass(frozen=True)
class GoldSet:
    name: str
    folder: str
    run: Callable[..., EvalReport]
    description: str


REGISTRY: dict[str, GoldSet] = {}


def register(name: str, folder: str, description: str) -> Callable[[Callable[..., EvalReport]], Callable[..., EvalReport]]:
    """Register a gold set reader: `fn(path: Path, coder: Coder, limit: int | None) -> EvalReport`."""
    def wrap(fn: Callable[..., EvalReport]) -> Callable[..., EvalReport]:
        REGISTRY[name] = GoldSet(name, folder, fn, description)
        return fn
    return wrap


def evaluate(name: str, path: Path | None = None, coder: Coder | None = None, limit: int | None = None) -> EvalReport:
    """Run one registered gold set; a missing folder or file is a clear error naming it."""
    from . import sets  # noqa: F401  (registers the readers)

    if name not in REGISTRY:
        raise SanderlingError(f"unknown gold set {name!r}; known sets: {', '.join(sorted(REGISTRY))}")
    gold = REGISTRY[name]
    path = Path(path) if path is not None else SHARED_DATA / gold.folder
    if not path.exists():
        raise SanderlingError(f"the gold data for {name!r} is not at {path}: give its folder with --path "
                              f"(by default it is ../shared/data/{gold.folder}, beside the checkout)")
    if coder is None:
        from ..coder import Coder
        coder = Coder()
    return require_records(gold.run(path, coder, limit), gold)


def require_records(report: EvalReport, gold: GoldSet) -> EvalReport:
    """A path holding no record of the set (another file, an empty folder) is an error, never a run of zero scores."""
    if report.records:
        return report
    if report.skipped:
        detail = f"{len(report.skipped)} unreadable lines or records; the first: {report.skipped[0]}"
    else:
        detail = "nothing in it reads as one"
    raise SanderlingError(Errors.E205.format(path=report.path, name=gold.name, detail=detail, folder=gold.folder))


def read_jsonl(path: Path, report: EvalReport, limit: int | None = None) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, record) of a JSONL gold file; a bad line is recorded in report.skipped, never fatal."""
    if not path.is_file():
        raise SanderlingError(Errors.E204.format(path=str(path)))
    n = 0
    with path.open(encoding="utf-8", errors="replace") as fh:
        for line_no, line in enumerate(fh, start=1):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("not a JSON object")
            except ValueError as err:
                report.skipped.append(f"{path}:{line_no}: {err}")
                continue
            yield line_no, record
            n += 1
            if limit is not None and n >= limit:
                return


def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    """Precision, recall, F1 (0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)
