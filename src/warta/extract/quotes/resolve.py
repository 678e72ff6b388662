"""Resolution of a speaker mention to the person (or organisation) the article names: the entity
the mention belongs to, the fullest form of a name, the holder of a stated role, the speaker in
focus for a pronoun."""

from __future__ import annotations

import re
from functools import cache

from warta.article import Article, Entity, Mention, Speaker
from warta.extract.lexicon_re import alternation
from warta.extract.quotes.name_index import NameIndex
from warta.extract.quotes.names import person_name
from warta.extract.quotes.phrase import SpeakerRef
from warta.extract.quotes.registry import declare
from warta.lang.lexicon import QuoteLexicon

ENTITY_FULLEST = declare("entity-fullest", "a person entity takes the fullest form of its name the article writes")
MERGE_TITLES = declare(
    "merge-titles", "a stated role made only of the entity's titles and affiliations is not listed again"
)
ROLE_HOLDER = declare("role-holder", "a speaker named by role is the person the article names with that role")
ROLE_FOCUS = declare("role-focus", "a role nobody holds in the article points to the speaker in focus")
PRONOUN_LAST_NAME = declare(
    "pronoun-last-name", "a pronoun with no speaker in focus goes to the last person named before it"
)


def resolve(
    article: Article,
    ref: SpeakerRef | None,
    names: NameIndex,
    focus: Speaker | None,
    at: int,
) -> tuple[Speaker | None, str | None, float]:
    """Turn a speaker mention into a Speaker (or None with a reason), and a confidence factor."""
    if ref is None:
        if focus is not None:
            return _copy(focus, None), None, 0.6
        return None, "no attribution found for this quotation", 0.5
    mention = Mention(ref.start, ref.end, ref.text)
    if ref.kind == "entity" and ref.entity is not None:
        return _entity_speaker(article, ref, names, mention)
    if ref.kind == "name":
        return _name_speaker(article, ref, names, focus, mention)
    if ref.kind == "generic":
        return None, f"speaker not named ({ref.text})", 0.8
    if ref.kind == "org":
        ent = _entity_named(article, ref.name, types=("ORG",))
        if ent is not None:
            return _from_entity(ent, mention), None, 0.9
        return Speaker(entity=None, name=ref.name, mention=mention), None, 0.8
    if ref.kind == "role":
        return _role_speaker(article, ref, names, focus, at, mention)
    # pronoun
    if focus is not None:
        return _copy(focus, mention), None, 0.8
    last = names.last_before(at) if PRONOUN_LAST_NAME.on else None
    if last is not None:
        ent = _entity_named(article, last)
        if ent is not None:
            return _from_entity(ent, mention), None, 0.6
        return Speaker(entity=None, name=names.fullest(last), mention=mention), None, 0.6
    return None, f"pronoun ({ref.text}) with no person named before it", 0.4


def _entity_speaker(
    article: Article, ref: SpeakerRef, names: NameIndex, mention: Mention
) -> tuple[Speaker | None, str | None, float]:
    e = ref.entity
    assert e is not None
    if e.type == "PER" and not set(ref.text.split()) & set(e.name.split()) and ref.text[:1].isupper():
        # the entities stage linked this mention to someone whose name does not contain it
        # ("kata Panca" in an entity named "Agus Fatoni"): trust the words written here
        full = names.fullest(ref.text)
        other = _entity_named(article, full)
        if other is not None:
            e = other
        else:
            return Speaker(entity=None, name=full, titles=[ref.role] if ref.role else [], mention=mention), None, 0.9
    if e.type == "PER" and ENTITY_FULLEST.on:
        # the entities stage may keep "Bobby" apart from "Bobby Kusumawardana": take the
        # fullest form the article gives, and its entity when there is one
        clean = person_name(article, e.name, names.lex)
        full = names.fullest(clean)
        if full != e.name:
            other = _entity_named(article, full)
            if other is not None:
                e = other
            elif not _role_tail(ref.role, full, e.name, names.lex):
                e = Entity(e.id, full, e.type, e.mentions, e.titles, e.affiliations)
    titles = merge_titles(ref.role, e.titles, e.affiliations)
    return (
        Speaker(entity=e.id, name=e.name, titles=titles, affiliations=list(e.affiliations), mention=mention),
        None,
        1.0,
    )


