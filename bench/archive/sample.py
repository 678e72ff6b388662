"""Draw the labelled samples of the archive entities' bench (issue 21) from a resolved archive.

    python bench/archive/sample.py --db ARCHIVE.db --out bench/archive/

writes ``merges.jsonl`` (200 merges the resolver made, at random), ``candidates.jsonl`` (200
candidate pairs it looked at and did not merge, at random) and ``persons.jsonl`` (100 persons with
offices, at random among those named in >= 3 articles), each with the texts around the names in
their articles, for a reader to label (``labels.tsv``, ``offices.tsv``). ``population.json`` keeps
the sizes the samples were drawn from (the scorer weighs the two pair samples by them).
Seeded: the same archive gives the same samples.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path
from typing import Any

from warta.archive import present, resolve_store
from warta.store import open_store

SEED = 21


def pair_key(st: Any, a: int, b: int) -> str:
    ea, eb = st.get_entity(a), st.get_entity(b)
    return f"{ea['type']}:{ea['key']}|{eb['type']}:{eb['key']}"


def side(st: Any, eid: int) -> dict[str, Any]:
    e = st.get_entity(eid)
    return {"id": eid, "name": e["name"], "type": e["type"], "contexts": st.mention_contexts(eid, limit=2)}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--db", required=True)
    ap.add_argument("--out", default="bench/archive")
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--persons", type=int, default=100)
    args = ap.parse_args()
    out = Path(args.out)
    rng = random.Random(SEED)
    with open_store(args.db, query_seconds=None) as st:
        rep = resolve_store(st)
        links = sorted(rep.resolution.links, key=lambda lk: lk.entity_id)
        seen, rejected = set(), []
        for p in sorted(rep.resolution.rejected, key=lambda p: (p.source, p.target)):
            if (p.source, p.target) not in seen and st.archive_id(p.source) != st.archive_id(p.target):
                seen.add((p.source, p.target))
                rejected.append(p)
        with (out / "merges.jsonl").open("w", encoding="utf-8") as fh:
            for lk in rng.sample(links, min(args.n, len(links))):
                row = {"pair": pair_key(st, lk.entity_id, lk.archive_id), "rule": lk.rule, "evidence": lk.evidence}
                row |= {"a": side(st, lk.entity_id), "b": side(st, lk.archive_id)}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        with (out / "candidates.jsonl").open("w", encoding="utf-8") as fh:
            for p in rng.sample(rejected, min(args.n, len(rejected))):
                row = {"pair": pair_key(st, p.source, p.target), "rule": p.rule, "evidence": p.evidence}
                row |= {"a": side(st, p.source), "b": side(st, p.target)}
                fh.write(json.dumps(row, ensure_ascii=False) + "\n")
        persons = [
            e["id"] for e in st.find_entities(None, type="PER", limit=100000).items if st.archive_id(e["id"]) == e["id"]
        ]
        rng.shuffle(persons)
        n = 0
        with (out / "persons.jsonl").open("w", encoding="utf-8") as fh:
            for pid in persons:
                ent = present(st.archive_entity(pid))
                offices = [o for o in ent["offices"] if o["title"] and o["status"] == "office"]
                if ent["n_articles"] < 3 or not offices:
                    continue
                for o in offices[:3]:
                    o["contexts"] = st.mention_contexts(pid, article_ids=o["articles"][:1], limit=1)
                    for member in ent["names"]:
                        if not o["contexts"]:
                            o["contexts"] = st.mention_contexts(member["id"], article_ids=o["articles"][:1], limit=1)
                row = {
                    "person": f"PER:{st.get_entity(pid)['key']}",
                    "name": ent["name"],
                    "n_articles": ent["n_articles"],
                }
                fh.write(json.dumps(row | {"offices": offices[:3]}, ensure_ascii=False) + "\n")
                n += 1
                if n >= args.persons:
                    break
        pop = {"merges": len(links), "candidates": len(rejected), "articles": st.stats()["counts"]["articles"]}
        (out / "population.json").write_text(json.dumps(pop, indent=1) + "\n")
    print(f"sampled from {pop}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
