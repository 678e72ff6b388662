"""Linking the mentions of an article into entities.

A person's shorter forms join the fullest name that contains them (nearest such mention first),
country aliases join their canonical country (AS -> Amerika Serikat), an acronym in brackets
after a name joins it, and a capital used for its government ("Moskow siap ...") is linked to
its country.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field, replace

from warta.article import Article, Entity, Mention
from warta.extract.entities.aliases import other_names
from warta.extract.entities.lexicons import Countries, countries, not_aliases
from warta.extract.entities.mentions import Found
from warta.extract.entities.registry import RULES
from warta.lang import LanguagePack
from warta.nlp.segment import Token

ALIAS_MAX_WORDS = 4


def words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in text.split())


def contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


@dataclass
class _Group:
    label: str
    key: str
    found: list[Found] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)


_GroupFn = Callable[[str, str], _Group]

ALIASES = RULES.declare(
    "alias-in-brackets",
    "a name in brackets after a name is another name of the same entity, there and elsewhere",
    "Mantan Presiden Susilo Bambang Yudhoyono (SBY) hadir. SBY datang bersama istrinya.",
    test="test_model_error_rules",
)
ONE_TYPE = RULES.declare(
    "one-type-per-name",
    "the same name typed differently in one article takes the type most of its mentions have",
    "Lisa datang pagi ini. Lisa membawa bekal. Menurut Lisa, acara itu meriah.",
    test="test_rule_one_type_per_name",
)
LONE_PLACE = RULES.declare(
    "one-word-person-used-as-place",
    "a one-word 'person' used as a place somewhere in the article, or joined to a place, is a place",
    "Ia tinggal di Sleman. Sleman kini dilanda kekeringan.",
)
SURNAME = RULES.declare(
    "surname-is-person",
    "a one-word organisation or place equal to a person's surname in the article is that person",
    "Ketut/Tania akan berhadapan dengan Erina Honda/Nozomi Shimizu. Mereka mengalahkan Honda/Shimizu di turnamen itu.",
    test="test_model_error_rules",
)
GOVERNMENT = RULES.declare(
    "capital-for-government",
    "a capital used for its government ('Moskow siap ...') is linked to its country",
    "Moskow siap berunding dengan Washington soal Aleppo.",
)
PERSON_COUNTRY = RULES.declare(
    "person-country-from-affiliation",
    "a person's affiliation that names a country links the person to it",
    "Juru bicara Kementerian Luar Negeri Rusia Maria Zakharova membantah laporan itu.",
)


def split_aliases(text: str, found: list[Found], pack: LanguagePack) -> tuple[list[Found], dict[str, Found]]:
    """A mention that ends with a name in brackets ("Komisi Pemberantasan Korupsi (KPK)",
    "Susilo Bambang Yudhoyono (SBY)") becomes two mentions of one entity: the name, and the
    alias. Returns the mentions and ``{alias (lower case): the name's mention}``, so that the
    alias, there and anywhere else in the article, joins the name's entity."""
    out: list[Found] = []
    alias_of: dict[str, Found] = {}
    starts = {f.s for f in found}
    blocked = not_aliases(pack)
    for orig in found:
        f = orig
        # the model may end the name before the brackets: read them as if it had not
        after = text[f.e : f.e + 40]
        close = after.find(")")
        if f.label in ("PER", "ORG") and after.startswith(" (") and close > 2 and f.e + 2 not in starts:
            f = replace(f, e=f.e + close + 1, text=text[f.s : f.e + close + 1])
        span = text[f.s : f.e]
        open_at = span.rfind("(")
        inner = span[open_at + 1 : -1].strip() if open_at > 0 and span.endswith(")") else ""
        outer = span[:open_at].rstrip()
        if (
            not inner
            or "(" in inner
            or "\n" in inner
            or not inner[:1].isupper()
            or len(inner.split()) > ALIAS_MAX_WORDS
            or inner.lower() in blocked
            or not outer
            or inner.lower() == outer.lower()
        ):
            out.append(orig)
            continue
        name = replace(f, text=outer, e=f.s + len(outer))
        a_start = f.s + span.index(inner, open_at)
        alias = replace(f, text=inner, s=a_start, e=a_start + len(inner), titles=[], affiliations=[], joined_to=None)
        out += [name, alias]
        alias_of.setdefault(inner.lower(), name)
    return out, alias_of


def _relabel(found: list[Found], cs: Countries) -> None:
    """One-word 'persons' used as places are places; a one-word ORG/LOC that is a person's
    surname in the article is that person."""

    def lone(f: Found) -> bool:
        return f.label == "PER" and len(words(f.text)) == 1 and not f.titles

    if ONE_TYPE.on:
        votes: dict[str, Counter[str]] = {}
        for f in found:
            votes.setdefault(f.text, Counter())[f.label] += 1
        for f in found:
            top = votes[f.text].most_common(2)
            if len(top) == 2 and top[0][1] > top[1][1]:
                f.label = top[0][0]

    if LONE_PLACE.on:
        placed = {f.text for f in found if f.place_cue and (f.label == "LOC" or lone(f))}
        for f in found:
            if lone(f) and (f.text in placed or (f.joined_to is not None and f.joined_to.label == "LOC")):
                f.label = "LOC"
    if SURNAME.on:
        surnames = {words(f.text)[-1] for f in found if f.label == "PER" and len(words(f.text)) > 1}
        for f in found:
            one = len(words(f.text)) == 1 and words(f.text)[0] in surnames
            if f.label != "PER" and one and not (cs.country(f.text) or cs.capital_of(f.text)):
                f.label = "PER"


def _group_persons(found: list[Found], group: _GroupFn) -> None:
    """Each person's forms join the fullest form containing them, the nearest mention first."""
    pers = [f for f in found if f.label == "PER"]
    forms = {words(f.text) for f in pers}
    full = {w for w in forms if not any(contains(o, w) for o in forms)}
    for f in pers:
        w = words(f.text)
        if w in full:
            group("PER", " ".join(w)).found.append(f)
    for i, f in enumerate(pers):
        w = words(f.text)
        if w in full:
            continue
        cands = [fw for fw in full if contains(fw, w)]
        best = None
        for j in [*range(i - 1, -1, -1), *range(i + 1, len(pers))]:  # nearest before, then after
            if words(pers[j].text) in cands:
                best = words(pers[j].text)
                break
        group("PER", " ".join(best or cands[0])).found.append(f)


def _group_others(found: list[Found], group: _GroupFn, cs: Countries, gov: dict[int, bool]) -> None:
    for f in found:
        if f.label == "ORG":
            group("ORG", f.text.lower()).found.append(f)
        elif f.label == "LOC":
            country = cs.country(f.text)
            g = group("LOC", (country or f.text).lower())
            g.found.append(f)
            if country:
                g.links["country"] = country
            cap = cs.capital_of(f.text)
            if cap:
                g.links["capital_of"] = cap
                if gov.get(f.s) and GOVERNMENT.on:
                    g.links["country"] = cap


def add_roles(e: Entity, f: Found) -> None:
    """A mention's titles and affiliations join its entity's (each once)."""
    for t in f.titles:
        if t.lower() not in {x.lower() for x in e.titles}:
            e.titles.append(t)
    for a in f.affiliations:
        if a not in e.affiliations:
            e.affiliations.append(a)


def _entity(g: _Group, cs: Countries) -> Entity:
    texts = [f.text for f in g.found]
    if g.label == "LOC" and "country" in g.links and cs.country(texts[0]):
        name = g.links["country"]
    else:
        name = max(texts, key=lambda t: (len(t.split()), texts.count(t), t[:1].isupper()))
    e = Entity(id="", name=name, type=g.label)
    for f in sorted(g.found, key=lambda f: f.s):
        e.mentions.append(Mention(f.s, f.e, f.text))
        add_roles(e, f)
    e.links = dict(g.links)
    if g.label == "PER" and PERSON_COUNTRY.on:
        for a in e.affiliations:  # the country a person works for: "AS", "Kementerian ... Rusia"
            c = cs.country(a) or next((cs.country(w) for w in a.split() if cs.country(w)), None)
            if c:
                e.links.setdefault("country", c)
                break
    return e


def link(article: Article, found: list[Found], gov: dict[int, bool], pack: LanguagePack) -> list[Entity]:
    """The article's entities from its mentions (in order of first mention)."""
    cs = countries(pack)
    groups: dict[tuple[str, str], _Group] = {}
    alias_of: dict[str, Found] = {}
    if ALIASES.on:
        found, alias_of = split_aliases(article.text, found, pack)
    other_names(found, alias_of, pack)
    # an alias ("KPK", "SBY") joins the entity of the name it was given for, whatever its label
    aliases = [f for f in found if f.text.lower() in alias_of and alias_of[f.text.lower()] is not f]
    taken = {id(f) for f in aliases}
    found = [f for f in found if id(f) not in taken]

    def group(label: str, key: str) -> _Group:
        return groups.setdefault((label, key), _Group(label, key))

    _relabel(found, cs)
    _group_persons(found, group)
    _group_others(found, group, cs, gov)
    for f in aliases:
        name = alias_of[f.text.lower()]
        home = next((g for g in groups.values() if any(x is name for x in g.found)), None)
        (home or group(f.label, f.text.lower())).found.append(f)
    return [_entity(g, cs) for g in sorted(groups.values(), key=lambda g: min(f.s for f in g.found))]


def government_use(toks: list[Token], f: Found, pack: LanguagePack) -> bool:
    """Is a capital used for its government ("Moskow siap ...") rather than as a place ("di Roma")?"""
    cs = countries(pack)
    if not cs.capital_of(f.text):
        return False
    for n in (2, 1):
        if f.start - n >= 0 and tuple(t.text.lower() for t in toks[f.start - n : f.start]) in cs.place_after:
            return False
    return True
