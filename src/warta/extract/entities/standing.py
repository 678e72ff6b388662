"""Speaker standing: does the article present a person as a private individual or in a public role?

News quotes two kinds of people: office holders, experts and spokespeople, and private
individuals (the "vox pop": a resident, a trader, a student). Indonesian newsrooms introduce
the second kind in a fixed way, with an age in brackets and a lay role in apposition
("Andi (38), pedagang sayur di Pasar Minggu"), or with the lay role first ("seorang warga,
Sumiati"). Media monitors usually want to tell the two apart, and PFSA-ID (the public-figure
statement corpus) annotates only the first kind.

``annotate`` sets ``Entity.standing`` for people and ``Speaker.standing`` for quotation
speakers: ``"public"`` when the article gives the person a title or an affiliation,
``"private"`` when it introduces them with an age or a lay role (``lang/<code>/standing.toml``),
``None`` when it says neither. A title wins over an age ("Menteri X (56)" is public).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta import lang
from warta.article import Article, Entity, Speaker
from warta.extract.lexicon_re import alternation
from warta.lang import LanguagePack
from warta.stages import stage

PUBLIC = "public"
PRIVATE = "private"


@dataclass(frozen=True)
class Patterns:
    age: re.Pattern[str]  # right after a name, at any mention: " (38)", " (38 tahun)"
    apposition: re.Pattern[str]  # right after a name where it is introduced: ", seorang pedagang"
    before: re.Pattern[str]  # right before a name where it is introduced: "seorang warga, "
    role: re.Pattern[str]  # a role phrase that starts with a lay role


@cache
def patterns(pack: LanguagePack) -> Patterns | None:
    d = pack.toml("standing")
    if not d.get("lay_roles"):
        return None
    lay = alternation(d["lay_roles"])
    conn = alternation(d.get("connectors", [])) or "(?!)"
    units = alternation(d.get("age_units", [])) or "(?!)"
    return Patterns(
        age=re.compile(rf"\s*\(\s*\d{{1,3}}(?:\s*(?:{units}))?\s*\)", re.IGNORECASE),
        apposition=re.compile(rf"\s*,\s*(?:(?:{conn})\s+)?(?:{lay})\b", re.IGNORECASE),
        # "pedagang Sumiati", "seorang warga, Sumiati"; a bare "..., Sumiati" after a lay word
        # ends another clause ("bagi 9 juta keluarga, Asep ...") and does not count
        before=re.compile(rf"(?:\b(?:{lay})\s+|\b(?:{conn})\s+(?:{lay})\s*,\s*)$", re.IGNORECASE),
        role=re.compile(rf"^\s*(?:(?:{conn})\s+)?(?:{lay})\b", re.IGNORECASE),
    )


def _private_at(text: str, start: int, end: int, p: Patterns, *, introduced: bool) -> bool:
    """Whether the name at text[start:end] is presented as a private individual there.

    An age counts at any mention; a lay-role apposition only where the name is introduced
    (its first mention): later "Menurut Arsul, peserta ..." is another clause.
    """
    if p.age.match(text, end):
        return True
    if not introduced:
        return False
    if p.apposition.match(text, end):
        return True
    window = text[max(0, start - 40) : start]
    cut = max(window.rfind(". "), window.rfind("\n"))
    if cut >= 0:
        window = window[cut + 1 :]
    return bool(p.before.search(window))


def _name_positions(text: str, name: str) -> list[tuple[int, int]]:
    if not name.strip():
        return []
    return [(m.start(), m.end()) for m in re.finditer(rf"(?<!\w){re.escape(name)}(?!\w)", text)]


def _from_titles(titles: list[str], affiliations: list[str], p: Patterns) -> str | None:
    """An office title or an affiliation makes a public role; lay-role titles only, private."""
    if affiliations or any(not p.role.match(t) for t in titles):
        return PUBLIC
    return PRIVATE if titles else None


def entity_standing(article: Article, entity: Entity, p: Patterns) -> str | None:
    found = _from_titles(entity.titles, entity.affiliations, p)
    if found is not None:
        return found
    mentions = sorted(entity.mentions, key=lambda m: m.start)
    return (
        PRIVATE
        if any(_private_at(article.text, m.start, m.end, p, introduced=k == 0) for k, m in enumerate(mentions))
        else None
    )


def speaker_standing(
    article: Article,
    speaker: Speaker,
    by_id: dict[str, Entity],
    p: Patterns,
    seen: dict[str, str | None] | None = None,
) -> str | None:
    """The standing of a quotation's speaker; ``seen``: the verdicts on the text around each
    name so far in this article (the text is searched once per name, not once per quotation)."""
    ent = by_id.get(speaker.entity) if speaker.entity else None
    titles = list(speaker.titles) + (list(ent.titles) if ent else [])
    affiliations = list(speaker.affiliations) + (list(ent.affiliations) if ent else [])
    found = _from_titles(titles, affiliations, p)
    if found == PUBLIC:
        return found
    # the attribution itself names a lay role: "kata siswa jurusan Otomotif itu"
    if found == PRIVATE or (speaker.mention is not None and p.role.match(speaker.mention.text)):
        return PRIVATE
    # people's standing is set by annotate() before the speakers'; other entities are read here
    if ent is not None and (ent.standing if ent.type == "PER" else entity_standing(article, ent, p)) == PRIVATE:
        return PRIVATE
    if seen is not None and speaker.name in seen:
        return seen[speaker.name]
    spots = _name_positions(article.text, speaker.name)
    verdict = (
        PRIVATE
        if any(_private_at(article.text, s, e, p, introduced=k == 0) for k, (s, e) in enumerate(spots))
        else None
    )
    if seen is not None:
        seen[speaker.name] = verdict
    return verdict


@stage(requires=("entities",), assigns=("standing",))
def annotate(article: Article) -> None:
    """Stage: set ``standing`` on people and on quotation speakers."""
    code = article.language.code if article.language and article.language.code else lang.DEFAULT
    try:
        p = patterns(lang.get(code))
    except KeyError:  # no language pack for this code
        return
    if p is None:
        return
    by_id = {e.id: e for e in article.entities}
    for e in article.entities:
        if e.type == "PER":
            e.standing = entity_standing(article, e, p)
    seen: dict[str, str | None] = {}
    for q in article.quotes:
        if q.speaker is not None:
            q.speaker.standing = speaker_standing(article, q.speaker, by_id, p, seen)
