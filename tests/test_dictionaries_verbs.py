"""Verb dictionary reader: both PETRARCH formats on the real files, a malformed file, a missing file."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from sanderling.dictionaries import DictionaryError
from sanderling.dictionaries.ontology import read_ontology
from sanderling.dictionaries.verbs import PETRARCH1, PETRARCH2, read_verbs

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2"
CAMEO2 = DATA / "phoenix-dictionaries" / "CAMEO.2.0.txt"
CAMEO1 = DATA / "dictionaries" / "CAMEO.verbpatterns.150430.txt"
VALIDATE1 = DATA / "validate-dictionaries" / "PETR.Validate.verbs.txt"
VALIDATE2 = DATA / "dictionaries" / "PETR.Validate.verbs.2.0.txt"
VALIDATE_UD = DATA / "dictionaries" / "ud-validate-2_02" / "PETR_Validate_verbs_2_02.txt"


def real(path: Path):
    if not path.is_file():
        pytest.skip(f"{path} is not present (shared/ is not beside the checkout)")
    return read_verbs(path)


@pytest.fixture(scope="module")
def cameo2():
    return real(CAMEO2)


@pytest.fixture(scope="module")
def cameo1():
    return real(CAMEO1)


@pytest.fixture(scope="module")
def validate1():
    return real(VALIDATE1)


def test_cameo2_counts_match_the_readme(cameo2):
    assert cameo2.format == PETRARCH2
    assert len(cameo2.blocks) == 397
    assert len(cameo2.synsets) == 40
    assert len(cameo2.transformations) == 8  # a ninth is commented out in the file
    # README: 4,668 patterns; two have a stray ')' and are reported, not read
    bad = [p for p in cameo2.problems if "unbalanced" in p.reason]
    assert len(cameo2.patterns) + len(bad) == 4668
    assert {p.line for p in bad} == {2374, 7606}
    assert 1700 <= len({verb.lemma for verb in cameo2.verbs}) <= 1850  # README: ~1,700 verbs


def test_cameo2_known_entries(cameo2):
    add = cameo2.patterns_for("added")  # an inflected form finds the block
    pattern = next(p for p in add if p.line == 737)  # - * (TO LIST) (OF {BANNED PARTIES}) [1722]
    assert pattern.code.forward == "1722"
    assert pattern.prepositions == ("TO", "OF")
    of_phrase = pattern.after[1]
    assert of_phrase.kind == "prep" and of_phrase.parts[0].kind == "phrase"
    assert [t.text for t in of_phrase.parts[0].parts] == ["BANNED", "PARTIES"]
    assert cameo2.default_code("ASK_FOR").raw == "020"  # the verb's own code beats the block's [---]
    assert cameo2.default_code("interrogated").raw == "090"
    assert cameo2.default_code("enquire").no_event
    assert cameo2.default_code("no such verb") is None
    hurry = next(v for v in cameo2.verbs if v.lemma == "HURRY")
    assert hurry.explicit_forms and set(hurry.forms) == {"HURRIES", "HURRYING", "HURRIED"}
    passive = next(p for p in cameo2.patterns_for("appear") if p.line == 804)  # - * (BEFORE COURT) [:173]
    assert passive.code.forward is None and passive.code.reverse == "173"
    assert "CEASEFIRE" in cameo2.synsets
    assert "CEASE FIRE" in cameo2.synsets["CEASEFIRE"].words
    rule = cameo2.transformations[2]  # ~ a (b . ATTACK) SAY = a b 112
    assert (rule.pattern.source, rule.pattern.verb, rule.result) == ("a", "SAY", ("a", "b", "112"))
    assert rule.pattern.target.verb == "ATTACK" and rule.pattern.target.target == "."


def test_cameo2_problems_name_file_and_line(cameo2):
    header = [p for p in cameo2.problems if "080!" in p.reason]
    assert header and header[0].line == 5787 and header[0].path == str(CAMEO2)
    assert len(cameo2.problems) == 5


def test_petrarch1_cameo_counts(cameo1):
    assert cameo1.format == PETRARCH1
    assert len(cameo1.blocks) == 396
    pattern_problems = [
        p
        for p in cameo1.problems
        if p.reason.startswith(("pattern without", "pattern has", "disjunctive"))
    ]
    assert len(cameo1.patterns) + len(pattern_problems) == 11011  # README: 11,011 patterns
    assert len(pattern_problems) == 6


def test_petrarch1_validation_file(validate1):
    assert validate1.format == PETRARCH1
    acknowledge = validate1.patterns_for("ACKNOWLEDGE")[0]  # - SO IN_AND_*_OUT_AGAIN NOW [074]
    assert [(t.kind, t.text, t.consecutive) for t in acknowledge.tokens] == [
        ("word", "SO", False),
        ("word", "IN", False),
        ("word", "AND", True),
        ("verb", "*", True),
        ("word", "OUT", True),
        ("word", "AGAIN", True),
        ("word", "NOW", False),
    ]
    new_ties = validate1.patterns_for("abandon")[0]  # - * NEW_&TIETYPES_RELATIONS [903]
    assert [t.kind for t in new_ties.after] == ["word", "synset", "word"]
    assert validate1.expand_synset("&ACCORDSYN")[:4] == ("MILITARY", "ECONOMIC", "CULTURAL", "CLOSER")
    admit = validate1.default_code("admits")  # --- ADMIT [013:012] ---
    assert admit.paired and (admit.forward, admit.reverse) == ("013", "012")
    klm = next(v for v in validate1.verbs if v.lemma == "KLM NOP RST")  # KLM_NOP_+RST [002]
    assert klm.head == "RST" and klm.code.raw == "002"
    assert validate1.patterns_for("preposition") == []
    test_codes = {p.reason for p in validate1.problems if "not a CAMEO code" in p.reason}
    assert "code [abc] is not a CAMEO code: kept as given" in test_codes


@pytest.mark.parametrize("path", [VALIDATE2, VALIDATE_UD], ids=["2.0", "ud-2_02"])
def test_petrarch2_validation_files(path):
    verbs = real(path)
    assert verbs.format == PETRARCH2
    assert verbs.transformations == ()  # all commented out
    assert any("does not start with '-'" in p.reason for p in verbs.problems)  # `* (TO QUESTION) [110]`
    host = verbs.default_code("host")
    assert (host.forward, host.reverse) == ("043", "042")
    assert "PREPOSIT1" in verbs.synsets


def test_malformed_file_reports_bad_lines_and_keeps_good_ones(tmp_path):
    text = "\n".join(
        [
            "&FOOD",
            "+BREAD",
            "+SOUP_",
            "--- GIVE [070] ---",
            "GIVE {GAVE GIVEN GIVING GIVES}",
            "- * &FOOD (TO +) [073]",
            "- * (TO {HUNGRY PEOPLE} [074]",
            "- * AID [073",
            "- * AID",
            "- (ON) [075]",
            "SCOF AT",
            "<!-- a comment -->",
            "?? what",
            "- * &MISSING [071]",
            "- * {RELIEF SUPPLIES} [:073]   ; legacy comment",
            "~ a (b . GIVE) SAY = a b",
        ]
    )
    path = tmp_path / "bad.verbs.txt"
    path.write_text(text, encoding="utf-8")
    verbs = read_verbs(path)
    assert verbs.format == PETRARCH2
    assert [p.line for p in verbs.patterns] == [6, 14, 15]
    assert verbs.patterns_for("gave")[0].tokens[1].text == "&FOOD"
    assert verbs.synsets["FOOD"].singular_only == frozenset({"SOUP"})
    lines = {p.line: p for p in verbs.problems}
    assert set(lines) == {7, 8, 9, 10, 11, 13, 14, 16}
    assert all(p.path == str(path) for p in verbs.problems)
    assert "without ')'" in lines[7].reason and "without a [code]" in lines[9].reason
    assert "undefined synset &MISSING" in lines[14].reason


def test_missing_file_is_a_dictionary_error(tmp_path):
    with pytest.raises(DictionaryError):
        read_verbs(tmp_path / "nope.verbs.txt")


def test_unknown_format_is_refused(tmp_path):
    path = tmp_path / "v.txt"
    path.write_text("--- A [010] ---\nA\n", encoding="utf-8")
    with pytest.raises(ValueError):
        read_verbs(path, format="tabari9")
    assert read_verbs(path, format=PETRARCH1).default_code("a").raw == "010"


def test_random_bytes_are_not_a_verbs_dictionary(tmp_path):
    """Random bytes as a verbs file used to be read (as Latin-1) into hundreds of warnings and exit 0."""
    rng = random.Random(7)
    path = tmp_path / "random.verbs.txt"
    path.write_bytes(bytes(rng.randrange(1, 256) for _ in range(20000)))
    with pytest.raises(DictionaryError) as raised:
        read_verbs(path)
    message = str(raised.value)
    assert message.startswith(f"{path} is not a verbs dictionary: ") and "lines are not UTF-8 text" in message
    assert "`--- GIVE [070] ---`" in message


def test_a_verbs_line_not_utf8_is_reported_and_the_rest_read(tmp_path):
    path = tmp_path / "v.verbs.txt"
    path.write_bytes(b"--- GIVE [070] ---\nGIVE\nDON\xe9\n- * AID [073]\n")
    verbs = read_verbs(path)
    assert [p.line for p in verbs.problems] == [3] and "not valid UTF-8 (byte 0xe9" in verbs.problems[0].reason
    assert verbs.default_code("give").raw == "070" and len(verbs.patterns) == 1


def test_a_file_that_is_not_an_ontology_is_one_error(tmp_path):
    path = tmp_path / "Not.Ontology.txt"
    path.write_text("The government said on Monday that talks would resume.\n", encoding="utf-8")
    expected = r"is not a coding ontology: no entry could be read from its 1 line .* `010:0x1000"
    with pytest.raises(DictionaryError, match=expected):
        read_ontology(path)
