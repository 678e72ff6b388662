"""``warta eval article``: Warta on whole articles of the gold standard (``bench/gold/``).

Each gold article's raw text goes through the default pipeline with its URL and reference date,
as a user feeding a CSV dump would; every output span is mapped back to raw-text offsets and
scored against the stand-off gold annotation (:mod:`warta.evaluate.article_scoring`). ``--errors``
lists the errors grouped by category, on dev only: the test part prints figures only.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

from warta.errors import UsageError
from warta.evaluate.article_scoring import (
    PRF_KEYS,
    Annotation,
    Cluster,
    QuoteItem,
    Tally,
    from_standoff,
    score,
)
from warta.evaluate.gold_corpus import GoldArticle, default_gold_dir, load_gold

# Warta's source relations as the guidelines name them: a web-domain dateline ("TEMPO.CO, Jakarta")
# is the dateline's outlet; copyright lines and photo credits are credits.
_GOLD_RELATION = {"publisher": "dateline", "copyright": "credit", "photo_credit": "credit"}


def system_annotation(article: Any, text: str) -> Annotation:
    """Warta's Article as an :class:`Annotation` in raw-text offsets."""

    def orig(s: int, e: int) -> tuple[int, int]:
        a, b = article.to_original(s, e)
        return int(a), int(b)

    clusters = [
        Cluster(
            e.id,
            e.type,
            [orig(m.start, m.end) for m in e.mentions],
            list(e.titles),
            list(e.affiliations),
            asdict(e.geo) if e.geo else None,
        )
        for e in article.entities
    ]
    quotes = []
    for q in article.quotes:
        parts = q.parts or [q]
        cue = orig(q.cue.start, q.cue.end) if q.cue else None
        sp = q.speaker
        mention = orig(sp.mention.start, sp.mention.end) if sp and sp.mention else None
        for part in parts:
            quotes.append(
                QuoteItem(
                    q.kind,
                    orig(part.start, part.end),
                    cue,
                    sp.entity if sp else None,
                    mention,
                    (sp.name or None) if sp and not sp.entity and sp.standing != "private" else None,
                )
            )
    times = [(orig(t.start, t.end), t.value) for t in article.times]
    sources = []
    for s in article.sources:
        if s.start < 0:  # the outlet given with the input: not something the text says
            continue
        span = (s.start, s.end) if s.in_original else orig(s.start, s.end)
        sources.append((span, s.name or s.text, _GOLD_RELATION.get(s.relation, s.relation)))
    blocks = [((r.original_start, r.original_end), r.kind) for r in article.removed]
    blocks += [((c.original_start, c.original_end), "caption") for c in article.captions]
    return Annotation(text, clusters, quotes, times, sources, blocks)


def run_article(g: GoldArticle, pipeline: Any) -> Annotation:
    from warta.read.record import RawDocument

    doc = RawDocument(content=g.text, url=g.url, published=g.published, name=g.id)
    article = pipeline.run(doc)
    if article.original != g.text:
        raise UsageError(f"{g.id}: the pipeline changed the raw text; offsets cannot be compared")
    return system_annotation(article, g.text)


def evaluate(data: Path, split: str, gold_dir: Path | None = None, pipeline: Any = None) -> Tally:
    from warta.pipeline import Pipeline

    pipeline = pipeline or Pipeline.default()
    articles = load_gold(data, gold_dir, split)
    if not articles:
        raise UsageError(f"no annotated gold articles in split {split!r}")
    tally = Tally()
    for g in articles:
        score(g.id, from_standoff(g.ann, g.text), run_article(g, pipeline), tally)
    return tally


def print_figures(figs: dict[str, Any], out: Any = sys.stdout) -> None:
    print(f"articles: {figs['articles']}", file=out)
    print(f"{'field':26} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6}", file=out)
    for key in PRF_KEYS:
        f = figs[key]
        print(f"{key:26} {f['p']:6.3f} {f['r']:6.3f} {f['f1']:6.3f} {f['n_gold']:6.0f}", file=out)
    s = figs["speakers"]
    print(
        f"speaker accuracy: {s['accuracy']:.3f} over {s['matched']} found quotations, {s['accuracy_all']:.3f} over all;"
        f" wrong named speaker {s['wrong_rate']:.3f} of all",
        file=out,
    )
    print(f"boilerplate: {figs['boilerplate']['body_chars_removed']} body letters removed", file=out)
    geo = figs["geo"]
    parts = [
        f"{f} right {geo[f]['accuracy']:.3f} ({geo[f]['right']}/{geo[f]['n']})"
        for f in ("country", "province", "regency")
    ]
    print(f"places: {'; '.join(parts)}; over {geo['aligned']} of {geo['gold']} gold places found as places", file=out)


def print_errors(tally: Tally, limit: int, out: Any = sys.stdout) -> None:
    for cat, items in sorted(tally.errors.items(), key=lambda kv: -len(kv[1])):
        print(f"\n## {cat} ({len(items)})", file=out)
        for item in items[:limit]:
            print(f"  {item}", file=out)


def run(args: argparse.Namespace) -> int:
    if args.errors and args.split == "test":
        raise UsageError("--errors is for the dev split only: the test part is read for figures, never for choices")
    data = Path(args.data)
    if not (data / "click-id-raw-articles").exists():
        raise UsageError(f"{data}: no click-id-raw-articles here (the gold texts are rebuilt from ../shared/data)")
    tally = evaluate(data, args.split, Path(args.gold) if args.gold else None)
    figs = tally.figures()
    if args.format == "json":
        print(json.dumps(figs, indent=1))
    else:
        print_figures(figs)
    if args.errors:
        print_errors(tally, args.limit)
    return 0


def run_ablated(args: argparse.Namespace, names: list[str]) -> int:
    """Figures as shipped, without the named rules, and the difference, field by field."""
    from warta.rules import ablated

    if args.split == "test":
        raise UsageError("--ablate is for choosing: run it on dev (the test part is read for figures only)")
    data = Path(args.data)
    gold = Path(args.gold) if args.gold else None
    base = evaluate(data, args.split, gold).figures()
    with ablated(names):
        tally = evaluate(data, args.split, gold)
    off = tally.figures()
    if args.format == "json":
        print(json.dumps({"shipped": base, "ablated": off, "rules": names}, indent=1))
        return 0
    print(f"without: {', '.join(names)}  ({base['articles']} articles, {args.split})")
    print(f"{'field':26} {'shipped':>8} {'without':>8} {'diff':>8}")
    for key in PRF_KEYS:
        a, b = base[key]["f1"], off[key]["f1"]
        mark = "" if abs(a - b) < 0.0005 else "  *"
        print(f"{key:26} {a:8.3f} {b:8.3f} {b - a:+8.3f}{mark}")
    a, b = base["speakers"]["accuracy"], off["speakers"]["accuracy"]
    print(f"{'speaker accuracy':26} {a:8.3f} {b:8.3f} {b - a:+8.3f}")
    if args.errors:
        print_errors(tally, args.limit)
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("article", help="whole articles against the gold standard (bench/gold): P/R/F1 per field")
    p.add_argument("--gold", default=None, help=f"gold standard directory (default: {default_gold_dir()})")
    p.add_argument("--data", default="../shared/data", help="the shared data directory (default: ../shared/data)")
    p.add_argument("--split", choices=["train", "dev", "test"], default="dev", help="which part (default: dev)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default: text)")
    p.add_argument("--errors", action="store_true", help="list errors by category (dev and train only)")
    p.add_argument("--limit", type=int, default=15, help="errors shown per category (default: 15)")
    p.set_defaults(func=run, ablate_run=run_ablated)
