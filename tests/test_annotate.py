"""The news fixes of the annotate stage: sentence splitting around ranks and titles, gazetteer entities."""

import pytest

from sanderling.annotate import load_pipeline


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def test_no_break_inside_ranks_and_titles(nlp):
    text = ("Gantz was accompanied by MOD Director General Maj.-Gen. (Res.) Amir Eshel, and Military Secretary "
            "Brig. Gen. Yaki Dolf. Minister Gantz met with the president.")
    sents = [s.text.strip() for s in nlp(text).sents]
    assert len(sents) == 2
    assert sents[1] == "Minister Gantz met with the president."


def test_col_and_lt_gen_titles(nlp):
    text = "The unit was led by Col. John Smith and Lt.-Gen. Ahmed Ali. They withdrew on Friday."
    assert len(list(nlp(text).sents)) == 2


def test_line_break_starts_a_sentence(nlp):
    doc = nlp("Talks ended without a deal\nThe army shelled the town on Friday.")
    assert [s.text.strip() for s in doc.sents][-1] == "The army shelled the town on Friday."


def test_gazetteer_entities(nlp):
    doc = nlp("Azerbaijani troops and Kyrgyz officials met in Bishkek with a delegation from Burkina Faso.")
    ents = {e.text: e.label_ for e in doc.ents}
    assert ents.get("Azerbaijani") == "NORP"
    assert ents.get("Kyrgyz") == "NORP"
    assert ents.get("Bishkek") == "GPE"
    assert ents.get("Burkina Faso") == "GPE"
