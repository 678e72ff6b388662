"""Speaker mentions in attributions, and their resolution to the person in the article.

An attribution phrase (the words after ``kata``, or the subject before ``mengatakan``) names a
speaker by name (``Menteri Luar Negeri Rusia Sergey Lavrov``), by role (``juru bicara itu``,
``Presiden``) or by pronoun (``ia``, ``katanya``). Names are read from capitalised words with
titles and organisation words stripped; when the entities stage has run, the entity whose
mention overlaps the phrase wins and gives the fullest name, titles and affiliations.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache

from warta.article import Article, Entity, Mention, Speaker
from warta.extract.person_names import (
    FIELD_NOUN,
    degrees,
    is_common,
    person_like,
)
from warta.extract.person_names import (
    common_word as _common_word,
)
from warta.extract.person_names import (
    count_word as _count_word,
)
from warta.extract.person_names import (
    named_inside as _named_inside,
)
from warta.extract.person_names import (
    sentence_initial as _sentence_initial,
)
from warta.extract.person_names import (
    stands_alone as _stands_alone,
)
from warta.extract.quote_lexicon import QuoteLexicon
from warta.nlp.segment import Token


@dataclass
class SpeakerRef:
    """What an attribution phrase says about its speaker, before resolution."""

    kind: str  # name | role | pronoun | entity
    start: int
    end: int
    text: str
    name: str = ""  # the name as written (titles stripped)
    role: str = ""  # the role words stated with it ("Menteri Luar Negeri Rusia", "juru bicara")
    entity: Entity | None = None
    anaphoric: bool = False  # a role with a demonstrative ("juru bicara itu") refers back


def is_cap(word: str) -> bool:
    return bool(word) and (word[0].isupper() or (word[0].isdigit() and False))


def is_name_token(word: str, lex: QuoteLexicon) -> bool:
    if not word or not word[0].isupper():
        return False
    if word in lex.titles or word in lex.org_words or word.rstrip(".") in lex.titles or word in degrees():
        return False
    low = word.lower()
    if low in lex.cue_words or low in lex.connectors or low in lex.name_breaks:
        return False  # "Menurut Sri Mulyani", "Sementara Tauhid": a sentence-initial word
    return not (word.isupper() and len(word) >= 3 and not word.endswith("."))  # acronyms: KPU, BNPB


def _field_word(word: str, lex: QuoteLexicon) -> bool:
    """A common noun of the ke-an/pe-an kind (Perdagangan, Pembangunan, Kebudayaan) that names a
    ministry's field inside a title; names rarely are such words ("Teguh", "Putra" are kept)."""
    low = word.lower()
    return low in lex.common_words and low.endswith("an") and len(low) >= 7


PLACE_MARKERS = frozenset(
    {
        "di",
        "Kota",
        "Kabupaten",
        "Provinsi",
        "Kecamatan",
        "Desa",
        "Kelurahan",
        "Polres",
        "Polresta",
        "Polsek",
        "Polda",
        "Pemkot",
        "Pemkab",
        "Pemprov",
        "wilayah",
        "kawasan",
        "Kodim",
        "Kodam",
        "Korem",
        "Bupati",
        "Kapolres",
        "Kapolsek",
        "Kapolda",
        "Kapolresta",
        "Gubernur",
        "Wagub",
        "Wabup",
        "Pj",
        "Sekda",
        "Dandim",
        "Danrem",
        "Pangdam",
    }
)


@lru_cache(maxsize=8)
def article_places(text: str) -> frozenset[str]:
    """Capitalised words the article uses as places ("di Bekasi", "Kota Tangsel", "Polres Bungo"):
    never part of a person's name there ("Kapolres Bekasi Agus Harpa" → "Agus Harpa")."""
    out = set()
    for m in _PLACE_RE.finditer(text):
        out.add(m.group(2))
    return frozenset(out)


