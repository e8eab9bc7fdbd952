"""The event record's date fields do what docs/event-record.md says they do."""

from __future__ import annotations

from pathlib import Path

DOC = Path(__file__).resolve().parents[1] / "docs" / "event-record.md"
TEXT = "Police arrested 40 protesters in Nairobi on Monday."


def test_date_text_is_kept_when_no_publication_date_anchors_it(coder):
    """"on Monday" without a publication date: `date` null, `date_text` the words found, as the docs now say (they
    used to say `date_text` was null whenever the date was unknown)."""
    [unanchored] = coder.code(TEXT)
    assert (unanchored.date, unanchored.date_precision, unanchored.date_text) == (None, "unknown", "on Monday")
    [anchored] = coder.code(TEXT, date="2022-10-03")
    assert (anchored.date, anchored.date_precision, anchored.date_text) == ("2022-10-03", "day", "on Monday")
    [by_default] = coder.code(TEXT.replace(" on Monday", ""), date="2022-10-03")
    assert (by_default.date, by_default.date_precision, by_default.date_text) == ("2022-10-03", "day", None)
    docs = DOC.read_text(encoding="utf-8")
    assert '`date: null`, `date_precision: "unknown"`, `date_text: "on Monday"`' in docs
    assert "null when the date is the publication date by default or unknown" not in docs
