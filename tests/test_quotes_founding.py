"""Who said what in the founding example (issue 4): six direct quotations, three indirect ones."""

from __future__ import annotations


def _quotes(article, kind):
    return [q for q in article.quotes if q.kind == kind]


def _find(quotes, start_text):
    hits = [q for q in quotes if start_text in q.text]
    assert hits, f"no quotation with {start_text!r}: {[q.text[:40] for q in quotes]}"
    return hits[0]


def test_direct_quotations_and_speakers(aleppo):
    direct = _quotes(aleppo, "direct")
    expected = [
        ("Moskow siap", "Sergey Lavrov"),
        ("Ini tidak boleh menjadi pertemuan", "Sergey Lavrov"),
        ("Kita perlu menyepakati", "Sergey Lavrov"),
        ("Kita perlu memaksa teroris keluar", "Mikhail Bogdanov"),
        ("Sebagian wilayah bagian timur Aleppo", "Igor Konashenkov"),
        ("Banyak dari mereka", "Igor Konashenkov"),
    ]
    for text, speaker in expected:
        q = _find(direct, text)
        assert q.speaker is not None and q.speaker.name == speaker, (text, q.speaker)
    # the two Lavrov sentences around "kata Lavrov" are one quotation in two parts (or two)
    assert len(direct) in (5, 6)


def test_interrupted_quotation_has_parts(aleppo):
    q = _find(_quotes(aleppo, "direct"), "Ini tidak boleh menjadi pertemuan")
    if "Kita perlu menyepakati" in q.text:
        assert len(q.parts) == 2
        first, second = q.parts
        assert aleppo.text[first.start : first.end].endswith("sekadar pertemuan")
        assert aleppo.text[second.start : second.end].startswith("Kita perlu menyepakati")


def test_content_offsets_exclude_marks_and_trailing_comma(aleppo):
    for q in aleppo.quotes:
        assert aleppo.text[q.start : q.end].strip() == aleppo.text[q.start : q.end]
        for part in q.parts or [q]:
            span = aleppo.text[part.start : part.end]
            assert not span.endswith(","), span
            assert span[0] not in '"“”', span


def test_pronoun_suffix_cue_goes_to_the_speaker_in_focus(aleppo):
    q = _find(_quotes(aleppo, "direct"), "Banyak dari mereka")
    assert q.cue is not None and q.cue.text == "tambahnya"
    assert q.speaker.mention is not None and q.speaker.mention.text == "tambahnya"


def test_indirect_quotations(aleppo):
    indirect = _quotes(aleppo, "indirect")
    kerry = _find(indirect, "Menteri Luar Negeri AS John Kerry mengajukan proposal terkait Aleppo")
    assert kerry.speaker.name == "Sergey Lavrov"
    assert "RT" not in kerry.text and "Sabtu" not in kerry.text
    bogdanov = _find(indirect, "Moskow berharap dapat menyelesaikan situasi di Aleppo hingga akhir tahun ini")
    assert bogdanov.text == "Moskow berharap dapat menyelesaikan situasi di Aleppo hingga akhir tahun ini"
    assert bogdanov.speaker.name == "Mikhail Bogdanov"
    assert bogdanov.cue.text == "menuturkan"
    kona = _find(indirect, "kini lebih dari 80 ribu warga Suriah telah dibebaskan")
    assert kona.speaker.name == "Igor Konashenkov"


def test_lead_sentence_is_the_journalists(aleppo):
    lead = aleppo.text.index("Pada pertemuan di Roma kemarin")
    assert not [q for q in aleppo.quotes if q.start <= lead + 10 < q.end]


def test_outlets_are_not_speakers(aleppo):
    names = {q.speaker.name for q in aleppo.quotes if q.speaker}
    assert not names & {"RT", "RIA Novosti", "Rossiyskaya Gazeta"}


def test_json_output(aleppo):
    data = aleppo.to_dict()
    q = data["quotes"][0]
    assert set(q) >= {"text", "kind", "cue", "speaker", "speaker_reason", "confidence", "start", "end", "parts"}
    assert q["speaker"]["mention"]["start"] < q["speaker"]["mention"]["end"]
    assert 0 < q["confidence"] <= 1