_PLACE_RE = re.compile(r"(?<![\w])(" + "|".join(sorted(PLACE_MARKERS, key=len, reverse=True)) + r")\s+([A-Z][a-z]+\w*)")


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
    while j - i > 2 and _field_word(words[i], lex):
        i += 1  # "Perdagangan Enggartiasto Lukita": a title word we do not list
    while j - i > 1 and words[i].lower() in lex.mined_common:
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
        if (w in lex.org_words and w[:1].isupper() and not _is_place_only(w, lex)) or acronym:
            j = i + 1
            while j < len(words) and (is_cap(words[j]) or words[j] in ("-", "19")) and j - i < 8:
                j += 1
            if j - i == 1 and not acronym:
                continue  # "Tim dokter", "Pihak": a generic head alone is not a name
            return i, j
    return None


def _is_place_only(word: str, lex: QuoteLexicon) -> bool:
    return word in lex.places


@dataclass
class NameIndex:
    """Person names written in the article, for the fullest form of a partial name."""

    forms: list[tuple[int, str]] = field(default_factory=list)  # (offset, name) in text order
    roles: list[tuple[int, str, str]] = field(default_factory=list)  # (offset, role words, name)
    loose: set[str] = field(default_factory=set)  # forms found without a title before them
    aliases: dict[str, str] = field(default_factory=dict)  # "Jokowi" → "Joko Widodo", "KPK" → ...
    known: dict[str, str] = field(default_factory=dict)  # the language pack's well-known short names
    titles: frozenset[str] = frozenset()
    lex: QuoteLexicon | None = None
    text: str = ""
    _fullest: dict[str, str] = field(default_factory=dict, repr=False)  # memo: forms are fixed after build

    @classmethod
    def build(cls, article: Article, tokens: list[Token], lex: QuoteLexicon) -> NameIndex:
        idx = cls(known=lex.known_aliases, text=article.text, titles=lex.titles, lex=lex)
        places = article_places(article.text)
        titled: set[int] = set()
        place_ends = _place_ends(article)
        for e in article.entities:
            if e.type == "PER" and person_like(article, e.name, lex):
                for m in e.mentions:
                    idx.forms.append((m.start, e.name))
        # capitalised runs preceded by a title or a role noun are person names
        n = len(tokens)
        words = [t.text for t in tokens]  # built once: role_at looks ahead in it
        i = 0
        while i < n:
            w = tokens[i].text
            role_len = lex.role_at(words, i)
            if w in lex.titles or role_len:
                j = i + max(role_len, 1)
                while (
                    j < n
                    and (
                        is_cap(tokens[j].text)
                        or tokens[j].text in ("(", ")")
                        or tokens[j].text.lower() in ("dan", "untuk", "bidang")
                    )
                    and j - i < 18
                ):
                    if tokens[j].text.lower() in ("dan",):
                        break
                    j += 1
                run = [t for t in tokens[i:j] if t.text not in ("(", ")")]
                rng = name_in(run, lex, places)
                if rng is not None and rng[0] < max(role_len, 1):
                    rng = None  # the role word itself ("Warga berkumpul") is not a name
                if rng is not None and rng[1] == len(run):
                    a, b = _after_places(article, run, trim_name(article, run, rng), place_ends)
                    name = " ".join(t.text for t in run[a:b])
                    idx.forms.append((run[a].start, name))
                    titled.add(run[a].start)
                    role = " ".join(t.text for t in run[:a])
                    idx.roles.append((run[0].start, role, name))
                    i = j
                    continue
            i += 1
        # every other run of capitalised name words ("Romanus Edy Prabowo, Kepala ..."), with
        # its shorter tails ("Perlindungan Anak Yohana Susana Yembise" → "Yohana Susana Yembise")
        seen = titled  # names already read after a title there
        i = 0
        while i < n:
            j = i
            while j < n and _run_word(tokens[j].text, lex) and j - i < 16:
                j += 1
            after_title = i > 0 and (tokens[i - 1].text in lex.titles or tokens[i - 1].text in lex.org_words)
            if j - i >= 2:
                # a long run ("Pertamina Fuel Terminal Maos Ardi Maulana Mubarok") holds an
                # organisation then the name: its tails of up to six words are the name forms
                for a in range(max(i, j - 6), j - 1):
                    if (
                        tokens[a].start in seen
                        or (_field_word(tokens[a].text, lex) and (after_title or a > i))
                        or tokens[a].text in places
                        or _common_start(article, tokens[a], lex)
                    ):
                        continue  # "Simalakama Yose", "Diakui Syafrin": a common word before a name
                    idx.forms.append((tokens[a].start, " ".join(t.text for t in tokens[a:j])))
                    idx.loose.add(idx.forms[-1][1])
            i = max(j, i + 1)
        idx.aliases = _aliases(article.text, tokens, lex)
        idx.forms.sort()
        idx.roles.sort()
        return idx

    def fullest(self, name: str) -> str:
        """The longest name form in the article that contains every word of ``name``.

        A long form read without a title before it must start with the name's first word
        ("Romanus" → "Romanus Edy Prabowo"), so an organisation before a name
        ("Lion Air Group Danang Mandala") is not taken for first names."""
        if name not in self._fullest:
            self._fullest[name] = self._find_fullest(name)
        return self._fullest[name]

    def _find_fullest(self, name: str) -> str:
        best = self._fullest_form(name)
        words = name.split()
        if best == name and len(words) > 1 and words[0] in self.titles:
            # "Mas Achmad" (a title that is also a name word) → "Achmad Santosa" read after it
            rest = self._fullest_form(" ".join(words[1:]))
            if len(rest.split()) >= len(words):
                return rest
        return best

    def _fullest_form(self, name: str) -> str:
        if name in self.aliases:
            target = self.aliases[name]
            if target != name and target not in self.aliases and len(target.split()) == 1:
                return self._fullest_form(target)  # "Castro" → "Herdiansyah" → "Herdiansyah Hamzah"
            return target
        if name in self.known and self.known[name] in self.text:
            return self.known[name]
        words = name.split()
        best = name
        if len(words) == 1 and len(name) >= 4 and not any(name in f.split() for _, f in self.forms if f != name):
            # a nickname that starts a longer name word: "Risma" → "Tri Rismaharini"
            for _, form in self.forms:
                fw = form.split()
                if 2 <= len(fw) <= 4 and form not in self.loose and any(w.startswith(name) and w != name for w in fw):
                    return form
        for form in dict.fromkeys(f for _, f in self.forms):  # distinct forms, in text order
            fw = form.split()
            if len(fw) <= len(best.split()) or len(fw) > 5 or not all(w in fw for w in words):
                continue
            if form in self.loose and fw[0] != words[0] and len(fw) > 3:
                continue
            best = form
        return best

    def holder_of(self, role: str, before: int) -> str | None:
        """The person named with ``role`` ("juru bicara", "Ketua MPR") nearest before ``before``:
        the stated role sharing the most words with it, the latest on ties."""
        want = set(role.lower().split()) - {"sang", "si", "itu", "tersebut", "ini"}
        if not want:
            return None
        best, best_score = None, 0.0
        for off, r0, name in self.roles:
            if off >= before:
                break
            have = set(r0.lower().split())
            shared = len(want & have)
            if not shared:
                continue
            score = shared / len(want) + (0.5 if r0.lower().startswith(role.lower()) else 0.0)
            if score >= best_score:
                best, best_score = name, score
        return best if best_score >= 1.0 else None

    def last_before(self, pos: int) -> str | None:
        best = loose = None
        for off, name in self.forms:
            if off >= pos:
                break
            if name not in self.loose:
                best = name
            elif len(name.split()) in (2, 3):
                loose = name
        return best or loose


