"""Mine where named venues are from the raw news: "di Hotel Bidakara, Jakarta Selatan".

    python training/geo/mine_venues.py [--data ../shared/data] > lang-id-venues.tsv

A venue is a name opening with one of the pack's venue words (``lang/id/geo.toml [venues]``:
Hotel, Gedung, Istana, Stadion, ...; streets left out, their names repeat across cities) followed
by capitalised words; where the text writes it followed by commas and Indonesian places the
gazetteer knows without doubt (", Kuningan, Jakarta Selatan": the last, or an earlier one inside
it), that is one observation of where the venue is (a province alone counts as one too, so a
venue seen in Jakarta and in Bogor is not placed). Counted by distinct article
over the 22k CLICK-ID articles, the gold standard's dev and test articles left out. A venue is
kept when at least ``--min-docs`` articles place it and at least ``--min-share`` of them agree
on its regency. Output columns: venue, country, province, regency, articles, share.
The shipped table is ``src/warta/lang/id/venues.tsv``. On review, venue names every city has
("Balai Kota", "Masjid Agung") went to ``geo.toml [venues] generic`` and are left out.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))

from warta.evaluate.gold_corpus import unseen_click_texts  # noqa: E402
from warta.geo.gazetteer import load  # noqa: E402
from warta.geo.names import geo_data, key  # noqa: E402
from warta.geo.resolve import candidates, choose  # noqa: E402

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
CAP = r"(?:[A-Z0-9][\w'.&-]*)"
LINK = r"(?:\s+(?:dan|di|ke|no\.?|nomor)\s+|\s+)"
PLACE = r"[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2}"


def pattern(lang: str = "id") -> re.Pattern[str]:
    words = sorted(geo_data(lang).get("venues", {}).get("words", []), key=len, reverse=True)
    heads = "|".join(re.escape(w) for w in words)
    return re.compile(rf"\b((?:{heads})(?:{LINK}{CAP}){{1,6}})((?:,\s+{PLACE}\b)+)")


def where(name: str, cache: dict[str, tuple[str, str, str] | None]) -> tuple[str, str, str] | None:
    """(country, province, regency or "") of an Indonesian province, city, regency or district the
    gazetteer is sure of."""
    if name not in cache:
        ch = choose(candidates([name], load(), "id", mined=False), home="ID")
        p = ch.place
        ok = p is not None and p.country == "ID" and p.kind in ("province", "city", "regency", "district", "town")
        cache[name] = (p.country, p.admin1, p.admin2) if ok and p else None
    return cache[name]


def chain(places: str, cache: dict[str, tuple[str, str, str] | None]) -> tuple[str, str, str] | None:
    """The last place of ", Kuningan, Jakarta Selatan" that the gazetteer is sure of, refined by an
    earlier one inside it (a district of that regency)."""
    found = [w for w in (where(p.strip(), cache) for p in places.split(",") if p.strip()) if w]
    if not found:
        return None
    last = found[-1]
    for w in found[:-1]:
        if w[1] == last[1] and w[2] and not last[2]:
            return w
    return last


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min-docs", type=int, default=2)
    ap.add_argument("--min-share", type=float, default=0.8)
    args = ap.parse_args()
    rx = pattern()
    streets = [key(w) for w in geo_data().get("venues", {}).get("streets", [])]
    generic = {key(w) for w in geo_data().get("venues", {}).get("generic", [])}
    seen: dict[str, dict[tuple[str, str, str], set[int]]] = defaultdict(lambda: defaultdict(set))
    names: dict[str, Counter[str]] = defaultdict(Counter)
    cache: dict[str, tuple[str, str, str] | None] = {}
    n = 0
    for n, text in enumerate(unseen_click_texts(args.data, ROOT / "bench" / "gold"), 1):
        for m in rx.finditer(text):
            w = chain(m.group(2), cache)
            venue = " ".join(m.group(1).split())
            if w is None or key(venue) in generic or any(key(venue).startswith(s + " ") for s in streets):
                continue
            seen[key(venue)][w].add(n)
            names[key(venue)][venue] += 1
    rows = [r for _k, r in agreed(seen, names, args.min_docs, args.min_share)]
    header = (
        "Where named venues are, mined from the raw news by training/geo/mine_venues.py: the regency\n"
        "(or the province alone) that the text writes after the venue's name, agreed by >= 80% of the\n"
        f"articles. {n} articles read (gold dev/test left out); {len(rows)} venues in >= {args.min_docs} articles."
    )
    write_table(header, "venue", rows)
    return 0


Row = tuple[str, str, str, str, int, float]


def agreed(
    seen: dict[str, dict[tuple[str, str, str], set[int]]],
    names: dict[str, Counter[str]],
    min_docs: int,
    min_share: float,
) -> list[tuple[str, Row]]:
    """(key, row) of the names placed in >= min_docs articles, >= min_share of them in one place;
    a row is (the name as most often written, country, province, regency, articles, share)."""
    out = []
    for k, places in seen.items():
        total = len(set().union(*places.values()))
        best, docs = max(places.items(), key=lambda kv: len(kv[1]))
        if total >= min_docs and len(docs) / total >= min_share:
            out.append((k, (names[k].most_common(1)[0][0], *best, total, round(len(docs) / total, 2))))
    return sorted(out, key=lambda kr: (-kr[1][4], kr[1][0]))


def write_table(header: str, column: str, rows: list[Row]) -> None:
    for line in header.splitlines():
        print(f"# {line}")
    print(f"{column}\tcountry\tprovince\tregency\tarticles\tshare")
    for r in rows:
        print("\t".join(str(x) for x in r))


if __name__ == "__main__":
    raise SystemExit(main())
