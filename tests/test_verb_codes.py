"""Verb patterns matched on the parse (the longest matching pattern wins, `+` slots) and PLOVER types of codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanderling.dictionaries.coding import PatternMatcher
from sanderling.dictionaries.verb_codes import plover_type
from sanderling.dictionaries.verbs import read_verbs

VERBS = """\
--- RESTORE [050] ---
RESTORE
- * DIPLOMATIC_RELATIONS [064]
- * TRADE (WITH +) [061]
--- POSTPONE [---] ---
POSTPONE
- * MEETING [120]
"""


@pytest.fixture(scope="module")
def verbs(tmp_path_factory) -> object:
    path = Path(tmp_path_factory.mktemp("verbs")) / "Test.verbs.txt"
    path.write_text(VERBS, encoding="utf-8")
    return read_verbs(path, format="petrarch2")


def _verb(nlp, text: str, word: str):
    doc = nlp(text)
    return next(t for t in doc if t.text == word)


def _code(verbs, nlp, text: str, word: str) -> str | None:
    tok = _verb(nlp, text, word)
    found = PatternMatcher(verbs).match(tok, verbs.patterns_for(tok.lemma_))
    return str(found[0].code) if found else None


def test_longest_matching_pattern_wins(verbs, coder):
    nlp = coder.nlp
    assert _code(verbs, nlp, "Arnor restored diplomatic relations with Gondor.", "restored") == "064"
    assert _code(verbs, nlp, "Arnor restored trade with Gondor.", "restored") == "061"
    assert _code(verbs, nlp, "Arnor restored order.", "restored") is None  # no pattern: the block's default applies


def test_target_slot_and_blocks(verbs, coder):
    tok = _verb(coder.nlp, "Arnor restored trade with Gondor.", "restored")
    pattern, slots = PatternMatcher(verbs).match(tok, verbs.patterns_for("restore"))
    assert slots["target"].text == "Gondor"
    assert verbs.default_code("postpone").no_event  # `[---]`: the verb alone codes nothing
    assert _code(verbs, coder.nlp, "Gondor postponed the meeting.", "postponed") == "120"
    assert _code(verbs, coder.nlp, "Gondor postponed the vote.", "postponed") is None


def test_plover_types_by_prefix():
    assert plover_type("050") == "SUPPORT"
    assert plover_type("0841") == "RETREAT" and plover_type("080") == "CONCEDE"
    assert plover_type("1712") == "ASSAULT" and plover_type("171") == "COERCE"
    assert plover_type("012") is None  # public statements have no PLOVER type
