"""Event location (Halterman, "Geolocating Political Events in Text", NLP+CSS 2019): where did the verb happen?

Each record is one sentence with one VERB span and zero or more LOCATION spans: the place(s) where that event
happened, or none when the sentence does not say. Only the re-annotated test records (`source == "RELABEL"`,
all accepted) are scored. A prediction is right when its text span overlaps a gold LOCATION span, or when both
it and the gold are empty.

Two modes, from one parse per sentence:
- coder: the location the full coder attaches to an event whose trigger overlaps the VERB span; a record where
  the coder codes no such event has no prediction (reported as coverage);
- direct (headline): `EventPlacer.locate` called on the gold verb token, so every record is scored and the
  placer is measured apart from event detection.

The file is one JSON array despite its `.jsonl` name; it is read element by element so that a malformed element
is reported and skipped, and a truncated file keeps the records before the cut.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Errors, SanderlingError
from ..model import Document, Event, Location
from .base import EvalReport, register

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from ..coder import Coder

GOLD_SOURCE = "RELABEL"

# The gold verb's lemma → the PLOVER type passed to the placer in direct mode when the coder coded no event on
# it (the set's verbs are all of these kinds); the coder's own type is used when it coded one.
VERB_TYPES: dict[str, str] = {
    "kill": "ASSAULT", "shoot": "ASSAULT", "detonate": "ASSAULT", "bomb": "ASSAULT", "destroy": "ASSAULT",
    "shell": "ASSAULT", "burn": "ASSAULT", "capture": "ASSAULT", "secure": "ASSAULT", "liberate": "ASSAULT",
    "patrol": "MOBILIZE", "demonstrate": "PROTEST", "march": "PROTEST", "protest": "PROTEST",
}
DEFAULT_TYPE = "ASSAULT"

Span = tuple[int, int]


def _element_end(s: str, i: int) -> int:
    """Index just after the JSON value starting at s[i] (brackets balanced outside strings), or -1 if cut off."""
    depth, in_str, esc = 0, False, False
    for j in range(i, len(s)):
        ch = s[j]
        if in_str:
            if esc:
                esc = False
            elif ch == "\\":
                esc = True
            elif ch == '"':
                in_str = False
        elif ch == '"':
            in_str = True
        elif ch in "[{":
            depth += 1
        elif ch in "]}":
            depth -= 1
            if depth == 0:
                return j + 1
    return -1


def iter_array(path: Path, report: EvalReport) -> list[tuple[int, Any]]:
    """(element number, value) of a top-level JSON array; bad elements are reported in report.skipped."""
    if not path.is_file():
        raise SanderlingError(Errors.E204.format(path=str(path)))
    s = path.read_text(encoding="utf-8", errors="replace")
    i = len(s) - len(s.lstrip())
    if not s.startswith("[", i):
        raise SanderlingError(f"gold file {path} is not a JSON array (it should start with '[')")
    decoder = json.JSONDecoder()
    out: list[tuple[int, Any]] = []
    i += 1
    n = 0
    while True:
        while i < len(s) and s[i] in " \t\r\n,":
            i += 1
        if i >= len(s) or s[i] == "]":
            break
        n += 1
        try:
            value, i = decoder.raw_decode(s, i)
            out.append((n, value))
            continue
        except ValueError as err:
            end = _element_end(s, i)
            if end < 0:
                report.skipped.append(f"{path}: element {n} (char {i}): the file is cut off here ({err}); "
                                      "the elements after it are lost")
                break
            report.skipped.append(f"{path}: element {n} (char {i}): {err}")
            i = end
    return out


def _gold(record: dict[str, Any]) -> tuple[Span, list[Span], list[str]]:
    """VERB span, LOCATION spans and their texts; ValueError when the record has no single VERB span."""
    text = record["text"]
    if not isinstance(text, str) or not text.strip():
        raise ValueError("empty text")
    spans = record.get("spans")
    if not isinstance(spans, list):
        raise ValueError("no 'spans' field")
    tokens = {int(t["id"]): (int(t["start"]), int(t["end"])) for t in record.get("tokens") or []}
    verbs = [_char_span(sp, tokens) for sp in spans if sp.get("label") == "VERB"]
    if len(verbs) != 1:
        raise ValueError(f"{len(verbs)} VERB spans (expected 1)")
    locs = [_char_span(sp, tokens) for sp in spans if sp.get("label") == "LOCATION"]
    return verbs[0], locs, [text[a:b] for a, b in locs]


def _char_span(span: dict[str, Any], tokens: dict[int, Span]) -> Span:
    """Character offsets of a span, from its tokens: in re-annotated records `start`/`end` hold token indices."""
    first, last = tokens.get(span.get("token_start", -1)), tokens.get(span.get("token_end", -1))
    if first is not None and last is not None:
        return first[0], last[1]
    return int(span["start"]), int(span["end"])


def _overlap(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _fold(s: str) -> str:
    return " ".join(s.lower().split())


def is_correct(loc: Location | None, gold: list[Span], gold_text: list[str]) -> bool:
    """Right place span (or both empty). A location with no span (a visit's host country) is compared by name."""
    if loc is None:
        return not gold
    if loc.start is not None and loc.end is not None:
        return any(_overlap((loc.start, loc.end), g) for g in gold)
    name = _fold(loc.name)
    return any(name and (name in _fold(t) or _fold(t) in name) for t in gold_text if t.strip())


def verb_token(doc: Doc, verb: Span) -> Token | None:
    """The token that stands for the gold verb span: the root of the tokens it overlaps."""
    span = doc.char_span(verb[0], verb[1], alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def _describe(loc: Location | None) -> str | None:
    if loc is None:
        return None
    where = f"'{loc.text}'@{loc.start}" if loc.start is not None else "(no span)"
    return f"{loc.name} [{loc.country}] {where}"


def _lemma(record: dict[str, Any]) -> str:
    verb = (record.get("meta") or {}).get("verb")
    verb = verb[0] if isinstance(verb, list) and verb else verb
    return verb.lower() if isinstance(verb, str) else ""


class Scores:
    """Correct / total by mode and by whether the gold has a location."""

    def __init__(self) -> None:
        self.c: Counter = Counter()

    def add(self, mode: str, has_gold: bool, correct: bool) -> None:
        for key in (mode, f"{mode}:{'with' if has_gold else 'without'}"):
            self.c[key, "n"] += 1
            self.c[key, "ok"] += correct

    def acc(self, key: str) -> float:
        return self.c[key, "ok"] / self.c[key, "n"] if self.c[key, "n"] else 0.0


@register("event-location", "event-location", "Event location (Halterman 2019): is the event placed where it happened")
def run(path: Path, coder: Coder, limit: int | None = None) -> EvalReport:
    gold_file = path / "labeled_text.jsonl" if path.is_dir() else path
    report = EvalReport("event-location", str(gold_file))
    records = []
    for n, record in iter_array(gold_file, report):
        if not isinstance(record, dict):
            report.skipped.append(f"{gold_file}: element {n}: not a JSON object")
            continue
        if record.get("source") != GOLD_SOURCE or record.get("answer", "accept") != "accept":
            continue
        try:
            records.append((n, record, *_gold(record)))
        except (KeyError, TypeError, ValueError) as err:
            report.skipped.append(f"{gold_file}: element {n} (_id={record.get('_id')}): {err}")
            continue
        if limit is not None and len(records) >= limit:
            break
    scores = Scores()
    misses: Counter = Counter()
    parsed = coder.nlp.pipe(r[1]["text"] for r in records)
    for (n, record, verb, gold, gold_text), doc in zip(records, parsed):
        try:
            events = coder.code_doc(doc, Document(text=record["text"], id=str(record.get("_id", n))))
            direct, on_verb, coded = _predict(coder, doc, verb, events, record)
        except Exception as err:  # one sentence must never stop the run
            report.skipped.append(f"{gold_file}: element {n} (_id={record.get('_id')}): "
                                  f"{type(err).__name__}: {err}")
            continue
        report.records += 1
        ok = is_correct(direct, gold, gold_text)
        scores.add("direct", bool(gold), ok)
        if on_verb:
            scores.add("coder", bool(gold), is_correct(coded, gold, gold_text))
        if not ok:
            kind = "missed" if direct is None else ("extra" if not gold else "wrong place")
            misses[kind] += 1
            report.errors.append({
                "id": record.get("_id"), "text": record["text"], "verb": record["text"][verb[0]:verb[1]],
                "gold": gold_text or None, "output": _describe(direct), "kind": kind,
            })
    _summarise(report, scores, misses)
    return report


def _predict(coder: Coder, doc: Doc, verb: Span, events: list[Event],
             record: dict[str, Any]) -> tuple[Location | None, bool, Location | None]:
    """(direct-mode location, whether the coder coded an event on the verb, the location it gave that event)."""
    on_verb = [e for e in events if _overlap((e.trigger.start, e.trigger.end), verb)]
    coded = next((e.location for e in on_verb if e.location), None)
    tok = verb_token(doc, verb)
    if tok is None:
        raise ValueError(f"the VERB span {verb} does not fall on a token")
    event_type = on_verb[0].event_type if on_verb else VERB_TYPES.get(_lemma(record), DEFAULT_TYPE)
    direct = coder.places.locate(doc, tok, event_type=event_type, mode=None, host_country=None)
    return direct, bool(on_verb), coded


def _summarise(report: EvalReport, s: Scores, misses: Counter) -> None:
    coverage = s.c["coder", "n"] / report.records if report.records else 0.0
    report.headline = {
        "direct_accuracy": s.acc("direct"),
        "direct_accuracy_with_location": s.acc("direct:with"),
        "direct_accuracy_without_location": s.acc("direct:without"),
        "coder_accuracy": s.acc("coder"),
        "coder_coverage": coverage,
    }
    rows = [[label, s.c[key, "n"], s.c[key, "ok"], round(s.acc(key), 3)] for label, key in (
        ("direct: all", "direct"), ("direct: gold has a location", "direct:with"),
        ("direct: gold has none", "direct:without"), ("coder: events on the verb", "coder"),
        ("coder: gold has a location", "coder:with"), ("coder: gold has none", "coder:without"))]
    report.tables.append(("accuracy", ["records", "n", "correct", "accuracy"], rows))
    report.tables.append(("direct-mode errors", ["kind", "n"], [[k, n] for k, n in misses.most_common()]))
    rank = {"wrong place": 0, "missed": 1, "extra": 2}
    report.errors.sort(key=lambda e: rank[e["kind"]])
    report.notes.append(f"only records with source == {GOLD_SOURCE!r} (the re-annotated test set) are scored")
    report.notes.append(f"coder mode scores only the {s.c['coder', 'n']} records where the coder codes an event "
                        f"on the gold verb (coverage {coverage:.1%}); direct mode calls EventPlacer.locate on the "
                        "gold verb token, with the coder's event type there or one read from the verb")
    report.notes.append("a prediction is right if its text span overlaps any gold LOCATION span; one with no span "
                        "(a visit's host country) is compared by name with the gold location text")
