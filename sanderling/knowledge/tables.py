"""The one reader of knowledge tables (knowledge/data/*.tsv).

Every word list and lexicon the coder reads is a tab-separated table: `#` lines are comments, the first other line is
the header, blank lines are skipped, and every row has exactly the header's columns. A `source` column says where an
entry comes from (a reference list, the CAMEO/Phoenix dictionaries, the PLOVER manual, or the news error class it
fixes with an example phrase); it may not be empty. A bad row is a `TableError` naming the file and line.

    >>> rows = read_table("roles.tsv", required=("form", "sector"))
    >>> word_list("speech")            # one named list of wordlists.tsv
    >>> word_map("promise_cameo")      # a list whose rows carry a value: word -> value
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).parent / "data"
WORDLISTS = "wordlists.tsv"


class TableError(ValueError):
    """A knowledge table that cannot be read: the message names the file and line and says what to fix."""


def table_path(name: str | Path) -> Path:
    """A table's path: a bare file name is looked up in knowledge/data."""
    path = Path(name)
    return path if path.parent != Path(".") or path.is_absolute() else DATA / path


def read_table(name: str | Path, required: tuple[str, ...] = (), nonempty: tuple[str, ...] = ()) -> tuple[dict, ...]:
    """The rows of a table as dicts (column -> text), checked: the header has the `required` columns, each row has
    exactly the header's fields, and the `nonempty` columns and `source` (when the table has one) are filled."""
    return tuple(row for _, row in numbered_rows(name, required, nonempty))


def numbered_rows(name: str | Path, required: tuple[str, ...] = (),
                  nonempty: tuple[str, ...] = ()) -> tuple[tuple[int, dict], ...]:
    """`read_table` with each row's line number in the file: ((line, row), ...)."""
    return _read(str(table_path(name)), tuple(required), tuple(nonempty))


@lru_cache(maxsize=64)
def _read(path_text: str, required: tuple[str, ...], nonempty: tuple[str, ...]) -> tuple[tuple[int, dict], ...]:
    path = Path(path_text)
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise TableError(f"{path}: no such knowledge table") from None
    except UnicodeDecodeError as e:
        raise TableError(f"{path}: not UTF-8 text ({e.reason} at byte {e.start}); save the table as UTF-8") from None
    header: list[str] | None = None
    rows: list[tuple[int, dict]] = []
    for n, line in enumerate(text.splitlines(), start=1):
        if line.startswith("#") or not line.strip():
            continue
        fields = line.split("\t")
        if header is None:
            header = fields
            missing = [c for c in required if c not in header]
            if missing:
                raise TableError(f"{path}:{n}: the header lacks the column(s) {', '.join(missing)} "
                                 f"(found {', '.join(header)}); columns are tab-separated")
            filled = [c for c in (*nonempty, "source") if c in header]
            continue
        if len(fields) != len(header):
            raise TableError(f"{path}:{n}: {len(fields)} tab-separated field(s), expected {len(header)} "
                             f"({', '.join(header)}): {line[:80]!r}")
        row = dict(zip(header, fields))
        for column in filled:
            if not row[column].strip():
                raise TableError(f"{path}:{n}: the {column} column is empty; say where the entry comes from"
                                 if column == "source" else f"{path}:{n}: the {column} column is empty")
        rows.append((n, row))
    if header is None:
        raise TableError(f"{path}: no header line: a table starts with its tab-separated column names")
    return tuple(rows)


@lru_cache(maxsize=1)
def _word_lists() -> dict[str, dict[str, str]]:
    lists: dict[str, dict[str, str]] = {}
    for n, row in numbered_rows(WORDLISTS, required=("list", "word", "value", "source"), nonempty=("list", "word")):
        words = lists.setdefault(row["list"], {})
        if row["word"] in words:
            raise TableError(f"{table_path(WORDLISTS)}:{n}: {row['word']!r} is listed twice in {row['list']!r}")
        words[row["word"]] = row["value"]
    return lists


def word_list(name: str) -> frozenset[str]:
    """The words of one named list of wordlists.tsv."""
    try:
        return frozenset(_word_lists()[name])
    except KeyError:
        raise TableError(f"{table_path(WORDLISTS)}: no list named {name!r}") from None


def word_map(name: str) -> dict[str, str]:
    """word -> value for one named list of wordlists.tsv (a copy: callers may change it)."""
    if name not in _word_lists():
        raise TableError(f"{table_path(WORDLISTS)}: no list named {name!r}")
    return dict(_word_lists()[name])
