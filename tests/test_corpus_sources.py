"""Corpus inputs: files, folders and globs of text, JSONL (plain and gzip), HTML and WARC, each bad input a skip."""

from __future__ import annotations

import gzip
import io
import json
from datetime import date
from pathlib import Path

import pytest
from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sanderling.corpus.sources import Source, content_id, expand_inputs, read_sources
from sanderling.errors import InputError
from sanderling.ingest import Skipped

PARAGRAPHS = (
    "The President of Turkey met the Prime Minister of Greece in Ankara on Monday to discuss maritime borders "
    "in the Aegean Sea.",
    "The two leaders agreed to resume talks next month, officials said after the meeting, which lasted three hours.",
    "Opposition parties in both countries criticised the visit, accusing the governments of making concessions "
    "without consulting parliament.",
    "Café owners near the venue said police closed the streets for most of the day.",
)
DATED_META = ('<meta property="article:published_time" content="2022-10-03T09:00:00Z">'
              '<link rel="canonical" href="https://news.example.com/2022/10/03/leaders-meet">')
FRONT_PAGE = ("<!DOCTYPE html><html><head><title>Example News</title></head><body>"
              "<div><a href='/world/1'>Turkey and Greece resume talks</a></div>"
              "<div><a href='/world/2'>Flood kills ten in Spain after storm</a></div>"
              "<div><a href='/world/3'>Markets fall as oil prices rise</a></div></body></html>")
WARC_DATE = "2022-11-05T14:30:00Z"


def article(head: str = "", charset: str = "utf-8", paragraphs: tuple[str, ...] = PARAGRAPHS) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="{charset}"><title>Leaders meet in Ankara</title>'
            f"{head}</head><body><nav><a href='/'>Home</a> | <a href='/world'>World</a></nav>"
            f"<article><h1>Leaders meet in Ankara</h1>{body}</article><footer>Copyright 2022</footer></body></html>")


def items(paths, default_date=None) -> list[Source | Skipped]:
    return list(read_sources([Path(p) for p in paths], default_date))


def sources(found) -> list[Source]:
    return [item for item in found if isinstance(item, Source)]


def skips(found) -> list[Skipped]:
    return [item for item in found if isinstance(item, Skipped)]


