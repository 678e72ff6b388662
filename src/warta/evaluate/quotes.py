"""``warta eval quotes``: quotation spans and speakers against PFSA-ID and the indirect set.

``--pfsa ../shared/data/pfsa-id/dev-40.txt`` (needs /work/shared; CC BY-NC-SA, not shipped):
articles are rebuilt from the tokens and run through Warta's default pipeline; PFSA-ID's
STATEMENT spans are direct quotations, so they are scored against Warta's direct quotations.
``--indirect bench/data/indirect-quotes/indirect.jsonl`` (committed, hand-checked): each
context runs through the pipeline and its indirect quotations are scored.

The gold speaker of a PFSA statement is the PERSON (or PERSONCOREF, resolved to the PERSON it
names) in its attribution; for a pronoun cue (``katanya``) the nearest PERSON before it; a
statement whose named cue has no PERSON label (``ujar Husain`` unlabelled) has no gold speaker
and is left out of speaker accuracy.

For PFSA-ID a second line scores the public-figure view: the same run with the quotations whose
speaker Warta marks ``private`` (a private individual, ``warta.extract.entities.standing``) left out,
since PFSA-ID annotates only public figures' statements (``evaluate_views``).

``--docs even|odd|all|split``: PFSA-ID is our only PFSA file, so rules are developed on the
even-numbered documents (pfsa-000, -002, ...) and checked on the odd ones; ``split`` prints both
halves and the whole (the indirect set is always scored whole).

Printed: precision/recall/F1 of spans matched one-to-one by overlap and exactly (after trimming
quotation marks, spaces and a trailing comma on both sides, as the annotation guidelines define
the content), and speaker accuracy over the matched quotations: the predicted speaker's name
contains (or equals) the gold PERSON, case-insensitively; ``lenient`` also accepts a shared name
word (``Faqih`` for ``Daeng M Faqih``).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from dataclasses import dataclass, field, fields
from pathlib import Path

from warta.errors import UsageError
from warta.evaluate._metrics import prf
from warta.evaluate._quote_data import GoldDoc, read_indirect, read_pfsa

TRIM = " \t\n\"'“”‘’«»„,"


@dataclass
class Tally:
    tp_overlap: int = 0
    tp_exact: int = 0
    n_pred: int = 0
    n_gold: int = 0
    spk_total: int = 0
    spk_strict: int = 0
    spk_lenient: int = 0
    spk_missing: int = 0  # matched quotations whose predicted speaker is None
    errors: list[dict] = field(default_factory=list)

    @classmethod
    def combine(cls, tallies: list[Tally]) -> Tally:
        out = cls()
        for t in tallies:
            for f in fields(cls):
                setattr(out, f.name, getattr(out, f.name) + getattr(t, f.name))
        return out

    def prf(self, tp: int) -> tuple[float, float, float]:
        return prf(tp, self.n_pred - tp, self.n_gold - tp)

    def summary(self) -> dict[str, float | int]:
        po, ro, fo = self.prf(self.tp_overlap)
        pe, re_, fe = self.prf(self.tp_exact)
        return {
            "gold": self.n_gold,
            "predicted": self.n_pred,
            "overlap_p": po,
            "overlap_r": ro,
            "overlap_f1": fo,
            "exact_p": pe,
            "exact_r": re_,
            "exact_f1": fe,
            "speaker_n": self.spk_total,
            "speaker_acc": self.spk_strict / self.spk_total if self.spk_total else 0.0,
            "speaker_acc_lenient": self.spk_lenient / self.spk_total if self.spk_total else 0.0,
            "speaker_none": self.spk_missing,
        }


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in TRIM:
        s += 1
    while e > s and text[e - 1] in TRIM:
        e -= 1
    return s, e


def _norm(name: str) -> str:
    return " ".join("".join(ch if ch.isalnum() else " " for ch in name.lower()).split())


def _strip_titles(name: str) -> str:
    """Gold PERSON spans sometimes hold a rank ("Komisaris Besar Ahmad Mustofa Kamal") or a
    degree ("dr Eddy MS"); the guidelines keep both out of names, so leading title words and
    trailing degrees are dropped before comparing."""
    from warta.extract.entities.person_names import degrees
    from warta.lang.lexicon import lexicon

    titles = lexicon("id").titles
    words = name.replace("(", " ( ").replace(")", " ) ").split()
    while len(words) > 1 and (
        words[0] in titles or words[0].rstrip(".") in titles or words[0] in ("TNI", "(", ")", "Purn", "Purn.")
    ):
        words = words[1:]
    degs = degrees()
    while len(words) > 1 and words[-1].rstrip(",") in degs:  # "dr Eddy MS": a degree after the name
        words = words[:-1]
    return " ".join(words)


def speaker_ok(pred: str | None, gold: str) -> tuple[bool, bool]:
    """(strict, lenient): strict = the predicted name contains the gold PERSON."""
    if not pred:
        return False, False
    p, g = _norm(pred), _norm(_strip_titles(gold))
    strict = bool(g) and (f" {g} " in f" {p} ")
    lenient = strict or bool(set(p.split()) & set(g.split())) or (bool(p) and f" {p} " in f" {g} ")
    return strict, lenient


_PIPE = None


def _pipeline():  # type: ignore[no-untyped-def]
    """The default pipeline with only the stages quotations depend on."""
    global _PIPE
    if _PIPE is None:
        from warta.pipeline import STAGES, Pipeline

        needed = {"language", "segment", "entities", "quotes", "standing"}  # what quotations depend on
        _PIPE = Pipeline.default(exclude=[n for n, _ in STAGES if n not in needed])
    return _PIPE


Pred = tuple[int, int, str | None, str, str | None]  # start, end, speaker name, text, speaker standing


def predict(doc: GoldDoc, kind: str) -> list[Pred]:
    """Run Warta on the document; quotation parts of ``kind`` as spans in the document text."""
    from warta.read.record import RawDocument

    article = _pipeline().run(RawDocument(content=doc.text, format="text", lang="id", name=doc.id))
    out = []
    for q in article.quotes:
        if q.kind != kind:
            continue
        name = q.speaker.name if q.speaker else None
        standing = q.speaker.standing if q.speaker else None
        for part in q.parts or [q]:
            s, e = article.to_original(part.start, part.end)
            out.append((s, e, name, article.text[part.start : part.end], standing))
    return out


def score_doc(doc: GoldDoc, preds: list[Pred], t: Tally) -> None:
    text = doc.text
    if doc.scope is not None:
        lo, hi = doc.scope
        preds = [p for p in preds if p[0] < hi and lo < p[1]]
    gold = [(*_trim(text, g.start, g.end), g) for g in doc.quotes]
    pspans = [(*_trim(text, p[0], p[1]), p) for p in preds]
    t.n_gold += len(gold)
    t.n_pred += len(pspans)
    used: set[int] = set()
    for gs, ge, g in gold:
        best, best_ov = None, 0
        for k, (ps, pe, _p) in enumerate(pspans):
            if k in used:
                continue
            ov = min(ge, pe) - max(gs, ps)
            if ov > best_ov:
                best, best_ov = k, ov
        if best is None:
            t.errors.append({"doc": doc.id, "type": "missed", "gold": text[gs:ge][:160]})
            continue
        used.add(best)
        ps, pe, p = pspans[best]
        t.tp_overlap += 1
        if (ps, pe) == (gs, ge):
            t.tp_exact += 1
        else:
            t.errors.append({"doc": doc.id, "type": "boundary", "gold": text[gs:ge][:160], "pred": text[ps:pe][:160]})
        if g.speaker is None and g.null_is_gold:
            # the article names nobody: right only if Warta names nobody either
            t.spk_total += 1
            ok = p[2] is None
            t.spk_strict += ok
            t.spk_lenient += ok
            if not ok:
                t.errors.append(
                    {
                        "doc": doc.id,
                        "type": "speaker",
                        "gold_speaker": None,
                        "pred_speaker": p[2],
                        "quote": text[gs:ge][:100],
                    }
                )
        elif g.speaker:
            t.spk_total += 1
            strict, lenient = speaker_ok(p[2], g.speaker)
            t.spk_strict += strict
            t.spk_lenient += lenient
            t.spk_missing += p[2] is None
            if not strict:
                t.errors.append(
                    {
                        "doc": doc.id,
                        "type": "speaker",
                        "gold_speaker": g.speaker,
                        "pred_speaker": p[2],
                        "quote": text[gs:ge][:100],
                    }
                )
    for k, (ps, pe, p) in enumerate(pspans):
        if k not in used:
            t.errors.append({"doc": doc.id, "type": "spurious", "pred": text[ps:pe][:160], "speaker": p[2]})


def evaluate(docs: list[GoldDoc], kind: str) -> Tally:
    return evaluate_views(docs, kind)[0]


def evaluate_views(docs: list[GoldDoc], kind: str) -> tuple[Tally, Tally]:
    """(all quotations, the public-figure view) from one run of the pipeline.

    The public-figure view leaves out quotations whose speaker Warta marks ``private`` (a
    private individual: introduced with an age or a lay role, ``warta.extract.entities.standing``).
    PFSA-ID annotates the statements of public figures only, so its gold has no vox pops; this
    view compares like with like. The filter is Warta's own output, not the gold's.
    """
    every, public = Tally(), Tally()
    for d in docs:
        preds = predict(d, kind)
        score_doc(d, preds, every)
        score_doc(d, [p for p in preds if p[4] != "private"], public)
    return every, public


def _print(name: str, t: Tally, seconds: float | None = None) -> None:
    s = t.summary()
    took = f" ({seconds:.1f}s)" if seconds is not None else ""
    print(f"{name}: {s['gold']} gold, {s['predicted']} predicted{took}")
    print(f"  overlap  P {s['overlap_p']:.3f}  R {s['overlap_r']:.3f}  F1 {s['overlap_f1']:.3f}")
    print(f"  exact    P {s['exact_p']:.3f}  R {s['exact_r']:.3f}  F1 {s['exact_f1']:.3f}")
    print(
        f"  speaker  {s['speaker_acc']:.3f} of {s['speaker_n']} matched quotations"
        f" (lenient {s['speaker_acc_lenient']:.3f}; no speaker {s['speaker_none']})"
    )


def doc_half(doc_id: str) -> str:
    """``even`` or ``odd`` from the number at the end of a document id (``pfsa-013`` → odd)."""
    digits = ""
    for ch in reversed(doc_id):
        if not ch.isdigit():
            break
        digits = ch + digits
    return "odd" if digits and int(digits) % 2 else "even"


def select_docs(docs: list[GoldDoc], half: str) -> list[GoldDoc]:
    """PFSA-ID has one file: rules are developed on the even documents and checked on the odd."""
    return docs if half == "all" else [d for d in docs if doc_half(d.id) == half]


def run(args: argparse.Namespace) -> int:
    if not args.pfsa and not args.indirect:
        raise UsageError("give --pfsa FILE and/or --indirect FILE")
    results = {}
    for name, path, reader, kind in (
        ("PFSA-ID direct", args.pfsa, read_pfsa, "direct"),
        ("indirect set", args.indirect, read_indirect, "indirect"),
    ):
        if not path:
            continue
        p = Path(path)
        if not p.is_file():
            raise UsageError(f"{path}: no such file")
        docs = reader(p)
        if args.limit:
            docs = docs[: args.limit]
        halves = ["all"]
        if kind == "direct":  # the indirect set is scored whole
            halves = ["even", "odd", "all"] if args.docs == "split" else [args.docs]
        done: list[tuple[Tally, Tally]] = []
        for half in halves:
            label = name if half == "all" else f"{name} [{half} docs]"
            t0 = time.perf_counter()
            # "split": the whole set is the sum of its halves, not a third run
            if half == "all" and done:
                pair = (Tally.combine([d[0] for d in done]), Tally.combine([d[1] for d in done]))
            else:
                pair = evaluate_views(select_docs(docs, half), kind)
            done.append(pair)
            tally = pair[0]
            _print(label, tally, time.perf_counter() - t0)
            results[label] = tally.summary()
            if kind == "direct":  # PFSA-ID: statements of public figures only
                view = f"{label}, public-figure view (speakers Warta marks private left out)"
                _print(view, pair[1])
                results[view] = pair[1].summary()
            if args.errors and half == halves[-1]:
                with open(args.errors, "a", encoding="utf-8") as fh:
                    for err in tally.errors:
                        fh.write(json.dumps({"set": name, **err}, ensure_ascii=False) + "\n")
    if args.json:
        json.dump(results, sys.stdout, indent=2)
        print()
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("quotes", help="quotation spans and speakers: PFSA-ID (direct) and the indirect set")
    p.add_argument("--pfsa", help="PFSA-ID token file, e.g. ../shared/data/pfsa-id/dev-40.txt")
    p.add_argument("--indirect", help="indirect quotation set (JSONL), e.g. bench/data/indirect-quotes/indirect.jsonl")
    p.add_argument("--limit", type=int, default=0, help="only the first N articles/contexts")
    p.add_argument("--errors", help="append every error (missed, spurious, boundary, speaker) to this JSONL file")
    p.add_argument(
        "--docs",
        choices=("all", "even", "odd", "split"),
        default="all",
        help="PFSA-ID documents to score: even-numbered (development), odd-numbered (check), all,"
        " or split (print all three)",
    )
    p.add_argument("--json", action="store_true", help="also print the figures as JSON")
    p.set_defaults(func=run)
