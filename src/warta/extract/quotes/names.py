"""Person names in attribution phrases: which capitalised words are name words, where the name
in a run of title, organisation and place words begins, and which words glued before a tagged
name are not part of it. Names are read from capitalised words with titles and organisation
words stripped (``Menteri Luar Negeri Rusia Sergey Lavrov`` → ``Sergey Lavrov``).
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from warta.article import Article
from warta.extract.entities.person_names import (
    FIELD_NOUN,
    degrees,
    is_common,
    named_inside,
    sentence_initial,
    stands_alone,
)
from warta.extract.quotes.registry import declare
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

NOT_A_NAME_WORD = declare(
    "cue-word-no-name", "a cue word, connector or name break written with a capital starts a sentence, no name"
)
ARTICLE_PLACES = declare(
    "article-places", "a capitalised word the article uses as a place (after a place marker) is no name word"
)
COMMON_LEAD = declare(
    "common-lead-word", "a word the news mostly writes in lower case at a name's start ends the organisation before it"
)


def is_cap(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and False))


def is_name_token(word: str, lex: QuoteLexicon) -> bool:
    if not word or not word[0].isupper():
        return False
    if word in lex.titles or word in lex.org_words or word.rstrip(".") in lex.titles or word in degrees():
        return False
    low = word.lower()
    if (low in lex.cue_words or low in lex.connectors or low in lex.name_breaks) and NOT_A_NAME_WORD.on:
        return False  # "Menurut Sri Mulyani", "Sementara Tauhid": a sentence-initial word
    return not (word.isupper() and len(word) >= 3 and not word.endswith("."))  # acronyms: KPU, BNPB


def field_word(word: str, lex: QuoteLexicon) -> bool:
    """A common noun of the ke-an/pe-an kind (Perdagangan, Pembangunan, Kebudayaan) that names a
    ministry's field inside a title; names rarely are such words ("Teguh", "Putra" are kept)."""
    low = word.lower()
    return low in lex.common_words and low.endswith("an") and len(low) >= 7


def article_places(text: str, lex: QuoteLexicon) -> frozenset[str]:
    """Capitalised words the article uses as places ("di Bekasi", "Kota Tangsel", "Polres Bungo"):
    never part of a person's name there ("Kapolres Bekasi Agus Harpa" → "Agus Harpa")."""
    return _article_places(text, lex) if ARTICLE_PLACES.on else frozenset()


@lru_cache(maxsize=8)
def _article_places(text: str, lex: QuoteLexicon) -> frozenset[str]:
    out = set()
    for m in _place_re(lex).finditer(text):
        out.add(m.group(2))
    return frozenset(out)


@cache
def _place_re(lex: QuoteLexicon) -> re.Pattern[str]:
    markers = "|".join(sorted(lex.place_markers, key=len, reverse=True))
    return re.compile(r"(?<![\w])(" + markers + r")\s+([A-Z][a-z]+\w*)")


def name_in(tokens: list[Token], lex: QuoteLexicon, avoid: frozenset[str] = frozenset()) -> tuple[int, int] | None:
    """Token range [i, j) of the person name at the end of the last capitalised run in ``tokens``.

    ``Menteri Luar Negeri Rusia Sergey Lavrov`` → ``Sergey Lavrov``; ``Mayjen Igor Konashenkov``
    → ``Igor Konashenkov``; ``Presiden`` → None (a role, no name).
    """
    words = [t.text for t in tokens]
    j = len(words)
    degs = degrees()
    while j > 0 and (not is_cap(words[j - 1]) or words[j - 1] in degs):
        j -= 1  # lower-case words, and degrees after the name ("Dr Suwondo MS", "Budi, M.Sc.")
    if j == 0:
        return None
    i = j
    while i > 0 and (
        (is_name_token(words[i - 1], lex) and not (words[i - 1] in avoid and i < j))
        or (
            len(words[i - 1]) <= 2
            and words[i - 1][:1].isupper()
            and words[i - 1] not in lex.org_words
            and words[i - 1] not in lex.titles
        )
    ):
        i -= 1
        if j - i >= 4:
            break
    if i == j or (j - i == 1 and FIELD_NOUN.match(words[i])):
        return None  # no name, or only a ministry's field ("Menteri Kelautan dan Perikanan ,")
    while j - i > 2 and field_word(words[i], lex):
        i += 1  # "Perdagangan Enggartiasto Lukita": a title word we do not list
    while j - i > 1 and words[i].lower() in lex.mined_common and COMMON_LEAD.on:
        i += 1  # "Ketua Asosiasi Petani Sawit Budi Hartono": the end of the organisation's name
    while j - i > 1 and words[i] in avoid:
        i += 1
    return i, j


