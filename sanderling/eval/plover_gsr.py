"""PLOVER's gold-standard records (322 sentences from the CAMEO manual, coded with PLOVER 2021 types).

Scored on the set of (source country, target country, PLOVER type) per sentence: precision, recall, F1 overall and
per type; sector accuracy on actors of matched events; a confusion matrix of types where the dyad matches. The gold
writes a few countries in CAMEO codes (JAP, ITL, VTN): they are read as ISO 3166 (JPN, ITA, VNM). Negated events
are not counted as output. The coder codes a plain intention ("will visit") as one hypothetical event of the intended
type, where the CAMEO manual codes an AGREE (a promise) or a THREATEN (an announced harmful act): a hypothetical output
counts as that AGREE or THREATEN when the gold has it for the same dyad, and is left out otherwise.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path
from typing import TYPE_CHECKING

from ..model import PLOVER_TYPES, Document
from .base import EvalReport, prf, read_jsonl, register

if TYPE_CHECKING:
    from ..coder import Coder

CAMEO_COUNTRIES = {"JAP": "JPN", "ITL": "ITA", "VTN": "VNM"}
INTERNATIONAL = {"IGO", "UNO", "EUR", "NAT", "AFR", "NGO"}  # the GSR codes every international body IGO
ANNOUNCED = ("AGREE", "THREATEN")  # how the CAMEO manual codes an announced future act: a promise or a threat


def _country(code: str | None) -> str | None:
    if not code:
        return None
    return "IGO" if code in INTERNATIONAL else CAMEO_COUNTRIES.get(code, code)


@register("plover-gsr", "plover-gsr-cameo", "PLOVER gold-standard records: (source, target, type) F1")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    gold_file = path / "gold.jsonl" if path.is_dir() else path
    report = EvalReport("plover-gsr", str(gold_file))
    records = list(read_jsonl(gold_file, report, limit))
    docs = [Document(text=r.get("text") or "", id=str(r.get("id", n))) for n, r in records]
    tp = fp = fn = 0
    per_type: dict[str, Counter] = defaultdict(Counter)
    confusion: Counter = Counter()
    sector_hits = sector_total = 0
    for (line_no, record), result in zip(records, coder.pipe(docs)):
        if result.error:
            report.skipped.append(f"{gold_file}:{line_no} (id={record.get('id')}): {result.error}")
            continue
        report.records += 1
        gold = {}
        for e in record.get("events") or []:
            src, tgt = e.get("source") or {}, e.get("target") or {}
            key = (_country(src.get("country")), _country(tgt.get("country")), e.get("plover"))
            gold[key] = (src.get("sector"), tgt.get("sector"))
        out = {}
        for e in result.events:
            key = (_country(e.source.country), _country(e.target.country if e.target else None), e.event_type)
            if e.factuality == "hypothetical":
                intention = next((key[:2] + (t,) for t in ANNOUNCED if key[:2] + (t,) in gold), None)
                if intention is None:
                    continue
                key = intention  # the CAMEO manual codes an announced act ("will visit", "will blockade")
            elif e.factuality != "asserted":
                continue
            out.setdefault(key, e)
        hits = set(gold) & set(out)
        tp += len(hits)
        fp += len(set(out) - hits)
        fn += len(set(gold) - hits)
        for key in gold:
            per_type[key[2]]["gold"] += 1
            per_type[key[2]]["tp"] += key in hits
        for key in out:
            per_type[key[2]]["out"] += 1
        for key in hits:
            for gold_sector, actor in zip(gold[key], (out[key].source, out[key].target)):
                if gold_sector and actor is not None:
                    sector_total += 1
                    sector_hits += actor.sector == gold_sector
        gold_dyads = {(s, t): typ for s, t, typ in gold}
        for s, t, typ in out:
            if (s, t) in gold_dyads:
                confusion[(gold_dyads[(s, t)], typ)] += 1
        if set(gold) != set(out):
            report.errors.append({
                "id": record.get("id"), "line": line_no, "text": record.get("text"),
                "gold": sorted("/".join(str(x) for x in k) for k in gold),
                "output": sorted("/".join(str(x) for x in k) for k in out),
                "missed": len(set(gold) - hits), "extra": len(set(out) - hits),
            })
    p, r, f = prf(tp, fp, fn)
    report.headline = {"precision": p, "recall": r, "f1": f,
                       "sector_accuracy": sector_hits / sector_total if sector_total else 0.0}
    rows = []
    for typ in PLOVER_TYPES:
        c = per_type.get(typ)
        if not c:
            continue
        tp_t = c["tp"]
        pt, rt, ft = prf(tp_t, c["out"] - tp_t, c["gold"] - tp_t)
        rows.append([typ, c["gold"], c["out"], tp_t, round(pt, 3), round(rt, 3), round(ft, 3)])
    report.tables.append(("per type", ["type", "gold", "output", "correct", "P", "R", "F1"], rows))
    top = [[g, o, n] for (g, o), n in confusion.most_common() if g != o][:15]
    report.tables.append(("type confusions on matching dyads (gold → output)", ["gold", "output", "n"], top))
    report.errors.sort(key=lambda e: -(e["missed"] + e["extra"]))
    report.notes.append("asserted events count as output; a hypothetical event counts as the AGREE or THREATEN the "
                        "CAMEO manual codes for an announced act ('will visit', 'will blockade') when the gold has it "
                        "for its dyad, and is not counted otherwise; negated events are not counted")
    report.notes.append("international bodies are compared as IGO: the gold codes the UN, the EC, Amnesty and the "
                        "Red Cross all as IGO, where the coder distinguishes UNO, EUR, IGO and NGO")
    return report
