"""Mine where the news puts places the gazetteer lacks or cannot tell apart: "di Kuningan, Jakarta
Selatan", "kawasan Kemang, Jakarta Selatan", "di Timika, Papua".

    python training/geo/mine_localities.py [--data ../shared/data] > src/warta/lang/id/localities.tsv

A locality is one to three capitalised words after a locative word of the pack (``geo.toml
locative_words``: di, ke, kawasan, ...), followed by commas and Indonesian places the gazetteer is
sure of (the last of the chain, refined by an earlier one inside it, as in ``mine_venues``).
Counted by distinct article over the 22k CLICK-ID articles (gold dev and test left out); kept
when at least ``--min-docs`` articles place it and at least ``--min-share`` agree on its regency
(or province), and when the gazetteer alone would not already give that regency. Venue names
are ``mine_venues.py``'s, and left out here; so are clitic forms ("Kantornya") and the names the
first run's review found to name no one place (``geo.toml generic_localities``).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "training" / "geo"))

from mine_venues import PLACE, agreed, chain, write_table  # noqa: E402

from warta.evaluate.gold_corpus import unseen_click_texts  # noqa: E402
from warta.geo.gazetteer import load  # noqa: E402
from warta.geo.names import geo_data, is_venue, key, regions  # noqa: E402
from warta.geo.resolve import candidates, choose  # noqa: E402

NAME = r"([A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--min-docs", type=int, default=3)
    ap.add_argument("--min-share", type=float, default=0.8)
    args = ap.parse_args()
    words = sorted(geo_data().get("locative_words", []), key=len, reverse=True)
    generic = {key(w) for w in geo_data().get("generic_localities", [])}
    rx = re.compile(rf"\b(?:{'|'.join(re.escape(w) for w in words)})\s+{NAME}((?:,\s+{PLACE}\b)+)")
    seen: dict[str, dict[tuple[str, str, str], set[int]]] = defaultdict(lambda: defaultdict(set))
    names: dict[str, Counter[str]] = defaultdict(Counter)
    cache: dict[str, tuple[str, str, str] | None] = {}
    n = 0
    for n, text in enumerate(unseen_click_texts(args.data, ROOT / "bench" / "gold"), 1):
        for m in rx.finditer(text):
            name = m.group(1)
            if is_venue(name, "id") or key(name) in regions("id") or key(name) in generic:
                continue
            if name.split()[-1].endswith("nya"):  # a clitic: "Kantornya" is someone's office
                continue
            w = chain(m.group(2), cache)
            if w is None:
                continue
            seen[key(name)][w].add(n)
            names[key(name)][name] += 1
    gaz = load()
    rows = []
    for k, row in agreed(seen, names, args.min_docs, args.min_share):
        best = row[1:4]
        alone = choose(candidates([k], gaz, "id", mined=False), home="ID").place
        if alone is not None and alone.admin1 == best[1] and (not best[2] or alone.admin2 == best[2]):
            continue  # the gazetteer already says so, or more
        if alone is not None and alone.kind in ("country", "province") or (alone and alone.country != "ID"):
            continue  # a country, province or foreign city is not a locality
        rows.append(row)
    header = (
        "Where the news puts places the gazetteer lacks or cannot tell apart, mined from the raw news by\n"
        "training/geo/mine_localities.py: 'di Kuningan, Jakarta Selatan', agreed by >= 80% of the articles.\n"
        f"{n} articles read (gold dev/test left out); {len(rows)} localities in >= {args.min_docs} articles."
    )
    write_table(header, "locality", rows)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