def org_in(tokens: list[Token], lex: QuoteLexicon) -> tuple[int, int] | None:
    """Token range of an organisation named in the phrase: a capitalised run headed by an
    organisation word (``Kementerian Kesehatan``) or an acronym (``KPK``)."""
    words = [t.text for t in tokens]
    for i, w in enumerate(words):
        acronym = w.isupper() and len(w) >= 2 and w.isalpha() and w not in lex.titles and w not in lex.places
        if (w in lex.org_words and w[:1].isupper() and w not in lex.places) or acronym:
            j = i + 1
            while j < len(words) and (is_cap(words[j]) or words[j] in ("-", "19")) and j - i < 8:
                j += 1
            if j - i == 1 and not acronym:
                continue  # "Tim dokter", "Pihak": a generic head alone is not a name
            return i, j
    return None


def place_ends(article: Article) -> dict[int, int]:
    """Start -> end of every place and organisation mention the entities stage found."""
    return {m.start: m.end for e in article.entities if e.type in ("LOC", "ORG") for m in e.mentions}


def after_places(
    article: Article, tokens: list[Token], rng: tuple[int, int], ends: dict[int, int] | None = None
) -> tuple[int, int]:
    """Drop a place or organisation the entities stage found at the start of a name run
    ("General Manager IPC Tanjung Priok Suparjo" → "Suparjo") when a word stays after it.
    ``ends``: ``place_ends(article)``, when the caller reads many runs."""
    a, b = rng
    if ends is None:
        ends = place_ends(article)
    while a < b - 1 and tokens[a].start in ends:
        end = ends[tokens[a].start]
        nxt = next((i for i in range(a, b) if tokens[i].start >= end), b)
        if nxt >= b:
            break
        a = nxt
    return a, b


def trim_name(article: Article, tokens: list[Token], rng: tuple[int, int]) -> tuple[int, int]:
    """Drop unknown capitalised words before a name when a later word of it stands alone
    elsewhere in the article ("Logistik Perum Bulog Djarot" → "Djarot", as "imbuh Djarot")."""
    a, b = rng
    if b - a < 3:
        return rng
    text = article.text
    for i in range(a + 1, b):
        word, prev = tokens[i].text, tokens[i - 1].text
        if any(len(t.text.rstrip(".")) <= 3 for t in tokens[a:i]):
            return rng  # initials stay: "RZ Panca Putra Simanjuntak", "I Dewa Gede Bawa"
        pos = text.find(word)
        while pos >= 0:
            head = text[:pos].rstrip()
            bounded = (pos + len(word) >= len(text) or not text[pos + len(word)].isalnum()) and (
                pos == 0 or not text[pos - 1].isalnum()
            )
            if bounded and not head.endswith(prev) and pos != tokens[i].start:
                return i, b
            pos = text.find(word, pos + 1)
    return rng


def common_start(article: Article, tok: Token, lex: QuoteLexicon) -> bool:
    """A capitalised common word that cannot start a name run: a sentence-initial connective or
    common word ("Selain Ismunandar", "Diakui Syafrin") that the article never writes capitalised
    inside a sentence ("jelas Cucu" keeps "Cucu Ahmad Kurnia"), or a word the news mostly writes
    in lower case ending a title or an organisation ("Ekonomi Kreatif Wishnutama")."""
    if sentence_initial(article.text, tok.start):
        # a name is written capitalised inside sentences too ("jelas Cucu"); "Selain" is not
        if tok.text.lower() in lex.subject_adjuncts or tok.text.lower() in lex.connectors:
            return True
        return is_common(article, tok.text, lex) and not named_inside(article.text, tok.text)
    return tok.text.lower() in lex.mined_common and not stands_alone(article.text, tok.text, lex)


def person_name(article: Article, name: str, lex: QuoteLexicon | None, common: bool = True) -> str:
    """A tagged person's name without the words glued before it: a place, an organisation head
    or (with ``common``) a capitalised common word ("Aksi Sandi" with a subheading "Aksi" →
    "Sandi")."""
    if lex is None:
        return name
    words = name.split()
    places = article_places(article.text, lex)
    while len(words) > 1:
        w = words[0]
        pos = article.text.find(name)
        glued = w in lex.places or any(ch.isdigit() for ch in w)
        if not common:
            # the article's "places" are read after markers such as "Bupati", so they hold first
            # names too ("Bupati Sri ..."): only strip one when two name words stay
            glued = glued or (w in places and len(words) >= 3)
        elif not glued:
            glued = w in lex.org_words or w in places
        if not common:
            pass
        elif not glued and pos >= 0 and sentence_initial(article.text, pos):
            glued = is_common(article, w, lex) and not named_inside(article.text, w)
        elif not glued:
            glued = w.lower() in lex.mined_common
        if not glued:
            break
        words = words[1:]
        name = " ".join(words)
    return name


def run_word(word: str, lex: QuoteLexicon) -> bool:
    """A word of a capitalised name run: a name word, or an initial that is no title or name
    break ("Dr", "Vs" look like initials)."""
    return is_name_token(word, lex) or (
        _initial(word) and word not in lex.titles and word.lower() not in lex.name_breaks
    )


def _initial(word: str) -> bool:
    return (
        len(word) <= 2
        and word[:1].isupper()
        and word[:1].isalpha()
        and not word.isupper()
        or (len(word) == 1 and word.isupper())
    )
