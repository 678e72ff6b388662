"""Can a name the tagger marked as a person be one? Checks shared by the entities stage (which
drops or re-types implausible persons) and the quotation finder (which never takes one as a
speaker). The tagger also marks capitalised common words, places and organisation heads as
persons ("Audit", "Covid-19", "Di Kecamatan Leles", "Pengadilan Tindak Pidana Korupsi")."""

from __future__ import annotations

import re
from functools import cache

from warta import lang
from warta.article import Article, Entity, Mention
from warta.extract.quote_lexicon import QuoteLexicon


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


NOT_NAME_HEADS = frozenset({"di", "ke", "dari", "pada", "dalam", "untuk", "oleh", "dan", "yang"})


def person_like(article: Article, name: str, lex: QuoteLexicon) -> bool:
    """Can a name the entities stage tagged as a person be one? The tagger also marks
    capitalised common words and places ("Audit", "Bibit vaksin", "Covid-19", "Di Kecamatan
    Leles"): a name with a digit, one opening with a preposition or connector, or one made only
    of common lower-case words, organisation heads, places and titles is no person."""
    words = name.split()
    if not words or any(ch.isdigit() for ch in name):
        return False
    first = words[0].lower()
    if first in NOT_NAME_HEADS or first in lex.connectors or first in lex.cue_words:
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


# ke-an / pe-an / per-an nouns name fields and offices ("Kemaritiman", "Perhubungan",
# "Pendidikan"); no Indonesian personal name has that shape
FIELD_NOUN = re.compile(r"^(?:Ke|Pe|Pen|Pem|Per|Peng|Peny)[a-z]{4,}an$")


@cache
def _persons_list(key: str, code: str = "id") -> frozenset[str]:
    """One word list of the ``[persons]`` table of ``names.toml`` (the Indonesian pack's when the
    language has none), read once."""
    data = (lang.get(code).toml("names") or lang.get("id").toml("names")).get("persons", {})
    return frozenset(data.get(key, []))


def degrees() -> frozenset[str]:
    """Academic degrees written after a name ("S.H.", "MS")."""
    return _persons_list("degrees")


def place_heads(code: str = "id") -> frozenset[str]:
    """Words that head a place name ("Kecamatan", "Kota", "Jalan")."""
    return _persons_list("place_heads", code)


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


def review_persons(article: Article, entities: list[Entity], lex: QuoteLexicon, code: str = "id") -> list[Entity]:
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
    heads, not_org = place_heads(code), _persons_list("not_org_heads", code)
    org_tails, event_tails = _persons_list("org_tails", code), _persons_list("event_tails", code)
    short_orgs = _short_org_forms(entities, org_tails)
    # places: the language pack's and the ones this article names on their own (not the places
    # mined from the news: they hold first names such as "Maria")
    places = lex.places | {e.name for e in entities if e.type == "LOC" and " " not in e.name}
    out: list[Entity] = []
    for e in entities:
        words = e.name.split()
        if e.type != "PER" or not words:
            out.append(e)
            continue
        head = words[0]
        if len(words) > 1 and (head in heads or (head in lex.org_words and head not in lex.places | not_org)):
            # "Majelis hakim Pengadilan Tindak Pidana Korupsi": the title belonged to nobody
            e.type = "LOC" if head in heads else "ORG"
            e.titles = []
            e.standing = None
            out.append(e)
            continue
        if len(words) >= 3 and head in places and person_like(article, " ".join(words[1:]), lex):
            # "Wakil Wali Kota Semarang Hevearita Gunaryanti Rahayu": the place is an affiliation
            _cut_head(e, head)
            if e.titles and head not in e.affiliations:
                e.affiliations.append(head)
            out.append(e)
            continue
        if len(words) > 1 and any(e.name.endswith(" " + t) for t in event_tails):
            continue  # "Toray Pan Pacific Open": an event, no entity
        if len(words) > 1 and words[-1].rstrip(".") in org_tails:
            # "presiden Wrap Industries": a company after a role, not a person
            e.type, e.titles, e.standing = "ORG", [], None
            out.append(e)
            continue
        if len(words) == 1 and FIELD_NOUN.match(head):
            # "Menteri Koordinator Kemaritiman , Binsar": the ministry's field, its name lost
            continue
        if e.titles:
            out.append(e)
            continue
        if len(words) == 1 and head in short_orgs:
            # "Borneo" next to "Borneo FC": the club, not a person; its mentions join the club's
            org = short_orgs[head]
            org.mentions = sorted(org.mentions + e.mentions, key=lambda m: m.start)
            org.original_mentions = sorted(org.original_mentions + e.original_mentions, key=lambda m: m.start)
            continue
        if any(ch.isdigit() for ch in e.name):
            continue
        if person_like(article, e.name, lex):
            out.append(e)
            continue
        if (
            len(words) > 1
            and head.lower() in lex.mined_common
            and not all(is_common(article, w, lex) or w in lex.org_words or w in lex.titles for w in words[1:])
            and not _capitalised_only_at_starts(article.text, e.mentions)
        ):
            out.append(e)
    return out


def _cut_head(e: Entity, head: str) -> None:
    """Drop the glued word ``head`` from the entity's name and from mentions that start with it."""
    e.name = e.name[len(head) :].lstrip()
    cut = len(head) + 1
    for group in (e.mentions, e.original_mentions):
        for i, m in enumerate(group):
            if m.text.startswith(head + " "):
                group[i] = Mention(m.start + cut, m.end, m.text[cut:])
