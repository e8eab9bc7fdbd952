"""The context stage: datelines read as metadata, the focus country given to actors of no country, visitors, and
'both sides' / 'each other' after two named parties. Every sentence here is written for this file."""

from __future__ import annotations

import pytest

from sanderling import actors, context
from sanderling.context import find_dateline

DAY = "2024-03-04"


def coded(coder, text: str, date: str = DAY) -> set[tuple[str, str | None, str | None, str]]:
    return {(e.event_type, e.source.country, e.target.country if e.target is not None else None, e.factuality)
            for e in coder.code(text, date=date)}


def mentions_of(coder, text: str):
    """The document, (start char, text, country) of its mentions before the context stage (which fills mentions in
    place), the context read, and the mentions after it."""
    doc = coder.nlp(text)
    found = actors.find_actors(doc, None, day=None)
    before = [(doc[m.start].idx, m.span.text, m.country) for m in found]
    ctx = context.read_context(doc, found)
    after = list(context.apply_context(doc, found, ctx))
    return doc, before, ctx, after


# --- find_dateline ----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text,dateline,place,country,agency,day", [
    ("NAIROBI, March 3 (Reuters) - Police dispersed the crowd.", "NAIROBI, March 3 (Reuters) - ",
     "NAIROBI", "KEN", "Reuters", "March 3"),
    ("KYIV (AP) \u2014 The mayor opened a new bridge.", "KYIV (AP) \u2014 ", "KYIV", "UKR", "AP", None),
    ("MINSK, Belarus (AP) - A court fined a blogger.", "MINSK, Belarus (AP) - ", "MINSK, Belarus", "BLR", "AP", None),
    ("BEIJING, Jan. 5 (Xinhua) -- The ministry issued a statement.", "BEIJING, Jan. 5 (Xinhua) -- ",
     "BEIJING", "CHN", "Xinhua", "Jan. 5"),
    ("Havana, Cuba.- The government freed ten prisoners.", "Havana, Cuba.- ", "Havana, Cuba", "CUB", None, None),
    ("(AP) Polish farmers blocked a road.", "(AP) ", "", None, "AP", None),
    ("BERLIN: The chancellor met union leaders.", "BERLIN: ", "BERLIN", "DEU", None, None),
    ("Managua (AFP) - Police detained a priest.", "Managua (AFP) - ", "Managua", "NIC", "AFP", None),
])
def test_dateline_forms(text, dateline, place, country, agency, day):
    found = find_dateline(text)
    assert found is not None
    assert (found.text, found.place, found.country, found.agency, found.day) == (dateline, place, country, agency, day)
    assert found.end_char == len(dateline)
    assert text[found.end_char:] == text[len(dateline):]  # the story starts right after it


def test_dateline_end_offsets_are_exact():
    assert find_dateline("NAIROBI, March 3 (Reuters) - Police dispersed the crowd.").end_char == 29
    assert find_dateline("KYIV (AP) \u2014 The mayor opened a new bridge.").end_char == 12
    assert find_dateline("(AP) Polish farmers blocked a road.").end_char == 5
    assert find_dateline("BERLIN: The chancellor met union leaders.").end_char == 8


@pytest.mark.parametrize("text", [
    "Iran seized a tanker.",
    "The (UN) said aid had arrived.",
    "Ukraine: Russia attacked the port overnight.",
    "Ukraine - Russia said it would talk.",
    "The minister - a former general - resigned.",
    "In March, police arrested five men.",
    "",
])
def test_ordinary_first_sentences_are_not_datelines(text):
    assert find_dateline(text) is None


# --- read_context / apply_context -------------------------------------------------------------------------------


def test_dateline_mentions_are_dropped_and_give_the_focus(coder):
    text = "CAIRO (AP) \u2014 Security forces arrested 19 journalists on Sunday."
    doc, before, ctx, after = mentions_of(coder, text)
    end = len("CAIRO (AP) \u2014 ")
    assert ctx.dateline is not None and ctx.dateline.end_char == end
    assert any(start < end for start, _, _ in before)  # the actor finder took "CAIRO (AP)" for an actor
    assert all(doc[m.start].idx >= end for m in after)
    assert ctx.focus == "EGY"
    filled = {m.span.text: (m.country, m.country_from) for m in after}
    assert filled == {"Security forces": ("EGY", "context"), "19 journalists": ("EGY", "context")}


def test_no_country_named_no_focus(coder):
    _, _, ctx, after = mentions_of(coder, "The opposition accused the government of rigging the vote on Monday.")
    assert ctx.dateline is None and ctx.focus is None and ctx.weights == {}
    assert all(m.country is None for m in after)


def test_focus_is_the_country_named_most(coder):
    text = ("KAMPALA, Uganda (Reuters) - Ugandan soldiers killed five rebels on Monday. "
            "Kenyan police arrested two journalists.")
    _, _, ctx, after = mentions_of(coder, text)
    assert ctx.focus == "UGA"
    assert ctx.weights["UGA"] > ctx.weights["KEN"] > 0
    by_text = {m.span.text: m.country for m in after}
    assert by_text["Kenyan police"] == "KEN"  # its own words place it; never overwritten
    assert by_text["five rebels"] == "UGA"


