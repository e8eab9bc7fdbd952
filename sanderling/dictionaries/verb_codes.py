"""CAMEO codes from a user's verb dictionary for the coder's verb triggers.

PETRARCH matches a verb's patterns against a constituency tree; here a pattern matches a verb token when every
word it names (plain words, `&SYNSET` members, the words of `{...}` phrases and `(PREP ...)` phrases) is found
among the words after the verb in its own clause (its dependency subtree, subjects left out). The matching pattern
naming the most words wins; a verb with no matching pattern gets its own default code. `[---]` blocks the event.
Source and target still come from the coder's dependency rules, not from `$`/`+` positions.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from .verbs import PatternToken, VerbDictionary, VerbPattern

DATA = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "cameo_plover.tsv"
SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
BLOCKED = "---"


@lru_cache(maxsize=1)
def _plover_table() -> dict[str, str]:
    with DATA.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {row["prefix"]: row["plover"] for row in rows}


def plover_type(cameo: str) -> str | None:
    """The PLOVER type of a CAMEO code by its longest listed prefix; None for statements (01) and unknown codes."""
    table = _plover_table()
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None


def _words(text: str) -> list[str]:
    return [w for w in text.lower().replace("_", " ").split() if w]


def _requirements(token: PatternToken, verbs: VerbDictionary) -> list[list[list[str]]]:
    """Alternatives per requirement: each requirement is a list of phrases (word lists), one of which must appear."""
    if token.kind == "word":
        return [[_words(token.text)]]
    if token.kind == "synset":
        phrases = [_words(p) for p in verbs.expand_synset(token.text)]
        return [[p for p in phrases if p]] if phrases else []
    if token.kind in {"phrase", "prep"}:
        out = [[_words(token.text)]] if token.kind == "prep" else []
        for part in token.parts:
            out.extend(_requirements(part, verbs))
        return out
    return []  # actors and skips: positions, not words


def _score(pattern: VerbPattern, verbs: VerbDictionary, found: set[str]) -> int | None:
    """How many words the pattern names, if all are found; None if one is missing."""
    named = 0
    for token in pattern.after:
        for alternatives in _requirements(token, verbs):
            if not any(all(w in found for w in phrase) for phrase in alternatives):
                return None
            named += 1
    return named


def _clause_words(verb: Token) -> set[str]:
    out: set[str] = set()
    for child in verb.children:
        if child.dep_ in SUBJECTS or child.i < verb.i:
            continue
        for t in child.subtree:
            out.add(t.lower_)
            out.add(t.lemma_.lower())
    for t in verb.children:  # particles glued to the verb ("cordon off")
        if t.dep_ == "prt":
            out.add(t.lower_)
    return out


def verb_code(verbs: VerbDictionary, verb: Token) -> str | None:
    """The CAMEO code the dictionary gives this verb token, `---` where it blocks coding, None if it has none."""
    patterns = verbs.patterns_for(verb.lemma_) or verbs.patterns_for(verb.text)
    found = _clause_words(verb) if patterns else set()
    best: tuple[int, VerbPattern] | None = None
    for pattern in patterns:
        score = _score(pattern, verbs, found)
        if score is not None and score > 0 and (best is None or score > best[0]):
            best = (score, pattern)
    code = best[1].code if best is not None else (verbs.default_code(verb.lemma_) or verbs.default_code(verb.text))
    if code is None:
        return None
    if code.no_event:
        return BLOCKED
    return code.forward
