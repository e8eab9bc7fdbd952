"""Stage 5, time: each event gets the date of the expression that governs its clause, at honest precision.

Rules, in order:

1. *Governing expression.* A time expression (one of our patterns) belongs to the first verb above it in the
   dependency tree, or to the noun it modifies ("a 2010 raid" dates the raid, not the verb above it). An event takes
   the expression of the nearest word on its path to the sentence root: "In February 2012, Iran attacked ..." governs
   "attacked"; "Back in March 2012, X revealed that Y is using ... its plan to attack" governs everything under
   "revealed". Precision is what the words give: "May 2009" is a month, "2012" a year, "on Monday" a day; no day is
   invented. Durations ("for three years") and sets ("every year") are recognised but date nothing.
2. *Normalisation* against the publication date: a weekday or a month without a year is the most recent one, or the
   next one when its clause is in the future ("will begin on April 7"); "yesterday", "last month", "this week",
   "next year", "last summer", "two years ago", "now" (the publication day). Relative expressions "a few weeks
   later", "two days later", "the next month" count from the previous dated event and keep the coarser precision of
   the two ("a few weeks after February 2012" = 2012-03, month).
   A time attached to an event noun stays with it ("the ratification of the treaty in May 2019", "Minsk's
   withdrawal last week"); a verb shares the time of the verb conjoined after it ("was tried and jailed on Sept. 20"); a
   participle of onset passes its time to its clause ("will be held in Oslo starting Friday"); a participle before the
   verb sets the scene ("The accord, dated 14 July, was signed"). A reporting verb's own day does not date what it
   reports ("X has freed six hostages, the UN said Sunday") unless the report is in its present ("said it was
   withdrawing its envoy"). "Two weeks ago", "last week" and "in recent weeks" date an event to the month.
3. *Narrative continuity.* An undated past-tense clause takes the date of the last main clause dated in an earlier
   sentence of the paragraph ("In 2008, X happened. Y followed."); a relative clause's date is its own. A future clause
   takes the future date the passage set ("Talks will begin on Tuesday. X will mediate.").
4. *The news frame.* Otherwise an event in the simple past, simple present or present perfect is dated to the day of
   the news: a later mention of the same event with its day ("a court has jailed a blogger ... the blogger was
   jailed on Sept. 20"), else the first day the passage names within a week before publication ("Friday's raid"; a day
   of reporting only when no other is named), else the publication day. A past perfect with no time of its own ("said
   it had detained three fighters") is a step before the news: that day's month. Ongoing or background clauses stay
   `unknown`: the progressive perfect ("has been helping"), "had long ...", and hypothetical events with no time of
   their own (a modal, an intention, "a planned attack": the events stage's factuality).
Without a publication date, rules 2–4 that need it give `unknown`.

Each Timex also carries its TimeML (TIMEX3) type and value ("2013-W12", "2012-SU", "P3Y", "PRESENT_REF"), so that it
can be scored against TimeML gold (sanderling.eval.te3).
"""

from __future__ import annotations

import bisect
import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date as Date
from datetime import datetime, timedelta

from spacy.tokens import Doc, Span, Token

from .errors import DateError, Errors
from .grammar import FUTURE_AUX, FUTURE_IN_PAST_AUX
from .knowledge.tables import word_list, word_map

MONTHS = {m.lower(): i for i, m in enumerate(calendar.month_name) if m}
MONTHS.update({m.lower() + ".": i for i, m in enumerate(calendar.month_abbr) if m})
MONTHS.update({m.lower(): i for i, m in enumerate(calendar.month_abbr) if m and m != "May"})
MONTHS["sept."] = MONTHS["sept"] = 9
WEEKDAYS = {d.lower(): i for i, d in enumerate(calendar.day_name)}
NUMBER_WORDS = {word: int(n) for word, n in word_map("number_words").items()}
VAGUE = word_list("vague_amounts")
UNITS = {"minute": 0, "minutes": 0, "hour": 0, "hours": 0,
         "day": 1, "days": 1, "week": 7, "weeks": 7, "month": 30, "months": 30, "year": 365, "years": 365,
         "decade": 3652, "decades": 3652}
UNIT_PRECISION = {0: "day", 1: "day", 7: "month", 30: "month", 365: "year", 3652: "year"}  # "two weeks ago": a month
DURATION_CODES = {"second": "TS", "minute": "TM", "hour": "TH", "day": "D", "week": "W", "month": "M", "year": "Y",
                  "decade": "DE", "century": "CE", "centurie": "CE"}
SEASONS = {"spring": ("SP", 3), "summer": ("SU", 6), "autumn": ("FA", 9), "fall": ("FA", 9), "winter": ("WI", 12)}
DAY_PARTS = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI"}
RANK = {"day": 3, "month": 2, "year": 1, "unknown": 0}
FUTURE_HEADS = word_list("future_heads")
REPORTED_FUTURE_AUX = FUTURE_IN_PAST_AUX  # "said the vote would be held on May 2": the future of the report
REPORTING = word_list("reporting")  # their own day dates no content
ONSET_VERBS = word_list("onset_time")  # "talks ... starting Friday"
HYPOTHETICAL_MODIFIERS = word_list("hypothetical_modifiers")  # "a planned attack" has not happened
EVENT_NOUN_SUFFIXES = ("ion", "ment", "ing")  # "the ratification in May 2019", "the withdrawal last week"
STORY_DAYS = 7  # a day named within a week before publication can be the day of the news
NEWS_WINDOW = 60  # a later mention dates an undated lead event only within this many days before publication
NOT_YEAR_NOUNS = "|".join(word_map("not_year_nouns"))  # in the table's order

MONTH_RE = "|".join(sorted((re.escape(m.capitalize()) for m in MONTHS if m != "may."), key=len, reverse=True))
FULL_MONTH_RE = "January|February|March|April|May|June|July|August|September|October|November|December"
WEEKDAY_RE = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
NUM_RE = (r"(?:\d+(?:,\d{3})*|a couple of|a few|a dozen|a hundred|an?|one|two|three|four|five|six|seven|eight|nine|"
          r"ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|few|several|many|some)")
