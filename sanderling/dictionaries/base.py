"""What every dictionary reader shares: numbered lines without comments, and problems named by file and line."""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..errors import Errors, SanderlingError

log = logging.getLogger("sanderling.dictionaries")

NOT_TEXT = 0.5  # share of lines that are not UTF-8 from which a file is refused as not text (random bytes)


class DictionaryError(SanderlingError):
    """A dictionary file that cannot be read at all (missing, binary, not text)."""


@dataclass(frozen=True)
class Problem:
    """A line a reader skipped or read only in part, and why."""

    path: str
    line: int
    reason: str
    undecodable: bool = False  # the line is not UTF-8 text

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.reason}"


@dataclass(frozen=True)
class SourceLine:
    """One line of a dictionary file with its comment removed (PETRARCH comments start with '#')."""

    path: str
    number: int
    text: str

    def problem(self, reason: str) -> Problem:
        found = Problem(self.path, self.number, reason)
        log.debug("%s", found)  # `load_dictionaries` warns with the first few and a count
        return found


def read_text(path: str | Path) -> tuple[list[tuple[int, str]], list[Problem]]:
    """(line number, text) of every line of a dictionary file read as UTF-8, and one Problem per line that is not
    UTF-8: such a line is skipped, never re-decoded as Latin-1, so the file's UTF-8 entries keep matching."""
    path = Path(path)
    if not path.is_file():
        raise DictionaryError(f"dictionary file {path} is missing")
    try:
        raw = path.read_bytes()
    except OSError as err:
        raise DictionaryError(f"cannot read the dictionary file {path}: {err.strerror or err}") from None
    binary = _binary(raw)
    if binary:
        raise DictionaryError(Errors.E202.format(path=path, kind="a dictionary", detail=binary,
                                                 example="`AFGHANISTAN_ [AFG]` or `--- GIVE [070] ---`"))
    lines: list[tuple[int, str]] = []
    problems: list[Problem] = []
    for number, data in enumerate(raw.removeprefix(b"\xef\xbb\xbf").splitlines(), start=1):
        try:
            lines.append((number, data.decode("utf-8")))
        except UnicodeDecodeError as err:
            reason = Errors.E201.format(byte=data[err.start], column=err.start + 1)
            problems.append(Problem(str(path), number, reason, undecodable=True))
    return lines, problems


def _binary(raw: bytes) -> str | None:
    """Why the bytes are not a UTF-8 text file at all (UTF-16, NUL bytes), or None."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return ("it is UTF-16 text (it starts with a UTF-16 byte order mark); re-encode it: "
                "`iconv -f utf-16 -t utf-8 FILE`")
    if b"\x00" in raw:
        return "it holds NUL bytes (binary data)"
    return None


def read_lines(path: str | Path, problems: list[Problem] | None = None) -> Iterator[SourceLine]:
    """Non-empty lines of a dictionary file with '#' comments stripped; a file that is not text is a clear error.

    A line that is not UTF-8 is added to `problems` (logged as a warning when no list is given) and skipped."""
    lines, undecodable = read_text(path)
    for problem in undecodable:
        if problems is None:
            log.warning("%s", problem)
        else:
            problems.append(problem)
    for number, line in lines:
        body = line.split("#", 1)[0].rstrip()
        if body.strip():
            yield SourceLine(str(path), number, body)


def refuse_non_dictionary(path: str | Path, kind: str, example: str, lines: Sequence[SourceLine],
                          problems: Sequence[Problem], entries: int) -> None:
    """A file that is mostly not UTF-8 text (random bytes), or of which no line is an entry of this kind (prose,
    another format), is one error naming it and what the kind looks like, instead of hundreds of line warnings."""
    bad = {problem.line for problem in problems}
    seen = len(bad | {line.number for line in lines})
    not_text = {problem.line for problem in problems if problem.undecodable}
    if not_text and len(not_text) >= NOT_TEXT * seen:
        detail = (f"{len(not_text)} of its {seen} lines are not UTF-8 text (the first is line {min(not_text)}; "
                  "if it is Latin-1 text, re-encode it: `iconv -f latin1 -t utf-8 FILE`)")
    elif bad and not entries:
        first = min(problems, key=lambda problem: problem.line)
        detail = f"no entry could be read from its {seen} line{'s' * (seen != 1)} (line {first.line}: {first.reason})"
    else:
        return
    raise DictionaryError(Errors.E202.format(path=path, kind=kind, detail=detail, example=example))
