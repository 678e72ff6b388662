"""Quantities: amounts with their value, unit, bound and the counted thing.

"lebih dari 80 ribu warga Suriah" -> value 80000, bound at_least, object "warga Suriah";
"Rp 1,5 juta" -> 1500000 IDR; "10 ribu di antaranya adalah anak-anak" -> object "anak-anak".
The quantity span covers the amount with its currency and unit; the bound words ("lebih dari")
are kept in ``modifier`` and the counted thing has its own offsets.
Numerals inside time expressions (the ``skip`` spans) are not quantities.
A numeral that cannot be read as an amount (a 400-digit string) is skipped, never a crash.

Our own code: no maintained library parses Indonesian amounts with their modifiers and objects.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass, replace
from functools import cache

from warta.article import Quantity
from warta.extract.lexicon_re import alternation as _alt
from warta.extract.time.context import SentenceReading
from warta.extract.time.lexicon import PackLike, pack_of
from warta.extract.time.numwords import lexicon as num_lexicon
from warta.extract.time.numwords import number_pattern, parse_number
from warta.lang import LanguagePack

WORD = re.compile(r"[A-Za-z\u00C0-\u024F]+(?:-[A-Za-z\u00C0-\u024F]+)*")
Spans = list[tuple[int, int]]


@dataclass(frozen=True)
class Rules:
    amount: re.Pattern[str]
    modifier_before: re.Pattern[str]
    prefix_before: re.Pattern[str]
    after: re.Pattern[str]
    partitive: re.Pattern[str]
    rate: re.Pattern[str]
    range_tail: re.Pattern[str]
    ordinal_before: re.Pattern[str]  # "ke-80": an ordinal, not an amount
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
    number_units: dict[str, float]  # number words ("dua") and multipliers are never the counted thing
    large: dict[str, float]
    plural: dict[str, float]  # "ribuan": at least
    this_one: tuple[str, frozenset[str]]  # "yang satu ini": "this one", no count


def rules(pack: PackLike = None) -> Rules:
    """The quantity rules of ``pack`` (the default pack when None)."""
    return _rules(pack_of(pack))


@cache
def _rules(pack: LanguagePack) -> Rules:
    nl = num_lexicon(pack)
    d = nl.data
    obj = d.get("object", {})
    num = number_pattern(pack)
    modifiers = {" ".join(k.lower().split()): v for k, v in d.get("modifiers", {}).items()}
    prefixes = {k.lower(): v for k, v in d.get("currency_prefix", {}).items()}
    suffixes = {k.lower(): v for k, v in d.get("currency_suffix", {}).items()}
    units = {k.lower(): v for k, v in d.get("units_after", {}).items()}
    after_words = list(suffixes) + list(units)
    conns = _alt(obj.get("range_connectors", ["-"]))
    this_one = d.get("this_one", {})
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
        ordinal_before=re.compile(rf"{re.escape(nl.prefix_ordinal)}-\s*$", re.IGNORECASE),
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
        number_units=nl.units,
        large=nl.large,
        plural=nl.plural,
        this_one=(str(this_one.get("number", "")), frozenset(str(w) for w in this_one.get("after", []))),
    )


def find(
    text: str, start: int = 0, end: int | None = None, *, skip: Spans | None = None, pack: PackLike = None
) -> list[Quantity]:
    """The quantities in ``text[start:end]``, outside the ``skip`` spans (time expressions)."""
    return _Reading(text, start, end, skip, pack, check=False).run()


def find_in_sentence(
    text: str, start: int, end: int, *, skip: Spans | None = None, pack: PackLike = None
) -> tuple[list[Quantity], bool]:
    """``find(text, start, end, skip=skip)`` and whether the sentence read alone gives the same
    quantities (then ``find(text[start:end], skip=<skip shifted>)`` is the result shifted by
    ``start``); see ``warta.extract.time.context``."""
    reading = _Reading(text, start, end, skip, pack, check=True)
    found = reading.run()
    return found, reading.alone


# Sentences read by ``find_shared``: the times stage reads a sentence's quantities for the learned
# detector, the quantities stage takes them (with the same time spans) instead of reading again.
SHARED_SENTENCES = 256
_shared: OrderedDict[tuple[object, ...], tuple[list[Quantity], bool]] = OrderedDict()
_shared_lock = threading.Lock()


def find_shared(
    text: str, start: int, end: int, *, skip: Spans | None = None, pack: PackLike = None, take: bool = False
) -> tuple[list[Quantity], bool]:
    """``find_in_sentence``, shared between callers asking for the same sentence of the same text
    with the same time spans in it (the result is a function of those: ``skip`` spans that do not
    overlap the sentence never count). The reading is kept for the next caller, who ``take``s it
    (removes it) or, when it is not there, reads the sentence without asking whether it reads the
    same alone (the flag is then False). Callers get their own copies of the quantities."""
    p = pack_of(pack)
    inside = frozenset((a, b) for a, b in skip or [] if a < end and start < b)
    key = (text, start, end, inside, p)
    with _shared_lock:
        done = _shared.pop(key, None) if take else _shared.get(key)
    if done is None and take:
        return find(text, start, end, skip=sorted(inside), pack=p), False
    if done is None:
        done = find_in_sentence(text, start, end, skip=sorted(inside), pack=p)
        with _shared_lock:
            _shared[key] = done
            if len(_shared) > SHARED_SENTENCES:
                _shared.popitem(last=False)
    return [replace(q) for q in done[0]], done[1]


def shifted(q: Quantity, by: int) -> Quantity:
    """A copy of ``q`` with its offsets moved by ``by``."""
    os_, oe = q.object_start, q.object_end
    return replace(
        q,
        start=q.start + by,
        end=q.end + by,
        object_start=None if os_ is None else os_ + by,
        object_end=None if oe is None else oe + by,
    )


@dataclass
class _Draft:
    """One amount being read: the span grows over its currency, unit, bound word and object."""

    s: int  # where the numeral starts
    e: int
    qs: int  # where the quantity starts (a currency before the numeral)
    number: str
    value: float
    bound: str
    unit: str | None = None
    modifier: str | None = None
    upper: float | None = None
    obj: tuple[int, int] | None = None


class _Reading(SentenceReading):
    def __init__(
        self, text: str, start: int, end: int | None, skip: Spans | None, pack: PackLike, *, check: bool
    ) -> None:
        super().__init__(text, start, end, check=check)
        self.pack = pack_of(pack)
        self.r = _rules(self.pack)
        self.skip = skip or []

    def skipped(self, s: int, e: int) -> bool:
        return any(a < e and s < b for a, b in self.skip)

    def run(self) -> list[Quantity]:
        text, end, r = self.text, self.end, self.r
        out: list[Quantity] = []
        pos = self.start
        while pos < end:
            m = r.amount.search(text, pos, end)
            if m is None:
                break
            pos = m.end()
            draft = self.amount(m)
            if draft is None:
                continue
            if draft.upper is not None:
                pos = draft.e
            q = self.extend(draft)
            if q is None:
                continue
            out.append(q)
            pos = max(pos, q.end)
        return out

    def amount(self, m: re.Match[str]) -> _Draft | None:
        """The numeral with its value, the currency and the bound words before it, a range after it."""
        text, start, end, r = self.text, self.start, self.end, self.r
        s, e = m.start(), m.end()
        if self.skipped(s, e) or self.ask(_blocked, (s,), r):
            return None
        if self.ask(_not_before, (e,), r):
            return None
        nxt = next_word(text, e, end)
        value = parse_number(m.group(0), next_word=nxt.group(0) if nxt else "", pack=self.pack)
        if value is None:
            return None
        draft = _Draft(s, e, s, m.group(0), value, "at_least" if m.group(0).lower() in r.plural else "exact")
        # currency prefix and modifier before the amount
        pm = r.prefix_before.search(text, max(start, s - 6), s)
        if pm:
            draft.unit = r.prefixes[pm.group("cur").lower()]
            draft.qs = pm.start()
        mm = r.modifier_before.search(text, max(start, draft.qs - 30), draft.qs)
        if mm:  # the bound words stay outside the span (NER-UGM's convention), kept in ``modifier``
            draft.bound = r.modifiers[" ".join(mm.group("mod").lower().split())]
            draft.modifier = mm.group("mod")
        self.range_tail(draft)
        return draft

    def range_tail(self, draft: _Draft) -> None:
        """A range: "10 - 11 ribu", "2,5 sampai 5 persen"."""
        text, end = self.text, self.end
        rt = self.r.range_tail.match(text, draft.e, end)
        if not rt or self.skipped(rt.start(), rt.end()):
            return
        up_next = next_word(text, rt.end(), end)
        up = parse_number(rt.group("n"), next_word=up_next.group(0) if up_next else "", pack=self.pack)
        if up is None:
            return
        low_has_mult = len(draft.number.split()) > 1 or re.search(r"[a-z]", draft.number, re.IGNORECASE)
        up_words = rt.group("n").split()
        if not low_has_mult and len(up_words) > 1:  # "10 - 11 ribu": the multiplier is shared
            mult = parse_number(" ".join(["1", *up_words[1:]]), pack=self.pack) or 1.0
            draft.value *= mult
        if up > draft.value:
            draft.upper = up
            draft.e = rt.end()

    def extend(self, draft: _Draft) -> Quantity | None:
        """The unit, a bound word and the counted thing after the amount; None for what is no amount."""
        text, end, r = self.text, self.end, self.r
        # unit or currency after the amount
        am = r.after.match(text, draft.e, end)
        if am:
            u = " ".join(am.group("u").lower().split())
            draft.unit = r.suffixes.get(u) or r.units.get(u) or draft.unit
            draft.e = am.end()
        # "80 ribu lebih", "100 orang lebih"
        post = next_word(text, draft.e, end)
        if post and post.group(0).lower() in r.post_modifiers:
            draft.bound = r.post_modifiers[post.group(0).lower()]
            draft.e = post.end()
        draft.obj = _object(text, draft.e, end, r)
        if draft.obj is None:
            pt = r.partitive.match(text, draft.e, end)
            if pt:
                draft.obj = _object(text, pt.end(), end, r)
        # a bare year-like number is a year, not an amount, unless a unit or an object says otherwise
        if draft.unit is None and draft.obj is None and re.fullmatch(r"(1[89]|20)\d\d", draft.number):
            return None
        # rates: "Rp 25 ribu per kilogram"
        rm = r.rate.match(text, draft.obj[1] if draft.obj else draft.e, end)
        if rm and rm.group("w").lower() not in r.stop:
            draft.unit = f"{draft.unit or 'count'}/{rm.group('w').lower()}"
            if draft.obj is None:
                draft.e = rm.end()
        if self.no_amount(draft):
            return None
        q = Quantity(
            start=draft.qs,
            end=draft.e,
            text=text[draft.qs : draft.e],
            value=draft.value,
            unit=draft.unit,
            bound=draft.bound,
            upper=draft.upper,
            modifier=draft.modifier,
        )
        if draft.obj:
            q.object_start, q.object_end = draft.obj
            q.object = text[draft.obj[0] : draft.obj[1]]
        return q

    def no_amount(self, d: _Draft) -> bool:
        """List markers, a name's number, scores and clock times, "this one"."""
        if not d.obj and d.unit is None and d.value < 10 and d.number.isdigit() and self.ask(_list_marker, (d.s, d.e)):
            return True  # list markers: "1.", "(2)"
        bare = not (d.obj or d.unit or d.modifier or d.upper or d.qs != d.s)
        if bare and self.ask(_identifier, (self.start, d.s), d.number):
            return True  # "Liga 1 bakal ...", "Tol Cipali 2": a name's number, no amount
        # a score "2-1", a clock "11:41", a minute "(48')", "yang satu ini"
        return bare and (self.ask(_score_or_minute, (d.e,)) or _this_one(self.text, d.number, d.e, self.end, self.r))


