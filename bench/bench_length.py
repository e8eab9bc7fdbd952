"""Cost against document length: the same news text coded as documents of 1, 10, 100 and 1,000 lines.

    python bench/bench_length.py                   # 1,000 lines; time and memory ratios per document size
    python bench/bench_length.py --rounds 5 --no-memory
    python bench/bench_length.py --profile         # where the coder's time goes on the 1,000-line document
    python bench/bench_length.py --chars 1000000   # one document of a million characters: time and peak memory

The text is real news: the sentences of ../shared/data/news-dev (when the shared folder is beside the checkout, else
the bundled example's), shuffled with a fixed seed and repeated to the number of lines, one sentence a line. Each
size splits the same lines into documents of that many lines, so every size codes the same text.

Time: each round runs the bare spaCy model's `nlp.pipe` and `Coder.pipe` (parse + all stages) on the same documents,
both in batches of 16 (the Coder's default), in alternating order; the ratio Coder/bare is taken per round and the
median of the rounds is printed, with the median times. A coder whose stages are linear in document length keeps the
same ratio at every size.

Memory: each path runs in a fresh subprocess, which loads its pipeline, codes one short warm-up document, and then
resets the kernel's peak-RSS mark (Linux `/proc/self/clear_refs`), so the peak read after the run is the memory the
documents needed on top of what was loaded. Both that working memory and the whole process's peak (model, gazetteer
and documents) are printed for each path. Where the peak cannot be reset, tracemalloc's peak of Python-level
allocations (spaCy's and numpy's included) stands in for the working memory.

Not a test: numbers depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import json
import os
import pstats
import random
import re
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
BATCH_SIZE = 16  # the Coder's default, for both paths


def sentences(data: Path) -> list[str]:
    """Sentences of real news: news-dev's passages when present, else the bundled example's lines."""
    gold = data / "news-dev" / "news_dev.jsonl"
    if gold.is_file():
        out = []
        with gold.open(encoding="utf-8") as f:
            for line in f:
                for paragraph in json.loads(line)["text"].splitlines():
                    out += [s for s in SENTENCE_END.split(paragraph.strip()) if s]
        return out
    text = (ROOT / "sanderling" / "data" / "example.txt").read_text(encoding="utf-8")
    return [line for line in text.splitlines() if line.strip()]


def news_lines(n: int, data: Path, seed: int = 0) -> list[str]:
    """n lines of news, one sentence each: the sentences shuffled, then cycled (reshuffled each pass) to reach n."""
    pool = sentences(data)
    rng = random.Random(seed)
    out: list[str] = []
    while len(out) < n:
        rng.shuffle(pool)
        out += pool
    return out[:n]


def split(lines: list[str], size: int) -> list[str]:
    """The lines as documents of `size` lines each."""
    return ["\n".join(lines[i:i + size]) for i in range(0, len(lines), size)]


def lines_for_chars(chars: int, data: Path) -> list[str]:
    """As many news lines as make `chars` characters (one document)."""
    lines = news_lines(1000, data)
    out, total = [], 0
    while total < chars:
        line = lines[len(out) % len(lines)]
        out.append(line)
        total += len(line) + 1
    return out


def load(path: str, max_chars: int, batch_size: int = BATCH_SIZE) -> Callable[[list[str]], int]:
    """A run over texts: the bare model's `nlp.pipe` or `Coder.pipe`, with the same batch size, each consuming its
    output as it streams."""
    import spacy

    from sanderling import Coder, Document
    from sanderling.annotate import MODEL

    if path == "bare":
        nlp = spacy.load(MODEL)
        nlp.max_length = max(nlp.max_length, max_chars + 1)
        return lambda texts: sum(len(doc) for doc in nlp.pipe(texts, batch_size=batch_size))
    coder = Coder(max_chars=max(max_chars, 1), batch_size=batch_size)
    return lambda texts: sum(len(r.events) for r in coder.pipe(Document(text=t, id=f"d{i}")
                                                                for i, t in enumerate(texts)))


def timed(run: Callable[[list[str]], int], texts: list[str]) -> float:
    t0 = time.perf_counter()
    run(texts)
    return time.perf_counter() - t0


def time_sizes(lines: list[str], sizes: list[int], rounds: int) -> dict[int, tuple[float, float, float]]:
    """size -> (median bare seconds, median Coder seconds, median of the per-round ratios Coder/bare)."""
    longest = max(len(t) for t in split(lines, max(sizes)))
    bare, coder = load("bare", longest), load("coder", longest)
    warm = lines[:100]
    bare(warm), coder(warm)
    out = {}
    for size in sizes:
        texts = split(lines, size)
        pairs = []
        for r in range(rounds):
            if r % 2:
                c = timed(coder, texts)
                b = timed(bare, texts)
            else:
                b = timed(bare, texts)
                c = timed(coder, texts)
            pairs.append((b, c))
        out[size] = (statistics.median(b for b, _ in pairs), statistics.median(c for _, c in pairs),
                     statistics.median(c / b for b, c in pairs))
        print(f"  timed {size:>5}-line documents: ratio {out[size][2]:.2f}", file=sys.stderr, flush=True)
    return out


def _status(field: str) -> int | None:
    """A /proc/self/status value in kB (VmRSS, VmHWM), None where there is none."""
    try:
        found = re.search(rf"^{field}:\s+(\d+)", Path("/proc/self/status").read_text(), re.M)
    except OSError:
        return None
    return int(found.group(1)) if found else None


def _reset_peak() -> bool:
    """Reset the kernel's peak-RSS mark (Linux 4.0+); False where that is not possible."""
    try:
        Path("/proc/self/clear_refs").write_text("5")
    except OSError:
        return False
    return _status("VmHWM") is not None


