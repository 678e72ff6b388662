"""Readers: files, directories, gzip, stdin, WARC, JSONL/CSV with mappings, bad records."""

from __future__ import annotations

import gzip
import io
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from warta.read.dates import choose_published, date_from_url, parse_field_date
from warta.read.inputs import ReadStats, iter_documents, kind_of
from warta.read.record import Failure, RawDocument
from warta.read.tabular import parse_mapping

FIX = Path(__file__).parent / "fixtures" / "read"
CLICK_MAP = {"text": "content", "outlet": "source", "published": "date"}
JSONL_MAP = {"text": "isi", "title": "judul", "url": "tautan", "published": "tanggal"}


def split(items):
    docs = [i for i in items if isinstance(i, RawDocument)]
    fails = [i for i in items if isinstance(i, Failure)]
    assert len(docs) + len(fails) == len(items)
    return docs, fails


def write_warc(path: Path, pages: list[tuple[str, str, str]], gz: bool = True) -> None:
    """pages: (url, content type, body); plus a request record and a 404 to be skipped."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for url, ctype, body in pages:
            req = w.create_warc_record(url, "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n"))
            w.write_record(req)
            http = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            w.write_record(
                w.create_warc_record(url, "response", payload=io.BytesIO(body.encode("utf-8")), http_headers=http)
            )
        http = StatusAndHeaders("404 Not Found", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        w.write_record(
            w.create_warc_record(
                "https://contoh.id/hilang", "response", payload=io.BytesIO(b"<html>no</html>"), http_headers=http
            )
        )


def test_csv_with_mapping_prefers_url_date_and_reports_broken_row():
    docs, fails = split(list(iter_documents([str(FIX / "berita.csv")], CLICK_MAP)))
    assert len(docs) == 4 and len(fails) == 1
    assert fails[0].name.endswith("berita.csv:5") and "9 fields" in fails[0].reason
    first = docs[0]
    assert first.title == "Jembatan Cikapundung ditutup sementara" and first.outlet == "Contoh.com"
    # the spreadsheet serial 43747 is unreadable; the URL says 2019-09-10
    assert first.published == "2019-09-10" and first.meta["published_field"] == "43747"
    assert first.meta["category"] == "News" and "Jembatan Cikapundung" in first.content
    assert docs[1].published == "2019-09-16"  # D/M/YYYY agrees with the URL
    assert docs[3].published == "2019-09-18"  # serial 43786 again: URL wins


def test_jsonl_mapping_and_bad_line():
    docs, fails = split(list(iter_documents([str(FIX / "berita.jsonl")], JSONL_MAP)))
    assert [d.title for d in docs] == [
        "Sekolah di Palembang diliburkan karena asap",
        "Kereta bandara tambah jadwal",
        "Festival kopi digelar di Aceh",
    ]
    assert docs[0].published == "2019-09-16T10:30:00+07:00" and docs[0].meta == {"penulis": "Rina"}
    assert docs[1].published == "2019-09-17" and docs[2].published == "2019-09-18"
    assert len(fails) == 1 and fails[0].name.endswith("berita.jsonl:3") and "not JSON" in fails[0].reason


def test_jsonl_without_mapping_says_which_field_is_missing():
    docs, fails = split(list(iter_documents([str(FIX / "berita.jsonl")])))
    assert not docs and len(fails) == 4
    assert "field 'text' or 'html'" in fails[0].reason


def test_gzip_and_directories_recursively(tmp_path):
    sub = tmp_path / "a" / "b"
    sub.mkdir(parents=True)
    with gzip.open(sub / "berita.csv.gz", "wb") as fh:
        fh.write((FIX / "berita.csv").read_bytes())
    shutil.copy(FIX / "halaman.html", tmp_path / "a" / "halaman.html")
    (tmp_path / "a" / "catatan.txt").write_text("Sebuah artikel pendek.\n\nParagraf kedua.", encoding="utf-8")
    with gzip.open(tmp_path / "teks.gz", "wb") as fh:
        fh.write(b"Artikel dalam gzip tanpa ekstensi.")
    (tmp_path / ".hidden.txt").write_text("tersembunyi")
    (tmp_path / "a" / "ATTRIBUTION.md").write_text("# Sumber\n\nDitulis untuk tes.")
    (tmp_path / "README.txt").write_text("Korpus contoh.")
    stats = ReadStats()
    docs, fails = split(list(iter_documents([str(tmp_path)], CLICK_MAP, stats=stats)))
    assert stats.files == 4 and len(fails) == 1
    names = [d.name for d in docs]
    assert sum(".csv.gz:" in n for n in names) == 4
    assert any(n.endswith("halaman.html") for n in names) and any(n.endswith("teks.gz") for n in names)
    gz_text = next(d for d in docs if d.name.endswith("teks.gz"))
    assert gz_text.content == b"Artikel dalam gzip tanpa ekstensi."


def test_warc_html_responses_only(tmp_path):
    html = (FIX / "halaman.html").read_text(encoding="utf-8")
    path = tmp_path / "crawl.warc.gz"
    write_warc(
        path,
        [
            ("https://contoh.id/2019/09/20/pohon", "text/html; charset=utf-8", html),
            ("https://contoh.id/logo.css", "text/css", "body{}"),
        ],
    )
    stats = ReadStats()
    docs, fails = split(list(iter_documents([str(path)], stats=stats)))
    assert not fails and len(docs) == 1
    d = docs[0]
    assert d.url == "https://contoh.id/2019/09/20/pohon" and d.format == "html" and d.fetched
    assert isinstance(d.content, str) and "seribu pohon" in d.content
    assert stats.skipped == {"warc request record": 2, "warc non-HTML response": 1, "warc response status 4xx": 1}
    plain = tmp_path / "crawl.warc"
    write_warc(plain, [("https://contoh.id/x", "text/html", html)], gz=False)
    docs, fails = split(list(iter_documents([str(plain)])))
    assert len(docs) == 1 and not fails


@pytest.mark.parametrize("gz", [True, False])
def test_truncated_warc_keeps_earlier_records_and_fails_once_wherever_cut(tmp_path, gz):
    html = (FIX / "halaman.html").read_text(encoding="utf-8")
    path = tmp_path / "crawl.warc"
    pages = [(f"https://contoh.id/{i}", "text/html", html.replace("seribu", f"seribu ({i})")) for i in range(4)]
    write_warc(path, pages, gz=gz)
    data = path.read_bytes()
    cut = tmp_path / ("cut.warc.gz" if gz else "cut.warc")
    seen = []
    for k in range(1, 40):  # cuts inside headers, blocks, gzip members and between records
        at = len(data) * k // 40
        cut.write_bytes(data[:at])
        docs, fails = split(list(iter_documents([str(cut)])))
        # a cut exactly at a record's start (record IDs and dates vary, so the cuts move from run
        # to run) leaves a complete, shorter file: nothing to report
        at_boundary = data[at:].startswith(b"\x1f\x8b\x08" if gz else b"WARC/")
        assert (not fails and at_boundary) or (len(fails) == 1 and "truncated" in fails[0].reason), (k, fails)
        assert [d.url for d in docs] == [u for u, _, _ in pages[: len(docs)]]
        seen.append(len(docs))
    assert seen == sorted(seen) and seen[0] == 0 and seen[-1] == 4


def test_bad_paths_and_kinds(tmp_path):
    docs, fails = split(list(iter_documents([str(tmp_path / "missing.txt"), str(tmp_path)])))
    assert not docs and [f.reason for f in fails] == ["No such file or directory", "directory has no files"]
    assert kind_of("x.jsonl.gz", b'{"a":1}') == "jsonl"
    assert kind_of("x.bin", b"WARC/1.0\r\n") == "warc"
    assert kind_of("x.html", b"<html>") == "document"
    assert kind_of("<stdin>", b'{"title": "a", "text": "b"}') == "jsonl"
    assert kind_of("<stdin>", b"{Bukan JSON} hanya teks") == "document"
    (tmp_path / "broken.csv.gz").write_bytes(gzip.compress((FIX / "berita.csv").read_bytes())[:300])
    docs, fails = split(list(iter_documents([str(tmp_path / "broken.csv.gz")], CLICK_MAP)))
    assert fails and "truncated" in fails[-1].reason


def test_csv_without_the_text_column_is_one_failure(tmp_path):
    (tmp_path / "x.csv").write_text("judul,isi\nA,B\n", encoding="utf-8")
    docs, fails = split(list(iter_documents([str(tmp_path / "x.csv")])))
    assert not docs and len(fails) == 1 and "no 'text' column (columns: judul, isi)" in fails[0].reason
    docs, fails = split(list(iter_documents([str(tmp_path / "x.csv")], {"text": "isi", "title": "judul"})))
    assert len(docs) == 1 and docs[0].title == "A" and docs[0].content == "B" and not fails


def test_mapping_parse_and_dates():
    assert parse_mapping("title=judul, text=content") == {"title": "judul", "text": "content"}
    for bad in ("title", "foo=bar", "=x"):
        with pytest.raises(ValueError):
            parse_mapping(bad)
    assert date_from_url("https://news.contoh.com/read/2019/09/10/123/x") == "2019-09-10"
    assert date_from_url("https://contoh.com/berita/20190917/abc") == "2019-09-17"
    assert date_from_url("https://contoh.com/2019/13/45/x") is None
    assert date_from_url(None) is None
    assert parse_field_date("16/09/2019") == "2019-09-16"
    assert parse_field_date(" Sep 30, 2019 ") == parse_field_date("30 September 2019") == "2019-09-30"
    assert parse_field_date("26 Oktober 2019") == "2019-10-26" and parse_field_date("10-Sep-19") == "2019-09-10"
    # read as --published reads it: with its time and offset
    assert parse_field_date("Senin, 16 September 2019 10:30 WIB") == "2019-09-16T10:30+07:00"
    assert parse_field_date("kemarin") is None and parse_field_date("Oktober 2019") is None
    # spreadsheet serials, as --published reads them: 43725 is 2019-09-17, 43747 is 2019-10-09
    assert parse_field_date("43725") == "2019-09-17" and parse_field_date("43747") == "2019-10-09"
    assert parse_field_date("12345") is None
    assert choose_published("2019-09-09", "https://x/2019/09/10/y") == ("2019-09-10", "url")
    assert choose_published("2019-09-10T08:00:00", "https://x/2019/09/10/y") == ("2019-09-10T08:00:00", "field")
    assert choose_published(None, "https://x/") == (None, None)


@pytest.mark.parametrize(
    "given",
    ["2019-09-10", "2019-09-10T08:00:00+07:00", "43718", "31 Juli 2019", "10-09-2019", "Selasa, 10/9/2019 14:30 WIB"],
)
def test_a_corpus_field_reads_what_published_accepts(given: str) -> None:
    from warta.read.dates import parse_published

    assert parse_field_date(given) == parse_published(given)


def test_extract_cli_reads_stdin_html_and_corpora():
    cli = [sys.executable, "-m", "warta.cli", "extract"]
    html = (FIX / "halaman.html").read_bytes()
    out = subprocess.run([*cli, "-"], input=html, capture_output=True, check=False)
    assert out.returncode == 0, out.stderr
    import json

    d = json.loads(out.stdout)
    assert d["input"]["format"] == "html" and d["title"] == "Warga Surabaya tanam seribu pohon"
    assert "Baca juga" not in d["text"] and "Beranda" not in d["text"]
    out = subprocess.run(
        [*cli, str(FIX / "berita.csv"), "--map", "text=content,outlet=source"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 1 and len(out.stdout.splitlines()) == 4
    assert out.stderr.strip().endswith("broken CSV row: 9 fields, the header has 8")
    jsonl = (FIX / "berita.jsonl").read_bytes()
    out = subprocess.run([*cli, "-", "--map", "text=isi,title=judul"], input=jsonl, capture_output=True, check=False)
    assert out.returncode == 1 and len(out.stdout.splitlines()) == 3  # and the line that is not JSON
    out = subprocess.run([*cli, "x.csv", "--map", "nope=1"], capture_output=True, text=True, check=False)
    assert out.returncode == 2 and out.stderr.count("\n") == 1
