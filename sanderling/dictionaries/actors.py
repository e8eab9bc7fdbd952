"""Reader for PETRARCH/TABARI actor dictionaries (`*.actors.txt`), with date-aware code choice and a phrase index.

Supported (petrarch2 docs/source/dictionaries.rst, "Actor Dictionary", and the files' headers):

* An entry starts on an unindented line: a phrase (words joined by `_` or blanks), optionally followed on the same
  line by one or more codes in brackets, e.g. `AFGHANISTAN_  [AFG]` or `AMR_MOUSSA_ [IGOMEAARL >010515][EGYGOV]`.
* `+PHRASE` lines after it are synonyms sharing the entry's codes.
* Indented `[CODE ...]` lines continue the entry with more codes (TABARI 0.8 "indented date restrictions").
* A code is `[CODE]` (undated: the fallback), `[CODE >DATE]` (on or after), `[CODE <DATE]` (on or before) or
  `[CODE DATE-DATE]` (inclusive range); blanks around `<`, `>` and `-` are allowed. Dates are YYMMDD (00-30 read as
  20YY, otherwise 19YY, as KEDS/TABARI/PETRARCH do) or YYYYMMDD. Codes are kept as written (`---`, `+++`,
  `ELR/GAL` included).
* `#` comments (removed by `read_lines`) and lines starting with `<` (`<!-- ... -->` markup) are ignored. A
  multi-line `<!--` block is only skipped where its inner lines are `#` comments, as in the shipped files.
* An indented line that is not a code (one case in Phoenix.International) is read as a new entry.

Reported as a `Problem` (the rest of the file is still read):

* a code that cannot be read (bad or impossible date, restriction without a code, unclosed bracket): that code is
  dropped, the entry keeps its other codes;
* text after the codes (e.g. company sector notes in Phoenix.International): ignored, the codes are kept;
* an entry with no code of its own: like PETRARCH, it shares the codes of the next entry that has codes (e.g.
  `IVO_JOSIPOVIC_` / `PRESIDENT_JOSIPOVIC_` / `JOSIPOVIC_` + codes); one left without codes at the end is skipped;
* a synonym or code line with no entry before it; codes on a synonym line; `{...}` inside a phrase: ignored.

Not supported: TABARI stems. A phrase without a trailing `_` is a stem in TABARI (`ARGENTIN` matching ARGENTINA)
and a blank between words allows other words in between; here every phrase is read as whole, consecutive words
(PETRARCH2 matches parse-tree words the same way), and trailing `_` is dropped.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path

from .base import Problem, SourceLine, read_lines, refuse_non_dictionary

__all__ = [
    "ActorDictionary",
    "ActorEntry",
    "ActorIndex",
    "DatedCode",
    "build_index",
    "code_on",
    "longest_match",
    "phrase_words",
    "read_actors",
]

LOOKS_LIKE = "`AFGHANISTAN_ [AFG]`, `+AFGHAN_` and `AMR_MOUSSA_ [IGOMEAARL >010515][EGYGOV]`"


@dataclass(frozen=True)
class DatedCode:
    """One code of an entry; `start`/`end` bound the days it applies on (inclusive), None meaning open."""

    code: str
    start: date | None = None
    end: date | None = None

    @property
    def dated(self) -> bool:
        return self.start is not None or self.end is not None

    def applies(self, day: date) -> bool:
        """True when this dated code covers `day` (both limits count as inside, as in TABARI)."""
        if self.start is not None and day < self.start:
            return False
        return self.end is None or day <= self.end


@dataclass(frozen=True)
class ActorEntry:
    """An actor record: its primary phrase, synonym phrases and codes, with the line where it starts."""

    phrase: tuple[str, ...]
    synonyms: tuple[tuple[str, ...], ...]
    codes: tuple[DatedCode, ...]
    line: int

    @property
    def phrases(self) -> tuple[tuple[str, ...], ...]:
        return (self.phrase, *self.synonyms)


@dataclass(frozen=True)
class ActorDictionary:
    """Everything read from one actor file: the entries and every line that could not be used fully."""

    path: str
    entries: tuple[ActorEntry, ...]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def synonym_count(self) -> int:
        return sum(len(e.synonyms) for e in self.entries)

    @property
    def dated_code_count(self) -> int:
        """Dated codes as written in the file: entries sharing one code list count it once."""
        lists = {id(e.codes): e.codes for e in self.entries}
        return sum(1 for codes in lists.values() for c in codes if c.dated)


def phrase_words(text: str) -> tuple[str, ...]:
    """Words of a dictionary phrase: `_` and blanks both separate words; a trailing `_` leaves no empty word."""
    return tuple(text.replace("_", " ").split())


@lru_cache(maxsize=65536)  # dates and codes repeat a lot across leaders; results are immutable
def parse_date(text: str) -> date:
    """A YYMMDD or YYYYMMDD date; two-digit years 00-30 are 20YY as in KEDS/TABARI/PETRARCH. ValueError if bad."""
    if not text.isdigit() or len(text) not in (6, 8):
        raise ValueError(f"date {text!r} is neither YYMMDD nor YYYYMMDD")
    if len(text) == 6:
        yy = int(text[:2])
        year = 2000 + yy if yy <= 30 else 1900 + yy
    else:
        year = int(text[:4])
    return date(year, int(text[-4:-2]), int(text[-2:]))


@lru_cache(maxsize=65536)
def parse_code(body: str) -> DatedCode:
    """The inside of one `[...]`: a code and an optional restriction. ValueError names what is wrong."""
    parts = body.split(None, 1)
    if not parts:
        raise ValueError("empty code '[]'")
    code = parts[0]
    if code[0] in "<>" or code.replace("-", "").isdigit():
        raise ValueError(f"date restriction [{body}] has no code")
    restriction = "".join(parts[1].split()) if len(parts) > 1 else ""
    if not restriction:
        return DatedCode(code)
    if restriction[0] == "<":
        return DatedCode(code, None, parse_date(restriction[1:]))
    if restriction[0] == ">":
        return DatedCode(code, parse_date(restriction[1:]), None)
    first, dash, last = restriction.partition("-")
    if not dash:
        raise ValueError(f"restriction {parts[1]!r} is not <DATE, >DATE or DATE-DATE")
    start, end = parse_date(first), parse_date(last)
    if end < start:
        raise ValueError(f"date range {parts[1]!r} ends before it starts")
    return DatedCode(code, start, end)


def split_codes(text: str, line: SourceLine, problems: list[Problem]) -> tuple[str, list[DatedCode]]:
    """Split a line into the text before its first `[` and the codes in its brackets, reporting what is unusable."""
    head, bracket, rest = text.partition("[")
    codes: list[DatedCode] = []
    trailing: list[str] = []
    while bracket:
        body, closed, after = rest.partition("]")
        if not closed:
            problems.append(line.problem(f"unclosed '[' in {('[' + rest).strip()!r}: code ignored"))
            break
        try:
            codes.append(parse_code(body.strip()))
        except ValueError as err:
            problems.append(line.problem(f"bad code [{body.strip()}]: {err}; code ignored"))
        between, bracket, rest = after.partition("[")
        if between.strip():
            trailing.append(between.strip())
    if trailing:
        problems.append(line.problem(f"text after the codes ignored: {' '.join(trailing)!r}"))
    return head, codes


def clean_phrase(head: str, line: SourceLine, problems: list[Problem]) -> tuple[str, ...]:
    """Words of a phrase, dropping an unsupported `{...}` part with a Problem."""
    if "{" in head:
        problems.append(line.problem("'{...}' in an actor phrase is not supported: ignored"))
        head = head.split("{", 1)[0]
    return phrase_words(head)


class _Builder:
    """The entry being read; becomes an ActorEntry when the next entry starts."""

    __slots__ = ("codes", "line", "phrase", "synonyms")

    def __init__(self, phrase: tuple[str, ...], line: SourceLine, codes: list[DatedCode]) -> None:
        self.phrase = phrase
        self.line = line
        self.synonyms: list[tuple[str, ...]] = []
        self.codes = codes

    @property
    def name(self) -> str:
        return "_".join(self.phrase)

    def entry(self, codes: tuple[DatedCode, ...]) -> ActorEntry:
        return ActorEntry(self.phrase, tuple(self.synonyms), codes, self.line.number)


class _Reader:
    """Collects entries; a code-less entry waits for the next entry with codes and shares them (PETRARCH's reading)."""

    def __init__(self) -> None:
        self.entries: list[ActorEntry] = []
        self.problems: list[Problem] = []
        self.waiting: list[_Builder] = []

    def close(self, builder: _Builder) -> None:
        if not builder.codes:
            self.waiting.append(builder)
            return
        codes = tuple(builder.codes)
        for early in self.waiting:
            self.problems.append(
                early.line.problem(
                    f"actor {early.name!r} has no code of its own: it shares the codes of the next entry "
                    f"{builder.name!r} (line {builder.line.number}), as PETRARCH reads it"
                )
            )
            self.entries.append(early.entry(codes))
        self.waiting.clear()
        self.entries.append(builder.entry(codes))

    def finish(self) -> None:
        for early in self.waiting:
            self.problems.append(early.line.problem(f"actor {early.name!r} has no code: entry skipped"))
        self.waiting.clear()


def read_actors(path: str | Path) -> ActorDictionary:
    """Read one actor dictionary; raises DictionaryError only when the file itself cannot be read or is not one."""
    reader = _Reader()
    problems = reader.problems
    current: _Builder | None = None
    lines = list(read_lines(path, problems))
    for line in lines:
        text = line.text.strip()
        first = text[0]
        if first == "<":
            continue
        if first == "[":
            head, codes = split_codes(text, line, problems)
            if current is None:
                problems.append(line.problem("code line with no actor entry before it: ignored"))
            else:
                current.codes.extend(codes)
        elif first == "+":
            head, codes = split_codes(text[1:], line, problems) if "[" in text else (text[1:], [])
            if codes:
                problems.append(line.problem("codes on a synonym line are not supported: ignored"))
            words = clean_phrase(head, line, problems)
            if current is None:
                problems.append(line.problem("synonym with no actor entry before it: ignored"))
            elif not words:
                problems.append(line.problem("empty synonym: ignored"))
            else:
                current.synonyms.append(words)
        else:
            if current is not None:
                reader.close(current)
            head, codes = split_codes(text, line, problems) if "[" in text else (text, [])
            words = clean_phrase(head, line, problems)
            current = _Builder(words, line, codes) if words else None
            if not words:
                problems.append(line.problem("codes with no phrase: ignored"))
    if current is not None:
        reader.close(current)
    reader.finish()
    refuse_non_dictionary(path, "an actors dictionary", LOOKS_LIKE, lines, problems, len(reader.entries))
    return ActorDictionary(str(path), tuple(reader.entries), tuple(problems))


def actor_groups(entries: Sequence[ActorEntry]) -> list[list[ActorEntry]]:
    """Consecutive entries sharing one code list (PETRARCH's code-less synonym lines) are one actor."""
    out: list[list[ActorEntry]] = []
    for e in entries:
        if out and out[-1][-1].codes is e.codes:
            out[-1].append(e)
        else:
            out.append([e])
    return out


def code_on(entry: ActorEntry, day: date | None) -> str | None:
    """The entry's code on `day`: the first dated code covering it, else the first undated code, else None.

    This is PETRARCH's rule (restrictions in file order, then the default); with no date only the default counts.
    """
    if day is not None:
        for code in entry.codes:
            if code.dated and code.applies(day):
                return code.code
    for code in entry.codes:
        if not code.dated:
            return code.code
    return None


ActorIndex = dict[str, list[tuple[tuple[str, ...], ActorEntry]]]
"""First lowercase word -> (lowercase phrase words, entry), longest phrases first, file order among equals."""


def build_index(dictionaries: Iterable[ActorDictionary | Sequence[ActorEntry]]) -> ActorIndex:
    """Index every primary and synonym phrase of the given dictionaries by its first word for longest-match lookup."""
    index: ActorIndex = {}
    for dictionary in dictionaries:
        entries = dictionary.entries if isinstance(dictionary, ActorDictionary) else dictionary
        for entry in entries:
            for phrase in entry.phrases:
                key = tuple(word.lower() for word in phrase)
                index.setdefault(key[0], []).append((key, entry))
    for candidates in index.values():
        candidates.sort(key=lambda item: -len(item[0]))
    return index


def longest_match(index: ActorIndex, words: Sequence[str], start: int = 0) -> tuple[int, ActorEntry] | None:
    """The longest dictionary phrase starting at words[start] (compared lowercase): (word count, entry) or None."""
    if start >= len(words):
        return None
    candidates = index.get(words[start].lower())
    if not candidates:
        return None
    for key, entry in candidates:
        end = start + len(key)
        if end <= len(words) and all(words[i].lower() == key[i - start] for i in range(start + 1, end)):
            return len(key), entry
    return None
