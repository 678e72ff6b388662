"""Whole-article scoring: one annotation of an article against another, in raw-text offsets.

Both sides are :class:`Annotation` objects, so the same code scores Warta against the gold
standard (``warta eval article``) and one annotator against another (agreement,
``bench/gold/agreement.py``). Counts are summed over articles (micro-averaged) in :class:`Tally`.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from warta.evaluate._metrics import prf

Span = tuple[int, int]


@dataclass
class Cluster:
    id: str
    type: str
    mentions: list[Span]
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    geo: dict[str, Any] | None = None  # places: country, province, regency


@dataclass
class QuoteItem:
    kind: str
    span: Span
    cue: Span | None
    speaker: str | None  # cluster id
    speaker_mention: Span | None  # role phrase (gold) or the attribution's mention (system)
    speaker_name: str | None = None  # a name given without an entity id (system)


@dataclass
class Annotation:
    """What one annotator (or Warta) says of one article, offsets into the raw text."""

    text: str
    clusters: list[Cluster] = field(default_factory=list)
    quotes: list[QuoteItem] = field(default_factory=list)
    times: list[tuple[Span, str | None]] = field(default_factory=list)
    sources: list[tuple[Span | None, str, str]] = field(default_factory=list)  # span, name, relation
    blocks: list[tuple[Span, str]] = field(default_factory=list)

    def cluster(self, cid: str | None) -> Cluster | None:
        return next((c for c in self.clusters if c.id == cid), None) if cid else None


def from_standoff(ann: dict[str, Any], text: str) -> Annotation:
    """The gold side: the stand-off JSON of ``bench/gold/annotations``."""

    def sp(v: Any) -> Span | None:
        return (int(v[0]), int(v[1])) if v else None

    clusters = [
        Cluster(
            str(e["id"]),
            e["type"],
            [(s, t) for s, t in e.get("mentions", [])],
            [text[s:t] for s, t in e.get("titles", [])],
            [text[s:t] for s, t in e.get("affiliations", [])],
            e.get("geo"),
        )
        for e in ann.get("entities", [])
    ]
    quotes = [
        QuoteItem(q["kind"], sp(q["span"]), sp(q.get("cue")), q.get("speaker"), sp(q.get("speaker_role")))  # type: ignore[arg-type]
        for q in ann.get("quotes", [])
    ]
    times = [(sp(t["span"]), t.get("value")) for t in ann.get("times", [])]
    sources = [
        (sp(s["span"]), text[s["span"][0] : s["span"][1]], s.get("relation", "cited")) for s in ann.get("sources", [])
    ]
    blocks = [(sp(b["span"]), b.get("kind", "other")) for b in ann.get("boilerplate", [])]
    return Annotation(text, clusters, quotes, times, sources, blocks)  # type: ignore[arg-type]


# ---- helpers -------------------------------------------------------------------------------


def norm_label(s: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s-]", " ", s.lower())).strip()


def norm_name(s: str) -> str:
    return re.sub(r"[^\w]", "", s.lower())


def overlap(a: Span, b: Span) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def match_spans(gold: list[Span], sys: list[Span], *, min_iou: float = 0.0) -> list[tuple[int, int]]:
    """One-to-one pairs (gold index, system index) of overlapping spans, largest overlap first."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(sys):
            ov = overlap(g, s)
            if ov <= 0:
                continue
            union = max(g[1], s[1]) - min(g[0], s[0])
            if ov / union >= min_iou:
                cands.append((ov, i, j))
    used_g: set[int] = set()
    used_s: set[int] = set()
    pairs = []
    for _ov, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            pairs.append((i, j))
    return pairs


def _trim(text: str, s: Span) -> Span:
    a, b = s
    while a < b and not text[a].isalnum():
        a += 1
    while b > a and not text[b - 1].isalnum():
        b -= 1
    return a, b