def next_word(text: str, pos: int, end: int) -> re.Match[str] | None:
    m = re.compile(r"[ \t]*").match(text, pos, end)
    p = m.end() if m else pos
    return WORD.match(text, p, end)


def _is_noun_like(word: str, r: Rules) -> bool:
    w = word.lower()
    if w in r.stop or w in r.units or w in r.suffixes:
        return False
    if r.number_units.get(w) is not None or w in r.large:
        return False
    # "dibebaskan", "menewaskan": a verb, not the counted thing
    return not (len(w) >= r.verb_min_len and w.startswith(r.verb_prefixes) and w not in r.classifiers)


def _object(text: str, pos: int, end: int, r: Rules) -> tuple[int, int] | None:
    """The counted thing after ``pos``: a noun, one more noun after a classifier, then names."""
    m = next_word(text, pos, end)
    if m is None or not _is_noun_like(m.group(0), r):
        return None
    first = m.group(0)
    if first[0].isupper() and first.lower() not in r.classifiers:
        return None  # "5 Menteri" mid-sentence is rare; a capital here is usually a name or a new clause
    s, e = m.start(), m.end()
    # one more lower-case noun: "unit kendaraan", "kasus korupsi", "titik konflik"
    n = next_word(text, e, end)
    if (
        n is not None
        and n.start() - e == 1
        and n.group(0)[0].islower()
        and _is_noun_like(n.group(0), r)
        and n.group(0).lower() not in r.casualty
    ):
        e = n.end()
    for _ in range(4):  # proper names that qualify it: "warga Suriah", "prajurit Garda Revolusi"
        n = next_word(text, e, end)
        if n is None or not n.group(0)[0].isupper() or n.start() - e > 1:
            break
        e = n.end()
    n = next_word(text, e, end)  # the state of the counted people: "40 orang cedera"
    if n is not None and n.start() - e == 1 and n.group(0).lower() in r.casualty:
        e = n.end()
    return s, e