def _name_speaker(
    article: Article, ref: SpeakerRef, names: NameIndex, focus: Speaker | None, mention: Mention
) -> tuple[Speaker | None, str | None, float]:
    full = names.fullest(ref.name)
    if names.lex is not None and _origin_place(article, ref, full, names.lex):
        # "Pria dari Albuquerque, New Mexico, ..., itu menuturkan": a place is nobody; the
        # phrase points back to the person in focus
        if focus is not None:
            return _copy(focus, mention), None, 0.6
        return None, f"speaker not named ({ref.text})", 0.5
    ent = _entity_named(article, full)
    if ent is not None:
        return _from_entity(ent, mention), None, 1.0
    titles = [ref.role] if ref.role else []
    if not titles:
        titles = [r for _, r, n in names.roles if n == full and r][:1]
    return Speaker(entity=None, name=full, titles=titles, mention=mention), None, 0.95


def _role_speaker(
    article: Article, ref: SpeakerRef, names: NameIndex, focus: Speaker | None, at: int, mention: Mention
) -> tuple[Speaker | None, str | None, float]:
    holder = names.holder_of(ref.role, at) if ref.role and ROLE_HOLDER.on else None
    if holder is not None:
        ent = _entity_named(article, holder)
        if ent is not None:
            return _from_entity(ent, mention), None, 0.85
        return Speaker(entity=None, name=names.fullest(holder), titles=[ref.role], mention=mention), None, 0.85
    if focus is not None and ROLE_FOCUS.on:
        return _copy(focus, mention), None, 0.6
    return None, f"speaker named only by role ({ref.text}); the article does not name who holds it", 0.5


def _origin_place(article: Article, ref: SpeakerRef, full: str, lex: QuoteLexicon) -> bool:
    """Is the name read a place the article names, in a person's origin closed by "itu" or
    "tersebut" ("Pria dari Albuquerque, New Mexico, Amerika Serikat (AS), itu")?"""
    if not any(e.type == "LOC" and e.name in (full, ref.name) for e in article.entities):
        return False
    if _entity_named(article, full) is not None:
        return False
    before = re.split(r"[.!?\n]", article.text[max(0, ref.start - 80) : ref.start])[-1]
    after = article.text[ref.end : ref.end + 80]
    origin, closer = _origin_res(lex)
    return origin.search(before) is not None and closer.match(after) is not None


@cache
def _origin_res(lex: QuoteLexicon) -> tuple[re.Pattern[str], re.Pattern[str]]:
    """The origin word before a place, and the demonstrative closing the origin after it."""
    return (
        re.compile(r"\b(" + alternation(lex.origin_words) + r")\b"),
        re.compile(r"[^.!?\n\"“”]*?[\s,)](" + alternation(lex.origin_closers) + r")\s"),
    )


def _role_tail(role: str | None, full: str, name: str, lex: QuoteLexicon | None) -> bool:
    """Is ``full`` the ``name`` with the last words of the speaker's stated role before it, common
    words written with capitals? ("Perumahan Rakyat Basuki Hadimuljono" after "Menteri Pekerjaan
    Umum dan Perumahan Rakyat"; "Vinsen Kia Beda" is a longer name)"""
    if not role or " " not in name or not full.endswith(" " + name) or lex is None:
        return False
    extra = full[: -len(name)].split()
    return role.split()[-len(extra) :] == extra and all(w.lower() in lex.common_words for w in extra)


def _entity_named(article: Article, name: str, types: tuple[str, ...] = ("PER",)) -> Entity | None:
    for e in article.entities:
        if e.type in types and e.name == name:
            return e
    words = set(name.split())
    for e in article.entities:
        if e.type in types and (e.name == name or (words and words <= set(e.name.split()))):
            return e
    return None


def merge_titles(stated: str | None, titles: list[str], affiliations: list[str]) -> list[str]:
    """The entity's titles, plus the role as stated when it says more than they do.

    A stated role made only of the entity's titles and affiliations ("Menteri Luar Negeri
    Rusia", "juru bicara Kementerian Pertahanan Rusia Mayjen") repeats what the entity already
    carries, so it is not listed again."""
    if not stated:
        return list(titles)
    rest = stated
    for part in sorted([*titles, *affiliations], key=len, reverse=True):
        rest = rest.replace(part, " ")
    if not rest.strip() and MERGE_TITLES.on:
        return list(titles)
    return list(dict.fromkeys([stated, *titles]))


def _from_entity(ent: Entity, mention: Mention | None) -> Speaker:
    return Speaker(
        entity=ent.id, name=ent.name, titles=list(ent.titles), affiliations=list(ent.affiliations), mention=mention
    )


def _copy(s: Speaker, mention: Mention | None) -> Speaker:
    return Speaker(
        entity=s.entity, name=s.name, titles=list(s.titles), affiliations=list(s.affiliations), mention=mention
    )


def copy_speaker(s: Speaker) -> Speaker:
    """A copy of a speaker, keeping its mention."""
    return _copy(s, s.mention)
