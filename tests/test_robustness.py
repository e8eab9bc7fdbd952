"""Issue 12: no input loses data or stops a run. One test per defect found, through the command line (CliRunner, or
a real process where signals are involved) and through the Python API."""

from __future__ import annotations

import io
import json
import signal
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

import sanderling
from sanderling.cli import app
from sanderling.coder import Coded
from sanderling.errors import InputError, OutputError
from sanderling.export import open_output, open_writer
from sanderling.ingest import Skipped, read_jsonl, read_jsonl_numbered
from sanderling.model import Document, Event

runner = CliRunner()

ANKARA = "Iran's foreign minister met his Turkish counterpart in Ankara on Monday."
NAIROBI = "Police arrested 40 protesters in Nairobi on Monday."
QUIET = "The weather in the capital was mild and dry for most of the week."
DEEP = '{"id": "deep", "text": ' + "[" * 100_000 + "]" * 100_000 + "}"
RUSSIAN = ("Москва обвинила Вашингтон в нарушении договора. Министр иностранных дел России заявил об этом в "
           "понедельник на пресс-конференции.")
ARABIC = "التقى وزير الخارجية الإيراني نظيره التركي في أنقرة يوم الاثنين لبحث العلاقات الثنائية."
CHINESE = "中国外交部发言人周一表示，中方坚决反对美国对中国企业实施的单边制裁，并将采取必要措施。"
# English news full of foreign names, and headlines: never refused as not English.
ENGLISH_WITH_NAMES = [
    "Prime Minister Shehbaz Sharif met Chinese Premier Li Qiang and Vice Premier He Lifeng in Beijing, while "
    "Foreign Minister Ishaq Dar held talks with Wang Yi.",
    "Hamas leader Yahya Sinwar, Mohammed Deif and Marwan Issa of the Izz ad-Din al-Qassam Brigades were targeted in "
    "Khan Younis and Deir al-Balah; Palestinian Islamic Jihad's Ziyad al-Nakhalah denied it.",
    "Mr. Nguyen Xuan Phuc met Mr. Abdel Fattah el-Sisi, Mohammed bin Salman and Recep Tayyip Erdogan in Riyadh.",
    "Sheikh Tamim bin Hamad Al Thani received Ismail Haniyeh and Khalil al-Hayya in Doha.",
    "Erdogan, Aliyev, Pashinyan meet in Prague",
    "Xi, Modi hold talks in Kazan",
]


def run(*args: str, input: str | bytes | None = None):
    return runner.invoke(app, list(args), input=input)


def one_line_error(result, code: int, *words: str) -> None:
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output
    assert result.stderr.startswith("error: ") and len(result.stderr.strip().splitlines()) == 1, result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


def jsonl(path: Path, records: list[dict | str]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in records), encoding="utf-8")
    return path


# --- 1. safe output ---------------------------------------------------------------------------------------------

def test_output_that_is_the_jsonl_input_is_refused_and_the_input_kept(tmp_path):
    docs = jsonl(tmp_path / "same.jsonl", [{"id": "a", "text": ANKARA}])
    before = docs.read_bytes()
    one_line_error(run("code", "-i", str(docs), "-o", str(docs)), 1, "is the input", "same.jsonl")
    assert docs.read_bytes() == before


def test_output_that_is_the_text_input_is_refused_by_any_name(tmp_path):
    article = tmp_path / "art.txt"
    article.write_text(ANKARA)
    (tmp_path / "link.txt").symlink_to(article)
    for output in (article, tmp_path / "link.txt", tmp_path / ".." / tmp_path.name / "art.txt"):
        one_line_error(run("code", str(article), "-o", str(output)), 1, "is the input")
    assert article.read_text() == ANKARA


def test_missing_input_leaves_the_existing_output_as_it_was(tmp_path):
    keep = tmp_path / "keep.jsonl"
    keep.write_text("previous results\n")
    one_line_error(run("code", "-i", str(tmp_path / "missing.jsonl"), "-o", str(keep)), 1, "missing.jsonl")
    one_line_error(run("code", str(tmp_path / "missing.txt"), "-o", str(keep)), 1, "missing.txt")
    assert keep.read_text() == "previous results\n"


def test_a_document_that_cannot_be_coded_leaves_the_output_as_it_was(coder, tmp_path):
    keep = tmp_path / "keep.jsonl"
    keep.write_text("previous results\n")
    empty = tmp_path / "empty.txt"
    empty.write_text("   ")
    one_line_error(run("code", str(empty), "-o", str(keep)), 1, "whitespace")
    assert keep.read_text() == "previous results\n"
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".part"] == []