def _aliases(text: str, tokens: list[Token], lex: QuoteLexicon) -> dict[str, str]:
    """Short names the article defines: "Joko Widodo (Jokowi)", "Kementerian Perhubungan
    (Kemenhub)", "Basuki Tjahaja Purnama alias Ahok"."""
    out: dict[str, str] = {}
    n = len(tokens)
    for i, t in enumerate(tokens):
        if (
            t.text.lower() == "sapaan"
            and t.text.islower()
            and i >= 2
            and tokens[i - 1].text == ","
            and is_name_token(tokens[i - 2].text, lex)
        ):
            # "kata Castro, sapaan (akrab) Herdiansyah, ...": the nickname before, the name after
            k = i + 1
            while k < n and tokens[k].text.islower() and k - i <= 2:
                k += 1
            run = []
            while k < n and is_name_token(tokens[k].text, lex) and len(run) < 4:
                run.append(tokens[k].text)
                k += 1
            if run and tokens[i - 2].text not in out:
                out[tokens[i - 2].text] = " ".join(run)
            continue
        if t.text == "(" and i + 2 < n and tokens[i + 2].text == ")" and tokens[i + 1].text[:1].isupper():
            short, j = tokens[i + 1].text, i
        elif (
            t.text.lower() in ("alias", "disapa", "dipanggil", "sapaan")
            and i + 1 < n
            and tokens[i + 1].text[:1].isupper()
            and t.text.islower()
        ):
            short, j = tokens[i + 1].text, i
            if t.text.lower() != "alias":
                continue
        else:
            continue
        a = j
        while a > 0 and tokens[a - 1].text[:1].isupper() and j - a < 6:
            a -= 1
        run = tokens[a:j]
        if not run:
            continue
        rng = name_in(run, lex)
        org_run = run[0].text in lex.org_words or short.isupper()
        full = " ".join(x.text for x in run[rng[0] : rng[1]]) if rng and not org_run else " ".join(x.text for x in run)
        if full and full != short and short not in out:
            out[short] = full
    return out


