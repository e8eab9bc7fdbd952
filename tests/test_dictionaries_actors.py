"""Actor, agent, discard and issue dictionary readers on the real PETRARCH files and on broken ones."""

from __future__ import annotations

import random
from datetime import date
from pathlib import Path

import pytest

from sanderling.dictionaries import DictionaryError
from sanderling.dictionaries.actors import build_index, code_on, longest_match, read_actors
from sanderling.dictionaries.agents import read_agents
from sanderling.dictionaries.discards import read_discards, read_issues

DATA = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2"
PHOENIX = DATA / "phoenix-dictionaries"
VALIDATE = DATA / "validate-dictionaries"


@pytest.fixture(scope="module")
def phoenix_dir() -> Path:
    if not PHOENIX.is_dir():
        pytest.skip(f"{DATA} not present (shared/ is not beside the checkout)")
    return PHOENIX


@pytest.fixture(scope="module")
def countries(phoenix_dir: Path):
    return read_actors(phoenix_dir / "Phoenix.Countries.actors.txt")


def _by_phrase(dictionary, phrase: str):
    words = tuple(phrase.split("_"))
    return next(e for e in dictionary.entries if e.phrase == words)


def test_countries_counts_match_readme(countries) -> None:
    assert len(countries.entries) == 18390
    assert countries.synonym_count == 7527
    bad_dated = [p for p in countries.problems if "bad code" in p.reason]
    assert countries.dated_code_count + len(bad_dated) == 26110


def test_countries_entries_and_dates(countries) -> None:
    afghanistan = _by_phrase(countries, "AFGHANISTAN")
    assert ("AFGHAN",) in afghanistan.synonyms and ("MAZAR-I-SHARIF",) in afghanistan.synonyms
    assert code_on(afghanistan, date(2010, 1, 1)) == "AFG"
    zahir = _by_phrase(countries, "MOHAMMAD_ZAHIR_SHAH")
    assert code_on(zahir, date(1940, 5, 1)) == "AFGGOV"
    assert code_on(zahir, date(1975, 1, 1)) == "AFGELI"
    assert code_on(zahir, date(2010, 1, 1)) is None
    qadir = _by_phrase(countries, "ABDUL_QADIR")
    assert code_on(qadir, date(1978, 4, 28)) == "AFGGOV"
    assert code_on(qadir, date(1990, 1, 1)) == "AFGELI"


def test_codeless_entries_share_the_next_codes(countries) -> None:
    ivo = _by_phrase(countries, "IVO_JOSIPOVIC")
    assert ivo.codes == _by_phrase(countries, "JOSIPOVIC").codes
    assert any(p.line == ivo.line and "shares the codes" in p.reason for p in countries.problems)


def test_other_phoenix_actor_files(phoenix_dir: Path) -> None:
    international = read_actors(phoenix_dir / "Phoenix.International.actors.txt")
    assert len(international.entries) == 7841
    assert international.dated_code_count + 1 == 452  # one 7-digit date is reported
    assert any(p.line == 40 and "2004017" in p.reason for p in international.problems)
    assert any(p.line == 3696 and "text after the codes" in p.reason for p in international.problems)
    moussa = _by_phrase(international, "AMR_MOUSSA")
    assert code_on(moussa, date(2005, 1, 1)) == "IGOMEAARL"
    assert code_on(moussa, date(2000, 1, 1)) == "EGYGOV"
    milnonstate = read_actors(phoenix_dir / "Phoenix.MilNonState.actors.txt")
    assert len(milnonstate.entries) == 1021 and milnonstate.synonym_count == 772
    assert milnonstate.problems == ()


def test_validation_actor_dates_and_index() -> None:
    if not VALIDATE.is_dir():
        pytest.skip(f"{VALIDATE} not present (shared/ is not beside the checkout)")
    actors = read_actors(VALIDATE / "PETR.Validate.actors.txt")
    assert actors.problems == ()
    sam = _by_phrase(actors, "SAM_GAMGEE")
    assert code_on(sam, date(2010, 1, 10)) == "ORCHOB"  # listed first, so it wins over HOBMIL
    assert code_on(sam, date(2010, 1, 13)) == "HOBMIL"
    assert code_on(sam, date(2013, 1, 19)) == "HOBGOV"  # limits are inclusive
    assert code_on(sam, date(2014, 1, 1)) == "HOBELI"
    assert code_on(sam, None) == "HOB"
    gollum = _by_phrase(actors, "GOLLUM")
    assert code_on(gollum, date(1996, 1, 1)) == "HOBGOV"  # "[HOBGOV 19950601 - 19990815]"
    assert code_on(gollum, date(1990, 1, 1)) == "HOB"  # "[HOB < 950601]"
    assert code_on(gollum, date(1999, 9, 1)) == "HOBREB"
    index = build_index([actors])
    found = longest_match(index, "The Ithilen military said".split(), 1)
    assert found is not None and found[0] == 2 and found[1].codes[0].code == "ITHMIL"
    found = longest_match(index, ["Minas", "Tirith"], 0)
    assert found is not None and found[1].phrase == ("GONDOR",)
    assert longest_match(index, ["nowhere"], 0) is None