EDGE = r"(?:(?P<edge>(?i:early|late|mid))[\s-]+)?"  # "early 2011", "late last July", "mid-2012"
YEAR = r"(?:1[89]|20)\d\d"
DUR_UNIT = r"seconds?|minutes?|hours?|days?|weeks?|months?|years?|decades?|centur(?:y|ies)"

PATTERNS = [  # (kind, regex) — tried in order over the document text; longer forms first
    ("mdy", rf"\b{EDGE}(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<year>{YEAR})\b"),
    ("dmy", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_RE})\s+(?P<year>{YEAR})\b"),
    ("iso", rf"\b(?P<year>{YEAR})-(?P<month>\d\d)-(?P<day>\d\d)\b"),
    ("my", rf"\b{EDGE}(?P<month>{MONTH_RE})\s+(?:of\s+)?(?P<year>{YEAR})\b"),
    ("clock", rf"\b(?P<hour>[01]?\d|2[0-3])(?::(?P<minute>[0-5]\d))?\s*(?:(?P<ampm>[ap]\.m\.|[ap]m\b|[AP]M\b)|"
              rf"(?P<tz>GMT|UTC|BST|CET|EST|EDT|PST|PDT|local time)\b)(?:\s+(?:on\s+)?(?P<weekday>{WEEKDAY_RE}))?"),
    ("md", rf"\b(?P<month>{MONTH_RE})\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s*(?:%|percent|[-–]\d))"),
    ("dm", rf"\b(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<month>{MONTH_RE})\b"),
    ("later", rf"\b(?P<n>{NUM_RE})\s+(?P<unit>minutes?|hours?|days?|weeks?|months?|years?|decades?)\s+"
              r"(?P<dir>later|after(?:wards)?|earlier|before|ago)\b"),
    ("daypart", rf"\b(?:(?P<dir>last|this|next|on)\s+)?(?P<day>{WEEKDAY_RE}|today|yesterday|tomorrow|this|last)\s+"
                r"(?P<part>morning|afternoon|evening|night)\b"),
    ("next", r"\b(?:the\s+(?P<dir>next|following|previous)|(?P<bare>following|previous))\s+"
             r"(?P<unit>day|week|month|year)\b"),
    ("lastmonth", rf"\b{EDGE}(?P<dir>last|this|next)\s+(?P<month>{FULL_MONTH_RE})\b"),
    ("pastunit", r"\bthe\s+(?:past|last|next|coming|following|previous)\s+(?P<unit>decade|century)\b|"
                 r"\bthe\s+past\s+(?P<unit2>week|month|year)\b"),
    ("lastunit", rf"\b{EDGE}(?P<dir>last|this|next|coming)\s+(?:(?:fiscal|financial|calendar)\s+)?"
                 r"(?P<unit>week|weekend|month|quarter|year|decade|spring|summer|autumn|fall|winter)\b"),
    ("weekday", rf"\b(?:(?P<dir>last|this|next|on)\s+)?(?P<weekday>{WEEKDAY_RE})\b"),
    ("deictic", r"\b(?P<word>today|yesterday|tomorrow|tonight)\b"),
    ("boundary", rf"\b(?:the\s+)?(?P<edge>end|beginning|start|middle)\s+of\s+(?:the\s+)?"
                 rf"(?:(?P<year>{YEAR})|(?P<month>{FULL_MONTH_RE})|(?P<unit>year|month))\b"),
    ("century", r"\b(?:the\s+)?(?P<n>\d{1,2})(?:st|nd|rd|th)[\s-]+century\b"),
    ("decade", rf"\b(?:the\s+)?{EDGE}(?P<decade>(?:1[5-9]|20)\d)0s\b"),
    ("duration", rf"\b(?P<pre>(?:the\s+)?(?:(?:past|last|next|previous|coming|following|first|final)\s+)?|"
                 r"(?:almost|nearly|a mere|more than|less than|at least)\s+)"
                 rf"(?P<n>{NUM_RE})[\s-]+(?P<unit>{DUR_UNIT})\b(?!-old|\s+old\b|-long\s+\w+\s+old)"),
    ("vague", r"\b(?P<pre>(?:in\s+)?recent|for|(?:the\s+)?(?:past|last|next|coming)\s+(?:few|several))\s+"
              r"(?P<unit>hours|days|weeks|months|years|decades)\b"),
    ("vaguerel", r"\b(?<!the )(?P<unit>minutes|hours|days|weeks|months|years|decades)"
                 r"(?=\s+(?:later|earlier|before|after|ago)\b)"),
    ("set", r"\b(?:every|each)\s+(?:other\s+)?(?P<unit>day|week|month|year|morning|afternoon|evening|night|"
            r"weekend|season|spring|summer|autumn|winter)\b|\b(?P<adverb>annually|yearly)\b"),
    ("present", r"\b(?:(?:right|just)\s+)?(?:now|currently|nowadays|at present|at the moment|these days)\b"),
    ("past", r"\b(?P<word>the (?:distant |recent )?past|the (?:near |distant )?future)\b"),
    ("range", rf"\b(?P<year>{YEAR})\s*[-–/]\s*(?P<year2>(?:1[89]|20)?\d\d)\b"),
    ("year", rf"\b(?:(?i:in|since|of|by|during|from|until|through|before|after|to)\s+|{EDGE})(?P<year>{YEAR})\b"
             rf"(?!\s*(?:{NOT_YEAR_NOUNS})\b)(?![,.]?\d)"),
    ("bareyear", rf"(?<![\d$£€#.,])\b(?P<year>{YEAR})\b(?![,.]?\d|\s*%)"),
    ("month", rf"\b(?:(?i:in|since|early|late|mid|by|through|until|till|from|to|during|before|after|of)[\s-]+)"
              rf"(?P<month>{FULL_MONTH_RE})\b(?!\s+\d)"),
    ("baremonth", r"\b(?P<month>January|February|April|June|July|August|September|October|November|December)\b"
                  r"(?!\s+\d)"),
]
IGNORE_CASE = {"pastunit", "vaguerel", "later", "next", "lastunit", "deictic", "daypart", "boundary", "century",
               "duration", "vague", "set", "present", "past", "lastmonth", "decade"}
