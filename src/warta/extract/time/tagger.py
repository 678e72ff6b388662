"""A learned boundary detector for TIME and QUANTITY spans (a linear-chain CRF).

The rule grammar (``grammar``, ``amounts``) finds and normalises time expressions and amounts;
this model decides where a span starts and ends the way the NER-UGM corpus draws it
("Minggu (24/8)", "80 ribu warga", "2 juta saham"), which its annotators did not always do the
way a grammar would. It is a CRF (CRFsuite through python-crfsuite, a maintained binding) over
hand-written token features: the word, its shape and affixes, the language-pack word class
(month, weekday, numeral, currency, unit), word clusters (a table shipped with the model) and,
above all, what the rule grammar found at that token (through the NER-UGM view below). So the
rules stay the source of values and the model learns the corpus's conventions.

The model is trained by ``warta train timequant`` (NER-UGM train.01 + dev.01) and shipped as package
data in ``warta/models/timequant-<default language>/`` (see its MODEL_CARD.md). It is loaded once
per process.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from warta import budget, lang
from warta.article import Quantity
from warta.extract.time import amounts, grammar
from warta.extract.time.lexicon import PackLike, lexicon, pack_of
from warta.extract.time.numwords import lexicon as num_lexicon
from warta.extract.time.patterns import seq
from warta.lang import LanguagePack

LABELS = ("TIME", "QUANTITY")
MODEL_DIR = Path(__file__).resolve().parents[2] / "models" / f"timequant-{lang.DEFAULT}"
MODEL_FILE = "model.crfsuite"
# Bump when ``tokenize`` or ``features`` change: a model trained on other features is stale
# (the tests check the shipped model's version; the evaluation retrains stale fold models).
FEATURES_VERSION = 7  # 3: "\ufffd 70" money; 4: "Liga 1"; 5: "Covid-19"; 6: "Industri 4.0"; 7: scores, "satu ini"
# Word clusters (k-means over word vectors of raw news text, built by ``warta train timequant``):
# "word<TAB>cluster id at each granularity", one word a line, shipped next to the model.
CLUSTERS_FILE = "clusters.tsv"
CACHE_SENTENCES = 256  # tagged sentences kept: the times and quantities stages tag the same ones

Span = tuple[int, int]
Clusters = dict[str, tuple[str, ...]]


def load_clusters(path: Path) -> Clusters:
    """The word-cluster table (empty when the file is absent: the features then say "-")."""
    if not path.exists():
        return {}
    out: Clusters = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        word, *ids = line.split("\t")
        if word and ids:
            out[word] = tuple(ids)
    return out


@cache
def _token_pattern(pack: LanguagePack) -> re.Pattern[str]:
    # Tokens the way NER-UGM cuts them: numbers keep their separators ("80.000", "1,5", "24/8",
    # "25/8/2014", "14.30"), "Rp9.100" and "ke-80" stay whole, a hyphen between words is its own token.
    nl = num_lexicon(pack)
    cur = re.escape(nl.glued_currency)
    o = nl.prefix_ordinal
    ordinal = f"[{o[:1].upper()}{o[:1].lower()}]{re.escape(o[1:])}"
    decade = re.escape(lexicon(pack).grammar.decade_suffix)
    return re.compile(
        rf"(?:{cur}\.?\s?)?\d+(?:[.,/:]\d+)*(?:-{decade})?"
        rf"|{ordinal}-\d+"
        r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)?"
        r"|\d+"
        r"|\S",
    )


def tokenize(text: str, start: int = 0, end: int | None = None, *, pack: PackLike = None) -> list[Span]:
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in _token_pattern(pack_of(pack)).finditer(text, start, end)]


def word_classes(pack: PackLike = None) -> dict[str, str]:
    """Word -> class, from the language pack (the lexicons live there, not here)."""
    return _word_classes(pack_of(pack))


@cache
def _word_classes(pack: LanguagePack) -> dict[str, str]:
    tl = lexicon(pack)
    nl = num_lexicon(pack)
    d = nl.data
    out: dict[str, str] = {}

    def put(words: Iterable[str], cls: str) -> None:
        for w in words:
            for part in w.lower().split():
                out.setdefault(part, cls)

    put(tl.months, "month")
    put(tl.month_abbr, "month")
    put(tl.weekdays, "weekday")
    put(tl.parts, "partofday")
    put(tl.zones, "zone")
    put(tl.clock_words, "clock")
    put(tl.units, "timeunit")
    put(tl.direction, "direction")
    put(list(nl.units) + [nl.teen] + list(nl.small) + list(nl.fractions), "numword")
    put(nl.large, "multiplier")
    put(nl.plural, "multiplier")
    put(d.get("currency_prefix", {}), "currency")
    put(d.get("currency_suffix", {}), "currency")
    put(d.get("units_after", {}), "unit")
    put(d.get("modifiers", {}), "modifier")
    return out


# ---- the NER-UGM view of the rules' spans -------------------------------------------------
# NER-UGM labels calendar names only: dates, weekdays, months, years, clock times. Deictic words
# ("kemarin", "hari ini", "tahun lalu", "dua hari lalu") are never TIME there, "tahun"/"bulan"/
# "pukul" before the value and "lalu"/"mendatang" or a part of the day after a date are mostly
# left out of the span. Warta's spans follow the project's guidelines (whole expression); this
# view maps them to NER-UGM's convention (the detector's features, ``warta eval times``).
NOT_NERUGM = ("deictic", "unit_rel", "count_rel", "vague")
DATE_IN_PARENS = re.compile(r"\(\s*\d{1,2}\s*/")


@dataclass(frozen=True)
class _TimeView:
    lead: re.Pattern[str]  # unit and clock words before the value
    trail: re.Pattern[str]  # direction words after a day or a month
    parts: re.Pattern[str]  # parts of the day after a date


@cache
def _time_view(pack: LanguagePack) -> _TimeView:
    lx = lexicon(pack)
    nv = lx.nerugm
    # "lalu" stays ("Mei lalu" is mostly TIME as a whole there); parts of the day go only after a date
    keep = nv.get("keep_after", [])
    words = sorted([w for w in lx.direction if w not in keep] + nv.get("drop_after", []), key=len, reverse=True)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    parts = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(lx.parts, key=len, reverse=True))
    return _TimeView(
        lead=re.compile(rf"(?:{seq(nv.get('drop_before', []))})\s+", re.IGNORECASE),
        trail=re.compile(rf"(?:\s*,?\s+(?:{alt}))+$", re.IGNORECASE),
        parts=re.compile(rf"(?:\s*,?\s+(?:{parts}))+$", re.IGNORECASE),
    )


def nerugm_view(text: str, f: grammar.Found, pack: PackLike = None) -> tuple[int, int] | None:
    """The span NER-UGM would draw for a time expression the grammar found (None: not a TIME there)."""
    if f.kind in NOT_NERUGM:
        return None
    if f.kind == "period_part" and f.f.get("month") is None and f.f.get("year") is None:
        return None  # "akhir tahun ini", "awal bulan depan"
    v = _time_view(pack_of(pack))
    s, e = f.start, f.end
    if m := v.lead.match(text, s, e):
        s = m.end()
    if f.kind in ("day", "month") and (m := v.trail.search(text, s, e)) and m.start() > s:
        e = m.start()
    if f.kind == "day" and DATE_IN_PARENS.search(text, s, e) and (m := v.parts.search(text, s, e)) and m.start() > s:
        e = m.start()
    return s, e


@cache
def _in_digits(pack: LanguagePack) -> re.Pattern[str]:
    words = num_lexicon(pack).data.get("nerugm", {}).get("in_digits", [])
    return re.compile("|".join([r"[\d$£€¥]", *(re.escape(w) for w in words)]), re.IGNORECASE)


def in_words(q: Quantity, pack: PackLike = None) -> bool:
    """Is the amount written in words ("dua", "ribuan"), not digits or a currency and digits?"""
    return not _in_digits(pack_of(pack)).match(q.text)


def nerugm_kind(q: Quantity, pack: PackLike = None) -> bool:
    """Is this a kind of quantity NER-UGM labels?"""
    p = pack_of(pack)
    head = (q.object or "").split()[:1]
    if in_words(q, p):
        people = num_lexicon(p).data.get("nerugm", {}).get("people", [])
        return q.unit is not None or (q.value or 0) >= 1000 or head[:1] in ([w] for w in people)
    return bool(q.object or q.unit) or len(q.text.split()) > 1  # "2 juta", "80 ribu"


def nerugm_quantity_span(q: Quantity) -> Span:
    """A quantity's span as NER-UGM draws it: with its counted thing when that follows directly."""
    end = q.end
    if q.object_end is not None and q.object_start is not None and q.object_start - q.end <= 1:
        end = q.object_end
    return q.start, end


