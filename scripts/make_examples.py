"""Regenerate the event tables of docs/examples.md from the articles in docs/examples/.

    python scripts/make_examples.py                        # rewrite docs/examples.md in place
    python scripts/make_examples.py --output /tmp/ex.md    # write the regenerated page elsewhere
    python scripts/make_examples.py --check                # exit 1 if docs/examples.md is out of date

Each article is `docs/examples/<name>-YYYY-MM-DD.txt`, written for the page in our own words; the date in the file
name is its publication date. The page has one `## <name>-YYYY-MM-DD` section per article; the script replaces the
table in each section with the events the current coder gives and keeps everything else (the introduction and the
notes under each table, written by hand after reading the output). tests/test_docs.py regenerates the page into a
temporary file and fails when it differs: rerun this script, then read the notes again.

The output depends only on the articles, the page and the coder: articles are read in file-name order, every event
is written in the coder's order, and nothing else (time, machine, hash seed) enters the page.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PAGE = ROOT / "docs" / "examples.md"
ARTICLES = ROOT / "docs" / "examples"
NAME = re.compile(r"^(?P<name>[a-z0-9-]+)-(?P<date>\d{4}-\d{2}-\d{2})$")
HEADER = ("| sent. | trigger | type (CAMEO) | source | target | date (precision) | place | factuality |",
          "|---|---|---|---|---|---|---|---|")


def articles(folder: Path = ARTICLES) -> list[tuple[str, str, str]]:
    """(section name, publication date, text) of every article, in file-name order."""
    out = []
    for path in sorted(folder.glob("*.txt")):
        m = NAME.match(path.stem)
        if m is None:
            raise SystemExit(f"{path}: name it <name>-YYYY-MM-DD.txt (the publication date)")
        out.append((path.stem, m.group("date"), path.read_text("utf-8")))
    return out


def actor(a) -> str:
    if a is None:
        return "—"
    label = "/".join(x for x in (a.country, a.sector) if x) or "?"
    return f"{a.text or '(implied)'} [{label}]"


def table(events) -> list[str]:
    """The markdown table of one article's events."""
    lines = list(HEADER)
    for e in events:
        place = e.location.name if e.location else "—"
        lines.append(f"| {e.sentence} | {e.trigger.text} | {e.event_type} ({e.cameo}) | {actor(e.source)} | "
                     f"{actor(e.target)} | {e.date or '—'} ({e.date_precision}) | {place} | {e.factuality} |")
    return lines


def tables(coder=None, folder: Path = ARTICLES) -> dict[str, list[str]]:
    """Table lines per article section, coded with `coder` (a new sanderling.Coder when None)."""
    if coder is None:
        import sanderling

        coder = sanderling.Coder()
    return {name: table(coder.code(text, date=date, doc_id=name)) for name, date, text in articles(folder)}


def render(page: str, new: dict[str, list[str]]) -> str:
    """The page with the table under each '## <article>' heading replaced by the new one."""
    out, section, in_table, seen = [], None, False, set()
    for line in page.splitlines():
        if line.startswith("## "):
            section = line[3:].strip()
        if line.startswith("|") and section in new:
            if not in_table:
                out.extend(new[section])
                seen.add(section)
            in_table = True
            continue
        in_table = False
        out.append(line)
    missing = sorted(set(new) - seen)
    if missing:
        raise SystemExit(f"docs/examples.md has no '## <name>' section with a table for {', '.join(missing)}: "
                         "add one (heading, 'Article:' link, an empty table header, notes) and rerun")
    return "\n".join(out) + "\n"


def regenerate(page: Path = PAGE, coder=None) -> str:
    return render(page.read_text("utf-8"), tables(coder))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--output", "-o", type=Path, help="write the page here instead of docs/examples.md")
    parser.add_argument("--check", action="store_true", help="only say whether docs/examples.md is up to date")
    args = parser.parse_args(argv)
    text = regenerate()
    if args.check:
        if text != PAGE.read_text("utf-8"):
            print("docs/examples.md is out of date: run python scripts/make_examples.py", file=sys.stderr)
            return 1
        return 0
    (args.output or PAGE).write_text(text, "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
