"""Reading text and JSONL input: bad bytes get a clear error, bad JSONL lines are skipped with their line number."""

from __future__ import annotations

import io
import json
import sys
from datetime import date
from pathlib import Path

import pytest

from sanderling.errors import DateError, InputError
from sanderling.ingest import Skipped, decode, read_document, read_jsonl, read_jsonl_numbered
from sanderling.model import Document


def test_decode_strips_bom_and_keeps_unicode():
    assert decode("\ufeffAzerbaijan’s président".encode("utf-8")) == "Azerbaijan’s président"


@pytest.mark.parametrize("data, words", [
    (b"Iran\x00\x00\x00attacked", "NUL bytes (the first at byte offset 4)"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"),
    (b"PK\x03\x04\x14\x00\x06\x00", "zip"),
    (bytes(range(1, 32)) * 20, "control characters"),
])
def test_binary_input_is_refused_with_a_reason(data, words):
    with pytest.raises(InputError) as err:
        decode(data)
    assert "looks binary" in str(err.value)
    assert words in str(err.value)


def test_text_with_tabs_and_crlf_is_not_binary():
    text = "Col1\tCol2\r\nIran\tprotested\r\n\x0c" * 50
    assert decode(text.encode()) == text


def test_invalid_utf8_names_byte_offset_and_line():
    data = "First line.\nLe ministre a déclaré".encode("latin-1")
    with pytest.raises(InputError) as err:
        decode(data)
    offset = data.index(b"\xe9")
    assert f"byte offset {offset}" in str(err.value)
    assert "line 2" in str(err.value)
    assert "0xe9" in str(err.value)
    assert "iconv" in str(err.value)


def test_read_document_from_file(tmp_path: Path):
    path = tmp_path / "gantz-visit.txt"
    path.write_bytes(b"\xef\xbb\xbfGantz visited Baku on Monday.\n")
    doc = read_document(path, date="2022-10-03")
    assert doc == Document(text="Gantz visited Baku on Monday.\n", id="gantz-visit", date=date(2022, 10, 3))


def test_read_document_from_stdin(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO("Iran protested.".encode())))
    doc = read_document("-")
    assert (doc.id, doc.text, doc.date) == ("stdin", "Iran protested.", None)


def test_read_document_errors_name_the_file(tmp_path: Path):
    with pytest.raises(InputError, match="cannot find the file .*nope.txt"):
        read_document(tmp_path / "nope.txt")
    with pytest.raises(InputError, match="is a folder"):
        read_document(tmp_path)
    with pytest.raises(DateError):
        (tmp_path / "ok.txt").write_text("Iran protested.")
        read_document(tmp_path / "ok.txt", date="not a date")


