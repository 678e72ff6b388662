"""Mentions in one sentence: the model's spans tidied with the language pack's knowledge.

:func:`tidy` turns the tagger's spans on a sentence's tokens into :class:`Found` mentions, then
runs the sentence steps of the registry in order (outlets, places, countries, places inside
organisation names), each a named rule that can be switched off.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from warta.extract.entities.lexicons import (
    acronyms,
    after_any,
    countries,
    outlets,
    place_cues,
    places,
    span_text,
    titles,
    word_list,
)
from warta.extract.entities.person_names import degrees
from warta.extract.entities.registry import RULES
from warta.lang import LanguagePack
from warta.lang.lexicon import lexicon
from warta.nlp import ner
from warta.nlp.segment import Token

OPENING_BRACKETS = ("(", "[", "“", '"')


@dataclass
class Found:
    start: int  # token index in the sentence
    end: int
    label: str
    text: str
    s: int  # character offsets
    e: int
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    place_cue: bool = False  # right after "di", "ke", "kota" ...
    joined_to: Found | None = None  # the mention before it in "X dan Y" / "X, Y"


@dataclass
class Sentence:
    """One sentence while its mentions are tidied."""

    toks: list[Token]
    found: list[Found]
    pack: LanguagePack
    taken: set[int] = field(default_factory=set)  # tokens inside a mention (kept as the steps add)


BRACKET_END = RULES.declare(
    "opening-bracket-ends-name",
    "an opening bracket the model put at the end of a name belongs to what follows",
    "Anggota Dewan Pertimbangan Presiden (Wantimpres) hadir.",
    test="test_rule_opening_bracket_ends_name",
)
TITLE_CUT = RULES.declare(
    "title-outside-name",
    "a title at the start of a person or organisation span is cut off: titles are never part of a name",
    "Rapat dihadiri Panglima TNI, Marsekal Budi Santoso, Asops Kapolri Irjen Darma Suwito, Kepala BNPB, Letjen TNI Agus Wirawan, Gubernur Jambi, Sutrisno dan Pandam II/Sriwijaya Mayjen TNI Rahmat Hidayat.",
    test="test_model_error_rules",
)
DEGREE_CUT = RULES.declare(
    "degree-outside-name",
    "academic degrees after a name ('S.H.', 'MS') are cut off the person",
    "Menurut Sigit Riyanto, S.H., LL.M., aturan itu keliru.",
)
RANK_AFTER_ORG = RULES.declare(
    "rank-after-organisation",
    "a rank the model read at the end of an organisation belongs to the person after it",
    "Juru bicara Kementerian Pertahanan Rusia Mayjen Igor Konashenkov mengatakan itu.",
    test="test_model_error_rules",
)
VS_SPLIT = RULES.declare(
    "vs-splits-names",
    "a name-break word ('Vs') inside a span separates two names",
    "Laga Barito Putera Vs Bhayangkara FC berakhir imbang.",
    test="test_rule_vs_splits_names",
)


def _model_spans(sent: Sentence, spans: list[ner.EntitySpan]) -> list[Found]:
    """The tagger's spans on the sentence's tokens, with titles, degrees and breaks cut."""
    toks, pack = sent.toks, sent.pack
    by_start = {t.start: i for i, t in enumerate(toks)}
    by_end = {t.end: i + 1 for i, t in enumerate(toks)}
    tl, degs, breaks = titles(pack), degrees(pack), lexicon(pack.code).name_breaks
    out: list[Found] = []
    for sp in spans:
        a, b = by_start.get(sp.start), by_end.get(sp.end)
        if a is None or b is None:
            continue
        label = sp.label
        while BRACKET_END.on and a < b and toks[b - 1].text in OPENING_BRACKETS:
            b -= 1
        if label in ("PER", "ORG") and TITLE_CUT.on:
            while a < b:
                end = tl.starting_at(toks, a, b)
                if end is None or end >= b:
                    break
                a = end
        while DEGREE_CUT.on and label == "PER" and b > a and (toks[b - 1].text in degs or toks[b - 1].text == ","):
            b -= 1
        while RANK_AFTER_ORG.on and label == "ORG" and b < len(toks) and toks[b].text[:1].isupper():
            t_start = tl.ending_at(toks, b)
            if t_start is None or t_start <= a:
                break
            b = t_start
        if a >= b or tl.starting_at(toks, a, b) == b or not any(c.isalnum() for t in toks[a:b] for c in t.text):
            continue  # a bare title, degree or punctuation is no name
        cuts = [k for k in range(a, b) if toks[k].text.lower() in breaks] if VS_SPLIT.on else []
        for s, e in zip([a, *(k + 1 for k in cuts)], [*cuts, b], strict=True):
            if s < e:
                out.append(Found(s, e, label, "", 0, 0))
    return out


def listed_runs(
    toks: list[Token], longest: int, starts: Callable[[int], bool], fits: Callable[[int, int], bool]
) -> Iterator[tuple[int, int]]:
    """Left to right, the longest run of tokens (up to ``longest``) that ``fits`` at each position
    where one ``starts``; a run found is skipped over. Lazy: ``fits`` sees what the caller did
    with the runs before."""
    i = 0
    while i < len(toks):
        hit = None
        if starts(i):
            hit = next((n for n in range(min(longest, len(toks) - i), 0, -1) if fits(i, n)), None)
        if hit:
            yield i, hit
            i += hit
        else:
            i += 1


@RULES.step(
    "outlet-is-organisation",
    "a listed news outlet is an organisation, whatever the model said",
    "Seperti dikutip RIA Novosti, Lavrov menolak usulan itu.",
)
def outlet_is_org(sent: Sentence) -> None:
    ol = outlets(sent.pack)
    for f in sent.found:
        if tuple(t.text for t in sent.toks[f.start : f.end]) in ol.variants:
            f.label = "ORG"


@RULES.step(
    "outlets-model-missed",
    "a listed outlet the model missed is added after a citing cue, or when it has several words",
    "Hal itu disampaikan Lavrov seperti dikutip RT, Minggu.",
)
def outlets_missed(sent: Sentence) -> None:
    toks, ol = sent.toks, outlets(sent.pack)

    def fits(i: int, n: int) -> bool:
        key = tuple(t.text for t in toks[i : i + n])
        free = not any(j in sent.taken for j in range(i, i + n))
        return key in ol.variants and free and (n > 1 or after_any(toks, i, ol.cues))

    for i, n in listed_runs(toks, ol.longest, lambda i: toks[i].text in ol.firsts, fits):
        sent.found.append(Found(i, i + n, "ORG", "", 0, 0))
        sent.taken.update(range(i, i + n))


@RULES.step(
    "mined-place-not-person",
    "one word the model took for a person, known from the raw news as a place, is a place",
    '"Kami menonton pertandingan mereka bersama Buriram (United)," ujarnya.',
    test="test_model_error_rules",
)
def mined_place_not_person(sent: Sentence) -> None:
    toks, pl, tl = sent.toks, places(sent.pack), titles(sent.pack)
    for f in sent.found:
        if (
            f.label == "PER"
            and f.end - f.start == 1
            and toks[f.start].text in pl
            and tl.ending_at(toks, f.start) is None
        ):
            f.label = "LOC"


@RULES.step(
    "country-name-is-place",
    "a person or organisation that is exactly a country's name is the country",
    "UEA adalah salah satu investor global teratas di bidang pertanian.",
    test="test_model_error_rules",
)
def country_is_place(sent: Sentence) -> None:
    cs = countries(sent.pack)
    for f in sent.found:
        if f.label != "LOC" and cs.country(span_text(sent.toks, f.start, f.end)) and f.end - f.start > 0:
            f.label = "LOC"


def inside_name(sent: Sentence, i: int) -> bool:
    """Does token ``i`` continue a capitalised name ("Liga Indonesia", "BMG Indonesia")? The word
    before it is capitalised, not the sentence's first word and not the end of a title."""
    if i < 2:
        return False
    prev = sent.toks[i - 1].text
    return prev[:1].isupper() and prev.replace("-", "").isalnum() and titles(sent.pack).ending_at(sent.toks, i) is None