COMPILED = [(kind, re.compile(rx, re.I if kind in IGNORE_CASE else 0)) for kind, rx in PATTERNS]


@dataclass
class Timex:
    """A time expression: its words, offsets and normalised value.

    `value` is what events are dated with (YYYY, YYYY-MM or YYYY-MM-DD at `precision`, or None); `timex_value` is the
    TimeML value where it says more ("2013-W12", "2012-SU", "P3Y", "PRESENT_REF"); `kind` is the TIMEX3 type.
    """

    text: str
    start: int
    end: int
    value: str | None
    precision: str
    kind: str  # DATE | DURATION | SET | TIME
    relative: tuple[int, str] | None = None  # (days, precision) after/before the previous dated event
    timex_value: str | None = None

    @property
    def timeml(self) -> str | None:
        """The TimeML value: `timex_value` where set, else `value`."""
        return self.timex_value if self.timex_value is not None else self.value


@dataclass
class Norm:
    """What one match means: the event-dating value and the TimeML reading."""

    value: str | None = None
    precision: str = "unknown"
    relative: tuple[int, str] | None = None
    kind: str = "DATE"
    timex_value: str | None = None



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


def _week(d: Date) -> str:
    year, week, _ = d.isocalendar()
    return f"{year:04d}-W{week:02d}"


def _number(word: str) -> int:
    word = " ".join(word.lower().split())
    if word.replace(",", "").isdigit():
        return int(word.replace(",", ""))
    return NUMBER_WORDS.get(word, 1)


def _month(word: str) -> int:
    return MONTHS[word.lower()]


def _shift_month(d: Date, months: int) -> tuple[int, int]:
    y, mo = divmod(d.year * 12 + d.month - 1 + months, 12)
    return y, mo + 1


def _month_year(month: int, pub: Date, future: bool) -> int:
    """The year of a month named without one: the most recent, or the next when the clause is in the future."""
    if future and month < pub.month:
        return pub.year + 1
    return pub.year if future or month <= pub.month else pub.year - 1


def _weekday_date(weekday: int, pub: Date, direction: str, future: bool) -> Date:
    if direction == "next" or (future and direction != "last"):
        return pub + timedelta(days=(weekday - pub.weekday()) % 7 or (7 if direction == "next" else 0))
    delta = (pub.weekday() - weekday) % 7
    if direction == "last" and delta == 0:
        delta = 7
    return pub - timedelta(days=delta)


class Context:
    """One match in its document: the publication date and, computed when asked, the tense of its clause."""

    def __init__(self, doc: Doc, pub: Date | None, m: re.Match, text: str | None = None):
        self.doc, self.pub, self.m = doc, pub, m
        self.text = doc.text if text is None else text  # the document's text, joined once by the caller
        self._verb: Token | None | bool = False

    def verb(self) -> Token | None:
        """The verb the expression hangs from (cached)."""
        if self._verb is False:
            span = self.doc.char_span(self.m.start(), self.m.end(), alignment_mode="expand")
            self._verb = _first_verb(span.root, span) if span is not None else None
        return self._verb  # type: ignore[return-value]

    def future(self) -> bool:
        """The clause speaks of the future: "will begin on April 7", "is due to be published in May", "the vote will
        be held starting Friday", "said the vote would be held on May 2"."""
        verb = self.verb()
        return verb is not None and _is_future(_onset_head(verb))

    def past(self) -> bool:
        verb = self.verb()
        return verb is not None and _is_past(verb)


def _first_verb(tok: Token, span: Span | None = None) -> Token | None:
    for _ in range(12):
        inside = span is not None and span.start <= tok.i < span.end
        if tok.pos_ in {"VERB", "AUX"} and not inside:
            return tok
        if tok.head.i == tok.i:
            return tok if tok.pos_ in {"VERB", "AUX"} else None
        tok = tok.head
    return None


def _onset_head(verb: Token) -> Token:
    """The clause a participle of onset times: "the vote will be held starting Friday" times "held"."""
    if verb.lemma_ in ONSET_VERBS and verb.tag_ == "VBG" and verb.dep_ in {"advcl", "acl", "xcomp", "prep"} \
            and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children) and verb.head.i != verb.i:
        return verb.head
    return verb


def _auxes(verb: Token) -> set[str]:
    return {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}


def _is_past(verb: Token) -> bool:
    """Simple past or past passive; a bare participle conjoined to a past verb ("started ... and peaked") too."""
    for _ in range(3):
        auxes = _auxes(verb)
        if verb.tag_ == "VBD" or auxes & {"was", "were", "had", "did"}:
            return True
        if verb.dep_ != "conj" or auxes or verb.tag_ != "VBN":
            return False
        verb = verb.head
    return False


def _is_future(verb: Token) -> bool:
    """Will/shall, or an infinitive ("due to be published in May", "to run through June") not under a past verb."""
    auxes = _auxes(verb)
    if auxes & FUTURE_AUX or (auxes & REPORTED_FUTURE_AUX and "have" not in auxes):
        return True
    if "to" not in auxes or "have" in auxes or verb.head.i == verb.i:
        return False
    head = verb.head
    if head.lower_ in FUTURE_HEADS or head.lemma_ in FUTURE_HEADS:
        return True
    return not _is_past(head) and not (head.pos_ in {"NOUN", "PROPN"} and _is_past(_first_verb(head) or head))


Handler = Callable[[dict, Context], "Norm | list[tuple[int, int, Norm]] | None"]


