"""Pipeline stage ``entities``: PER/ORG/LOC with titles, affiliations and in-document linking.

1. The trained NER model (``warta.nlp.ner``) tags the body sentence by sentence.
2. Spans are tidied with language-pack data: a title at the start of a PER span is cut off
   (titles are never part of a name, ``titles.txt``); country names, abbreviations and capitals
   the model missed are added as LOC (``countries.toml``).
3. For each person mention, the phrase around it gives titles and affiliations: read backwards
   from the name over titles ("Mayjen"), an organisation or place preceded by a title ("juru
   bicara Kementerian Pertahanan Rusia", "Menteri Luar Negeri AS"), and forwards over an
   apposition (", Menteri Keuangan,").
4. Mentions are linked into entities: a person's shorter forms join the fullest name that
   contains them (nearest such mention first), country aliases join their canonical country
   (AS -> Amerika Serikat), an acronym in brackets after an organisation joins it, and a capital
   used for its government ("Moskow siap ...") is linked to its country.
5. Names in the headline, captions and the removed credit/copyright lines (not in
   ``article.text``) are recognised too and kept as ``original_mentions`` (offsets into
   ``article.original``), on the body entity they match or on an entity of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from functools import cache

from warta import lang
from warta.article import Article, Entity, Mention
from warta.extract.numwords import lexicon as num_lexicon
from warta.extract.person_names import degrees, place_heads, review_persons, sentence_initial
from warta.extract.quote_lexicon import lexicon
from warta.nlp import ner
from warta.nlp.segment import Token, tokenize

# removed blocks whose names are facts about the article (credit/copyright/byline), unlike
# boilerplate such as cookie notices
NAMED_REMOVED_KINDS = frozenset({"copyright", "photo_credit", "byline", "credit", "duplicate_caption"})


# ---- language-pack data ---------------------------------------------------------------------
@dataclass(frozen=True)
class Titles:
    phrases: dict[tuple[str, ...], str]
    longest: int
    firsts: frozenset[str] = frozenset()  # lower-cased first words: a cheap pre-check

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(k[0] for k in self.phrases if k))

    def ending_at(self, toks: Sequence[Token], pos: int, blocked: frozenset[int] = frozenset()) -> int | None:
        """Start index of the longest title phrase ending just before ``pos`` (no blocked token)."""
        for n in range(min(self.longest, pos), 0, -1):
            if any(i in blocked for i in range(pos - n, pos)):
                continue
            if tuple(t.text.lower() for t in toks[pos - n : pos]) in self.phrases:
                return pos - n
        return None

    def starting_at(self, toks: Sequence[Token], pos: int, ceil: int) -> int | None:
        """End index of the longest title phrase starting at ``pos`` (not past ceil)."""
        if pos >= len(toks) or toks[pos].text.lower() not in self.firsts:
            return None
        for n in range(min(self.longest, ceil - pos), 0, -1):
            if tuple(t.text.lower() for t in toks[pos : pos + n]) in self.phrases:
                return pos + n
        return None


@cache
def titles() -> Titles:
    phrases: dict[tuple[str, ...], str] = {}
    for line in lang.get("id").lines("titles"):
        phrase = line.split("#", 1)[0].strip()
        if phrase:
            key = tuple(t.text.lower() for t in tokenize(phrase))
            phrases[key] = phrase
    return Titles(phrases, max((len(k) for k in phrases), default=0))


@dataclass(frozen=True)
class Countries:
    canonical: dict[str, str]  # any name, alias or canonical -> canonical country
    capitals: dict[str, str]  # capital -> canonical country
    place_after: frozenset[tuple[str, ...]]
    longest: int

    def country(self, name: str) -> str | None:
        return self.canonical.get(_norm(name))

    def capital_of(self, name: str) -> str | None:
        return self.capitals.get(_norm(name))


def _norm(name: str) -> str:
    return " ".join(name.split())


@cache
def countries() -> Countries:
    data = lang.get("id").toml("countries")
    canonical: dict[str, str] = {}
    capitals: dict[str, str] = {}
    for name, info in data.get("countries", {}).items():
        canonical[name] = name
        for alias in info.get("aliases", []):
            canonical[_norm(alias)] = name
        for cap in info.get("capitals", []):
            capitals[_norm(cap)] = name
    after = frozenset(tuple(w.lower().split()) for w in data.get("capital_use", {}).get("place_after", []))
    names = [*canonical, *capitals]
    longest = max((len(tokenize(n)) for n in names), default=1)
    return Countries(canonical, capitals, after, longest)


@dataclass(frozen=True)
class Outlets:
    variants: dict[tuple[str, ...], str]  # token texts (as written) -> canonical outlet
    cues: frozenset[tuple[str, ...]]  # lower-cased words that may stand right before an outlet
    longest: int
    firsts: frozenset[str] = frozenset()  # first token of each variant: a cheap pre-check

    def __post_init__(self) -> None:
        object.__setattr__(self, "firsts", frozenset(k[0] for k in self.variants if k))


@cache
def outlets() -> Outlets:
    """News outlets from the sources lexicon (``outlets.toml``), an ORG gazetteer for NER."""
    data = lang.get("id").toml("outlets")
    variants: dict[tuple[str, ...], str] = {}
    for name, forms in data.get("outlets", {}).items():
        for form in [name, *forms]:
            variants[tuple(t.text for t in tokenize(form))] = name
    cue_words = [*data.get("prefixes", {}).get("words", []), *data.get("cues", {}).get("strong", [])]
    cue_words += data.get("copyright", {}).get("lead", [])
    cues = frozenset(tuple(t.text.lower() for t in tokenize(c)) for c in cue_words)
    return Outlets(variants, cues, max((len(k) for k in variants), default=1))


@cache
def places() -> frozenset[str]:
    return frozenset(line.split("#", 1)[0].strip() for line in lang.get("id").lines("places"))


@cache
def common_words() -> frozenset[str]:
    """Lower-case words the news mostly writes in lower case (mined, ``common_words.txt``)."""
    return frozenset(line.split("#", 1)[0].strip() for line in lang.get("id").lines("common_words"))


@cache
def place_cues() -> frozenset[tuple[str, ...]]:
    words = lang.get("id").toml("countries").get("place_cues", {}).get("before", [])
    return frozenset(tuple(w.lower().split()) for w in words)


def _after_any(toks: Sequence[Token], pos: int, phrases: frozenset[tuple[str, ...]]) -> bool:
    """Does one of ``phrases`` (lower-cased word tuples) end right before token ``pos``?"""
    return any(pos - n >= 0 and tuple(t.text.lower() for t in toks[pos - n : pos]) in phrases for n in (3, 2, 1))


# ---- mentions in one sentence -----------------------------------------------------------------
@dataclass
class Found:
    start: int  # token index in the sentence
    end: int
    label: str
    text: str
    s: int  # character offsets
    e: int
    titles: list[str] = field(default_factory=list)
    affiliations: list[str] = field(default_factory=list)
    place_cue: bool = False  # right after "di", "ke", "kota" ...
    joined_to: Found | None = None  # the mention before it in "X dan Y" / "X, Y"


def _tidy(toks: list[Token], spans: list[ner.EntitySpan]) -> list[Found]:
    """Model spans on this sentence's tokens, titles cut off PER spans, countries added."""
    by_start = {t.start: i for i, t in enumerate(toks)}
    by_end = {t.end: i + 1 for i, t in enumerate(toks)}
    tl = titles()
    degs = degrees()
    breaks = lexicon("id").name_breaks
    out: list[Found] = []
    for sp in spans:
        a, b = by_start.get(sp.start), by_end.get(sp.end)
        if a is None or b is None:
            continue
        label = sp.label
        while a < b and toks[b - 1].text in ("(", "[", "“", '"'):
            b -= 1  # "Dewan Pertimbangan Presiden (": an opening bracket belongs to what follows
        # "Mayjen Igor Konashenkov" -> "Igor Konashenkov" (the title stays outside); the same for
        # an organisation the model read with the title before it ("General Manager IPC")
        if label in ("PER", "ORG"):
            while a < b:
                end = tl.starting_at(toks, a, b)
                if end is None or end >= b:
                    break
                a = end
        # "Sigit Riyanto, S.H., LL.M.", "Dr Suwondo MS": the degrees after a name are not part of it
        while label == "PER" and b > a and (toks[b - 1].text in degs or toks[b - 1].text == ","):
            b -= 1
        # "Kementerian Pertahanan Rusia Mayjen" before "Igor Konashenkov": the rank is the person's
        while label == "ORG" and b < len(toks) and toks[b].text[:1].isupper():
            t_start = tl.ending_at(toks, b)
            if t_start is None or t_start <= a:
                break
            b = t_start
        if a >= b or tl.starting_at(toks, a, b) == b or not any(c.isalnum() for t in toks[a:b] for c in t.text):
            continue  # a bare title, degree or punctuation is no name
        # "Barito Putera Vs Bhayangkara FC": two names, one on each side
        cuts = [k for k in range(a, b) if toks[k].text.lower() in breaks]
        for s, e in zip([a, *(k + 1 for k in cuts)], [*cuts, b], strict=True):
            if s < e:
                out.append(Found(s, e, label, "", 0, 0))
    ol = outlets()
    for f in out:  # a listed outlet is an organisation ("RIA Novosti" is no person)
        if tuple(t.text for t in toks[f.start : f.end]) in ol.variants:
            f.label = "ORG"
    taken = {i for f in out for i in range(f.start, f.end)}
    i = 0
    while i < len(toks):  # outlets the model missed: after a cue ("dikutip RT") or multi-word
        if toks[i].text not in ol.firsts:
            i += 1
            continue
        hit = None
        for n in range(min(ol.longest, len(toks) - i), 0, -1):
            key = tuple(t.text for t in toks[i : i + n])
            free = not any(j in taken for j in range(i, i + n))
            if key in ol.variants and free and (n > 1 or _after_any(toks, i, ol.cues)):
                hit = n
                break
        if hit:
            out.append(Found(i, i + hit, "ORG", "", 0, 0))
            taken.update(range(i, i + hit))
            i += hit
        else:
            i += 1
    pl = places()
    for f in out:  # one word the model took for a person, known from the raw news as a place
        if (
            f.label == "PER"
            and f.end - f.start == 1
            and toks[f.start].text in pl
            and tl.ending_at(toks, f.start) is None
        ):
            f.label = "LOC"
    cs = countries()
    for f in out:  # a model PER/ORG that is exactly a country name is the country
        text = _text(toks, f.start, f.end)
        if f.label != "LOC" and cs.country(text) and f.end - f.start > 0:
            f.label = "LOC"
    i = 0
    while i < len(toks):  # country names and capitals the model missed
        if not toks[i].text[:1].isupper() or _inside_name(toks, i, tl):
            i += 1
            continue
        hit = None
        for n in range(min(cs.longest, len(toks) - i), 0, -1):
            if any(j in taken for j in range(i, i + n)):
                continue
            text = _text(toks, i, i + n)
            if (cs.country(text) or cs.capital_of(text)) and toks[i].text[:1].isupper():
                hit = n
                break
        if hit:
            out.append(Found(i, i + hit, "LOC", "", 0, 0))
            i += hit
        else:
            i += 1
    out.extend(_titled_names(toks, out))
    out.sort(key=lambda f: f.start)
    merged: list[Found] = []
    for f in out:  # "Kementerian Pertahanan" + "Rusia": a place inside an organisation's name stays in it
        prev = merged[-1] if merged else None
        if (
            prev
            and prev.label == "ORG"
            and f.label == "LOC"
            and prev.end == f.start
            and cs.country(_text(toks, f.start, f.end))
        ):
            prev.end = f.end
            continue
        merged.append(f)
    out = merged
    cues = place_cues()
    ends = {f.end: f for f in out}
    for f in out:
        f.s, f.e = toks[f.start].start, toks[f.end - 1].end
        f.text = _text(toks, f.start, f.end)
        f.place_cue = _after_any(toks, f.start, cues)
        if f.start >= 2 and toks[f.start - 1].text in ("dan", ",", "serta", "atau") and f.start - 1 in ends:
            f.joined_to = ends[f.start - 1]
    return out


