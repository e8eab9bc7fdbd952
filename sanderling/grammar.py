"""Closed-class grammar shared by both coders (events.py, temporal.py, places.py, dictionaries/coding.py).

Function words whose class is fixed by English grammar, not lexicons: the auxiliaries of the future and the
prepositions of place, and the parse rules of a verb's subject (`subject_token`). Open-class word lists live in
knowledge/data/*.tsv (read through knowledge/tables.py).
"""

from __future__ import annotations

from functools import lru_cache

from spacy.tokens import Span, Token

from .knowledge.tables import word_list

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})  # "wo" is spaCy's token of "won't"
FUTURE_IN_PAST_AUX = frozenset({"would"})  # "said the talks would resume": the future seen from a past report
# prepositions of place: "on the outskirts of Karachi", "shot down over Lebanon"; "during", "along", "from" did not pay
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "on", "off",
                      "over", "through"})
# the dictionary coder's narrower reading of a place phrase after the verb (a target only when no one else is named):
# coding it with LOCATIVE above loses one record of petrarch-suite (0.757 -> 0.754), so it keeps its own set
PLACE_PHRASE = frozenset({"in", "at", "near", "inside", "within", "along", "across", "throughout", "around"})

# the parse rules of a verb's subject, one set for both coders (events._subject, dictionaries/coding.py)
SUBJECTS = frozenset({"nsubj", "csubj", "expl"})
PASSIVE_SUBJECTS = frozenset({"nsubjpass", "csubjpass"})
# clauses that share the subject of the word they hang from: "is about to restore", "attacked Iraq and took Mosul"
INHERITS_SUBJECT = frozenset({"xcomp", "conj", "advcl", "ccomp", "pcomp", "acomp"})
DESCRIBES_NOUN = frozenset({"relcl", "acl"})  # "soldiers killed in Ukraine", "the group that attacked"
NOMINAL = frozenset({"NOUN", "PROPN", "PRON"})


def controlling_object(verb: Token) -> Token | None:
    """Object control: the object of the verb an infinitive complements acts ("urged Eriador to respond")."""
    if verb.dep_ != "xcomp" or verb.head.i == verb.i or verb.head.lemma_.lower() not in _object_control():
        return None
    return next((c for c in verb.head.children if c.dep_ == "dobj"), None)


@lru_cache(maxsize=1)
def _object_control() -> frozenset[str]:
    return word_list("object_control")


def subject_token(verb: Token, depth: int = 0) -> tuple[Token | None, bool]:
    """The subject phrase's head of a verb, and whether the verb is passive (its subject then is what it is done to).

    Its own subject, active ("Iran seized a tanker") or passive ("The Philippines was criticized"); else the object
    that controls an infinitive ("urged Eriador to respond"); else the subject of the word an infinitive, conjunct or
    participle clause hangs from ("Obama is scheduled to attend", "attacked Iraq and took Mosul"); else the noun a
    relative clause or participle describes ("soldiers killed in Ukraine": passive)."""
    passive = any(c.dep_ == "auxpass" for c in verb.children)
    for child in verb.children:
        if child.dep_ in SUBJECTS:
            return child, passive and child.dep_ == "nsubj"
    for child in verb.children:
        if child.dep_ in PASSIVE_SUBJECTS:
            return child, True
    controller = controlling_object(verb)
    if controller is not None:
        return controller, False
    if depth < 4 and verb.dep_ in INHERITS_SUBJECT and verb.head.i != verb.i:
        return subject_token(verb.head, depth + 1)[0], passive
    if verb.dep_ in DESCRIBES_NOUN and verb.head.pos_ in NOMINAL:
        return verb.head, verb.dep_ == "acl" and verb.tag_ == "VBN"
    return None, False

# Actor codes that name no state (PLOVER's international and non-state codes): a place or a guess never takes them
NON_STATE = frozenset({"IGO", "UNO", "EUR", "NAT", "AFR", "NGO", "ISM", "IMG", "MNC"})


def entity_span(tok: Token) -> Span | None:
    """The named entity a token is part of, from the token's own IOB marks (no rebuild of doc.ents), or None."""
    if not tok.ent_type_:
        return None
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    end = tok.i + 1
    while end < len(doc) and doc[end].ent_iob_ == "I":
        end += 1
    return Span(doc, start, end, label=tok.ent_type_)


def entity_text(tok: Token) -> str:
    """The text of the named entity a token is part of, from the token's own IOB marks (no rebuild of doc.ents)."""
    ent = entity_span(tok)
    return ent.text if ent is not None else tok.text