@pytest.mark.parametrize("text", [
    "NAIROBI, March 3 (Reuters) - Police arrested 40 students on Monday.",
    "CAIRO (AP) \u2014 Security forces arrested 19 journalists on Sunday.",
    "WASHINGTON (Reuters) - President Joe Biden met Japanese Prime Minister Fumio Kishida on Monday.",
    "BEIJING, Jan. 5 (Xinhua) -- China condemned Japan on Monday.",
    "(AP) Polish police detained two Belarusian activists on Monday.",
    "MINSK, Belarus (AP) - A court jailed an opposition activist on Monday.",
])
def test_a_dateline_is_never_an_actor(coder, text):
    end = find_dateline(text).end_char
    events = coder.code(text, date=DAY)
    assert events  # each of these stories reports one event
    for e in events:
        for actor in (e.source, e.target):
            if actor is not None and actor.start is not None:
                assert actor.start >= end, (actor.text, text)


def test_dateline_stories_are_coded_exactly(coder):
    assert coded(coder, "NAIROBI, March 3 (Reuters) - Police arrested 40 students on Monday.") == {
        ("COERCE", "KEN", "KEN", "asserted")}
    assert coded(coder, "BEIJING, Jan. 5 (Xinhua) -- China condemned Japan on Monday.") == {
        ("ACCUSE", "CHN", "JPN", "asserted")}
    assert coded(coder, "(AP) Polish police detained two Belarusian activists on Monday.") == {
        ("COERCE", "POL", "BLR", "asserted")}
    assert coded(coder, "MINSK, Belarus (AP) - A court jailed an opposition activist on Monday.") == {
        ("SANCTION", "BLR", "BLR", "asserted")}


def test_actors_of_no_country_take_the_focus_country(coder):
    assert coded(coder, "CAIRO (AP) \u2014 Security forces arrested 19 journalists on Sunday.") == {
        ("COERCE", "EGY", "EGY", "asserted")}
    assert coded(coder, "Cuban police detained a dissident on Monday. Security forces also arrested two journalists.") \
        == {("COERCE", "CUB", "CUB", "asserted")}
    assert coded(coder, "Venezuelan President Nicolas Maduro called early elections on Monday. "
                        "The opposition accused the government of fraud.") == {("ACCUSE", "VEN", "VEN", "asserted")}


def test_without_a_named_country_nothing_is_filled(coder):
    assert coded(coder, "The opposition accused the government of rigging the vote on Monday.") == {
        ("ACCUSE", None, None, "asserted")}


def test_an_actor_the_text_places_elsewhere_keeps_its_country(coder):
    story = "KAMPALA, Uganda (Reuters) - Ugandan soldiers killed five rebels on Monday. "
    assert coded(coder, story + "Kenyan police arrested two journalists.") == {
        ("ASSAULT", "UGA", "UGA", "asserted"), ("COERCE", "KEN", "UGA", "asserted")}
    assert coded(coder, story + "Police in Kenya arrested two Ugandan journalists.") == {
        ("ASSAULT", "UGA", "UGA", "asserted"), ("COERCE", "KEN", "UGA", "asserted")}


def test_a_visiting_official_takes_the_other_country(coder):
    """An official the knowledge does not know, visiting the focus country: the guest is from the other country."""
    text = ("Argentina's president met Chilean officials on Monday. "
            "Foreign Minister Ana Berenguer visited Argentina on Tuesday.")
    _, before, ctx, after = mentions_of(coder, text)
    assert ctx.focus == "ARG"
    assert [c for _, t, c in before if t == "Foreign Minister Ana Berenguer"] == [None]
    assert [(m.country, m.country_from) for m in after if m.span.text == "Foreign Minister Ana Berenguer"] == [
        ("CHL", "context")]
    assert coded(coder, text) == {("CONSULT", "ARG", "CHL", "asserted"), ("CONSULT", "CHL", "ARG", "asserted")}


def test_both_sides_is_one_event_per_party(coder):
    text = "Armenia and Azerbaijan held talks on Monday. Both sides urged Russia to withdraw its troops."
    assert coded(coder, text) == {("CONSULT", "ARM", "AZE", "asserted"), ("CONSULT", "AZE", "ARM", "asserted"),
                                  ("REQUEST", "ARM", "RUS", "asserted"), ("REQUEST", "AZE", "RUS", "asserted")}
    assert coded(coder, "Peruvian and Chilean ministers met on Monday. Both sides accused Bolivia of spying.") == {
        ("CONSULT", "PER", "CHL", "asserted"), ("CONSULT", "CHL", "PER", "asserted"),
        ("ACCUSE", "PER", "BOL", "asserted"), ("ACCUSE", "CHL", "BOL", "asserted")}


