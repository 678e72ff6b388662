"""How consistently NER-UGM draws TIME and QUANTITY span boundaries (needs ``../shared/data``).

    .venv/bin/python bench/nerugm_conventions.py [--data ../shared/data/indolem-nerugm]

Reads the whole corpus once (fold 01's train, dev and test files: every sentence, each once)
and counts, for the boundary words where annotators must choose, how often the word is inside
the span and how often it is left just outside it:

- words before a span: modifiers ("sekitar 10 ribu", "lebih dari"), "pada", "tahun", "pukul";
- words after a TIME span: "lalu", "mendatang", "pagi", "malam", "WIB";
- the counted thing after a QUANTITY's number ("dua roket" vs "dua" + "roket");
- a year on its own after a word that is no month ("Pemilu 2014", "produksi 2006", "pada 2009"):
  labelled TIME or not (a label-or-not choice, like the next);
- a number right before a lower-case word, in digits or in words: labelled QUANTITY or not
  (printed only: whether a number is a quantity at all is no boundary choice).

For each word, the smaller of the two counts is what a tagger that follows the corpus's own
majority for that word gets wrong: a boundary word costs a spurious and a missed span; a number
labelled against the majority for its word (numbers in digits count as one kind), a missed or
a spurious one. From these the last lines print the exact-span F1 such a tagger reaches at most
if it is right everywhere else. Boundary words seen fewer than 3 times are left out. An estimate
of what this data lets an exact-span score reach, not a proof: context may explain part of a
choice, and boundaries not listed here have inconsistencies of their own.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter, defaultdict
from pathlib import Path

from warta import lang
from warta.evaluate.nerugm_reader import read_bio
from warta.training.ner import bio_spans

# The boundary words examined (an analysis choice, not language knowledge Warta uses).
BEFORE = {
    "QUANTITY": ["sekitar", "lebih", "hampir", "sedikitnya", "setidaknya", "kurang", "hingga", "sampai"]
    + ["mencapai", "sebanyak", "sebesar", "sejumlah", "total", "dari"],
    "TIME": ["pada", "sejak", "hingga", "sampai", "tahun", "bulan", "pukul", "hari", "tanggal", "akhir", "awal"]
    + ["pertengahan", "medio"],
}
AFTER_TIME = ["lalu", "mendatang", "depan", "ini", "kemarin", "pagi", "siang", "sore", "malam", "wib", "wita", "wit"]
NUMBER = re.compile(r"^\d[\d.,/]*$")
# number words and units from the language pack
_NUM = lang.get("id").toml("numbers")
NUMBER_WORDS = frozenset(
    w
    for table in ("units", "small_multipliers", "large_multipliers", "plural_multipliers", "fractions")
    for w in _NUM.get(table, {})
) | {_NUM.get("teen", {}).get("word", "belas")}
UNITS = frozenset(
    w.lower() for table in ("currency_prefix", "currency_suffix", "units_after") for w in _NUM.get(table, {})
)
YEAR = re.compile(r"^(19|20)\d\d$")
MONTHS = frozenset(m.lower() for m in lang.get("id").toml("time").get("months", {}))


def sentences(folder: Path) -> list[tuple[list[str], list[str]]]:
    seen: set[tuple[str, ...]] = set()
    out = []
    for name in ("train.01.tsv", "dev.01.tsv", "test.01.tsv"):
        for toks, labs in read_bio(folder / name):
            key = tuple(toks)
            if key not in seen:
                seen.add(key)
                out.append((toks, labs))
    return out


def numeric(tok: str) -> bool:
    return bool(NUMBER.match(tok)) or tok.lower() in NUMBER_WORDS


def count(sents: list[tuple[list[str], list[str]]]) -> tuple[dict[str, Counter[tuple[str, str]]], Counter[str]]:
    """``{group: Counter((word, "in"|"out"))}`` and the number of spans per label."""
    groups: dict[str, Counter[tuple[str, str]]] = defaultdict(Counter)
    totals: Counter[str] = Counter()
    for toks, labs in sents:
        low = [t.lower() for t in toks]
        for label in ("TIME", "QUANTITY"):
            for a, b, _ in (x for x in bio_spans(labs) if x[2] == label):
                totals[label] += 1
                # a word opening the span, or just before it
                if low[a] in BEFORE[label] and b - a > 1:
                    groups[f"{label}: word before"][(low[a], "in")] += 1
                if a > 0 and low[a - 1] in BEFORE[label] and labs[a - 1] == "O":
                    groups[f"{label}: word before"][(low[a - 1], "out")] += 1
                if label == "TIME":
                    if low[b - 1] in AFTER_TIME and b - a > 1:
                        groups["TIME: word after"][(low[b - 1], "in")] += 1
                    if b < len(toks) and low[b] in AFTER_TIME and labs[b] == "O":
                        groups["TIME: word after"][(low[b], "out")] += 1
                else:
                    # the counted thing: the first lower-case word after the number and unit
                    k = a
                    while (
                        k < len(toks) and k < b + 1 and (numeric(toks[k]) or low[k] in UNITS or low[k] in BEFORE[label])
                    ):
                        k += 1
                    if a < k < len(toks) and toks[k].isalpha() and toks[k].islower() and low[k] not in UNITS:
                        groups["QUANTITY: counted thing after the number"][(low[k], "in" if k < b else "out")] += 1
        for i, tok in enumerate(toks):
            # a number (its first token) right before a lower-case word: labelled at all?
            # (a year is no count: "Pemilu 2014 mendatang" is left out)
            if numeric(tok) and not YEAR.match(tok) and not (i and numeric(toks[i - 1])) and i + 1 < len(toks):
                nxt = toks[i + 1]
                if nxt.isalpha() and nxt.islower() and labs[i] in ("O", "B-QUANTITY", "I-QUANTITY"):
                    kind = "(any number in digits)" if NUMBER.match(tok) else tok.lower()
                    scope = "QUANTITY: a number before a word, labelled"
                    groups[scope][(kind, "in" if labs[i] != "O" else "out")] += 1
            # a year after a word that is no month and no time word ("Pemilu 2014", "produksi
            # 2006", "pada 2009"): labelled TIME at all?
            prev = low[i - 1] if i else ""
            if YEAR.match(tok) and prev.isalpha() and prev not in MONTHS and labs[i] in ("O", "B-TIME"):
                if prev in BEFORE["TIME"] or prev in ("dari", "di", "ke", "dalam", "sebelum", "setelah"):
                    kind = "(after a preposition or time word)"
                else:
                    kind = "(after a capitalised word)" if toks[i - 1][:1].isupper() else "(after a lower-case word)"
                groups["TIME: a bare year, labelled"][(kind, "in" if labs[i] == "B-TIME" else "out")] += 1
    return groups, totals


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data/indolem-nerugm"))
    args = ap.parse_args()
    if not (args.data / "train.01.tsv").exists():
        raise SystemExit(f"error: NER-UGM not found in {args.data} (see ../shared/data)")
    sents = sentences(args.data)
    groups, totals = count(sents)
    # what a tagger that follows the corpus's majority for each word (and each kind of number)
    # must get wrong: a boundary choice costs a spurious and a missed span; a number labelled
    # against the majority for its kind, a missed one, and one left unlabelled, a spurious one
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    print(f"NER-UGM, {len(sents)} sentences: {totals['TIME']} TIME spans, {totals['QUANTITY']} QUANTITY spans")
    for group in sorted(groups):
        c = groups[group]
        label = group.split(":")[0]
        words = sorted({w for w, _ in c}, key=lambda w: (-(c[(w, "in")] + c[(w, "out")]), w))
        print(f"\n{group}        in  out  minority")
        for w in words:
            i, o = c[(w, "in")], c[(w, "out")]
            if "labelled" in group:  # a label-or-not choice
                fn[label] += i if o > i else 0
                fp[label] += o if i >= o else 0
            elif i + o >= 3:
                fp[label] += min(i, o)
                fn[label] += min(i, o)
            if i + o >= 3:
                print(f"  {w:26s} {i:4d} {o:4d}  {min(i, o) / (i + o):.0%}")
    print()
    for label in ("TIME", "QUANTITY"):
        tp = totals[label] - fn[label]
        f1 = 2 * tp / (2 * tp + fp[label] + fn[label])
        print(
            f"{label}: following the corpus's majority word by word costs {fn[label]} missed and "
            f"{fp[label]} spurious of {totals[label]} spans: exact-span F1 {f1:.3f} at most, if all else is right"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
