"""The verb knowledge added beside verbs.tsv: the Phoenix-derived cameo_verbs.tsv (read only for lemmas the curated
lexicon lacks), event nouns read through their verb, and the script that writes cameo_verbs.tsv."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from sanderling import events
from sanderling.model import PLOVER_TYPES

ROOT = Path(__file__).resolve().parents[1]
CAMEO_DICT = ROOT.parent / "shared" / "data" / "petrarch2" / "phoenix-dictionaries" / "CAMEO.2.0.txt"
SHIPPED = events.DATA / "cameo_verbs.tsv"


def cameo_lexicon():
    return events._read_lexicon(SHIPPED)


def curated_lexicon():
    return events._read_lexicon(events.DATA / "verbs.tsv")


def test_a_curated_lemma_keeps_only_its_curated_patterns():
    """'condemn' is in both files: verbs.tsv's one row wins, none of Phoenix's 'condemn + object' rows is read."""
    assert len(cameo_lexicon()[("condemn", "V")]) >= 2
    found = events.patterns()[("condemn", "V")]
    assert found == tuple(curated_lexicon()[("condemn", "V")])
    assert [(p.event_type, p.mode, p.cameo, p.cues) for p in found] == [("ACCUSE", "disapprove", "111", ())]


def test_a_lemma_only_phoenix_lists_is_read_from_cameo_verbs():
    assert "airlift" not in events.curated_lemmas()
    found = events.patterns()[("airlift", "V")]
    assert found == tuple(cameo_lexicon()[("airlift", "V")])
    assert [(p.event_type, p.mode, p.cameo) for p in found if not p.cues] == [("AID", None, "073")]


def test_light_verbs_are_not_read_from_cameo_verbs():
    """'announce' has Phoenix rows, but its event is its object noun's ('announced the expulsion of')."""
    assert ("announce", "V") in cameo_lexicon()
    assert "announce" not in events.curated_lemmas()
    assert ("announce", "V") not in events.patterns()


def test_cameo_verbs_rows_are_valid():
    rows = [line.rstrip("\n").split("\t") for line in SHIPPED.read_text(encoding="utf-8").splitlines()
            if line and not line.startswith("#")]
    header, body = rows[0], rows[1:]
    assert header == ["lemma", "pos", "cues", "event", "mode", "cameo", "flags", "source"]
    assert len(body) > 10_000
    for row in body:
        assert len(row) == 8, row
        lemma, pos, _, event, _, cameo, _, source = row
        assert lemma.isalpha() and lemma == lemma.lower() and pos == "V", row
        assert event in PLOVER_TYPES and cameo.isdigit() and len(cameo) in (3, 4), row
        assert source.startswith("Phoenix CAMEO.2.0.txt:"), row


def test_a_sentence_coded_through_cameo_verbs(coder):
    events_ = coder.code("The United States airlifted food to Sudan on Monday.", date="2024-03-06")
    assert {(e.event_type, e.source.country, e.target and e.target.country, e.factuality, e.cameo)
            for e in events_} == {("AID", "USA", "SDN", "asserted", "073")}


# --- nominalisations --------------------------------------------------------------------------------------------


def first_verb(noun: str) -> str | None:
    """The first of a noun's candidate verbs that the lexicon has a verb pattern for (what _nominal_pattern reads)."""
    return next((v for v in events._nominal_verbs(noun) if (v, "V") in events.patterns()), None)


@pytest.mark.parametrize("noun,verb", [
    ("negotiation", "negotiate"), ("withdrawal", "withdraw"), ("expulsion", "expel"), ("shelling", "shell"),
    ("bombing", "bomb"), ("invasion", "invade"),
])
def test_event_nouns_read_through_their_verb(noun, verb):
    assert verb in events._nominal_verbs(noun)
    assert first_verb(noun) == verb


def test_listed_irregular_pairs_come_first():
    assert events.nominalisations()["expulsion"] == "expel"
    assert events._nominal_verbs("expulsion")[0] == "expel"
    assert events._nominal_verbs("release") == ["release"]  # same form as the verb, no suffix to strip


def test_a_noun_that_is_no_nominalisation_reads_no_verb():
    assert first_verb("nation") is None
    assert first_verb("weather") is None


def test_nominal_events_are_coded(coder):
    def coded(text):
        return {(e.event_type, e.source.country, e.target and e.target.country, e.factuality)
                for e in coder.code(text, date="2024-03-06")}
    assert coded("Russia announced the expulsion of two British diplomats on Monday.") == {
        ("SANCTION", "RUS", "GBR", "asserted")}
    assert coded("Ukraine and Russia resumed negotiations on Monday.") == {
        ("CONSULT", "UKR", "RUS", "asserted"), ("CONSULT", "RUS", "UKR", "asserted")}


# --- the generator script ---------------------------------------------------------------------------------------


def test_make_cameo_verbs_writes_exactly_the_shipped_file(tmp_path, monkeypatch):
    """The script takes no output path (it writes its module-level OUT), so OUT is pointed at a temp file."""
    if not CAMEO_DICT.is_file():
        pytest.skip(f"{CAMEO_DICT} is not present (shared/ is not beside the checkout)")
    spec = importlib.util.spec_from_file_location("make_cameo_verbs", ROOT / "scripts" / "make_cameo_verbs.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    first, second = tmp_path / "first.tsv", tmp_path / "second.tsv"
    for out in (first, second):
        monkeypatch.setattr(script, "OUT", out)
        assert script.main(["make_cameo_verbs.py", str(CAMEO_DICT)]) == 0
    assert first.read_bytes() == second.read_bytes()
    assert first.read_bytes() == SHIPPED.read_bytes()
