"""Coding with a user's dictionaries the PETRARCH way (sanderling.dictionaries.coding), on small dictionaries of our
own written in the PETRARCH-2 formats: positional patterns, slots, passives, negation, discards, nesting."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from sanderling.cli import app
from sanderling.coder import Coder
from sanderling.dictionaries.actor_codes import load_dictionaries
from sanderling.dictionaries.ontology import read_ontology

ACTORS = """\
ARNOR_ [ARN]
GONDOR_ [GON]
MORDOR_ [MOR]
ROHAN_ [ROH]
SENATE_ [USALEG]
"""
AGENTS = """\
SOLDIER_ [~MIL]
LAWMAKER_ [~LEG]
SENATE_ [~LEG]
GOVERNMENT_ [~GOV]
"""
VERBS = """\
&TIETYPES
+MILITARY
+ECONOMIC

--- ATTACK [190] ---
ATTACK
KILL
FIRE [193]

--- WITHDRAW [080] ---
WITHDRAW
- * FROM + [0874]
- SOLDIER * [0874]

--- HELP [070] ---
HELP

--- ASK [020] ---
ASK

--- RESTORE [050] ---
RESTORE
- * {&TIETYPES TIES} [051]

--- WARN [130] ---
WARN
- * (ABOUT +) [130]

--- RECEIVE [043] ---
RECEIVE
- * (FROM $) [042]

--- MEET [040:040] ---
MEET {MEETS MET MEETING}

--- SAY [010] ---
SAY {SAYS SAID SAYING}

--- WANT [030] ---
WANT

--- PROTEST [140] ---
PROTEST

