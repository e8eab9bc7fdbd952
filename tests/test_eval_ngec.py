"""The NGEC synthetic-stories reader on a small CSV of our own: label recall, label share, events per story, rows
without a PLOVER label skipped, the interleaved limit, a missing file. No ratchet: its numbers are signals."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from sanderling.errors import SanderlingError
from sanderling.eval import ngec

COLUMNS = ["disclaimer", "text", "title", "source", "prompt", "label", "mode"]
# (text, label); the coder's events on each text are in the comment
ROWS = [
    ("Kenyan police arrested 40 protesters in Nairobi on Monday.", "COERCE"),             # COERCE
    ("Iran condemned Israel on Monday. Israel condemned Iran on Tuesday.", "ACCUSE"),     # ACCUSE, ACCUSE
    ("A rally was planned for the weekend.", ""),                                          # no label: skipped
    ("Egypt's foreign minister met his Jordanian counterpart in Cairo on Monday.", "PROTEST"),  # CONSULT
    ("Farmers blocked roads near the capital.", "NOT_A_TYPE"),                             # not PLOVER: skipped
    ("   ", "COERCE"),                                                                      # no text: skipped
    ("The weather was calm and the river was quiet.", "SANCTION"),                         # nothing
]


def write_csv(path: Path, rows: list[tuple[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(COLUMNS)
        for text, label in rows:
            writer.writerow(["### synthetic ###", text, "a title", "Wire", "a prompt", label, ""])
    return path


def test_scores_on_a_small_file(coder, tmp_path):
    path = write_csv(tmp_path / ngec.FILE, ROWS)
    report = ngec.run(tmp_path, coder)  # a folder: its CSV file by name
    assert report.path == str(path)
    assert report.records == 4
    assert report.skipped == [f"{path}:4: no PLOVER label or no text", f"{path}:6: no PLOVER label or no text",
                              f"{path}:7: no PLOVER label or no text"]
    assert report.headline == pytest.approx({
        "label_recall": 2 / 4,       # COERCE and ACCUSE stories have an event of their type
        "label_share": 3 / 4,        # 1 + 2 of the 4 events coded have their story's type
        "events_per_story": 4 / 4,
    })
    title, columns, rows = report.tables[0]
    assert title == "per label" and columns[:5] == ["label", "stories", "label recall", "events", "label share"]
    per_label = {row[0]: row[1:5] for row in rows}
    assert per_label == {"COERCE": [1, 1.0, 1, 1.0], "ACCUSE": [1, 1.0, 2, 1.0], "PROTEST": [1, 0.0, 1, 0.0],
                         "SANCTION": [1, 0.0, 0, 0.0]}
    assert {row[0]: row[5] for row in rows}["PROTEST"] == "CONSULT 1"


def test_limit_takes_every_kth_row(coder, tmp_path):
    path = write_csv(tmp_path / "stories.csv", ROWS)
    report = ngec.run(path, coder, limit=2)  # 4 labelled rows, step 2: the COERCE and PROTEST stories
    assert report.records == 2
    assert {row[0] for row in report.tables[0][2]} == {"COERCE", "PROTEST"}
    assert report.headline == pytest.approx({"label_recall": 0.5, "label_share": 0.5, "events_per_story": 1.0})
    assert ngec.run(path, coder, limit=10).records == 4  # a limit above the count reads them all


def test_a_file_of_unlabelled_rows_scores_zero(coder, tmp_path):
    path = write_csv(tmp_path / "stories.csv", [("Police arrested a man.", ""), ("Troops withdrew.", "other")])
    report = ngec.run(path, coder)
    assert report.records == 0 and len(report.skipped) == 2
    assert report.headline == {"label_recall": 0.0, "label_share": 0.0, "events_per_story": 0.0}


def test_missing_file_is_a_clear_error(coder, tmp_path):
    with pytest.raises(SanderlingError, match="gold file .* is missing"):
        ngec.run(tmp_path, coder)  # a folder without the CSV
    with pytest.raises(SanderlingError, match="gold file .*none.csv' is missing"):
        ngec.run(tmp_path / "none.csv", coder)
