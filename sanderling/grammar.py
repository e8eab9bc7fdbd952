"""Closed-class grammar shared by both coders (events.py, temporal.py, places.py, dictionaries/coding.py).

Function words whose class is fixed by English grammar, not lexicons: the auxiliaries of the future and the
prepositions of place. Open-class word lists live in knowledge/data/*.tsv (read through knowledge/tables.py).
"""

from __future__ import annotations

FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo"})  # "wo" is spaCy's token of "won't"
FUTURE_IN_PAST_AUX = frozenset({"would"})  # "said the talks would resume": the future seen from a past report
# prepositions of place: "on the outskirts of Karachi", "shot down over Lebanon"; "during", "along", "from" did not pay
LOCATIVE = frozenset({"in", "at", "near", "outside", "inside", "around", "across", "throughout", "into", "on", "off",
                      "over", "through"})
# the dictionary coder's narrower reading of a place phrase after the verb (a target only when no one else is named):
# coding it with LOCATIVE above loses one record of petrarch-suite (0.757 -> 0.754), so it keeps its own set
PLACE_PHRASE = frozenset({"in", "at", "near", "inside", "within", "along", "across", "throughout", "around"})