~ a (b . ATTACK) SAY = a b 112
"""
DISCARDS = "TYPHOON_\nFLOOD\n"
ONTOLOGY = """\
010:0x1000#Statement
015:0x10a0
020:0x2000#Appeal
023:0x2040
030:0x3000#Intend
033:0x3040
050:0x0080#Diplomatic cooperation
070:0x0040#Aid
110:0x1007f#0xFFFF+0x0080#Disapprove
112:0x70a0
190:0x00A0#Fight
193:0x00A3
"""


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("dictionaries")
    for name, text in [("Test.actors.txt", ACTORS), ("Test.agents.txt", AGENTS), ("Test.verbs.txt", VERBS),
                       ("Test.discards.txt", DISCARDS), ("Test.Internal.Coding.Ontology.txt", ONTOLOGY)]:
        (path / name).write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def replace(folder, coder) -> Coder:
    return Coder(coder.nlp, dictionaries=folder, dictionaries_mode="replace")


def triples(coder: Coder, text: str) -> set[tuple[str | None, str | None, str | None]]:
    return {(e.source.code, e.target.code if e.target else None, e.cameo) for e in coder.code(text)}


def test_subject_object_and_default_code(replace):
    assert triples(replace, "Arnor attacked Gondor on Monday.") == {("ARN", "GON", "190")}


def test_noun_phrase_pattern_needs_its_modifier(replace):
    assert triples(replace, "Arnor restored economic ties with Gondor.") == {("ARN", "GON", "051")}
    assert triples(replace, "Arnor restored ties with Gondor.") == {("ARN", "GON", "050")}  # block default


def test_target_slot_in_a_prepositional_phrase(replace):
    """`(ABOUT +)`: the target is what the warning is about, not the one warned."""
    assert triples(replace, "Arnor warned Rohan about Mordor.") == {("ARN", "MOR", "130")}


def test_source_slot_turns_the_roles(replace):
    """`(FROM $)`: the one received from acts; the subject is the target."""
    assert triples(replace, "Rohan received envoys from Gondor.") == {("GON", "ROH", "042")}


def test_passive_by_agent_and_agentless(replace):
    assert triples(replace, "Gondor was attacked by Mordor.") == {("MOR", "GON", "190")}
    assert ("MOR", "GON", "190") in triples(replace, "Gondor protested and was attacked by Mordor.")


def test_agents_join_the_country_of_their_phrase(replace):
    assert triples(replace, "Lawmakers in Arnor and Gondor attacked Mordor.") == {
        ("ARNLEG", "MOR", "190"), ("GONLEG", "MOR", "190")}
    assert triples(replace, "Soldiers from Gondor attacked Mordor.") == {("GONMIL", "MOR", "190")}


def test_whose_senate_and_agents_inside_adjectives(replace):
    """A country's Senate is its legislature (the agent), not the Senate the actors file means; an agent inside a
    modifying adjective ("government-held") does not make the phrase a government."""
    assert triples(replace, "Rohan's Senate attacked Mordor.") == {("ROHLEG", "MOR", "190")}
    assert triples(replace, "The Senate attacked Mordor.") == {("USALEG", "MOR", "190")}
    assert triples(replace, "Mordor attacked a government-held part of Gondor.") == {("MOR", "GON", "190")}


def test_negation_through_the_coding_ontology(replace, folder):
    ontology = read_ontology(folder / "Test.Internal.Coding.Ontology.txt")
    assert ontology.negate("110") == "050" and ontology.negate("050") == "110"
    assert triples(replace, "Arnor did not restore ties with Gondor.") == {("ARN", "GON", "110")}


def test_discarded_sentence_is_not_coded(replace):
    assert triples(replace, "Arnor attacked Gondor after a typhoon.") == set()
    assert triples(replace, "Arnor attacked Gondor. Rohan attacked Mordor after the floods.") == {
        ("ARN", "GON", "190")}  # a stem ("FLOOD") matches "floods"; "TYPHOON_" is a whole word only
    assert triples(replace, "Arnor attacked Gondor after the typhoons.") == {("ARN", "GON", "190")}


def test_paired_codes_symmetric_or_active_passive(folder, coder, replace):
    assert triples(replace, "Arnor met Gondor on Monday.") == {("ARN", "GON", "040"), ("GON", "ARN", "040")}
    petrarch2 = Coder(coder.nlp, dictionaries=folder, dictionaries_mode="replace", paired_codes="active-passive")
    assert triples(petrarch2, "Arnor met Gondor on Monday.") == {("ARN", "GON", "040")}


def test_events_about_events(replace):
    """A transformation recodes `a SAYs (b ATTACKed c)` as a accusing b; without one, the inner event stands when
    the source is the same, the outer one when it is someone else's act."""
    assert triples(replace, "Arnor said that Mordor attacked Gondor.") == {("ARN", "MOR", "112")}
    assert triples(replace, "Arnor wants to attack Gondor.") == {("ARN", "GON", "190")}


@pytest.fixture(scope="module")
def combine(folder, coder) -> Coder:
    return Coder(coder.nlp, dictionaries=folder, dictionaries_mode="replace", nested_codes="combine")


def test_code_arithmetic_of_the_coding_ontology(folder):
    """PETRARCH-2's sums: an outer verb's value plus the inner one's; of two high-level verbs the inner stands."""
    ontology = read_ontology(folder / "Test.Internal.Coding.Ontology.txt")
    assert ontology.combine("030", "070") == "033" and ontology.combine("020", "070") == "023"
    assert ontology.combine("010", "030") == "030"  # "said it wants": the intent
    assert ontology.combine("030", "190") is None  # 0x30A0 names no code in this ontology
    assert ontology.value("0231") == 0x2000 and ontology.value("0911") is None  # an unlisted code takes its root's
    assert ontology.value("193") == 0xA3
    assert ontology.masks(0xA3) == (0xA3, 0xA0, 0)


def test_combined_codes_for_events_about_events(combine):
    """`nested_codes="combine"`: one event per pair, its code the sum of the two verbs' codes."""
    assert triples(combine, "Arnor wants to help Gondor.") == {("ARN", "GON", "033")}
    assert triples(combine, "Rohan asked Arnor to help Gondor.") == {("ROH", "ARN", "023")}
    assert triples(combine, "Arnor wants to attack Gondor.") == set()  # no code for "intend to fight" here


