"""Reader for PETRARCH agent dictionaries (`*.agents.txt`): role words such as `FARMER [~AGR]`.

Supported (petrarch2 docs/source/dictionaries.rst, "Agent Dictionary", and PETRARCH's reader behaviour):

* `PHRASE [~CODE]`: the agent code is appended after the actor's code (`placement="suffix"`); `PHRASE [CODE~]`
  puts it before (`placement="prefix"`, e.g. `NGO~`). Blanks inside the brackets are allowed.
* Plurals: without braces a regular plural of the last word is added (Y after a consonant -> IES; S, SH, CH, X,
  Z -> ES; else S; PETRARCH's own rule turns every final Y into IES and adds ES after any S: ours is the English
  rule). `PHRASE {PLURAL} [code]` gives the plural explicitly; `{}` means no plural.
* `!NAME! = A, B, C` defines a substitution set; `X!NAME!Y [code]` yields one entry per item, with no plural
  added (several markers in one phrase are all expanded). A set must be defined before it is used.
* `_` and blanks both separate words; `consecutive` is False when the phrase used a blank, which in PETRARCH
  lets other words come in between. A trailing `_` is dropped (TABARI stems are not supported: all words whole).
* `#` comments and `<...>` markup lines are ignored.

Reported as a `Problem` and skipped: a line without `[code]`, a bracket closed with something other than `]`, a
code without `~`, an unknown or unclosed `!marker!`, an unclosed `{`, a malformed set definition. Text after the
code is reported and ignored; a plural given in `{...}` next to a substitution marker is reported and ignored.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from .actors import phrase_words
from .base import Problem, SourceLine, read_lines, refuse_non_dictionary

__all__ = ["AgentDictionary", "AgentEntry", "read_agents", "regular_plural"]

Placement = Literal["suffix", "prefix"]
LOOKS_LIKE = "`FARMER [~AGR]`, `POLICE {} [~COP]` and `!MINIST! = MINISTER, MINISTRY`"


@dataclass(frozen=True)
class AgentEntry:
    """One agent phrase after plural and substitution expansion, and the agent code it adds to an actor."""

    phrase: tuple[str, ...]
    code: str
    line: int
    placement: Placement = "suffix"
    consecutive: bool = True


@dataclass(frozen=True)
class AgentDictionary:
    """Everything read from one agent file: expanded entries, the substitution sets, and unusable lines."""

    path: str
    entries: tuple[AgentEntry, ...]
    substitutions: dict[str, tuple[str, ...]] = field(default_factory=dict)
    patterns: int = 0
    problems: tuple[Problem, ...] = ()

    @property
    def codes(self) -> frozenset[str]:
        return frozenset(entry.code for entry in self.entries)


def regular_plural(phrase: str) -> str:
    """The phrase with its last word made plural by the regular English rules."""
    upper = phrase.upper()
    if upper.endswith("Y") and len(upper) > 1 and upper[-2] not in "AEIOU":
        return phrase[:-1] + ("IES" if phrase[-1].isupper() else "ies")
    if upper.endswith(("S", "SH", "CH", "X", "Z")):
        return phrase + ("ES" if phrase[-1].isupper() else "es")
    return phrase + ("S" if phrase[-1].isupper() else "s")


def _code(body: str) -> tuple[str, Placement] | str:
    """The agent code and its placement, or the reason it cannot be used."""
    code = body.strip()
    if code.startswith("~") and len(code) > 1:
        return code[1:].strip(), "suffix"
    if code.endswith("~") and len(code) > 1:
        return code[:-1].strip(), "prefix"
    return f"agent code [{code}] has no '~' (expected [~CODE] or [CODE~])"


def _expand_markers(phrase: str, sets: dict[str, tuple[str, ...]]) -> list[str] | str:
    """Every phrase a `!marker!` phrase stands for, or the reason it cannot be expanded."""
    start = phrase.find("!")
    if start < 0:
        return [phrase]
    end = phrase.find("!", start + 1)
    if end < 0:
        return f"unclosed substitution marker in {phrase!r}"
    name = phrase[start + 1 : end]
    if name not in sets:
        return f"substitution set !{name}! is not defined before this line"
    out: list[str] = []
    for item in sets[name]:
        rest = _expand_markers(phrase[end + 1 :], sets)
        if isinstance(rest, str):
            return rest
        out.extend(phrase[:start] + item + tail for tail in rest)
    return out


class _Reader:
    """State while reading one agents file."""

    def __init__(self) -> None:
        self.entries: list[AgentEntry] = []
        self.problems: list[Problem] = []
        self.sets: dict[str, tuple[str, ...]] = {}
        self.patterns = 0

    def define(self, text: str, line: SourceLine) -> None:
        marker, equals, items = text.partition("=")
        name = marker.strip()
        if not equals or len(name) < 3 or not name.endswith("!") or "!" in name[1:-1]:
            self.problems.append(line.problem(f"malformed substitution set {text!r}: expected !NAME! = A, B"))
            return
        values = tuple(item.strip() for item in items.split(",") if item.strip())
        if not values:
            self.problems.append(line.problem(f"substitution set {name} is empty: ignored"))
            return
        if name[1:-1] in self.sets:
            self.problems.append(line.problem(f"substitution set {name} redefined: the new list is used"))
        self.sets[name[1:-1]] = values

    def add(self, phrase: str, code: str, placement: Placement, line: SourceLine) -> None:
        words = phrase_words(phrase)
        if words:
            consecutive = " " not in phrase.strip().rstrip("_")
            self.entries.append(AgentEntry(words, code, line.number, placement, consecutive))

    def pattern(self, text: str, line: SourceLine) -> None:
        head, bracket, rest = text.partition("[")
        body, closed, after = rest.partition("]")
        if not bracket:
            self.problems.append(line.problem(f"agent {text.strip()!r} has no [code]: skipped"))
            return
        if not closed:
            self.problems.append(line.problem(f"code bracket in {text.strip()!r} is not closed with ']': skipped"))
            return
        code = _code(body)
        if isinstance(code, str):
            self.problems.append(line.problem(code + ": skipped"))
            return
        if after.strip():
            self.problems.append(line.problem(f"text after the code ignored: {after.strip()!r}"))
        self.expand(head.strip(), code, line)

    def expand(self, head: str, code: tuple[str, Placement], line: SourceLine) -> None:
        phrase, brace, plural_part = head.partition("{")
        plural, closed, after = plural_part.partition("}")
        if brace and not closed:
            self.problems.append(line.problem(f"'{{' without '}}' in {head!r}: skipped"))
            return
        if brace and after.strip():
            self.problems.append(line.problem(f"text after '{{...}}' ignored: {after.strip()!r}"))
        phrase = phrase.strip()
        if "!" in phrase:
            forms = _expand_markers(phrase, self.sets)
            if isinstance(forms, str):
                self.problems.append(line.problem(forms + ": skipped"))
                return
            if plural.strip():
                self.problems.append(line.problem("a '{plural}' next to a substitution marker is ignored"))
        else:
            stem = phrase.rstrip("_")
            forms = [phrase] if not stem else [phrase, plural.strip() if brace else regular_plural(stem)]
        self.patterns += 1
        for form in forms:
            self.add(form, code[0], code[1], line)


def read_agents(path: str | Path) -> AgentDictionary:
    """Read one agents dictionary, expanding plurals and substitution sets; DictionaryError if unreadable."""
    reader = _Reader()
    lines = list(read_lines(path, reader.problems))
    for line in lines:
        text = line.text.strip()
        if text.startswith("<"):
            continue
        if text.startswith("!") and "=" in text and "[" not in text:
            reader.define(text, line)
        else:
            reader.pattern(text, line)
    refuse_non_dictionary(path, "an agents dictionary", LOOKS_LIKE, lines, reader.problems, len(reader.entries))
    return AgentDictionary(str(path), tuple(reader.entries), dict(reader.sets), reader.patterns, tuple(reader.problems))