def test_phoenix_agents(phoenix_dir: Path) -> None:
    agents = read_agents(phoenix_dir / "Phoenix.agents.txt")
    assert agents.patterns + 1 == 2244  # "[~ENV}" is reported, not read
    assert len(agents.codes) == 84
    assert set(agents.substitutions) == {"PERSON", "MINIST"}
    assert len(agents.entries) == 5224
    phrases = {(e.phrase, e.code, e.placement) for e in agents.entries}
    assert (("FARMER",), "AGR", "suffix") in phrases and (("FARMERS",), "AGR", "suffix") in phrases
    assert (("CATTLEWOMEN",), "AGR", "suffix") in phrases
    assert (("CATTLEWOMENS",), "AGR", "suffix") not in phrases  # no plural on substitutions
    assert (("CHAMBERS", "OF", "COMMERCE"), "BUS", "suffix") in phrases
    assert (("INFORMATION", "MINISTRIES"), "GOVMED", "suffix") in phrases
    assert (("PEACEKEEPING", "TROOPS"), "IGO", "prefix") in phrases
    assert {(p.line, p.reason.split()[0]) for p in agents.problems} == {(544, "code"), (1927, "agent")}


def test_discards_and_issues(phoenix_dir: Path) -> None:
    discards = read_discards(phoenix_dir / "Phoenix.discards.txt")
    assert len(discards.entries) == 506 and discards.problems == ()
    scopes = {e.words: e.scope for e in discards.entries}
    assert scopes[("World", "Golf", "Championships")] == "story"  # "+ World Golf ..." with a blank
    assert scopes[("MONTHS", "LATER")] == "sentence"
    assert sum(s == "story" for s in scopes.values()) == 64
    issues = read_issues(phoenix_dir / "Phoenix.IssueCoding.txt")
    assert len(issues.categories) == 52
    found = {(e.words, e.code) for e in issues.entries}
    assert (("pre-schools",), "EARLY_CHILDHOOD_EDUCATION") in found
    assert (("pre", "school"), "EARLY_CHILDHOOD_EDUCATION") in found
    assert any(e.ignore and e.words == ("a", "head", "start") for e in issues.entries)
    assert any(p.line == 1162 and "m:" in p.reason for p in issues.problems)


BROKEN_ACTORS = """\
# a comment
GOOD_ONE_  [AAA]
+GOOD_SYNONYM
\t[BBB 20100101-20111231]
\t[CCC 20100101-2011]
BAD_DATES [DDD 990230-991231]
\t[<090120]
ORPHAN_
BROKEN [EEE
LAST [FFF] [GGG >090120] trailing words
"""


def test_malformed_actor_file(tmp_path: Path) -> None:
    path = tmp_path / "broken.actors.txt"
    path.write_text("+SYNONYM_FIRST\n" + BROKEN_ACTORS, encoding="utf-8")
    result = read_actors(path)
    reasons: dict[int, str] = {}
    for problem in result.problems:
        assert problem.path == str(path)
        reasons[problem.line] = reasons.get(problem.line, "") + problem.reason + " | "
    assert set(reasons) == {1, 6, 7, 8, 9, 10, 11}
    assert "no actor entry" in reasons[1]
    assert "'2011'" in reasons[6] and "day is out of range" in reasons[7]
    assert "has no code" in reasons[8] and "unclosed" in reasons[10] and "trailing words" in reasons[11]
    good = _by_phrase(result, "GOOD_ONE")
    assert good.synonyms == (("GOOD", "SYNONYM"),)
    assert [c.code for c in good.codes] == ["AAA", "BBB"]
    assert code_on(good, date(2011, 6, 1)) == "BBB"
    last = _by_phrase(result, "LAST")
    assert code_on(last, date(2010, 1, 1)) == "GGG" and code_on(last, date(2000, 1, 1)) == "FFF"
    for waiting in ("BAD_DATES", "ORPHAN", "BROKEN"):
        assert _by_phrase(result, waiting).codes == last.codes
        assert "shares the codes of the next entry 'LAST'" in reasons[_by_phrase(result, waiting).line]


