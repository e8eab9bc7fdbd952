"""The Phoenix non-state armed groups (knowledge/data/groups.tsv), read below organisations.tsv."""

import importlib.util
from pathlib import Path

import pytest

from sanderling.actors import find_actors
from sanderling.annotate import load_pipeline
from sanderling.knowledge import organisations, tables

ROOT = Path(__file__).resolve().parents[1]
PHOENIX = ROOT.parent / "shared" / "data" / "petrarch2" / "phoenix-dictionaries"


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def _script():
    spec = importlib.util.spec_from_file_location("make_groups", ROOT / "scripts" / "make_groups.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_table_loads_with_source_and_licence():
    text = organisations.GROUPS.read_text("utf-8")
    assert "MIT" in text and "LICENSE-phoenix.txt" in text  # the header names the licence
    assert (organisations.GROUPS.parent / "LICENSE-phoenix.txt").is_file()
    rows = tables.read_table(organisations.GROUPS, required=organisations.COLUMNS)
    assert 400 < len(rows) < 1021  # Phoenix has 1,021 entries: some name no country, some only common words
    assert all(r["source"].startswith("Phoenix.MilNonState.actors.txt:") and r["source"].split(":")[1].isdigit()
               for r in rows)
    assert all(r["country"] and r["sector"] == "REB" for r in rows)


def test_groups_match_below_organisations():
    group = organisations.match_organisation("Aden Abyan Islamic Army")
    assert (group.country, group.sector) == ("YEM", "REB")
    assert organisations.match_organisation("the aden abyan islamic army") is group  # longer names fold case
    assert organisations.match_organisation("AAIA") is group  # a parenthesised acronym is an alias
    assert organisations.match_organisation("aaia") is None  # acronyms are case-sensitive
    # a transnational group: IMG, REB
    assert (organisations.match_organisation("Jemaah Islamiyah").country, "REB") == ("IMG", "REB")
    # organisations.tsv wins: its Hezbollah is LBN/REB, and Phoenix's group of that name is not read again
    assert organisations.match_organisation("Hezbollah") in organisations.organisations()
    names = {f.lower() for o in organisations.organisations() for f in (o.name, *o.aliases)}
    assert not any(f.lower() in names for g in organisations.groups() for f in (g.name, *g.aliases))


def test_common_words_and_regions_are_not_groups():
    for word in ("Youth", "YOUTH", "youth", "Tigers", "Zero", "Falcon", "Organization", "Contras", "CAR", "May 15",
                 "Red Line", "The Foundation", "Revolutionary Army", "Anarchist Faction"):
        assert organisations.match_organisation(word) is None, word
    assert all(len(g.country) == 3 and g.country not in {"KKL", "INT", "MEA", "SAS", "EUR"}
               for g in organisations.groups())


def test_named_rebel_group_attacking_is_a_rebel_actor(nlp):
    doc = nlp("Fighters of the Armed Islamic Group attacked a police post near the coast on Tuesday.")
    mentions = [m for m in find_actors(doc) if "Armed Islamic Group" in m.text]
    assert mentions and (mentions[0].country, mentions[0].sector) == ("DZA", "REB")


def test_common_word_alias_is_no_actor(nlp):
    doc = nlp("The youth of the village planted trees, and a falcon circled over the tigers at the zoo.")
    assert all(m.country is None for m in find_actors(doc) if m.text.lower() in {"the youth", "a falcon",
                                                                                    "the tigers"})


def test_generator_reproduces_the_shipped_table(tmp_path):
    if not (PHOENIX / "Phoenix.MilNonState.actors.txt").is_file():
        pytest.skip(f"{PHOENIX} is not present (shared/ is not beside the checkout): cannot regenerate groups.tsv")
    out = tmp_path / "groups.tsv"
    assert _script().main([str(PHOENIX), "--output", str(out)]) == 0
    assert out.read_text("utf-8") == organisations.GROUPS.read_text("utf-8")
