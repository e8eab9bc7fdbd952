"""WikiEvents (Li, Ji & Han, NAACL 2021): KAIROS events in news documents, scored as PLOVER events.

KAIROS types are mapped to PLOVER with `KAIROS_TO_PLOVER` (decided with the PLOVER manual 0.8; the reasons are
beside each entry) and the KAIROS roles to our source ("who acts") and target ("who is acted on") with
`ROLES`. Types PLOVER does not code (statements, deaths with nobody named as the killer, transport, purchases,
medical care, accidents...) are left out and counted in the notes. Output events whose trigger falls on a gold
event of a left-out type are neither right nor wrong: they are counted apart, not as false positives.

Scoring, per document: gold and output events are matched one to one by trigger overlap (character offsets; the
gold's token offsets are rebuilt by aligning `tokens` to `text`). Headline: trigger+type P/R/F1, and source and
target F1 where an output actor is right if its span overlaps a mention of the gold argument's entity or of any
entity in the same coreference cluster (`coref/<split>.jsonlines`). Argument scores are end-to-end (an argument
of a missed event is a miss, the actor of a spurious event a false positive) and, in a table, on matched
triggers only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Errors, SanderlingError
from ..model import Document, Event
from .base import EvalReport, prf, read_jsonl, register

if TYPE_CHECKING:
    from ..coder import Coder

# KAIROS type prefix → PLOVER type. The longest matching prefix wins.
KAIROS_TO_PLOVER: dict[str, str] = {
    "Conflict.Attack": "ASSAULT",                 # attacks, bombings, shootings
    "Conflict.Demonstrate": "PROTEST",            # demonstrations; DemonstrateWithViolence is PROTEST 'riot'
    "Justice.ArrestJailDetain": "COERCE",         # COERCE 'arrest' (arrest, detain)
    "Justice.Convict": "SANCTION",                # SANCTION 'convict' (found guilty by a court)
    "Justice.Sentence": "SANCTION",               # SANCTION 'convict' covers "found guilty and sentenced"
    "Justice.ChargeIndict": "ACCUSE",             # ACCUSE 'allege': sue, indict, charge
    "Justice.TrialHearing": "ACCUSE",             # ACCUSE 'allege': "bring to trial"
    "Justice.InvestigateCrime": "ACCUSE",         # ACCUSE 'investigate'
    "Justice.ReleaseParole": "RETREAT",           # RETREAT 'release' (release captives)
    "Contact.Contact.Meet": "CONSULT",            # meetings and visits
    "Contact.Contact.Correspondence": "CONSULT",  # CONSULT 'phone' (remote consultation)
    "Contact.ThreatenCoerce": "THREATEN",
    "Contact.RequestCommand": "REQUEST",
    "Life.Die": "ASSAULT",                        # only with a Killer: a killing (see AGENT_REQUIRED)
    "Life.Injure": "ASSAULT",                     # only with an Injurer: a wounding
}

# A death or injury is an ASSAULT only when the gold names who did it; PLOVER codes no actor-less events
# (manual 0.8, "Required entities": "4 people were killed in a suicide bombing" has no actor).
AGENT_REQUIRED: dict[str, str] = {"Life.Die": "Killer", "Life.Injure": "Injurer"}

# KAIROS prefix → (roles of who acts, roles of who is acted on). "Participant" is symmetric: see _gold_roles.
ROLES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "Conflict.Attack": (("Attacker",), ("Target", "Victim")),
    "Conflict.Demonstrate": (("Demonstrator",), ("Target",)),
    "Justice.ArrestJailDetain": (("Jailer",), ("Detainee",)),
    "Justice.Convict": (("JudgeCourt",), ("Defendant",)),
    "Justice.Sentence": (("JudgeCourt",), ("Defendant",)),
    "Justice.ChargeIndict": (("Prosecutor", "JudgeCourt"), ("Defendant",)),
    "Justice.TrialHearing": (("Prosecutor", "JudgeCourt"), ("Defendant",)),
    "Justice.InvestigateCrime": (("Investigator",), ("Defendant",)),
    "Justice.ReleaseParole": (("JudgeCourt",), ("Defendant",)),
    "Contact.Contact": (("Participant",), ("Participant",)),
    "Contact.ThreatenCoerce": (("Communicator",), ("Recipient",)),
    "Contact.RequestCommand": (("Communicator",), ("Recipient",)),
    "Life.Die": (("Killer",), ("Victim",)),
    "Life.Injure": (("Injurer",), ("Victim",)),
}

Span = tuple[int, int]
MAX_GAP = 20  # characters of non-space text a token may skip over (text the gold tokens dropped)


def _by_prefix(table: dict[str, Any], kairos: str) -> Any:
    keys = [k for k in table if kairos == k or kairos.startswith(k + ".")]
    return table[max(keys, key=len)] if keys else None


def plover_type(kairos: str, roles: set[str]) -> str | None:
    """The PLOVER type of a KAIROS event with these argument roles, or None when PLOVER does not code it."""
    agent = _by_prefix(AGENT_REQUIRED, kairos)
    if agent is not None and agent not in roles:
        return None
    return _by_prefix(KAIROS_TO_PLOVER, kairos)


def align_tokens(tokens: list[str], text: str) -> list[Span | None]:
    """Character offsets of each token in `text`, found left to right; None for a token not found in order."""
    out: list[Span | None] = []
    cursor = 0
    for tok in tokens:
        at = text.find(tok, cursor) if tok else -1
        if at < 0 or (at - cursor > MAX_GAP and text[cursor:at].strip()):
            out.append(None)
            continue
        out.append((at, at + len(tok)))
        cursor = at + len(tok)
    return out


def _char_span(offsets: list[Span | None], start: int, end: int) -> Span | None:
    """The character span of tokens [start, end) (end exclusive, as the gold writes it)."""
    inside = [o for o in offsets[start:end] if o is not None]
    return (inside[0][0], inside[-1][1]) if inside else None


def _overlap(a: Span | None, b: Span | None) -> bool:
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


@dataclass
class GoldArg:
    """One gold argument: the spans of its entity and of every coreferent mention."""

    text: str
    spans: list[Span]


@dataclass
class GoldEvent:
    kairos: str
    plover: str | None
    trigger: Span
    trigger_text: str
    sent_idx: int
    source: list[GoldArg] = field(default_factory=list)
    target: list[GoldArg] = field(default_factory=list)
    participants: list[GoldArg] = field(default_factory=list)


@dataclass
class OutEvent:
    """Output events grouped by trigger span and type (one row per dyad in the coder becomes one mention)."""

    plover: str
    trigger: Span
    trigger_text: str
    sources: dict[Span, str] = field(default_factory=dict)
    targets: dict[Span, str] = field(default_factory=dict)


def read_coref(path: Path, report: EvalReport) -> dict[str, dict[str, list[str]]]:
    """doc_id → entity id → the ids of its cluster; a missing coref file only means no coreference credit."""
    out: dict[str, dict[str, list[str]]] = {}
    if not path.is_file():
        report.notes.append(f"no coreference file at {path}: an actor must overlap the gold mention itself")
        return out
    for _, record in read_jsonl(path, report):
        clusters = out.setdefault(str(record.get("doc_key")), {})
        for cluster in record.get("clusters") or []:
            for member in cluster:
                clusters[member] = list(cluster)
    return out


def _gold_events(record: dict[str, Any], offsets: list[Span | None],
                 clusters: dict[str, list[str]]) -> list[GoldEvent]:
    mentions = {m["id"]: m for m in record.get("entity_mentions") or []}

    def arg(a: dict[str, Any]) -> GoldArg | None:
        ids = clusters.get(a["entity_id"], [a["entity_id"]])
        spans = [_char_span(offsets, mentions[i]["start"], mentions[i]["end"]) for i in ids if i in mentions]
        spans = [s for s in spans if s is not None]
        return GoldArg(a.get("text") or "", spans) if spans else None

    merged: dict[tuple[Span, str | None], GoldEvent] = {}
    out: list[GoldEvent] = []
    for e in record["event_mentions"]:
        trig = e["trigger"]
        span = _char_span(offsets, trig["start"], trig["end"])
        if span is None:
            raise ValueError(f"trigger {trig.get('text')!r} cannot be placed in the text")
        roles = {a["role"] for a in e.get("arguments") or []}
        plover = plover_type(e["event_type"], roles)
        key = (span, plover)
        if plover is not None and key in merged:
            gold = merged[key]
        else:
            gold = GoldEvent(e["event_type"], plover, span, trig.get("text") or "", int(trig.get("sent_idx", 0)))
            out.append(gold)
            if plover is not None:
                merged[key] = gold
        src_roles, tgt_roles = _by_prefix(ROLES, e["event_type"]) or ((), ())
        for a in e.get("arguments") or []:
            g = arg(a)
            if g is None:
                continue
            if a["role"] == "Participant":
                gold.participants.append(g)
            elif a["role"] in src_roles:
                gold.source.append(g)
            elif a["role"] in tgt_roles:
                gold.target.append(g)
    return out


def _out_events(events: list[Event]) -> list[OutEvent]:
    grouped: dict[tuple[Span, str], OutEvent] = {}
    for e in events:
        span = (e.trigger.start, e.trigger.end)
        out = grouped.setdefault((span, e.event_type), OutEvent(e.event_type, span, e.trigger.text))
        for actor, side in ((e.source, out.sources), (e.target, out.targets)):
            if actor is not None and actor.start is not None and actor.end is not None:
                side[(actor.start, actor.end)] = actor.text or ""
    return list(grouped.values())


def _match_args(predicted: dict[Span, str], gold: list[GoldArg]) -> int:
    """How many predicted spans hit a distinct gold argument."""
    used: set[int] = set()
    hits = 0
    for span in predicted:
        for n, g in enumerate(gold):
            if n not in used and any(_overlap(span, s) for s in g.spans):
                used.add(n)
                hits += 1
                break
    return hits


def _gold_roles(gold: GoldEvent, out: OutEvent | None) -> tuple[list[GoldArg], list[GoldArg]]:
    """Source and target arguments; for symmetric participants, the split that best fits the output."""
    if not gold.participants:
        return gold.source, gold.target
    parts = gold.participants
    best = (parts[:1], parts[1:])
    if out is not None:
        def fit(k: int) -> int:
            return _match_args(out.sources, [parts[k]]) + _match_args(out.targets, parts[:k] + parts[k + 1:])
        k = max(range(len(parts)), key=fit)
        best = ([parts[k]], parts[:k] + parts[k + 1:])
    return gold.source + best[0], gold.target + best[1]


def _pair(golds: list[GoldEvent], outs: list[OutEvent]) -> tuple[dict[int, int], list[int]]:
    """One-to-one matching by trigger overlap (same type first); output indices left over."""
    pairs: dict[int, int] = {}
    taken: set[int] = set()
    for same_type in (True, False):
        for gi, g in enumerate(golds):
            if gi in pairs:
                continue
            for oi, o in enumerate(outs):
                if oi not in taken and _overlap(g.trigger, o.trigger) and (o.plover == g.plover or not same_type):
                    pairs[gi] = oi
                    taken.add(oi)
                    break
    return pairs, [oi for oi in range(len(outs)) if oi not in taken]


@dataclass
class Tally:
    """Counts for trigger, type and argument scores."""

    c: Counter = field(default_factory=Counter)
    per_type: dict[str, Counter] = field(default_factory=dict)
    left_out: Counter = field(default_factory=Counter)
    on_left_out: Counter = field(default_factory=Counter)
    missed_words: Counter = field(default_factory=Counter)
    confusion: Counter = field(default_factory=Counter)

    def typ(self, name: str) -> Counter:
        return self.per_type.setdefault(name, Counter())


def _sentence(record: dict[str, Any], offsets: list[Span | None], sent_idx: int) -> str:
    sents = record.get("sentences") or []
    if not 0 <= sent_idx < len(sents):
        return ""
    first = sum(len(s[0]) for s in sents[:sent_idx])
    span = _char_span(offsets, first, first + len(sents[sent_idx][0]))
    return record["text"][span[0]:span[1]] if span else ""


def _describe(typ: str | None, trigger: str, source: Any, target: Any) -> str:
    names = [a.text if isinstance(a, GoldArg) else a for a in source], [
        a.text if isinstance(a, GoldArg) else a for a in target]
    return f"{typ} '{trigger}' | source: {', '.join(names[0]) or '-'} | target: {', '.join(names[1]) or '-'}"


def _score_doc(record: dict[str, Any], offsets: list[Span | None], golds: list[GoldEvent],
               events: list[Event], t: Tally, report: EvalReport) -> None:
    mapped = [g for g in golds if g.plover is not None]
    for g in golds:
        if g.plover is None:
            t.left_out[g.kairos] += 1
    outs = _out_events([e for e in events if e.factuality != "negated"])
    pairs, extra = _pair(mapped, outs)
    for gi, g in enumerate(mapped):
        o = outs[pairs[gi]] if gi in pairs else None
        src, tgt = _gold_roles(g, o)
        t.c["gold"] += 1
        t.typ(g.plover)["gold"] += 1
        t.c["gold_src"] += len(src)
        t.c["gold_tgt"] += len(tgt)
        t.c["gold_named"] += bool(g.source or g.participants)
        if o is None:
            t.missed_words[g.trigger_text.lower()] += 1
            _error(record, offsets, g, None, src, tgt, report, (1 + len(src) + len(tgt), 0))
            continue
        t.c["trig_tp"] += 1
        t.c["type_tp"] += o.plover == g.plover
        t.typ(g.plover)["tp"] += o.plover == g.plover
        t.c["type_tp_named"] += o.plover == g.plover and bool(g.source or g.participants)
        if o.plover != g.plover:
            t.confusion[(g.plover, o.plover)] += 1
        hit_s, hit_t = _match_args(o.sources, src), _match_args(o.targets, tgt)
        t.c["src_tp"] += hit_s
        t.c["tgt_tp"] += hit_t
        t.c["m_gold_src"] += len(src)
        t.c["m_gold_tgt"] += len(tgt)
        t.c["m_out_src"] += len(o.sources)
        t.c["m_out_tgt"] += len(o.targets)
        missed = (o.plover != g.plover) + (len(src) - hit_s) + (len(tgt) - hit_t)
        surplus = (len(o.sources) - hit_s) + (len(o.targets) - hit_t)
        if missed or surplus:
            _error(record, offsets, g, o, src, tgt, report, (missed, surplus))
    unmapped = [g for g in golds if g.plover is None]
    for oi in extra:
        o = outs[oi]
        on = next((g for g in unmapped if _overlap(g.trigger, o.trigger)), None)
        if on is not None:
            t.on_left_out[(on.kairos, o.plover)] += 1
            continue
        t.c["out"] += 1
        t.typ(o.plover)["out"] += 1
        t.c["out_src"] += len(o.sources)
        t.c["out_tgt"] += len(o.targets)
        report.errors.append({
            "doc_id": record.get("doc_id"), "text": _window(record["text"], o.trigger),
            "gold": None, "output": _describe(o.plover, o.trigger_text, o.sources.values(), o.targets.values()),
            "missed": 0, "extra": 1 + len(o.sources) + len(o.targets),
        })
    for oi in pairs.values():
        o = outs[oi]
        t.c["out"] += 1
        t.typ(o.plover)["out"] += 1
        t.c["out_src"] += len(o.sources)
        t.c["out_tgt"] += len(o.targets)


def _window(text: str, span: Span, width: int = 160) -> str:
    start = max(0, span[0] - width)
    return ("…" if start else "") + text[start:span[1] + width].replace("\n", " ") + "…"


def _error(record: dict[str, Any], offsets: list[Span | None], g: GoldEvent, o: OutEvent | None,
           src: list[GoldArg], tgt: list[GoldArg], report: EvalReport, counts: tuple[int, int]) -> None:
    sentence = _sentence(record, offsets, g.sent_idx) or _window(record["text"], g.trigger)
    report.errors.append({
        "doc_id": record.get("doc_id"), "text": sentence, "kairos": g.kairos,
        "gold": _describe(g.plover, g.trigger_text, src, tgt),
        "output": _describe(o.plover, o.trigger_text, o.sources.values(), o.targets.values()) if o else None,
        "missed": counts[0], "extra": counts[1],
    })


def _records(gold_file: Path, report: EvalReport, limit: int | None) -> list[tuple[int, dict[str, Any]]]:
    out = []
    for line_no, record in read_jsonl(gold_file, report, limit):
        missing = [k for k in ("text", "tokens") if not record.get(k)]
        if not isinstance(record.get("event_mentions"), list):
            missing.append("event_mentions")
        if missing:
            report.skipped.append(f"{gold_file}:{line_no} (doc_id={record.get('doc_id')}): "
                                  f"missing {', '.join(missing)}")
            continue
        out.append((line_no, record))
    return out


@register("wikievents", "wikievents", "WikiEvents (KAIROS) news documents: trigger+type, source, target F1")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    gold_file = path / "test.jsonl" if path.is_dir() else path
    if not gold_file.is_file():
        raise SanderlingError(Errors.E204.format(path=str(gold_file)))
    report = EvalReport("wikievents", str(gold_file))
    coref = read_coref(gold_file.parent / "coref" / f"{gold_file.stem}.jsonlines", report)
    records = _records(gold_file, report, limit)
    docs = [Document(text=r["text"], id=str(r.get("doc_id", n))) for n, r in records]
    t = Tally()
    for (line_no, record), result in zip(records, coder.pipe(docs)):
        where = f"{gold_file}:{line_no} (doc_id={record.get('doc_id')})"
        if result.error:
            report.skipped.append(f"{where}: {result.error}")
            continue
        try:
            offsets = align_tokens(record["tokens"], record["text"])
            golds = _gold_events(record, offsets, coref.get(str(record.get("doc_id")), {}))
        except (KeyError, TypeError, ValueError, IndexError) as err:
            report.skipped.append(f"{where}: malformed record ({type(err).__name__}: {err})")
            continue
        report.records += 1
        _score_doc(record, offsets, golds, result.events, t, report)
    _summarise(report, t)
    return report


def _summarise(report: EvalReport, t: Tally) -> None:
    c = t.c
    trig = prf(c["trig_tp"], c["out"] - c["trig_tp"], c["gold"] - c["trig_tp"])
    typ = prf(c["type_tp"], c["out"] - c["type_tp"], c["gold"] - c["type_tp"])
    src = prf(c["src_tp"], c["out_src"] - c["src_tp"], c["gold_src"] - c["src_tp"])
    tgt = prf(c["tgt_tp"], c["out_tgt"] - c["tgt_tp"], c["gold_tgt"] - c["tgt_tp"])
    m_src = prf(c["src_tp"], c["m_out_src"] - c["src_tp"], c["m_gold_src"] - c["src_tp"])
    m_tgt = prf(c["tgt_tp"], c["m_out_tgt"] - c["tgt_tp"], c["m_gold_tgt"] - c["tgt_tp"])
    report.headline = {
        "type_f1": typ[2], "type_precision": typ[0], "type_recall": typ[1], "trigger_f1": trig[2],
        "type_recall_named_actor": c["type_tp_named"] / c["gold_named"] if c["gold_named"] else 0.0,
        "source_f1": src[2], "target_f1": tgt[2],
        "source_f1_matched": m_src[2], "target_f1_matched": m_tgt[2],
    }
    cols = ["score", "gold", "output", "correct", "P", "R", "F1"]
    rows = [[name, g, o, tp, round(s[0], 3), round(s[1], 3), round(s[2], 3)] for name, g, o, tp, s in (
        ("trigger", c["gold"], c["out"], c["trig_tp"], trig),
        ("trigger+type", c["gold"], c["out"], c["type_tp"], typ),
        ("source (end to end)", c["gold_src"], c["out_src"], c["src_tp"], src),
        ("target (end to end)", c["gold_tgt"], c["out_tgt"], c["tgt_tp"], tgt),
        ("source (matched triggers)", c["m_gold_src"], c["m_out_src"], c["src_tp"], m_src),
        ("target (matched triggers)", c["m_gold_tgt"], c["m_out_tgt"], c["tgt_tp"], m_tgt))]
    report.tables.append(("overall", cols, rows))
    per = []
    for name in sorted(t.per_type):
        k = t.per_type[name]
        s = prf(k["tp"], k["out"] - k["tp"], k["gold"] - k["tp"])
        per.append([name, k["gold"], k["out"], k["tp"], round(s[0], 3), round(s[1], 3), round(s[2], 3)])
    report.tables.append(("per PLOVER type (trigger+type)", ["type", "gold", "output", "correct", "P", "R", "F1"],
                          per))
    report.tables.append(("type confusions on matched triggers (gold → output)", ["gold", "output", "n"],
                          [[g, o, n] for (g, o), n in t.confusion.most_common()]))
    report.tables.append(("gold trigger words we missed (mapped types)", ["word", "n"],
                          [[w, n] for w, n in t.missed_words.most_common(40)]))
    report.tables.append(("output on triggers of left-out KAIROS types (not scored)", ["KAIROS type", "output", "n"],
                          [[k, o, n] for (k, o), n in t.on_left_out.most_common()]))
    report.errors.sort(key=lambda e: (e["output"] is not None, -(e["missed"] + e["extra"])))
    report.notes.append("KAIROS types left out (PLOVER does not code them): " + ", ".join(
        f"{k} {n}" for k, n in t.left_out.most_common()))
    report.notes.append("Life.Die / Life.Injure count as ASSAULT only when the gold names a Killer / Injurer; "
                        "Contact.Contact.Unspecified and Broadcast (statements) are left out: PLOVER has no "
                        "statement type")
    report.notes.append(f"{sum(t.on_left_out.values())} output events fall on triggers of left-out types and are "
                        "not counted as false positives (table above)")
    report.notes.append(f"type_recall_named_actor: recall on the {c['gold_named']} gold events whose gold names who "
                        "acts (PLOVER codes no event without an actor; KAIROS annotates attacks with no attacker)")
    report.notes.append("argument scores ignore the event type (a right actor on a mistyped event counts); "
                        "negated output events are left out (KAIROS does not annotate events that did not happen), "
                        "hypothetical ones are scored; gold events sharing a trigger and PLOVER type are merged")
