"""Decode plain-text input bytes robustly and normalise newlines and control characters."""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from warta.errors import InputError
from warta.offsets import OffsetMap

# Control characters other than tab and newline; also DEL and C1 controls. U+FEFF inside text too.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ufeff]")
_NEWLINE = re.compile(r"\r\n|\r")

MAX_BYTES = 32 * 1024 * 1024  # inputs past this are refused with a clear message
MAX_ARTICLE_CHARS = 5_000_000  # one article longer than this is not a news article


@dataclass
class Decoded:
    text: str  # the decoded original (BOM removed), as the user gave it
    encoding: str
    guessed: bool
    bom: bool
    replaced: int = 0  # invalid byte sequences replaced by U+FFFD (UTF-8 with a few bad bytes)


_MAGICS = (
    b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b", b"BZh", b"\xfd7zXZ",
    b"7z\xbc\xaf", b"Rar!", b"\xd0\xcf\x11\xe0", b"RIFF", b"OggS", b"ID3", b"\x1a\x45\xdf\xa3", b"II*\x00",
    b"MM\x00*", b"wOFF", b"\xca\xfe\xba\xbe", b"SQLite format 3",
)  # fmt: skip
# C0 control bytes that text does not contain (tab, LF, FF and CR are text)
_BINARY_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(data: bytes) -> bool:
    """True for data that is clearly not text: a known file signature, or many control bytes
    (text in any single-byte or UTF-8 encoding has next to none; random or compressed data
    has about one in nine)."""
    head = data[:4096]
    if head.startswith(_MAGICS) or head[4:8] == b"ftyp":
        return True
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return False
    if not head:
        return False
    controls = len(head) - len(head.translate(None, _BINARY_CONTROLS))
    return controls > max(8, len(head) * 0.05)


def decode(data: bytes) -> Decoded:
    """Decode bytes: UTF-8 (with/without BOM), UTF-16 with BOM, else cp1252/latin-1 (guessed)."""
    if len(data) > MAX_BYTES:
        raise InputError(f"input is {len(data) // (1024 * 1024)} MB, over the {MAX_BYTES // (1024 * 1024)} MB limit")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[3:].decode("utf-8", errors="replace"), "utf-8", False, True)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return Decoded(data.decode("utf-16"), "utf-16", False, True)
        except UnicodeDecodeError as exc:
            raise InputError(f"invalid UTF-16 text: {exc.reason}") from None
    if looks_binary(data):
        raise InputError("binary data, not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8", False, False)
    except UnicodeDecodeError:
        pass
    # UTF-8 with a few corrupt bytes (a truncated download, a bad copy) must not be decoded as
    # cp1252: that would garble every correct “quote” and é in the text. It is UTF-8 when its
    # valid multi-byte characters outnumber its invalid sequences.
    text = data.decode("utf-8", errors="replace")
    replaced = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F) - replaced - data.count(b"\xef\xbf\xbd")
    if multibyte and multibyte >= replaced:
        return Decoded(text, "utf-8", True, False, replaced=replaced)
    # Legacy single-byte pages: cp1252 is a superset of latin-1's printable range, so try it
    # first; latin-1 decodes anything, so it is the last resort.
    try:
        text = data.decode("cp1252")
        return Decoded(text, "cp1252", True, False)
    except UnicodeDecodeError:
        return Decoded(data.decode("latin-1"), "latin-1", True, False)


@dataclass
class Normalised:
    text: str
    map: OffsetMap  # normalised -> original
    control_chars_removed: int
    newlines: str


def normalise(original: str) -> Normalised:
    """CRLF/CR to LF, drop control characters, NFC; keep an offset map back to ``original``.

    NFC is applied per piece only where it keeps the length (so offsets stay exact);
    pieces whose length would change are kept as they are.
    """
    styles = set()
    if "\r\n" in original:
        styles.add("CRLF")
    if re.search(r"\r(?!\n)", original):
        styles.add("CR")
    if re.search(r"(?<!\r)\n", original):
        styles.add("LF")
    newlines = "+".join(sorted(styles)) or "none"

    omap = OffsetMap()
    out: list[str] = []
    removed = 0
    pos = 0
    # one pass over the two kinds of edits: newline conversions and control-character drops
    for m in re.finditer(r"\r\n|\r|" + _CONTROL.pattern, original):
        if m.start() > pos:
            out.append(original[pos : m.start()])
            omap.copy(pos, m.start())
        tok = m.group(0)
        if tok in ("\r\n", "\r"):
            out.append("\n")
            # map the LF to the position of the CR
            omap.copy(m.start(), m.start() + 1)
        else:
            removed += 1
        pos = m.end()
    if pos < len(original):
        out.append(original[pos:])
        omap.copy(pos, len(original))
    text = "".join(out)
    nfc = unicodedata.normalize("NFC", text)
    if len(nfc) == len(text):
        text = nfc
    return Normalised(text, omap, removed, newlines)
