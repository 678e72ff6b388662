"""Benchmark the cleaner and segmenter on every CLICK-ID and IndoSum article in ../shared/data.

    nice -n 10 .venv/bin/python bench/clean.py [--data ../shared/data] [--limit N] [--samples K]

Needs /work/shared (the datasets are not in the repository). Each article is turned into the
text that reaches Warta the same way the test fixtures are (tests/fixtures/articles/
make_fixtures.py: CLICK-ID paragraphs restored where the "," joins are obvious, IndoSum
detokenized), then decoded, normalised, cleaned (boilerplate, title, captions, dateline) and
segmented into sentences. Prints, per dataset, articles/s and the time relative to a baseline
measured in the same run over the same texts (``str.split`` into lines and words), and how many
blocks of each kind were removed. ``--samples K`` prints K removed blocks of each kind, and every
removed block that reads like body text (long, or a full sentence), for a person to check.
"""

from __future__ import annotations

import argparse
import csv
import functools
import gzip
import importlib.util
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from warta.article import Article
from warta.errors import WartaError
from warta.nlp.segment import segment
from warta.pipeline import Pipeline
from warta.read.record import RawDocument

ROOT = Path(__file__).resolve().parent.parent
print = functools.partial(print, flush=True)  # noqa: A001 - progress shows while it runs


