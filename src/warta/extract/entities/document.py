"""Article-level steps: recognising every sentence, what one sentence tells about another
(a surname found elsewhere, a person glued to a place), names outside the body, and the last
filters on whole entities."""

from __future__ import annotations

from functools import cache

from warta import budget
from warta.article import Article, Entity, Mention
from warta.extract.entities.lexicons import common_words, countries, places, span_text, word_list
from warta.extract.entities.linking import add_roles, contains, government_use, words
from warta.extract.entities.mentions import Found, Sentence, inside_name, tidy
from warta.extract.entities.person_names import place_heads, sentence_initial
from warta.extract.entities.registry import RULES
from warta.extract.entities.roles import roles
from warta.extract.time.numwords import lexicon as num_lexicon
from warta.lang import LanguagePack
from warta.lang.lexicon import lexicon
from warta.nlp import ner
from warta.nlp.segment import Token

# removed blocks whose names are facts about the article (credit/copyright/byline), unlike
# boilerplate such as cookie notices
NAMED_REMOVED_KINDS = frozenset({"copyright", "photo_credit", "byline", "credit", "duplicate_caption"})

Sentences = list[tuple[list[Token], list[Found]]]


def sentence_spans(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    if article.paragraphs:
        return [(p.start, p.end) for p in article.paragraphs]
    return [(0, len(article.text))] if article.text.strip() else []


def chunk_tokens(text: str, spans: list[tuple[int, int]]) -> list[list[Token]]:
    """Tokens of each sentence, a very long one (no punctuation for pages) cut every
    ``ner.MAX_TOKENS`` tokens."""
    out: list[list[Token]] = []
    for s, e in spans:
        toks = ner.tokens(text, s, e)
        for i in range(0, len(toks), ner.MAX_TOKENS):
            out.append(toks[i : i + ner.MAX_TOKENS])
    return out


def recognise(text: str, spans: list[tuple[int, int]], pack: LanguagePack) -> tuple[list[Found], dict[int, bool]]:
    """Mentions of every sentence (with titles and affiliations), and which places are capitals
    used for their government (by character offset)."""
    found_all: list[Found] = []
    gov: dict[int, bool] = {}
    chunks = chunk_tokens(text, spans)
    ents = ner.recognise_tokens(text, chunks)
    sents: Sentences = []
    k = 0
    for toks in chunks:
        budget.check()
        s, e = toks[0].start, toks[-1].end
        mine: list[ner.EntitySpan] = []
        while k < len(ents) and ents[k].start < e:
            if ents[k].start >= s:
                mine.append(ents[k])
            k += 1
        sents.append((toks, tidy(toks, mine, pack)))
    if INITIALS.on:
        for toks, found in sents:
            initials(toks, found, pack)
    if REPEATED.on:
        repeated_names(sents, pack)
    if REPEATED_NAMES.on:
        repeated_organisations(sents, pack)
    glued_persons(sents, pack)
    for toks, found in sents:
        roles(toks, found, pack)
        for f in found:
            if f.label == "LOC":
                gov[f.s] = government_use(toks, f, pack)
        found_all.extend(found)
    return found_all, gov


@cache
def _all_places(pack: LanguagePack) -> frozenset[str]:
    """The places mined from the news and the language pack's."""
    return places(pack) | lexicon(pack.code).places


INITIALS = RULES.declare(
    "initials-with-age-are-person",
    "capital initials followed by an age in brackets or after 'berinisial' stand for a person",
    "Polisi menangkap seorang pengedar berinisial YD. Saat ditangkap, YD membawa sabu.",
)
REPEATED = RULES.declare(
    "surname-found-elsewhere",
    "a person's surname the model missed elsewhere in the article is a mention of that person",
    "Igor Konashenkov memimpin rapat. Konashenkov menambahkan bahwa pasukan siap.",
)
REPEATED_NAMES = RULES.declare(
    "same-name-same-entity",
    "an organisation or place the article tags once is a mention wherever else the same name stands alone",
    "KPK menetapkan dua tersangka. Penetapan itu diumumkan KPK di Jakarta, kata Wakil Ketua KPK Laode Syarif.",
    test="test_model_error_rules",
)
GLUED_PERSON = RULES.declare(
    "person-glued-to-place",
    "a person's name glued to the end of a place or organisation the article names is cut off",
    "Kasatlantas Polres Way Kanan, AKP Jafril mengatakan, kecelakaan terjadi di Kecamatan Way Tuba, Kabupaten Way Kanan, Lampung.",
    test="test_model_error_rules",
)
PLACE_IN_NAME = RULES.declare(
    "place-ending-inside-titled-name",
    "a place the article names that ends inside a titled person ('Camat Putri Hijau Sutrisno') is the affiliation",
    "Warga Kecamatan Putri Hijau mengungsi. Camat Putri Hijau Sutrisno meminta warga tenang.",
)


def _is_initials(word: str) -> bool:
    return 1 <= len(word) <= 4 and word.isalpha() and word.isupper()


def initials(toks: list[Token], found: list[Found], pack: LanguagePack) -> None:
    """'YD (32)', 'berinisial YD': initials standing for a person (annotation guidelines)."""
    taken = {i for f in found for i in range(f.start, f.end)}
    cues = word_list(pack, "initials_cues")
    added = []
    for i, t in enumerate(toks):
        if i in taken or not _is_initials(t.text):
            continue
        aged = (
            i + 3 < len(toks) and toks[i + 1].text == "(" and toks[i + 2].text.isdigit() and len(toks[i + 2].text) <= 2
        )
        cued = i > 0 and toks[i - 1].text.lower() in cues
        if aged or cued:
            added.append(Found(i, i + 1, "PER", t.text, t.start, t.end))
    if added:
        found.extend(added)
        found.sort(key=lambda f: f.start)


def repeated_names(sents: Sentences, pack: LanguagePack) -> None:
    """A person's surname the model missed elsewhere in the article ("Menurut Konashenkov")."""
    cs = countries(pack)
    names = {f.text.split()[-1] for _, found in sents for f in found if f.label == "PER"}
    names = {n for n in names if n[:1].isupper() and not (cs.country(n) or cs.capital_of(n) or n in places(pack))}
    if not names:
        return
    for toks, found in sents:
        taken = {i for f in found for i in range(f.start, f.end)}
        added = [
            Found(i, i + 1, "PER", t.text, t.start, t.end)
            for i, t in enumerate(toks)
            if t.text in names and i not in taken
        ]
        if added:
            found.extend(added)
            found.sort(key=lambda f: f.start)


def repeated_organisations(sents: Sentences, pack: LanguagePack) -> None:
    """The article decides: a name tagged ORG or LOC (with one type only) in one place is the same
    entity wherever the same words stand on their own (not continuing a capitalised name, unless a
    title ends before it: "Wakil Ketua KPK"). The tagger misses repeated acronyms ("diumumkan KPK")."""
    labels: dict[tuple[str, ...], set[str]] = {}
    for toks, found in sents:
        for f in found:
            key = tuple(t.text for t in toks[f.start : f.end])
            labels.setdefault(key, set()).add(f.label)
    names = {
        k: next(iter(v))
        for k, v in labels.items()
        if len(v) == 1
        and next(iter(v)) in ("ORG", "LOC")
        and any(c.isupper() for c in "".join(k))
        and len("".join(k)) > 1
    }
    if not names:
        return
    longest = max(len(k) for k in names)
    firsts = {k[0] for k in names}  # a name can start only at one of these words
    for toks, found in sents:
        taken = {i for f in found for i in range(f.start, f.end)}
        persons = {f.start for f in found if f.label == "PER"}
        sent = Sentence(toks, found, pack)
        added: list[Found] = []
        i = 0
        while i < len(toks):
            hit = None
            if toks[i].text not in firsts:
                i += 1
                continue
            for n in range(min(longest, len(toks) - i), 0, -1):
                key = tuple(t.text for t in toks[i : i + n])
                if key in names and not any(j in taken for j in range(i, i + n)):
                    nxt = toks[i + n].text if i + n < len(toks) else ""
                    if not inside_name(sent, i) and (i + n in persons or not (nxt[:1].isupper() and nxt.isalpha())):
                        hit = n
                    break
            if hit:
                added.append(
                    Found(
                        i,
                        i + hit,
                        names[tuple(t.text for t in toks[i : i + hit])],
                        "",
                        toks[i].start,
                        toks[i + hit - 1].end,
                    )
                )
                added[-1].text = span_text(toks, i, i + hit)
                taken.update(range(i, i + hit))
                i += hit
            else:
                i += 1
        if added:
            found.extend(added)
            found.sort(key=lambda f: f.start)


def _known_places(named: set[tuple[str, str]], pack: LanguagePack) -> set[str]:
    """Places the article names, with or without their head word ("Kecamatan Putri Hijau",
    "Putri Hijau"; "Bani", "Kota Bani")."""
    heads = place_heads(pack)
    known: set[str] = set()
    for label, text in named:
        ws = text.split()
        if label == "LOC":
            known.add(text)
            if len(ws) > 1 and ws[0] in heads:
                known.add(" ".join(ws[1:]))
            known.update(f"{h} {text}" for h in heads)
    return known


def _cut_glued(
    toks: list[Token], found: list[Found], persons: set[str], named: set[tuple[str, str]], pl: frozenset[str]
) -> None:
    for f in list(found):
        if f.label not in ("LOC", "ORG") or f.end - f.start < 2:
            continue
        for k in range(f.start + 1, f.end):
            tail, head = span_text(toks, k, f.end), span_text(toks, f.start, k)
            if tail not in persons:
                continue
            if (f.label, head) in named or all(w in pl or (f.label, w) in named for w in head.split()):
                found.append(Found(k, f.end, "PER", tail, toks[k].start, toks[f.end - 1].end))
                f.end, f.text, f.e = k, head, toks[k - 1].end
            break


def _cut_place_in_name(toks: list[Token], found: list[Found], known: set[str]) -> None:
    for f in list(found):
        if f.label != "PER" or f.end - f.start < 2:
            continue
        for j in range(max(0, f.start - 2), f.start):
            cut = next((m for m in range(f.start + 1, f.end) if m - j >= 2 and span_text(toks, j, m) in known), None)
            if cut is not None and not any(g.start < cut and j < g.end for g in found if g is not f):
                found.append(Found(j, cut, "LOC", span_text(toks, j, cut), toks[j].start, toks[cut - 1].end))
                f.start, f.text, f.s = cut, span_text(toks, cut, f.end), toks[cut].start
                break


def glued_persons(sents: Sentences, pack: LanguagePack) -> None:
    """A place or organisation read with a person's name glued on ("Sekretaris Daerah DKI Jakarta
    Saefullah" -> LOC "DKI Jakarta Saefullah"): when the article names that person on their own and
    the rest is a place or organisation it names too (or every word of it is), the name is cut off
    as a person of its own, so the title and affiliation before it attach to it."""
    persons = {f.text for _, found in sents for f in found if f.label == "PER"}
    named = {(f.label, f.text) for _, found in sents for f in found}
    pl = _all_places(pack)
    known = _known_places(named, pack)
    for toks, found in sents:
        if GLUED_PERSON.on:
            _cut_glued(toks, found, persons, named, pl)
        if PLACE_IN_NAME.on:
            _cut_place_in_name(toks, found, known)
        found.sort(key=lambda f: f.start)


OUTSIDE_BODY = RULES.declare(
    "names-outside-body",
    "names in the headline, captions and credit lines join the body's entities (original offsets)",
    "Presiden Joko Widodo meninjau lokasi banjir di Bekasi, Senin.\n\nFoto: ANTARA/Sigid Kurniawan",
)


def _fields(article: Article) -> list[tuple[str, int, bool]]:
    """(text, offset in original, may add new entities). Headlines are title-cased, which the
    model misreads, so their names only join entities found in the body."""
    fields: list[tuple[str, int, bool]] = []
    if article.title:
        fields.append((article.title.text, article.title.original_start, False))
    fields.extend((c.text, c.original_start, False) for c in article.captions)
    fields.extend(
        (r.text, r.original_start, r.kind != "duplicate_caption")
        for r in article.removed
        if r.kind in NAMED_REMOVED_KINDS
    )
    return fields


def _match_outside(f: Found, entities: list[Entity], index: dict[tuple[str, str], Entity], key: str) -> Entity | None:
    ent = index.get((f.label, key))
    if ent is None and f.label == "PER":
        w = words(f.text)
        ent = next(
            (e for e in entities if e.type == "PER" and (contains(words(e.name), w) or words(e.name) == w)), None
        )
    return ent


def outside_body(article: Article, entities: list[Entity], pack: LanguagePack) -> None:
    """Names in the headline, captions and removed credit/copyright lines (original offsets)."""
    fields = _fields(article)
    if not fields:
        return
    cs = countries(pack)
    index: dict[tuple[str, str], Entity] = {}
    for e in entities:
        for m in e.mentions:
            index[(e.type, m.text.lower())] = e
        index[(e.type, e.name.lower())] = e
    for text, offset, may_add in fields:
        found, _ = recognise(text, [(0, len(text))], pack)
        for f in found:
            country = cs.country(f.text) if f.label == "LOC" else None
            key = country.lower() if country else f.text.lower()
            ent = _match_outside(f, entities, index, key)
            if ent is None and not may_add:
                continue
            if ent is None:
                ent = Entity(id="", name=country or f.text, type=f.label)
                if country:
                    ent.links["country"] = country
                entities.append(ent)
                index[(f.label, key)] = ent
            ent.original_mentions.append(Mention(offset + f.s, offset + f.e, f.text))
            add_roles(ent, f)


NUMBER_WORD = RULES.declare(
    "number-word-not-name",
    "a number word opening sentences before a lower-case word ('Lima pertandingan') is no name",
    "Lima pertandingan terakhir berakhir imbang. Lima pemain absen.",
)
COMMON_LOWER = RULES.declare(
    "lower-case-common-words-not-place",
    "a name written in lower case whose every word is a common word ('jalan raya') is no entity",
    "Kemacetan panjang terjadi di jalan raya menuju kampung halaman.",
)


@cache
def _number_words(pack: LanguagePack) -> frozenset[str]:
    nl = num_lexicon(pack.code)
    return frozenset({*nl.units, *nl.small, *nl.large, *nl.plural})


@cache
def _all_common(pack: LanguagePack) -> frozenset[str]:
    return lexicon(pack.code).common_words | common_words(pack)


def number_word(text: str, e: Entity, pack: LanguagePack) -> bool:
    """ "Lima pertandingan terakhir, ...": a number word opening a sentence, taken by the tagger for a
    name (Lima, Peru). True when every mention opens a sentence before a lower-case word."""
    if " " in e.name or e.name.lower() not in _number_words(pack) or not e.mentions:
        return False
    return all(
        sentence_initial(text, m.start) and text[m.end : m.end + 2][:1] == " " and text[m.end + 1 : m.end + 2].islower()
        for m in e.mentions
    )


def common_lower(name: str, pack: LanguagePack) -> bool:
    """ "jalan raya", "kampung halaman" tagged as places: a name written all in lower case whose
    every word is a common word. (A real name in text that lost its capitals stays: "jakarta".)"""
    ws = name.replace("-", " ").split()
    if len(ws) < 2 or any(c.isupper() or c.isdigit() for c in name):
        return False  # one word may be a name too ("medan", "Medan")
    return all(w in _all_common(pack) for w in ws)


def keep(article: Article, e: Entity, pack: LanguagePack, text_pack: LanguagePack) -> bool:
    """The last filters on whole entities (number words are those of the text's own language)."""
    if NUMBER_WORD.on and number_word(article.text, e, text_pack):
        return False
    return not (COMMON_LOWER.on and common_lower(e.name, pack))