def response(writer: WARCWriter, uri: str, body: bytes, status: str = "200 OK", content_type: str = "text/html",
             extra: tuple = ()) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type), *extra], protocol="HTTP/1.1")
    record = writer.create_warc_record(uri, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": WARC_DATE})
    writer.write_record(record)


def write_warc(path: Path, compress: bool) -> Path:
    """Records 1-8: warcinfo, HTML 200 without a date, 404, PDF, HTML with a cut gzip body, request, HTML 200 with
    a date in its metadata, a front page with no article."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=compress)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "test"}))
        response(writer, "https://news.example.com/undated", article().encode())
        response(writer, "https://news.example.com/missing", article().encode(), status="404 Not Found")
        response(writer, "https://news.example.com/report.pdf", b"%PDF-1.7 binary", content_type="application/pdf")
        cut = gzip.compress(article(paragraphs=PARAGRAPHS * 20).encode())
        response(writer, "https://news.example.com/broken", cut[: len(cut) // 2],
                 extra=(("Content-Encoding", "gzip"),))
        request = writer.create_warc_record("https://news.example.com/undated", "request",
                                            payload=io.BytesIO(b"GET /undated HTTP/1.1\r\nHost: x\r\n\r\n"))
        writer.write_record(request)
        response(writer, "https://news.example.com/dated", article(DATED_META).encode(),
                 content_type="text/html; charset=utf-8")
        response(writer, "https://news.example.com/", FRONT_PAGE.encode())
    return path


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    """A folder of mixed inputs: text, JSONL, HTML, WARC and a file of another kind."""
    folder = tmp_path / "corpus"
    (folder / "web").mkdir(parents=True)
    (folder / "a.txt").write_text(" ".join(PARAGRAPHS), encoding="utf-8")
    (folder / "notes.md").write_text("not an input", encoding="utf-8")
    records = [{"id": "r1", "text": PARAGRAPHS[0], "date": "2022-10-03", "url": "https://a.example/1"},
               {"text": PARAGRAPHS[1]}]
    (folder / "b.jsonl").write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    (folder / "web" / "dated.html").write_text(article(DATED_META), encoding="utf-8")
    (folder / "web" / "front.htm").write_text(FRONT_PAGE, encoding="utf-8")
    write_warc(folder / "web" / "crawl.warc.gz", compress=True)
    return folder


# expand_inputs


def test_a_folder_expands_to_its_known_files_sorted_and_recursively(corpus: Path) -> None:
    names = [p.relative_to(corpus).as_posix() for p in expand_inputs([corpus])]
    assert names == ["a.txt", "b.jsonl", "web/crawl.warc.gz", "web/dated.html", "web/front.htm"]


def test_globs_files_and_folders_keep_their_order_and_each_file_comes_once(corpus: Path) -> None:
    specs = [corpus / "web" / "dated.html", str(corpus / "**" / "*.htm*"), corpus / "a.txt", corpus,
             f"{corpus}/./a.txt"]
    names = [p.relative_to(corpus).as_posix() for p in expand_inputs(specs)]
    assert names == ["web/dated.html", "web/front.htm", "a.txt", "b.jsonl", "web/crawl.warc.gz"]


@pytest.mark.parametrize("spec", ["missing.txt", "*.md", "**/*.txt", "empty_folder"])
def test_a_spec_that_matches_nothing_is_an_error_naming_it(tmp_path: Path, spec: str) -> None:
    (tmp_path / "empty_folder" / "sub").mkdir(parents=True)
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Troops crossed the border.", encoding="utf-8")
    with pytest.raises(InputError, match="nothing to read in") as err:
        expand_inputs([tmp_path / "a.txt", tmp_path / "empty_folder" / spec])
    assert spec in str(err.value)


def test_a_file_of_an_unknown_kind_named_explicitly_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=r"notes\.md.*not a known input type"):
        expand_inputs([tmp_path / "notes.md"])


# ids


def test_ids_are_the_same_on_every_read(corpus: Path) -> None:
    paths = expand_inputs([corpus])
    first = [(item.origin, item.document.id) for item in sources(items(paths))]
    second = [(item.origin, item.document.id) for item in sources(items(paths))]
    assert first == second
    assert len(first) == 6


def test_a_text_without_an_id_is_named_by_the_hash_of_its_normalised_text(tmp_path: Path) -> None:
    (tmp_path / "one.txt").write_text("Troops  crossed\nthe border. ", encoding="utf-8")
    (tmp_path / "two.txt").write_text("\tTroops crossed the   border.\n", encoding="utf-8")
    found = sources(items([tmp_path / "one.txt", tmp_path / "two.txt"]))
    assert [s.document.id for s in found] == [content_id("Troops crossed the border.")] * 2
    assert found[0].document.id.startswith("sha1-") and len(found[0].document.id) == 5 + 16
    assert content_id("Troops crossed the border.") != content_id("Troops crossed the river.")


def test_jsonl_records_keep_their_ids_and_the_others_get_the_content_hash(corpus: Path) -> None:
    found = sources(items([corpus / "b.jsonl"], default_date=date(2020, 1, 1)))
    assert [s.document.id for s in found] == ["r1", content_id(PARAGRAPHS[1])]
    assert [s.origin for s in found] == [f"{corpus / 'b.jsonl'}:1", f"{corpus / 'b.jsonl'}:2"]
    assert [s.document.date for s in found] == [date(2022, 10, 3), date(2020, 1, 1)]
    assert found[0].urls == ["https://a.example/1"] and found[1].urls == []


# text files


def test_a_text_file_is_one_document_dated_by_the_default(corpus: Path) -> None:
    [source] = items([corpus / "a.txt"], default_date=date(2022, 10, 3))
    assert source.document.text == " ".join(PARAGRAPHS)
    assert source.document.date == date(2022, 10, 3)
    assert source.origin == str(corpus / "a.txt")


@pytest.mark.parametrize(("data", "reason"), [
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "looks binary"),
    ("Turkey and Greece".encode("utf-16"), "UTF-16"),
    ("Caf\u00e9 owners said".encode("latin-1"), "not valid UTF-8"),
    (b"  \n\t", "only whitespace"),
])
def test_a_text_file_that_cannot_be_read_is_skipped_with_why(tmp_path: Path, data: bytes, reason: str) -> None:
    path = tmp_path / "bad.txt"
    path.write_bytes(data)
    [skip] = items([path])
    assert isinstance(skip, Skipped)
    assert skip.file == str(path) and reason in skip.reason


def test_missing_and_unknown_files_are_skipped_not_raised(tmp_path: Path) -> None:
    (tmp_path / "notes.md").write_text("x", encoding="utf-8")
    found = items([tmp_path / "gone.txt", tmp_path / "notes.md", tmp_path / "gone.html", tmp_path / "gone.warc"])
    assert [type(item) for item in found] == [Skipped] * 4
    assert "cannot find" in found[0].reason
    assert "not a known input type" in found[1].reason


# JSONL (plain and gzip)


def test_a_truncated_gzip_jsonl_yields_the_records_before_the_damage_then_one_skip(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"d{i}", "text": f"{PARAGRAPHS[i % 4]} Report {i}."}) + "\n" for i in range(400)]
    data = gzip.compress("".join(lines).encode("utf-8"))
    path = tmp_path / "docs.jsonl.gz"
    path.write_bytes(data[: len(data) * 2 // 3])
    found = items([path])
    good = sources(found)
    assert 0 < len(good) < 400
    assert [s.document.id for s in good] == [f"d{i}" for i in range(len(good))]
    assert found[-1] == skips(found)[0] and len(skips(found)) == 1
    assert found[-1].line == len(good) + 1
    assert f"after {len(good)} complete lines" in found[-1].reason and "cut short" in found[-1].reason


def test_a_whole_gzip_jsonl_reads_like_the_plain_file_and_bad_lines_are_skipped(corpus: Path, tmp_path: Path) -> None:
    raw = (corpus / "b.jsonl").read_bytes() + b'{"id": "x", "text": \n' + b'{"id": "y"}\n'
    (tmp_path / "b.jsonl").write_bytes(raw)
    (tmp_path / "b.jsonl.gz").write_bytes(gzip.compress(raw))
    plain, packed = items([tmp_path / "b.jsonl"]), items([tmp_path / "b.jsonl.gz"])
    assert [s.document.id for s in sources(packed)] == [s.document.id for s in sources(plain)] == \
        ["r1", content_id(PARAGRAPHS[1])]
    assert [(s.line, s.id) for s in skips(packed)] == [(3, None), (4, "y")]
    assert "not valid JSON" in skips(packed)[0].reason


@pytest.mark.parametrize("data", [b"", b"\x1f\x8b\x08\x00garbage", gzip.compress(b"\x00\x01\x02" * 100)])
def test_a_broken_gzip_jsonl_is_skipped_not_raised(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "bad.jsonl.gz"
    path.write_bytes(data)
    found = items([path])
    assert sources(found) == []
    assert len(found) == (0 if not data else 1)


# HTML pages


def test_an_html_page_gives_its_article_title_date_and_url(corpus: Path) -> None:
    [source] = items([corpus / "web" / "dated.html"], default_date=date(2000, 1, 1))
    document = source.document
    assert PARAGRAPHS[0] in document.text and PARAGRAPHS[3] in document.text
    assert "Home" not in document.text and "Copyright" not in document.text
    assert document.title == "Leaders meet in Ankara"
    assert document.date == date(2022, 10, 3)
    assert document.url == "https://news.example.com/2022/10/03/leaders-meet"
    assert source.urls == [document.url]
    assert document.id == content_id(document.text)


def test_an_html_page_without_a_date_takes_the_default(tmp_path: Path) -> None:
    path = tmp_path / "undated.html"
    path.write_text(article(), encoding="utf-8")
    [source] = items([path], default_date=date(2022, 10, 4))
    assert source.document.date == date(2022, 10, 4)
    assert source.document.url is None and source.urls == []


def test_a_page_with_no_article_text_is_skipped(corpus: Path) -> None:
    [skip] = items([corpus / "web" / "front.htm"])
    assert isinstance(skip, Skipped) and skip.reason.startswith("no article text")


@pytest.mark.parametrize(("charset", "sentence"), [
    ("windows-1252", "Café owners said the “talks” cost €5 — naïve."),
    ("koi8-r", "The Russian minister Сергей Лавров spoke in Москва."),
])
def test_a_non_utf8_page_is_read_in_the_charset_its_meta_tag_declares(tmp_path: Path, charset: str,
                                                                        sentence: str) -> None:
    path = tmp_path / "page.html"
    path.write_bytes(article(charset=charset, paragraphs=PARAGRAPHS[:3] + (sentence,)).encode(charset))
    [source] = items([path])
    assert sentence in source.document.text


@pytest.mark.parametrize(("charset", "sentence"), [
    ("iso-8859-2", "The Polish minister spoke in Łódź and Kraków."),
    ("windows-1251", "The Russian minister Сергей Лавров spoke in Москва."),
    ("iso-8859-1", "Señor Müller’s café."),  # read as windows-1252, as browsers do (’ is not Latin-1)
])
def test_a_warc_page_is_read_in_the_charset_of_its_http_header(tmp_path: Path, charset: str, sentence: str) -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:3] + (sentence,))
    html = f"<html><head><title>Talks</title></head><body><article>{body}</article></body></html>"
    path = tmp_path / "crawl.warc"
    with path.open("wb") as out:
        response(WARCWriter(out, gzip=False), "https://news.example.pl/talks",
                 html.encode("cp1252" if charset == "iso-8859-1" else charset),
                 content_type=f"text/html; charset={charset.upper()}")
    [source] = items([path])
    assert sentence in source.document.text


def test_a_binary_file_named_html_is_skipped_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "scan.html"
    path.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 4)
    [skip] = items([path])
    assert isinstance(skip, Skipped) and "looks binary" in skip.reason


# WARC archives


@pytest.mark.parametrize("compress", [True, False])
def test_a_warc_gives_its_html_200_responses_and_skips_the_broken_ones(tmp_path: Path, compress: bool) -> None:
    path = write_warc(tmp_path / ("crawl.warc.gz" if compress else "crawl.warc"), compress)
    found = items([path], default_date=date(2000, 1, 1))
    assert [(type(item).__name__, getattr(item, "origin", None) or f"#{item.line}") for item in found] == [
        ("Source", f"{path}#2"), ("Skipped", "#5"), ("Source", f"{path}#7"), ("Skipped", "#8")]
    undated, dated = sources(found)
    assert undated.document.date == date(2022, 11, 5)  # the record's WARC-Date
    assert dated.document.date == date(2022, 10, 3)  # the page's own date wins
    assert undated.document.url == "https://news.example.com/undated" and undated.urls == [undated.document.url]
    assert dated.urls == ["https://news.example.com/dated", "https://news.example.com/2022/10/03/leaders-meet"]
    assert PARAGRAPHS[1] in undated.document.text
    broken, front = skips(found)
    assert broken.file == str(path) and "HTTP body is broken" in broken.reason and "ends early" in broken.reason
    assert front.reason.startswith("no article text")


def test_the_same_page_in_html_and_in_a_warc_has_the_same_id(corpus: Path) -> None:
    html = sources(items([corpus / "web" / "dated.html"]))
    warc = sources(items([corpus / "web" / "crawl.warc.gz"]))
    assert html[0].document.id == warc[1].document.id


@pytest.mark.parametrize("compress", [True, False])
def test_a_truncated_warc_yields_what_came_before_then_one_skip(tmp_path: Path, compress: bool) -> None:
    whole = write_warc(tmp_path / "whole.warc", compress)
    start, length = record_span(whole, 7)
    path = tmp_path / ("cut.warc.gz" if compress else "cut.warc")
    path.write_bytes(whole.read_bytes()[: start + length // 2])
    found = items([path])
    assert [(type(item).__name__, getattr(item, "origin", None)) for item in found] == [
        ("Source", f"{path}#2"), ("Skipped", None), ("Skipped", None)]
    assert found[1].line == 5 and "HTTP body is broken" in found[1].reason
    assert found[2].line == 7 and "cut short or damaged after 6 complete records" in found[2].reason


def record_span(path: Path, number: int) -> tuple[int, int]:
    """Where the `number`th record of a WARC file starts, and its length, in the file's bytes."""
    with path.open("rb") as stream:
        records = ArchiveIterator(stream)
        for n, _ in enumerate(records, start=1):
            if n == number:
                return records.get_record_offset(), records.get_record_length()
    raise AssertionError(f"{path} has fewer than {number} records")


@pytest.mark.parametrize("data", [b"this is not a WARC file\r\n\r\nat all", b"\x1f\x8b\x08\x00junk", b"",
                                  gzip.compress(b"WARC/1.0\r\nWARC-Type: response\r\n")])
def test_a_file_that_is_not_a_warc_is_skipped_not_raised(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "odd.warc.gz"
    path.write_bytes(data)
    found = items([path])
    assert sources(found) == []
    assert all(isinstance(item, Skipped) for item in found)