@RULES.step(
    "countries-model-missed",
    "country names, their abbreviations and capitals the model missed are places",
    "Pesawat itu terbang dari Frankfurt di Jerman ke Cancun di Meksiko pada 6 Februari.",
    test="test_model_error_rules",
)
def countries_missed(sent: Sentence) -> None:
    toks, cs = sent.toks, countries(sent.pack)

    def starts(i: int) -> bool:
        return toks[i].text[:1].isupper() and not inside_name(sent, i)

    def fits(i: int, n: int) -> bool:
        if any(j in sent.taken for j in range(i, i + n)):
            return False
        text = span_text(toks, i, i + n)
        return bool(cs.country(text) or cs.capital_of(text))

    for i, n in listed_runs(toks, cs.longest, starts, fits):
        sent.found.append(Found(i, i + n, "LOC", "", 0, 0))


@RULES.step(
    "listed-names-missed",
    "organisations and places of the mined acronym lexicon (acronyms.tsv) the model missed are added, when not part of a longer name",
    "Korban meminta perlindungan kepada LPSK sejak pekan lalu.",
    test="test_model_error_rules",
)
def listed_names_missed(sent: Sentence) -> None:
    toks, ac = sent.toks, acronyms(sent.pack)
    taken = {i for f in sent.found for i in range(f.start, f.end)}

    def fits(i: int, n: int) -> bool:
        if any(j in taken for j in range(i, i + n)) or tuple(t.text for t in toks[i : i + n]) not in ac.forms:
            return False
        after = toks[i + n].text if i + n < len(toks) else ""
        if n == 1 and len(toks[i].text) < 3:  # "RS", "AS": as often a person's initials in the news
            return False
        return not inside_name(sent, i) and not (after[:1].isupper() and after.replace("-", "").isalnum())

    for i, n in listed_runs(toks, ac.longest, lambda i: toks[i].text in ac.firsts, fits):
        label = ac.forms[tuple(t.text for t in toks[i : i + n])]
        sent.found.append(Found(i, i + n, label, "", 0, 0))
        taken.update(range(i, i + n))


