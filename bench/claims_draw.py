"""Draw the labelled sample of claims (``bench/claims/sample.jsonl``) from an archive.

    python bench/claims_draw.py ARCHIVE.db [--n 100] [--seed 21] [--out bench/claims/sample.jsonl]
    python bench/claims_draw.py ARCHIVE.db --out bench/claims/heldout.jsonl --exclude bench/claims/sample.jsonl

A candidate is any quantity inside a quotation (the claims query with every rule switched off);
the ``--n`` whose keys (article id, quotation and quantity index) hash lowest with the seed are
drawn (a random sample that keeps most of its members when drawn again from a grown archive, so
their labels carry over), each written with a small article around it:
the quotation's text with one character either side, its quotation, that quantity, the times and
entity mentions inside the window, offsets shifted to the window. Labels already in ``--out``
(same key) are kept; new lines come with ``"label": null`` to be filled by hand
(``docs/claims.md`` says how). ``--exclude`` leaves out the candidates of another sample (a
held-out sample beside the one the rules were written from). ``warta eval claims`` scores the
rules on the labelled lines.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from warta.store import open_store  # noqa: E402
from warta.store.claims import CLAIM_RULES, ClaimFilter  # noqa: E402


def _shift(span: dict[str, Any], lo: int, keys: tuple[str, ...] = ("start", "end")) -> dict[str, Any]:
    out = dict(span)
    for k in keys:
        if out.get(k) is not None:
            out[k] = int(out[k]) - lo
    return out


def mini_article(art: dict[str, Any], qi: int, ni: int) -> dict[str, Any]:
    """The article cut to the quotation (one character either side), with that quotation and quantity."""
    q, n = art["quotes"][qi], art["quantities"][ni]
    lo, hi = max(0, q["start"] - 1), min(len(art["text"]), q["end"] + 1)
    inside = lambda s: lo <= s["start"] and s["end"] <= hi  # noqa: E731
    quote = _shift(q, lo)
    quote["parts"] = [_shift(p, lo) for p in q.get("parts") or []]
    if quote.get("cue") and not inside(q["cue"]):
        quote["cue"] = None
    sp = dict(q.get("speaker") or {}) or None
    if sp and sp.get("mention"):
        sp["mention"] = _shift(sp["mention"], lo) if inside(sp["mention"]) else None
    quote["speaker"] = sp
    entities = []
    for e in art.get("entities") or []:
        ms = [_shift(m, lo) for m in e.get("mentions") or [] if inside(m)]
        if ms or (sp and sp.get("entity") == e["id"]):
            entities.append({"id": e["id"], "name": e["name"], "type": e["type"], "titles": [], "mentions": ms})
    return {
        "schema": "warta.article/1",
        "id": f"{art['id']}-{qi}-{ni}",
        "title": art.get("title"),
        "url": art.get("url"),
        "outlet": art.get("outlet"),
        "published": art.get("published"),
        "language": art.get("language"),
        "text": art["text"][lo:hi],
        "entities": entities,
        "quotes": [quote],
        "quantities": [_shift(n, lo, ("start", "end", "object_start", "object_end"))],
        "times": [_shift(t, lo) for t in art.get("times") or [] if inside(t)],
    }


def _rank(key: tuple[str, int, int], seed: int) -> str:
    return hashlib.sha256(f"{seed}:{key[0]}-{key[1]}-{key[2]}".encode()).hexdigest()


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("archive")
    ap.add_argument("--n", type=int, default=100)
    ap.add_argument("--seed", type=int, default=21)
    ap.add_argument("--out", type=Path, default=ROOT / "bench" / "claims" / "sample.jsonl")
    ap.add_argument("--exclude", type=Path, help="a sample whose candidates are not drawn again")
    ap.add_argument("--outlet", help="only candidates of this outlet (any case): one stratum of a sample")
    ap.add_argument("--append", action="store_true", help="add the drawn lines to --out (another stratum)")
    args = ap.parse_args()
    old = {}
    if args.out.exists():
        for line in args.out.read_text(encoding="utf-8").splitlines():
            d = json.loads(line)
            old[d["key"]] = d
    excluded = set()
    if args.exclude:
        excluded = {json.loads(line)["key"] for line in args.exclude.read_text(encoding="utf-8").splitlines()}
    with open_store(args.archive) as store:
        rows = store.export_claims(ClaimFilter(off=frozenset(CLAIM_RULES)))  # type: ignore[attr-defined]
        outlet = (args.outlet or "").casefold()
        keys = sorted(
            {(r[1], r[2], r[3]) for r in rows if not outlet or str(r[21] or "").casefold() == outlet},
            key=lambda k: _rank(k, args.seed),
        )
        keys = [k for k in keys if f"{k[0]}-{k[1]}-{k[2]}" not in excluded]
        out = []
        for aid, qi, ni in keys[: args.n]:
            key = f"{aid}-{qi}-{ni}"
            art = store.get_article(aid)
            assert art is not None
            prev = old.get(key, {})
            out.append(
                {
                    "key": key,
                    "label": prev.get("label"),
                    "category": prev.get("category"),
                    "article": mini_article(art, qi, ni),
                }
            )
    args.out.parent.mkdir(parents=True, exist_ok=True)
    lines = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in out)
    if args.append:
        kept = {d["key"] for d in out}
        lines = "".join(f"{json.dumps(d, ensure_ascii=False)}\n" for k, d in old.items() if k not in kept) + lines
    args.out.write_text(lines, encoding="utf-8")
    print(f"{len(out)} of {len(keys)} candidates -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