def align_clusters(gold: list[Cluster], sys: list[Cluster]) -> list[tuple[int, int, float]]:
    """CEAF-e alignment (greedy): phi4 = 2|K and R| / (|K| + |R|) over exact mention spans."""
    cands = []
    for i, g in enumerate(gold):
        gs = set(g.mentions)
        for j, s in enumerate(sys):
            common = len(gs & set(s.mentions))
            if common:
                cands.append((2 * common / (len(gs) + len(s.mentions)), i, j))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for phi, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j, phi))
    return out


def align_persons(gold: list[Cluster], sys: list[Cluster]) -> list[tuple[int, int]]:
    """Gold and system persons paired by the number of overlapping mentions."""
    cands = []
    for i, g in enumerate(gold):
        for j, s in enumerate(sys):
            n = sum(1 for a in g.mentions for b in s.mentions if overlap(a, b))
            if n:
                cands.append((n, i, j))
    used_g: set[int] = set()
    used_s: set[int] = set()
    out = []
    for _n, i, j in sorted(cands, key=lambda c: (-c[0], c[1], c[2])):
        if i not in used_g and j not in used_s:
            used_g.add(i)
            used_s.add(j)
            out.append((i, j))
    return out


# ---- the tally -----------------------------------------------------------------------------

PRF_KEYS = (
    "entity_mentions", "entity_mentions_PER", "entity_mentions_ORG", "entity_mentions_LOC",
    "entities", "titles", "affiliations",
    "quotes_direct_overlap", "quotes_direct_exact", "quotes_indirect_overlap", "quotes_indirect_exact",
    "cues", "speakers", "time_spans", "time_values", "sources", "sources_cited", "boilerplate",
)  # fmt: skip


@dataclass
class Tally:
    counts: dict[str, list[float]] = field(default_factory=lambda: defaultdict(lambda: [0.0, 0.0, 0.0]))
    speaker: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    geo: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    body_chars_removed: int = 0
    articles: int = 0
    errors: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, key: str, tp: float, fp: float, fn: float) -> None:
        c = self.counts[key]
        c[0] += tp
        c[1] += fp
        c[2] += fn

    def err(self, category: str, doc: str, what: str) -> None:
        self.errors[category].append(f"{doc}: {what}")

    def figures(self) -> dict[str, Any]:
        out: dict[str, Any] = {"articles": self.articles}
        for key in PRF_KEYS:
            tp, fp, fn = self.counts[key]
            p, r, f = prf(int(round(tp * 1000)), int(round(fp * 1000)), int(round(fn * 1000)))
            out[key] = {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "n_gold": round(tp + fn, 2)}
        sp = self.speaker
        matched = sp["matched"]
        out["speakers"].update(
            {
                "accuracy": round(sp["correct"] / matched, 4) if matched else 0.0,
                "accuracy_all": round(sp["correct"] / sp["gold"], 4) if sp["gold"] else 0.0,
                "wrong_rate": round(sp["wrong"] / sp["gold"], 4) if sp["gold"] else 0.0,
                "matched": matched,
            }
        )
        out["boilerplate"]["body_chars_removed"] = self.body_chars_removed
        g = self.geo
        out["geo"] = {"gold": g["gold"], "aligned": g["aligned"]}
        for f, _sf in GEO_FIELDS:
            n = g[f"{f}_n"]
            out["geo"][f] = {"right": g[f"{f}_right"], "n": n, "accuracy": round(g[f"{f}_right"] / n, 4) if n else 0.0}
        return out


def score(doc_id: str, gold: Annotation, sys: Annotation, t: Tally) -> None:
    """Add one article's counts (and its errors) to ``t``."""
    text = gold.text
    t.articles += 1
    _score_entities(doc_id, gold, sys, t)
    _score_quotes(doc_id, gold, sys, t)
    _score_times(doc_id, gold, sys, t)
    _score_sources(doc_id, gold, sys, t)
    _score_blocks(doc_id, gold, sys, t, text)


