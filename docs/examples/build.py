"""Regenerate the event tables of docs/examples.md from the articles in this folder.

    python docs/examples/build.py                      # print the tables
    python docs/examples/build.py docs/examples.md     # replace the tables in that page, keeping its notes

Each article is `<name>-YYYY-MM-DD.txt` (the publication date). The notes in docs/examples.md are written by hand
after reading the output.
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


def tables() -> dict[str, list[str]]:
    """Markdown table lines per article."""
    coder = sanderling.Coder()
    out = {}
    for path in sorted(HERE.glob("*.txt")):
        date = re.search(r"(\d{4}-\d{2}-\d{2})$", path.stem).group(1)
        events = coder.code(path.read_text("utf-8"), date=date, doc_id=path.stem)
        lines = ["| sent. | trigger | type (CAMEO) | source | target | date (precision) | place | factuality |",
                 "|---|---|---|---|---|---|---|---|"]
        for e in events:
            place = e.location.name if e.location else "—"
            lines.append(f"| {e.sentence} | {e.trigger.text} | {e.event_type} ({e.cameo}) | {actor(e.source)} | "
                         f"{actor(e.target)} | {e.date or '—'} ({e.date_precision}) | {place} | {e.factuality} |")
        out[path.stem] = lines
    return out


def update(page: Path, new: dict[str, list[str]]) -> str:
    """The page with the table under each '## <article>' heading replaced."""
    out, section, in_table = [], None, False
    for line in page.read_text("utf-8").splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        if line.startswith("|") and section in new:
            if not in_table:
                out.extend(new[section])
            in_table = True
            continue
        in_table = False
        out.append(line)
    return "\n".join(out) + "\n"


def main() -> None:
    new = tables()
    if len(sys.argv) > 1:
        page = Path(sys.argv[1])
        page.write_text(update(page, new), "utf-8")
        return
    for name, lines in new.items():
        print(f"### {name}\n\n" + "\n".join(lines) + "\n")


if __name__ == "__main__":
    sys.exit(main())
