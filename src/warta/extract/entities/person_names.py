"""Can a name the tagger marked as a person be one? Checks shared by the entities stage (which
drops or re-types implausible persons) and the quotation finder (which never takes one as a
speaker). The tagger also marks capitalised common words, places and organisation heads as
persons ("Audit", "Covid-19", "Di Kecamatan Leles", "Pengadilan Tindak Pidana Korupsi")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta import lang
from warta.article import Article, Entity, Mention
from warta.extract.entities.registry import RULES
from warta.lang import LanguagePack
from warta.lang.lexicon import QuoteLexicon


def sentence_initial(text: str, pos: int) -> bool:
    head = text[:pos].rstrip(" \t\"'“”‘’(")
    return not head or head[-1] in ".!?:\n"


def count_word(text: str, word: str) -> int:
    n = 0
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(word)] if i + len(word) < len(text) else " "
        n += not before.isalnum() and not after.isalnum()
        i = text.find(word, i + 1)
    return n


def common_word(article: Article, word: str) -> bool:
    """Is ``word`` written in lower case elsewhere in the article (so not a name)?"""
    low = word.lower()
    if low == word:
        return True
    text = article.text
    i = text.find(low)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(low)] if i + len(low) < len(text) else " "
        if not before.isalnum() and not after.isalnum():
            return True
        i = text.find(low, i + 1)
    return False


def stands_alone(text: str, word: str, lex: QuoteLexicon) -> bool:
    """Is ``word`` named on its own as a speaker ("jelas Cucu", "menurut Cucu")?"""
    i = text.find(word)
    while i >= 0:
        end = i + len(word)
        after = text[end] if end < len(text) else " "
        head = text[max(0, i - 20) : i].split()
        if not after.isalnum() and head and head[-1].lower() in lex.cue_words and text[i - 1] == " ":
            return True
        i = text.find(word, end)
    return False


def named_inside(text: str, word: str) -> bool:
    """Is ``word`` written capitalised somewhere other than at a sentence start?"""
    i = text.find(word)
    while i >= 0:
        before = text[i - 1] if i > 0 else " "
        after = text[i + len(word)] if i + len(word) < len(text) else " "
        if not before.isalnum() and not after.isalnum() and not sentence_initial(text, i):
            return True
        i = text.find(word, i + 1)
    return False


def is_common(article: Article, word: str, lex: QuoteLexicon) -> bool:
    """A word the news writes in lower case (the mined list, or this article itself)."""
    return word.lower() in lex.mined_common or common_word(article, word)


def person_like(article: Article, name: str, lex: QuoteLexicon) -> bool:
    """Can a name the entities stage tagged as a person be one? The tagger also marks
    capitalised common words and places ("Audit", "Bibit vaksin", "Covid-19", "Di Kecamatan
    Leles"): a name with a digit, one opening with a preposition or connector, or one made only
    of common lower-case words, organisation heads, places and titles is no person."""
    words = name.split()
    if not words or any(ch.isdigit() for ch in name):
        return False
    first = words[0].lower()
    if first in _persons_list("not_name_heads") or first in lex.connectors or first in lex.cue_words:
        return False
    # "Fakultas Ekonomika", "Biologi Molekuler Eijkman": no person's name opens with an
    # organisation head or a common word, unless the article names them by it ("kata Cucu")
    if (
        len(words) > 1
        and (words[0] in lex.org_words or first in lex.mined_common)
        and not stands_alone(article.text, words[0], lex)
    ):
        return False
    return not all(
        is_common(article, w, lex) or w in lex.org_words or w in lex.places or w in lex.titles for w in words
    )


def _default() -> LanguagePack:
    return lang.get(lang.DEFAULT)


def _names_table(pack: LanguagePack) -> dict[str, object]:
    """The ``[persons]`` table of the pack's ``names.toml`` (the default pack's when it has none)."""
    return dict((pack.toml("names") or _default().toml("names")).get("persons", {}))


@cache
def _persons_list(key: str, pack: LanguagePack | None = None) -> frozenset[str]:
    """One word list of the ``[persons]`` table of ``names.toml``, read once."""
    return frozenset(_names_table(pack or _default()).get(key, []))  # type: ignore[arg-type]


@cache
def field_noun(pack: LanguagePack | None = None) -> re.Pattern[str]:
    """Nouns that name fields and offices, never a person ("Kemaritiman"): ``persons.field_noun``."""
    return re.compile(str(_names_table(pack or _default()).get("field_noun", "(?!)")))


# the default pack's field-noun pattern, for the quotation finder
FIELD_NOUN = field_noun()


def degrees(pack: LanguagePack | None = None) -> frozenset[str]:
    """Academic degrees written after a name ("S.H.", "MS")."""
    return _persons_list("degrees", pack)


def place_heads(pack: LanguagePack | None = None) -> frozenset[str]:
    """Words that head a place name ("Kecamatan", "Kota", "Jalan")."""
    return _persons_list("place_heads", pack)


def _short_org_forms(entities: list[Entity], org_tails: frozenset[str]) -> dict[str, Entity]:
    """First word -> organisation, for "Borneo FC"-like names, unless a person's longer name
    holds that word too ("Aburizal Bakrie" next to "Bakrie Group")."""
    person_words = {w for e in entities if e.type == "PER" and " " in e.name for w in e.name.split()}
    out: dict[str, Entity] = {}
    for e in entities:
        words = e.name.split()
        if e.type == "ORG" and len(words) >= 2 and words[-1].rstrip(".") in org_tails and words[0] not in person_words:
            out.setdefault(words[0], e)
    return out


def _capitalised_only_at_starts(text: str, mentions: list[Mention]) -> bool:
    return all(sentence_initial(text, m.start) for m in mentions)


def review_persons(
    article: Article, entities: list[Entity], lex: QuoteLexicon, pack: LanguagePack | None = None
) -> list[Entity]:
    """The entities stage's last check on the tagger's persons, with the reason for each choice:

    - a name that opens with an organisation head becomes an organisation ("Pengadilan Tindak
      Pidana Korupsi", "Polres Tanjungpinang"), or a place with a place head ("Jalan Sudirman");
    - a place glued before a name of two words or more is cut off ("Semarang Hevearita
      Gunaryanti Rahayu" -> "Hevearita Gunaryanti Rahayu"; after a title it is an affiliation);
    - a name ending with a company or club word ("Wrap Industries") is an organisation, one ending
      with an event word ("Toray Pan Pacific Open") is dropped (events are no entities);
    - a one-word ke-an / pe-an noun ("Kemaritiman") names a field, not a person: dropped;
    - any other person with a title ("Bupati Bibit") stays a person;
    - a one-word name that opens a club's or company's name in the article ("Borneo" next to
      "Borneo FC") is that organisation: its mentions join it;
    - a name with a digit ("Covid-19", "Yon Armed 2/105") is dropped: no person's name has one;
    - a name opening with a word the news writes in lower case is kept when it is capitalised
      inside a sentence ("kata Bibit Samad Rianto"), dropped when only a sentence start explains
      the capital ("Peluncuran Calya ...");
    - anything else the quotation finder would not take as a person ("Audit", "Di Kecamatan
      Leles") is dropped.
    """
    ctx = _Review(article, lex, pack, _short_org_forms(entities, _persons_list("org_tails", pack)))
    # places: the language pack's and the ones this article names on their own (not the places
    # mined from the news: they hold first names such as "Maria")
    ctx.places = lex.places | {e.name for e in entities if e.type == "LOC" and " " not in e.name}
    return [e for e in entities if e.type != "PER" or not e.name.split() or _review(e, ctx)]


@dataclass
class _Review:
    article: Article
    lex: QuoteLexicon
    pack: LanguagePack | None
    short_orgs: dict[str, Entity]
    places: frozenset[str] = frozenset()


HEAD_TYPES = RULES.declare(
    "head-word-gives-type",
    "a 'person' opening with a place head is a place, with an organisation head an organisation",
    "Hakim Pengadilan Tindak Pidana Korupsi menolak eksepsi terdakwa.",
    test="test_rule_head_word_gives_type",
)
PLACE_BEFORE_NAME = RULES.declare(
    "place-glued-before-name",
    "a place glued before a name of two words or more is cut off (after a title it is the affiliation)",
    "Wakil Wali Kota Semarang Hevearita Gunaryanti Rahayu meresmikan pasar di Semarang.",
    test="test_rule_place_glued_before_name",
)
EVENT_DROPPED = RULES.declare(
    "event-name-dropped",
    "a 'person' ending with an event word ('Open', 'Cup') is an event: no entity",
    "Petenis itu tampil di Toray Pan Pacific Open pekan ini.",
    test="test_rule_event_name_dropped",
)
COMPANY_TAIL = RULES.declare(
    "company-word-is-organisation",
    "a 'person' ending with a company or club word ('Industries', 'FC') is an organisation",
    "Menurut presiden Wrap Industries, pabrik itu akan dibuka.",
    test="test_rule_company_word_is_organisation",
)
FIELD_NOUN_RULE = RULES.declare(
    "field-noun-not-person",
    "a lone ke-an/pe-an noun ('Kemaritiman') names a ministry's field, not a person",
    "Menteri Koordinator Kemaritiman , Binsar menyampaikan hal itu.",
    test="test_rule_field_noun_not_person",
)
SHORT_CLUB = RULES.declare(
    "short-club-name",
    "a one-word 'person' opening a club's or company's name in the article is that organisation",
    "Borneo FC menang. Borneo bermain di kandang lawan pekan depan.",
    test="test_model_error_rules",
)
DIGIT_NAME = RULES.declare(
    "digit-not-person",
    "a name with a digit ('Covid-19', 'Yon Armed 2/105') is no person",
    "Wabah Covid-19 menyebar cepat di kota itu.",
    test="test_rule_digit_not_person",
)
IMPLAUSIBLE = RULES.declare(
    "implausible-person-dropped",
    "a 'person' made of common words, places or titles ('Audit', 'Di Kecamatan Leles') is dropped",
    "Audit menemukan kejanggalan dalam laporan keuangan itu.",
)


def _review(e: Entity, ctx: _Review) -> bool:
    """Keep this tagged person (possibly re-typed or trimmed)? See :func:`review_persons`."""
    lex, pack, words = ctx.lex, ctx.pack, e.name.split()
    heads, not_org = place_heads(pack), _persons_list("not_org_heads", pack)
    head = words[0]
    if (
        HEAD_TYPES.on
        and len(words) > 1
        and (head in heads or (head in lex.org_words and head not in lex.places | not_org))
    ):
        # "Majelis hakim Pengadilan Tindak Pidana Korupsi": the title belonged to nobody
        e.type = "LOC" if head in heads else "ORG"
        e.titles = []
        e.standing = None
        return True
    if (
        PLACE_BEFORE_NAME.on
        and len(words) >= 3
        and head in ctx.places
        and person_like(ctx.article, " ".join(words[1:]), lex)
    ):
        # "Wakil Wali Kota Semarang Hevearita Gunaryanti Rahayu": the place is an affiliation
        _cut_head(e, head)
        if e.titles and head not in e.affiliations:
            e.affiliations.append(head)
        return True
    if (
        EVENT_DROPPED.on
        and len(words) > 1
        and any(e.name.endswith(" " + t) for t in _persons_list("event_tails", pack))
    ):
        return False  # "Toray Pan Pacific Open": an event, no entity
    if COMPANY_TAIL.on and len(words) > 1 and words[-1].rstrip(".") in _persons_list("org_tails", pack):
        # "presiden Wrap Industries": a company after a role, not a person
        e.type, e.titles, e.standing = "ORG", [], None
        return True
    if FIELD_NOUN_RULE.on and len(words) == 1 and field_noun(pack).match(head):
        return False  # "Menteri Koordinator Kemaritiman , Binsar": the ministry's field, its name lost
    if e.titles:
        return True
    if SHORT_CLUB.on and len(words) == 1 and head in ctx.short_orgs:
        # "Borneo" next to "Borneo FC": the club, not a person; its mentions join the club's
        org = ctx.short_orgs[head]
        org.mentions = sorted(org.mentions + e.mentions, key=lambda m: m.start)
        org.original_mentions = sorted(org.original_mentions + e.original_mentions, key=lambda m: m.start)
        return False
    if DIGIT_NAME.on and any(ch.isdigit() for ch in e.name):
        return False
    if not IMPLAUSIBLE.on or person_like(ctx.article, e.name, lex):
        return True
    return (
        len(words) > 1
        and head.lower() in lex.mined_common
        and not all(is_common(ctx.article, w, lex) or w in lex.org_words or w in lex.titles for w in words[1:])
        and not _capitalised_only_at_starts(ctx.article.text, e.mentions)
    )


def _cut_head(e: Entity, head: str) -> None:
    """Drop the glued word ``head`` from the entity's name and from mentions that start with it."""
    e.name = e.name[len(head) :].lstrip()
    cut = len(head) + 1
    for group in (e.mentions, e.original_mentions):
        for i, m in enumerate(group):
            if m.text.startswith(head + " "):
                group[i] = Mention(m.start + cut, m.end, m.text[cut:])