def _inside_name(toks: Sequence[Token], i: int, tl: Titles) -> bool:
    """Does token ``i`` continue a capitalised name ("Liga Indonesia", "BMG Indonesia")? The word
    before it is capitalised, not the sentence's first word and not the end of a title."""
    if i < 2:
        return False
    prev = toks[i - 1].text
    return prev[:1].isupper() and prev.replace("-", "").isalnum() and tl.ending_at(toks, i) is None


@cache
def _not_names() -> frozenset[str]:
    """Capitalised words that follow a title but are no name: weekdays, months (time lexicon)."""
    t = lang.get("id").toml("time")
    words = {*t.get("months", {}), *t.get("weekdays", {})}
    return frozenset(w.lower() for w in words)


@cache
def _name_stops() -> frozenset[str]:
    """Lower-cased words that end a name read after a title: time words and common words."""
    return _not_names() | common_words()


MAX_NAME_TOKENS = 4


def _titled_names(toks: list[Token], found: list[Found]) -> list[Found]:
    """Names the model missed right after a title ("Menteri Luar Negeri Rusia Sergey Lavrov,").

    A run of 1-4 capitalised words that follows a title (and optionally an organisation or place
    the title belongs to), then ends the phrase (lowercase word, punctuation or sentence end).
    """
    tl = titles()
    taken = {i for f in found for i in range(f.start, f.end)}
    aff_starts = {f.start: f.end for f in found if f.label in ("ORG", "LOC")}
    skip = _name_stops()
    out: list[Found] = []
    i = 0
    while i < len(toks):
        tend = tl.starting_at(toks, i, len(toks))
        if tend is None or any(j in taken for j in range(i, tend)):
            i += 1
            continue
        p = tend
        while p in aff_starts:  # the title's affiliation
            p = aff_starts[p]
        q = p
        while q < len(toks) and q not in taken and _is_name_word(toks[q].text) and toks[q].text.lower() not in skip:
            if tl.starting_at(toks, q, q + 1) is not None:
                break
            q += 1
        closed = q == len(toks) or not toks[q].text[:1].isupper()
        # "Direktur Jenderal Bea dan Cukai Kemenkeu Heru Pambudi": a run that goes on with "dan"
        # and a capitalised word is an organisation's name, not a person's
        joined = q + 1 < len(toks) and toks[q].text.lower() in ("dan", "&") and toks[q + 1].text[:1].isupper()
        if p < q <= p + MAX_NAME_TOKENS and closed and not joined:
            out.append(Found(p, q, "PER", "", 0, 0))
            taken.update(range(p, q))
            i = q
            continue
        i = tend
    return out


