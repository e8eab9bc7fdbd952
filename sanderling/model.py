"""The records sanderling produces: Document in, Event (with Actor, Location, Trigger) out.

These dataclasses are the contract every later stage (store, export, eval, service) reads, so they stay
plain: JSON-ready fields, `to_dict()` / `from_dict()` round-trip, offsets into the original text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import date as Date
from typing import Any

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)
FACTUALITY = ("asserted", "negated", "hypothetical")
PRECISIONS = ("day", "month", "year", "unknown")


@dataclass
class Document:
    """One text to code. `date` is the publication date that relative dates are resolved against."""

    text: str
    id: str = "doc"
    date: Date | None = None
    url: str | None = None
    title: str | None = None


@dataclass
class Actor:
    """A mention of who acts or is acted on, resolved to country + sector where the text allows.

    `text`, `start` and `end` are None for an actor the verb implies but the text does not name
    ("were convicted": the court).
    """

    text: str | None
    start: int | None
    end: int | None
    name: str | None = None
    country: str | None = None
    sector: str | None = None
    code: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Actor | None:
        return None if d is None else cls(**d)


@dataclass
class Location:
    """Where an event happened: a gazetteer place (city) or a country."""

    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None
    text: str | None = None
    start: int | None = None
    end: int | None = None
    geonameid: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Location | None:
        return None if d is None else cls(**d)


@dataclass
class Trigger:
    """The words that express the event (verb or noun), with offsets into the document."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class Event:
    """One coded event: the record every export, store and the eval read."""

    doc_id: str
    event_id: str
    event_type: str | None
    cameo: str | None
    source: Actor
    target: Actor | None
    trigger: Trigger
    sentence: int
    sentence_text: str
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    date: str | None = None
    date_precision: str = "unknown"
    date_text: str | None = None  # the time words found, kept when they give no date (no publication date)
    location: Location | None = None
    factuality: str = "asserted"
    confidence: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id,
            "event_id": self.event_id,
            "event_type": self.event_type,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "date": self.date,
            "date_precision": self.date_precision,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "factuality": self.factuality,
            "sentence": self.sentence,
            "sentence_text": self.sentence_text,
            "trigger": self.trigger.to_dict(),
            "confidence": round(self.confidence, 3),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        d = dict(d)
        source = Actor.from_dict(d.pop("source"))
        assert source is not None
        return cls(
            source=source,
            target=Actor.from_dict(d.pop("target", None)),
            trigger=Trigger(**d.pop("trigger")),
            location=Location.from_dict(d.pop("location", None)),
            **d,
        )