def _fixture_maker():  # type: ignore[no-untyped-def]
    path = ROOT / "tests" / "fixtures" / "articles" / "make_fixtures.py"
    spec = importlib.util.spec_from_file_location("make_fixtures", path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def click_articles(data: Path) -> Iterator[tuple[str, str]]:
    mk = _fixture_maker()
    csv.field_size_limit(1 << 30)
    for path in sorted((data / "click-id-raw-articles" / "csv_converted").glob("*.csv.gz")):
        with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
            for i, rec in enumerate(csv.DictReader(fh)):
                paras = mk.restore_paragraphs(mk.fix_mojibake(rec["content"] or ""))
                title = mk.fix_mojibake(rec["title"] or "").strip()
                yield f"{path.name}:{i}", title + "\n" + "\n".join(paras) + "\n"


def indosum_articles(data: Path) -> Iterator[tuple[str, str]]:
    mk = _fixture_maker()
    seen: set[str] = set()
    for path in sorted((data / "indosum").glob("dev.0*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                rec = json.loads(line)
                if rec["id"] in seen:
                    continue
                seen.add(rec["id"])
                paras = [mk.detokenize([t for sent in para for t in sent]) for para in rec["paragraphs"]]
                yield f"{path.name}:{rec['id']}", "\n".join(paras) + "\n"


# CPU time of this process: the machine is shared, so wall-clock time mostly measures the others
clock = time.process_time


def baseline(texts: list[str]) -> tuple[float, int]:
    t0 = clock()
    n = 0
    for text in texts:
        for line in text.split("\n"):
            n += len(line.split())
    return clock() - t0, n


def clean_all(texts: list[tuple[str, str]]) -> tuple[float, list[tuple[str, Article]], list[tuple[str, str]]]:
    pipeline = Pipeline([])
    done: list[tuple[str, Article]] = []
    failed: list[tuple[str, str]] = []
    t0 = clock()
    for key, text in texts:
        try:
            article = pipeline.read(RawDocument(content=text, name=key, lang="id"))
        except WartaError as exc:
            failed.append((key, str(exc)))
            continue
        segment(article)
        done.append((key, article))
    return clock() - t0, done, failed


_SENTENCE = re.compile(r"^[A-Z“\"].{60,}[.!?][\"”]?$")


def reads_like_body(text: str) -> bool:
    return len(text) > 160 or bool(_SENTENCE.match(text))


def report(name: str, texts: list[tuple[str, str]], samples: int, rng: random.Random) -> None:
    base_s, words = baseline([t for _, t in texts])
    clean_s, done, failed = clean_all(texts)
    chars = sum(len(t) for _, t in texts)
    kinds: Counter[str] = Counter()
    by_kind: dict[str, list[tuple[str, str]]] = {}
    for key, article in done:
        for r in article.removed:
            kinds[r.kind] += 1
            by_kind.setdefault(r.kind, []).append((key, r.text))
    sentences = sum(len(a.sentences) for _, a in done)
    paragraphs = sum(len(a.paragraphs) for _, a in done)
    print(f"== {name}: {len(texts)} articles, {chars / 1e6:.1f} M characters, {words} words")
    print(f"   baseline str.split: {base_s:.3f} s CPU ({len(texts) / base_s:,.0f} articles/s)")
    print(
        f"   clean+segment:      {clean_s:.3f} s CPU ({len(texts) / clean_s:,.0f} articles/s, "
        f"{chars / clean_s / 1e6:.2f} M chars/s), {clean_s / base_s:.1f}x the baseline time"
    )
    print(f"   kept: {paragraphs} paragraphs, {sentences} sentences; failed: {len(failed)}")
    for key, reason in failed[:5]:
        print(f"     failed {key}: {reason}")
    titled = sum(1 for _, a in done if a.title)
    datelined = sum(1 for _, a in done if a.dateline)
    captioned = sum(len(a.captions) for _, a in done)
    print(f"   titles: {titled}, datelines: {datelined}, captions: {captioned}")
    print(f"   removed blocks by kind ({sum(kinds.values())} in all):")
    for kind, n in kinds.most_common():
        print(f"     {kind:<20} {n:>7}")
    if samples:
        for kind, items in sorted(by_kind.items()):
            print(f"   -- samples of {kind}:")
            for key, text in rng.sample(items, min(samples, len(items))):
                print(f"      [{key}] {text[:160]!r}")
        suspicious: dict[str, tuple[str, str]] = {}
        for kind, items in by_kind.items():
            for key, text in items:
                if reads_like_body(text):
                    suspicious.setdefault(text, (kind, key))
        print(f"   -- distinct removed blocks that read like body text: {len(suspicious)}")
        for text, (kind, key) in list(suspicious.items())[: samples * 4]:
            print(f"      {kind} [{key}] {text[:200]!r}")


def zyte_pages(data: Path) -> list[tuple[str, str]]:
    path = data / "scrapinghub-article-extraction-benchmark" / "ground-truth.json"
    if not path.exists():
        return []
    gold = json.loads(path.read_text(encoding="utf-8"))
    return [(key, rec["articleBody"]) for key, rec in sorted(gold.items())]


def langid_report(name: str, texts: list[tuple[str, str]], expected: str | None) -> None:
    from warta.nlp.langid import identify

    t0 = clock()
    found = [(key, identify(text), text) for key, text in texts]
    seconds = clock() - t0
    codes = Counter(lang.code for _, lang, _ in found)
    print(f"== language id, {name}: {len(texts)} texts, {len(texts) / max(seconds, 1e-9):,.0f} texts/s CPU")
    print("   " + ", ".join(f"{code}: {n}" for code, n in codes.most_common()))
    if expected:
        right = [lang.confidence for _, lang, _ in found if lang.code == expected]
        print(
            f"   {expected}: {len(right)}/{len(found)} ({len(right) / max(len(found), 1):.1%}), mean confidence {sum(right) / max(len(right), 1):.3f}"
        )
        for key, lang, text in [f for f in found if f[1].code != expected][:8]:
            print(f"     {lang.code} {lang.confidence:.2f} [{key}] {text[:100]!r}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(ROOT.parent / "shared" / "data"))
    ap.add_argument("--limit", type=int, default=0, help="at most N articles per dataset (0: all)")
    ap.add_argument("--samples", type=int, default=0, help="print K removed blocks of each kind")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument(
        "--langid", action="store_true", help="also run language id over every article (and the Zyte pages)"
    )
    args = ap.parse_args()
    data = Path(args.data)
    if not (data / "click-id-raw-articles").is_dir():
        print(f"bench/clean.py needs the CLICK-ID data under {data} (../shared/data)", file=sys.stderr)
        return 2
    rng = random.Random(args.seed)
    # warm up: load the rules once, outside the timed runs
    clean_all([("warmup", "Judul\nParagraf satu. Paragraf dua.\nEditor: X\n")])
    for name, source in (("CLICK-ID", click_articles(data)), ("IndoSum dev", indosum_articles(data))):
        texts = []
        for item in source:
            texts.append(item)
            if args.limit and len(texts) >= args.limit:
                break
        report(name, texts, args.samples, rng)
        if args.langid:
            langid_report(name, texts, "id")
    if args.langid:
        langid_report("Zyte benchmark pages (mostly English)", zyte_pages(data), None)
    return 0


if __name__ == "__main__":
    sys.exit(main())
