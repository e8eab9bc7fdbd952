"""PETRARCH2's validation suites, coded from their text with the suites' own dictionaries.

A record is exact when the set of (source code, target code, CAMEO code) of the events we code equals the expected
set; a record expecting no event (`noevents` or `error`) is exact when nothing is coded. This is the suites' own
convention (see `reference-runs/summary.json`), so the reference runs of PETRARCH2 and UDPetrarch stand beside ours.
Only asserted events with both actors coded count (PETRARCH drops events without a dyad, `require_dyad`).

The suites are coded with `--dictionaries-mode replace`: the dictionary coder (`sanderling.dictionaries.coding`)
alone, with the suite's actors, agents, verb patterns and discards. The news sentences are PETRARCH-2's, so they
are coded as PETRARCH-2 reads its dictionaries: paired codes as active:passive, and its own coding ontology
(`dictionaries/PETR.Internal.Coding.Ontology.txt`) for negation and for events about events, whose codes it adds
(`nested_codes="combine"`). A record's `config: require_dyad=false` is honoured
in the original suite (one-sided events are then coded, with target `---`); the 2018 revision and the news sentences
were coded for coders that ignore it.
"""

from __future__ import annotations

import json
from collections import Counter
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..model import Document
from .base import EvalReport, read_jsonl, register

if TYPE_CHECKING:
    from ..coder import Coder

Triple = tuple[str | None, str | None, str | None]
# PETRARCH-2 reads this file from beside its code whatever the dictionaries; the Phoenix folder has none
PETRARCH2_ONTOLOGY = "dictionaries/PETR.Internal.Coding.Ontology.txt"


def _expected(record: dict[str, Any]) -> set[Triple]:
    if record.get("noevents") or record.get("error"):
        return set()
    return {(e.get("source"), e.get("target"), e.get("code")) for e in record.get("expected") or []}


def _cause(gold: set[Triple], out: set[Triple]) -> str:
    """The main reason a record is not exact, for grouping failures."""
    if not out:
        return "nothing coded"
    if not gold:
        return "events coded where none are expected"
    gold_dyads = {(s, t) for s, t, _ in gold}
    out_dyads = {(s, t) for s, t, _ in out}
    if gold_dyads & out_dyads:
        return "right actors, other event code" if out_dyads <= gold_dyads else "extra events beside right ones"
    gold_actors = {a for s, t, _ in gold for a in (s, t)}
    if gold_actors & {a for s, t, _ in out for a in (s, t)}:
        return "one actor right, the other wrong or missing"
    return "actors wrong"


def _reference(folder: Path, keys: list[str]) -> list[list[Any]]:
    path = folder / "reference-runs" / "summary.json"
    if not path.is_file():
        return []
    summary = json.loads(path.read_text(encoding="utf-8"))
    rows = []
    for key in keys:
        run = summary.get(key) or {}
        if run.get("records"):
            rows.append([key, run["records"], run["exact"], round(run["exact"] / run["records"], 3),
                         run.get("parses", run.get("coder", ""))])
    return rows