# ---- features ----------------------------------------------------------------------------


@lru_cache(maxsize=1 << 16)
def _shape(tok: str) -> str:
    s = re.sub(r"[A-Z]", "X", tok)
    s = re.sub(r"[a-z\u00C0-\u024F]", "x", s)
    s = re.sub(r"\d", "d", s)
    return re.sub(r"(.)\1{2,}", r"\1\1", s)


def _bio(spans: list[Span], toks: list[Span]) -> list[str]:
    tags = ["O"] * len(toks)
    for s, e in spans:
        first = True
        for i, (a, b) in enumerate(toks):
            if a < e and s < b:
                tags[i] = "B" if first else "I"
                first = False
    return tags


@dataclass
class RuleView:
    """What the rule grammar says about one text: spans per kind, used as features."""

    time_view: list[Span]
    time_raw: list[tuple[Span, str]]
    quant_view: list[Span]
    quant_raw: list[Span]
    quant_obj: list[Span]
    quants: list[Quantity] = field(default_factory=list)


def rule_view(text: str, pack: PackLike = None) -> RuleView:
    """The rule grammar's findings on ``text``, and their NER-UGM view."""
    found = grammar.find(text, pack=pack)
    qs = amounts.find(text, skip=[(f.start, f.end) for f in found], pack=pack)
    return view_of(text, found, qs, pack)


