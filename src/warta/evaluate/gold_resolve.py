"""Annotators' working form -> stand-off gold annotations, and the checks annotators run.

Annotators write what they read (``bench/gold/ANNOTATING.md``): names, quotations, times and
blocks as text snippets copied from the article. This module finds them in the raw text and
writes offsets only, so the repository carries no article text::

    python -m warta.evaluate.gold_resolve check WORK.json [...]       # what each snippet resolved to
    python -m warta.evaluate.gold_resolve convert WORK.json --out DIR  # stand-off JSON into DIR

Matching is exact and case-sensitive after folding whitespace runs, typographic quotes and
dashes. Entity mentions: every occurrence of each listed form, word-bounded, longest form first,
never overlapping, never inside a boilerplate block or a ``not_entities`` string. Other snippets
take their ``n``-th occurrence (1-based) when ``n`` is given.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from warta.evaluate.gold_corpus import article_text, default_gold_dir, read_manifest

GUIDELINES = "v2.2 (docs/annotation-guidelines.md, 2026-12-07)"
_FOLD = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"', "\u2033": '"', "\u00ab": '"',
         "\u00bb": '"', "\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
         "`": "'", "\u2013": "-", "\u2014": "-", "\u2012": "-", "\u2212": "-"}  # fmt: skip


# UTF-8 quotation marks and no-break spaces read as Mac Roman (the CLICK-ID xlsx exports carry them)
_MOJIBAKE = {"\u201a\u00c4\u00fa": '"', "\u201a\u00c4\u00f9": '"', "\u201a\u00c4\u00f2": "'",
             "\u201a\u00c4\u00f4": "'", "\u201a\u00c4\u00ec": "-", "\u201a\u00c4\u00ee": "-",
             "\u00ac\u2020": " "}  # fmt: skip


class Folded:
    """The text with whitespace runs as one space and quote/dash variants folded; ``pos`` maps
    each folded index back to the raw text."""

    def __init__(self, text: str) -> None:
        chars: list[str] = []
        pos: list[int] = []
        prev_space = False
        skip = 0
        for i, ch in enumerate(text):
            if skip:
                skip -= 1
                continue
            if ch in "\u201a\u00ac":
                seq = next((m for m in _MOJIBAKE if text.startswith(m, i)), None)
                if seq:
                    skip = len(seq) - 1
                    ch = _MOJIBAKE[seq]
            if ch.isspace():
                if prev_space:
                    continue
                chars.append(" ")
                prev_space = True
            else:
                chars.append(_FOLD.get(ch, ch))
                prev_space = False
            pos.append(i)
        self.raw = text
        self.text = "".join(chars)
        self.pos = pos

    def span(self, fs: int, fe: int) -> tuple[int, int]:
        return self.pos[fs], self.pos[fe - 1] + 1

    def find_all(self, needle: str, *, word: bool) -> list[tuple[int, int]]:
        n = fold(needle)
        if not n:
            return []
        out = []
        i = self.text.find(n)
        while i >= 0:
            j = i + len(n)
            ok = True
            if word:
                if n[0].isalnum() and i > 0 and self.text[i - 1].isalnum():
                    ok = False
                if n[-1].isalnum() and j < len(self.text) and self.text[j].isalnum():
                    ok = False
            if ok:
                out.append(self.span(i, j))
            i = self.text.find(n, i + 1)
        return out


def fold(s: str) -> str:
    return Folded(s.strip()).text.strip()


class Resolution:
    def __init__(self, doc_id: str) -> None:
        self.doc_id = doc_id
        self.errors: list[str] = []
        self.notes: list[str] = []

    def error(self, msg: str) -> None:
        self.errors.append(f"{self.doc_id}: {msg}")


def _pick(occ: list[tuple[int, int]], n: Any, what: str, res: Resolution) -> list[tuple[int, int]]:
    if not occ:
        res.error(f"not found in the text: {what}")
        return []
    if n is None:
        return occ
    ns = n if isinstance(n, list) else [n]
    out = []
    for k in ns:
        if not isinstance(k, int) or not 1 <= k <= len(occ):
            res.error(f"{what}: n={k} but it occurs {len(occ)} time(s)")
        else:
            out.append(occ[k - 1])
    return out


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _inside(a: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(s <= a[0] and a[1] <= e for s, e in spans)


def _snippet_span(
    doc: Folded, item: dict[str, Any], what: str, res: Resolution, *, word: bool = False
) -> tuple[int, int] | None:
    """One span from ``text`` (its first or ``n``-th occurrence) or from ``from``..``to``."""
    if "text" in item:
        occ = doc.find_all(str(item["text"]), word=word)
        picked = _pick(occ, item.get("n", 1), f"{what} {str(item['text'])[:60]!r}", res)
        return picked[0] if picked else None
    if "from" in item and "to" in item:
        occ = doc.find_all(str(item["from"]), word=False)
        picked = _pick(occ, item.get("n", 1), f"{what} from {str(item['from'])[:60]!r}", res)
        if not picked:
            return None
        start = picked[0][0]
        ends = [e for s, e in doc.find_all(str(item["to"]), word=False) if s >= start]
        if not ends:
            res.error(f"{what}: 'to' {str(item['to'])[:60]!r} not found after 'from'")
            return None
        return start, ends[0]
    res.error(f"{what}: needs 'text' or 'from' and 'to'")
    return None


def _near(
    doc: Folded,
    needle: str,
    anchor: tuple[int, int],
    what: str,
    res: Resolution,
    *,
    avoid: tuple[int, int] | None = None,
) -> tuple[int, int] | None:
    """The occurrence of ``needle`` closest to ``anchor`` (outside ``avoid``)."""
    occ = [o for o in doc.find_all(needle, word=True) if avoid is None or not _overlaps(o, avoid)]
    if not occ:
        res.error(f"{what} {needle!r} not found in the text")
        return None

    def dist(o: tuple[int, int]) -> int:
        if o[1] <= anchor[0]:
            return anchor[0] - o[1]
        if o[0] >= anchor[1]:
            return o[0] - anchor[1]
        return 0

    best = min(occ, key=dist)
    if dist(best) > 400:
        res.error(f"{what} {needle!r}: nearest occurrence is {dist(best)} characters away")
    return best


def _mentions(
    work: dict[str, Any], doc: Folded, blocked: list[tuple[int, int]], res: Resolution
) -> dict[str, list[tuple[int, int]]]:
    """Entity mentions: every occurrence of each listed form, longest forms first, no overlap."""
    forms: list[tuple[str, str, Any]] = []
    ents = work.get("entities") or []
    seen_ids: set[str] = set()
    for e in ents:
        eid = str(e.get("id"))
        if eid in seen_ids:
            res.error(f"entity id {eid} used twice")
        seen_ids.add(eid)
        if e.get("type") not in ("PER", "ORG", "LOC"):
            res.error(f"entity {eid}: type {e.get('type')!r} is not PER/ORG/LOC")
        for m in e.get("mentions") or []:
            forms.append(
                (eid, m["text"] if isinstance(m, dict) else str(m), m.get("n") if isinstance(m, dict) else None)
            )
    claimed: list[tuple[int, int]] = []
    mentions: dict[str, list[tuple[int, int]]] = {str(e.get("id")): [] for e in ents}
    for eid, form, n in sorted(forms, key=lambda f: -len(fold(f[1]))):
        occ = doc.find_all(form, word=True)
        if not occ:
            res.error(f"entity {eid}: mention {form!r} not found in the text")
            continue
        if n is not None:
            occ = _pick(occ, n, f"entity {eid} mention {form!r}", res)
        kept = [o for o in occ if not any(_overlaps(o, c) for c in claimed) and not _inside(o, blocked)]
        if not kept:
            res.notes.append(
                f"  note: {eid} {form!r} occurs only inside a longer mention, a block or a not_entities string"
            )
        claimed += kept
        mentions[eid] += kept
    return mentions


def _role_spans(
    e: dict[str, Any], key: str, ms: list[tuple[int, int]], doc: Folded, res: Resolution
) -> list[list[int]]:
    """A person's titles or affiliations: each string's occurrence nearest a mention."""
    eid = str(e.get("id"))
    spans = []
    for t in e.get(key) or []:
        form = t["text"] if isinstance(t, dict) else str(t)
        if not ms:
            break
        occ = doc.find_all(form, word=True)
        if isinstance(t, dict) and t.get("n") is not None:
            occ = _pick(occ, t["n"], f"{eid} {key[:-1]} {form!r}", res)
        if not occ:
            res.error(f"entity {eid}: {key[:-1]} {form!r} not found in the text")
            continue
        best = min(occ, key=lambda o: min(abs(o[1] - m[0]) if o[1] <= m[0] else abs(o[0] - m[1]) + 20 for m in ms))
        spans.append(list(best))
    return spans


def _entities(
    work: dict[str, Any], doc: Folded, blocked: list[tuple[int, int]], res: Resolution
) -> list[dict[str, Any]]:
    text = doc.raw
    mentions = _mentions(work, doc, blocked, res)
    out_ents = []
    for e in work.get("entities") or []:
        eid = str(e.get("id"))
        ms = sorted(mentions.get(eid, []))
        rec: dict[str, Any] = {"id": eid, "type": e.get("type"), "mentions": [list(m) for m in ms]}
        for key in ("titles", "affiliations"):
            spans = _role_spans(e, key, ms, doc, res)
            if spans:
                rec[key] = spans
        if e.get("geo"):
            rec["geo"] = e["geo"]
        out_ents.append(rec)
        shown = sorted({text[s:e2] for s, e2 in ms})
        res.notes.append(
            f"  {eid:4} {e.get('type')} x{len(ms)} {shown}"
            + (f" titles={[text[s:e2] for s, e2 in rec.get('titles', [])]}" if rec.get("titles") else "")
            + (f" affil={[text[s:e2] for s, e2 in rec.get('affiliations', [])]}" if rec.get("affiliations") else "")
        )
    return out_ents


def _quotes(work: dict[str, Any], doc: Folded, res: Resolution) -> list[dict[str, Any]]:
    text = doc.raw
    ids = {str(e.get("id")) for e in work.get("entities") or []}
    quotes = []
    for i, q in enumerate(work.get("quotes") or [], 1):
        what = f"quote {i}"
        if q.get("kind") not in ("direct", "indirect"):
            res.error(f"{what}: kind must be direct or indirect")
        sp = _snippet_span(doc, q, what, res)
        if not sp:
            continue
        rec = {"kind": q.get("kind"), "span": list(sp), "cue": None, "speaker": q.get("speaker"), "speaker_role": None}
        if q.get("cue"):
            c = _near(doc, str(q["cue"]), sp, f"{what} cue", res, avoid=sp)
            rec["cue"] = list(c) if c else None
        if rec["speaker"] is not None and str(rec["speaker"]) not in ids:
            res.error(f"{what}: speaker {rec['speaker']!r} is no entity id")
        if q.get("speaker_role"):
            r = _near(doc, str(q["speaker_role"]), sp, f"{what} speaker_role", res, avoid=sp)
            rec["speaker_role"] = list(r) if r else None
        quotes.append(rec)
        res.notes.append(
            f"  Q{i} {q.get('kind'):8} speaker={q.get('speaker')} cue={q.get('cue')!r} "
            f"{text[sp[0] : sp[0] + 40]!r}...{text[max(sp[0], sp[1] - 25) : sp[1]]!r}"
        )
    return quotes


def _times(work: dict[str, Any], doc: Folded, bspans: list[tuple[int, int]], res: Resolution) -> list[dict[str, Any]]:
    times = []
    tclaimed: list[tuple[int, int]] = []
    items = sorted(work.get("times") or [], key=lambda t: -len(fold(str(t.get("text", "")))))
    for t in items:
        occ = doc.find_all(str(t.get("text", "")), word=True)
        picked = _pick(occ, t.get("n"), f"time {str(t.get('text'))!r}", res)
        for o in picked:
            if any(_overlaps(o, c) for c in tclaimed) or _inside(o, bspans):
                continue
            tclaimed.append(o)
            times.append({"span": list(o), "value": t.get("value")})
        res.notes.append(f"  TIME {t.get('text')!r} = {t.get('value')} x{len(picked)}")
    return sorted(times, key=lambda t: t["span"])


def resolve(work: dict[str, Any], text: str, doc_id: str) -> tuple[dict[str, Any], Resolution]:
    """The stand-off annotation of one working file, with the errors and a readable summary."""
    res = Resolution(doc_id)
    doc = Folded(text)
    boiler = []
    for b in work.get("boilerplate") or []:
        sp = _snippet_span(doc, b, "boilerplate", res)
        if sp:
            boiler.append({"span": list(sp), "kind": b.get("kind", "other")})
            res.notes.append(f"  BOILER {b.get('kind', 'other'):9} {text[sp[0] : sp[1]][:70]!r}")
    bspans: list[tuple[int, int]] = [(b["span"][0], b["span"][1]) for b in boiler]
    blocked = list(bspans)
    for s in work.get("not_entities") or []:
        blocked += doc.find_all(s["text"] if isinstance(s, dict) else str(s), word=True)
    sources = []
    for s in work.get("sources") or []:
        sp = _snippet_span(doc, s, "source", res, word=True)
        if sp:
            sources.append({"span": list(sp), "relation": s.get("relation", "cited")})
            res.notes.append(f"  SOURCE {s.get('relation', 'cited')} {text[sp[0] : sp[1]]!r}")
    out: dict[str, Any] = {"id": doc_id, "guidelines": GUIDELINES}
    out["entities"] = _entities(work, doc, blocked, res)
    out["quotes"] = _quotes(work, doc, res)
    out["times"] = _times(work, doc, bspans, res)
    out["sources"] = sources
    out["boilerplate"] = boiler
    # the annotators' notes quote the article: they stay in the working files, out of the repository
    return out, res


def dump_standoff(out: dict[str, Any]) -> str:
    """Stand-off JSON with one item per line (diffs stay readable, files small)."""
    lines = ["{"]
    keys = list(out)
    for k, key in enumerate(keys):
        val = out[key]
        comma = "," if k < len(keys) - 1 else ""
        if isinstance(val, list) and val:
            lines.append(f" {json.dumps(key)}: [")
            for i, item in enumerate(val):
                sep = "," if i < len(val) - 1 else ""
                lines.append(f"  {json.dumps(item, ensure_ascii=False)}{sep}")
            lines.append(f" ]{comma}")
        else:
            lines.append(f" {json.dumps(key)}: {json.dumps(val, ensure_ascii=False)}{comma}")
    lines.append("}")
    return "\n".join(lines) + "\n"


def _manifest_index(gold_dir: Path | None = None) -> dict[str, dict[str, Any]]:
    return {r["id"]: r for r in read_manifest(gold_dir or default_gold_dir())}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="gold_resolve", description="check or convert gold working files")
    ap.add_argument("action", choices=["check", "convert"])
    ap.add_argument("files", nargs="+", type=Path)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, default=None, help="directory for stand-off files (convert)")
    ap.add_argument("--annotator", default=None)
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument(
        "--gold-dir", type=Path, default=None, help="the corpus whose manifest names the articles (default bench/gold)"
    )
    args = ap.parse_args(argv)
    index = _manifest_index(args.gold_dir)
    n_err = 0
    for path in args.files:
        work = json.loads(path.read_text(encoding="utf-8"))
        doc_id = str(work.get("id") or path.stem)
        rec = index.get(doc_id)
        if rec is None:
            print(f"{path}: id {doc_id!r} is not in the manifest")
            n_err += 1
            continue
        text = article_text(args.data, rec["outlet"], rec["row"], rec["sha256"])
        out, res = resolve(work, text, doc_id)
        if not args.quiet:
            print(f"== {doc_id}")
            print("\n".join(res.notes))
        for e in res.errors:
            print("ERROR", e)
        n_err += len(res.errors)
        if args.action == "convert" and args.out:
            out["sha256"] = rec["sha256"]
            if args.annotator:
                out["annotator"] = args.annotator
            args.out.mkdir(parents=True, exist_ok=True)
            (args.out / f"{doc_id}.json").write_text(dump_standoff(out), encoding="utf-8")
    print(f"{len(args.files)} file(s), {n_err} error(s)")
    return 1 if n_err else 0


if __name__ == "__main__":
    sys.exit(main())
