"""The shared parse rules of a verb's subject (`grammar.subject_token`, `grammar.controlling_object`).

The sentences are written for these tests; each names the verb and the exact subject token and passiveness.
"""

import pytest

from sanderling.annotate import load_pipeline
from sanderling.grammar import controlling_object, subject_token


@pytest.fixture(scope="module")
def nlp():
    return load_pipeline()


def subject_of(nlp, text, verb):
    doc = nlp(text)
    tok, passive = subject_token(next(t for t in doc if t.text == verb))
    return (tok.text if tok is not None else None), passive


@pytest.mark.parametrize("text, verb, expected", [
    ("Iran seized a Panama-flagged oil tanker on Wednesday.", "seized", ("Iran", False)),  # active
    ("The ambassador was expelled by the government.", "expelled", ("ambassador", True)),  # passive
    ("Obama is scheduled to attend the summit.", "attend", ("Obama", False)),  # infinitive
    ("Rebels attacked the town and burned the market.", "burned", ("Rebels", False)),  # conjunct
    ("The United States urged Egypt to release the journalists.", "release", ("Egypt", False)),  # object control
    ("Soldiers killed in the ambush were buried on Sunday.", "killed", ("Soldiers", True)),  # passive participle
    ("Protesters carrying flags marched to the embassy.", "carrying", ("Protesters", False)),  # active participle
    ("Rebels who attacked the town fled.", "attacked", ("who", False)),  # relative clause: its own subject
    # not through a preposition: the dictionary coder's rule (the built-in coder's own walk goes through it)
    ("The minister left Paris after signing the accord.", "signing", (None, False)),
])
def test_subject_token(nlp, text, verb, expected):
    assert subject_of(nlp, text, verb) == expected


def test_controlling_object(nlp):
    doc = nlp("The United States urged Egypt to release the journalists.")
    assert controlling_object(doc[6]).text == "Egypt"  # "release"
    assert controlling_object(doc[3]) is None  # "urged" is no infinitive


def test_only_object_control_verbs_hand_the_infinitive_to_their_object(nlp):
    from sanderling.grammar import controlling_object

    urged = nlp("Russia urged Ukraine to withdraw its troops.")
    assert controlling_object([t for t in urged if t.lemma_ == "withdraw"][0]).text == "Ukraine"
    overran = nlp("A sea of Bolsonaro supporters overwhelmed security forces to invade the seat of power.")
    invade = [t for t in overran if t.lemma_ == "invade"][0]
    assert invade.dep_ == "xcomp"  # the parse this test is about
    assert controlling_object(invade) is None
    used = nlp("Police used tear gas to disperse the protesters.")
    assert controlling_object([t for t in used if t.lemma_ == "disperse"][0]) is None  # the police disperse