def sentence_view(
    text: str, start: int, end: int, found: list[grammar.Found] | None, pack: PackLike = None
) -> RuleView:
    """``rule_view(text[start:end])``, from ``found``: the grammar's reading of the sentence inside
    ``text`` when the sentence read alone gives the same (None: read it alone here). Its quantities
    are read inside ``text`` too when that gives the same as alone, and kept for the quantities
    stage (``amounts.find_shared``)."""
    sub = text[start:end]
    if found is None:
        return rule_view(sub, pack)
    skip = [(f.start, f.end) for f in found]
    qs, alone = amounts.find_shared(text, start, end, skip=skip, pack=pack)
    skip_sub = [(a - start, b - start) for a, b in skip]
    quants = [amounts.shifted(q, -start) for q in qs] if alone else amounts.find(sub, skip=skip_sub, pack=pack)
    found_sub = [grammar.Found(f.start - start, f.end - start, f.text, f.kind, f.f) for f in found]
    return view_of(sub, found_sub, quants, pack)


def view_of(text: str, found: list[grammar.Found], qs: list[Quantity], pack: PackLike = None) -> RuleView:
    """The rule view of ``text`` from its time expressions and its quantities (outside them)."""
    tview = [v for f in found if (v := nerugm_view(text, f, pack)) is not None]
    qview, qraw, qobj = [], [], []
    for q in qs:
        qraw.append((q.start, q.end))
        if q.object_start is not None and q.object_end is not None:
            qobj.append((q.object_start, q.object_end))
        if nerugm_kind(q, pack):
            qview.append(nerugm_quantity_span(q))
    return RuleView(tview, [((f.start, f.end), f.kind) for f in found], qview, qraw, qobj, qs)


