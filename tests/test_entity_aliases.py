"""A name given with another name in brackets: one entity, the alias a mention of it.

All sentences are made up for these tests.
"""

from __future__ import annotations

from warta.extract.entities.linking import split_aliases
from warta.extract.entities.mentions import Found
from warta.lang import get
from warta.pipeline import extract


def found(text: str, part: str, label: str) -> Found:
    s = text.index(part)
    return Found(0, 1, label, part, s, s + len(part))


def test_a_bracketed_alias_is_split_off():
    text = "Komisi Pemberantasan Korupsi (KPK) menolak."
    out, alias_of = split_aliases(text, [found(text, "Komisi Pemberantasan Korupsi (KPK)", "ORG")], get("id"))
    assert [(f.text, text[f.s : f.e]) for f in out] == [
        ("Komisi Pemberantasan Korupsi", "Komisi Pemberantasan Korupsi"),
        ("KPK", "KPK"),
    ]
    assert alias_of["kpk"] is out[0]


def test_a_legal_form_in_brackets_is_no_alias():
    text = "PT Pertamina (Persero) menolak."
    out, alias_of = split_aliases(text, [found(text, "PT Pertamina (Persero)", "ORG")], get("id"))
    assert [f.text for f in out] == ["PT Pertamina (Persero)"]
    assert alias_of == {}


def test_the_alias_links_later_mentions_to_the_full_name():
    a = extract(
        "Presiden Susilo Bambang Yudhoyono (SBY) tiba di Jakarta, Senin. Menurut SBY, pemberantasan "
        "korupsi harus berjalan. Komisi Pemberantasan Korupsi (KPK) menetapkan dua tersangka baru."
    )
    by_name = {e.name: e for e in a.entities}
    sby = by_name["Susilo Bambang Yudhoyono"]
    assert sby.type == "PER"
    assert [m.text for m in sby.mentions] == ["Susilo Bambang Yudhoyono", "SBY", "SBY"]
    assert all(a.text[m.start : m.end] == m.text for m in sby.mentions)
    kpk = by_name["Komisi Pemberantasan Korupsi"]
    assert [m.text for m in kpk.mentions] == ["Komisi Pemberantasan Korupsi", "KPK"]
    assert "SBY" not in by_name and "KPK" not in by_name


def test_brackets_after_the_name_are_read_too_but_an_age_is_no_alias():
    text = "Komisi Pemberantasan Korupsi (KPK) memeriksa Budi (38) kemarin."
    name = found(text, "Komisi Pemberantasan Korupsi", "ORG")
    person = found(text, "Budi", "PER")
    out, alias_of = split_aliases(text, [name, person], get("id"))
    assert [f.text for f in out] == ["Komisi Pemberantasan Korupsi", "KPK", "Budi"]
    assert out[2] is person
    assert list(alias_of) == ["kpk"]
