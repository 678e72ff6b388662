"""Speaker standing: private individuals (age, lay role) and people in public roles."""

from __future__ import annotations

import warta
from warta.article import Article, Entity, Mention, Speaker
from warta.extract.entities import standing
from warta.lang import get


def _speakers(text: str) -> dict[str, str | None]:
    art = warta.extract(text, published="2020-06-01")
    return {q.speaker.name: q.speaker.standing for q in art.quotes if q.speaker}


def test_age_and_lay_role_make_a_private_individual() -> None:
    text = (
        "Harga cabai di pasar itu naik dua kali lipat sejak pekan lalu.\n\n"
        "Sumarni Wulandari (47), pedagang sayur di Pasar Minggu, mengatakan pembeli berkurang.\n\n"
        "“Sekarang sepi sekali, orang hanya beli sedikit,” kata Sumarni.\n\n"
        "Menteri Perdagangan Budi Santoso mengatakan pemerintah memantau harga.\n\n"
        "“Kami akan operasi pasar minggu depan,” kata Budi."
    )
    got = _speakers(text)
    assert got.get("Sumarni Wulandari") == "private"
    assert got.get("Budi Santoso") == "public"


def test_later_clause_after_a_name_is_not_an_apposition() -> None:
    # "Menurut Arief, peserta ...": "peserta" starts another clause; it does not describe Arief
    text = (
        "Ketua panitia Arief Wicaksono mengatakan acara berjalan lancar.\n\n"
        "Menurut Arief, peserta yang hadir lebih banyak dari tahun lalu.\n\n"
        "“Kami senang sekali,” kata Arief."
    )
    assert _speakers(text).get("Arief Wicaksono") != "private"


def _article(text: str, name: str, start: int) -> tuple[Article, Entity]:
    art = Article(original=text, text=text)
    ent = Entity(id="e1", name=name, type="PER", mentions=[Mention(start=start, end=start + len(name), text=name)])
    art.entities.append(ent)
    return art, ent


def test_entity_rules_on_constructed_articles() -> None:
    p = standing.patterns(get("id"))
    assert p is not None
    text = "Di pasar itu, seorang warga, Rudi, mengaku rugi."
    art, ent = _article(text, "Rudi", text.index("Rudi"))
    assert standing.entity_standing(art, ent, p) == "private"
    text = "Bantuan untuk 9 juta keluarga, Asep juga tidak menjawab."
    art, ent = _article(text, "Asep", text.index("Asep"))
    assert standing.entity_standing(art, ent, p) is None
    ent.titles = ["Direktur Jenderal"]
    assert standing.entity_standing(art, ent, p) == "public"
    ent.titles = ["ibu"]  # a lay role written as a title: still a private individual
    assert standing.entity_standing(art, ent, p) == "private"


def test_role_only_attribution_names_a_lay_role() -> None:
    p = standing.patterns(get("id"))
    assert p is not None
    text = "“Sepi,” kata siswa jurusan otomotif itu."
    art = Article(original=text, text=text)
    i = text.index("siswa")
    sp = Speaker(entity=None, name="", mention=Mention(start=i, end=len(text) - 1, text=text[i:-1]))
    assert standing.speaker_standing(art, sp, {}, p) == "private"
    sp = Speaker(entity=None, name="", titles=["juru bicara"])
    assert standing.speaker_standing(art, sp, {}, p) == "public"
