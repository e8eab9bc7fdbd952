"""Stage 4, time: each event gets the date of the expression that governs its clause, at honest precision.

Rules, in order:

1. *Governing expression.* A time expression (spaCy DATE entity, or one of our patterns) belongs to the first verb
   above it in the dependency tree. An event takes the expression of the nearest verb on its path to the sentence root:
   "In February 2012, Iran attacked ..." governs "attacked"; "Back in March 2012, X revealed that Y is using ... its plan
   to attack" governs everything under "revealed". Precision is what the words give: "May 2009" is a month, "2012"
   a year, "on Monday" a day; no day is invented.
2. *Normalisation* against the publication date: a weekday is the publication day or the most recent such day
   before it; "yesterday", "last month", "last year", "this year", "in March" (the most recent March), "N days ago".
   Relative expressions "a few weeks later", "two days later", "the next month" count from the previous dated event
   and keep the coarser precision of the two ("a few weeks after February 2012" = 2012-03, month).
3. *Narrative continuity.* An undated past-tense clause in the same paragraph as an earlier dated event inherits that
   date ("In 2008, X happened. Y followed.").
4. *The news frame.* Otherwise an event in the simple past, simple present or present perfect inherits the publication
   date (day precision): a news lead reports what just happened. Ongoing or background clauses stay `unknown`: the
   progressive perfect ("has been helping"), the past perfect ("had signed"), the future and modals.
Without a publication date, rules 2–4 that need it give `unknown`.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timedelta

from spacy.tokens import Doc, Span, Token

from .errors import DateError, Errors

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower() + ".": i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m and m != "May"})
MONTHS["sept."] = MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
                "eight": 8, "nine": 9, "ten": 10, "a few": 3, "few": 3, "several": 3, "a couple of": 2}
UNITS = {"day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365}
UNIT_PRECISION = {1: "day", 7: "day", 30: "month", 365: "year"}
RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
MONTH_RE = "|".join(sorted((re.escape(m.capitalize()) for m in MONTHS if m != "may."), key=len, reverse=True))
NUM_RE = r"(?:\d+|a couple of|a few|an?|one|two|three|four|five|six|seven|eight|nine|ten|few|several)"

PATTERNS = [  # (kind, regex) — tried in order over the document text; longer forms first
    ("mdy", rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>(?:19|20)\d\d)\b"),
    ("dmy", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_RE})\s+(?P<year>(?:19|20)\d\d)\b"),
    ("iso", r"\b(?P<year>(?:19|20)\d\d)-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    ("my", rf"\b(?P<month>{MONTH_RE})\s+(?:of\s+)?(?P<year>(?:19|20)\d\d)\b"),
    ("md", rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b"),
    ("dm", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_RE})\b"),
    ("later", rf"\b(?P<n>{NUM_RE})\s+(?P<unit>days?|weeks?|months?|years?)\s+(?P<dir>later|after(?:wards)?|earlier|before|ago)\b"),
    ("next", r"\b(?:the\s+)?(?P<dir>next|following|previous)\s+(?P<unit>day|week|month|year)\b"),
    ("lastunit", r"\b(?P<dir>last|this|next)\s+(?P<unit>week|month|year)\b"),
    ("weekday", r"\b(?:(?P<dir>last|this|next|on)\s+)?(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"),
    ("deictic", r"\b(?P<word>today|yesterday|tomorrow|tonight)\b"),
    ("year", r"\b(?:in|In|since|Since|of|by|By|during|During|early|late|mid-)\s*(?P<year>(?:19|20)\d\d)\b(?!\s*(?:people|troops|soldiers|km|miles))"),
    ("month", rf"\b(?:in|In|since|Since|early|late|by|By)\s+(?P<month>(?:January|February|March|April|June|July|August|September|October|November|December|May))\b"),
]
COMPILED = [(kind, re.compile(rx, re.I if kind in {"later", "next", "lastunit", "deictic"} else 0)) for kind, rx in PATTERNS]


@dataclass
class Timex:
    """A time expression: its words, offsets and normalised TIMEX3-style value."""

    text: str
    start: int
    end: int
    value: str | None
    precision: str
    kind: str  # DATE | DURATION | SET | TIME
    relative: tuple[int, str] | None = None  # (days, precision) after/before the previous dated event


@dataclass
class EventDate:
    """The date given to one event, with the words it came from."""

    date: str | None
    precision: str
    text: str | None
    start: int | None = None
    end: int | None = None


UNKNOWN = EventDate(None, "unknown", None)


def parse_pub_date(value: str | Date | None) -> Date | None:
    """A publication date from None, a date, or 'YYYY-MM-DD' (a trailing time is ignored)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, Date):
        return value
    if isinstance(value, str):
        m = re.fullmatch(r"\s*(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.+\-Z]*)?\s*", value)
        if m:
            try:
                return Date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
    raise DateError(Errors.E007.format(value=value))