def _quantity_features(toks: list[Span], quants: list[Quantity], per: list[list[str]], pack: PackLike) -> None:
    """What the rules know about each quantity: written in words or digits, its order of magnitude,
    unit, bound and the head of its counted thing, on its tokens and on its object's tokens."""
    for q in quants:
        words = in_words(q, pack)
        mag = min(int(math.log10(abs(q.value))), 9) if q.value else -1
        head = (q.object or "").split()[:1]
        head_word = head[0].lower() if head else "-"
        idx = [i for i, (a, b) in enumerate(toks) if a < q.end and q.start < b]
        oidx: list[int] = []
        if q.object_start is not None and q.object_end is not None:
            os_, oe = q.object_start, q.object_end
            oidx = [i for i, (a, b) in enumerate(toks) if a < oe and os_ < b]
        for i in idx:
            per[i] += [f"q.inw={words}", f"q.mag={mag}", f"q.unit={q.unit or '-'}", f"q.bound={q.bound}"]
            per[i].append(f"q.head={head_word}")
        for k, i in enumerate(oidx):
            per[i] += [f"o.pos={min(k, 3)}", f"o.head={head_word}", f"o.len={min(len(oidx), 4)}"]
        if idx and idx[0] > 0:
            per[idx[0] - 1].append("before_q")
        last = (oidx or idx or [None])[-1]
        if last is not None and last + 1 < len(toks):
            per[last + 1].append("after_q")


def _cluster_features(lows: list[str], clusters: Clusters, per: list[list[str]]) -> None:
    for i in range(len(lows)):
        for d in (-1, 0, 1):
            j = i + d
            if 0 <= j < len(lows):
                ids = clusters.get(lows[j])
                for level in range(3):
                    per[i].append(f"{d}:c{level}={ids[level] if ids and level < len(ids) else '-'}")


def features(
    text: str,
    toks: list[Span],
    view: RuleView | None = None,
    clusters: Clusters | None = None,
    pack: PackLike = None,
) -> list[list[str]]:
    view = view if view is not None else rule_view(text, pack)
    classes = word_classes(pack)
    rt = _bio(view.time_view, toks)
    rq = _bio(view.quant_view, toks)
    rqr = _bio(view.quant_raw, toks)
    rqo = _bio(view.quant_obj, toks)
    kinds = ["-"] * len(toks)
    for (s, e), kind in view.time_raw:
        for i, (a, b) in enumerate(toks):
            if a < e and s < b:
                kinds[i] = kind
    words = [text[a:b] for a, b in toks]
    lows = [w.lower() for w in words]
    per: list[list[str]] = []
    for i, w in enumerate(words):
        lw = lows[i]
        f = [
            "bias",
            f"w={lw}",
            f"shape={_shape(w)}",
            f"suf3={lw[-3:]}",
            f"pre3={lw[:3]}",
            f"cls={classes.get(lw, '-')}",
            f"rt={rt[i]}",
            f"rq={rq[i]}",
            f"rqr={rqr[i]}",
            f"rqo={rqo[i]}",
            f"kind={kinds[i]}",
            f"rt|rq={rt[i]}|{rq[i]}",
        ]
        if w[:1].isupper():
            f.append("title")
        if any(c.isdigit() for c in w):
            f.append("digit")
            if re.fullmatch(r"(1[89]|20)\d\d", w):
                f.append("yearlike")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(words):
                f += [
                    f"{d}:w={lows[j]}",
                    f"{d}:cls={classes.get(lows[j], '-')}",
                    f"{d}:rt={rt[j]}",
                    f"{d}:rq={rq[j]}",
                    f"{d}:shape={_shape(words[j])}",
                ]
                if abs(d) == 1:
                    f += [f"{d}:rqo={rqo[j]}", f"{d}:kind={kinds[j]}", f"{d}:title={words[j][:1].isupper()}"]
            else:
                f.append(f"{d}:none")
        if i > 0:
            f.append(f"bi={lows[i - 1]}|{lw}")
        if i + 1 < len(words):
            f.append(f"bi+={lw}|{lows[i + 1]}")
        per.append(f)
    _quantity_features(toks, view.quants, per, pack)
    _cluster_features(lows, clusters or {}, per)
    return per


