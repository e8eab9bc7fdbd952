"""news-dev: real English news passages hand-coded by the project's news annotation guide (PLOVER 0.8).

Scored as the set's README says ("Scoring"): per passage, output events are matched one-to-one to gold events,
greedily in gold order. A pair matches when the output's PLOVER type is the gold type or one of its
`plover_alternatives`, and the source and target countries are equal; a gold `null` country matches any country
(none included) and a gold `null` target any target. Every output event counts, whatever its factuality. On the
matched pairs: date accuracy (the output date starts with the gold date, over gold events that carry one) and
factuality accuracy. Negative passages (no gold events) count through precision only.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date as Date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import DateError
from ..model import PLOVER_TYPES, Document, Event
from ..temporal import parse_pub_date
from .base import EvalReport, prf, read_jsonl, register

if TYPE_CHECKING:
    from ..coder import Coder


def _pub_date(value: Any) -> Date | None:
    """The record's publication day; None where the page showed none (relative days then stay unresolved)."""
    try:
        return parse_pub_date(value) if isinstance(value, str) else None
    except DateError:
        return None


def matches(gold: dict[str, Any], out: Event) -> bool:
    """The README's rule: type (or an accepted alternative), source country, target country; null is a wildcard."""
    types = {gold.get("plover")} | set(gold.get("plover_alternatives") or [])
    if out.event_type not in types:
        return False
    src = (gold.get("source") or {}).get("country")
    if src is not None and out.source.country != src:
        return False
    tgt = gold.get("target")
    if tgt is None:
        return True
    tgt_country = tgt.get("country")
    return tgt_country is None or (out.target is not None and out.target.country == tgt_country)


def align(gold_events: list[dict[str, Any]], output: list[Event]) -> list[tuple[int, int]]:
    """Greedy one-to-one matching in gold order: (gold index, output index) pairs."""
    used: set[int] = set()
    pairs = []
    for g, gold in enumerate(gold_events):
        for o, out in enumerate(output):
            if o not in used and matches(gold, out):
                used.add(o)
                pairs.append((g, o))
                break
    return pairs


def _gold_str(e: dict[str, Any]) -> str:
    src, tgt = e.get("source") or {}, e.get("target")
    target = "-" if tgt is None else f"{tgt.get('country')}({tgt.get('text')})"
    return (f"{e.get('plover')} {src.get('country')}({src.get('text')}) -> {target} "
            f"[{e.get('trigger')}] {e.get('date')} {e.get('factuality')}")


def _out_str(e: Event) -> str:
    target = "-" if e.target is None else f"{e.target.country}({e.target.text})"
    return (f"{e.event_type} {e.source.country}({e.source.text}) -> {target} "
            f"[{e.trigger.text}] {e.date} {e.factuality}")


@register("news-dev", "news-dev", "real news passages coded by the news annotation guide: matched P/R/F1")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    gold_file = path / "news_dev.jsonl" if path.is_dir() else path
    report = EvalReport("news-dev", str(gold_file))
    records = list(read_jsonl(gold_file, report, limit))
    docs = [Document(text=r.get("text") or "", id=str(r.get("id", n)), date=_pub_date(r.get("pub_date")))
            for n, r in records]
    tp = n_out = n_gold = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    dated = dates_right = facts_right = 0
    for (line_no, record), result in zip(records, coder.pipe(docs)):
        if result.error:
            report.skipped.append(f"{gold_file}:{line_no} (id={record.get('id')}): {result.error}")
            continue
        report.records += 1
        gold_events = [e for e in record.get("events") or [] if isinstance(e, dict)]
        output = result.events
        pairs = align(gold_events, output)
        tp += len(pairs)
        n_out += len(output)
        n_gold += len(gold_events)
        for e in gold_events:
            per_type[e.get("plover")]["gold"] += 1
        for e in output:
            per_type[e.event_type]["out"] += 1
        for g, o in pairs:
            gold, out = gold_events[g], output[o]
            per_type[out.event_type]["tp"] += 1
            if gold.get("date"):
                dated += 1
                dates_right += bool(out.date) and str(out.date).startswith(gold["date"])
            facts_right += out.factuality == gold.get("factuality")
        missed = [g for g in range(len(gold_events)) if g not in {p[0] for p in pairs}]
        extra = [o for o in range(len(output)) if o not in {p[1] for p in pairs}]
        if missed or extra:
            report.errors.append({
                "id": record.get("id"), "line": line_no, "text": record.get("text"),
                "gold": [_gold_str(e) for e in gold_events],
                "output": [_out_str(e) for e in output],
                "missed": len(missed), "extra": len(extra),
            })
    p, r, f = prf(tp, n_out - tp, n_gold - tp)
    report.headline = {
        "precision": p, "recall": r, "f1": f,
        "date_accuracy": dates_right / dated if dated else 0.0,
        "factuality_accuracy": facts_right / tp if tp else 0.0,
    }
    rows = []
    for typ in PLOVER_TYPES:
        c = per_type.get(typ)
        if not c:
            continue
        pt, rt, ft = prf(c["tp"], c["out"] - c["tp"], c["gold"] - c["tp"])
        rows.append([typ, c["gold"], c["out"], c["tp"], round(pt, 3), round(rt, 3), round(ft, 3)])
    report.tables.append(("per type (correct counted under the output's type)",
                          ["type", "gold", "output", "correct", "P", "R", "F1"], rows))
    report.tables.append(("counts", ["gold events", "output events", "matched", "dated matches"],
                          [[n_gold, n_out, tp, dated]]))
    report.errors.sort(key=lambda e: -(e["missed"] + e["extra"]))
    report.notes.append("every output event counts, whatever its factuality; a gold null country or target "
                        "matches anything (the set's README, 'Scoring')")
    return report
