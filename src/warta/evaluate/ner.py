"""``warta eval ner``: exact-span precision/recall/F1 on held-out test sets, two systems.

Needs ``../shared/data``: NERGrit test (IndoNLU split), NER-UI and NER-UGM test fold 01
(IndoLEM). Labels are mapped to PER/ORG/LOC as in training (NER-UGM TIME/QUANTITY -> O).

- ``model``: the NER model alone on the corpus's own tokens.
- ``text``: the model alone on the same detokenised text as ``stage`` (Warta's tokenizer), which
  separates what the rules change from what re-tokenising changes.
- ``stage``: what users get, the whole ``entities`` stage (model + titles, countries, outlets,
  places, titled names, surname linking). Each test sentence is detokenised into text (no space
  before closing punctuation, none after an opening bracket), run through the stage as a
  one-sentence article with Warta's own tokenizer, and every mention is mapped back to the
  corpus tokens it covers (a mention that starts or ends inside a token covers that token). The
  sentences are independent: no article context, so linking across sentences cannot help.
"""

from __future__ import annotations

import argparse
import json
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from warta.errors import UsageError
from warta.evaluate._metrics import prf

TYPES = ("PER", "ORG", "LOC")


def score(
    gold: list[list[tuple[int, int, str]]], pred: list[list[tuple[int, int, str]]]
) -> dict[str, dict[str, float]]:
    """Exact-span micro scores, overall (``ALL``) and per type."""
    tp: Counter[str] = Counter()
    fp: Counter[str] = Counter()
    fn: Counter[str] = Counter()
    for g, p in zip(gold, pred, strict=True):
        gs, ps = set(g), set(p)
        for s in gs & ps:
            tp[s[2]] += 1
        for s in ps - gs:
            fp[s[2]] += 1
        for s in gs - ps:
            fn[s[2]] += 1
    out: dict[str, dict[str, float]] = {}
    for t in ("ALL", *TYPES):
        a, b, c = (sum(tp.values()), sum(fp.values()), sum(fn.values())) if t == "ALL" else (tp[t], fp[t], fn[t])
        p_, r_, f_ = prf(a, b, c)
        out[t] = {"p": p_, "r": r_, "f": f_, "n": a + c}
    return out


NO_SPACE_BEFORE = frozenset({",", ".", ":", ";", "!", "?", ")", "]", "}", "%", "..."})
NO_SPACE_AFTER = frozenset({"(", "[", "{"})