def _is_name_word(w: str) -> bool:
    return (
        w[:1].isupper()
        and w[1:2].islower()
        and w.replace("-", "").isalpha()
        or (w.endswith(".") and len(w) == 2 and w[0].isupper())
    )


def _text(toks: Sequence[Token], a: int, b: int) -> str:
    parts: list[str] = []
    for i in range(a, b):
        if i > a and toks[i].start > toks[i - 1].end:
            parts.append(" ")
        parts.append(toks[i].text)
    return "".join(parts)


def _affiliation_run(ends: dict[int, Found], pos: int) -> tuple[int, list[Found]] | None:
    """ORG/LOC mentions adjacent to each other ending at token ``pos`` (read backwards)."""
    run: list[Found] = []
    while pos in ends and ends[pos].label in ("ORG", "LOC"):
        f = ends[pos]
        run.insert(0, f)
        pos = f.start
    return (pos, run) if run else None


def _roles(toks: list[Token], found: list[Found]) -> None:
    """Titles and affiliations of each PER mention from the words around it."""
    tl = titles()
    ends = {f.end: f for f in found}
    starts = {f.start: f for f in found}
    blocked = frozenset(i for f in found for i in range(f.start, f.end))
    for k, f in enumerate(found):
        if f.label != "PER":
            continue
        pos = f.start
        got: list[str] = []
        affs: list[str] = []
        while pos > 0:
            aff = _affiliation_run(ends, pos)
            if aff is not None:
                astart, run = aff
                tstart = tl.ending_at(toks, astart, blocked)
                if tstart is None:
                    break
                role = _text(toks, tstart, astart)
                name = _text(toks, run[0].start, run[-1].end)
                has_org = any(r.label == "ORG" for r in run)
                got.insert(0, f"{role} {name}" if has_org else role)
                affs.insert(0, name)
                pos = tstart
                continue
            tstart = tl.ending_at(toks, pos, blocked)
            if tstart is None:
                break
            got.insert(0, _text(toks, tstart, pos))
            pos = tstart
        # apposition: "Sri Mulyani, Menteri Keuangan, ..."
        nxt = f.end
        if nxt < len(toks) and toks[nxt].text == "," and nxt + 1 < len(toks):
            ceil = found[k + 1].start if k + 1 < len(found) else len(toks)
            tend = tl.starting_at(toks, nxt + 1, ceil)
            if tend is not None:
                role = _text(toks, nxt + 1, tend)
                run = []
                p = tend
                while p in starts and starts[p].label in ("ORG", "LOC"):
                    run.append(starts[p])
                    p = starts[p].end
                if run:
                    name = _text(toks, run[0].start, run[-1].end)
                    affs.append(name)
                    if any(r.label == "ORG" for r in run):
                        role = f"{role} {name}"
                got.append(role)
        f.titles, f.affiliations = got, affs


