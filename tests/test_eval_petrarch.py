"""PETRARCH2's validation suites from their text: scoring convention, dictionary actors, reference runs, ratchets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sanderling.eval import petrarch

FOLDER = Path(__file__).resolve().parents[2] / "shared" / "data" / "petrarch2"
# Exact-record rates measured with the coder of this commit (the dictionary coder, `--dictionaries-mode replace`);
# see docs/accuracy.md. Issue 4's targets: 0.70 / 0.85 / 0.70.
MEASURED = {"petrarch-suite": 0.757, "petrarch-suite-ud": 0.865, "petrarch-gsr": 0.753}
RUNS = {"petrarch-suite": petrarch.run_suite, "petrarch-suite-ud": petrarch.run_suite_ud,
        "petrarch-gsr": petrarch.run_gsr}


@pytest.fixture(scope="module")
def folder() -> Path:
    if not (FOLDER / "validation.jsonl").is_file():
        pytest.skip(f"{FOLDER} is not present (shared/ is not beside the checkout)")
    return FOLDER


def test_scoring_convention():
    assert petrarch._expected({"noevents": True, "expected": [{"source": "A", "target": "B", "code": "1"}]}) == set()
    assert petrarch._expected({"expected": [{"source": "ARN", "target": "GON", "code": "050"}]}) == {
        ("ARN", "GON", "050")}
    assert petrarch._cause({("ARN", "GON", "050")}, set()) == "nothing coded"
    assert petrarch._cause({("ARN", "GON", "050")}, {("ARN", "GON", "054")}) == "right actors, other event code"
    assert petrarch._cause(set(), {("ARN", "GON", "054")}) == "events coded where none are expected"


def test_dictionary_actors_and_verbs_are_used(folder, coder):
    """'Arnor is about to restore full diplomatic ties with Gondor' is exact (ARN, GON, 050) only through the suite's
    dictionaries: the fictional countries from its actors file, 050 from its verb patterns (our lexicon says 054)."""
    report = petrarch.run_suite_ud(folder, coder, limit=10)
    assert report.records == 10
    assert "DEMO-01" not in {e["id"] for e in report.errors}
    references = [t for t in report.tables if t[0].startswith("reference runs")]
    assert references and references[0][2][-1][2] == 210  # UDPetrarch's 210 of 274, read from summary.json


def test_bad_lines_are_skipped(folder, coder, tmp_path):
    good = (folder / "validation_ud_2_02.jsonl").read_text(encoding="utf-8").splitlines()[0]
    (tmp_path / "dictionaries").symlink_to(folder / "dictionaries")
    gold = tmp_path / "validation_ud_2_02.jsonl"
    gold.write_text("\n".join([good, "{oops", json.dumps([1])]) + "\n", encoding="utf-8")
    report = petrarch.run_suite_ud(tmp_path, coder)
    assert report.records == 1 and len(report.skipped) == 2


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(MEASURED))
def test_ratchet(folder, coder, name):
    """The exact-record rate may not fall more than 0.02 below the value recorded here and in docs/accuracy.md."""
    report = RUNS[name](folder, coder)
    assert report.headline["exact_rate"] >= MEASURED[name] - 0.02
