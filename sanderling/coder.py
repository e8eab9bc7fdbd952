"""The Coder: one spaCy parse per document, then the stages in order (actors → context → events → time → place)."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date as Date
from functools import partial
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import actors, annotate, context, events, places, temporal
from .dictionaries.actor_codes import DictionarySet, dictionary_code, load_dictionaries
from .dictionaries.coding import DictionaryCoder, DictionaryEvent, Found
from .dictionaries.verb_codes import plover_type
from .errors import Errors, InputError
from .model import Actor, Document, Event, Trigger

log = logging.getLogger(__name__)

MAX_CHARS = 2_000_000
DICTIONARY_MODES = ("merge", "replace")


@dataclass
class Coded:
    """The result for one document: its events, or the reason it was skipped."""

    document: Document
    events: list[Event] = field(default_factory=list)
    error: str | None = None


def check_text(text: str, doc_id: str, max_chars: int = MAX_CHARS) -> None:
    """Reject text that cannot be coded, with a message that says why (see errors.Errors)."""
    if not text:
        raise InputError(Errors.E001, doc_id=doc_id)
    if not text.strip():
        raise InputError(Errors.E002, doc_id=doc_id)
    if "\x00" in text:
        raise InputError(Errors.E003.format(detail="it contains NUL bytes"), doc_id=doc_id)
    if len(text) > max_chars:
        raise InputError(Errors.E009.format(size=len(text), limit=max_chars), doc_id=doc_id)


class Coder:
    """Reusable coder: load the pipeline once, code many documents.

    >>> coder = Coder()
    >>> events = coder.code("Iran attacked Azerbaijan with missiles on Monday.", date="2022-10-03")
    """

    def __init__(self, nlp: Language | None = None, *, batch_size: int = 16, max_chars: int = MAX_CHARS,
                 dictionaries: str | Path | DictionarySet | None = None, dictionaries_mode: str = "merge",
                 paired_codes: str = "symmetric", require_dyad: bool = True, nested_codes: str = "rules"):
        if dictionaries_mode not in DICTIONARY_MODES:
            raise ValueError(f"unknown dictionaries mode {dictionaries_mode!r}: use 'merge' (the dictionaries on top "
                             "of the built-in knowledge) or 'replace' (the dictionaries only)")
        self.dictionaries = load_dictionaries(dictionaries) if isinstance(dictionaries, (str, Path)) else dictionaries
        self.dictionaries_mode = dictionaries_mode
        self.dictionary_coder = DictionaryCoder(self.dictionaries, paired_codes, require_dyad, nested_codes) \
            if self.dictionaries is not None else None
        self.nlp = nlp or annotate.load_pipeline()
        self.batch_size = batch_size
        self.max_chars = max_chars
        self.nlp.max_length = max(self.nlp.max_length, max_chars + 1)
        self.times = temporal.TimeResolver()
        self.places = places.EventPlacer()

    def code(self, text: str, date: str | Date | None = None, doc_id: str = "doc") -> list[Event]:
        """Code one text. Raises InputError for text that cannot be coded."""
        document = Document(text=text, id=doc_id, date=temporal.parse_pub_date(date))
        result = next(self.pipe([document]))
        if result.error:
            raise InputError(result.error, doc_id=doc_id)
        return result.events

    def pipe(self, documents: Iterable[Document | str]) -> Iterator[Coded]:
        """Code documents (or plain texts) in order, batching the parse; a bad document is reported, never fatal."""
        pending: list[Document] = []
        for n, document in enumerate(documents, start=1):
            if isinstance(document, str):
                document = Document(text=document, id=f"doc{n}")
            pending.append(document)
            if len(pending) >= self.batch_size:
                yield from self._code_batch(pending)
                pending = []
        if pending:
            yield from self._code_batch(pending)

    def _code_batch(self, batch: list[Document]) -> Iterator[Coded]:
        ok: list[Document] = []
        errors: dict[int, str] = {}
        for i, document in enumerate(batch):
            try:
                check_text(document.text, document.id, self.max_chars)
                ok.append(document)
            except InputError as err:
                errors[i] = err.reason
        try:
            parsed = iter(list(self.nlp.pipe(d.text for d in ok)))
        except Exception:  # one document broke the batch: parse one by one so the others are still coded
            parsed = iter([self._parse_one(d) for d in ok])
        for i, document in enumerate(batch):
            if i in errors:
                yield Coded(document, error=errors[i])
                continue
            doc = next(parsed)
            if isinstance(doc, str):
                yield Coded(document, error=doc)
                continue
            try:
                yield Coded(document, self.code_doc(doc, document))
            except Exception as err:  # one document must never stop a corpus run
                log.exception("coding failed for document %r", document.id)
                yield Coded(document, error=f"internal error while coding: {type(err).__name__}: {err}")

    def _parse_one(self, document: Document) -> Doc | str:
        try:
            return self.nlp(document.text)
        except Exception as err:
            log.exception("parsing failed for document %r", document.id)
            return f"the parser failed on this document: {type(err).__name__}: {err}"

    def code_doc(self, doc: Doc, document: Document) -> list[Event]:
        """Run the stages over one parsed document."""
        drafts: list[events.Draft] = []
        if self.dictionaries_mode == "merge" or self.dictionary_coder is None:
            known = partial(dictionary_code, self.dictionaries, day=document.date) \
                if self.dictionaries is not None else None
            dateline = context.find_dateline(doc.text)
            mentions = actors.find_actors(doc, known, day=document.date,
                                          text_start=dateline.end_char if dateline is not None else 0)
            mentions = context.apply_context(doc, mentions, context.read_context(doc, mentions))
            drafts = events.extract_events(doc, mentions)
        from_dictionaries: set[int] = set()
        if self.dictionary_coder is not None:
            found_events = self.dictionary_coder.code(doc, document.date)
            if self.dictionaries_mode == "merge":
                drafts = _merge(doc, drafts, found_events, from_dictionaries)
            else:
                from_dictionaries.update(range(len(found_events)))
                drafts = [_draft(doc, found) for found in found_events]
        dates = self.times.resolve(doc, [d.trigger for d in drafts], document.date)
        kept = events.told_once(drafts, dates)
        drafts, dates = [drafts[k] for k in kept], [dates[k] for k in kept]
        from_dictionaries = {n for n, k in enumerate(kept) if k in from_dictionaries}
        sentence_index = {s.start: n for n, s in enumerate(doc.sents, start=1)}
        out: list[Event] = []
        n = 0
        for k, (draft, when) in enumerate(zip(drafts, dates)):
            sent = draft.trigger.sent
            location = self.places.locate(
                doc, draft.trigger, event_type=draft.event_type, mode=draft.mode,
                host_country=draft.host_country,
            )
            trigger_span = draft.trigger_span
            source, target = events.actors_in_context(draft, location)
            if self.dictionaries is not None and k not in from_dictionaries:
                source = self._dictionary_code(doc, source, document.date)
                target = self._dictionary_code(doc, target, document.date) if target is not None else None
            if events.unplaced(draft, source, target):
                continue
            n += 1
            out.append(Event(
                doc_id=document.id,
                event_id=f"{document.id}-{n}",
                event_type=draft.event_type,
                mode=draft.mode,
                context=list(draft.context),
                cameo=draft.cameo,
                source=source,
                target=target,
                trigger=Trigger(trigger_span.text, trigger_span.start_char, trigger_span.end_char),
                sentence=sentence_index[sent.start],
                sentence_text=sent.text.rstrip(),
                date=when.date,
                date_precision=when.precision,
                date_text=when.text,
                location=location,
                factuality=draft.factuality,
                confidence=draft.confidence,
            ))
        return out

    def _dictionary_code(self, doc: Doc, actor: Actor, day: Date | None) -> Actor:
        """The actor with the code the user's dictionaries give its words, where they give one."""
        if actor.start is None or actor.end is None or self.dictionaries is None:
            return actor
        span = doc.char_span(actor.start, actor.end, alignment_mode="expand")
        words = [t.text for t in span] if span is not None else (actor.text or "").split()
        code = dictionary_code(self.dictionaries, words, day, actor.country)
        return replace(actor, code=code) if code else actor


