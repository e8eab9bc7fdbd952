"""Verb codes from a user's verb dictionary: pattern words found in the verb's clause, defaults, blocks, PLOVER."""

from __future__ import annotations

from pathlib import Path

import pytest

from sanderling.dictionaries.verb_codes import BLOCKED, plover_type, verb_code
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


def test_longest_matching_pattern_wins(verbs, coder):
    nlp = coder.nlp
    assert verb_code(verbs, _verb(nlp, "Arnor restored diplomatic relations with Gondor.", "restored")) == "064"
    assert verb_code(verbs, _verb(nlp, "Arnor restored trade with Gondor.", "restored")) == "061"
    assert verb_code(verbs, _verb(nlp, "Arnor restored order.", "restored")) == "050"  # the block's default


def test_blocked_and_unknown_verbs(verbs, coder):
    nlp = coder.nlp
    assert verb_code(verbs, _verb(nlp, "Gondor postponed the vote.", "postponed")) == BLOCKED
    assert verb_code(verbs, _verb(nlp, "Gondor postponed the meeting.", "postponed")) == "120"
    assert verb_code(verbs, _verb(nlp, "Gondor praised Arnor.", "praised")) is None


def test_plover_types_by_prefix():
    assert plover_type("050") == "SUPPORT"
    assert plover_type("0841") == "RETREAT" and plover_type("080") == "CONCEDE"
    assert plover_type("1712") == "ASSAULT" and plover_type("171") == "COERCE"
    assert plover_type("012") is None  # public statements have no PLOVER type
