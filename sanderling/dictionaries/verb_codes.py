"""The PLOVER type of a CAMEO code, for events coded with a user's CAMEO verb dictionary.

Our own prefix table (`knowledge/data/cameo_plover.tsv`, written from the PLOVER manual's CAMEO crosswalk): the
longest listed prefix of a code gives its type; CAMEO 01 statements have none.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parent.parent / "knowledge" / "data" / "cameo_plover.tsv"


@lru_cache(maxsize=1)
def _plover_table() -> dict[str, str]:
    with DATA.open(encoding="utf-8") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {row["prefix"]: row["plover"] for row in rows}


def plover_type(cameo: str) -> str | None:
    """The PLOVER type of a CAMEO code by its longest listed prefix; None for statements (01) and unknown codes."""
    table = _plover_table()
    for n in range(len(cameo), 1, -1):
        if cameo[:n] in table:
            return table[cameo[:n]]
    return None
