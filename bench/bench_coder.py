"""Throughput of the coder against the bare spaCy parse it is built on, measured in one run on the same texts.

    python bench/bench_coder.py            # ~200 documents: the bundled example + shared/data texts if present
    python bench/bench_coder.py -n 500 --batch-size 32

Prints documents/s and tokens/s for the bare spaCy model's `nlp.pipe`, for the Coder's annotated pipeline (the
model plus the news fixes: sentence rules and the gazetteer entity ruler), and for `Coder.pipe` (parse + all
stages); the ratio Coder time / bare parse time is the cost sanderling adds on top of parsing; and the machine.
Each round times the three paths one after the other (the order turns from round to round); a ratio is taken
within one round, where both paths met the same machine load, and the median over rounds is reported, for
wall-clock time and for CPU time (`time.process_time`, which a busy machine disturbs less). Not a test: numbers
depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import json
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

csv.field_size_limit(sys.maxsize)
SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def example_paragraphs() -> list[str]:
    text = (Path(__file__).resolve().parents[1] / "sanderling" / "data" / "example.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()] + [text]


def shared_texts(data: Path, per_source: int) -> Iterator[tuple[str, str]]:
    """(source name, text) from the third-party sets in shared/data, whichever are present."""
    wiki = data / "wikievents" / "dev.jsonl"
    if wiki.is_file():
        with wiki.open(encoding="utf-8") as f:
            for line in itertools.islice(f, per_source):
                yield "wikievents", json.loads(line)["text"]
    ngec = data / "NGEC" / "gpt_synthetic_events_2023-10-19_19.csv"
    if ngec.is_file():
        with ngec.open(encoding="utf-8", newline="") as f:
            for row in itertools.islice(csv.DictReader(f), per_source):
                yield "NGEC synthetic", row["text"]
    gsr = data / "plover-gsr-cameo" / "gold.jsonl"
    if gsr.is_file():
        with gsr.open(encoding="utf-8") as f:
            for line in itertools.islice(f, per_source):
                yield "plover-gsr", json.loads(line)["text"]


def corpus(n: int, data: Path, use_shared: bool) -> tuple[list[str], dict[str, int]]:
    """n texts: the example's paragraphs plus shared texts, cycled to reach n."""
    pool = [("example", t) for t in example_paragraphs()]
    if use_shared and data.is_dir():
        pool += list(shared_texts(data, per_source=max(1, n // 3)))
    picked = list(itertools.islice(itertools.cycle(pool), n))
    sources: dict[str, int] = {}
    for name, _ in picked:
        sources[name] = sources.get(name, 0) + 1
    return [t for _, t in picked], sources


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine()


@dataclass(frozen=True)
class Timing:
    """Wall-clock and CPU seconds of one run of one path."""

    wall: float
    cpu: float


def timed(run: Callable[[], Any]) -> tuple[Timing, Any]:
    """Run once; its wall-clock and CPU (`time.process_time`: all threads of this process) seconds, and its value."""
    wall, cpu = time.perf_counter(), time.process_time()
    value = run()
    return Timing(time.perf_counter() - wall, time.process_time() - cpu), value


def run_rounds(paths: dict[str, Callable[[], Any]], rounds: int) -> tuple[list[dict[str, Timing]], dict[str, Any]]:
    """Time every path once per round, starting each round one path further on, so that no path always runs
    first (warm caches) or last; each path's timings per round and its last value."""
    names = list(paths)
    timings: list[dict[str, Timing]] = []
    values: dict[str, Any] = {}
    for k in range(rounds):
        this_round: dict[str, Timing] = {}
        for name in names[k % len(names):] + names[:k % len(names)]:
            this_round[name], values[name] = timed(paths[name])
        timings.append(this_round)
    return timings, values


def median_ratios(timings: list[dict[str, Timing]], name: str, base: str) -> dict[str, float]:
    """Median over rounds of path time / base time measured in the same round (wall and CPU), with the wall range."""
    wall = [t[name].wall / t[base].wall for t in timings]
    return {"wall": statistics.median(wall), "cpu": statistics.median(t[name].cpu / t[base].cpu for t in timings),
            "wall_low": min(wall), "wall_high": max(wall)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-n", type=int, default=200, help="number of documents (default 200)")
    parser.add_argument("--batch-size", type=int, default=16, help="spaCy batch size for both runs")
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="shared/data folder with gold sets")
    parser.add_argument("--rounds", type=int, default=3, help="rounds; the median of per-round ratios counts")
    parser.add_argument("--example-only", action="store_true", help="use only the bundled example")
    args = parser.parse_args()

    import spacy

    from sanderling import Coder, Document

    texts, sources = corpus(args.n, args.data, not args.example_only)
    chars = sum(len(t) for t in texts)
    t0 = time.perf_counter()
    coder = Coder(batch_size=args.batch_size)
    load = time.perf_counter() - t0
    nlp = coder.nlp
    bare = spacy.load(nlp.meta["lang"] + "_" + nlp.meta["name"])
    # Warm up every path so that lazy loading is not timed.
    list(bare.pipe(texts[:4], batch_size=args.batch_size))
    list(nlp.pipe(texts[:4], batch_size=args.batch_size))
    list(coder.pipe(Document(text=t, id=f"warm{i}") for i, t in enumerate(texts[:4])))

    timings, values = run_rounds({
        "parse": lambda: sum(len(doc) for doc in bare.pipe(texts, batch_size=args.batch_size)),
        "annotate": lambda: list(nlp.pipe(texts, batch_size=args.batch_size)),
        "coder": lambda: list(coder.pipe(Document(text=t, id=f"d{i}") for i, t in enumerate(texts))),
    }, args.rounds)
    tokens, results = values["parse"], values["coder"]
    events = sum(len(r.events) for r in results)
    errors = sum(r.error is not None for r in results)
    full, annotated = median_ratios(timings, "coder", "parse"), median_ratios(timings, "annotate", "parse")

    print(f"machine: {cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
          f"spaCy {spacy.__version__}, model {nlp.meta.get('name')} {nlp.meta.get('version')}")
    print(f"corpus: {len(texts)} documents, {tokens:,} tokens, {chars:,} characters "
          f"({', '.join(f'{k}: {v}' for k, v in sources.items())}); pipeline load {load:.1f}s")
    print(f"median of {args.rounds} rounds{'':7}{'seconds':>10}{'CPU s':>10}{'docs/s':>10}{'tokens/s':>12}")
    rows = (("bare spaCy nlp.pipe", "parse"), ("+ news fixes (annotate)", "annotate"),
            ("Coder.pipe (all stages)", "coder"))
    for label, name in rows:
        wall = statistics.median(t[name].wall for t in timings)
        cpu = statistics.median(t[name].cpu for t in timings)
        print(f"{label:26}{wall:10.2f}{cpu:10.2f}{len(texts) / wall:10.1f}{tokens / wall:12,.0f}")
    print(f"ratio Coder.pipe / bare spaCy parse, median of per-round ratios: {full['wall']:.2f} wall-clock "
          f"(rounds {full['wall_low']:.2f}-{full['wall_high']:.2f}), {full['cpu']:.2f} CPU time; "
          f"annotate alone: {annotated['wall']:.2f} wall-clock, {annotated['cpu']:.2f} CPU; "
          f"{events} events, {errors} documents with errors")


if __name__ == "__main__":
    main()
