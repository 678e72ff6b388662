"""The last check on speakers, after attribution: silence where the name read is unsafe (a place,
one person for a plural pronoun), and the entity id where
the name read is an entity of the article.

A wrong speaker is the most harmful error a user meets, so each check prefers no speaker (with a
``speaker_reason``) to a guess.
"""

from __future__ import annotations

from warta import lang
from warta.article import Article, Entity, Quote
from warta.extract.entities.lexicons import countries
from warta.extract.quotes.registry import declare
from warta.geo import gazetteer
from warta.geo.names import home_country, key
from warta.lang.lexicon import QuoteLexicon

PLURAL_PRONOUN = declare("plural-pronoun", "a plural pronoun (a group) is never the one person in focus")
NOT_A_PLACE = declare(
    "speaker-not-a-place",
    "a speaker read as a place the article names (not a country) is nobody: kata Kapolsek Jagakarsa",
)
ENTITY_LINK = declare("speaker-entity-link", "a speaker whose name is an entity of the article carries its id")


def check_speakers(article: Article, quotes: list[Quote], lex: QuoteLexicon) -> list[Quote]:
    """Apply the checks to every quotation's speaker, in place; returns ``quotes``."""
    kinds = {e.id: e.type for e in article.entities}
    named: dict[str, list[Entity]] = {}
    for e in article.entities:
        named.setdefault(e.name, []).append(e)
    for q in quotes:
        sp = q.speaker
        if sp is None:
            continue
        m = sp.mention
        first = m.text.split()[0].lower() if m is not None and m.text.split() else ""
        if PLURAL_PRONOUN.on and first in lex.plural_pronouns and kinds.get(sp.entity or "") != "ORG":
            q.speaker, q.speaker_reason = None, f"a plural pronoun ({m.text if m else first}) refers to a group"
            continue
        if sp.entity is None and NOT_A_PLACE.on and _is_place(article, sp.name, named):
            q.speaker, q.speaker_reason = None, f"the name read ({sp.name}) is a place"
            continue
        if sp.entity is None and ENTITY_LINK.on:
            same = [e for e in named.get(sp.name, []) if e.type in ("PER", "ORG")]
            if len(same) == 1:
                sp.entity = same[0].id
                sp.titles = list(dict.fromkeys([*sp.titles, *same[0].titles]))
                sp.affiliations = list(dict.fromkeys([*sp.affiliations, *same[0].affiliations]))
    return quotes


def _is_place(article: Article, name: str, named: dict[str, list[Entity]]) -> bool:
    """A place the article names ("Jagakarsa", "Lampung") that the gazetteer knows as a region
    of the pack's home country, and no person of the article is called. A country may speak as a
    state, and the seats of foreign governments ("Gedung Putih", "Kremlin") speak for them."""
    same = named.get(name, [])
    if not any(e.type == "LOC" for e in same) or any(e.type == "PER" for e in same):
        return False
    if countries(lang.for_article(article)).country(name) is not None:
        return False
    home = home_country(lang.for_article(article).code)
    return any(p.kind != "country" and p.country == home for p in gazetteer.load().lookup(key(name)))