def _fmt(d: Date, precision: str) -> str:
    return {"day": d.isoformat(), "month": d.strftime("%Y-%m"), "year": str(d.year)}[precision]


def _number(word: str) -> int:
    word = word.lower()
    return int(word) if word.isdigit() else NUMBER_WORDS.get(word, 1)


def _month(word: str) -> int:
    return MONTHS[word.lower()]


def _normalise(kind: str, m: re.Match, pub: Date | None) -> tuple[str | None, str, tuple[int, str] | None]:
    """(value, precision, relative) for one pattern match."""
    g = m.groupdict()
    try:
        if kind in {"mdy", "dmy", "iso"}:
            return Date(int(g["year"]), _month(g["month"]) if not g["month"].isdigit() else int(g["month"]),
                        int(g["day"])).isoformat(), "day", None
        if kind == "my":
            return f"{int(g['year']):04d}-{_month(g['month']):02d}", "month", None
        if kind == "year":
            return g["year"], "year", None
        if kind in {"md", "dm", "month"}:
            if pub is None:
                return None, "unknown", None
            month = _month(g["month"])
            year = pub.year if month <= pub.month else pub.year - 1
            if kind == "month":
                return f"{year:04d}-{month:02d}", "month", None
            return Date(year, month, int(g["day"])).isoformat(), "day", None
    except (ValueError, KeyError):
        return None, "unknown", None
    if kind == "later":
        days = _number(g["n"]) * UNITS[g["unit"].lower()]
        precision = UNIT_PRECISION[UNITS[g["unit"].lower()]]
        if g["n"].lower() in {"a few", "few", "several", "a couple of"} and precision == "day":
            precision = "month"  # "a few weeks later": the month, not an invented day
        direction = g["dir"].lower()
        if direction == "ago":
            if pub is None:
                return None, "unknown", None
            return _fmt(pub - timedelta(days=days), precision), precision, None
        sign = -1 if direction in {"earlier", "before"} else 1
        return None, precision, (sign * days, precision)
    if kind == "next":
        unit = UNITS[g["unit"].lower()]
        sign = -1 if g["dir"].lower() == "previous" else 1
        return None, UNIT_PRECISION[unit], (sign * unit, UNIT_PRECISION[unit])
    if pub is None:
        return None, "unknown", None
    if kind == "lastunit":
        unit, direction = g["unit"].lower(), g["dir"].lower()
        shift = {"last": -1, "this": 0, "next": 1}[direction]
        if unit == "year":
            return str(pub.year + shift), "year", None
        if unit == "month":
            y, mo = divmod(pub.year * 12 + pub.month - 1 + shift, 12)
            return f"{y:04d}-{mo + 1:02d}", "month", None
        return _fmt(pub + timedelta(days=7 * shift), "month"), "month", None
    if kind == "weekday":
        target = WEEKDAYS[g["weekday"].lower()]
        if (g.get("dir") or "").lower() == "next":
            delta = (target - pub.weekday()) % 7 or 7
            return (pub + timedelta(days=delta)).isoformat(), "day", None
        delta = (pub.weekday() - target) % 7
        if (g.get("dir") or "").lower() == "last" and delta == 0:
            delta = 7
        return (pub - timedelta(days=delta)).isoformat(), "day", None
    if kind == "deictic":
        shift = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[g["word"].lower()]
        return (pub + timedelta(days=shift)).isoformat(), "day", None
    return None, "unknown", None


def find_timexes(doc: Doc, pub_date: Date | None) -> list[Timex]:
    """Time expressions of a document, normalised against the publication date (relative ones left open)."""
    text = doc.text
    taken = bytearray(len(text))
    found: list[Timex] = []
    for kind, rx in COMPILED:
        for m in rx.finditer(text):
            start, end = m.span()
            if kind in {"year", "month"}:  # keep only the year/month itself, not the preposition
                start = m.start("year") if kind == "year" else m.start("month")
            if any(taken[start:end]):
                continue
            value, precision, relative = _normalise(kind, m, pub_date)
            if value is None and relative is None and kind not in {"md", "dm", "month", "weekday", "deictic",
                                                                  "lastunit"}:
                continue
            taken[start:end] = b"\x01" * (end - start)
            found.append(Timex(text[start:end], start, end, value, precision, "DATE", relative))
    found.sort(key=lambda t: t.start)
    return found


