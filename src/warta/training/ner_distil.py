"""``warta train ner --distil``: an ensemble's knowledge in one model of the usual size and speed.

Several models trained on the same data with other sizes or seeds disagree on about one entity
in ten; a span most of them find is more often right than any one model's (on the joint dev set,
a vote of five scores 1.5 points above their mean). Running five models would cost five times
the time, so their agreement is taught to one model instead (knowledge distillation):

1. Train each teacher listed in ``training/ner/teachers.toml`` (its config overrides and seed)
   with ``warta.training.ner_train.train``; a teacher already in the work folder is reused.
2. Take raw news sentences the gold data does not hold (IndoSum, 6-60 tokens, shuffled with a
   fixed seed, minus every sentence of the three corpora's dev and test sets) and tag them with
   every teacher. A span (same tokens, same type) that at least ``min_votes`` teachers give is
   kept; overlapping spans are resolved by more votes first. These are the silver labels.
3. Train the student (the shipped config and seed, plus the plan's ``student_set``) on the gold
   training data, repeated ``gold_repeat`` times, plus the silver sentences; pick the best step
   on the gold dev set.

Everything is seeded, so the same command rebuilds the same model.
"""

from __future__ import annotations

import json
import random
import shutil
import time
import tomllib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from warta.training import ner as base
from warta.training import ner_train as steps

TEACHERS = steps.REPO / "training" / "ner" / "teachers.toml"
SILVER_SEED = 1


@dataclass(frozen=True)
class Teacher:
    name: str
    overrides: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Plan:
    teachers: list[Teacher]
    silver_sentences: int
    gold_repeat: int
    min_votes: int
    student_overrides: list[str] = field(default_factory=list)
    # last stage (issue 16): the student fine-tuned on the three corpora plus the annotated
    # CLICK-ID articles (warta.training.ner_gold), these repeated ``in_domain_repeat`` times
    in_domain_repeat: int = 0
    in_domain_corpus_repeat: int = 1
    in_domain_overrides: list[str] = field(default_factory=list)


def load_plan(path: Path = TEACHERS) -> Plan:
    with path.open("rb") as fh:
        raw = tomllib.load(fh)
    teachers = [Teacher(t["name"], list(t.get("set", []))) for t in raw["teacher"]]
    return Plan(
        teachers,
        int(raw["silver_sentences"]),
        int(raw["gold_repeat"]),
        int(raw["min_votes"]),
        list(raw.get("student_set", [])),
        int(raw.get("in_domain", {}).get("repeat", 0)),
        int(raw.get("in_domain", {}).get("corpus_repeat", 1)),
        list(raw.get("in_domain", {}).get("set", [])),
    )


def silver_text(data: Path, n: int) -> list[list[str]]:
    """``n`` tokenized IndoSum sentences (6-60 tokens) absent from every dev and test set."""
    held = {base._key(s.words) for c in base.CORPORA for sp in ("dev", "test") for s in base.load_split(data, c, sp)}
    seen: set[str] = set()
    out: list[list[str]] = []
    for path in sorted((data / "indosum").glob("*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                for para in json.loads(line).get("paragraphs", []):
                    for sent in para:
                        key = base._key(sent)
                        if 6 <= len(sent) <= 60 and key not in seen and key not in held:
                            seen.add(key)
                            out.append(list(sent))
    random.Random(SILVER_SEED).shuffle(out)
    return out[:n]


def vote(predictions: Sequence[list[tuple[int, int, str]]], min_votes: int) -> list[tuple[int, int, str]]:
    """Spans given by at least ``min_votes`` of the teachers, without overlaps (more votes win,
    then the earlier span)."""
    votes = Counter(span for pred in predictions for span in set(pred))
    kept: list[tuple[int, int, str]] = []
    for span in sorted((s for s, v in votes.items() if v >= min_votes), key=lambda s: (-votes[s], s)):
        if all(span[1] <= k[0] or k[1] <= span[0] for k in kept):
            kept.append(span)
    return sorted(kept)


def to_tags(n: int, spans: list[tuple[int, int, str]]) -> list[str]:
    tags = ["O"] * n
    for a, b, label in spans:
        tags[a] = f"B-{label}"
        for i in range(a + 1, b):
            tags[i] = f"I-{label}"
    return tags


def silver_labels(teachers: Sequence[Path], sentences: list[list[str]], min_votes: int) -> list[base.Sentence]:
    from warta.nlp import ner

    predictions: list[list[list[tuple[int, int, str]]]] = []
    for path in teachers:
        nlp = ner.load(str(path))
        predictions.append(list(ner.tag_words(nlp, sentences)))
        print(f"silver: tagged {len(sentences)} sentences with {path}", flush=True)
    return [
        base.Sentence(words, to_tags(len(words), vote([p[i] for p in predictions], min_votes)))
        for i, words in enumerate(sentences)
    ]


def distil(
    data: Path,
    out: Path,
    work: Path,
    *,
    plan: Plan,
    vectors: Path | None = None,
    config: Path = steps.CONFIG,
    overrides: list[str] | None = None,
) -> None:
    """Train the teachers (or reuse them), label the silver text, train the student into ``out``."""
    t0 = time.time()
    vec_model = steps.vectors_model(data, work, vectors)  # one set of vectors for every model
    teacher_models: list[Path] = []
    for t in plan.teachers:
        model = work / "teachers" / f"{t.name}-model"
        if not (model / "meta.json").exists():
            folder = work / "teachers" / t.name
            if not (folder / "vectors-model").exists():
                shutil.copytree(vec_model, folder / "vectors-model")
            steps.train(data, model, folder, config=config, overrides=t.overrides)
        teacher_models.append(model)
    print(f"{len(teacher_models)} teachers ready in {time.time() - t0:.0f}s", flush=True)
    silver = silver_labels(teacher_models, silver_text(data, plan.silver_sentences), plan.min_votes)
    n_spans = sum(len(s.spans()) for s in silver)
    print(f"silver: {len(silver)} sentences, {n_spans} entities (>= {plan.min_votes} votes)", flush=True)
    student = work / "student"
    student.mkdir(parents=True, exist_ok=True)
    gold, dev, stats = base.training_sets(data, {c: plan.gold_repeat for c in base.CORPORA})
    base.to_docbin(gold + silver, student / "train.spacy")
    base.to_docbin(dev, student / "dev.spacy")
    stats = {**stats, "silver": len(silver), "silver_entities": n_spans, "gold_repeat": plan.gold_repeat}
    (student / "data-stats.json").write_text(json.dumps(stats, indent=1))
    best = steps.spacy_train(
        config,
        student / "output",
        student / "train.spacy",
        student / "dev.spacy",
        vec_model,
        overrides=[*plan.student_overrides, *(overrides or [])],
    )
    if plan.in_domain_repeat:
        best = steps.finetune_in_domain(
            data,
            work / "in-domain",
            vec_model,
            best,
            plan.in_domain_repeat,
            plan.in_domain_corpus_repeat,
            plan.in_domain_overrides,
        )
    steps.install(best, out)
    print(f"student written to {out} in {time.time() - t0:.0f}s", flush=True)
