"""Readers for PETRARCH's plain phrase lists: the discard list (`*.discards.txt`) and the issue list (`*Issue*.txt`).

Discards (petrarch2 docs/source/dictionaries.rst, "Discard List"): one phrase a line; a leading `+` (blanks after
it allowed) means the whole story is not coded when the phrase occurs, otherwise only the sentence. A phrase ending
in `_` must end at a word boundary (`whole_word=True`); otherwise it is a stem matched as a word prefix. Matching is
case-insensitive, so words are kept as written. A line holding a `[code]` (TABARI's `[###]` discards) or nothing
but `+` is reported as a `Problem` and skipped; `<...>` markup lines are ignored.

Issues ("Issues List"): `<ISSUE CATEGORY="...">` ... `</ISSUE>` blocks of `phrase [CODE]` lines and `~phrase` /
`~~phrase` ignore phrases (either kind cancels issue coding for the sentence, so both read as `ignore=True`). The
documented expansions are applied per word: `n:` singular and regular plural, `v:` the regular forms (+S, +ED,
+ING, with a final E dropped before ED/ING), and `a+b` both `a b` and `a-b`. Phrases are lower-cased words. A line
with neither a code nor `~`, an unclosed bracket or an unknown `x:` prefix is a `Problem` and skipped; a phrase
outside any block gets `category=None`.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Literal

from .actors import phrase_words
from .agents import regular_plural
from .base import Problem, SourceLine, read_lines, refuse_non_dictionary

__all__ = ["DiscardEntry", "DiscardList", "IssueEntry", "IssueList", "read_discards", "read_issues"]

Scope = Literal["story", "sentence"]
DISCARDS_LOOK_LIKE = "`+BOXING_MATCH` (discard the story) and `SOCCER_` (discard the sentence)"
ISSUES_LOOK_LIKE = "`<ISSUE CATEGORY=\"EDUCATION\">`, `n:kindergarten [EARLY_CHILDHOOD_EDUCATION]` and `</ISSUE>`"


@dataclass(frozen=True)
class DiscardEntry:
    """A phrase whose presence stops coding of the sentence or of the whole story."""

    words: tuple[str, ...]
    scope: Scope
    line: int
    whole_word: bool = False


@dataclass(frozen=True)
class DiscardList:
    """Everything read from one discard file and the lines that could not be used."""

    path: str
    entries: tuple[DiscardEntry, ...]
    problems: tuple[Problem, ...] = ()


def read_discards(path: str | Path) -> DiscardList:
    """Read one discard list; DictionaryError if the file cannot be read."""
    entries: list[DiscardEntry] = []
    problems: list[Problem] = []
    lines = list(read_lines(path, problems))
    for line in lines:
        text = line.text.strip()
        if text.startswith("<"):
            continue
        scope: Scope = "story" if text.startswith("+") else "sentence"
        phrase = text[1:].strip() if scope == "story" else text
        if "[" in phrase or "]" in phrase:
            problems.append(line.problem(f"code in a discard phrase {text!r} is not supported: skipped"))
            continue
        words = phrase_words(phrase)
        if not words:
            problems.append(line.problem("discard marker '+' with no phrase: skipped"))
            continue
        entries.append(DiscardEntry(words, scope, line.number, phrase.endswith("_")))
    refuse_non_dictionary(path, "a discards list", DISCARDS_LOOK_LIKE, lines, problems, len(entries))
    return DiscardList(str(path), tuple(entries), tuple(problems))


@dataclass(frozen=True)
class IssueEntry:
    """One expanded issue phrase: its code (None for an ignore phrase) and the block's category."""

    words: tuple[str, ...]
    code: str | None
    category: str | None
    line: int
    ignore: bool = False


@dataclass(frozen=True)
class IssueList:
    """Everything read from one issues file and the lines that could not be used."""

    path: str
    entries: tuple[IssueEntry, ...]
    categories: tuple[str, ...] = ()
    problems: tuple[Problem, ...] = ()


def _verb_forms(word: str) -> list[str]:
    base = word[:-1] if word.endswith("e") else word
    return [word, word + "s", base + "ed", base + "ing"]


def _word_forms(token: str) -> list[str]:
    """All spellings one token stands for; ValueError for an unknown `x:` prefix."""
    parts = token.split("+")
    options: list[list[str]] = []
    for part in parts:
        kind, colon, word = part.rpartition(":")
        if not colon:
            options.append([part])
        elif kind == "n":
            options.append([word, regular_plural(word)])
        elif kind == "v":
            options.append(_verb_forms(word))
        else:
            raise ValueError(f"unknown expansion {kind + ':'!r} in {token!r}")
    forms: list[str] = []
    for combo in product(*options):
        forms.append(" ".join(combo))
        if len(combo) > 1:
            forms.append("-".join(combo))
    return forms


def _phrases(text: str) -> list[tuple[str, ...]]:
    tokens = [_word_forms(token) for token in text.lower().split()]
    return [tuple(" ".join(combo).split()) for combo in product(*tokens)]


def _category(text: str) -> str | None:
    _, found, rest = text.partition("CATEGORY=")
    if not found:
        return None
    value = rest.strip().strip(">").split()[0] if rest.strip() else ""
    return value.strip("\"'") or None


def _issue_line(text: str, line: SourceLine, category: str | None, problems: list[Problem]) -> list[IssueEntry]:
    ignore = text.startswith("~")
    phrase, bracket, rest = text.lstrip("~").partition("[")
    code, closed, after = rest.partition("]")
    if bracket and not closed:
        problems.append(line.problem(f"unclosed '[' in {text!r}: skipped"))
        return []
    if not bracket and not ignore:
        problems.append(line.problem(f"issue phrase {text!r} has no [code] and is not a '~' ignore phrase: skipped"))
        return []
    if after.strip():
        problems.append(line.problem(f"text after the code ignored: {after.strip()!r}"))
    try:
        phrases = _phrases(phrase)
    except ValueError as err:
        problems.append(line.problem(f"{err}: skipped"))
        return []
    value = code.strip() or None if bracket else None
    return [IssueEntry(words, value, category, line.number, ignore) for words in phrases if words]


def read_issues(path: str | Path) -> IssueList:
    """Read one issues file, expanding `n:`, `v:` and `+`; DictionaryError if the file cannot be read."""
    entries: list[IssueEntry] = []
    problems: list[Problem] = []
    categories: list[str] = []
    category: str | None = None
    lines = list(read_lines(path, problems))
    for line in lines:
        text = line.text.strip()
        if text.upper().startswith("<ISSUE"):
            category = _category(text)
            if category is None:
                problems.append(line.problem(f"issue block without CATEGORY=: {text!r}"))
            else:
                categories.append(category)
        elif text.upper().startswith("</ISSUE"):
            category = None
        elif text.startswith("<"):
            continue
        else:
            entries.extend(_issue_line(text, line, category, problems))
    refuse_non_dictionary(path, "an issues list", ISSUES_LOOK_LIKE, lines, problems, len(entries) + len(categories))
    return IssueList(str(path), tuple(entries), tuple(categories), tuple(problems))
