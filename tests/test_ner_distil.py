"""Distillation helpers (``warta.training.ner_distil``): the vote that makes silver labels and
the teacher plan. No data or training needed."""

from __future__ import annotations

from warta.training import ner_distil
from warta.training.ner import bio_spans


def test_a_span_needs_the_minimum_of_votes():
    teachers = [[(0, 2, "PER")], [(0, 2, "PER"), (4, 5, "LOC")], [(0, 2, "PER")], [(4, 5, "LOC")]]
    assert ner_distil.vote(teachers, 3) == [(0, 2, "PER")]
    assert ner_distil.vote(teachers, 2) == [(0, 2, "PER"), (4, 5, "LOC")]


def test_a_teacher_counts_a_span_once():
    assert ner_distil.vote([[(0, 1, "LOC"), (0, 1, "LOC")], []], 2) == []


def test_overlapping_spans_go_to_the_one_with_more_votes():
    teachers = [[(0, 3, "ORG")], [(0, 3, "ORG")], [(1, 3, "PER")], [(0, 3, "ORG")], [(1, 3, "PER")]]
    assert ner_distil.vote(teachers, 2) == [(0, 3, "ORG")]


def test_equal_votes_keep_the_earlier_span():
    teachers = [[(0, 2, "PER")], [(1, 3, "PER")], [(0, 2, "PER")], [(1, 3, "PER")]]
    assert ner_distil.vote(teachers, 2) == [(0, 2, "PER")]


def test_tags_round_trip_to_spans():
    spans = [(0, 2, "PER"), (3, 4, "LOC"), (4, 6, "ORG")]
    tags = ner_distil.to_tags(7, spans)
    assert tags == ["B-PER", "I-PER", "O", "B-LOC", "B-ORG", "I-ORG", "O"]
    assert bio_spans(tags) == spans


def test_the_shipped_plan_reads():
    plan = ner_distil.load_plan()
    assert len(plan.teachers) >= 3
    assert len({t.name for t in plan.teachers}) == len(plan.teachers)
    assert 1 <= plan.min_votes <= len(plan.teachers)
    assert all("=" in o for t in plan.teachers for o in t.overrides)


def test_spacy_train_passes_seed_vectors_extra_then_overrides(monkeypatch, tmp_path):
    from warta.training import ner_train

    calls: list[tuple[str, ...]] = []
    monkeypatch.setattr(ner_train, "_spacy", lambda *args: calls.append(args))
    best = ner_train.spacy_train(
        tmp_path / "c.cfg",
        tmp_path / "out",
        tmp_path / "t.spacy",
        tmp_path / "d.spacy",
        tmp_path / "vec",
        "--paths.source",
        "src",
        overrides=["system.seed=2"],
    )
    [args] = calls
    assert args[:2] == ("train", str(tmp_path / "c.cfg"))
    pairs = list(zip(args[2::2], args[3::2], strict=True))
    assert ("--paths.vectors", str(tmp_path / "vec")) in pairs
    assert pairs.index(("--system.seed", str(ner_train.SEED))) < pairs.index(("--system.seed", "2"))
    assert ("--paths.source", "src") in pairs
    assert best == tmp_path / "out" / "model-best"