# The context checks: each looks at the text around an amount.


def _blocked(text: str, start: int, r: Rules) -> bool:
    before = text[max(0, start - 30) : start]
    if r.ordinal_before.search(before):
        return True
    if re.search(r"[A-Za-z]-$", before):
        return True  # a code name: "Covid-19", "U-16", "F-16", "ADV-150"
    if re.search(r"\d[-:]$", before):
        return True  # the second number of a score, formation or clock time: "2-1", "4-4-2", "11:41"
    m = re.search(r"([\w.]+)\s*$", before)
    return bool(m and m.group(1).lower() in r.not_after)


def _not_before(text: str, e: int, r: Rules) -> bool:
    """ "satu per satu", "satu sama lain": words after the numeral that make it no quantity."""
    tail = text[e : e + 12].lower()
    return any(tail.lstrip().startswith(nb) for nb in r.not_before)


def _list_marker(text: str, s: int, e: int) -> bool:
    return text[e : e + 1] in (".", ")") and text[s - 1 : s] in ("", "\n", "(")


def _score_or_minute(text: str, e: int) -> bool:
    return bool(re.match(r"[-:]\d|['’]", text[e : e + 2]))


def _this_one(text: str, number: str, e: int, end: int, r: Rules) -> bool:
    """ "lagu yang satu ini", "acara satu ini": "this one", no count."""
    nxt = next_word(text, e, end)
    word, after = r.this_one
    return number.lower() == word and nxt is not None and nxt.group(0).lower() in after


def _identifier(text: str, start: int, s: int, number: str) -> bool:
    """Digits right after a capitalised word inside a sentence ("Liga 1", "Industri 4.0")."""
    if not re.fullmatch(r"\d+(?:\.\d)?", number):
        return False
    prev = re.search(r"(\S+) $", text[max(start, s - 40) : s])
    if prev is None or not prev.group(1).isalpha() or not prev.group(1)[:1].isupper():
        return False
    head = text[: prev.start(1)].rstrip(" \t\"'“”‘’(")
    return bool(head) and head[-1] not in ".!?:\n"
