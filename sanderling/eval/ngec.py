"""NGEC's synthetic stories: 4,500 GPT-2 news stories, each labelled with the one PLOVER type its headline asked for.

The labels are per document, with no actors, so this set measures what it can: **label recall** (the share of stories
in which the coder finds at least one event of the story's type) and **label share** (the share of coded events that
have the story's type: a story about a strike mostly reports protest, so a coder that emits many other types there is
likely reading noise). Neither is an F1; both move when a lexicon or rule change generalises beyond the sets it was
written against, which is why we run it before keeping a change. Stories are read in a fixed interleaved order (every
k-th row) so that `--limit` keeps every type.
"""

from __future__ import annotations

import csv
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Errors, SanderlingError
from ..model import PLOVER_TYPES, Document
from .base import EvalReport, register

if TYPE_CHECKING:
    from ..coder import Coder

FILE = "gpt_synthetic_events_2023-10-19_19.csv"


def _rows(path: Path, report: EvalReport) -> list[dict[str, str]]:
    if not path.is_file():
        raise SanderlingError(Errors.E204.format(path=str(path)))
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    with path.open(encoding="utf-8", errors="replace", newline="") as fh:
        rows = []
        for n, row in enumerate(csv.DictReader(fh), start=2):
            if row.get("label") not in PLOVER_TYPES or not (row.get("text") or "").strip():
                report.skipped.append(f"{path}:{n}: no PLOVER label or no text")
                continue
            rows.append(row)
    return rows


@register("ngec-synthetic", "NGEC", "NGEC synthetic stories: document-level label recall and label share")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    csv_file = path / FILE if path.is_dir() else path
    report = EvalReport("ngec-synthetic", str(csv_file))
    rows = _rows(csv_file, report)
    if limit is not None and limit < len(rows):
        step = len(rows) / limit
        rows = [rows[int(i * step)] for i in range(limit)]
    docs = [Document(text=r["text"], id=f"ngec{n}") for n, r in enumerate(rows)]
    found: Counter = Counter()
    stories: Counter = Counter()
    events_by_label: dict[str, Counter] = defaultdict(Counter)
    for row, result in zip(rows, coder.pipe(docs)):
        if result.error:
            report.skipped.append(f"{result.document.id}: {result.error}")
            continue
        label = row["label"]
        report.records += 1
        stories[label] += 1
        types = Counter(e.event_type for e in result.events)
        found[label] += label in types
        events_by_label[label].update(types)
    n_events = sum(sum(c.values()) for c in events_by_label.values())
    on_label = sum(c[label] for label, c in events_by_label.items())
    report.headline = {
        "label_recall": sum(found.values()) / report.records if report.records else 0.0,
        "label_share": on_label / n_events if n_events else 0.0,
        "events_per_story": n_events / report.records if report.records else 0.0,
    }
    rows_out = []
    for label in PLOVER_TYPES:
        if not stories[label]:
            continue
        c = events_by_label[label]
        total = sum(c.values())
        rows_out.append([label, stories[label], round(found[label] / stories[label], 3), total,
                         round(c[label] / total, 3) if total else 0.0,
                         ", ".join(f"{t} {k}" for t, k in c.most_common(3))])
    report.tables.append(("per label", ["label", "stories", "label recall", "events", "label share",
                                        "most coded types"], rows_out))
    report.notes.append("document-level labels only: label recall and share are signals, not an F1")
    return report