def _mention(doc: Doc, found: Found) -> actors.Mention:
    """An actor the dictionaries code: its country is the code's first three letters when those are a country we
    know, its sector the next three ("IRNMIL" = IRN, MIL)."""
    country = found.code[:3] if actors.countries.country(found.code[:3]) is not None else None
    sector = found.code[3:6] if country and len(found.code) >= 6 else None
    return actors.Mention(doc, found.start, found.end, found.head, "org", name=doc[found.start:found.end].text,
                          country=country, sector=sector, country_from="dictionary" if country else None,
                          given_code=found.code)


def _merge(doc: Doc, drafts: list[events.Draft], found_events: list[DictionaryEvent],
           from_dictionaries: set[int]) -> list[events.Draft]:
    """The built-in coder's events, with the dictionary's CAMEO code where it codes the same verb with the same
    PLOVER type; and the dictionary's events in sentences the built-in coder leaves uncoded, where PLOVER has a
    type for them. The built-in lexicon keeps the event types and fills the sentences it codes: measured on the
    PLOVER GSR, letting dictionary codes retype its events or add to its sentences costs more precision than it
    gains recall (docs/accuracy.md)."""
    by_trigger: dict[int, list[DictionaryEvent]] = {}
    for found in found_events:
        by_trigger.setdefault(found.trigger, []).append(found)
    out = []
    for draft in drafts:
        same = [f for f in by_trigger.get(draft.trigger.i, []) if plover_type(f.cameo) == draft.event_type]
        out.append(replace(draft, cameo=same[0].cameo) if same else draft)
    covered = {d.trigger.sent.start for d in drafts}
    for found in found_events:
        if doc[found.trigger].sent.start not in covered and plover_type(found.cameo) is not None:
            from_dictionaries.add(len(out))
            out.append(_draft(doc, found))
    return out


def _draft(doc: Doc, found: DictionaryEvent) -> events.Draft:
    """A dictionary event in the form the later stages (time, place) read."""
    trigger = doc[found.trigger]
    pattern = events.Pattern(trigger.lemma_, "V", (), plover_type(found.cameo) or "", None, found.cameo,
                             frozenset(), found.pattern.line if found.pattern is not None else 0)
    return events.Draft(trigger, doc[trigger.i:trigger.i + 1], plover_type(found.cameo), found.cameo, None,
                        _mention(doc, found.source),
                        _mention(doc, found.target) if found.target is not None else None, events.factuality(trigger),
                        0.5, pattern)


_default: Coder | None = None


def code(text: str, date: str | Date | None = None, doc_id: str = "doc") -> list[Event]:
    """Code one text with a shared default Coder (loaded on first use)."""
    global _default
    if _default is None:
        _default = Coder()
    return _default.code(text, date=date, doc_id=doc_id)


__all__ = ["Coder", "Coded", "code", "check_text", "Actor"]