def spans_from_tags(tags: list[str], toks: list[Span]) -> dict[str, list[Span]]:
    out: dict[str, list[Span]] = {lab: [] for lab in LABELS}
    cur: tuple[str, int, int] | None = None
    for tag, (a, b) in zip(tags, toks, strict=True):
        pre, _, lab = tag.partition("-")
        if pre == "I" and cur is not None and cur[0] == lab:
            cur = (lab, cur[1], b)
            continue
        if cur is not None:
            out[cur[0]].append((cur[1], cur[2]))
            cur = None
        if pre in ("B", "I") and lab in out:
            cur = (lab, a, b)
    if cur is not None:
        out[cur[0]].append((cur[1], cur[2]))
    return out


def balance_brackets(text: str, spans: list[Span], toks: list[Span]) -> list[Span]:
    """A span never ends inside a bracket it opened: "2.000 kilometer (1.250 mil" takes the ")"
    that follows; a trailing ")" it never opened is dropped. A tagger labels tokens one by one and
    cannot see that a span's text stays balanced; NER-UGM's spans always are."""
    starts = {a: i for i, (a, _) in enumerate(toks)}
    ends = {b: i for i, (_, b) in enumerate(toks)}
    out = []
    for a, b in spans:
        piece = text[a:b]
        opened = piece.count("(") - piece.count(")")
        j = ends.get(b)
        if opened > 0 and j is not None and j + 1 < len(toks) and text[toks[j + 1][0] : toks[j + 1][1]] == ")":
            b = toks[j + 1][1]
        elif opened < 0 and piece.endswith(")") and j is not None and j > 0 and starts.get(a) != j:
            b = toks[j - 1][1]
        out.append((a, b))
    return out


# the rule view of the sentence being tagged, computed only when the tagger needs it
ViewSource = Callable[[], RuleView]


class Detector:
    """A trained TIME/QUANTITY boundary tagger."""

    def __init__(self, model_path: Path) -> None:
        import pycrfsuite

        self.path = model_path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(model_path))
        self._lock = threading.Lock()  # one CRFsuite tagger keeps per-call state; the web server has threads
        meta = model_path.parent / "meta.json"
        self.meta: dict[str, object] = json.loads(meta.read_text(encoding="utf-8")) if meta.exists() else {}
        self.clusters = load_clusters(model_path.parent / CLUSTERS_FILE)
        # tagged sentences by text: the times and quantities stages tag the same sentences
        self._tagged: OrderedDict[str, dict[str, list[Span]]] = OrderedDict()
        self._tagged_lock = threading.Lock()

    def spans(
        self, text: str, start: int = 0, end: int | None = None, *, view: ViewSource | None = None
    ) -> dict[str, list[Span]]:
        """TIME and QUANTITY spans in ``text[start:end]`` (one sentence or a few). ``view``, when
        given, returns ``rule_view(text[start:end])`` (what the caller already knows of it)."""
        end = len(text) if end is None else end
        if not text[start:end].strip():  # no token: every token holds a character that is not a space
            return {lab: [] for lab in LABELS}
        found = self._tag(text[start:end], view)
        return {lab: [(a + start, b + start) for a, b in v] for lab, v in found.items()}

    def _tag(self, sub: str, view: ViewSource | None) -> dict[str, list[Span]]:
        budget.check()
        with self._tagged_lock:
            done = self._tagged.get(sub)
            if done is not None:
                self._tagged.move_to_end(sub)
                return done
        local = tokenize(sub)
        feats = features(sub, local, view() if view is not None else None, clusters=self.clusters)
        with self._lock:
            tags = self._tagger.tag(feats)
        found = spans_from_tags(tags, local)
        out = {lab: balance_brackets(sub, v, local) for lab, v in found.items()}
        with self._tagged_lock:
            self._tagged[sub] = out
            if len(self._tagged) > CACHE_SENTENCES:
                self._tagged.popitem(last=False)
        return out


@cache
def detector(model_dir: str | None = None) -> Detector | None:
    """The shipped model, loaded once; None when it is not installed (the rules then work alone)."""
    path = Path(model_dir) if model_dir else MODEL_DIR
    if not (path / MODEL_FILE).exists():
        return None
    try:
        return Detector(path / MODEL_FILE)
    except ImportError:  # python-crfsuite not installed: the rule grammar works alone
        logging.getLogger(__name__).warning("python-crfsuite is not installed; TIME/QUANTITY model not used")
        return None