# ---- linking -------------------------------------------------------------------------------
def _words(text: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in text.split())


def _contains(long: tuple[str, ...], short: tuple[str, ...]) -> bool:
    n = len(short)
    return n < len(long) and any(long[i : i + n] == short for i in range(len(long) - n + 1))


@dataclass
class _Group:
    label: str
    key: str
    found: list[Found] = field(default_factory=list)
    names: list[str] = field(default_factory=list)
    links: dict[str, str] = field(default_factory=dict)


@cache
def _not_aliases() -> frozenset[str]:
    words = lang.get("id").toml("names").get("aliases", {}).get("not_aliases", [])
    return frozenset(w.lower() for w in words)


ALIAS_MAX_WORDS = 4


def _split_aliases(text: str, found: list[Found]) -> tuple[list[Found], dict[str, Found]]:
    """A mention that ends with a name in brackets ("Komisi Pemberantasan Korupsi (KPK)",
    "Susilo Bambang Yudhoyono (SBY)") becomes two mentions of one entity: the name, and the
    alias. Returns the mentions and ``{alias (lower case): the name's mention}``, so that the
    alias, there and anywhere else in the article, joins the name's entity."""
    out: list[Found] = []
    alias_of: dict[str, Found] = {}
    starts = {f.s for f in found}
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
            or inner.lower() in _not_aliases()
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


