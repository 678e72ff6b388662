"""Pipeline stage ``quantities``: amounts with their value, unit, bound and the counted thing.

"lebih dari 80 ribu warga Suriah" -> value 80000, bound at_least, object "warga Suriah";
"Rp 1,5 juta" -> 1500000 IDR; "10 ribu di antaranya adalah anak-anak" -> object "anak-anak".
The quantity span covers the amount with its currency and unit; the bound words ("lebih dari")
are kept in ``modifier`` and the counted thing has its own offsets.
Numerals inside time expressions (found by the ``times`` stage) are not quantities.
A numeral that cannot be read as an amount (a 400-digit string) is skipped, never a crash.

Our own code: no maintained library parses Indonesian amounts with their modifiers and objects.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta.article import Article, Quantity, Span
from warta.extract.lexicon_re import alternation as _alt
from warta.extract.numwords import lexicon as num_lexicon
from warta.extract.numwords import number_pattern, parse_number

WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:-[A-Za-z\u00C0-\u024F]+)*")


@dataclass(frozen=True)
class Rules:
    amount: re.Pattern[str]
    modifier_before: re.Pattern[str]
    prefix_before: re.Pattern[str]
    after: re.Pattern[str]
    partitive: re.Pattern[str]
    rate: re.Pattern[str]
    range_tail: re.Pattern[str]
    modifiers: dict[str, str]
    post_modifiers: dict[str, str]
    prefixes: dict[str, str]
    suffixes: dict[str, str]
    units: dict[str, str]
    stop: frozenset[str]
    classifiers: frozenset[str]
    verb_prefixes: tuple[str, ...]
    verb_min_len: int
    not_after: frozenset[str]
    not_before: tuple[str, ...]
    casualty: frozenset[str]


@cache
def rules(code: str = "id") -> Rules:
    d = num_lexicon(code).data
    obj = d.get("object", {})
    num = number_pattern(code)
    modifiers = {" ".join(k.lower().split()): v for k, v in d.get("modifiers", {}).items()}
    prefixes = {k.lower(): v for k, v in d.get("currency_prefix", {}).items()}
    suffixes = {k.lower(): v for k, v in d.get("currency_suffix", {}).items()}
    units = {k.lower(): v for k, v in d.get("units_after", {}).items()}
    after_words = list(suffixes) + list(units)
    conns = _alt(obj.get("range_connectors", ["-"]))
    return Rules(
        amount=re.compile(num, re.IGNORECASE),
        modifier_before=re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<mod>{_alt(list(modifiers))})\s*$", re.IGNORECASE),
        prefix_before=re.compile(rf"(?:^|(?<=[\s(\"“]))(?P<cur>{_alt(list(prefixes))})\s?$", re.IGNORECASE),
        after=re.compile(rf"\s*(?P<u>{_alt(after_words)})(?![\w])", re.IGNORECASE),
        partitive=re.compile(rf"\s+(?:{_alt(obj.get('partitive', []))})\s+(?=\w)", re.IGNORECASE),
        rate=re.compile(
            rf"\s*(?:(?P<r>{_alt([w for w in obj.get('rate', []) if w != '/'])})\s+|(?P<r2>/)\s*)"
            rf"(?P<w>[A-Za-z]+(?:\s+(?!(?:{_alt(obj.get('stop', []))})\b)[a-z]+)?)",
            re.IGNORECASE,
        ),
        range_tail=re.compile(rf"\s*(?:{conns})\s*(?:(?P<cur>{_alt(list(prefixes))})\s?)?(?P<n>{num})", re.IGNORECASE),
        modifiers=modifiers,
        post_modifiers={k.lower(): v for k, v in d.get("post_modifiers", {}).items()},
        prefixes=prefixes,
        suffixes=suffixes,
        units=units,
        stop=frozenset(w.lower() for w in obj.get("stop", [])),
        classifiers=frozenset(w.lower() for w in obj.get("classifiers", [])),
        verb_prefixes=tuple(obj.get("verb_prefixes", [])),
        verb_min_len=int(obj.get("verb_min_len", 6)),
        not_after=frozenset(w.lower() for w in obj.get("not_after", [])),
        not_before=tuple(obj.get("not_before", [])),
        casualty=frozenset(w.lower() for w in obj.get("casualty", [])),
    )


def _next_word(text: str, pos: int, end: int) -> re.Match[str] | None:
    m = re.compile(r"[ \t]*").match(text, pos, end)
    p = m.end() if m else pos
    return WORD.match(text, p, end)


def _is_noun_like(word: str, r: Rules) -> bool:
    w = word.lower()
    if w in r.stop or w in r.units or w in r.suffixes:
        return False
    if num_lexicon().units.get(w) is not None or w in num_lexicon().large:
        return False
    # "dibebaskan", "menewaskan": a verb, not the counted thing
    return not (len(w) >= r.verb_min_len and w.startswith(r.verb_prefixes) and w not in r.classifiers)


def _object(text: str, pos: int, end: int, r: Rules) -> tuple[int, int] | None:
    """The counted thing after ``pos``: a noun, one more noun after a classifier, then names."""
    m = _next_word(text, pos, end)
    if m is None or not _is_noun_like(m.group(0), r):
        return None
    first = m.group(0)
    if first[0].isupper() and first.lower() not in r.classifiers:
        return None  # "5 Menteri" mid-sentence is rare; a capital here is usually a name or a new clause
    s, e = m.start(), m.end()
    # one more lower-case noun: "unit kendaraan", "kasus korupsi", "titik konflik"
    n = _next_word(text, e, end)
    if (
        n is not None
        and n.start() - e == 1
        and n.group(0)[0].islower()
        and _is_noun_like(n.group(0), r)
        and n.group(0).lower() not in r.casualty
    ):
        e = n.end()
    for _ in range(4):  # proper names that qualify it: "warga Suriah", "prajurit Garda Revolusi"
        n = _next_word(text, e, end)
        if n is None or not n.group(0)[0].isupper() or n.start() - e > 1:
            break
        e = n.end()
    n = _next_word(text, e, end)  # the state of the counted people: "40 orang cedera"
    if n is not None and n.start() - e == 1 and n.group(0).lower() in r.casualty:
        e = n.end()
    return s, e


def _blocked(text: str, start: int, r: Rules) -> bool:
    before = text[max(0, start - 30) : start]
    if re.search(r"ke-\s*$", before, re.IGNORECASE):
        return True
    if re.search(r"[A-Za-z]-$", before):
        return True  # a code name: "Covid-19", "U-16", "F-16", "ADV-150"
    if re.search(r"\d[-:]$", before):
        return True  # the second number of a score, formation or clock time: "2-1", "4-4-2", "11:41"
    m = re.search(r"([\w.]+)\s*$", before)
    return bool(m and m.group(1).lower() in r.not_after)


def _this_one(text: str, number: str, e: int, end: int) -> bool:
    """ "lagu yang satu ini", "acara satu ini": "this one", no count."""
    nxt = _next_word(text, e, end)
    return number.lower() == "satu" and nxt is not None and nxt.group(0).lower() in ("ini", "itu")


def _identifier(text: str, start: int, s: int, number: str) -> bool:
    """Digits right after a capitalised word inside a sentence ("Liga 1", "Industri 4.0")."""
    if not re.fullmatch(r"\d+(?:\.\d)?", number):
        return False
    prev = re.search(r"(\S+) $", text[max(start, s - 40) : s])
    if prev is None or not prev.group(1).isalpha() or not prev.group(1)[:1].isupper():
        return False
    head = text[: prev.start(1)].rstrip(" \t\"'“”‘’(")
    return bool(head) and head[-1] not in ".!?:\n"


def find(
    text: str, start: int = 0, end: int | None = None, *, skip: list[tuple[int, int]] | None = None, code: str = "id"
) -> list[Quantity]:
    end = len(text) if end is None else end
    r = rules(code)
    skip = skip or []
    out: list[Quantity] = []
    pos = start
    while pos < end:
        m = r.amount.search(text, pos, end)
        if m is None:
            break
        pos = m.end()
        s, e = m.start(), m.end()
        if any(a < e and s < b for a, b in skip) or _blocked(text, s, r):
            continue
        tail = text[e : e + 12].lower()
        if any(tail.lstrip().startswith(nb) for nb in r.not_before):
            continue
        nxt = _next_word(text, e, end)
        value = parse_number(m.group(0), next_word=nxt.group(0) if nxt else "")
        if value is None:
            continue
        plural = m.group(0).lower() in num_lexicon().plural
        bound = "at_least" if plural else "exact"
        unit: str | None = None
        qs = s
        # currency prefix and modifier before the amount
        pm = r.prefix_before.search(text, max(start, s - 6), s)
        if pm:
            unit = r.prefixes[pm.group("cur").lower()]
            qs = pm.start()
        mm = r.modifier_before.search(text, max(start, qs - 30), qs)
        modifier = None
        if mm:  # the bound words stay outside the span (NER-UGM's convention), kept in ``modifier``
            bound = r.modifiers[" ".join(mm.group("mod").lower().split())]
            modifier = mm.group("mod")
        # a range: "10 - 11 ribu", "2,5 sampai 5 persen"
        upper: float | None = None
        rt = r.range_tail.match(text, e, end)
        if rt and not any(a < rt.end() and rt.start() < b for a, b in skip):
            up_next = _next_word(text, rt.end(), end)
            up = parse_number(rt.group("n"), next_word=up_next.group(0) if up_next else "")
            if up is not None:
                low_has_mult = len(m.group(0).split()) > 1 or re.search(r"[a-z]", m.group(0), re.IGNORECASE)
                up_words = rt.group("n").split()
                if not low_has_mult and len(up_words) > 1:  # "10 - 11 ribu": the multiplier is shared
                    mult = parse_number(" ".join(["1", *up_words[1:]])) or 1.0
                    value *= mult
                if up > value:
                    upper = up
                    e = rt.end()
                    pos = e
        # unit or currency after the amount
        am = r.after.match(text, e, end)
        if am:
            u = " ".join(am.group("u").lower().split())
            unit = r.suffixes.get(u) or r.units.get(u) or unit
            e = am.end()
        # "80 ribu lebih", "100 orang lebih"
        post = _next_word(text, e, end)
        if post and post.group(0).lower() in r.post_modifiers and post.group(0).lower() != "an":
            bound = r.post_modifiers[post.group(0).lower()]
            e = post.end()
        obj = _object(text, e, end, r)
        if obj is None:
            pt = r.partitive.match(text, e, end)
            if pt:
                obj = _object(text, pt.end(), end, r)
        # a bare year-like number is a year, not an amount, unless a unit or an object says otherwise
        if unit is None and obj is None and re.fullmatch(r"(1[89]|20)\d\d", m.group(0)):
            continue
        # rates: "Rp 25 ribu per kilogram"
        rate_end = obj[1] if obj else e
        rm = r.rate.match(text, rate_end, end)
        if rm and rm.group("w").lower() not in r.stop:
            unit = f"{unit or 'count'}/{rm.group('w').lower()}"
            if obj is None:
                e = rm.end()
        if (
            not obj
            and unit is None
            and value < 10
            and m.group(0).isdigit()
            and text[e : e + 1] in (".", ")")
            and text[s - 1 : s] in ("", "\n", "(")
        ):
            continue  # list markers: "1.", "(2)"
        bare = not (obj or unit or modifier or upper or qs != s)
        if bare and _identifier(text, start, s, m.group(0)):
            continue  # "Liga 1 bakal ...", "Tol Cipali 2": a name's number, no amount
        if bare and (re.match(r"[-:]\d|['’]", text[e : e + 2]) or _this_one(text, m.group(0), e, end)):
            continue  # a score "2-1", a clock "11:41", a minute "(48')", "yang satu ini"
        q = Quantity(
            start=qs, end=e, text=text[qs:e], value=value, unit=unit, bound=bound, upper=upper, modifier=modifier
        )
        if obj:
            q.object_start, q.object_end = obj
            q.object = text[obj[0] : obj[1]]
        out.append(q)
        pos = max(pos, e)
    return out


def annotate(article: Article) -> None:
    """Stage: fill ``article.quantities`` (after ``times``, whose spans are skipped)."""
    if not article.text:
        return
    skip = [(t.start, t.end) for t in article.times]
    spans = article.sentences or [Span(0, len(article.text))]
    for s in spans:
        found = find(article.text, s.start, s.end, skip=skip)
        found += model_only(article.text, s.start, s.end, found, skip)
        article.quantities.extend(sorted(found, key=lambda q: q.start))


def model_only(
    text: str, start: int, end: int, found: list[Quantity], skip: list[tuple[int, int]], code: str = "id"
) -> list[Quantity]:
    """QUANTITY spans the learned detector (``timequant``) finds where the rules found none.

    The amount inside the span is read by the same numeral grammar; a span without a readable
    amount is dropped (a quantity without a value helps nobody). Words after the amount are
    the counted thing.
    """
    from warta.extract import timequant

    det = timequant.detector()
    if det is None:
        return []
    r = rules(code)
    out = []
    for a, b in det.spans(text, start, end)["QUANTITY"]:
        if any(q.start < b and a < (q.object_end or q.end) for q in found) or any(x < b and a < y for x, y in skip):
            continue
        m = r.amount.search(text, a, b)
        if m is None:
            continue
        nxt = _next_word(text, m.end(), b)
        value = parse_number(m.group(0), next_word=nxt.group(0) if nxt else "")
        if value is None:
            continue
        q = Quantity(start=a, end=m.end(), text=text[a : m.end()], value=value)
        obj = WORD.search(text, m.end(), b)
        if obj is not None:
            q.object_start, q.object_end = obj.start(), b
            q.object = text[obj.start() : b]
        out.append(q)
    return out
