"""Near-duplicate detection (warta.dedup) on the labelled pairs of bench/dedup/pairs.jsonl.

    .venv/bin/python bench/dedup.py                      # the detector on the pairs' texts
    .venv/bin/python bench/dedup.py --db click.db        # and the links an archive holds (copies table)
    .venv/bin/python bench/dedup.py --combine mean --sentence-match 0.5   # a scoring variant

The 130 pairs were sampled from the CLICK-ID articles across similarity bands and labelled by reading
both texts (bench/dedup/README.md: how, and what counts as a copy). The texts are read from
../shared/data/click-id-raw-articles and cleaned as `warta ingest` cleans them (Pipeline.read).
The threshold is chosen on the dev half (the highest recall with precision >= 0.98, else the best
F1) and the figures are reported on the test half; the shipped threshold (warta.dedup.THRESHOLD)
is reported on both. LSH recall: the share of labelled copies that share a band hash (become
candidates). With --db, each pair is looked up by URL and counted as detected when both articles
are in one copy group of the archive.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from warta import dedup  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "click-id-raw-articles" / "csv_converted"
PAIRS = ROOT / "bench" / "dedup" / "pairs.jsonl"
TARGET_P = 0.98
# how the two shares of dedup.shares make one score: min is what dedup.similarity ships; the others are
# variants to measure (issue 21: mean and geo were chosen on dev and lost precision on test)
COMBINE = {"min": min, "mean": lambda x, y: (x + y) / 2, "geo": lambda x, y: (x * y) ** 0.5}


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def clean_texts(urls: set[str]) -> dict[str, str]:
    """The cleaned body of each labelled article, as warta ingest would store it."""
    from warta.pipeline import Pipeline
    from warta.read.record import RawDocument

    csv.field_size_limit(2**31 - 1)
    pipe = Pipeline.default()
    out: dict[str, str] = {}
    for path in sorted(DATA.glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for row in csv.DictReader(fh):
                url = row.get("url") or ""
                if url in urls and url not in out:
                    doc = RawDocument(content=row["content"], url=url, title=row["title"], outlet=row["source"])
                    out[url] = pipe.read(doc).text
    return out


def prf(scored: list[tuple[float, bool]], threshold: float) -> tuple[float, float, float, int, int]:
    tp = sum(1 for s, y in scored if s >= threshold and y)
    fp = sum(1 for s, y in scored if s >= threshold and not y)
    fn = sum(1 for s, y in scored if s < threshold and y)
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0), fp, fn


def choose(scored: list[tuple[float, bool]]) -> float:
    grid = [t / 100 for t in range(30, 100)]
    ok = [t for t in grid if prf(scored, t)[0] >= TARGET_P]
    if ok:
        return max(ok, key=lambda t: (prf(scored, t)[1], -t))
    return max(grid, key=lambda t: prf(scored, t)[2])


def line(name: str, scored: list[tuple[float, bool]], t: float) -> str:
    p, r, f, fp, fn = prf(scored, t)
    return f"{name:<28} n={len(scored):>3}  threshold {t:.2f}  P={p:.3f} R={r:.3f} F1={f:.3f}  (fp {fp}, fn {fn})"


def archive_links(db: str, pairs: list[dict]) -> None:
    from warta.store import open_store

    with open_store(db) as store:
        ids = {}
        for p in pairs:
            for u in (p["a_url"], p["b_url"]):
                found = store.get_article_by_url(u)
                if found:
                    ids[u] = found["id"]
        groups = {}
        for aid in set(ids.values()):
            g = store.copy_group(aid)  # type: ignore[attr-defined]
            groups[aid] = g["original"] if g else aid
    for split in ("dev", "test"):
        rows = [p for p in pairs if p["split"] == split and p["a_url"] in ids and p["b_url"] in ids]
        scored = [(1.0 if groups[ids[p["a_url"]]] == groups[ids[p["b_url"]]] else 0.0, p["copy"]) for p in rows]
        missing = sum(1 for p in pairs if p["split"] == split) - len(rows)
        print(line(f"archive links, {split}", scored, 0.5) + f"  [{missing} pairs not in the archive]")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", help="also score the copy links stored in this archive")
    ap.add_argument("--sweep", action="store_true", help="print P/R/F1 on dev for every threshold")
    ap.add_argument("--sentence-match", type=float, help="a variant: dedup.SENTENCE_MATCH for this run")
    ap.add_argument(
        "--combine", choices=sorted(COMBINE), default="min", help="a variant: how the two shares make one score"
    )
    args = ap.parse_args()
    if args.sentence_match is not None:
        dedup.SENTENCE_MATCH = args.sentence_match
    pairs = load_pairs()
    texts = clean_texts({u for p in pairs for u in (p["a_url"], p["b_url"])})
    lost = [p["n"] for p in pairs if p["a_url"] not in texts or p["b_url"] not in texts]
    if lost:
        print(f"bench/dedup: {len(lost)} pairs whose texts are not in {DATA}", file=sys.stderr)
        return 1
    sents = {u: dedup.sentences(t) for u, t in texts.items()}
    sigs = {u: dedup.signature(dedup.shingles(t)) for u, t in texts.items()}
    combine = COMBINE[args.combine]
    score = {p["n"]: combine(*dedup.shares(sents[p["a_url"]], sents[p["b_url"]])) for p in pairs}
    dev = [(score[p["n"]], p["copy"]) for p in pairs if p["split"] == "dev"]
    test = [(score[p["n"]], p["copy"]) for p in pairs if p["split"] == "test"]
    if args.sweep:
        for t in range(50, 100, 5):
            print(line("dev sweep", dev, t / 100))
    chosen = choose(dev)
    print(line("dev (threshold chosen)", dev, chosen))
    print(line("test (threshold from dev)", test, chosen))
    print(line("dev (shipped threshold)", dev, dedup.THRESHOLD))
    print(line("test (shipped threshold)", test, dedup.THRESHOLD))
    copies = [p for p in pairs if p["copy"]]
    found = sum(1 for p in copies if set(sigs[p["a_url"]].bands()) & set(sigs[p["b_url"]].bands()))
    usable = sum(1 for p in copies if sigs[p["a_url"]].usable and sigs[p["b_url"]].usable)
    print(f"LSH candidates: {found}/{len(copies)} labelled copies share a band; {usable} long enough to be signed")
    for kind, keep in (("different headlines", lambda p: not p["same_title"]), ("rewritten leads", None)):
        sel = [p for p in copies if (keep(p) if keep else "lead" in p["note"])]
        hit = sum(1 for p in sel if score[p["n"]] >= dedup.THRESHOLD)
        print(f"  copies with {kind}: {hit}/{len(sel)} detected at the shipped threshold")
    if args.db:
        archive_links(args.db, pairs)
    return 0


if __name__ == "__main__":
    sys.exit(main())