def _link(article: Article, found: list[Found], gov: dict[int, bool]) -> list[Entity]:
    cs = countries()
    groups: dict[tuple[str, str], _Group] = {}
    found, alias_of = _split_aliases(article.text, found)
    # an alias ("KPK", "SBY") joins the entity of the name it was given for, whatever its label
    aliases = [f for f in found if f.text.lower() in alias_of and alias_of[f.text.lower()] is not f]
    taken = {id(f) for f in aliases}
    found = [f for f in found if id(f) not in taken]

    def group(label: str, key: str) -> _Group:
        return groups.setdefault((label, key), _Group(label, key))

    # one-word "persons" used as places somewhere in the article ("di Aleppo") are places, and so
    # is a one-word "person" joined to a place ("Mosul dan Raqqa")
    def lone(f: Found) -> bool:
        return f.label == "PER" and len(_words(f.text)) == 1 and not f.titles

    placed = {f.text for f in found if f.place_cue and (f.label == "LOC" or lone(f))}
    for f in found:
        if lone(f) and (f.text in placed or (f.joined_to is not None and f.joined_to.label == "LOC")):
            f.label = "LOC"
    # person names: the fullest forms first; a single-word ORG/LOC equal to a surname is that person
    per_full = [f for f in found if f.label == "PER"]
    surnames = {_words(f.text)[-1] for f in per_full if len(_words(f.text)) > 1}
    for f in found:
        one = len(_words(f.text)) == 1 and _words(f.text)[0] in surnames
        if f.label != "PER" and one and not (cs.country(f.text) or cs.capital_of(f.text)):
            f.label = "PER"
    pers = [f for f in found if f.label == "PER"]
    forms = {_words(f.text) for f in pers}
    full = {w for w in forms if not any(_contains(o, w) for o in forms)}
    for f in pers:
        w = _words(f.text)
        if w in full:
            group("PER", " ".join(w)).found.append(f)
    for i, f in enumerate(pers):
        w = _words(f.text)
        if w in full:
            continue
        cands = [fw for fw in full if _contains(fw, w)]
        best = None
        for j in [*range(i - 1, -1, -1), *range(i + 1, len(pers))]:  # nearest before, then after
            if _words(pers[j].text) in cands:
                best = _words(pers[j].text)
                break
        group("PER", " ".join(best or cands[0])).found.append(f)

    # organisations ("Komisi Pemberantasan Korupsi (KPK)" and KPK: see _split_aliases)
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
                if gov.get(f.s):
                    g.links["country"] = cap

    for f in aliases:
        name = alias_of[f.text.lower()]
        home = next((g for g in groups.values() if any(x is name for x in g.found)), None)
        (home or group(f.label, f.text.lower())).found.append(f)

    entities: list[Entity] = []
    for g in sorted(groups.values(), key=lambda g: min(f.s for f in g.found)):
        texts = [f.text for f in g.found]
        if g.label == "LOC" and "country" in g.links and cs.country(texts[0]):
            name = g.links["country"]
        else:
            name = max(texts, key=lambda t: (len(t.split()), texts.count(t), t[:1].isupper()))
        e = Entity(id="", name=name, type=g.label)
        for f in sorted(g.found, key=lambda f: f.s):
            e.mentions.append(Mention(f.s, f.e, f.text))
            for t in f.titles:
                if t.lower() not in {x.lower() for x in e.titles}:
                    e.titles.append(t)
            for a in f.affiliations:
                if a not in e.affiliations:
                    e.affiliations.append(a)
        e.links = dict(g.links)
        if g.label == "PER":
            for a in e.affiliations:  # the country a person works for: "AS", "Kementerian ... Rusia"
                c = cs.country(a) or next((cs.country(w) for w in a.split() if cs.country(w)), None)
                if c:
                    e.links.setdefault("country", c)
                    break
        entities.append(e)
    return entities