def _governor(doc: Doc, timex: Timex) -> Token | None:
    """The verb a time expression modifies: the first verb above its root in the tree."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return None
    tok = span.root
    for _ in range(12):
        if tok.pos_ in {"VERB", "AUX"} and not (tok.i >= span.start and tok.i < span.end):
            return tok
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
    return None


def _clause_verb(tok: Token) -> Token:
    """The verb whose tense decides a trigger's frame: itself, or the verb a noun trigger hangs from."""
    for _ in range(8):
        if tok.pos_ in {"VERB", "AUX"} or tok.head.i == tok.i:
            return tok
        tok = tok.head
    return tok


def _frame(verb: Token) -> str:
    """'news' for simple past/present and present perfect; 'background' for progressive perfect, past perfect,
    future and modals."""
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    words = {a.lower_ for a in auxes}
    if words & {"will", "would", "shall", "could", "might", "may", "should", "'ll", "must"}:
        return "background"
    if "had" in words:
        return "background"
    if verb.tag_ == "VBG" and words & {"has", "have", "'s", "'ve"} and "been" in words:
        return "background"
    if verb.tag_ in {"VB"} and verb.dep_ in {"xcomp", "acl", "advcl"}:
        return "inherit"
    if verb.tag_ in {"VBD", "VBN", "VBZ", "VBP", "VBG", "VB"}:
        return "news"
    return "background"


def _paragraph_of(doc: Doc, tok: Token, breaks: list[int]) -> int:
    lo, hi = 0, len(breaks)
    while lo < hi:
        mid = (lo + hi) // 2
        if breaks[mid] <= tok.idx:
            lo = mid + 1
        else:
            hi = mid
    return lo


class TimeResolver:
    """Dates events by the rules in the module docstring."""

    def resolve(self, doc: Doc, triggers: list[Token], pub_date: Date | None) -> list[EventDate]:
        if not triggers:
            return []
        timexes = find_timexes(doc, pub_date)
        by_verb: dict[int, Timex] = {}
        for t in timexes:
            gov = _governor(doc, t)
            if gov is not None and gov.i not in by_verb:
                by_verb[gov.i] = t
        breaks = [m.start() for m in re.finditer(r"\n", doc.text)]
        out: list[EventDate] = []
        last: EventDate | None = None
        last_paragraph = -1
        for trigger in triggers:
            paragraph = _paragraph_of(doc, trigger, breaks)
            timex = self._governing(trigger, by_verb)
            result = None
            if timex is not None:
                result = self._from_timex(timex, last)
            if result is None:
                verb = _clause_verb(trigger)
                frame = _frame(verb)
                for _ in range(4):  # an infinitive or participle takes the frame of the clause it hangs from
                    if frame != "inherit" or verb.head.i == verb.i:
                        break
                    verb = _clause_verb(verb.head)
                    frame = _frame(verb)
                if frame in {"news", "inherit"} and last is not None and last_paragraph == paragraph \
                        and last.date is not None:
                    result = EventDate(last.date, last.precision, last.text, last.start, last.end)
                elif frame == "news" and pub_date is not None:
                    result = EventDate(pub_date.isoformat(), "day", None)
                else:
                    result = UNKNOWN
            if result.date is not None and result.text is not None:
                last, last_paragraph = result, paragraph
            out.append(result)
        return out

    @staticmethod
    def _governing(trigger: Token, by_verb: dict[int, Timex]) -> Timex | None:
        tok = trigger
        for _ in range(16):
            if tok.i in by_verb:
                return by_verb[tok.i]
            if tok.head.i == tok.i:
                return None
            tok = tok.head
        return None

    @staticmethod
    def _from_timex(timex: Timex, last: EventDate | None) -> EventDate | None:
        if timex.value is not None:
            return EventDate(timex.value, timex.precision, timex.text, timex.start, timex.end)
        if timex.relative is None or last is None or last.date is None:
            return EventDate(None, "unknown", timex.text, timex.start, timex.end)
        days, precision = timex.relative
        anchor_precision = last.precision
        parts = [int(p) for p in last.date.split("-")] + [1, 1]
        anchor = Date(parts[0], parts[1] if anchor_precision != "year" else 7, parts[2] if anchor_precision == "day" else 15)
        shifted = anchor + timedelta(days=days)
        final = min(precision, anchor_precision, key=lambda p: RANK[p])
        return EventDate(_fmt(shifted, final), final, timex.text, timex.start, timex.end)
