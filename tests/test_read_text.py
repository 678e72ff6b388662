"""Reading plain text: encodings (BOM, UTF-16, legacy fallback), newlines, control characters.

Each case goes through ``Pipeline.read`` (decode, normalise, clean) with no later stages, and
checks what is reported and that offsets still map back to the input as given.
"""

from __future__ import annotations

import codecs

import pytest

from warta.errors import InputError
from warta.pipeline import Pipeline
from warta.read.record import RawDocument
from warta.read.text import decode, looks_binary, normalise

ARTICLE = (
    "Menteri “Lavrov” Bertemu Kerry di Roma\n"
    "\n"
    "Menteri Luar Negeri Rusia Sergey Lavrov bertemu John Kerry di café kecil di Roma, Jumat (2/12).\n"
    "\n"
    "“Moskow siap bekerja sama,” kata Lavrov kepada wartawan.\n"
)


def read(data: bytes | str):
    return Pipeline([]).read(RawDocument(content=data, name="test"))


def body_lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()][1:]


def assert_body_kept(article) -> None:
    assert [article.text[p.start : p.end] for p in article.paragraphs] == body_lines(ARTICLE)
    assert article.title is not None and article.title.text == "Menteri “Lavrov” Bertemu Kerry di Roma"


def assert_offsets_map_back(article) -> None:
    for p in article.paragraphs:
        s, e = article.to_original(p.start, p.end)
        assert article.original[s:e] == article.text[p.start : p.end]


def test_utf8_without_bom():
    a = read(ARTICLE.encode("utf-8"))
    assert (a.input.encoding, a.input.bom, a.input.encoding_guessed) == ("utf-8", False, False)
    assert_body_kept(a)
    assert a.warnings == []


def test_utf8_with_bom_is_dropped_and_reported():
    a = read(codecs.BOM_UTF8 + ARTICLE.encode("utf-8"))
    assert (a.input.encoding, a.input.bom, a.input.encoding_guessed) == ("utf-8", True, False)
    assert not a.original.startswith("\ufeff")
    assert_body_kept(a)
    assert_offsets_map_back(a)


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_with_bom(codec):
    bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
    a = read(bom + ARTICLE.encode(codec))
    assert (a.input.encoding, a.input.bom) == ("utf-16", True)
    assert_body_kept(a)
    assert_offsets_map_back(a)


def test_cp1252_fallback_is_reported():
    a = read(ARTICLE.encode("cp1252"))
    assert a.input.encoding == "cp1252" and a.input.encoding_guessed
    assert any("cp1252" in w for w in a.warnings)
    assert_body_kept(a)  # curly quotes and é come out right


def test_latin1_fallback_when_cp1252_cannot_decode():
    # 0x81 is undefined in cp1252: only latin-1 decodes it (as a C1 control, then removed)
    data = "Harga kopi di café itu naik.\nKopi arabika paling mahal.\n".encode("latin-1").replace(b"naik", b"naik\x81")
    a = read(data)
    assert a.input.encoding == "latin-1" and a.input.encoding_guessed
    assert a.input.control_chars_removed == 1
    assert "café" in a.text and "\x81" not in a.text


def test_utf8_with_a_few_bad_bytes_stays_utf8():
    data = ARTICLE.encode("utf-8").replace(b"Jumat", b"Jum\xffat")
    a = read(data)
    assert a.input.encoding == "utf-8" and a.input.encoding_guessed
    assert "“Moskow siap bekerja sama,”" in a.text  # not garbled into â€œ
    assert "Jum\ufffdat" in a.text
    assert decode(data).replaced == 1


@pytest.mark.parametrize(("newline", "style"), [("\r\n", "CRLF"), ("\r", "CR"), ("\n", "LF")])
def test_newlines(newline, style):
    a = read(ARTICLE.replace("\n", newline).encode("utf-8"))
    assert a.input.newlines == style
    assert_body_kept(a)
    assert_offsets_map_back(a)
    assert "\r" not in a.text


def test_mixed_newlines_are_all_reported():
    text = "Judul Berita Ini\r\nParagraf satu di sini.\rParagraf dua di sini.\nParagraf tiga di sini.\n"
    a = read(text)
    assert a.input.newlines == "CR+CRLF+LF"
    assert [a.text[p.start : p.end] for p in a.paragraphs] == [
        "Paragraf satu di sini.",
        "Paragraf dua di sini.",
        "Paragraf tiga di sini.",
    ]
    assert_offsets_map_back(a)


def test_nul_and_control_characters_removed_and_reported():
    dirty = ARTICLE.replace("bertemu John", "ber\x00temu\x07 John").replace("Moskow", "Mos\x1bkow\x7f")
    a = read(dirty.encode("utf-8"))
    assert a.input.control_chars_removed == 4
    assert any("4 control characters" in w for w in a.warnings)
    assert_body_kept(a)
    # the cleaned paragraph maps to the span of the original that still holds the controls
    p = a.paragraphs[0]
    s, e = a.to_original(p.start, p.end)
    assert a.original[s:e].replace("\x00", "").replace("\x07", "") == a.text[p.start : p.end]


def test_tabs_form_feeds_and_nbsp_are_whitespace_not_removed():
    a = read("Judul Berita Ini\n\tParagraf\u00a0satu di sini.\t\n\x0cParagraf dua di sini.\n")
    assert [a.text[p.start : p.end] for p in a.paragraphs] == ["Paragraf\u00a0satu di sini.", "Paragraf dua di sini."]


def test_normalise_keeps_offsets_exact_when_nfc_changes_length():
    decomposed = "Judul\nCafe\u0301 itu ramai.\n"  # "é" as e + combining accent
    n = normalise(decomposed)
    assert n.text == decomposed  # length-changing NFC is not applied, offsets stay exact
    assert n.map.span_to_source(0, len(n.text)) == (0, len(decomposed))


@pytest.mark.parametrize(
    "data",
    [
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x10",
        b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj",
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00",
        b"\x7fELF\x02\x01\x01\x00",
        bytes(range(256)) * 20,
    ],
)
def test_binary_data_is_refused(data):
    assert looks_binary(data)
    with pytest.raises(InputError, match="binary"):
        read(data)


@pytest.mark.parametrize("data", [b"", b"   \n\t\r\n", codecs.BOM_UTF8, "\ufeff \n".encode()])
def test_empty_input_is_refused(data):
    with pytest.raises(InputError, match="empty"):
        read(data)


def test_text_with_a_few_nuls_is_still_text():
    assert not looks_binary(b"Paragraf satu\x00 di sini dan paragraf dua.\n" * 3)