def _government_use(toks: list[Token], f: Found) -> bool:
    """Is a capital used for its government ("Moskow siap ...") rather than as a place ("di Roma")?"""
    cs = countries()
    if not cs.capital_of(f.text):
        return False
    for n in (2, 1):
        if f.start - n >= 0 and tuple(t.text.lower() for t in toks[f.start - n : f.start]) in cs.place_after:
            return False
    return True


# ---- stage -----------------------------------------------------------------------------------
def _sentences(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(s.start, s.end) for s in article.sentences]
    if article.paragraphs:
        return [(p.start, p.end) for p in article.paragraphs]
    return [(0, len(article.text))] if article.text.strip() else []


def _chunk_tokens(text: str, spans: list[tuple[int, int]]) -> list[list[Token]]:
    """Tokens of each sentence, a very long one (no punctuation for pages) cut every
    ``ner.MAX_TOKENS`` tokens."""
    out: list[list[Token]] = []
    for s, e in spans:
        toks = ner.tokens(text, s, e)
        for i in range(0, len(toks), ner.MAX_TOKENS):
            out.append(toks[i : i + ner.MAX_TOKENS])
    return out


def _recognise(text: str, spans: list[tuple[int, int]]) -> tuple[list[Found], dict[int, bool]]:
    found_all: list[Found] = []
    gov: dict[int, bool] = {}
    chunks = _chunk_tokens(text, spans)
    ents = ner.recognise_tokens(text, chunks)
    sents: list[tuple[list[Token], list[Found]]] = []
    k = 0
    for toks in chunks:
        s, e = toks[0].start, toks[-1].end
        mine: list[ner.EntitySpan] = []
        while k < len(ents) and ents[k].start < e:
            if ents[k].start >= s:
                mine.append(ents[k])
            k += 1
        sents.append((toks, _tidy(toks, mine)))
    _repeated_names(sents)
    _glued_persons(sents)
    for toks, found in sents:
        _roles(toks, found)
        for f in found:
            if f.label == "LOC":
                gov[f.s] = _government_use(toks, f)
        found_all.extend(found)
    return found_all, gov


