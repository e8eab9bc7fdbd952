"""The Coder: one spaCy parse per document, then the stages in order (actors → context → events → time → place)."""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace
from datetime import date as Date
from functools import partial
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc, Span

from . import actors, annotate, context, events, language, places, temporal
from .dictionaries.actor_codes import DictionarySet, dictionary_code, load_dictionaries
from .dictionaries.coding import DictionaryCoder, DictionaryEvent, Found
from .dictionaries.verb_codes import plover_type
from .errors import DateError, Errors, InputError
from .model import Actor, Document, Event, Trigger

log = logging.getLogger(__name__)

# Measured (bench/bench_length.py --chars): one document of 1,000,000 characters takes about a minute and 3.3 GB at
# its peak, 2,000,000 characters 6.2 GB: the parse needs some 3 KB per character. spaCy's own default is 1,000,000.
MAX_CHARS = 1_000_000
# A UTF-16 surrogate on its own (e.g. from the JSON escape "\ud800"): not a character, the parser cannot read it.
LONE_SURROGATE = re.compile("[\ud800-\udfff]")
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
    surrogate = LONE_SURROGATE.search(text)
    if surrogate:
        raise InputError(Errors.E015.format(field="text", char=ascii(surrogate.group())[1:-1],
                                            offset=surrogate.start()), doc_id=doc_id)


def prepare(item: object, n: int, max_chars: int = MAX_CHARS, english_only: bool = True) -> Coded:
    """One input of `Coder.pipe` as a Document ready to parse, or as a Coded with the reason it cannot be coded
    (so that a bad item is reported in its place instead of stopping the run). A date given as a string or a
    datetime becomes a date."""
    if isinstance(item, str):
        item = Document(text=item, id=f"doc{n}")
    if not isinstance(item, Document):
        hint = " (decode bytes first, e.g. data.decode('utf-8'))" if isinstance(item, (bytes, bytearray)) else ""
        kind = "None" if item is None else f"of type {type(item).__name__}"
        return Coded(Document(text="", id=f"doc{n}"), error=Errors.E013.format(n=n, kind=kind, hint=hint))
    reason = _text_problem(item.text, item.id, max_chars)
    if reason is not None:
        return Coded(item, error=reason)
    try:
        day = _pub_date(item.date)
    except DateError as err:
        return Coded(item, error=str(err))
    if day is not item.date:
        item = replace(item, date=day)
    return Coded(item, error=_language_problem(item.text) if english_only else None)


def _text_problem(text: object, doc_id: str, max_chars: int) -> str | None:
    """Why a document's text cannot be coded (missing, bytes, not a str, empty, too long...), or None."""
    if text is None:
        return Errors.E010
    if isinstance(text, (bytes, bytearray)):
        return Errors.E011
    if not isinstance(text, str):
        return Errors.E012.format(kind=type(text).__name__)
    try:
        check_text(text, doc_id, max_chars)
    except InputError as err:
        return err.reason
    return None


def _pub_date(value: object) -> Date | None:
    """The publication date as a date: a date is kept, a 'YYYY-MM-DD' string or a datetime converted; anything
    else is a DateError saying what to give."""
    if value is None or type(value) is Date:
        return value
    if not isinstance(value, (str, Date)):
        raise DateError(Errors.E014.format(value=value, kind=type(value).__name__))
    return temporal.parse_pub_date(value)


def _language_problem(text: str) -> str | None:
    """E016 for text the detector is sure is not English (see sanderling.language), else None."""
    found = language.not_english(text)
    return Errors.E016.format(lang=found[0], p_en=found[1]) if found else None


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

    def pipe(self, documents: Iterable[Document | str], *, english_only: bool = True) -> Iterator[Coded]:
        """Code documents (or plain texts) in order, batching the parse. Exactly one Coded comes back per item, in
        order: an item that cannot be coded (None, bytes, a bad date, empty or non-English text, a coding failure)
        has `error` set and is never raised. `english_only=False` codes text the language check would refuse."""
        pending: list[Coded] = []
        for n, item in enumerate(documents, start=1):
            pending.append(prepare(item, n, self.max_chars, english_only))
            if len(pending) >= self.batch_size:
                yield from self._code_batch(pending)
                pending = []
        if pending:
            yield from self._code_batch(pending)

    def _code_batch(self, batch: list[Coded]) -> Iterator[Coded]:
        ok = [item.document for item in batch if item.error is None]
        try:
            parsed = iter(list(self.nlp.pipe(d.text for d in ok)))
        except Exception:  # one document broke the batch: parse one by one so the others are still coded
            parsed = iter([self._parse_one(d) for d in ok])
        for item in batch:
            if item.error is not None:
                yield item
                continue
            doc = next(parsed)
            if isinstance(doc, str):
                yield Coded(item.document, error=doc)
                continue
            try:
                yield Coded(item.document, self.code_doc(doc, item.document))
            except Exception as err:  # one document must never stop a corpus run
                log.debug("coding failed for document %r", item.document.id, exc_info=True)
                yield Coded(item.document, error=Errors.E017.format(detail=f"{type(err).__name__}: {err}"))

    def _parse_one(self, document: Document) -> Doc | str:
        try:
            return self.nlp(document.text)
        except Exception as err:
            log.debug("parsing failed for document %r", document.id, exc_info=True)
            return Errors.E018.format(detail=f"{type(err).__name__}: {err}")

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
                sentence_text=sentence_text(sent, trigger_span),
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



SENTENCE_CHARS = 1_000  # Event.sentence_text of a longer sentence is cut around the trigger (see sentence_text)


def sentence_text(sent: Span, trigger: Span, limit: int = SENTENCE_CHARS) -> str:
    """The sentence as written; over `limit` characters, the whole words within limit/2 characters either side of
    the trigger, with "…" where it is cut. Each event carries its sentence, so one very long sentence (a table, a
    list run together) repeated in each of its events made the output grow with the square of its length; the
    `sentence` number still names the whole sentence."""
    if sent.end_char - sent.start_char <= limit:
        return sent.text.rstrip()
    doc = sent.doc
    lo = sent.start + bisect.bisect_left(range(sent.start, trigger.start), trigger.start_char - limit // 2,
                                         key=lambda i: doc[i].idx)
    hi = trigger.end + bisect.bisect_right(range(trigger.end, sent.end), trigger.end_char + limit // 2,
                                           key=lambda i: doc[i].idx + len(doc[i]))
    return ("… " if lo > sent.start else "") + doc[lo:hi].text.strip() + (" …" if hi < sent.end else "")


_default: Coder | None = None


def code(text: str, date: str | Date | None = None, doc_id: str = "doc") -> list[Event]:
    """Code one text with a shared default Coder (loaded on first use)."""
    global _default
    if _default is None:
        _default = Coder()
    return _default.code(text, date=date, doc_id=doc_id)


__all__ = ["Coder", "Coded", "code", "check_text", "Actor"]