def _score_entities(doc_id: str, gold: Annotation, sys: Annotation, t: Tally) -> None:
    text = gold.text
    gm = {(m, c.type) for c in gold.clusters for m in c.mentions}
    sm = {(m, c.type) for c in sys.clusters for m in c.mentions}
    t.add("entity_mentions", len(gm & sm), len(sm - gm), len(gm - sm))
    for typ in ("PER", "ORG", "LOC"):
        g = {x for x in gm if x[1] == typ}
        s = {x for x in sm if x[1] == typ}
        t.add(f"entity_mentions_{typ}", len(g & s), len(s - g), len(g - s))
    gspans = {m: typ for m, typ in gm}
    for m, typ in sorted(sm - gm):
        if m in gspans:
            t.err(f"entity type {gspans[m]}->{typ}", doc_id, repr(text[m[0] : m[1]]))
        else:
            t.err(f"entity spurious {typ}", doc_id, repr(text[m[0] : m[1]]))
    sspans = {m for m, _ in sm}
    for m, typ in sorted(gm - sm):
        if m not in sspans:
            t.err(f"entity missed {typ}", doc_id, repr(text[m[0] : m[1]]))
    # clusters (CEAF-e)
    aligned = align_clusters(gold.clusters, sys.clusters)
    phi = sum(p for _i, _j, p in aligned)
    t.add("entities", phi, len(sys.clusters) - phi, len(gold.clusters) - phi)
    _score_geo(doc_id, gold, sys, aligned, t)
    # titles and affiliations of aligned persons
    gp = [c for c in gold.clusters if c.type == "PER"]
    sp = [c for c in sys.clusters if c.type == "PER"]
    pairs = dict(align_persons(gp, sp))
    for key in ("titles", "affiliations"):
        g_all = sum(len({norm_label(x) for x in getattr(c, key)}) for c in gp)
        s_all = sum(len({norm_label(x) for x in getattr(c, key)}) for c in sp)
        tp = 0
        for i, j in pairs.items():
            g = {norm_label(x) for x in getattr(gp[i], key)}
            s = {norm_label(x) for x in getattr(sp[j], key)}
            tp += len(g & s)
            name = text[gp[i].mentions[0][0] : gp[i].mentions[0][1]] if gp[i].mentions else gp[i].id
            for x in sorted(g - s):
                t.err(f"{key} missed", doc_id, f"{name}: {x!r}")
            for x in sorted(s - g):
                t.err(f"{key} spurious", doc_id, f"{name}: {x!r}")
        t.add(key, tp, s_all - tp, g_all - tp)


GEO_FIELDS = (("country", "country"), ("province", "admin1"), ("regency", "admin2"))


def _score_geo(doc_id: str, gold: Annotation, sys: Annotation, aligned: list[tuple[int, int, float]], t: Tally) -> None:
    """Places: of the gold LOC entities with a country (and for Indonesian ones a province and a
    regency), how many the aligned system place puts right. Counted over gold places aligned to a
    system LOC entity (the geocoder's input); the rest are counted as not found."""
    pairs = {i: j for i, j, _p in aligned}
    for i, g in enumerate(gold.clusters):
        if g.type != "LOC" or not g.geo or not g.geo.get("country"):
            continue
        t.geo["gold"] += 1
        j = pairs.get(i)
        s = sys.clusters[j] if j is not None else None
        if s is None or s.type != "LOC":
            continue
        t.geo["aligned"] += 1
        sg = s.geo or {}
        name = gold.text[g.mentions[0][0] : g.mentions[0][1]] if g.mentions else g.id
        for gf, sf in GEO_FIELDS:
            want = g.geo.get(gf)
            if not want:
                continue
            t.geo[f"{gf}_n"] += 1
            got = sg.get(sf)
            if got and norm_label(str(got)) == norm_label(str(want)):
                t.geo[f"{gf}_right"] += 1
            else:
                t.err(f"geo {gf} wrong", doc_id, f"{name!r}: {want!r} -> {got!r}")