def test_output_replaces_the_previous_file_whole_with_its_permissions(coder, tmp_path):
    out = tmp_path / "events.jsonl"
    out.write_text("old\n")
    out.chmod(0o640)
    article = tmp_path / "art.txt"
    article.write_text(NAIROBI)
    result = run("code", str(article), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert [json.loads(line)["doc_id"] for line in out.read_text().splitlines()] == ["art"]
    assert out.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["art.txt", "events.jsonl"]


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full on this system")
@pytest.mark.parametrize("args", [["art.txt"], ["-i", "docs.jsonl"]])
def test_writing_to_a_full_device_is_one_line_error(coder, tmp_path, args):
    (tmp_path / "art.txt").write_text(NAIROBI)
    jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": NAIROBI}])
    args = [str(tmp_path / a) if a.endswith(("txt", "jsonl")) else a for a in args]
    one_line_error(run("code", *args, "-f", "jsonl", "-o", "/dev/full"), 1, "/dev/full", "No space left")


def test_unwritable_target_is_one_line_error(coder, tmp_path):
    (tmp_path / "art.txt").write_text(NAIROBI)
    one_line_error(run("code", str(tmp_path / "art.txt"), "-o", str(tmp_path / "no" / "such" / "x.jsonl")), 1,
                   "cannot write to", "x.jsonl")
    one_line_error(run("code", str(tmp_path / "art.txt"), "-o", str(tmp_path)), 1, "cannot write to", "folder")


def test_open_output_api_keeps_the_previous_file_on_failure(tmp_path):
    out = tmp_path / "events.json"
    out.write_text("[]\n")
    with pytest.raises(RuntimeError):
        with open_output(out) as stream:
            stream.write('[{"half": ')
            raise RuntimeError("the run failed")
    assert out.read_text() == "[]\n"
    with pytest.raises(OutputError, match="is the input"):
        with open_output(out, [tmp_path / "events.json"]):
            pass


# A shell may start a process with Ctrl-C ignored (CI, nohup); a terminal does not: give it Python's default.
SIGNAL_RUN = """
import signal, sys
signal.signal(signal.SIGINT, signal.default_int_handler)
from sanderling.cli import app
sys.argv = ["sanderling", "code", "-i", sys.argv[1], "-f", "json", "-o", sys.argv[2]]
app()
"""


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_stopped_json_run_leaves_a_valid_array_and_a_summary(tmp_path, signum, code):
    docs = jsonl(tmp_path / "many.jsonl", [{"id": f"d{n}", "text": (ANKARA, NAIROBI, QUIET)[n % 3] * 3}
                                           for n in range(20_000)])
    out = tmp_path / "events.json"
    out.write_text('["previous"]\n')
    process = subprocess.Popen([sys.executable, "-c", SIGNAL_RUN, str(docs), str(out)], stderr=subprocess.PIPE,
                               text=True)
    deadline = time.monotonic() + 300
    while out.read_text() == '["previous"]\n' and not any(p.suffix == ".part" and p.stat().st_size > 0
                                                        for p in tmp_path.iterdir()):
        assert process.poll() is None and time.monotonic() < deadline, "the run ended before it was stopped"
        time.sleep(0.05)
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert "Traceback" not in err
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("interrupted after line ") and "documents coded" in summary, summary
    events = json.loads(out.read_text())  # a whole array, the events of the documents before the stop
    assert events and all(Event.from_dict(e).doc_id.startswith("d") for e in events)
    assert not [p for p in tmp_path.iterdir() if p.suffix == ".part"]


def test_a_reader_that_stops_early_ends_the_run_quietly(tmp_path):
    """`sanderling code -i docs.jsonl | head -1`: no error and no traceback once head has gone, exit 141."""
    docs = jsonl(tmp_path / "docs.jsonl", [{"id": f"d{n}", "text": NAIROBI} for n in range(2_000)])
    process = subprocess.Popen([sys.executable, "-m", "sanderling", "code", "-i", str(docs), "-f", "jsonl"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None and json.loads(process.stdout.readline())["doc_id"] == "d0"
    process.stdout.close()
    _, err = process.communicate(timeout=600)
    assert process.returncode == 141, err
    assert err.decode() == ""


# --- 2. no record stops a run -----------------------------------------------------------------------------------

def test_deeply_nested_json_line_is_skipped_and_the_run_goes_on(coder, tmp_path):
    docs = jsonl(tmp_path / "docs.jsonl", [{"id": "first", "text": NAIROBI}, DEEP, {"id": "last", "text": ANKARA}])
    result = run("code", "-i", str(docs), "-f", "jsonl")
    assert result.exit_code == 0, result.output
    assert "Traceback" not in result.output
    assert f"skipped {docs}:2: the line nests JSON arrays or objects too deeply" in result.stderr
    assert {json.loads(line)["doc_id"] for line in result.stdout.splitlines()} == {"first", "last"}
    items = list(read_jsonl(docs))
    assert [type(i).__name__ for i in items] == ["Document", "Skipped", "Document"]


@pytest.mark.parametrize("field", ["id", "title", "url", "text"])
def test_lone_surrogate_in_a_field_skips_that_record_only(coder, tmp_path, field):
    bad = {"id": "bad", "text": NAIROBI, "title": "T", "url": "https://example.org"}
    line = json.dumps(bad).replace(json.dumps(bad[field]), json.dumps(bad[field])[:-1] + '\\ud800"')
    docs = jsonl(tmp_path / "docs.jsonl", [line, {"id": "good", "text": ANKARA}])
    for fmt in ("jsonl", "plover", "csv", "json", "table"):
        result = run("code", "-i", str(docs), "-f", fmt)
        assert result.exit_code == 0, result.output
        assert "Traceback" not in result.output
        skipped = [line for line in result.stderr.splitlines() if line.startswith("skipped")]
        assert len(skipped) == 1 and f'the "{field}" holds a lone surrogate (\\ud800' in skipped[0], skipped
        assert "good" in result.stdout


def test_events_of_a_document_with_a_surrogate_id_are_written_escaped(make_event):
    event = make_event()
    event.doc_id = event.event_id = "bad\ud800id"
    for fmt in ("jsonl", "json", "plover"):
        out = io.StringIO()
        writer = open_writer(fmt, out)
        writer.write([event], Document(text="x", id="bad\ud800id", title="t\udc00"))
        writer.close()
        out.getvalue().encode("utf-8")  # writable as UTF-8
        assert "bad\\ud800id" in out.getvalue()
    assert json.loads(out.getvalue().splitlines()[0])["doc_id"] == "bad\ud800id"  # reads back the same


@pytest.mark.parametrize("item, words", [
    (Document(text=b"Iran protested.", id="b"), ["bytes", "decode"]),
    (Document(text=42, id="n"), ["of type int", "str"]),  # type: ignore[arg-type]
    (Document(text=None, id="none"), ["missing (None)"]),  # type: ignore[arg-type]
    (None, ["item 1 is None"]),
    (b"Iran protested.", ["item 1 is of type bytes", "decode"]),
    (Document(text=NAIROBI, id="d", date="Monday"), ["cannot read the date 'Monday'"]),  # type: ignore[arg-type]
    (Document(text=NAIROBI, id="d", date=20221003), ["of type int"]),  # type: ignore[arg-type]
    (Document(text="Police arrested \ud800 protesters.", id="s"), ["lone surrogate"]),
])
def test_pipe_gives_one_coded_with_an_error_for_a_bad_item(coder, item, words):
    results = list(coder.pipe([item, Document(text=NAIROBI, id="after")]))
    assert len(results) == 2
    assert results[0].error and all(w in results[0].error for w in words), results[0].error
    assert results[1].error is None and results[1].events


def test_pipe_reads_a_string_date(coder):
    [result] = coder.pipe([Document(text=NAIROBI, id="d", date="2022-10-03")])  # type: ignore[arg-type]
    assert result.error is None and result.document.date == date(2022, 10, 3)
    assert [e.date for e in result.events] == ["2022-10-03"]


def test_code_none_says_the_text_is_missing():
    with pytest.raises(InputError, match=r"missing \(None\)"):
        sanderling.code(None)  # type: ignore[arg-type]


def test_a_coding_failure_is_a_skipped_record_without_traceback(coder, monkeypatch, tmp_path, caplog):
    def broken(doc, document):
        raise ValueError("broken stage")

    monkeypatch.setattr(coder, "code_doc", broken)
    [result] = coder.pipe([NAIROBI])
    assert isinstance(result, Coded) and "ValueError: broken stage" in result.error
    assert not [r for r in caplog.records if r.levelname in ("WARNING", "ERROR")]
    docs = jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": NAIROBI}])
    cli = run("code", "-i", str(docs))
    assert cli.exit_code == 1 and "Traceback" not in cli.output
    assert f"skipped {docs}:1 (id=a): internal error while coding (ValueError: broken stage)" in cli.stderr


def test_summary_counts_documents_without_events(coder, tmp_path):
    docs = jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": NAIROBI}, {"id": "q", "text": QUIET}, "not json"])
    result = run("code", "-i", str(docs), "-f", "jsonl")
    n_events = len(result.stdout.splitlines())
    assert result.stderr.splitlines()[-1] == f"2 documents coded (1 with no events), {n_events} events, 1 skipped"


# --- 5. language ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, lang", [(RUSSIAN, "ru"), (ARABIC, "ar"), (CHINESE, "zh")])
def test_non_english_text_is_skipped_as_not_english(coder, tmp_path, text, lang):
    [result] = coder.pipe([text])
    assert result.error.startswith(f"not English (detected {lang}")
    docs = jsonl(tmp_path / "docs.jsonl", [{"id": "foreign", "text": text}, {"id": "en", "text": NAIROBI}])
    cli = run("code", "-i", str(docs), "-f", "jsonl")
    assert cli.exit_code == 0
    assert f"skipped {docs}:1 (id=foreign): not English (detected {lang}" in cli.stderr
    article = tmp_path / "foreign.txt"
    article.write_text(text)
    one_line_error(run("code", str(article)), 1, f"not English (detected {lang}")


@pytest.mark.parametrize("text", ENGLISH_WITH_NAMES)
def test_english_with_foreign_names_and_headlines_is_coded(coder, text):
    [result] = coder.pipe([text])
    assert result.error is None


def test_language_check_can_be_turned_off(coder):
    [result] = coder.pipe([RUSSIAN], english_only=False)
    assert result.error is None and result.events == []


# --- 8. input named once, duplicate ids ------------------------------------------------------------------------

@pytest.mark.parametrize("encoding, words", [("utf-16", "UTF-16 (it starts with the byte order mark"),
                                             ("utf-16-le", "UTF-16 (little-endian) without a byte order mark"),
                                             ("utf-16-be", "UTF-16 (big-endian) without a byte order mark")])
def test_utf16_input_is_one_error_naming_it(tmp_path, encoding, words):
    line = json.dumps({"id": "a", "text": NAIROBI}) + "\n"
    docs = tmp_path / "docs.jsonl"
    docs.write_bytes(line.encode(encoding) * 3)
    one_line_error(run("code", "-i", str(docs)), 1, "docs.jsonl", words)
    article = tmp_path / "art.txt"
    article.write_bytes(NAIROBI.encode(encoding))
    one_line_error(run("code", str(article)), 1, "art.txt", words)


def test_binary_file_as_jsonl_is_one_error(tmp_path):
    program = tmp_path / "program"
    program.write_bytes(Path(sys.executable).resolve().read_bytes()[:200_000])
    one_line_error(run("code", "-i", str(program)), 1, "looks binary")
    with pytest.raises(InputError, match="looks binary"):
        read_jsonl_numbered(program)


def test_duplicate_ids_are_warned_once_and_made_unique(coder, tmp_path):
    docs = jsonl(tmp_path / "docs.jsonl", [{"id": "a", "text": NAIROBI}, {"id": "a", "text": NAIROBI},
                                           {"id": "a#2", "text": NAIROBI}, {"id": "a", "text": NAIROBI}])
    result = run("code", "-i", str(docs), "-f", "jsonl")
    assert result.exit_code == 0, result.output
    warnings = [line for line in result.stderr.splitlines() if line.startswith("warning:")]
    assert warnings == [f"warning: {docs}:2 (id=a): the id 'a' is also on line 1; this record is coded as 'a#2' "
                        "(further repeats as #3, #4...) so that event ids stay unique: give each record its own id",
                        f"warning: {docs}:3 (id=a#2): the id 'a#2' is also on line 2; this record is coded as "
                        "'a#2#2' (further repeats as #3, #4...) so that event ids stay unique: give each record "
                        "its own id"]
    events = [json.loads(line) for line in result.stdout.splitlines()]
    assert sorted({e["doc_id"] for e in events}) == ["a", "a#2", "a#2#2", "a#3"]
    assert len({e["event_id"] for e in events}) == len(events)
    told: list[str] = []
    ids = [d.id for _, d in read_jsonl_numbered(docs, warn=told.append) if not isinstance(d, Skipped)]
    assert ids == ["a", "a#2", "a#2#2", "a#3"] and len(told) == 2



@pytest.mark.parametrize("text,english", [
    ("The minister said the talks would resume after the elections.", True),
    ("Officials from Mali and Niger met in Bamako, the ministry said.", True),
    ("Le ministre a dit que les pourparlers reprendraient lundi à Paris.", False),
    ("Het kabinet heeft besloten de grens te sluiten, of niet.", False),
    ("Der Minister sagte, was die Regierung plant, sei unklar.", False),
    ("El ministro dijo que las conversaciones se reanudarán el lunes.", False),
])
def test_plain_english_needs_no_model_and_other_languages_are_not_taken_for_it(text, english):
    from sanderling import language

    assert language.plainly_english(text) is english


def test_a_short_latin_script_sentence_is_not_judged():
    """Under MIN_LATIN_LETTERS the detector cannot tell English from its neighbours: such a text is let through."""
    from sanderling import language

    assert language.detect("Iran accused Azerbaijan of spying.") is None
    assert language.detect("Москва обвинила Киев в нападении на границе.") is not None
