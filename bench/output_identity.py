"""Is a refactor behaviour-preserving? Dump the whole output of a fixed sample, then compare.

    python bench/output_identity.py dump before.jsonl            # on the old commit
    python bench/output_identity.py dump after.jsonl             # on the new one
    python bench/output_identity.py compare before.jsonl after.jsonl

The sample: 60 raw CLICK-ID articles per outlet file (seed 5; 540 in all) and the bundled
examples, each run with published=2019-09-10; the output is ``Article.to_dict()``. ``--src``
runs another checkout's code (``--src ../old/src``). ``compare`` exits 1 when any article differs
and prints the first differences.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import random
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _sample(data: Path) -> list[tuple[str, str, str | None]]:
    csv.field_size_limit(1 << 27)
    rng = random.Random(5)
    docs: list[tuple[str, str, str | None]] = []
    for f in sorted((data / "click-id-raw-articles" / "csv_converted").glob("*.csv.gz")):
        with gzip.open(f, "rt", encoding="utf-8", newline="") as fh:
            rows = list(csv.DictReader(fh))
        for i in rng.sample(range(len(rows)), 60):
            docs.append((f.stem + str(i), rows[i]["content"], rows[i]["url"]))
    for p in sorted((ROOT / "examples" / "articles").glob("*")):
        if p.suffix in (".txt", ".html"):
            docs.append((p.name, p.read_text(encoding="utf-8"), None))
    return docs


def dump(out: Path, data: Path, src: Path) -> int:
    sys.path.insert(0, str(src))
    from warta.pipeline import Pipeline
    from warta.read.record import RawDocument

    pipe = Pipeline.default()
    docs = _sample(data)
    with out.open("w", encoding="utf-8") as fh:
        for name, text, url in docs:
            try:
                d = pipe.run(RawDocument(content=text, url=url, published="2019-09-10", name=name)).to_dict()
            except Exception as exc:  # noqa: BLE001 - a failure is part of the behaviour compared
                d = {"error": repr(exc)}
            fh.write(json.dumps({"name": name, "out": d}, ensure_ascii=False, sort_keys=True) + "\n")
    print(f"{len(docs)} articles -> {out}")
    return 0


def compare(a_path: Path, b_path: Path) -> int:
    def load(p: Path) -> dict[str, object]:
        return {r["name"]: r["out"] for r in map(json.loads, p.read_text(encoding="utf-8").splitlines())}

    a, b = load(a_path), load(b_path)
    diff = [k for k in a if a[k] != b.get(k)]
    print(f"{len(a)} articles, {len(diff)} differ")
    for k in diff[:10]:
        x, y = a[k], b.get(k) or {}
        keys = sorted(kk for kk in set(x) | set(y) if x.get(kk) != y.get(kk))  # type: ignore[union-attr]
        print(f"  {k}: {', '.join(keys)}")
    return 1 if diff else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="action", required=True)
    d = sub.add_parser("dump")
    d.add_argument("out", type=Path)
    d.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    d.add_argument("--src", type=Path, default=ROOT / "src")
    c = sub.add_parser("compare")
    c.add_argument("before", type=Path)
    c.add_argument("after", type=Path)
    args = ap.parse_args()
    if args.action == "dump":
        return dump(args.out, args.data, args.src)
    return compare(args.before, args.after)


if __name__ == "__main__":
    raise SystemExit(main())