def detokenise(words: Sequence[str]) -> tuple[str, list[tuple[int, int]]]:
    """Text for a tokenized sentence and each token's character span in it."""
    parts: list[str] = []
    offsets: list[tuple[int, int]] = []
    pos = 0
    for i, w in enumerate(words):
        if i and w not in NO_SPACE_BEFORE and words[i - 1] not in NO_SPACE_AFTER:
            parts.append(" ")
            pos += 1
        offsets.append((pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
    return "".join(parts), offsets


def char_to_tokens(offsets: Sequence[tuple[int, int]], start: int, end: int) -> tuple[int, int] | None:
    """Token span ``(first, end)`` covering characters ``start:end`` (None if it covers none)."""
    first = next((i for i, (_, e) in enumerate(offsets) if e > start), None)
    last = next((i for i in range(len(offsets) - 1, -1, -1) if offsets[i][0] < end), None)
    if first is None or last is None or last < first:
        return None
    return first, last + 1


def text_spans(words: Sequence[str]) -> list[tuple[int, int, str]]:
    """The model's entities in one detokenised sentence (Warta's tokenizer), as corpus token spans."""
    from warta.nlp import ner

    text, offsets = detokenise(words)
    out = {(*span, e.label) for e in ner.recognise(text) if (span := char_to_tokens(offsets, e.start, e.end))}
    return sorted(out)


def stage_spans(words: Sequence[str]) -> list[tuple[int, int, str]]:
    """The entities stage's mentions in one detokenised sentence, as corpus token spans."""
    from warta.article import Article
    from warta.extract import entities

    text, offsets = detokenise(words)
    article = Article(original=text, text=text)
    entities.run(article)
    out: set[tuple[int, int, str]] = set()
    for ent in article.entities:
        for m in ent.mentions:
            span = char_to_tokens(offsets, m.start, m.end)
            if span is not None and ent.type in TYPES:
                out.add((*span, ent.type))
    return sorted(out)


def evaluate(
    data: Path, split: str = "test", model: str | None = None, systems: Sequence[str] = ("model", "text", "stage")
) -> dict[str, dict[str, dict[str, dict[str, float]]]]:
    """``{system: {corpus: {type: {p, r, f, n}}}}`` (plus ``_speed``: words/s of that system)."""
    from warta.nlp import ner
    from warta.training.ner import CORPORA, load_split

    nlp = ner.load(model)
    if set(systems) - {"model"} and model is not None:
        raise UsageError("--model applies to --system model only; text and stage use the shipped model")
    results: dict[str, dict[str, dict[str, dict[str, float]]]] = {s: {} for s in systems}
    for corpus in CORPORA:
        sents = load_split(data, corpus, split)
        gold = [s.spans() for s in sents]
        nwords = sum(len(s.words) for s in sents)
        for system in systems:
            t0 = time.perf_counter()
            if system == "model":
                pred = list(ner.tag_words(nlp, (s.words for s in sents)))
            elif system == "text":
                pred = [text_spans(s.words) for s in sents]
            else:
                pred = [stage_spans(s.words) for s in sents]
            dt = time.perf_counter() - t0
            results[system][corpus] = score(gold, pred)
            results[system][corpus]["_speed"] = {"words_per_s": nwords / dt}
    return results


def render(results: dict[str, dict[str, dict[str, dict[str, float]]]], split: str) -> str:
    """One row per corpus and type, the systems side by side (P, R, F1 each)."""
    names = {"nergrit": "NERGrit test", "nerui": "NER-UI test.01", "nerugm": "NER-UGM test.01"}
    if split != "test":
        names = {k: f"{k} {split}" for k in names}
    systems = list(results)
    head = f"{'corpus':<17}{'type':<5}{'n':>6}" + "".join(
        f"{f'{s} P':>10}{f'{s} R':>10}{f'{s} F1':>10}" for s in systems
    )
    lines = [head]
    for corpus in results[systems[0]]:
        for t in ("ALL", *TYPES):
            n = int(results[systems[0]][corpus][t]["n"])
            row = f"{names[corpus]:<17}{t:<5}{n:>6}"
            for s in systems:
                r = results[s][corpus][t]
                row += f"{r['p']:>10.4f}{r['r']:>10.4f}{r['f']:>10.4f}"
            lines.append(row)
    return "\n".join(lines)


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("ner", help="NER exact-span P/R/F1 on NERGrit test, NER-UI and NER-UGM test.01")
    p.add_argument("--data", type=Path, default=Path("../shared/data"), help="the shared data folder")
    p.add_argument("--split", choices=("test", "dev"), default="test", help="which part of each corpus")
    p.add_argument("--model", help="model folder for --system model (default: the shipped warta/models/ner-id)")
    p.add_argument(
        "--system",
        choices=("all", "model", "text", "stage"),
        default="all",
        help="model: the model on the corpus tokens; text: the model on detokenised text; "
        "stage: the whole entities stage on detokenised text; all: the three side by side",
    )
    p.add_argument("--json", action="store_true", help="print JSON instead of a table")

    def run(args: argparse.Namespace) -> int:
        if not args.data.is_dir():
            raise UsageError(f"no data folder at {args.data} (this evaluation needs ../shared/data)")
        systems = ("model", "text", "stage") if args.system == "all" else (args.system,)
        res = evaluate(args.data, args.split, args.model, systems)
        print(json.dumps(res, indent=1) if args.json else render(res, args.split))
        return 0

    p.set_defaults(func=run)