def _run_word(word: str, lex: QuoteLexicon) -> bool:
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


def parse_phrase(article: Article, tokens: list[Token], lex: QuoteLexicon) -> SpeakerRef | None:
    """Read the speaker in an attribution phrase (tokens already cut at adjuncts)."""
    while tokens and (tokens[-1].text.lower() in lex.post_speaker_adverbs or tokens[-1].text in ",;:"):
        tokens = tokens[:-1]
    for k in range(len(tokens) - 1, 0, -1):
        if tokens[k].text in ("-", "—", "–") and (tokens[k].text != "-" or tokens[k - 1].text == "-"):
            tokens = tokens[k + 1 :]  # "Jakarta, CNN Indonesia--Direktorat ...": a dateline before it
            break
    while tokens and (tokens[0].text in ",;:" or tokens[0].text.lower() in lex.connectors):
        tokens = tokens[1:]
    if not tokens:
        return None
    start, end = tokens[0].start, tokens[-1].end
    text = article.text[start:end]
    hit = entity_at(article, start, end, ("PER",), lambda e: person_like(article, e.name, lex))
    words = [t.text for t in tokens]
    low = [w.lower() for w in words]
    if hit is not None:
        ent, m = hit
        tail = [t for t in tokens if t.start >= m.end]
        tail_name = name_in(tail, lex, article_places(article.text)) if tail else None
        if tail_name is not None and tail_name[1] == len(tail) and all(is_cap(t.text) for t in tail):
            # the tagged "person" stops before the name that ends the phrase ("Direktur Kemitraan
            # Komite Kartu Prakerja Panji W Ruky" tagged "Prakerja Panji W"): read the words
            ref = _parse_words(article, tokens, lex, words, low, start, end, text)
            if ref is not None and ref.kind == "name":
                return ref
        # "Kepala Kantor ... Tanjung Priok, Capt. Hermanta": the title the entity already holds
        # ("Capt.") is not part of the stated role
        parts = [p.strip() for p in article.text[start : m.start].split(",")]
        role = ", ".join(p for p in parts if p and p not in ent.titles)
        return SpeakerRef("entity", m.start, m.end, m.text, name=ent.name, role=role, entity=ent)
    ref = _parse_words(article, tokens, lex, words, low, start, end, text)
    if ref is not None and ref.kind in ("name", "pronoun"):
        return ref
    org_hit = entity_at(article, start, end, ("ORG",))
    if org_hit is not None and (ref is None or ref.kind != "role" or not ref.anaphoric):
        ent, m = org_hit
        if ref is None or ref.kind == "org":
            return SpeakerRef("entity", m.start, m.end, m.text, name=ent.name, entity=ent)
    return ref


