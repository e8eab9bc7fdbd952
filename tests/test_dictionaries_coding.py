"""Actor codes from users' dictionaries: a folder is loaded, codes follow the document's date, agents are added."""

from __future__ import annotations

import json
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