@RULES.step(
    "country-inside-organisation",
    "a country right after an organisation's name stays inside it ('Kementerian Pertahanan Rusia')",
    "Sementara televisi KAN Israel melaporkan bahwa pemerintah bersiap menggelar operasi militer luas.",
)
def country_inside_org(sent: Sentence) -> None:
    cs = countries(sent.pack)
    merged: list[Found] = []
    for f in sorted(sent.found, key=lambda f: f.start):
        prev = merged[-1] if merged else None
        if (
            prev
            and prev.label == "ORG"
            and f.label == "LOC"
            and prev.end == f.start
            and cs.country(span_text(sent.toks, f.start, f.end))
        ):
            prev.end = f.end
            continue
        merged.append(f)
    sent.found[:] = merged


def _finish(sent: Sentence) -> None:
    """Character offsets, text, the place cue before each mention, and list joins."""
    toks = sent.toks
    cues, joiners = place_cues(sent.pack), word_list(sent.pack, "list_joiners")
    sent.found.sort(key=lambda f: f.start)
    ends = {f.end: f for f in sent.found}
    for f in sent.found:
        f.s, f.e = toks[f.start].start, toks[f.end - 1].end
        f.text = span_text(toks, f.start, f.end)
        f.place_cue = after_any(toks, f.start, cues)
        if f.start >= 2 and toks[f.start - 1].text in joiners and f.start - 1 in ends:
            f.joined_to = ends[f.start - 1]


SENTENCE_STEPS = (
    outlet_is_org,
    outlets_missed,
    mined_place_not_person,
    country_is_place,
    countries_missed,
    listed_names_missed,
    country_inside_org,
)


def tidy(toks: list[Token], spans: list[ner.EntitySpan], pack: LanguagePack) -> list[Found]:
    """Model spans on this sentence's tokens, tidied by the sentence steps (in order)."""
    sent = Sentence(toks, [], pack)
    sent.found = _model_spans(sent, spans)
    for step in SENTENCE_STEPS:
        if step is outlets_missed:
            sent.taken = {i for f in sent.found for i in range(f.start, f.end)}
        if step.on:
            step(sent)
    _finish(sent)
    return sent.found