def _day(d: Date, kind: str = "DATE") -> Norm:
    return Norm(d.isoformat(), "day", kind=kind)


def _full_date(g: dict, ctx: Context) -> Norm | None:
    month = int(g["month"]) if g["month"].isdigit() else _month(g["month"])
    return _day(Date(int(g["year"]), month, int(g["day"])))


def _month_year_norm(g: dict, ctx: Context) -> Norm:
    return Norm(f"{int(g['year']):04d}-{_month(g['month']):02d}", "month")


def _clock(g: dict, ctx: Context) -> Norm | None:
    hour, minute = int(g["hour"]), int(g["minute"] or 0)
    ampm = (g["ampm"] or "").lower()
    if ampm.startswith("p") and hour < 12:
        hour += 12
    elif ampm.startswith("a") and hour == 12:
        hour = 0
    if ctx.pub is None:
        return Norm(kind="TIME")
    if g["weekday"]:
        d = _weekday_date(WEEKDAYS[g["weekday"].lower()], ctx.pub, "", ctx.future())
        return Norm(d.isoformat(), "day", kind="TIME", timex_value=f"{d.isoformat()}T{hour:02d}:{minute:02d}")
    return Norm(kind="TIME", timex_value=f"{ctx.pub.isoformat()}T{hour:02d}:{minute:02d}")


def _month_day(g: dict, ctx: Context) -> Norm | None:
    if ctx.pub is None:
        return Norm()
    month = _month(g["month"])
    return _day(Date(_month_year(month, ctx.pub, ctx.future()), month, int(g["day"])))


def _duration_code(n: str, unit: str) -> str:
    unit = unit.lower().rstrip("s")
    amount = "X" if n.lower() in VAGUE else str(_number(n))
    code = DURATION_CODES[unit]
    if unit == "decade" and amount != "X":
        return f"P{int(amount) * 10}Y"
    return f"PT{amount}{code[1]}" if code.startswith("T") else f"P{amount}{code}"


def _later(g: dict, ctx: Context) -> Norm | None:
    unit = UNITS[g["unit"].lower()]
    days, precision = _number(g["n"]) * unit, UNIT_PRECISION[unit]
    if g["n"].lower() in {"a few", "few", "several", "a couple of"} and precision == "day" and unit:
        precision = "month"  # "a few days later": the month, not an invented day
    direction = g["dir"].lower()
    if direction in {"before", "after"} and OBJECT_AFTER.match(ctx.text, ctx.m.end()):
        # "two days after the vote": counted from what follows, not from the previous date
        return Norm(kind="DURATION", timex_value=_duration_code(g["n"], g["unit"]))
    if direction == "ago":
        if ctx.pub is None:
            return Norm()
        then = ctx.pub - timedelta(days=days)
        # "two weeks ago" dates an event to the month; TimeML keeps the day it points at
        return Norm(_fmt(then, precision), precision, timex_value=then.isoformat() if unit == 7 else None)
    sign = -1 if direction in {"earlier", "before"} else 1
    return Norm(None, precision, (sign * days, precision), "DURATION", _duration_code(g["n"], g["unit"]))


def _daypart(g: dict, ctx: Context) -> Norm | None:
    if ctx.pub is None:
        return Norm(kind="TIME")
    word, direction = g["day"].lower(), (g["dir"] or "").lower()
    if word in WEEKDAYS:
        d = _weekday_date(WEEKDAYS[word], ctx.pub, direction, ctx.future())
    else:
        d = ctx.pub + timedelta(days={"yesterday": -1, "tomorrow": 1, "last": -1}.get(word, 0))
    return Norm(d.isoformat(), "day", kind="TIME", timex_value=f"{d.isoformat()}T{DAY_PARTS[g['part'].lower()]}")


def _next(g: dict, ctx: Context) -> Norm:
    unit = UNITS[g["unit"].lower()]
    sign = -1 if (g["dir"] or g["bare"]).lower() == "previous" else 1
    return Norm(None, UNIT_PRECISION[unit], (sign * unit, UNIT_PRECISION[unit]))


def _last_month(g: dict, ctx: Context) -> Norm:
    if ctx.pub is None:
        return Norm()
    month, direction, pub = _month(g["month"]), g["dir"].lower(), ctx.pub
    if direction == "last":
        year = pub.year if month < pub.month else pub.year - 1
    elif direction == "next":
        year = pub.year if month > pub.month else pub.year + 1
    else:
        year = pub.year
    return Norm(f"{year:04d}-{month:02d}", "month")


def _season(name: str, direction: str, pub: Date) -> tuple[int, str]:
    """(year, TimeML code) of "last/this/next summer": the season's year is the year it starts in."""
    code, first = SEASONS[name]
    current = pub.year if pub.month >= first else pub.year - 1
    if first == 12:
        current = pub.year if pub.month == 12 else pub.year - 1
        if pub.month not in (12, 1, 2) and direction != "last":
            current = pub.year  # "this winter" in autumn: the coming one
    start = Date(current, first, 1)
    if direction == "last" and start + timedelta(days=91) > pub:
        current -= 1
    elif direction == "next" and start <= pub:
        current += 1
    return current, code