@cache
def _all_places() -> frozenset[str]:
    """The places mined from the news and the language pack's."""
    return places() | lexicon("id").places


def _glued_persons(sents: list[tuple[list[Token], list[Found]]]) -> None:
    """A place or organisation read with a person's name glued on ("Sekretaris Daerah DKI Jakarta
    Saefullah" -> LOC "DKI Jakarta Saefullah"): when the article names that person on their own and
    the rest is a place or organisation it names too (or every word of it is), the name is cut off
    as a person of its own, so the title and affiliation before it attach to it."""
    persons = {f.text for _, found in sents for f in found if f.label == "PER"}
    named = {(f.label, f.text) for _, found in sents for f in found}
    pl = _all_places()
    # places the article names, with or without their head word ("Kecamatan Putri Hijau",
    # "Putri Hijau"; "Bani", "Kota Bani")
    heads = place_heads()
    known: set[str] = set()
    for label, text in named:
        words = text.split()
        if label == "LOC":
            known.add(text)
            if len(words) > 1 and words[0] in heads:
                known.add(" ".join(words[1:]))
            known.update(f"{h} {text}" for h in heads)
    for toks, found in sents:
        for f in list(found):
            if f.label not in ("LOC", "ORG") or f.end - f.start < 2:
                continue
            for k in range(f.start + 1, f.end):
                tail, head = _text(toks, k, f.end), _text(toks, f.start, k)
                if tail not in persons:
                    continue
                if (f.label, head) in named or all(w in pl or (f.label, w) in named for w in head.split()):
                    found.append(Found(k, f.end, "PER", tail, toks[k].start, toks[f.end - 1].end))
                    f.end, f.text, f.e = k, head, toks[k - 1].end
                break
        for f in list(found):
            # "Camat Putri Hijau Sutrisno" read as the title "Putri" and a person "Hijau
            # Sutrisno": a place the article names ("Kecamatan Putri Hijau") ends inside it
            if f.label != "PER" or f.end - f.start < 2:
                continue
            for j in range(max(0, f.start - 2), f.start):
                cut = next((m for m in range(f.start + 1, f.end) if m - j >= 2 and _text(toks, j, m) in known), None)
                if cut is not None and not any(g.start < cut and j < g.end for g in found if g is not f):
                    found.append(Found(j, cut, "LOC", _text(toks, j, cut), toks[j].start, toks[cut - 1].end))
                    f.start, f.text, f.s = cut, _text(toks, cut, f.end), toks[cut].start
                    break
        found.sort(key=lambda f: f.start)


def _repeated_names(sents: list[tuple[list[Token], list[Found]]]) -> None:
    """A person's surname the model missed elsewhere in the article ("Menurut Konashenkov")."""
    cs = countries()
    names = {f.text.split()[-1] for _, found in sents for f in found if f.label == "PER"}
    names = {n for n in names if n[:1].isupper() and not (cs.country(n) or cs.capital_of(n) or n in places())}
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


