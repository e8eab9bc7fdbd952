"""Actor codes from users' dictionaries: a folder is loaded, codes follow the document's date, agents are added."""

from __future__ import annotations

import json
import random
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanderling.cli import app
from sanderling.coder import Coder
from sanderling.dictionaries import DictionaryError
from sanderling.dictionaries.actor_codes import dictionary_code, load_dictionaries

PHOENIX = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2" / "phoenix-dictionaries"

ACTORS = """\
FRANCE_ [FRA]
+FRENCH_
EMMANUEL_MACRON_ [FRAELI <170513] [FRAGOV >170514]
"""
AGENTS = """\
SOLDIER_ [~MIL]
FOREIGN_MINISTER_ [~GOV]
"""


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "Test.actors.txt").write_text(ACTORS, encoding="utf-8")
    (tmp_path / "Test.agents.txt").write_text(AGENTS, encoding="utf-8")
    return tmp_path


def test_codes_follow_the_date_and_agents(folder):
    ds = load_dictionaries(folder)
    assert dictionary_code(ds, ["Emmanuel", "Macron"], date(2020, 1, 1)) == "FRAGOV"
    assert dictionary_code(ds, ["Emmanuel", "Macron"], date(2015, 1, 1)) == "FRAELI"
    assert dictionary_code(ds, ["French", "soldiers"], None) == "FRAMIL"  # synonym + plural agent
    assert dictionary_code(ds, ["Iranian", "soldiers"], None, country="IRN") == "IRNMIL"  # agent on our country
    assert dictionary_code(ds, ["the", "weather"], None) is None


def test_missing_or_empty_folder_is_a_clear_error(tmp_path):
    with pytest.raises(DictionaryError, match="does not exist"):
        load_dictionaries(tmp_path / "nowhere")
    with pytest.raises(DictionaryError, match="no actor or agent dictionaries"):
        load_dictionaries(tmp_path)


def test_coder_gives_dictionary_codes(folder, coder):
    dict_coder = Coder(coder.nlp, dictionaries=folder)
    [event] = [e for e in dict_coder.code("French President Emmanuel Macron visited Germany on Monday.",
                                          date="2021-03-01") if e.event_type == "CONSULT"]
    assert event.source.code == "FRAGOV" and event.source.country == "FRA"
    assert event.target.code == "DEU"  # no dictionary phrase: the coder's own code


def test_cli_dictionaries_option(folder, tmp_path):
    text = tmp_path / "a.txt"
    text.write_text("French soldiers attacked rebel positions in Mali on Monday.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(text), "--date", "2021-03-01", "-f", "jsonl",
                                      "--dictionaries", str(folder)])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert [(e["event_type"], e["source"]["code"], e["target"]["country"], e["factuality"], e["date"])
            for e in events] == [("ASSAULT", "FRAMIL", "MLI", "asserted", "2021-03-01")]
    bad = CliRunner().invoke(app, ["code", str(text), "--dictionaries", str(tmp_path / "none")])
    assert bad.exit_code == 1 and "does not exist" in bad.stderr


def test_phoenix_dictionaries_on_real_names(coder):
    if not PHOENIX.is_dir():
        pytest.skip(f"{PHOENIX} is not present (shared/ is not beside the checkout)")
    ds = load_dictionaries(PHOENIX)
    assert dictionary_code(ds, ["Barack", "Obama"], date(2010, 5, 1)) == "USAGOV"
    assert dictionary_code(ds, ["Benjamin", "Netanyahu"], date(2010, 1, 1)).startswith("ISR")
    assert dictionary_code(ds, ["the", "Israeli", "army"], None) == "ISRMIL"


def test_cli_refuses_a_file_for_the_folder_and_a_file_that_is_not_a_dictionary(folder, tmp_path):
    """`--dictionaries FILE` used to say the folder does not exist; a random-bytes verbs file gave exit 0 and
    hundreds of warnings. Each is now one line naming the file (not the input) and saying what to give."""
    text = tmp_path / "a.txt"
    text.write_text("French soldiers attacked rebel positions in Mali on Monday.\n", encoding="utf-8")
    as_file = CliRunner().invoke(app, ["code", str(text), "--dictionaries", str(folder / "Test.actors.txt")])
    assert as_file.exit_code == 1
    assert as_file.stderr.startswith(f"error: the dictionary folder '{folder / 'Test.actors.txt'}' is a file, not a "
                                     f"folder; give the folder that holds the dictionary files")
    assert repr(str(folder)) in as_file.stderr and "does not exist" not in as_file.stderr
    rng = random.Random(3)
    (folder / "Test.verbs.txt").write_bytes(bytes(rng.randrange(1, 256) for _ in range(20000)))
    not_dictionary = CliRunner().invoke(app, ["code", str(text), "--dictionaries", str(folder)])
    assert not_dictionary.exit_code == 1
    assert not_dictionary.stderr.startswith(f"error: {folder / 'Test.verbs.txt'} is not a verbs dictionary: ")
    assert len(not_dictionary.stderr.splitlines()) == 1


def test_plover_output_of_a_dictionary_statement_has_no_null_event(tmp_path):
    """A dictionary event coded CAMEO 010 ("said") has no PLOVER type (PLOVER drops statements); `-f plover` wrote
    it as `"event": [null]`. It is now `"event": []` with `has_event` false and its CAMEO code kept."""
    folder = tmp_path / "dictionaries"
    folder.mkdir()
    (folder / "T.actors.txt").write_text("FRANCE_ [FRA]\nGERMANY_ [DEU]\n", encoding="utf-8")
    (folder / "T.verbs.txt").write_text("--- SAY [010] ---\nSAY {SAYS SAID SAYING}\n\n--- ATTACK [190] ---\nATTACK\n",
                                        encoding="utf-8")
    text = tmp_path / "t.txt"
    text.write_text("France said Germany would attack Poland. France attacked Germany.\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["code", str(text), "-f", "plover", "--dictionaries", str(folder),
                                      "--dictionaries-mode", "replace"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(r["cameo"], r["event"], r["has_event"]) for r in records] == [("010", [], False),
                                                                          ("190", ["ASSAULT"], True)]
