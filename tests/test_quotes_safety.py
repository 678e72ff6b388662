"""The last check on speakers (extract/quotes/safety.py): silence over a wrong name, the entity id
where the speaker is an entity."""

from __future__ import annotations

from warta.pipeline import extract


def _speakers(text: str) -> list[tuple[str | None, str | None]]:
    a = extract(text, published="2019-09-10")
    out = []
    for q in a.quotes:
        if q.speaker is None:
            out.append((None, q.speaker_reason))
        else:
            ent = next((e for e in a.entities if e.id == q.speaker.entity), None)
            out.append((q.speaker.name, ent.name if ent else None))
    return out


def test_plural_pronoun_is_not_one_person():
    got = _speakers("Budi Santoso hadir di lokasi bersama warga. “Kami menolak rencana itu,” kata mereka.")
    assert got[0][0] is None and "plural pronoun" in (got[0][1] or "")


def test_home_region_read_as_a_name_is_nobody():
    got = _speakers(
        "Mayat ditemukan di Jagakarsa, Jakarta Selatan. “Itu karena sakit,” kata Kapolsek Jagakarsa, Komisaris Harsono."
    )
    assert got[0][0] is None and "Jagakarsa" in (got[0][1] or "")


def test_seat_of_a_foreign_government_still_speaks():
    got = _speakers("Trump menelepon Macron. Keduanya membahas ketegangan di Semenanjung Korea, menurut Gedung Putih.")
    assert got and got[0][0] == "Gedung Putih"


def test_speaker_in_focus_carries_the_entity_id():
    got = _speakers("Kepala Dinas Kesehatan Endang Sri Lestari meninjau lokasi. Menurutnya, wabah sudah terkendali.")
    assert got == [("Endang Sri Lestari", "Endang Sri Lestari")]


def test_person_introduced_with_age_does_not_take_the_pronoun():
    text = (
        "Kapolres Sukoharjo AKP Gede Yoga membenarkan kejadian itu. Polisi menangkap Indratmoko (42) di masjid."
        "\n\nIndratmoko menunjukkan gerak-gerik mencurigakan.\n\n“Dia mengajak selfie,” ujarnya."
    )
    assert _speakers(text)[0][0] == "Gede Yoga"


def test_netizens_after_a_cue_are_nobody_named():
    got = _speakers(
        "Jisoo pulang menonton sepak bola. “Mereka berdua pasti pacaran,” tambah netter. "
        "“Aku rasa jurnalis memberitahu kita alasannya,” kata netter lainnya."
    )
    assert got == [(None, "speaker not named (netter)"), (None, "speaker not named (netter lainnya)")]
