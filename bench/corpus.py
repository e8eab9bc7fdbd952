"""A corpus run through the store against bare spaCy parsing of the same documents, with 1 and with N workers.

    python bench/corpus.py                 # 2,000 documents, 1 worker and all cores
    python bench/corpus.py -n 4000 --workers 1 2

For each worker count, in one run on the same documents (NGEC synthetic stories and other texts from shared/data
when present, else the bundled example's paragraphs, each made a distinct document):
- bare: `nlp.pipe(texts, n_process=N)` of the model alone;
- corpus: `run_corpus` on a JSONL file of the documents into a fresh DuckDB store (ingest, duplicate check, coding
  on N processes, one transaction per batch, story linking).
Each is run in its own subprocess so that its peak memory (`ru_maxrss` of the process and of its largest worker)
is its own. Prints docs/s, tokens/s, peak RSS, the corpus/bare time ratio at equal workers and the speed-up from 1
to N workers; the store's resident memory is sampled as the run goes, to show it stays flat. Not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_coder import SHARED_DATA, example_paragraphs, shared_texts  # noqa: E402


def rss_mb() -> float:
    """The resident memory of this process now, in MB (Linux)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return float("nan")


def descendants_peak_mb() -> float:
    """The largest peak resident memory (VmHWM) among this process's descendants now alive, in MB (Linux): pool
    workers are children of multiprocessing's fork server, not of this process, so `RUSAGE_CHILDREN` misses them."""
    peak, stack, seen = 0.0, [os.getpid()], set()
    while stack:
        pid = stack.pop()
        for children in Path(f"/proc/{pid}/task").glob("*/children"):
            try:
                stack += [int(c) for c in children.read_text().split() if int(c) not in seen]
            except OSError:
                continue
        if pid != os.getpid():
            seen.add(pid)
            try:
                for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                    if line.startswith("VmHWM:"):
                        peak = max(peak, int(line.split()[1]) / 1024)
            except OSError:
                pass
    return peak


def peak_mb() -> dict[str, float]:
    """Peak resident memory of this process and of its largest child process (a worker), in MB."""
    unit = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss is bytes on macOS, KB on Linux
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / unit
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / unit
    return {"peak_rss_mb": round(own, 1), "peak_worker_rss_mb": round(kids, 1)}


def distinct_texts(n: int, use_shared: bool) -> tuple[list[str], dict[str, int]]:
    """Up to n different texts (a corpus of copies would measure the duplicate finder, not the coder): the shared
    sets' texts when present, else the example's paragraphs (then copies are unavoidable and the run says so)."""
    seen: dict[str, str] = {}
    pool = list(shared_texts(SHARED_DATA, per_source=n)) if use_shared and SHARED_DATA.is_dir() else []
    for name, text in [*pool, *(("example", t) for t in example_paragraphs())]:
        if len(seen) < n:
            seen.setdefault(text, name)
    texts = list(seen)
    while len(texts) < n:
        texts.append(texts[len(texts) % len(seen)])
    sources: dict[str, int] = {}
    for text in texts:
        sources[seen[text]] = sources.get(seen[text], 0) + 1
    return texts, sources


def one_bare(texts: list[str], workers: int) -> dict:
    import spacy

    from sanderling.annotate import MODEL

    nlp = spacy.load(MODEL)  # the model alone, as the coder loads it before adding its news fixes
    start = time.perf_counter()
    tokens = sum(len(doc) for doc in nlp.pipe(texts, n_process=workers, batch_size=32))
    return {"seconds": time.perf_counter() - start, "tokens": tokens, **peak_mb()}


def one_corpus(path: Path, workers: int) -> dict:
    from sanderling.corpus.run import run_corpus

    samples: list[tuple[int, float]] = []

    workers_peak = [0.0]

    def progress(summary) -> None:
        samples.append((summary.coded + summary.skipped + summary.duplicates, round(rss_mb(), 1)))
        workers_peak[0] = max(workers_peak[0], descendants_peak_mb())

    with tempfile.TemporaryDirectory() as tmp:
        start = time.perf_counter()
        summary = run_corpus([path], Path(tmp) / "bench.duckdb", workers=workers, progress=progress)
        seconds = time.perf_counter() - start
    quarter = [samples[int(len(samples) * f) - 1] for f in (0.25, 0.5, 0.75, 1.0)] if len(samples) >= 4 else samples
    return {"seconds": seconds, "coded": summary.coded, "events": summary.events, "skipped": summary.skipped,
            "duplicates": summary.duplicates, "rss_as_it_goes": quarter, **peak_mb(),
            "peak_worker_rss_mb": round(workers_peak[0], 1)}


def run_child(mode: str, data: Path, workers: int) -> dict:
    out = subprocess.run([sys.executable, __file__, "--child", mode, "--data", str(data), "--workers", str(workers)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("-n", type=int, default=2000, help="documents (default 2,000)")
    parser.add_argument("--workers", type=int, nargs="*", help="worker counts (default: 1 and all cores)")
    parser.add_argument("--no-shared", action="store_true", help="only the bundled example's paragraphs")
    parser.add_argument("--child", choices=["bare", "corpus"], help=argparse.SUPPRESS)
    parser.add_argument("--data", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        if args.child == "bare":
            texts = [json.loads(line)["text"] for line in args.data.read_text(encoding="utf-8").splitlines()]
            print(json.dumps(one_bare(texts, args.workers[0])))
        else:
            print(json.dumps(one_corpus(args.data, args.workers[0])))
        return

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    counts = args.workers or sorted({1, cores})
    texts, sources = distinct_texts(args.n, not args.no_shared)
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "docs.jsonl"
        with data.open("w", encoding="utf-8") as f:
            for n, text in enumerate(texts):
                f.write(json.dumps({"id": f"d{n}", "text": text, "date": "2024-03-04"}) + "\n")
        print(f"{len(texts):,} documents ({', '.join(f'{k} {v}' for k, v in sources.items())}); "
              f"{platform.processor() or platform.machine()}, {cores} cores, Python {platform.python_version()}")
        results = {}
        for workers in counts:
            bare = run_child("bare", data, workers)
            run = run_child("corpus", data, workers)
            results[workers] = (bare, run)
            tokens = bare["tokens"]
            print(f"\n{workers} worker(s)")
            print(f"  bare parse : {len(texts) / bare['seconds']:8.1f} docs/s {tokens / bare['seconds']:10.0f} tokens/s "
                  f"peak RSS {bare['peak_rss_mb']:.0f} MB (largest worker {bare['peak_worker_rss_mb']:.0f} MB)")
            print(f"  corpus run : {len(texts) / run['seconds']:8.1f} docs/s {tokens / run['seconds']:10.0f} tokens/s "
                  f"peak RSS {run['peak_rss_mb']:.0f} MB (largest worker {run['peak_worker_rss_mb']:.0f} MB); "
                  f"{run['coded']:,} coded, {run['events']:,} events, {run['skipped']} skipped, "
                  f"{run['duplicates']} duplicates")
            print(f"  corpus / bare time: {run['seconds'] / bare['seconds']:.2f}x (goal <= 1.35x)")
            print(f"  main process RSS as the run goes (documents, MB): {run['rss_as_it_goes']}")
        if 1 in results and len(results) > 1:
            for workers, (bare, run) in results.items():
                if workers > 1:
                    print(f"\nspeed-up 1 -> {workers} workers: corpus {results[1][1]['seconds'] / run['seconds']:.2f}x, "
                          f"bare {results[1][0]['seconds'] / bare['seconds']:.2f}x (goal >= {0.8 * workers:.1f}x)")


if __name__ == "__main__":
    main()