def _run(name: str, gold_name: str, dictionaries: str, references: list[str], path: Path, coder: Coder,
         limit: int | None, ontology: str | None = None, paired_codes: str = "symmetric",
         honour_config: bool = True, nested_codes: str = "rules") -> EvalReport:
    folder = path if path.is_dir() else path.parent
    gold_file = folder / gold_name if path.is_dir() else path
    from ..coder import Coder as CoderClass
    from ..dictionaries.actor_codes import load_dictionaries

    report = EvalReport(name, str(gold_file))
    records = list(read_jsonl(gold_file, report, limit))
    if not records:  # not this suite's file: say so before looking for its dictionaries beside it
        return report
    loaded = load_dictionaries(folder / dictionaries, ontology=folder / ontology if ontology else None)
    coders = {dyad: CoderClass(coder.nlp, dictionaries=loaded, dictionaries_mode="replace", paired_codes=paired_codes,
                               require_dyad=dyad, nested_codes=nested_codes) for dyad in (True, False)}
    docs = []
    for line_no, record in records:
        day = None
        try:
            day = date.fromisoformat(record["date"]) if record.get("date") else None
        except ValueError:
            report.notes.append(f"{gold_file}:{line_no}: date {record.get('date')!r} not read; coded without one")
        docs.append(Document(text=record.get("text") or "", id=str(record.get("id", line_no)), date=day))
    exact = evaluated = evaluated_exact = 0
    causes: Counter = Counter()
    dyads = [bool((record.get("config") or {}).get("require_dyad", True)) or not honour_config
             for _, record in records]
    results: dict[int, Any] = {}
    for dyad, dict_coder in coders.items():  # the record's `config`: require_dyad
        chosen = [k for k, flag in enumerate(dyads) if flag == dyad]
        results.update(zip(chosen, dict_coder.pipe([docs[k] for k in chosen])))
    for k, (line_no, record) in enumerate(records):
        result = results[k]
        if result.error:
            report.skipped.append(f"{gold_file}:{line_no} (id={record.get('id')}): {result.error}")
            continue
        report.records += 1
        gold = _expected(record)
        out = {(e.source.code, e.target.code if e.target is not None else "---", e.cameo) for e in result.events
               if e.source.code and (e.target is None or e.target.code)}
        hit = gold == out
        exact += hit
        if record.get("evaluate", True):
            evaluated += 1
            evaluated_exact += hit
        if not hit:
            cause = _cause(gold, out)
            causes[cause] += 1
            report.errors.append({"id": record.get("id"), "line": line_no, "text": record.get("text"),
                                  "gold": sorted("/".join(str(x) for x in t) for t in gold),
                                  "output": sorted("/".join(str(x) for x in t) for t in out), "cause": cause})
    n = report.records
    report.headline = {"exact_rate": exact / n if n else 0.0,
                       "exact_rate_evaluate_true": evaluated_exact / evaluated if evaluated else 0.0}
    report.tables.append(("failures by cause", ["cause", "records"], [[c, k] for c, k in causes.most_common()]))
    reference = _reference(folder, references)
    if reference:
        report.tables.append(("reference runs on their own parses (their numbers, reference-runs/summary.json)",
                              ["run", "records", "exact", "rate", "parses"], reference))
    report.notes.append(f"coded from the text with the dictionaries of {dictionaries} alone "
                        f"(--dictionaries-mode replace, paired codes {paired_codes}, nested codes {nested_codes})")
    return report


@register("petrarch-suite", "petrarch2", "PETRARCH2 validation suite (validation.jsonl): exact-record rate")
def run_suite(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    return _run("petrarch-suite", "validation.jsonl", "validate-dictionaries", ["petrarch2_on_validation"],
                path, coder, limit)


@register("petrarch-suite-ud", "petrarch2", "PETRARCH2 suite revised 2018 (validation_ud_2_02.jsonl): exact-record rate")
def run_suite_ud(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    return _run("petrarch-suite-ud", "validation_ud_2_02.jsonl", "dictionaries/ud-validate-2_02",
                ["petrarch2_on_validation_ud_2_02", "udpetrarch_py3_on_validation_ud_2_02"], path, coder, limit,
                honour_config=False)  # the 2018 codings leave one-sided events out (3 of 23 require_dyad=false records)


@register("petrarch-gsr", "petrarch2", "PETRARCH2 news sentences (gsr_validation.jsonl), Phoenix dictionaries")
def run_gsr(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    return _run("petrarch-gsr", "gsr_validation.jsonl", "phoenix-dictionaries",
                ["petrarch2_on_gsr_validation", "udpetrarch_py3_on_gsr_validation"], path, coder, limit,
                ontology=PETRARCH2_ONTOLOGY, paired_codes="active-passive", honour_config=False,
                nested_codes="combine")
