"""What every dictionary reader shares: numbered lines without comments, and problems named by file and line."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import SanderlingError

log = logging.getLogger("sanderling.dictionaries")


class DictionaryError(SanderlingError):
    """A dictionary file that cannot be read at all (missing, binary, not text)."""


@dataclass(frozen=True)
class Problem:
    """A line a reader skipped or read only in part, and why."""

    path: str
    line: int
    reason: str

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


def read_lines(path: str | Path) -> Iterator[SourceLine]:
    """Non-empty lines of a dictionary file with '#' comments stripped; a file that is not text is a clear error."""
    path = Path(path)
    if not path.is_file():
        raise DictionaryError(f"dictionary file {path} is missing")
    raw = path.read_bytes()
    if b"\x00" in raw[:4096]:
        raise DictionaryError(f"dictionary file {path} is binary, not a text dictionary")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")  # older TABARI-era files are Latin-1
    for number, line in enumerate(text.splitlines(), start=1):
        body = line.split("#", 1)[0].rstrip()
        if body.strip():
            yield SourceLine(str(path), number, body)
