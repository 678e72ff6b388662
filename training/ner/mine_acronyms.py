"""Mine organisations from "Nama Panjang (SINGKATAN)" and "SINGKATAN (Nama Panjang)" in the raw news.

    python training/ner/mine_acronyms.py [--data ../shared/data] [--min-docs 2] > /tmp/acronym_candidates.tsv

Issue 16: an organisation's acronym and its expansion are one entity, and either form is an
organisation wherever the model misses it. Indonesian news spells the pair out on first mention
("Komisi Pemberantasan Korupsi (KPK)", "BPS (Badan Pusat Statistik)"); across the 22k CLICK-ID
raw articles these pairs give a lexicon of organisations with their short names.

A candidate pair: a run of capitalised words (joined by a few lower-case links such as "dan",
"untuk") right before a bracket holding a short form that the long form's initials can spell
(letters of the short form taken in order from the starts of the long form's words and their
syllables), or the reverse. Counted by distinct article; the articles of the gold standard's dev
and test parts are left out so that the lexicon learns nothing from them. Output: a TSV with
short form, long form, kind guess (ORG when the long form opens with an organisation head of
``lang/id`` or a company form, PER/LOC/OTHER otherwise), article count. The reviewed result is
``src/warta/lang/id/organisations.tsv`` (see its header for the review).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.evaluate.gold_corpus import click_rows, read_manifest, text_hash  # noqa: E402

OUTLETS = (
    "kompas",
    "tempo",
    "sindonews",
    "okezone",
    "tribunnews",
    "pos_metro",
    "kapanlagi",
    "wowkeren",
    "fimela_combined",
)
LINKS = {"dan", "untuk", "dari", "atas", "pada", "se", "of", "and", "for", "the", "&", "di"}
CAP = r"[A-Z][\w'.&-]*"
LONG = rf"{CAP}(?:\s+(?:{'|'.join(sorted(LINKS - {'&'}))}|&|{CAP}))*"
SHORT = r"[A-Z][A-Za-z0-9&-]{1,14}"
FWD = re.compile(rf"({LONG})\s*\(\s*({SHORT})\s*\)")
REV = re.compile(rf"\b({SHORT})\s*\(\s*({LONG})\s*\)")
ORG_HEADS = {
    "komisi", "badan", "kementerian", "partai", "dinas", "universitas", "institut", "lembaga", "dewan",
    "majelis", "mahkamah", "pengadilan", "kejaksaan", "kepolisian", "polda", "polres", "bank", "perusahaan",
    "persatuan", "perserikatan", "asosiasi", "ikatan", "himpunan", "gerakan", "front", "forum", "yayasan",
    "pusat", "balai", "direktorat", "sekolah", "rumah", "biro", "kantor", "satuan", "korps", "pasukan",
    "tentara", "angkatan", "organisasi", "perhimpunan", "serikat", "federasi", "komite", "konfederasi",
    "pemerintah", "pemerintahan", "otoritas", "unit", "divisi", "fakultas", "akademi",
    "politeknik", "koperasi", "perum", "pt", "cv", "tim", "panitia", "inspektorat",
    "kemenko", "kementrian", "keluarga", "paguyuban", "liga", "klub", "federation",
    "association", "agency", "organization", "organisation", "council", "committee", "commission",
    "national", "international", "united", "world", "bureau", "department", "ministry", "party", "union",
    "university", "institute", "corporation", "company", "group", "fund", "foundation", "centre",
    "center", "office", "court", "police", "army", "force", "forces", "service", "news",
}  # fmt: skip
PLACE_HEADS = {"provinsi", "kabupaten", "kota", "kecamatan", "desa", "kelurahan", "pulau", "daerah", "jalan", "jl"}


def _pieces(word: str) -> list[str]:
    """A word's initial-bearing pieces: the word, its hyphen parts, and its syllable-ish starts."""
    return [p for p in re.split(r"[-/]", word) if p]


def spells(short: str, long: str) -> bool:
    """Can the short form be read from the long form: its letters in order, the first letter of
    the first word first, every letter taken from the start of a word or from inside one after
    an earlier letter of that word was taken (Kemendagri, Bappenas)?"""
    s = [c for c in short.lower() if c.isalnum()]
    words = [w.lower() for w in long.split() if w.lower() not in LINKS]
    if not s or not words or s[0] != words[0][0] or len(s) > 3 * len(words) + 4:
        return False

    def go(i: int, w: int, j: int) -> bool:
        # i: next short letter; w: word index; j: position inside the word (-1: word not started)
        if i == len(s):
            return w >= len(words) - 1
        if w >= len(words):
            return False
        word = words[w]
        if j < 0:  # must start this word with its first letter, or skip it if it is a link-ish word
            return word[0] == s[i] and go(i + 1, w, 0)
        k = word.find(s[i], j + 1)
        if k >= 0 and go(i + 1, w, k):
            return True
        return go(i, w + 1, -1)

    return go(0, 0, -1)


def shortest_spelling(short: str, run: str) -> str | None:
    """The shortest tail of a run of capitalised words that spells ``short`` ("Ketua Komisi
    Pemberantasan Korupsi" + "KPK" -> "Komisi Pemberantasan Korupsi")."""
    words = run.split()
    for i in range(len(words) - 1, -1, -1):
        if words[i].lower() in LINKS:
            continue
        tail = " ".join(words[i:])
        if spells(short, tail):
            return tail
    return None


def kind(long: str) -> str:
    first = long.split()[0].lower().rstrip(".")
    if first in ORG_HEADS or any(w.lower() in ("pt", "tbk", "persero") for w in long.split()):
        return "ORG"
    if first in PLACE_HEADS:
        return "LOC"
    return "OTHER"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min-docs", type=int, default=2)
    args = ap.parse_args()
    held_out = {r["sha256"] for r in read_manifest(ROOT / "bench" / "gold") if r["split"] in ("dev", "test")}
    docs: dict[tuple[str, str], set[int]] = defaultdict(set)
    n = 0
    for outlet in OUTLETS:
        for row in click_rows(args.data, outlet):
            text = row.get("content") or ""
            if not text or text_hash(text) in held_out:
                continue
            n += 1
            for m in FWD.finditer(text):
                long = shortest_spelling(m.group(2), _trim(m.group(1)))
                if long:
                    docs[(m.group(2), long)].add(n)
            for m in REV.finditer(text):
                long = _trim(m.group(2))
                if long and spells(m.group(1), long):
                    docs[(m.group(1), long)].add(n)
    counts = Counter({k: len(v) for k, v in docs.items() if len(v) >= args.min_docs})
    print(f"# {n} articles read (gold dev/test left out); {len(counts)} pairs in >= {args.min_docs} articles")
    print("short\tlong\tkind\tarticles")
    for (short, long), c in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"{short}\t{long}\t{kind(long)}\t{c}")
    return 0


def _trim(long: str) -> str:
    """The long form without leading words that cannot open a name (sentence openers, links)."""
    words = long.split()
    while words and (words[0].lower() in LINKS or not words[0][:1].isupper()):
        words.pop(0)
    while words and words[-1].lower() in LINKS:
        words.pop()
    return " ".join(words)


if __name__ == "__main__":
    raise SystemExit(main())
