"""Readers for the dictionary formats PETRARCH/TABARI users already own (actors, agents, discards, verbs).

Each reader turns one file into plain data classes and records every line it cannot use as a `Problem` (file,
line, reason) instead of guessing: an unsupported construct is a warning naming its place, never a silent
mis-coding. The formats are those of the openeventdata/petrarch2 repository's docs/source/dictionaries.rst and the
files' own header comments.
"""

from .base import DictionaryError, Problem, SourceLine, read_lines

__all__ = ["DictionaryError", "Problem", "SourceLine", "read_lines"]