def _parse_words(
    article: Article,
    tokens: list[Token],
    lex: QuoteLexicon,
    words: list[str],
    low: list[str],
    start: int,
    end: int,
    text: str,
) -> SpeakerRef | None:
    """The speaker read from the words alone (no entities)."""
    if low[0] in lex.pronouns and len(tokens) <= 2:
        return SpeakerRef("pronoun", start, tokens[0].end, words[0])
    k = 0
    while k < len(low) and low[k] in lex.role_prefixes:
        k += 1
    headed = k < len(words) and (
        lex.role_at(words, k) > 0 or words[k] in lex.titles or words[k].rstrip(".") in lex.titles
    )
    if k and low[k - 1] == "pihak" and k < len(words) and words[k][:1].isupper():
        # "pihak Polrestabes Bandung": the organisation itself
        b = k
        while b < len(words) and (is_cap(words[b]) or words[b] in ("-",)):
            b += 1
        return SpeakerRef(
            "org",
            tokens[k].start,
            tokens[b - 1].end,
            article.text[tokens[k].start : tokens[b - 1].end],
            name=" ".join(words[k:b]),
        )
    if (
        k < len(words)
        and words[k] in lex.org_words
        and words[k] not in lex.places
        and not any(w in lex.titles for w in words)
    ):
        org = org_in(tokens[k:], lex)
        if org is not None:
            a, b = org[0] + k, org[1] + k
            return SpeakerRef(
                "org",
                tokens[a].start,
                tokens[b - 1].end,
                article.text[tokens[a].start : tokens[b - 1].end],
                name=" ".join(words[a:b]),
            )
    if low[-1] in lex.demonstratives and len(tokens) >= 2:
        # "juru bicara itu", "Mantan Gubernur Bank Indonesia itu": a role pointing back
        return SpeakerRef("role", start, end, text, role=" ".join(low[k:-1]), anaphoric=True)
    rng = name_in(tokens, lex, article_places(article.text))
    if rng is not None:
        a, b = rng
        before = low[a - 1] if a > 0 else ""
        if before in ("dan", "untuk", "di", "dari", "ke", "yang", "oleh", "dengan", "atas", "bagi", "kepada"):
            rng = None  # "Perdana Menteri untuk Azad Jammu dan Kashmir": a place, not the speaker
        elif b - a == 1 and (
            _common_word(article, words[a])
            or (_sentence_initial(article.text, tokens[a].start) and _count_word(article.text, words[a]) < 2)
        ):
            rng = None  # "Sebelumnya", "Kini": a sentence-initial common word, not a name
        elif all(w.lower() in lex.mined_common and not _stands_alone(article.text, w, lex) for w in words[a:b]):
            rng = None  # "Kepulauan", "Ancaman Ancaman": words the news writes in lower case
    if low[0] in lex.generic_quantifiers and low[0] != "tim" and len(low) > 1 and low[1][:1].islower():
        return SpeakerRef("generic", start, end, text)  # "Sejumlah pejabat Afghanistan", "para periset"
    if rng is not None:
        a, b = _after_places(article, tokens, trim_name(article, tokens, rng))
        name = " ".join(words[a:b])
        role = " ".join(words[:a])
        return SpeakerRef(
            "name",
            tokens[a].start,
            tokens[b - 1].end,
            article.text[tokens[a].start : tokens[b - 1].end],
            name=name,
            role=role,
        )
    if headed:
        # a role without a name: "Presiden", "Ketua MPR", "sang menteri"; a generic one
        # ("Sumber pemerintah AS", "pengamat") names nobody
        if low[k] in lex.generic_speakers and words[k] not in lex.titles:
            return SpeakerRef("generic", start, end, text)
        return SpeakerRef("role", start, end, text, role=" ".join(low[k:]))
    org = org_in(tokens, lex)
    if org is not None:
        a, b = org
        name = " ".join(words[a:b])
        return SpeakerRef(
            "org", tokens[a].start, tokens[b - 1].end, article.text[tokens[a].start : tokens[b - 1].end], name=name
        )
    return None


