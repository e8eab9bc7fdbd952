"""Regenerate the event tables of docs/examples.md from the articles in this folder.

    python docs/examples/build.py > /tmp/tables.md

Each article is `<name>-YYYY-MM-DD.txt` (the publication date). The notes in docs/examples.md are written by hand
after reading the output; this script only prints the tables.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

import sanderling

HERE = Path(__file__).parent


def actor(a) -> str:
    if a is None:
        return "—"
    label = "/".join(x for x in (a.country, a.sector) if x) or "?"
    return f"{a.text or '(implied)'} [{label}]"


def main() -> None:
    coder = sanderling.Coder()
    for path in sorted(HERE.glob("*.txt")):
        date = re.search(r"(\d{4}-\d{2}-\d{2})$", path.stem).group(1)
        events = coder.code(path.read_text("utf-8"), date=date, doc_id=path.stem)
        print(f"### {path.stem}\n")
        print("| sent. | trigger | type (CAMEO) | source | target | date (precision) | place | factuality |")
        print("|---|---|---|---|---|---|---|---|")
        for e in events:
            place = e.location.name if e.location else "—"
            print(f"| {e.sentence} | {e.trigger.text} | {e.event_type} ({e.cameo}) | {actor(e.source)} | "
                  f"{actor(e.target)} | {e.date or '—'} ({e.date_precision}) | {place} | {e.factuality} |")
        print()


if __name__ == "__main__":
    sys.exit(main())
