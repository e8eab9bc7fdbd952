"""Write sanderling/knowledge/data/cameo_verbs.tsv from the Phoenix CAMEO verb dictionary (MIT licence).

The built-in lexicon (verbs.tsv) is curated and small; Phoenix's CAMEO.2.0.txt lists ~3,000 verbs with the CAMEO code
a verb carries on its own and ~4,700 patterns. This script keeps what the built-in coder can read without PETRARCH's
pattern matcher: each one-word verb's own code (its `[code]`, else its block's) and each pattern that is the verb plus
one object word (`- * SANCTIONS [163]`), as a row of the lexicon's format with the dictionary line as its source.
Codes with no PLOVER type (CAMEO 01 statements, `---`) are left out. The coder reads these rows only for lemmas the
curated lexicon does not list.

    python scripts/make_cameo_verbs.py ../shared/data/petrarch2/phoenix-dictionaries/CAMEO.2.0.txt
"""

from __future__ import annotations

import sys
from pathlib import Path

from sanderling.dictionaries.verb_codes import plover_type
from sanderling.dictionaries.verbs import read_verbs

OUT = Path(__file__).resolve().parents[1] / "sanderling" / "knowledge" / "data" / "cameo_verbs.tsv"
HEADER = """# Verb lexicon derived from the Phoenix CAMEO verb dictionary (CAMEO.2.0.txt, Open Event Data Alliance, MIT licence:
# see LICENSE-phoenix.txt) by scripts/make_cameo_verbs.py: each one-word verb's own CAMEO code (written on its line, not inherited from its block) and each "verb + one
# object word" pattern, with the PLOVER type of knowledge/data/cameo_plover.tsv. Same columns as verbs.tsv; the coder
# reads a lemma here only when verbs.tsv does not list it. source = the dictionary line the row comes from.
"""
COLUMNS = ["lemma", "pos", "cues", "event", "mode", "cameo", "flags", "source"]


def _object_word(pattern) -> str | None:
    """The one plain object word of `- * WORD [code]`, else None."""
    if pattern.before or len(pattern.after) != 1:
        return None
    token = pattern.after[0]
    if token.kind == "word" and token.text.isalpha():
        return token.text.lower()
    if token.kind == "phrase" and len(token.parts) == 1 and token.parts[0].kind == "word" \
            and token.parts[0].text.isalpha():
        return token.parts[0].text.lower()
    return None


def _forms(word: str) -> str:
    """The object word and its singular, as the lexicon's obj cue compares lemmas and surface forms."""
    forms = {word}
    if word.endswith("ies"):
        forms.add(word[:-3] + "y")
    elif word.endswith("s") and not word.endswith("ss"):
        forms.add(word[:-1])
    return "|".join(sorted(forms))


def rows(path: Path) -> list[list[str]]:
    dictionary = read_verbs(path)
    out: list[list[str]] = []
    seen: set[tuple[str, str]] = set()
    for block in dictionary.blocks:
        for verb in block.verbs:
            if " " in verb.lemma or not verb.lemma.isalpha():
                continue
            lemma = verb.lemma.lower()
            code = verb.code  # a verb's own code; a block's default is too broad for its looser synonyms
            if code is not None and code.forward and code.is_cameo and plover_type(code.forward) and (lemma, "-") not in seen:
                seen.add((lemma, "-"))
                out.append([lemma, "V", "-", plover_type(code.forward), "-", code.forward, "-",
                            f"Phoenix CAMEO.2.0.txt:{verb.line}"])
            for pattern in block.patterns:
                word = _object_word(pattern)
                pcode = pattern.code
                if word is None or not pcode.forward or not pcode.is_cameo or not plover_type(pcode.forward):
                    continue
                if (lemma, word) in seen:
                    continue
                seen.add((lemma, word))
                out.append([lemma, "V", f"obj:{_forms(word)}", plover_type(pcode.forward), "-", pcode.forward, "-",
                            f"Phoenix CAMEO.2.0.txt:{pattern.line}"])
    return out


def main(argv: list[str]) -> int:
    source = Path(argv[1] if len(argv) > 1 else "../shared/data/petrarch2/phoenix-dictionaries/CAMEO.2.0.txt")
    table = rows(source)
    with OUT.open("w", encoding="utf-8") as fh:
        fh.write(HEADER)
        fh.write("\t".join(COLUMNS) + "\n")
        for row in table:
            fh.write("\t".join(row) + "\n")
    print(f"{OUT}: {len(table)} rows from {source}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
