"""Speaker mentions in attribution phrases: what the words after ``kata``, or the subject before
``mengatakan``, say about the speaker.

A phrase names a speaker by name (``Menteri Luar Negeri Rusia Sergey Lavrov``), by role
(``juru bicara itu``, ``Presiden``), by pronoun (``ia``, ``katanya``), as an organisation, or as
an unnamed group (``sejumlah pejabat``). When the entities stage has run, the entity whose
mention overlaps the phrase wins and gives the fullest name, titles and affiliations.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from warta.article import Article, Entity, Mention
from warta.extract.entities.person_names import common_word, count_word, person_like, sentence_initial, stands_alone
from warta.extract.quotes.names import after_places, article_places, is_cap, name_in, org_in, trim_name
from warta.extract.quotes.registry import declare
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

ENTITY_TAIL = declare(
    "entity-tail-name",
    "a tagged person that stops before the capitalised name ending the phrase gives way to that name",
)
ORGANISATION = declare(
    "organisation-speaker",
    "an organisation entity in the phrase, a party noun or an organisation word at its head: the organisation speaks",
)
ANAPHORIC_ROLE = declare(
    "anaphoric-role", "a role with a demonstrative refers back to the person holding it", test="test_model_error_rules"
)
COMMON_WORDS = declare(
    "common-words-no-name",
    "a sentence-initial common word, or words the news mostly writes in lower case, are no name",
)
GENERIC = declare(
    "generic-speaker", "an unnamed group or a generic role (officials, researchers, a source) speaks: no speaker named"
)


@dataclass
class SpeakerRef:
    """What an attribution phrase says about its speaker, before resolution."""

    kind: str  # name | role | pronoun | entity | org | generic
    start: int
    end: int
    text: str
    name: str = ""  # the name as written (titles stripped)
    role: str = ""  # the role words stated with it ("Menteri Luar Negeri Rusia", "juru bicara")
    entity: Entity | None = None
    anaphoric: bool = False  # a role with a demonstrative ("juru bicara itu") refers back


def entity_at(
    article: Article,
    start: int,
    end: int,
    types: tuple[str, ...] = ("PER", "ORG"),
    accept: Callable[[Entity], bool] | None = None,
) -> tuple[Entity, Mention] | None:
    """The entity with a mention overlapping ``[start, end)``, the last one (nearest the name end)."""
    found: tuple[Entity, Mention] | None = None
    for e in article.entities:
        if e.type not in types or (accept is not None and not accept(e)):
            continue
        for m in e.mentions:
            if (
                m.start < end
                and start < m.end
                and (found is None or m.start > found[1].start or (found[0].type != "PER" and e.type == "PER"))
            ):
                if found is not None and found[0].type == "PER" and e.type != "PER":
                    continue
                found = (e, m)
    return found


def _trim_phrase(tokens: list[Token], lex: QuoteLexicon) -> list[Token]:
    """The phrase without trailing adverbs and punctuation, a dateline and leading connectors."""
    while tokens and (tokens[-1].text.lower() in lex.post_speaker_adverbs or tokens[-1].text in ",;:"):
        tokens = tokens[:-1]
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k].text in ("-", "—", "–") and (tokens[k].text != "-" or tokens[k - 1].text == "-"):
            tokens = tokens[k + 1 :]  # "Jakarta, CNN Indonesia--Direktorat ...": a dateline before it
            break
    while tokens and (tokens[0].text in ",;:" or tokens[0].text.lower() in lex.connectors):
        tokens = tokens[1:]
    return tokens


def parse_phrase(article: Article, tokens: list[Token], lex: QuoteLexicon) -> SpeakerRef | None:
    """Read the speaker in an attribution phrase (tokens already cut at adjuncts)."""
    tokens = _trim_phrase(tokens, lex)
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    hit = entity_at(article, start, end, ("PER",), lambda e: person_like(article, e.name, lex))
    if hit is not None:
        ent, m = hit
        tail = [t for t in tokens if t.start >= m.end]
        tail_name = name_in(tail, lex, article_places(article.text, lex)) if tail else None
        if tail_name is not None and tail_name[1] == len(tail) and all(is_cap(t.text) for t in tail) and ENTITY_TAIL.on:
            # the tagged "person" stops before the name that ends the phrase ("Direktur Kemitraan
            # Komite Kartu Prakerja Panji W Ruky" tagged "Prakerja Panji W"): read the words
            ref = _parse_words(article, tokens, lex)
            if ref is not None and ref.kind == "name":
                return ref
        # "Kepala Kantor ... Tanjung Priok, Capt. Hermanta": the title the entity already holds
        # ("Capt.") is not part of the stated role
        parts = [p.strip() for p in article.text[start : m.start].split(",")]
        role = ", ".join(p for p in parts if p and p not in ent.titles)
        return SpeakerRef("entity", m.start, m.end, m.text, name=ent.name, role=role, entity=ent)
    ref = _parse_words(article, tokens, lex)
    if ref is not None and ref.kind in ("name", "pronoun"):
        return ref
    org_hit = entity_at(article, start, end, ("ORG",)) if ORGANISATION.on else None
    if org_hit is not None and (ref is None or ref.kind != "role" or not ref.anaphoric):
        ent, m = org_hit
        if ref is None or ref.kind == "org":
            return SpeakerRef("entity", m.start, m.end, m.text, name=ent.name, entity=ent)
    return ref


def _span_ref(article: Article, kind: str, tokens: list[Token], a: int, b: int, **kw: str) -> SpeakerRef:
    """A reference to ``tokens[a:b]``."""
    s, e = tokens[a].start, tokens[b - 1].end
    return SpeakerRef(kind, s, e, article.text[s:e], **kw)  # type: ignore[arg-type]


def _parse_words(article: Article, tokens: list[Token], lex: QuoteLexicon) -> SpeakerRef | None:
    """The speaker read from the words alone (no entities)."""
    start, end = tokens[0].start, tokens[-1].end
    text = article.text[start:end]
    words = [t.text for t in tokens]
    low = [w.lower() for w in words]
    if low[0] in lex.pronouns and len(tokens) <= 2:
        return SpeakerRef("pronoun", start, tokens[0].end, words[0])
    k = 0
    while k < len(low) and low[k] in lex.role_prefixes:
        k += 1
    headed = k < len(words) and (
        lex.role_at(words, k) > 0 or words[k] in lex.titles or words[k].rstrip(".") in lex.titles
    )
    org = _org_phrase(article, tokens, lex, k)
    if org is not None:
        return org
    if low[-1] in lex.demonstratives and len(tokens) >= 2 and ANAPHORIC_ROLE.on:
        # "juru bicara itu", "Mantan Gubernur Bank Indonesia itu": a role pointing back
        return SpeakerRef("role", start, end, text, role=" ".join(low[k:-1]), anaphoric=True)
    rng = _name_range(article, tokens, lex)
    if (
        low[0] in lex.generic_quantifiers
        and low[0] not in lex.team_nouns
        and len(low) > 1
        and low[1][:1].islower()
        and GENERIC.on
    ):
        return SpeakerRef("generic", start, end, text)  # "Sejumlah pejabat Afghanistan", "para periset"
    if not headed and low[k : k + 1] and low[k] in lex.generic_speakers and GENERIC.on and rng is None:
        return SpeakerRef("generic", start, end, text)  # "kata netter lainnya": nobody named
    if rng is not None:
        a, b = after_places(article, tokens, trim_name(article, tokens, rng))
        return _span_ref(article, "name", tokens, a, b, name=" ".join(words[a:b]), role=" ".join(words[:a]))
    if headed:
        # a role without a name: "Presiden", "Ketua MPR", "sang menteri"; a generic one
        # ("Sumber pemerintah AS", "pengamat") names nobody
        if low[k] in lex.generic_speakers and words[k] not in lex.titles and GENERIC.on:
            return SpeakerRef("generic", start, end, text)
        return SpeakerRef("role", start, end, text, role=" ".join(low[k:]))
    org_rng = org_in(tokens, lex)
    if org_rng is not None:
        a, b = org_rng
        return _span_ref(article, "org", tokens, a, b, name=" ".join(words[a:b]))
    return None


def _org_phrase(article: Article, tokens: list[Token], lex: QuoteLexicon, k: int) -> SpeakerRef | None:
    """An organisation as the speaker: after a party noun ("pihak Polrestabes Bandung"), or a
    phrase headed by an organisation word with no title in it. ``k``: the index after the role
    prefixes."""
    words = [t.text for t in tokens]
    if k and words[k - 1].lower() in lex.party_nouns and k < len(words) and words[k][:1].isupper() and ORGANISATION.on:
        # "pihak Polrestabes Bandung": the organisation itself
        b = k
        while b < len(words) and (is_cap(words[b]) or words[b] in ("-",)):
            b += 1
        return _span_ref(article, "org", tokens, k, b, name=" ".join(words[k:b]))
    if (
        k < len(words)
        and words[k] in lex.org_words
        and words[k] not in lex.places
        and not any(w in lex.titles for w in words)
        and ORGANISATION.on
    ):
        org = org_in(tokens[k:], lex)
        if org is not None:
            a, b = org[0] + k, org[1] + k
            return _span_ref(article, "org", tokens, a, b, name=" ".join(words[a:b]))
    return None


def _name_range(article: Article, tokens: list[Token], lex: QuoteLexicon) -> tuple[int, int] | None:
    """The token range of the name in the phrase, unless the run is a place after a preposition
    or the words are common ones written with a capital."""
    rng = name_in(tokens, lex, article_places(article.text, lex))
    if rng is None:
        return None
    words = [t.text for t in tokens]
    a, b = rng
    before = words[a - 1].lower() if a > 0 else ""
    if before in lex.name_preps:
        return None  # "Perdana Menteri untuk Azad Jammu dan Kashmir": a place, not the speaker
    if (
        b - a == 1
        and COMMON_WORDS.on
        and (
            common_word(article, words[a])
            or (sentence_initial(article.text, tokens[a].start) and count_word(article.text, words[a]) < 2)
        )
    ):
        return None  # "Sebelumnya", "Kini": a sentence-initial common word, not a name
    if COMMON_WORDS.on and all(
        w.lower() in lex.mined_common and not stands_alone(article.text, w, lex) for w in words[a:b]
    ):
        return None  # "Kepulauan", "Ancaman Ancaman": words the news writes in lower case
    return rng
