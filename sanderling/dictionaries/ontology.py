"""Reader for the PETRARCH Internal Coding Ontology (PICO) files, for what they say about negated events.

UniversalPetrarch ships `PETR.Internal.Coding.Ontology.txt` (and the validation suite's
`PETR_Validate_Internal_Coding_Ontology_1_01.txt`): one `CAMEO:PICO` line per code, where a PICO value written with
`0xFFFF` is the negation of another value (`110:0x1007f#0xFFFF+0x0080` = "disapprove" is "not diplomatic
cooperation" 0x0080 = 050; `011:0x1000-0xFFFF` = "decline to comment" is "not make a statement"). The coder uses it
both ways: a negated verb coded 110 ("did not clash") becomes 050, and a negated 050 becomes 110. Values with the
`+0x300` mask are the ontology's "does not code" marks and are left out.

It also does PETRARCH-2's arithmetic for an event about an event (`Ontology.combine`): the PICO values of the two
verbs are added, so "wants" (030, 0x3000) to "help" (070, 0x0040) is 0x3040, "express intent to provide aid" (033).
The rules are PETRARCH-2's (utilities.combine_code): a negation is added; of two high-level verbs (both >= 0x1000)
the inner one stands; an inner value at least the outer's stands; otherwise the two are added. A sum that names no
CAMEO code is no event, as in PETRARCH-2.

The `#` in these files separates alternative values, so lines are read raw here, not through `base.read_lines`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .base import Problem, SourceLine, read_text, refuse_non_dictionary

__all__ = ["Ontology", "read_ontology"]

_LINE = re.compile(r"^\s*([0-9]{2,4})\s*:\s*(\S+)")
_NEGATION = "0xffff"
_NOT_CODED = "0x300"
LOOKS_LIKE = "`010:0x1000#Make Public Statement` and `011:0x1000-0xFFFF`"


@dataclass(frozen=True)
class Ontology:
    """CAMEO codes and the codes of their negations, from one PICO file."""

    path: str
    negation: dict[str, str] = field(default_factory=dict)
    problems: tuple[Problem, ...] = ()
    values: dict[str, int] = field(default_factory=dict)  # CAMEO code -> PICO value
    codes: dict[int, str] = field(default_factory=dict)  # PICO value -> the first CAMEO code listed for it

    def negate(self, code: str) -> str | None:
        """The code of "not <code>", None when the ontology does not say."""
        return self.negation.get(code)

    def value(self, code: str | None) -> int | None:
        """A CAMEO code's PICO value; an unlisted code takes its root's ("0877" -> "080"), as in PETRARCH-2."""
        if not code:
            return None
        found = self.values.get(code)
        return found if found is not None else self.values.get(code[:2] + "0")

    def code(self, value: int | None) -> str | None:
        return self.codes.get(value) if value is not None else None

    def combine(self, outer: str | None, inner: str | None, nothing: bool = False) -> str | None:
        """The CAMEO code of "<outer> to <inner>" ("wants to help": 030 + 070 = 033); None when the sum names none.
        `nothing`: the inner verb has no code and adds 0 ("alleged that France was aware": 110)."""
        upper, lower = self.value(outer), 0 if nothing else self.value(inner)
        if upper is None or lower is None:
            return None
        if lower < 0:
            total = upper + lower
        elif (upper >= 0x1000 and lower >= 0x1000) or lower >= upper:
            total = lower
        else:
            total = upper + lower
        return self.code(total)

    @staticmethod
    def masks(value: int) -> tuple[int, ...]:
        """A value and its ancestors, most specific first (0x00A3 "fire small arms" is also 0x00A0 "fight")."""
        return tuple(dict.fromkeys(value - value % step for step in (1, 0x10, 0x100, 0x1000)))


def _terms(value: str) -> list[tuple[int, str]]:
    """Signed hex terms of a PICO value: "-0xFFFF+0x0070" -> [(-1, "0xffff"), (1, "0x0070")]."""
    return [(-1 if sign == "-" else 1, term.lower()) for sign, term in re.findall(r"([+-]?)(0x[0-9A-Fa-f]+)", value)]


def read_ontology(path: str | Path) -> Ontology:
    """Read one PICO file; lines that are not `code:value` are comments or reported problems."""
    lines, problems = read_text(path)
    values: dict[str, list[str]] = {}
    order: list[str] = []
    read: list[SourceLine] = []
    for number, line in lines:
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        read.append(SourceLine(str(path), number, stripped))
        if stripped.startswith("---:"):  # the no-event code has no value
            continue
        found = _LINE.match(stripped)
        if found is None:
            problems.append(Problem(str(path), number, f"not a CAMEO:PICO line: {stripped[:60]!r}"))
            continue
        code = found.group(1)
        values[code] = [v for v in stripped.split(":", 1)[1].split("#") if v.strip().lower().startswith(("0x", "-0x"))]
        order.append(code)
    refuse_non_dictionary(path, "a coding ontology", LOOKS_LIKE, read, problems, len(order))
    plain: dict[str, str] = {}
    for code in order:  # the first code listed for a positive value names it
        for value in values[code]:
            terms = _terms(value)
            if len(terms) == 1 and terms[0][0] == 1 and terms[0][1] != _NEGATION:
                plain.setdefault(terms[0][1], code)
    numbers: dict[str, int] = {}
    for code in order:  # the last alternative is the one PETRARCH-2 codes with ("110:0x1007f#...#0x7000")
        if values[code]:
            numbers[code] = sum(sign * int(term, 16) for sign, term in _terms(values[code][-1]))
    reverse: dict[int, str] = {}
    for code in order:
        if code in numbers:
            reverse.setdefault(numbers[code], code)
    negation: dict[str, str] = {}
    for code in order:
        for value in values[code]:
            terms = _terms(value)
            if not any(t == _NEGATION for _, t in terms) or any(t == _NOT_CODED for _, t in terms):
                continue
            rest = [t for _, t in terms if t != _NEGATION]
            if len(rest) != 1:
                continue
            base = plain.get(rest[0])
            if base is not None and base != code:
                negation.setdefault(code, base)
                negation.setdefault(base, code)
    return Ontology(str(path), negation, tuple(problems), numbers, reverse)