def _speaker_ok(gold: Annotation, sys: Annotation, g: QuoteItem, s: QuoteItem) -> tuple[bool, bool]:
    """(correct, wrong-named) for the speaker of a matched quotation pair."""
    sc = sys.cluster(s.speaker)
    named = sc is not None or bool(s.speaker_name)
    gc = gold.cluster(g.speaker)
    if gc is None:  # gold: unnamed speaker
        if not named:
            return True, False
        return False, True
    if sc is not None:
        if any(overlap(a, b) for a in gc.mentions for b in sc.mentions):
            return True, False
        if s.speaker_mention and any(overlap(a, s.speaker_mention) for a in gc.mentions):
            return True, False
        return False, True
    if s.speaker_name:
        toks = set(norm_label(s.speaker_name).split())
        for a, b in gc.mentions:
            mt = set(norm_label(gold.text[a:b]).split())
            if toks and (toks <= mt or mt <= toks):
                return True, False
        return False, True
    return False, False


def _score_quotes(doc_id: str, gold: Annotation, sys: Annotation, t: Tally) -> None:
    text = gold.text
    for kind in ("direct", "indirect"):
        gq = [q for q in gold.quotes if q.kind == kind]
        sq = [q for q in sys.quotes if q.kind == kind]
        pairs = match_spans([q.span for q in gq], [q.span for q in sq])
        t.add(f"quotes_{kind}_overlap", len(pairs), len(sq) - len(pairs), len(gq) - len(pairs))
        exact = sum(1 for i, j in pairs if _trim(text, gq[i].span) == _trim(text, sq[j].span))
        t.add(f"quotes_{kind}_exact", exact, len(sq) - exact, len(gq) - exact)
        mg = {i for i, _ in pairs}
        ms = {j for _, j in pairs}
        for i, q in enumerate(gq):
            if i not in mg:
                t.err(f"quote missed {kind}", doc_id, repr(text[q.span[0] : q.span[1]][:90]))
        for j, q in enumerate(sq):
            if j not in ms:
                t.err(f"quote spurious {kind}", doc_id, repr(text[q.span[0] : q.span[1]][:90]))
    # speakers over all quotations (either kind may match)
    pairs = match_spans([q.span for q in gold.quotes], [q.span for q in sys.quotes])
    sp = t.speaker
    sp["gold"] += len(gold.quotes)
    sp["matched"] += len(pairs)
    tp = fp = 0
    for i, j in pairs:
        g, s = gold.quotes[i], sys.quotes[j]
        ok, wrong = _speaker_ok(gold, sys, g, s)
        sp["correct"] += ok
        sp["wrong"] += wrong
        gname = gold.cluster(g.speaker)
        if ok and gname is not None:
            tp += 1
        if wrong:
            fp += 1
        if not ok:
            want = text[gname.mentions[0][0] : gname.mentions[0][1]] if gname and gname.mentions else "(unnamed)"
            sc = sys.cluster(s.speaker)
            got = (text[sc.mentions[0][0] : sc.mentions[0][1]] if sc and sc.mentions else s.speaker_name) or "(none)"
            cat = "speaker wrong" if wrong else "speaker silent"
            t.err(cat, doc_id, f"gold {want!r}, got {got!r}: {text[g.span[0] : g.span[1]][:60]!r}")
    named_gold = sum(1 for q in gold.quotes if gold.cluster(q.speaker) is not None)
    t.add("speakers", tp, fp, named_gold - tp)
    # cues
    gc = sorted({q.cue for q in gold.quotes if q.cue})
    scs = sorted({q.cue for q in sys.quotes if q.cue})
    cp = match_spans(gc, scs)  # type: ignore[arg-type]
    t.add("cues", len(cp), len(scs) - len(cp), len(gc) - len(cp))


