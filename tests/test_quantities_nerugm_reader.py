"""The NER-UGM reader used by `warta eval times/quantities` (no shared data needed)."""

from __future__ import annotations

from pathlib import Path

from warta.evaluate import nerugm_reader
from warta.evaluate.quantities import predict as predict_quantities
from warta.evaluate.times import predict as predict_times

BIO = """Menurut\tO
Konashenkov\tB-PERSON
,\tO
lebih\tO
dari\tO
80\tB-QUANTITY
ribu\tI-QUANTITY
warga\tI-QUANTITY
Suriah\tI-QUANTITY
dibebaskan\tO
pada\tO
Sabtu\tB-TIME
(\tI-TIME
3/12\tI-TIME
)\tI-TIME
.\tO
"""


def test_detokenize_keeps_offsets(tmp_path: Path) -> None:
    p = tmp_path / "x.tsv"
    p.write_text(BIO, encoding="utf-8")
    (s,) = nerugm_reader.load(p, ["TIME", "QUANTITY"])
    assert s.text == "Menurut Konashenkov, lebih dari 80 ribu warga Suriah dibebaskan pada Sabtu (3/12)."
    assert [s.text[a:b] for a, b in s.spans["TIME"]] == ["Sabtu (3/12)"]
    assert [s.text[a:b] for a, b in s.spans["QUANTITY"]] == ["80 ribu warga Suriah"]
    assert predict_times(s.text) == s.spans["TIME"]
    assert predict_quantities(s.text) == s.spans["QUANTITY"]


def test_hyphenated_words_join() -> None:
    text, offs = nerugm_reader.detokenize(["anak", "-", "anak", "dan", "2014", "-", "2019"])
    assert text == "anak-anak dan 2014 - 2019"
    assert [text[a:b] for a, b in offs] == ["anak", "-", "anak", "dan", "2014", "-", "2019"]