def _place_ends(article: Article) -> dict[int, int]:
    """Start -> end of every place and organisation mention the entities stage found."""
    return {m.start: m.end for e in article.entities if e.type in ("LOC", "ORG") for m in e.mentions}


def _after_places(
    article: Article, tokens: list[Token], rng: tuple[int, int], ends: dict[int, int] | None = None
) -> tuple[int, int]:
    """Drop a place or organisation the entities stage found at the start of a name run
    ("General Manager IPC Tanjung Priok Suparjo" → "Suparjo") when a word stays after it.
    ``ends``: ``_place_ends(article)``, when the caller reads many runs."""
    a, b = rng
    if ends is None:
        ends = _place_ends(article)
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
        e = ref.entity
        if e.type == "PER" and not set(ref.text.split()) & set(e.name.split()) and ref.text[:1].isupper():
            # the entities stage linked this mention to someone whose name does not contain it
            # ("kata Panca" in an entity named "Agus Fatoni"): trust the words written here
            full = names.fullest(ref.text)
            other = _entity_named(article, full)
            if other is not None:
                e = other
            else:
                return (
                    Speaker(entity=None, name=full, titles=[ref.role] if ref.role else [], mention=mention),
                    None,
                    0.9,
                )
        if e.type == "PER":
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
        titles = _merge_titles(ref.role, e.titles, e.affiliations)
        return (
            Speaker(entity=e.id, name=e.name, titles=titles, affiliations=list(e.affiliations), mention=mention),
            None,
            1.0,
        )
    if ref.kind == "name":
        full = names.fullest(ref.name)
        if _origin_place(article, ref, full):
            # "Pria dari Albuquerque, New Mexico, ..., itu menuturkan": a place is nobody; the
            # phrase points back to the person in focus
            if focus is not None:
                return _copy(focus, mention), None, 0.6
            return None, f"speaker not named ({ref.text})", 0.5
        ent = _entity_named(article, full)
        if ent is not None:
            return (
                _from_entity(ent, mention),
                None,
                1.0,
            )
        titles = [ref.role] if ref.role else []
        if not titles:
            titles = [r for _, r, n in names.roles if n == full and r][:1]
        return Speaker(entity=None, name=full, titles=titles, mention=mention), None, 0.95
    if ref.kind == "generic":
        return None, f"speaker not named ({ref.text})", 0.8
    if ref.kind == "org":
        ent = _entity_named(article, ref.name, types=("ORG",))
        if ent is not None:
            return (
                _from_entity(ent, mention),
                None,
                0.9,
            )
        return Speaker(entity=None, name=ref.name, mention=mention), None, 0.8
    if ref.kind == "role":
        holder = names.holder_of(ref.role, at) if ref.role else None
        if holder is not None:
            ent = _entity_named(article, holder)
            if ent is not None:
                return (
                    _from_entity(ent, mention),
                    None,
                    0.85,
                )
            return Speaker(entity=None, name=names.fullest(holder), titles=[ref.role], mention=mention), None, 0.85
        if focus is not None:
            return _copy(focus, mention), None, 0.6
        return None, f"speaker named only by role ({ref.text}); the article does not name who holds it", 0.5
    # pronoun
    if focus is not None:
        return _copy(focus, mention), None, 0.8
    last = names.last_before(at)
    if last is not None:
        ent = _entity_named(article, last)
        if ent is not None:
            return (
                _from_entity(ent, mention),
                None,
                0.6,
            )
        return Speaker(entity=None, name=names.fullest(last), mention=mention), None, 0.6
    return None, f"pronoun ({ref.text}) with no person named before it", 0.4


