"""Large and odd inputs run in bounded memory."""

from __future__ import annotations

import json
import subprocess
import sys

from warta.article import Article, Span
from warta.extract import entities

PARA = (
    "Menteri Luar Negeri Retno Marsudi bertemu Duta Besar Jepang di Jakarta pada Senin. "
    "Retno mengatakan kerja sama kedua negara akan diperluas, kata juru bicara Kementerian Luar Negeri. "
)

CHILD = """
import json, resource, sys
from warta.article import Article, Span
from warta.extract import entities
from warta.nlp import ner
ner.load()
para, size = sys.argv[1], int(sys.argv[2])
text = (para * (size // len(para) + 1))[:size]
a = Article(original=text, text=text)
a.paragraphs = [Span(0, len(text))]  # one paragraph, no sentences: the stage must chunk it
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
entities.run(a)
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
retno = [e for e in a.entities if e.name == "Retno Marsudi"]
print(json.dumps({"kb": after - before, "retno": len(retno[0].mentions) if retno else 0}))
"""


def _run(size: int) -> dict[str, int]:
    out = subprocess.run([sys.executable, "-c", CHILD, PARA, str(size)], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_one_megabyte_article_bounded_memory():
    big = _run(1_000_000)
    assert big["retno"] > 1000  # every repetition's "Retno" linked to the one person
    assert big["kb"] < 300 * 1024  # peak growth while processing 1 MB, model already loaded


def _article(text: str) -> Article:
    a = Article(original=text, text=text)
    a.paragraphs = [Span(0, len(text))]
    return a


def test_empty_and_symbol_only_text():
    for text in ("", "   ", "*** --- 123 456 ***"):
        a = _article(text)
        entities.run(a)
        assert a.entities == []


def test_a_number_word_opening_sentences_is_no_place():
    from warta.article import Entity, Mention
    from warta.extract.entities.document import number_word as _number_word
    from warta.lang import get

    def lima(text: str) -> Entity:
        starts = [i for i in range(len(text)) if text.startswith("Lima", i)]
        return Entity("", "Lima", "LOC", [Mention(s, s + 4, "Lima") for s in starts])

    counted = "Lima pertandingan terakhir, tuan rumah menang. Lima laga sebelumnya kalah."
    assert _number_word(counted, lima(counted), get("id"))
    capital = "Lima pertandingan terakhir, tuan rumah menang. Presiden Peru tiba di Lima kemarin."
    assert not _number_word(capital, lima(capital), get("id"))


def test_a_place_the_article_names_ends_inside_a_titled_name():
    import warta

    text = "Kasus terjadi di Kecamatan Putri Hijau. Camat Putri Hijau Sutrisno menjelaskan kasus itu sudah selesai."
    by_name = {e.name: e for e in warta.extract(text).entities}
    sutrisno = by_name["Sutrisno"]
    assert (sutrisno.titles, sutrisno.affiliations) == (["Camat"], ["Putri Hijau"])


def test_an_opening_bracket_never_ends_a_name():
    from warta.extract.entities.mentions import tidy as _tidy
    from warta.lang import get
    from warta.nlp import ner
    from warta.nlp.segment import tokenize

    text = "Dewan Pertimbangan Presiden (Wantimpres) hadir."
    toks = tokenize(text)
    end = text.index("(") + 1
    found = _tidy(toks, [ner.EntitySpan(0, end, "ORG", text[:end])], get("id"))
    assert [f.text for f in found] == ["Dewan Pertimbangan Presiden"]


def test_lower_case_common_nouns_are_no_place():
    from warta.extract.entities.document import common_lower as _common_lower
    from warta.lang import get

    idp = get("id")

    assert _common_lower("jalan raya", idp) and _common_lower("kampung halaman", idp)
    assert not _common_lower("medan", idp) and not _common_lower("kota Sagar", idp)
