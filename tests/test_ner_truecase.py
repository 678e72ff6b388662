"""The NERP truecaser (warta.training.truecase) and the NERP sentence reader, on made-up counts."""

from __future__ import annotations

from collections import Counter

from warta.training.ner import nerp_sentence
from warta.training.truecase import Truecaser, count_forms, load_forms, save_forms, sentence_initial

RAW = [
    ["Ketua", "KPK", "Agus", "Rahardjo", "datang", "ke", "Jakarta", "."],
    ["Kata", "Agus", ",", "KPK", "dan", "DPR", "bertemu", "di", "Gedung", "DPR", "."],
    ["Yang", "datang", "ke", "gedung", "itu", ":", "Agus", "."],  # "Yang" is sentence-initial, "Agus" follows ":"
    ["ia", "datang", "ke", "gedung", "baru", ",", "kata", "agus", "dari", "bank", "bri", "."],
    ["Bank", "BRI", "dan", "Bank", "Mandiri", "buka", "di", "Jakarta", ",", "kata", "yang", "lain", "."],
]


def test_sentence_initial_skips_punctuation_before_the_first_word():
    words = ['"', "Kami", "datang", ".", "Ia", "pergi", "!", "(", "Dia", ")"]
    assert [w for w, i in zip(words, sentence_initial(words), strict=True) if i] == ["Kami", "Ia", "Dia"]


def test_counts_skip_sentence_initial_tokens():
    forms = count_forms(RAW)
    assert "ketua" not in forms  # only ever sentence-initial
    assert forms["kata"] == Counter({"kata": 2})  # "Kata" opens sentence 2
    assert forms["yang"] == Counter({"yang": 1})  # "Yang" opens sentence 3
    assert forms["agus"] == Counter({"Agus": 2, "agus": 1})  # the one after ":" is skipped
    assert forms["kpk"] == Counter({"KPK": 2})
    assert "." not in forms and "," not in forms


def test_counts_limited_to_a_vocabulary():
    assert set(count_forms(RAW, {"kpk", "gedung", "nothing"})) == {"kpk", "gedung"}


def test_restore_outside_and_inside_entities():
    caser = Truecaser(count_forms(RAW))
    words = [
        "kata",
        "ketua",
        "kpk",
        ",",
        "agus",
        "datang",
        "ke",
        "gedung",
        "dpr",
        "di",
        "jakarta",
        "bersama",
        "bank",
        "bri",
        "dan",
        "budi",
        ".",
    ]
    entity = [w in {"agus", "bank", "bri", "jakarta", "budi", "gedung", "dpr"} for w in words]
    entity[7] = False  # "gedung" outside an entity keeps its usual (lower-case) form
    out = caser.restore(words, entity)
    assert out == (
        [
            "Kata",
            "ketua",
            "KPK",
            ",",
            "Agus",
            "datang",
            "ke",
            "gedung",
            "DPR",
            "di",
            "Jakarta",
            "bersama",
            "Bank",
            "BRI",
            "dan",
            "Budi",
            ".",
        ]
    )


def test_inside_entity_prefers_capitalised_form_even_when_rarer():
    caser = Truecaser({"gedung": Counter({"gedung": 10, "Gedung": 1}), "al-amin": Counter()})
    assert caser.restore(["di", "gedung", "al-amin"], [False, True, True]) == ["Di", "Gedung", "Al-Amin"]
    assert caser.restore(["di", "gedung", "al-amin"], [False, False, False]) == ["Di", "gedung", "al-amin"]


def test_each_sentence_start_is_capitalised():
    caser = Truecaser({})
    out = caser.restore(['"', "ya", ".", "tidak", "!", "123", "dan"], [False] * 7)
    assert out == ['"', "Ya", ".", "Tidak", "!", "123", "dan"]  # a number opens the last one


def test_forms_round_trip(tmp_path):
    forms = count_forms(RAW)
    save_forms(forms, tmp_path / "f.json.gz")
    assert load_forms(tmp_path / "f.json.gz") == forms


def test_nerp_sentence_maps_labels_and_marks_unknowns_missing():
    caser = Truecaser(count_forms(RAW))
    words = ["agus", "dari", "kpk", "makan", "sate", "padang", "di", "jakarta", "bersama", "bri"]
    labels = ["B-PPL", "O", "O", "O", "B-FNB", "I-FNB", "O", "B-PLC", "O", "B-IND"]
    s = nerp_sentence(words, labels, caser)
    assert s.words == ["Agus", "dari", "KPK", "makan", "Sate", "Padang", "di", "Jakarta", "bersama", "BRI"]
    assert s.spans() == [(0, 1, "PER"), (7, 8, "LOC"), (9, 10, "ORG")]
    # "KPK" is O in NERP but written capitalised (an ORG elsewhere); FNB has no counterpart but
    # is a NERP span, so it is cased as a name
    assert s.missing == [False, False, True, False, True, True, False, False, False, False]


def test_nerp_sentences_in_a_dev_or_test_set_are_dropped(tmp_path):
    from ner_support import write_fake_corpora
    from warta.training.ner import Sentence, training_sets

    write_fake_corpora(tmp_path)
    nerp = [
        Sentence(["Nergrit", "Test"], ["B-PER", "O"]),  # = a test sentence, case aside
        Sentence(["NERUI", "dev"], ["B-PER", "O"]),  # = a dev sentence
        Sentence(["Ali", "datang"], ["B-PER", "O"], [False, False]),
    ]
    train, dev, stats = training_sets(tmp_path, {"nerp": 2}, nerp)
    assert stats["nerp.train"] == 1 and stats["nerp.train.dropped_in_test_or_dev"] == 2
    assert [s.words for s in train].count(["Ali", "datang"]) == 2
    assert len(dev) == 3


def test_missing_tokens_reach_the_docbin(tmp_path):
    import spacy
    from spacy.tokens import DocBin

    from warta.training.ner import Sentence, to_docbin

    to_docbin([Sentence(["Ketua", "KPK", "Agus"], ["O", "O", "B-PER"], [False, True, False])], tmp_path / "x.spacy")
    doc = next(DocBin().from_disk(tmp_path / "x.spacy").get_docs(spacy.blank("id").vocab))
    assert [t.ent_iob_ for t in doc] == ["O", "", "B"]