def _origin_place(article: Article, ref: SpeakerRef, full: str) -> bool:
    """Is the name read a place the article names, in a person's origin closed by "itu" or
    "tersebut" ("Pria dari Albuquerque, New Mexico, Amerika Serikat (AS), itu")?"""
    if not any(e.type == "LOC" and e.name in (full, ref.name) for e in article.entities):
        return False
    if _entity_named(article, full) is not None:
        return False
    before = re.split(r"[.!?\n]", article.text[max(0, ref.start - 80) : ref.start])[-1]
    after = article.text[ref.end : ref.end + 80]
    return (
        re.search(r"\b(dari|asal)\b", before) is not None
        and re.match(r"[^.!?\n\"“”]*?[\s,)](itu|tersebut)\s", after) is not None
    )


def _role_tail(role: str | None, full: str, name: str, lex: QuoteLexicon) -> bool:
    """Is ``full`` the ``name`` with the last words of the speaker's stated role before it, common
    words written with capitals? ("Perumahan Rakyat Basuki Hadimuljono" after "Menteri Pekerjaan
    Umum dan Perumahan Rakyat"; "Vinsen Kia Beda" is a longer name)"""
    if not role or " " not in name or not full.endswith(" " + name):
        return False
    extra = full[: -len(name)].split()
    return role.split()[-len(extra) :] == extra and all(w.lower() in lex.common_words for w in extra)


def _common_start(article: Article, tok: Token, lex: QuoteLexicon) -> bool:
    """A capitalised common word that cannot start a name run: a sentence-initial connective or
    common word ("Selain Ismunandar", "Diakui Syafrin") that the article never writes capitalised
    inside a sentence ("jelas Cucu" keeps "Cucu Ahmad Kurnia"), or a word the news mostly writes
    in lower case ending a title or an organisation ("Ekonomi Kreatif Wishnutama")."""
    if _sentence_initial(article.text, tok.start):
        # a name is written capitalised inside sentences too ("jelas Cucu"); "Selain" is not
        if tok.text.lower() in lex.subject_adjuncts or tok.text.lower() in lex.connectors:
            return True
        return is_common(article, tok.text, lex) and not _named_inside(article.text, tok.text)
    return tok.text.lower() in lex.mined_common and not _stands_alone(article.text, tok.text, lex)


def person_name(article: Article, name: str, lex: QuoteLexicon | None, common: bool = True) -> str:
    """A tagged person's name without the words glued before it: a place, an organisation head
    or (with ``common``) a capitalised common word ("Aksi Sandi" with a subheading "Aksi" →
    "Sandi")."""
    if lex is None:
        return name
    words = name.split()
    places = article_places(article.text)
    while len(words) > 1:
        w = words[0]
        pos = _first_at(article.text, name)
        glued = w in lex.places or any(ch.isdigit() for ch in w)
        if not common:
            # the article's "places" are read after markers such as "Bupati", so they hold first
            # names too ("Bupati Sri ..."): only strip one when two name words stay
            glued = glued or (w in places and len(words) >= 3)
        elif not glued:
            glued = w in lex.org_words or w in places
        if not common:
            pass
        elif not glued and pos >= 0 and _sentence_initial(article.text, pos):
            glued = is_common(article, w, lex) and not _named_inside(article.text, w)
        elif not glued:
            glued = w.lower() in lex.mined_common
        if not glued:
            break
        words = words[1:]
        name = " ".join(words)
    return name


def _first_at(text: str, name: str) -> int:
    return text.find(name)


def _entity_named(article: Article, name: str, types: tuple[str, ...] = ("PER",)) -> Entity | None:
    for e in article.entities:
        if e.type in types and e.name == name:
            return e
    words = set(name.split())
    for e in article.entities:
        if e.type in types and (e.name == name or (words and words <= set(e.name.split()))):
            return e
    return None


def _merge_titles(stated: str | None, titles: list[str], affiliations: list[str]) -> list[str]:
    """The entity's titles, plus the role as stated when it says more than they do.

    A stated role made only of the entity's titles and affiliations ("Menteri Luar Negeri
    Rusia", "juru bicara Kementerian Pertahanan Rusia Mayjen") repeats what the entity already
    carries, so it is not listed again."""
    if not stated:
        return list(titles)
    rest = stated
    for part in sorted([*titles, *affiliations], key=len, reverse=True):
        rest = rest.replace(part, " ")
    if not rest.strip():
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