def test_transformations_match_verbs_by_code(combine):
    """SAY is any statement code and ATTACK any fighting code (FIRE is 193, under 190), as PETRARCH-2 matches them;
    a passive's source is its `from` phrase and a pronoun stands for the subject above."""
    assert triples(combine, "Arnor said that Mordor attacked Gondor.") == {("ARN", "MOR", "112")}
    assert triples(combine, "Arnor said a rocket was fired at it from Mordor.") == {("ARN", "MOR", "112")}


def test_only_main_clause_events_when_combining(combine, replace):
    """A report after its quote is not an event about it; a verb with a target of its own is one event, its clauses
    are not read; a noun described by a past participle is what the verb was done to."""
    assert triples(combine, "Arnor attacked Gondor, Rohan said.") == {("ARN", "GON", "190")}
    assert triples(combine, "Arnor helped Gondor after soldiers attacked Mordor.") == {("ARN", "GON", "070")}
    assert ("---MIL", "MOR", "190") in triples(replace, "Arnor helped Gondor after soldiers attacked Mordor.")
    assert triples(combine, "There were Gondor soldiers killed in Mordor.") == {("MOR", "GONMIL", "190")}


def test_a_clause_with_no_code_names_the_target(combine):
    """"said that Gondor was weak": the inner verb has no code and adds nothing, so the statement is about Gondor; a
    noun described by a participle takes the actor of its `in`/`from`/`by` phrase ("a report released in Rohan")."""
    assert triples(combine, "Arnor said that Gondor was weak.") == {("ARN", "GON", "010")}
    assert triples(combine, "A report released in Rohan said that Mordor was weak.") == {("ROH", "MOR", "010")}


def test_pattern_words_are_noun_phrase_words_when_combining(combine, replace):
    """PETRARCH-2 matches a pattern's words on noun phrases: a bare FROM is not the preposition, and before `*` only
    the subject's own words count, not its `of` phrase."""
    assert triples(replace, "Arnor withdrew from Gondor.") == {("ARN", "GON", "0874")}
    assert triples(combine, "Arnor withdrew from Gondor.") == {("ARN", "GON", "080")}
    assert triples(replace, "Hundreds of Arnor soldiers withdrew from Gondor.") == {("ARNMIL", "GON", "0874")}
    assert triples(combine, "Hundreds of Arnor soldiers withdrew from Gondor.") == {("ARNMIL", "GON", "080")}


def test_combine_needs_an_ontology(coder, tmp_path):
    (tmp_path / "Test.verbs.txt").write_text(VERBS, encoding="utf-8")
    (tmp_path / "Test.actors.txt").write_text(ACTORS, encoding="utf-8")
    with pytest.raises(ValueError, match="ontology"):
        Coder(coder.nlp, dictionaries=tmp_path, dictionaries_mode="replace", nested_codes="combine")
    result = CliRunner().invoke(app, ["code", "-", "--dictionaries", str(tmp_path), "--nested-codes", "combine"],
                                input="Arnor attacked Gondor.")
    assert result.exit_code == 2 and "ontology" in result.output


def test_require_dyad_false_keeps_one_sided_events(folder, coder, replace):
    """PETRARCH's `require_dyad` option (the validation suite sets it per record): off, a source alone is coded."""
    assert triples(replace, "Arnor protested on Monday.") == set()
    one_sided = Coder(coder.nlp, dictionaries=folder, dictionaries_mode="replace", require_dyad=False)
    assert triples(one_sided, "Arnor protested on Monday.") == {("ARN", None, "140")}
    assert triples(one_sided, "Arnor attacked Gondor on Monday.") == {("ARN", "GON", "190")}


def test_merge_keeps_the_built_in_coder(folder, coder, replace):
    merged = Coder(coder.nlp, dictionaries=folder)
    text = "Arnor restored economic ties with Gondor. Iran attacked Iraq with missiles on Monday."
    assert [(e.sentence, e.event_type, e.source.code, e.target.code if e.target else None)
            for e in merged.code(text)] == [(1, "SUPPORT", "ARN", "GON"), (2, "ASSAULT", "IRN", "IRQ")]
    assert triples(replace, text) == {("ARN", "GON", "051")}  # Iran is in neither the dictionary nor `replace`
    [event] = replace.code("Arnor restored economic ties with Gondor.")
    assert event.trigger.text == "restored" and event.source.text == "Arnor"
    assert event.event_type == "SUPPORT"  # CAMEO 051 (praise, endorse)