def test_malformed_agent_discard_and_issue_files(tmp_path: Path) -> None:
    agents_path = tmp_path / "broken.agents.txt"
    agents_path.write_text(
        "!PERSON! = MAN, WOMAN\n!BROKEN = X\nCHAIR!PERSON! [~GOV]\nSPY!NOPE! [~SPY]\nNOCODE\n"
        "LOBBY [GOV]\nCLERK {} [~GOV\nPOLICY {POLICIES [~GOV]\nBUS [~BUS]\n",
        encoding="utf-8",
    )
    agents = read_agents(agents_path)
    assert {p.line for p in agents.problems} == {2, 4, 5, 6, 7, 8}
    assert [e.phrase for e in agents.entries] == [("CHAIRMAN",), ("CHAIRWOMAN",), ("BUS",), ("BUSES",)]
    discards_path = tmp_path / "broken.discards.txt"
    discards_path.write_text("+\nFOOTBALL_\nOLD [###]\n", encoding="utf-8")
    discards = read_discards(discards_path)
    assert {p.line for p in discards.problems} == {1, 3}
    assert discards.entries[0].words == ("FOOTBALL",) and discards.entries[0].whole_word
    issues_path = tmp_path / "broken.issues.txt"
    issues_path.write_text('<ISSUE CATEGORY="X">\nno code\nv:raid [RAID]\n</ISSUE>\n', encoding="utf-8")
    issues = read_issues(issues_path)
    assert [p.line for p in issues.problems] == [2]
    assert {e.words[0] for e in issues.entries} == {"raid", "raids", "raided", "raiding"}
    assert all(e.category == "X" for e in issues.entries)


@pytest.mark.parametrize("reader", [read_actors, read_agents, read_discards, read_issues])
def test_missing_file_is_a_dictionary_error(tmp_path: Path, reader) -> None:
    with pytest.raises(DictionaryError, match="missing"):
        reader(tmp_path / "nope.txt")


def test_a_line_not_utf8_is_a_problem_and_utf8_entries_keep_matching(tmp_path: Path) -> None:
    """One \\xff byte used to make the whole file Latin-1, so 'MÜNSTERLAND' no longer matched 'Münsterland'."""
    path = tmp_path / "mixed.actors.txt"
    path.write_bytes("MÜNSTERLAND_ [DEU]\n".encode() + b"BAD\xffNAME_ [XXX]\n" + "CÔTE_D'IVOIRE_ [CIV]\n".encode())
    actors = read_actors(path)
    assert [e.phrase for e in actors.entries] == [("MÜNSTERLAND",), ("CÔTE", "D'IVOIRE")]
    [problem] = actors.problems
    assert (problem.path, problem.line) == (str(path), 2)
    assert "not valid UTF-8" in problem.reason and "0xff at column 4" in problem.reason
    found = longest_match(build_index([actors]), ["Münsterland"])
    assert found is not None and code_on(found[1], None) == "DEU"


_RNG = random.Random(12)
RANDOM_TEXTLESS = bytes(_RNG.randrange(1, 256) for _ in range(20000))  # random bytes without NUL
PROSE = "The government said on Monday that talks would resume.\nOfficials declined to comment further.\n"


@pytest.mark.parametrize("reader, kind, content", [
    (read_actors, "an actors dictionary", RANDOM_TEXTLESS), (read_agents, "an agents dictionary", RANDOM_TEXTLESS),
    (read_discards, "a discards list", RANDOM_TEXTLESS), (read_issues, "an issues list", RANDOM_TEXTLESS),
    (read_actors, "an actors dictionary", PROSE.encode()), (read_agents, "an agents dictionary", PROSE.encode()),
    (read_issues, "an issues list", PROSE.encode()),
])
def test_a_file_that_is_not_a_dictionary_is_one_error(tmp_path: Path, reader, kind: str, content: bytes) -> None:
    """Random bytes or prose are refused with the file's name and what the kind looks like, not read line by line."""
    path = tmp_path / "not.txt"
    path.write_bytes(content)
    with pytest.raises(DictionaryError) as raised:
        reader(path)
    message = str(raised.value)
    assert message.startswith(f"{path} is not {kind}: ") and "with lines like `" in message
    reason = "are not UTF-8 text" if content is RANDOM_TEXTLESS else "no entry could be read from its 2 lines"
    assert reason in message


@pytest.mark.parametrize("reader", [read_actors, read_agents, read_discards, read_issues])
def test_binary_file_says_what_a_dictionary_looks_like(tmp_path: Path, reader) -> None:
    path = tmp_path / "binary.txt"
    path.write_bytes(b"AFGHANISTAN_ [AFG]\n\x00\x01\x02")
    with pytest.raises(DictionaryError, match=r"binary.txt is not a dictionary: it holds NUL bytes .* lines like"):
        reader(path)


def test_utf16_file_is_named_as_utf16(tmp_path: Path) -> None:
    path = tmp_path / "wide.actors.txt"
    path.write_bytes("FRANCE_ [FRA]\n".encode("utf-16"))
    with pytest.raises(DictionaryError, match=r"is not a dictionary: it is UTF-16 text .*`iconv -f utf-16"):
        read_actors(path)
