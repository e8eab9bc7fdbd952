"""The seed scorer: one hand-coded article (shared/examples/*.gold.json) against the events coded from it.

Matching rules (the gold file's "about" text, made exact):

* A *required* item is found when one event, not used by another item, agrees on
  - source country and target country (a gold value of null is no constraint; an item whose note says
    "either direction" also accepts the event with source and target swapped),
  - PLOVER type: the item's "plover" or one of its "plover_alternatives",
  - date at the gold's precision: gold "2012-03" (month) accepts an event dated "2012-03" or any day in that
    month ("2012-03-15"), but not one dated only "2012"; gold `"date": null` with precision "unknown" accepts
    an event with no date or a date coarser than a day, never a day-precise one,
  - sentence number, when `by_sentence` (the default) and the item gives one.
  Sectors, factuality, mode and CAMEO code are not matched on; differences in them are listed for the
  matched event. Two phrases of an item's note widen it, as the gold file's author wrote them for humans:
  "<Month> or <Month> <year> ... accepted" adds the second month as an accepted date, and "a source of
  unknown country is accepted" accepts an event whose source country is null.
* A *forbidden* item is hit by every event that agrees with all the fields it gives: source/target
  country or sector, "plover", "factuality", "date_prefix" (the event's date starts with it) and
  "sentences" (the event's sentence is one of them).
* *Optional* items are loaded but neither rewarded nor punished.
Items and events are paired one to one (maximum bipartite matching), so three required meetings in one
sentence need three events.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import Errors, SanderlingError
from ..model import Actor, Event

if TYPE_CHECKING:
    from ..coder import Coder

PRECISION_RANK = {"year": 1, "month": 2, "day": 3}
SYMMETRIC_NOTE = "either direction"
UNKNOWN_SOURCE_NOTE = "a source of unknown country is accepted"
MONTHS = ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"]
MONTHS_NOTE = re.compile(r"\b(" + "|".join(MONTHS) + r") or (" + "|".join(MONTHS) + r") (\d{4})\b", re.I)


@dataclass
class Role:
    """The gold constraints on one participant; None means no constraint."""

    country: str | None = None
    sector: str | None = None
    text: str | None = None
    present: bool = False

    @classmethod
    def from_json(cls, value: dict[str, Any] | None) -> Role:
        if not value:
            return cls()
        return cls(country=value.get("country"), sector=value.get("sector"), text=value.get("text"), present=True)

    def accepts_country(self, actor: Actor | None) -> bool:
        return self.country is None or (actor is not None and actor.country == self.country)

    def accepts(self, actor: Actor | None) -> bool:
        """Country and sector both (for forbidden items, which name exactly what they forbid)."""
        sector_ok = self.sector is None or (actor is not None and actor.sector == self.sector)
        return self.accepts_country(actor) and sector_ok


@dataclass
class GoldItem:
    """A required or optional event of the gold file."""

    id: str
    plover: str
    source: Role
    target: Role
    sentence: int | None = None
    alternatives: tuple[str, ...] = ()
    date: str | None = None
    date_precision: str = "unknown"
    factuality: str | None = None
    mode: str | None = None
    cameo: str | None = None
    note: str = ""

    @property
    def types(self) -> tuple[str, ...]:
        return (self.plover, *self.alternatives)

    @property
    def either_direction(self) -> bool:
        return SYMMETRIC_NOTE in self.note.lower()

    @property
    def unknown_source_ok(self) -> bool:
        return UNKNOWN_SOURCE_NOTE in self.note.lower()

    @property
    def dates(self) -> tuple[str | None, ...]:
        """The gold date and any month the note also accepts ("February or March 2012 ... accepted")."""
        extra = []
        if "accepted" in self.note and self.date_precision == "month":
            for first, second, year in MONTHS_NOTE.findall(self.note):
                for name in (first, second):
                    extra.append(f"{year}-{MONTHS.index(name.lower()) + 1:02d}")
        return (self.date, *[d for d in extra if d != self.date])

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> GoldItem:
        date = d.get("date")
        precision = d.get("date_precision") or _precision_of(date)
        return cls(
            id=str(d.get("id", "?")), plover=d["plover"], source=Role.from_json(d.get("source")),
            target=Role.from_json(d.get("target")), sentence=d.get("sentence"),
            alternatives=tuple(d.get("plover_alternatives") or ()), date=date, date_precision=precision,
            factuality=d.get("factuality"), mode=d.get("mode"), cameo=d.get("cameo"), note=d.get("note") or "",
        )


@dataclass
class ForbiddenItem:
    """A coding a good coder must not produce; only the fields given constrain."""

    why: str
    source: Role
    target: Role
    plover: str | None = None
    factuality: str | None = None
    date_prefix: str | None = None
    sentences: frozenset[int] | None = None

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> ForbiddenItem:
        sentences = d.get("sentences")
        return cls(
            why=d.get("why", ""), source=Role.from_json(d.get("source")), target=Role.from_json(d.get("target")),
            plover=d.get("plover"), factuality=d.get("factuality"), date_prefix=d.get("date_prefix"),
            sentences=frozenset(sentences) if sentences is not None else None,
        )

    def hit_by(self, event: Event) -> bool:
        if self.plover is not None and event.event_type != self.plover:
            return False
        if self.factuality is not None and event.factuality != self.factuality:
            return False
        if self.sentences is not None and event.sentence not in self.sentences:
            return False
        if self.date_prefix is not None and not (event.date or "").startswith(self.date_prefix):
            return False
        return self.source.accepts(event.source) and self.target.accepts(event.target)


@dataclass
class Gold:
    """One gold file: the article it codes, its publication date, and the required/optional/forbidden items."""

    path: Path
    document: Path | None
    pub_date: str | None
    about: str
    required: list[GoldItem]
    optional: list[GoldItem]
    forbidden: list[ForbiddenItem]


def load_gold(path: str | Path) -> Gold:
    """Read a *.gold.json file; its "document" is looked for beside it. A malformed file is a SanderlingError."""
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if not isinstance(data, dict) or not isinstance(data.get("required"), list):
            raise ValueError("no \"required\" list")
        required = [GoldItem.from_json(d) for d in data["required"]]
        optional = [GoldItem.from_json(d) for d in data.get("optional") or [] if "plover" in d]
        forbidden = [ForbiddenItem.from_json(d) for d in data.get("forbidden") or []]
    except (OSError, ValueError, KeyError, TypeError) as err:
        raise SanderlingError(Errors.E109.format(path=str(path), detail=err)) from None
    document = path.parent / data["document"] if data.get("document") else None
    return Gold(path=path, document=document, pub_date=data.get("pub_date"), about=data.get("about", ""),
                required=required, optional=optional, forbidden=forbidden)


def date_matches(item: GoldItem, event: Event) -> bool:
    """The gold date at its own precision; a finer event date inside it is accepted (see module doc)."""
    if item.date is None:
        return event.date is None or event.date_precision != "day"
    need = PRECISION_RANK.get(item.date_precision, PRECISION_RANK.get(_precision_of(item.date), 3))
    if event.date is None or PRECISION_RANK.get(event.date_precision, 0) < need:
        return False
    for gold_date in item.dates:
        head = event.date[:len(gold_date)]
        rest = event.date[len(gold_date):]
        if head == gold_date and (not rest or rest.startswith("-")):
            return True
    return False


def item_matches(item: GoldItem, event: Event, by_sentence: bool = True) -> bool:
    """Whether `event` satisfies required item `item` (the rules in the module doc)."""
    if event.event_type not in item.types:
        return False
    if by_sentence and item.sentence is not None and event.sentence != item.sentence:
        return False
    if not date_matches(item, event):
        return False
    source_ok = item.source.accepts_country(event.source) or (item.unknown_source_ok and event.source.country is None)
    if source_ok and item.target.accepts_country(event.target):
        return True
    return (item.either_direction and event.target is not None
            and item.source.accepts_country(event.target) and item.target.accepts_country(event.source))


@dataclass
class ItemResult:
    """One required item: the event that satisfied it (None if missed) and how that event differs otherwise."""

    item: GoldItem
    event: Event | None = None
    differences: list[str] = field(default_factory=list)

    @property
    def found(self) -> bool:
        return self.event is not None


@dataclass
class Violation:
    """One forbidden item and the events that produce it (empty: not hit)."""

    item: ForbiddenItem
    events: list[Event] = field(default_factory=list)

    @property
    def hit(self) -> bool:
        return bool(self.events)


@dataclass
class SeedReport:
    """Required found / missed and forbidden hit, with the events involved."""

    gold: Gold
    required: list[ItemResult]
    forbidden: list[Violation]
    n_events: int = 0

    @property
    def found(self) -> int:
        return sum(r.found for r in self.required)

    @property
    def hits(self) -> int:
        return sum(v.hit for v in self.forbidden)

    def to_dict(self) -> dict[str, Any]:
        return {
            "gold": str(self.gold.path),
            "document": str(self.gold.document) if self.gold.document else None,
            "events": self.n_events,
            "required_found": self.found,
            "required_total": len(self.required),
            "forbidden_hit": self.hits,
            "forbidden_total": len(self.forbidden),
            "required": [
                {"id": r.item.id, "found": r.found, "event_id": r.event.event_id if r.event else None,
                 "sentence": r.item.sentence, "plover": r.item.plover, "differences": r.differences}
                for r in self.required
            ],
            "forbidden": [
                {"why": v.item.why, "hit": v.hit, "event_ids": [e.event_id for e in v.events]}
                for v in self.forbidden
            ],
        }


def score(events: Iterable[Event], gold: Gold, *, by_sentence: bool = True) -> SeedReport:
    """Score coded events against a gold file: required items matched one to one, forbidden items hit."""
    events = list(events)
    candidates = [[j for j, e in enumerate(events) if item_matches(item, e, by_sentence)] for item in gold.required]
    assignment = _match(candidates)
    required = []
    for i, item in enumerate(gold.required):
        j = assignment.get(i)
        event = events[j] if j is not None else None
        required.append(ItemResult(item, event, _differences(item, event) if event else []))
    forbidden = [Violation(f, [e for e in events if f.hit_by(e)]) for f in gold.forbidden]
    return SeedReport(gold=gold, required=required, forbidden=forbidden, n_events=len(events))


def code_and_score(gold: Gold, coder: Coder | None = None, *, by_sentence: bool = True) -> SeedReport:
    """Code the gold file's article (with its publication date) and score the events."""
    from ..coder import Coder
    from ..ingest import read_document

    if gold.document is None or not gold.document.is_file():
        raise SanderlingError(Errors.E108.format(gold=str(gold.path), document=gold.document and gold.document.name,
                                                 path=str(gold.document)))
    document = read_document(gold.document, date=gold.pub_date)
    coder = coder or Coder()
    result = next(coder.pipe([document]))
    if result.error:
        raise SanderlingError(f"{gold.document}: {result.error}")
    return score(result.events, gold, by_sentence=by_sentence)