def test_statements_have_no_plover_type(replace):
    [event] = replace.code("Arnor said that the talks with Gondor went well.")
    assert event.cameo == "010" and event.event_type is None
    assert json.loads(json.dumps(event.to_dict()))["event_type"] is None


def test_bad_mode_is_a_clear_error(folder, coder):
    with pytest.raises(ValueError, match="merge"):
        Coder(coder.nlp, dictionaries=folder, dictionaries_mode="both")
    result = CliRunner().invoke(app, ["code", "-", "--dictionaries", str(folder), "--dictionaries-mode", "both"],
                                input="Arnor attacked Gondor.")
    assert result.exit_code == 2 and "merge or replace" in result.output


def test_cli_paired_codes_and_nested_codes(folder):
    """The Coder's PETRARCH-2 options on the command line."""
    def run(*options: str, text: str) -> set[tuple[str, str, str]]:
        result = CliRunner().invoke(app, ["code", "-", "--format", "jsonl", "--dictionaries", str(folder),
                                          "--dictionaries-mode", "replace", *options], input=text)
        assert result.exit_code == 0, result.output
        records = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
        return {(r["source"]["code"], r["target"]["code"], r["cameo"]) for r in records}

    assert run(text="Arnor met Gondor.") == {("ARN", "GON", "040"), ("GON", "ARN", "040")}
    assert run("--paired-codes", "active-passive", text="Arnor met Gondor.") == {("ARN", "GON", "040")}
    assert run("--nested-codes", "combine", text="Arnor wants to help Gondor.") == {("ARN", "GON", "033")}
    bad = CliRunner().invoke(app, ["code", "-", "--dictionaries", str(folder), "--paired-codes", "both"],
                             input="Arnor met Gondor.")
    assert bad.exit_code == 2 and "active-passive" in bad.output


def test_cli_replace_mode(folder):
    result = CliRunner().invoke(app, ["code", "-", "--format", "jsonl", "--dictionaries", str(folder),
                                      "--dictionaries-mode", "replace"], input="Arnor attacked Gondor.")
    assert result.exit_code == 0, result.output
    [record] = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    assert (record["source"]["code"], record["target"]["code"], record["cameo"]) == ("ARN", "GON", "190")


def test_loading_reports_what_it_read(folder):
    loaded = load_dictionaries(folder)
    assert loaded.ontology is not None and len(loaded.discards) == 2
    assert any(f.endswith("Test.discards.txt") for f in loaded.files)


def test_problems_warn_a_few_and_the_cli_lists_all(tmp_path, caplog):
    """A folder with many bad lines warns with the first few and a count; `sanderling dictionaries` lists every
    one with its file and line."""
    bad = "".join(f"BROKEN_{k} [~ENV}}\n" for k in range(8))  # a code bracket closed with the wrong brace
    (tmp_path / "Test.agents.txt").write_text("SOLDIER_ [~MIL]\n" + bad, encoding="utf-8")
    with caplog.at_level("WARNING", logger="sanderling.dictionaries"):
        loaded = load_dictionaries(tmp_path)
    assert len(loaded.problems) == 8 and ("soldier",) in loaded.agents  # the good line is read
    warned = [r.getMessage() for r in caplog.records]
    assert len(warned) == 6 and "3 more lines" in warned[-1] and "Test.agents.txt:2:" in warned[0]
    result = CliRunner().invoke(app, ["dictionaries", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert [p["line"] for p in report["problems"]] == list(range(2, 10))
    assert report["counts"]["problems"] == 8
    missing = CliRunner().invoke(app, ["dictionaries", str(tmp_path / "nowhere")])
    assert missing.exit_code == 1 and "does not exist" in missing.output
