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