def _last_unit(g: dict, ctx: Context) -> Norm:
    if ctx.pub is None:
        return Norm()
    pub, unit, direction = ctx.pub, g["unit"].lower(), g["dir"].lower()
    shift = {"last": -1, "this": 0, "next": 1, "coming": 1}[direction]
    if unit == "year":
        return Norm(str(pub.year + shift), "year")
    if unit == "month":
        y, mo = _shift_month(pub, shift)
        return Norm(f"{y:04d}-{mo:02d}", "month")
    if unit in {"week", "weekend"}:
        d = pub + timedelta(days=7 * shift)
        return Norm(_fmt(d, "month"), "month", timex_value=_week(d) + ("-WE" if unit == "weekend" else ""))
    if unit == "quarter":
        y, q = divmod(pub.year * 4 + (pub.month - 1) // 3 + shift, 4)
        return Norm(str(y), "year", timex_value=f"{y}-Q{q + 1}")
    if unit == "decade":
        return Norm(timex_value=str(pub.year // 10 + shift))
    year, code = _season(unit, direction, pub)
    return Norm(str(year), "year", timex_value=f"{year}-{code}")


def _weekday(g: dict, ctx: Context) -> Norm:
    if ctx.pub is None:
        return Norm()
    return _day(_weekday_date(WEEKDAYS[g["weekday"].lower()], ctx.pub, (g["dir"] or "").lower(), ctx.future()))


def _deictic(g: dict, ctx: Context) -> Norm:
    word = g["word"].lower()
    if ctx.pub is None:
        return Norm(kind="TIME" if word == "tonight" else "DATE")
    d = ctx.pub + timedelta(days={"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word])
    if word == "tonight":
        return Norm(d.isoformat(), "day", kind="TIME", timex_value=f"{d.isoformat()}TNI")
    return _day(d)


def _boundary(g: dict, ctx: Context) -> Norm:
    if g["year"]:
        return Norm(g["year"], "year")
    if ctx.pub is None:
        return Norm()
    if g["month"]:
        month = _month(g["month"])
        return Norm(f"{_month_year(month, ctx.pub, ctx.future()):04d}-{month:02d}", "month")
    if g["unit"].lower() == "year":  # "peaked by the end of the year": a past event means the year before
        late = g["edge"].lower() in {"end", "middle"} and ctx.past() and ctx.pub.month < 12
        return Norm(str(ctx.pub.year - late), "year")
    return Norm(_fmt(ctx.pub, "month"), "month")


def _century(g: dict, ctx: Context) -> Norm | None:
    n = int(g["n"])
    return Norm(timex_value=f"{n - 1:02d}") if 1 <= n <= 21 else None


def _decade(g: dict, ctx: Context) -> Norm:
    return Norm(timex_value=g["decade"])


def _duration(g: dict, ctx: Context) -> Norm | None:
    """"three years", "the past two decades", "a mere 24 hours"; not an age ("children ages 6 months and older")."""
    text = ctx.text
    if AGE_BEFORE.search(text, max(0, ctx.m.start() - 8), ctx.m.start()) or AGE_AFTER.match(text, ctx.m.end()):
        return None
    return Norm(kind="DURATION", timex_value=_duration_code(g["n"], g["unit"]))


def _past_unit(g: dict, ctx: Context) -> Norm:
    """"over the past year", "the next decade": a stretch of time, not a date."""
    return Norm(kind="DURATION", timex_value=_duration_code("one", g["unit"] or g["unit2"]))


def _vague(g: dict, ctx: Context) -> Norm:
    """"for years", "in recent weeks"; the recent past ("in recent days", "over the past few days") also dates an
    event to the month it reaches back into."""
    norm = Norm(kind="DURATION", timex_value=_duration_code("few", g["unit"]))
    pre, unit = " ".join((g.get("pre") or "").lower().split()), g["unit"].lower()
    recent = "recent" in pre or pre.endswith(("past few", "last few"))
    if ctx.pub is not None and unit in {"days", "weeks"} and recent:
        norm.value, norm.precision = _fmt(ctx.pub - timedelta(days=3 if unit == "days" else 14), "month"), "month"
    return norm


def _set(g: dict, ctx: Context) -> Norm:
    unit = (g["unit"] or "year").lower()
    if unit in DAY_PARTS:
        value = f"XXXX-XX-XXT{DAY_PARTS[unit]}"
    elif unit in SEASONS:
        value = f"XXXX-{SEASONS[unit][0]}"
    elif unit in {"weekend", "season"}:
        value = "XXXX-WXX-WE" if unit == "weekend" else "XXXX-XX"
    else:
        value = f"P1{DURATION_CODES[unit]}"
    return Norm(kind="SET", timex_value=value)


def _present(g: dict, ctx: Context) -> Norm:
    if ctx.pub is None:
        return Norm(timex_value="PRESENT_REF")
    return Norm(ctx.pub.isoformat(), "day", timex_value="PRESENT_REF")


def _past_future(g: dict, ctx: Context) -> Norm:
    return Norm(timex_value="FUTURE_REF" if g["word"].lower().endswith("future") else "PAST_REF")


def _range(g: dict, ctx: Context) -> list[tuple[int, int, Norm]]:
    first, second = int(g["year"]), g["year2"]
    last = int(second) if len(second) == 4 else first // 100 * 100 + int(second)
    if not 0 < last - first < 100:
        return []
    m = ctx.m
    return [(m.start("year"), m.end("year"), Norm(str(first), "year")),
            (m.start("year2"), m.end("year2"), Norm(str(last), "year"))]


def _year(g: dict, ctx: Context) -> Norm:
    return Norm(g["year"], "year")


def _bare_year(g: dict, ctx: Context) -> Norm | None:
    """A year without a preposition only where the tagger also reads a date: "a 2010 raid", not "2010 points"."""
    span = ctx.doc.char_span(ctx.m.start(), ctx.m.end())
    if span is None or len(span) != 1:
        return None
    tok = span[0]
    if tok.ent_type_ != "DATE" or (tok.dep_ == "nummod" and tok.head.tag_ in {"NNS", "NNPS"}):
        return None
    return Norm(g["year"], "year")


def _month_only(g: dict, ctx: Context) -> Norm | None:
    if ctx.pub is None:
        return Norm()
    month = _month(g["month"])
    return Norm(f"{_month_year(month, ctx.pub, ctx.future()):04d}-{month:02d}", "month")


def _bare_month(g: dict, ctx: Context) -> Norm | None:
    """A month name alone only where the tagger does not read a name ("June Carter", "August Strindberg")."""
    span = ctx.doc.char_span(ctx.m.start(), ctx.m.end())
    if span is None or span[0].ent_type_ not in {"DATE", ""} or span[0].is_sent_start:
        return None
    return _month_only(g, ctx)


HANDLERS: dict[str, Handler] = {
    "mdy": _full_date, "dmy": _full_date, "iso": _full_date, "my": _month_year_norm, "clock": _clock,
    "md": _month_day, "dm": _month_day, "later": _later, "daypart": _daypart, "next": _next,
    "lastmonth": _last_month, "lastunit": _last_unit, "weekday": _weekday, "deictic": _deictic,
    "boundary": _boundary, "century": _century, "decade": _decade, "duration": _duration, "vague": _vague,
    "pastunit": _past_unit, "vaguerel": _vague,
    "set": _set, "present": _present, "past": _past_future, "range": _range, "year": _year,
    "bareyear": _bare_year, "month": _month_only, "baremonth": _bare_month,
}
OBJECT_AFTER = re.compile(r"\s+(?![,.;:)]|and\b|then\b)\S")  # "two days after the vote", not "two days after, ..."
AGE_BEFORE = re.compile(r"\b(?:ages?|aged)\s+$", re.I)
AGE_AFTER = re.compile(r"\s+(?:and|or)\s+(?:older|younger|over|under)\b", re.I)
EDGE_BEFORE = re.compile(r"\b(?:early|late|mid)[\s-]+$", re.I)


def _span(kind: str, m: re.Match, text: str) -> tuple[int, int]:
    """The words of the expression itself: no leading preposition; "early"/"late" kept ("early December")."""
    start, end = m.span()
    if kind in {"year", "month"}:
        start = m.start("edge") if m.groupdict().get("edge") else m.start(kind)
    elif kind == "later" and m.group("dir").lower() != "ago":
        end = m.end("unit")  # "two days" of "two days later": the direction word is not part of the expression
    elif kind == "vague" and m.group("pre").lower().startswith(("for", "in ")):
        start = m.start("unit") if m.group("pre").lower() == "for" else m.start("pre") + 3
    edge = EDGE_BEFORE.search(text, max(0, start - 8), start)
    if edge and kind in {"month", "baremonth", "bareyear", "lastunit", "lastmonth", "weekday"}:
        start = edge.start()
    return start, end


def _matches(doc: Doc, pub: Date | None, text: str) -> list[tuple[int, int, Norm]]:
    taken = bytearray(len(text))
    out: list[tuple[int, int, Norm]] = []
    for kind, rx in COMPILED:
        for m in rx.finditer(text):
            if any(taken[m.start():m.end()]) and kind != "range":
                continue
            try:
                result = HANDLERS[kind](m.groupdict(), Context(doc, pub, m, text))
            except (ValueError, KeyError):
                continue
            if result is None:
                continue
            spans = result if isinstance(result, list) else [(*_span(kind, m, text), result)]
            for start, end, norm in spans:
                if not any(taken[start:end]):
                    taken[start:end] = b"\x01" * (end - start)
                    out.append((start, end, norm))
    return out


def find_timexes(doc: Doc, pub_date: Date | None, text: str | None = None) -> list[Timex]:
    """Time expressions of a document, normalised against the publication date (relative ones left open). `text` is
    the document's text when the caller has it: Doc.text joins the tokens at every access."""
    text = doc.text if text is None else text
    found = [Timex(text[s:e], s, e, n.value, n.precision, n.kind, n.relative, n.timex_value)
             for s, e, n in _matches(doc, pub_date, text)]
    found.sort(key=lambda t: t.start)
    return found


NOUN_MODIFIERS = {"nummod", "compound", "amod", "poss", "nmod"}
REFS = {"PRESENT_REF", "PAST_REF", "FUTURE_REF"}


def _event_noun(tok: Token, events: frozenset[int] | set[int]) -> bool:
    """A noun that names an event: one the coder reads as an event, or a nominalisation ("ratification")."""
    return tok.pos_ == "NOUN" and (tok.i in events or (len(tok.text) > 5 and tok.lower_.endswith(EVENT_NOUN_SUFFIXES)))


def _governor(doc: Doc, timex: Timex, events: frozenset[int] | set[int] = frozenset()) -> Token | None:
    """The word a time expression dates: the noun it modifies ("a 2010 raid"), the event noun it is attached to ("the
    ratification of the treaty in May 2019", "Minsk's withdrawal last week from the talks"), else the first verb above
    it (the clause a participle of onset times: "be held starting Friday" dates "held")."""
    span = doc.char_span(timex.start, timex.end, alignment_mode="expand")
    if span is None:
        return None
    root = span.root
    if root.dep_ in NOUN_MODIFIERS and root.head.pos_ in {"NOUN", "PROPN"} and not span.start <= root.head.i < span.end:
        return root.head
    attached = root.head
    if root.dep_ == "pobj" and attached.dep_ == "prep":
        attached = attached.head
    if root.dep_ in {"npadvmod", "pobj"} and not span.start <= attached.i < span.end and _event_noun(attached, events):
        return attached
    tok = root
    for _ in range(12):
        if tok.pos_ in {"VERB", "AUX"} and not (tok.i >= span.start and tok.i < span.end):
            return _onset_head(tok)
        if tok.head.i == tok.i:
            return tok
        tok = tok.head
    return None


def _dates_events(timex: Timex) -> bool:
    """Durations and sets date nothing ("for three years", "every week"); nor does a bare clock time."""
    if timex.kind in {"DURATION", "SET"}:
        return timex.relative is not None or timex.value is not None
    return not (timex.kind == "TIME" and timex.value is None)


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
    if verb.dep_ in {"xcomp", "acl", "advcl"} and (verb.tag_ == "VB" or (verb.tag_ == "VBG" and not auxes)):
        # an infinitive or a bare participle ("reporters travelling with him during his tour") has no tense of its own
        return "inherit"
    if verb.tag_ in {"VBD", "VBN", "VBZ", "VBP", "VBG", "VB"}:
        return "news"
    return "background"


def _paragraph_at(char: int, breaks: list[int]) -> int:
    """The paragraph (0, 1, ...) a character offset lies in, given the offsets of the line breaks."""
    return bisect.bisect_right(breaks, char)


def _after(value: str | None, pub: Date | None) -> bool:
    """A date (at any precision) later than the publication day."""
    return value is not None and pub is not None and value > pub.isoformat()[:len(value)]


def _main_clause(gov: Token) -> bool:
    """The word carries the passage's narrative time: the sentence's main verb, or a verb joined to it as a conjunct,
    a complement or the content of a report ("..., adding that the exchange took place Saturday")."""
    tok = gov
    for _ in range(8):
        if tok.pos_ not in {"VERB", "AUX"}:
            return False
        if tok.head.i == tok.i:
            return True
        if tok.dep_ not in {"conj", "ccomp", "parataxis", "xcomp"} and \
                not (tok.dep_ == "advcl" and tok.lemma_.lower() in REPORTING):
            return False
        tok = tok.head
    return False


def _simultaneous(verb: Token) -> bool:
    """A reported clause in the present of its report ("said it was withdrawing its envoy", "says troops are
    leaving", "said it would not take part", "will not attend, a spokesman said Monday"): the report's day is its
    day too."""
    auxes = _auxes(verb)
    if verb.tag_ in {"VBZ", "VBP"} and not auxes:
        return True
    if verb.tag_ == "VBG" and (auxes & {"is", "are", "am", "was", "were", "'s", "'re"} or (
            not auxes and any(c.dep_ == "nsubj" for c in verb.children))):
        return True  # "..., the minister said, activists also warning of new attacks": an absolute clause
    return bool(auxes & {"would", "will", "'ll", "wo"}) and "have" not in auxes  # "said it will not take part"


def _past_perfect(verb: Token) -> bool:
    """"had detained", "had been arrested"; not an ongoing "had been fighting" nor a habit ("had long attacked")."""
    auxes = _auxes(verb)
    return "had" in auxes and verb.tag_ == "VBN" and not any(
        c.dep_ == "advmod" and c.lower_ in {"long", "always", "often", "never", "ever", "repeatedly"}
        for c in verb.children)


def _hypothetical(trigger: Token) -> bool:
    """The event has not happened: the coder's own reading (a modal, an intention, an allegation), or a noun such as
    "a planned attack"."""
    if any(c.dep_ == "amod" and c.lower_ in HYPOTHETICAL_MODIFIERS for c in trigger.children):
        return True
    from .events import factuality  # the events stage decides factuality; imported here to keep this module light
    return factuality(trigger) == "hypothetical"


def _same_family(a: Token, b: Token) -> bool:
    """Two words of one event: the same lemma, or one derived from the other ("announce", "announcement")."""
    x, y = a.lemma_.lower(), b.lemma_.lower()
    if x == y:
        return True
    common = 0
    for p, q in zip(x, y):
        if p != q:
            break
        common += 1
    return common >= 5 and common >= min(len(x), len(y)) - 1


class TimeResolver:
    """Dates events by the rules in the module docstring."""

    def resolve(self, doc: Doc, triggers: list[Token], pub_date: Date | None) -> list[EventDate]:
        if not triggers:
            return []
        events = {t.i for t in triggers}
        text = doc.text  # joined once for the document
        timexes = find_timexes(doc, pub_date, text)
        by_verb: dict[int, Timex] = {}
        governors: dict[int, Token] = {}  # a dating expression's start -> the word it dates
        for t in timexes:
            gov = _governor(doc, t, events) if _dates_events(t) else None
            if gov is None:
                continue
            governors[t.start] = gov
            if gov.i not in by_verb or (by_verb[gov.i].timex_value in REFS and t.timex_value not in REFS):
                by_verb[gov.i] = t  # the first expression of a clause, but a date beats "now" / "in the past"
        breaks = [m.start() for m in re.finditer(r"\n", text)]
        values = self._values(timexes, governors, breaks)
        anchors = [(t, values[t.start]) for t in timexes if t.start in governors
                   and values[t.start].date is not None and _main_clause(governors[t.start])]
        story = self._story_day(timexes, governors, values, pub_date)
        ends = [t.end for t, _ in anchors]  # ascending: the expressions do not overlap
        scenes: dict[int, dict[int, Token]] = {}  # a sentence's start -> its governors, so no event reads them all
        for start, gov in governors.items():
            scenes.setdefault(gov.sent.start, {})[start] = gov
        conjuncts: dict[int, list[Token]] = {}  # a word -> its dated conjuncts, so no event reads all its children
        for i in sorted(by_verb):
            if doc[i].dep_ == "conj":
                conjuncts.setdefault(doc[i].head.i, []).append(doc[i])
        return [self._date(trigger, by_verb, governors, values, anchors, story, pub_date, breaks, ends, scenes,
                           conjuncts) for trigger in triggers]

    def _date(self, trigger: Token, by_verb: dict[int, Timex], governors: dict[int, Token],
              values: dict[int, EventDate], anchors: list[tuple[Timex, EventDate]], story: EventDate | None,
              pub: Date | None, breaks: list[int], ends: list[int], scenes: dict[int, dict[int, Token]],
              conjuncts: dict[int, list[Token]]) -> EventDate:
        timex = self._governing(trigger, by_verb, conjuncts)
        if timex is not None and (values[timex.start].date is not None or timex.relative is None):
            return values[timex.start]
        verb = _clause_verb(trigger)
        frame = _frame(verb)
        for _ in range(4):  # an infinitive or participle takes the frame of the clause it hangs from
            if frame != "inherit" or verb.head.i == verb.i:
                break
            verb = _clause_verb(verb.head)
            frame = _frame(verb)
        scene = self._scene(verb, scenes.get(verb.sent.start, {}), values, pub)
        if scene is not None:
            return scene
        paragraph = _paragraph_at(trigger.idx, breaks)
        # the last anchor ending before the sentence, if it is in the trigger's paragraph (paragraphs only grow)
        last = bisect.bisect_right(ends, trigger.sent.start_char) - 1
        previous = anchors[last][1] if last >= 0 and _paragraph_at(anchors[last][0].start, breaks) == paragraph \
            else None
        ahead = previous is not None and _after(previous.date, pub)
        if _hypothetical(trigger) or frame == "background":
            if ahead and (_is_future(verb) or (frame == "background" and not _past_perfect(verb))):
                return previous  # "Talks will begin on Tuesday. X will mediate.": the future the passage set;
                # what "had been" done is no part of a future the passage set
            if frame == "background" and _past_perfect(verb) and story is not None and story.date is not None:
                # an earlier step of the news ("said it had detained three fighters"): the month of the news
                return EventDate(story.date[:7], "month", story.text, story.start, story.end)
            return UNKNOWN
        if frame == "inherit" or (_is_past(verb) and previous is not None and not ahead):
            if previous is not None and not ahead:
                return previous  # narrative continuity: "In 2008, X happened. Y followed."
            if frame == "inherit":
                return UNKNOWN
        later = self._later_mention(trigger, governors, values, pub)
        if later is not None:
            return later
        return story if story is not None else UNKNOWN

    @staticmethod
    def _scene(verb: Token, governors: dict[int, Token], values: dict[int, EventDate],
               pub: Date | None) -> EventDate | None:
        """A date set by a participle before the verb of the clause: "The accord, dated 14 July, was signed by
        ..."; "Under the truce agreed on 3 March, both sides withdrew ...". A relative clause ("The rebels,
        who seized the town in 2009, attacked ...") is an event of its own and sets nothing."""
        for start, gov in governors.items():
            value = values[start]
            if gov.i >= verb.i or gov.sent.start != verb.sent.start or value.date is None or _after(value.date, pub):
                continue
            if gov.tag_ not in {"VBN", "VBG"} or gov.dep_ not in {"acl", "advcl"} or \
                    any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in gov.children):
                continue
            if verb in gov.ancestors and all(a.i != verb.i and a.dep_ != "relcl" for a in
                                             list(gov.ancestors)[:[a.i for a in gov.ancestors].index(verb.i)]):
                return value
        return None

    @staticmethod
    def _values(timexes: list[Timex], governors: dict[int, Token], breaks: list[int]) -> dict[int, EventDate]:
        """Each expression's date; a relative one ("two days later") counts from the dated expression before it."""
        out: dict[int, EventDate] = {}
        last: EventDate | None = None
        last_paragraph = -1
        for t in timexes:
            paragraph = _paragraph_at(t.start, breaks)
            value = TimeResolver._from_timex(t, last if last_paragraph == paragraph else None)
            out[t.start] = value
            if value.date is not None and t.start in governors:
                last, last_paragraph = value, paragraph
        return out

    @staticmethod
    def _story_day(timexes: list[Timex], governors: dict[int, Token], values: dict[int, EventDate],
                   pub: Date | None) -> EventDate | None:
        """The day of the news: the first day the passage names within a week before publication ("Friday's
        raid", "the exchange took place Saturday"), a day a report was made only when no other is named ("the
        ministry said on Friday"); else the publication day. Undated news events take it."""
        if pub is None:
            return None
        found: list[tuple[bool, EventDate]] = []
        for t in timexes:
            value = values.get(t.start)
            gov = governors.get(t.start)
            if value is None or value.precision != "day" or value.date is None or gov is None or t.relative:
                continue
            day = Date.fromisoformat(value.date)
            if 0 <= (pub - day).days <= STORY_DAYS:
                found.append((gov.lemma_.lower() in REPORTING, value))
        for reporting in (False, True):
            for is_reporting, value in found:
                if is_reporting == reporting:
                    return value
        return EventDate(pub.isoformat(), "day", None)

    @staticmethod
    def _later_mention(trigger: Token, governors: dict[int, Token], values: dict[int, EventDate],
                       pub: Date | None) -> EventDate | None:
        """An undated event told again later with its day: "A court has jailed a blogger. ... The blogger was
        jailed on Sept. 20"; "the parties announced a strike ... The announcement came on Friday".
        Recent news days only."""
        if pub is None:
            return None
        for start, gov in governors.items():
            value = values[start]
            if start <= trigger.idx or value.precision != "day" or value.date is None:
                continue
            if not 0 <= (pub - Date.fromisoformat(value.date)).days <= NEWS_WINDOW:
                continue
            words = [gov] + [c for c in gov.children if c.dep_ in {"dobj", "nsubjpass"}] + \
                [c for c in gov.children if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}]
            if any(w.i != trigger.i and _same_family(w, trigger) for w in words):
                return value
        return None

    @staticmethod
    def _governing(trigger: Token, by_verb: dict[int, Timex], conjuncts: dict[int, list[Token]]) -> Timex | None:
        """The expression of the nearest clause above the trigger; a verb without one shares the expression of the
        verb conjoined after it ("was tried and jailed on Sept. 20"); a reporting verb's own day does not date
        what it reports ("X has freed six hostages, the UN said Sunday"). `conjuncts`: each word's conjuncts that
        have an expression, in order."""
        tok = trigger
        for _ in range(16):
            if tok.i in by_verb:
                return by_verb[tok.i]
            if tok.pos_ in {"VERB", "AUX"}:
                for c in conjuncts.get(tok.i, ()):
                    if c.dep_ == "conj" and c.i > tok.i and c.i in by_verb and c.pos_ in {"VERB", "AUX"} \
                            and not any(s.dep_ in {"nsubj", "nsubjpass"} for s in c.children):
                        return by_verb[c.i]
            if tok.head.i == tok.i:
                return None
            if tok.dep_ in {"ccomp", "parataxis"} and tok.head.lemma_.lower() in REPORTING and not _simultaneous(tok):
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