def test_five_megabyte_document_is_read(tmp_path: Path):
    path = tmp_path / "big.txt"
    sentence = "The minister met his counterpart in Baku on Monday. "
    path.write_text(sentence * (5_000_000 // len(sentence) + 1))
    doc = read_document(path)
    assert len(doc.text) > 5_000_000
    assert doc.text.startswith(sentence)


def write_lines(path: Path, lines: list[bytes]) -> Path:
    path.write_bytes(b"\n".join(lines) + b"\n")
    return path


def test_jsonl_bad_lines_are_skipped_and_good_ones_kept(tmp_path: Path):
    path = write_lines(tmp_path / "docs.jsonl", [
        json.dumps({"id": "a", "text": "Iran attacked Azerbaijan.", "date": "2012-02-01"}).encode(),
        b"{not json",
        json.dumps({"id": "no-text", "body": "x"}).encode(),
        b"",
        json.dumps(["a", "list"]).encode(),
        json.dumps({"id": "empty", "text": "   "}).encode(),
        json.dumps({"id": "number", "text": 42}).encode(),
        json.dumps({"id": "bad-date", "text": "Iran protested.", "date": "not a date"}).encode(),
        '{"id": "latin", "text": "déclaré"}'.encode("latin-1"),
        json.dumps({"text": "Azerbaijan arrested 22 people.", "url": "https://example.org/x", "title": "T"}).encode(),
    ])
    items = list(read_jsonl_numbered(path))
    docs = {n: d for n, d in items if isinstance(d, Document)}
    skipped = {n: s for n, s in items if isinstance(s, Skipped)}
    assert sorted(docs) == [1, 10]
    assert docs[1].id == "a" and docs[1].date == date(2012, 2, 1)
    assert docs[10].id == "docs:10" and docs[10].url == "https://example.org/x" and docs[10].title == "T"
    assert sorted(skipped) == [2, 3, 5, 6, 7, 8, 9]
    assert all(s.line == n and s.file == str(path) for n, s in skipped.items())
    assert "not valid JSON" in skipped[2].reason and skipped[2].id is None
    assert "'text'" in skipped[3].reason and "'body'" in skipped[3].reason and skipped[3].id == "no-text"
    assert "array" in skipped[5].reason
    assert "whitespace" in skipped[6].reason and skipped[6].id == "empty"
    assert "number" in skipped[7].reason
    assert "not a date" in skipped[8].reason and skipped[8].id == "bad-date"
    assert "UTF-8" in skipped[9].reason
    assert str(skipped[8]).startswith(f"{path}:8 (id=bad-date): ")


def test_jsonl_default_date_applies_only_to_records_without_one(tmp_path: Path):
    path = write_lines(tmp_path / "d.jsonl", [
        json.dumps({"id": "own", "text": "x y", "date": "2012-02-01"}).encode(),
        json.dumps({"id": "none", "text": "x y"}).encode(),
    ])
    dates = {d.id: d.date for d in read_jsonl(path, default_date=date(2022, 10, 3))}
    assert dates == {"own": date(2012, 2, 1), "none": date(2022, 10, 3)}


def test_jsonl_missing_file_is_an_input_error(tmp_path: Path):
    with pytest.raises(InputError, match="cannot find the file"):
        list(read_jsonl(tmp_path / "missing.jsonl"))


def test_utf16_is_named_as_such():
    with pytest.raises(InputError, match="UTF-16.*0xfffe.*iconv -f utf-16"):
        decode("Iran protested.".encode("utf-16"))


@pytest.mark.parametrize("codec, order", [("utf-16-le", "little-endian"), ("utf-16-be", "big-endian")])
def test_utf16_without_bom_is_named_as_such(codec, order):
    with pytest.raises(InputError, match=f"UTF-16 \\({order}\\) without a byte order mark.*iconv -f {codec[:5]}"):
        decode("Iran protested on Monday.\n".encode(codec) * 20)


def test_jsonl_record_fields_that_are_not_strings_are_skipped(tmp_path: Path):
    path = write_lines(tmp_path / "d.jsonl", [
        json.dumps({"id": ["a"], "text": "Iran protested."}).encode(),
        json.dumps({"id": "t", "text": "Iran protested.", "title": {"x": 1}}).encode(),
        json.dumps({"id": "d", "text": "Iran protested.", "date": [[[]]]}).encode(),
        b'{"id": "n", "text": "Iran protested.", "n": ' + b"1" * 5000 + b"}",
        json.dumps({"id": 7, "text": "Iran protested.", "url": 12}).encode(),
    ])
    items = list(read_jsonl(path))
    reasons = [i.reason for i in items if isinstance(i, Skipped)]
    assert len(reasons) == 4
    assert "'id' is a JSON array" in reasons[0] and "'title' is a JSON object" in reasons[1]
    assert "'date' is a JSON array" in reasons[2] and "not valid JSON" in reasons[3]
    assert isinstance(items[4], Document) and (items[4].id, items[4].url) == ("7", "12")


def test_skipped_line_is_printed_on_one_line():
    skipped = Skipped(file="d.jsonl", line=3, reason="bad\nthing", id="a\ud800\nb")
    assert str(skipped) == "d.jsonl:3 (id=a\\ud800\\nb): bad\\nthing"