def test_the_two_countries_is_one_event_per_party(coder):
    assert coded(coder, "Peru and Chile held talks on Monday. The two countries condemned Bolivia.") == {
        ("CONSULT", "PER", "CHL", "asserted"), ("CONSULT", "CHL", "PER", "asserted"),
        ("ACCUSE", "PER", "BOL", "asserted"), ("ACCUSE", "CHL", "BOL", "asserted")}


def test_both_sides_after_a_meeting_place(coder):
    assert coded(coder, "Serbia and Kosovo held talks in Brussels on Monday. Both sides condemned Russia.") == {
        ("CONSULT", "SRB", "KOS", "asserted"), ("CONSULT", "KOS", "SRB", "asserted"),
        ("ACCUSE", "SRB", "RUS", "asserted"), ("ACCUSE", "KOS", "RUS", "asserted")}


def test_accused_each_other_gives_both_directions(coder):
    assert coded(coder, "Armenia and Azerbaijan accused each other of starting the fighting on Monday.") == {
        ("ACCUSE", "ARM", "AZE", "asserted"), ("ACCUSE", "AZE", "ARM", "asserted")}
    assert coded(coder, "Peru and Chile held talks on Monday. Both sides accused each other of spying.") == {
        ("CONSULT", "PER", "CHL", "asserted"), ("CONSULT", "CHL", "PER", "asserted"),
        ("ACCUSE", "PER", "CHL", "asserted"), ("ACCUSE", "CHL", "PER", "asserted")}


def test_the_two_countries_accused_each_other(coder):
    assert coded(coder, "Peru and Chile held talks on Monday. The two countries accused each other of spying.") == {
        ("CONSULT", "PER", "CHL", "asserted"), ("CONSULT", "CHL", "PER", "asserted"),
        ("ACCUSE", "PER", "CHL", "asserted"), ("ACCUSE", "CHL", "PER", "asserted")}


def test_a_dateline_the_parser_joins_to_the_first_phrase_is_trimmed_off(coder):
    """The parser can attach "LAKE CHAD -" to the first noun phrase; the phrase after it is still the actor."""
    text = "LAKE CHAD - Nigerien and Chadian troops fought a battle with smugglers on Monday."
    assert {(t, s) for t, s, _, _ in coded(coder, text)} == {("ASSAULT", "NER"), ("ASSAULT", "TCD")}


def test_each_side_blaming_the_other_of_one_country(coder):
    """Two named parties of one state: one accusation each way, both domestic."""
    text = ("Talks between Kenyan President Daniel Mwangi and opposition leader Joseph Otieno collapsed, "
            "with each side blaming the other.")
    accusations = [e for e in coder.code(text, date=DAY) if e.event_type == "ACCUSE"]
    assert [(e.source.country, e.target.country) for e in accusations] == [("KEN", "KEN"), ("KEN", "KEN")]


def test_a_journey_in_someone_elses_clause_is_not_the_speakers(coder):
    """'stated that the freed men arrived in Doha': the minister did not travel, so he keeps the focus country."""
    text = ("Qatar hosted talks between Sudan and Chad on Monday. A senior minister stated that the freed men "
            "arrived in Doha on Sunday.")
    _, _, ctx, after = mentions_of(coder, text)
    assert ctx.focus == "QAT"
    assert [m.country for m in after if m.span.text == "A senior minister"] == ["QAT"]


def test_the_state_of_opening_a_sentence_is_the_country(coder):
    assert coded(coder, "The State of Qatar condemned Israel on Monday.") == {("ACCUSE", "QAT", "ISR", "asserted")}


def test_a_subject_the_parser_hangs_on_the_dateline_is_still_the_subject(coder):
    """'Lima (AFP) - A Peruvian court sentenced ...': the parser makes the court an apposition of the dateline's
    place; the court is the one who sentenced."""
    assert coded(coder, "Lima (AFP) - A Peruvian court on Monday sentenced an opposition leader to ten years.") == {
        ("SANCTION", "PER", "PER", "asserted")}


def test_conjoined_subjects_the_parser_hangs_on_the_dateline(coder):
    assert coded(coder, "Havana, Cuba.- Cuba and Spain signed on Friday a memorandum of understanding.") == {
        ("SUPPORT", "CUB", "ESP", "asserted"), ("SUPPORT", "ESP", "CUB", "asserted")}


def test_an_official_speaks_of_their_own_states_forces(coder):
    """With no focus to go by, troops in an official's report are the official's state's troops."""
    text = ("Officials in Washington and Guatemala City met on Monday. Mexican Defence Secretary Luis Sandoval said "
            "that 20,000 troops had been deployed across the country.")
    assert ("MOBILIZE", "MEX", None) in {e[:3] for e in coded(coder, text)}


def test_who_reports_a_story_weighs_little_in_its_focus(coder):
    """The victims of an attack in Sudan are not Kenyan because relief officials in Nairobi reported it."""
    text = ("Sudanese rebels shelled a village on Sunday, killing about 20 people, relief officials in "
            "Nairobi said.")
    assert all(e[2] != "KEN" for e in coded(coder, text))