def child(path: str, texts: list[str]) -> dict:
    """Run one path in this (fresh) process: seconds, working memory and process peak, in MB."""
    run = load(path, max(len(t) for t in texts))
    run(["Kenya's foreign minister arrived in Addis Ababa on Tuesday."])
    gc.collect()
    base = _status("VmRSS")
    if _reset_peak() and base is not None:
        seconds = timed(run, texts)
        peak = _status("VmHWM")
        return {"seconds": seconds, "working_mb": (peak - base) / 1024, "peak_mb": peak / 1024, "how": "rss"}
    tracemalloc.start()
    seconds = timed(run, texts)
    _, peak_bytes = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {"seconds": seconds, "working_mb": peak_bytes / 2**20, "peak_mb": None, "how": "tracemalloc"}


def in_subprocess(path: str, lines: list[str], size: int) -> dict:
    """`child` in a fresh interpreter, the documents passed as JSON on standard input."""
    proc = subprocess.run([sys.executable, __file__, "--child", path, "--size", str(size)],
                          input=json.dumps(lines), capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"the {path} subprocess failed:\n{proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def memory_sizes(lines: list[str], sizes: list[int]) -> dict[int, tuple[dict, dict]]:
    """size -> (bare, Coder) measurements from fresh subprocesses."""
    out = {}
    for size in sizes:
        out[size] = (in_subprocess("bare", lines, size), in_subprocess("coder", lines, size))
        print(f"  measured memory of {size:>5}-line documents", file=sys.stderr, flush=True)
    return out


def profile(lines: list[str], top: int) -> None:
    """cProfile of Coder.code_doc on all the lines as one document (the parse is not profiled)."""
    from sanderling import Coder, Document

    text = "\n".join(lines)
    coder = Coder(max_chars=max(len(text), 1))
    coder.code("Kenya's foreign minister arrived in Addis Ababa on Tuesday.")
    doc = coder.nlp(text)
    profiler = cProfile.Profile()
    profiler.runcall(coder.code_doc, doc, Document(text=text, id="long"))
    pstats.Stats(profiler).sort_stats("cumulative").print_stats(top)


def _mb(value: float | None) -> str:
    return "-" if value is None else f"{value:,.0f}"


def _ratio(a: float | None, b: float | None) -> str:
    return "-" if a is None or not b else f"{a / b:.2f}"


def report(lines: list[str], sizes: list[int], times: dict, memory: dict) -> None:
    chars = sum(len(line) + 1 for line in lines)
    print(f"text: {len(lines):,} lines, {chars:,} characters; Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"{'lines/doc':>9} {'docs':>5} {'bare s':>8} {'Coder s':>8} {'ratio':>6}   "
          f"{'work MB bare':>12} {'Coder':>6} {'ratio':>6}   {'peak MB bare':>12} {'Coder':>6} {'ratio':>6}")
    for size in sizes:
        bare_s, coder_s, ratio = times.get(size, (None, None, None))
        b, c = memory.get(size, ({}, {}))
        timing = f"{bare_s:8.2f} {coder_s:8.2f} {ratio:6.2f}" if ratio is not None else f"{'-':>8} {'-':>8} {'-':>6}"
        print(f"{size:>9} {len(split(lines, size)):>5} {timing}   "
              f"{_mb(b.get('working_mb')):>12} {_mb(c.get('working_mb')):>6} "
              f"{_ratio(c.get('working_mb'), b.get('working_mb')):>6}   "
              f"{_mb(b.get('peak_mb')):>12} {_mb(c.get('peak_mb')):>6} {_ratio(c.get('peak_mb'), b.get('peak_mb')):>6}")
    hows = {m.get("how") for pair in memory.values() for m in pair}
    if "tracemalloc" in hows:
        print("working memory: tracemalloc peak of Python-level allocations (the peak RSS could not be reset)")


def one_document(chars: int, data: Path) -> None:
    """Time and memory of one document of `chars` characters, bare parse and Coder, each in a fresh process."""
    lines = lines_for_chars(chars, data)
    size = len(lines)
    bare, coder = in_subprocess("bare", lines, size), in_subprocess("coder", lines, size)
    total = sum(len(line) + 1 for line in lines) - 1
    print(f"one document of {total:,} characters ({size:,} lines)")
    for name, m in (("bare nlp.pipe", bare), ("Coder.pipe", coder)):
        print(f"  {name:14} {m['seconds']:8.1f} s   working {_mb(m['working_mb'])} MB   peak {_mb(m['peak_mb'])} MB")
    print(f"  ratio Coder/bare: time {coder['seconds'] / bare['seconds']:.2f}, "
          f"working memory {_ratio(coder['working_mb'], bare['working_mb'])}, peak {_ratio(coder['peak_mb'], bare['peak_mb'])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--lines", type=int, default=1000, help="lines of text in all (default 1000)")
    parser.add_argument("--sizes", default="1,10,100,1000", help="lines per document, comma-separated")
    parser.add_argument("--rounds", type=int, default=3, help="timing rounds per size (default 3)")
    parser.add_argument("--data", type=Path, default=SHARED_DATA, help="shared/data folder (for news-dev's text)")
    parser.add_argument("--no-memory", action="store_true", help="skip the memory subprocesses")
    parser.add_argument("--profile", action="store_true", help="profile the coding of all lines as one document")
    parser.add_argument("--top", type=int, default=30, help="functions the profile prints")
    parser.add_argument("--chars", type=int, help="measure one document of this many characters instead")
    parser.add_argument("--child", choices=("bare", "coder"), help=argparse.SUPPRESS)
    parser.add_argument("--size", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, split(json.load(sys.stdin), args.size))))
        return
    if args.chars:
        one_document(args.chars, args.data)
        return
    lines = news_lines(args.lines, args.data)
    if args.profile:
        profile(lines, args.top)
        return
    sizes = [int(s) for s in args.sizes.split(",")]
    times = time_sizes(lines, sizes, args.rounds)
    memory = {} if args.no_memory else memory_sizes(lines, sizes)
    report(lines, sizes, times, memory)


if __name__ == "__main__":
    main()
