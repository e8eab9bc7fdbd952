"""Shared fixtures: hand-built events (no parser needed), the seed gold file, one real Coder per session."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sanderling.model import Actor, Event, Location, Trigger

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED_GOLD = SHARED / "examples" / "gantz-azerbaijan-2022-10-03.gold.json"


def build_event(
    event_type: str = "CONSULT",
    source: str | None = "ISR",
    target: str | None = "AZE",
    *,
    sentence: int = 1,
    date: str | None = "2022-10-03",
    precision: str | None = None,
    factuality: str = "asserted",
    n: int = 1,
    source_sector: str | None = "GOV",
    target_sector: str | None = None,
    location: Location | None = None,
    context: tuple[str, ...] = (),
    mode: str | None = None,
    cameo: str | None = "040",
) -> Event:
    """A plausible Event built by hand, with consistent offsets into its own one-sentence text."""
    src_text, tgt_text, verb = "Defense Minister Benny Gantz", "Azerbaijan's President", "met"
    text = f"{src_text} {verb} {tgt_text}."
    if precision is None:
        precision = {None: "unknown", 4: "year", 7: "month", 10: "day"}[len(date) if date else None]
    return Event(
        doc_id="doc", event_id=f"doc-{n}", event_type=event_type, cameo=cameo,
        source=Actor(src_text, 0, len(src_text), name="Benny Gantz", country=source, sector=source_sector),
        target=Actor(tgt_text, len(src_text) + 5, len(text) - 1, country=target, sector=target_sector)
        if target is not None else None,
        trigger=Trigger(verb, len(src_text) + 1, len(src_text) + 4),
        sentence=sentence, sentence_text=text, mode=mode, context=list(context), date=date,
        date_precision=precision, date_text="on Monday" if date else None, location=location,
        factuality=factuality, confidence=0.8,
    )


@pytest.fixture
def make_event() -> Callable[..., Event]:
    return build_event


@pytest.fixture
def seed_gold_path() -> Path:
    if not SEED_GOLD.is_file():
        pytest.skip(f"the seed gold file {SEED_GOLD} is not present (shared/ is not beside the checkout)")
    return SEED_GOLD


@pytest.fixture(scope="session")
def coder():
    """The CLI's own cached Coder, so that the model loads once for the API and CLI tests alike."""
    from sanderling.cli import get_coder

    return get_coder()