def _match(candidates: list[list[int]]) -> dict[int, int]:
    """Maximum bipartite matching item → event (augmenting paths); earlier events are preferred."""
    owner: dict[int, int] = {}

    def assign(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or assign(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(candidates)):
        assign(i, set())
    return {i: j for j, i in owner.items()}


def _differences(item: GoldItem, event: Event) -> list[str]:
    """What the matched event gets differently from the gold on fields that are not matched on."""
    out = []
    swapped = not (item.source.accepts_country(event.source) and item.target.accepts_country(event.target))
    source, target = (event.target, event.source) if swapped else (event.source, event.target)
    if swapped:
        out.append("source and target reversed (accepted: either direction)")
    for role, gold_role, actor in (("source", item.source, source), ("target", item.target, target)):
        if gold_role.sector is not None and (actor is None or actor.sector != gold_role.sector):
            out.append(f"{role} sector {actor.sector if actor else None}, gold {gold_role.sector}")
    if item.factuality and event.factuality != item.factuality:
        out.append(f"factuality {event.factuality}, gold {item.factuality}")
    if item.mode and event.mode != item.mode:
        out.append(f"mode {event.mode}, gold {item.mode}")
    if item.cameo and event.cameo != item.cameo:
        out.append(f"CAMEO {event.cameo}, gold {item.cameo}")
    if event.event_type != item.plover:
        out.append(f"type {event.event_type} (accepted alternative to {item.plover})")
    return out


def _precision_of(date: str | None) -> str:
    if not date:
        return "unknown"
    return {4: "year", 7: "month", 10: "day"}.get(len(date), "unknown")