def _score_times(doc_id: str, gold: Annotation, sys: Annotation, t: Tally) -> None:
    text = gold.text
    pairs = match_spans([s for s, _ in gold.times], [s for s, _ in sys.times])
    t.add("time_spans", len(pairs), len(sys.times) - len(pairs), len(gold.times) - len(pairs))
    ok = 0
    for i, j in pairs:
        if gold.times[i][1] == sys.times[j][1]:
            ok += 1
        else:
            s = gold.times[i][0]
            t.err("time value", doc_id, f"{text[s[0] : s[1]]!r}: gold {gold.times[i][1]}, got {sys.times[j][1]}")
    t.add("time_values", ok, len(sys.times) - ok, len(gold.times) - ok)
    mg = {i for i, _ in pairs}
    for i, (s, v) in enumerate(gold.times):
        if i not in mg:
            t.err("time missed", doc_id, f"{text[s[0] : s[1]]!r} = {v}")
    ms = {j for _, j in pairs}
    for j, (s, v) in enumerate(sys.times):
        if j not in ms:
            t.err("time spurious", doc_id, f"{text[s[0] : s[1]]!r} = {v}")


def _source_groups(ann: Annotation, rel: str | None) -> dict[str, list[tuple[Span | None, set[str]]]]:
    """One group per source name (normalised), with each reference's span and the names it goes
    by: the name given and the words written at its span (a canonical "Kompas" written
    "Kompas.com" answers to both)."""
    groups: dict[str, list[tuple[Span | None, set[str]]]] = {}
    for span, name, relation in ann.sources:
        if rel is not None and relation != rel:
            continue
        key = norm_name(name)
        if not key:
            continue
        names = {key}
        if span is not None:
            names.add(norm_name(ann.text[span[0] : span[1]]))
        groups.setdefault(key, []).append((span, names - {""}))
    return groups


def _same_source(a: list[tuple[Span | None, set[str]]], b: list[tuple[Span | None, set[str]]]) -> bool:
    """Two groups name the same source when a name is shared or two of their spans overlap."""
    return any(na & nb or (sa and sb and overlap(sa, sb) > 0) for sa, na in a for sb, nb in b)


def _score_sources(doc_id: str, gold: Annotation, sys: Annotation, t: Tally) -> None:
    for key, rel in (("sources", None), ("sources_cited", "cited")):
        g = _source_groups(gold, rel)
        s = _source_groups(sys, rel)
        g_hit = {x for x in g if any(_same_source(g[x], s[y]) for y in s)}
        s_hit = {y for y in s if any(_same_source(g[x], s[y]) for x in g)}
        t.add(key, len(g_hit), len(s) - len(s_hit), len(g) - len(g_hit))
        if rel is None:
            for x in sorted(set(g) - g_hit):
                t.err("source missed", doc_id, x)
            for y in sorted(set(s) - s_hit):
                t.err("source spurious", doc_id, y)


def _score_blocks(doc_id: str, gold: Annotation, sys: Annotation, t: Tally, text: str) -> None:
    gb = [s for s, _ in gold.blocks]
    sb = [s for s, _ in sys.blocks]
    pairs = match_spans(gb, sb, min_iou=0.5)
    t.add("boilerplate", len(pairs), len(sb) - len(pairs), len(gb) - len(pairs))
    mg = {i for i, _ in pairs}
    ms = {j for _, j in pairs}
    for i, (s, kind) in enumerate(gold.blocks):
        if i not in mg:
            t.err("boilerplate missed", doc_id, f"{kind} {text[s[0] : s[1]][:70]!r}")
    for j, (s, kind) in enumerate(sys.blocks):
        if j not in ms:
            t.err("boilerplate spurious", doc_id, f"{kind} {text[s[0] : s[1]][:70]!r}")
    lost = 0
    for s, _kind in sys.blocks:
        for k in range(s[0], min(s[1], len(text))):
            if text[k].isalnum() and not any(a <= k < b for a, b in gb):
                lost += 1
    if lost:
        t.err("body text removed", doc_id, f"{lost} letters")
    t.body_chars_removed += lost
