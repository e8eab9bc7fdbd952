"""Cost of coding with PETRARCH dictionaries: loading a folder, and coding against the bare parse, in one run.

    python bench/bench_dictionaries.py                       # shared/data/petrarch2/phoenix-dictionaries, ~200 docs
    python bench/bench_dictionaries.py -n 500 --dictionaries path/to/folder --json
    python bench/bench_dictionaries.py --nested-codes combine \
        --ontology ../shared/data/petrarch2/dictionaries/PETR.Internal.Coding.Ontology.txt   # PETRARCH-2's reading

Prints the best and median time of loading the folder (goal: under 2 s) with what it holds; then, on the texts
bench_coder.py uses, the bare parse (the coder's pipeline), dictionary coding alone on documents parsed beforehand,
and `Coder.pipe` with the dictionaries in "replace" and "merge" mode and without dictionaries. The ratio dictionary
coding / bare parse is what the dictionaries add to parsing (goal: at most 0.30); PETRARCH-2's throughput on
pre-parsed sentences is printed beside ours. Not a test: numbers depend on the machine and on what else runs on it.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench_coder  # noqa: E402  (its corpus and machine description, so both benchmarks code the same texts)

if TYPE_CHECKING:
    from sanderling.dictionaries.actor_codes import DictionarySet

DICTIONARIES = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2" / "phoenix-dictionaries"
PETRARCH2_SENTENCES_PER_S = (1400, 1500)  # PETRARCH-2 on this machine, pre-parsed input (its CoreNLP parse excluded)
RATIO_GOAL = 0.30
LOAD_GOAL = 2.0


def timed(run: Callable[[], Any]) -> float:
    t0 = time.perf_counter()
    run()
    return time.perf_counter() - t0


def measure_loading(folder: Path, loads: int, ontology: Path | None = None) -> dict[str, Any]:
    """Best and median of several loads, so that one slow moment of the machine does not decide."""
    from sanderling.dictionaries.actor_codes import load_dictionaries

    seconds = []
    for _ in range(loads):
        t0 = time.perf_counter()
        d = load_dictionaries(folder, ontology=ontology)
        seconds.append(time.perf_counter() - t0)
    return {"dictionaries": d, "best": min(seconds), "median": statistics.median(seconds),
            "actor_keys": len(d.actors), "agents": len(d.agents),
            "verb_patterns": len(d.verbs.patterns) if d.verbs is not None else 0, "discards": len(d.discards),
            "problems": len(d.problems)}


def measure_coding(dictionaries: DictionarySet, texts: list[str], rounds: int, batch_size: int,
                   nested_codes: str = "rules") -> dict[str, Any]:
    """Best time of each path over alternating rounds, so that a busy moment does not fall on one path only."""
    from sanderling.coder import Coder
    from sanderling.model import Document

    coder = Coder(dictionaries=dictionaries, dictionaries_mode="replace", batch_size=batch_size,
                  nested_codes=nested_codes)
    nlp = coder.nlp
    docs = list(nlp.pipe(texts, batch_size=batch_size))
    coders = {"replace": coder,
              "merge": Coder(nlp=nlp, dictionaries=dictionaries, dictionaries_mode="merge", batch_size=batch_size,
                             nested_codes=nested_codes),
              "none": Coder(nlp=nlp, batch_size=batch_size)}

    def documents() -> list[Document]:
        return [Document(text=t, id=str(i)) for i, t in enumerate(texts)]

    def dictionary_coding() -> int:
        return sum(len(coder.dictionary_coder.code(doc, None)) for doc in docs)

    for c in coders.values():  # warm up, so that lazy loading is not timed
        list(c.pipe(documents()[:4]))
    events = dictionary_coding()
    paths: dict[str, Callable[[], Any]] = {
        "parse": lambda: list(nlp.pipe(texts, batch_size=batch_size)),
        "dictionary_coding": dictionary_coding,
        **{f"pipe_{mode}": (lambda c=c: list(c.pipe(documents()))) for mode, c in coders.items()},
    }
    best = dict.fromkeys(paths, float("inf"))
    for _ in range(rounds):
        for name, run in paths.items():
            best[name] = min(best[name], timed(run))
    return {"seconds": best, "documents": len(docs), "sentences": sum(1 for doc in docs for _ in doc.sents),
            "tokens": sum(len(doc) for doc in docs), "dictionary_events": events, "model": nlp.meta}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--dictionaries", type=Path, default=DICTIONARIES, help="folder of PETRARCH dictionaries")
    parser.add_argument("-n", type=int, default=200, help="number of documents (default 200)")
    parser.add_argument("--batch-size", type=int, default=16, help="spaCy batch size for every path")
    parser.add_argument("--data", type=Path, default=bench_coder.SHARED_DATA, help="shared/data folder with texts")
    parser.add_argument("--loads", type=int, default=3, help="dictionary loads timed (default 3)")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds; the best time of each path counts")
    parser.add_argument("--example-only", action="store_true", help="use only the bundled example")
    parser.add_argument("--json", action="store_true", help="print the results as JSON")
    parser.add_argument("--ontology", type=Path, default=None, help="a PETRARCH coding ontology file")
    parser.add_argument("--nested-codes", choices=("rules", "combine"), default="rules",
                        help="events about events: rules (default) or combine (needs an ontology)")
    args = parser.parse_args()
    if not args.dictionaries.is_dir():
        sys.exit(f"no dictionary folder at {args.dictionaries}: give one with --dictionaries DIR")

    # The folder's problems are counted in the report, not printed line by line.
    logging.getLogger("sanderling.dictionaries").setLevel(logging.ERROR)
    import spacy

    texts, sources = bench_coder.corpus(args.n, args.data, not args.example_only)
    loading = measure_loading(args.dictionaries, args.loads, args.ontology)
    coding = measure_coding(loading.pop("dictionaries"), texts, args.rounds, args.batch_size, args.nested_codes)
    s, n, sentences = coding.pop("seconds"), coding["documents"], coding["sentences"]
    model = coding.pop("model")
    ratios = {name: s[name] / s["parse"] for name in s if name != "parse"}
    machine = (f"{bench_coder.cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
               f"spaCy {spacy.__version__}, model {model.get('name')} {model.get('version')}")

    if args.json:
        print(json.dumps({"machine": machine, "folder": str(args.dictionaries), "nested_codes": args.nested_codes,
                          "loading": loading,
                          "corpus": {**coding, "sources": sources}, "seconds": s, "ratios_to_parse": ratios,
                          "dictionary_coding_sentences_per_s": sentences / s["dictionary_coding"],
                          "petrarch2_sentences_per_s": PETRARCH2_SENTENCES_PER_S}, indent=2))
        return
    print(f"machine: {machine}")
    print(f"dictionaries: {args.dictionaries}; nested codes: {args.nested_codes}")
    print(f"loading: best {loading['best']:.2f}s, median {loading['median']:.2f}s of {args.loads} "
          f"(goal < {LOAD_GOAL:.0f}s); {loading['actor_keys']:,} actor index keys, {loading['agents']:,} agents, "
          f"{loading['verb_patterns']:,} verb patterns, {loading['discards']:,} discards, "
          f"{loading['problems']:,} problems")
    print(f"corpus: {n} documents, {sentences:,} sentences, {coding['tokens']:,} tokens "
          f"({', '.join(f'{k}: {v}' for k, v in sources.items())}); "
          f"{coding['dictionary_events']} dictionary events")
    print(f"{'':36}{'seconds':>10}{'docs/s':>10}{'sents/s':>10}{'/ parse':>10}")
    rows = (("bare parse (coder's nlp.pipe)", "parse"), ("dictionary coding, pre-parsed docs", "dictionary_coding"),
            ("Coder.pipe, dictionaries replace", "pipe_replace"), ("Coder.pipe, dictionaries merge", "pipe_merge"),
            ("Coder.pipe, no dictionaries", "pipe_none"))
    for label, name in rows:
        ratio = f"{ratios[name]:10.2f}" if name in ratios else f"{'':10}"
        print(f"{label:36}{s[name]:10.2f}{n / s[name]:10.1f}{sentences / s[name]:10.0f}{ratio}")
    verdict = "met" if ratios["dictionary_coding"] <= RATIO_GOAL else "NOT met"
    print(f"dictionary coding / bare parse: {ratios['dictionary_coding']:.2f} (goal <= {RATIO_GOAL:.2f}: {verdict})")
    low, high = PETRARCH2_SENTENCES_PER_S
    print(f"pre-parsed sentences/s: sanderling dictionary coding {sentences / s['dictionary_coding']:,.0f}, "
          f"PETRARCH-2 {low:,}-{high:,} (its CoreNLP parse excluded)")


if __name__ == "__main__":
    main()