def _outside_body(article: Article, entities: list[Entity]) -> None:
    """Names in the headline, captions and removed credit/copyright lines (original offsets)."""
    # (text, offset in original, may add new entities). Headlines are title-cased, which the
    # model misreads, so their names only join entities found in the body.
    fields: list[tuple[str, int, bool]] = []
    if article.title:
        fields.append((article.title.text, article.title.original_start, False))
    fields.extend((c.text, c.original_start, False) for c in article.captions)
    fields.extend(
        (r.text, r.original_start, r.kind != "duplicate_caption")
        for r in article.removed
        if r.kind in NAMED_REMOVED_KINDS
    )
    if not fields:
        return
    cs = countries()
    index: dict[tuple[str, str], Entity] = {}
    for e in entities:
        for m in e.mentions:
            index[(e.type, m.text.lower())] = e
        index[(e.type, e.name.lower())] = e
    for text, offset, may_add in fields:
        found, _ = _recognise(text, [(0, len(text))])
        for f in found:
            key = f.text.lower()
            if f.label == "LOC" and cs.country(f.text):
                key = cs.country(f.text).lower()  # type: ignore[union-attr]
            ent = index.get((f.label, key))
            if ent is None and f.label == "PER":
                w = _words(f.text)
                ent = next(
                    (e for e in entities if e.type == "PER" and (_contains(_words(e.name), w) or _words(e.name) == w)),
                    None,
                )
            if ent is None and not may_add:
                continue
            if ent is None:
                ent = Entity(id="", name=cs.country(f.text) or f.text if f.label == "LOC" else f.text, type=f.label)
                if f.label == "LOC" and cs.country(f.text):
                    ent.links["country"] = cs.country(f.text)  # type: ignore[assignment]
                entities.append(ent)
                index[(f.label, key)] = ent
            ent.original_mentions.append(Mention(offset + f.s, offset + f.e, f.text))
            for t in f.titles:
                if t.lower() not in {x.lower() for x in ent.titles}:
                    ent.titles.append(t)
            for a in f.affiliations:
                if a not in ent.affiliations:
                    ent.affiliations.append(a)


@cache
def _number_words(code: str) -> frozenset[str]:
    nl = num_lexicon(code)
    return frozenset({*nl.units, *nl.small, *nl.large, *nl.plural})


@cache
def _all_common(code: str) -> frozenset[str]:
    return lexicon(code).common_words | common_words()


def _number_word(text: str, e: Entity, code: str) -> bool:
    """ "Lima pertandingan terakhir, ...": a number word opening a sentence, taken by the tagger for a
    name (Lima, Peru). True when every mention opens a sentence before a lower-case word."""
    if " " in e.name or e.name.lower() not in _number_words(code) or not e.mentions:
        return False
    return all(
        sentence_initial(text, m.start) and text[m.end : m.end + 2][:1] == " " and text[m.end + 1 : m.end + 2].islower()
        for m in e.mentions
    )


def _common_lower(name: str, code: str) -> bool:
    """ "jalan raya", "kampung halaman" tagged as places: a name written all in lower case whose
    every word is a common word. (A real name in text that lost its capitals stays: "jakarta".)"""
    words = name.replace("-", " ").split()
    if len(words) < 2 or any(c.isupper() or c.isdigit() for c in name):
        return False  # one word may be a name too ("medan", "Medan")
    return all(w in _all_common(code) for w in words)


def run(article: Article) -> None:
    """Pipeline stage: fill ``article.entities``."""
    if article.language and article.language.code not in ("id", "ms"):
        article.warnings.append(f"entities: the NER model is Indonesian; text language is {article.language.code}")
    found, gov = _recognise(article.text, _sentences(article))
    code = article.language.code if article.language and article.language.code in lang.SUPPORTED else "id"
    entities = review_persons(article, _link(article, found, gov), lexicon(code), code)
    entities = [e for e in entities if not _number_word(article.text, e, code) and not _common_lower(e.name, code)]
    _outside_body(article, entities)
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
    article.entities = entities
