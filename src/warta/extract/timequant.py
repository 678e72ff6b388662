"""A learned boundary detector for TIME and QUANTITY spans (a linear-chain CRF).

The rule grammar (``timegrammar``, ``quantities``) finds and normalises time expressions and
amounts; this model decides where a span starts and ends the way the NER-UGM corpus draws it
("Minggu (24/8)", "80 ribu warga", "2 juta saham"), which its annotators did not always do the
way a grammar would. It is a CRF (CRFsuite through python-crfsuite, a maintained binding) over
hand-written token features: the word, its shape and affixes, the language-pack word class
(month, weekday, numeral, currency, unit), word clusters (a table shipped with the model) and,
above all, what the rule grammar found at that token. So the rules stay the source of values and
the model learns the corpus's conventions.

The model is trained by ``warta train timequant`` (NER-UGM train.01 + dev.01) and shipped as package
data in ``warta/models/timequant-id/`` (see its MODEL_CARD.md). It is loaded once per process.
"""

from __future__ import annotations

import json
import logging
import math
import re
import threading
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path

from warta.article import Quantity
from warta.extract import timegrammar
from warta.extract.numwords import lexicon as num_lexicon

LABELS = ("TIME", "QUANTITY")
MODEL_DIR = Path(__file__).resolve().parent.parent / "models" / "timequant-id"
MODEL_FILE = "model.crfsuite"
# Bump when ``tokenize`` or ``features`` change: a model trained on other features is stale
# (the tests check the shipped model's version; the evaluation retrains stale fold models).
FEATURES_VERSION = 7  # 3: "\ufffd 70" money; 4: "Liga 1"; 5: "Covid-19"; 6: "Industri 4.0"; 7: scores, "satu ini"
# Word clusters (k-means over word vectors of raw news text, built by ``warta train timequant``):
# "word<TAB>cluster id at each granularity", one word a line, shipped next to the model.
CLUSTERS_FILE = "clusters.tsv"

# Tokens the way NER-UGM cuts them: numbers keep their separators ("80.000", "1,5", "24/8",
# "25/8/2014", "14.30"), "Rp9.100" and "ke-80" stay whole, a hyphen between words is its own token.
TOKEN = re.compile(
    r"(?:Rp\.?\s?)?\d+(?:[.,/:]\d+)*(?:-an)?"
    r"|[Kk]e-\d+"
    r"|[A-Za-z\u00C0-\u024F]+(?:['’][A-Za-z\u00C0-\u024F]+)?"
    r"|\d+"
    r"|\S",
)

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


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    end = len(text) if end is None else end
    return [(m.start(), m.end()) for m in TOKEN.finditer(text, start, end)]


@cache
def word_classes(code: str = "id") -> dict[str, str]:
    """Word -> class, from the language pack (the lexicons live there, not here)."""
    tl = timegrammar.lexicon(code)
    nl = num_lexicon(code)
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


def rule_view(text: str) -> RuleView:
    # the rule extractors and the NER-UGM views of their spans; imported late (no import cycle)
    from warta.evaluate.quantities import nerugm_kind
    from warta.evaluate.times import nerugm_view
    from warta.extract import quantities, times

    found = times.find_spans(text)
    tview = [v for f in found if (v := nerugm_view(text, f)) is not None]
    skip = [(f.start, f.end) for f in found]
    qs = quantities.find(text, skip=skip)
    qview, qraw, qobj = [], [], []
    for q in qs:
        qraw.append((q.start, q.end))
        if q.object_start is not None and q.object_end is not None:
            qobj.append((q.object_start, q.object_end))
        if nerugm_kind(q):
            end = q.end
            if q.object_end is not None and q.object_start is not None and q.object_start - q.end <= 1:
                end = q.object_end
            qview.append((q.start, end))
    return RuleView(tview, [((f.start, f.end), f.kind) for f in found], qview, qraw, qobj, qs)


_WORDS_ONLY = re.compile(r"[\d$£€¥]|rp|us\$", re.IGNORECASE)


def _quantity_features(toks: list[Span], quants: list[Quantity], per: list[list[str]]) -> None:
    """What the rules know about each quantity: written in words or digits, its order of magnitude,
    unit, bound and the head of its counted thing, on its tokens and on its object's tokens."""
    for q in quants:
        in_words = not _WORDS_ONLY.match(q.text)
        mag = min(int(math.log10(abs(q.value))), 9) if q.value else -1
        head = (q.object or "").split()[:1]
        head_word = head[0].lower() if head else "-"
        idx = [i for i, (a, b) in enumerate(toks) if a < q.end and q.start < b]
        oidx: list[int] = []
        if q.object_start is not None and q.object_end is not None:
            os_, oe = q.object_start, q.object_end
            oidx = [i for i, (a, b) in enumerate(toks) if a < oe and os_ < b]
        for i in idx:
            per[i] += [f"q.inw={in_words}", f"q.mag={mag}", f"q.unit={q.unit or '-'}", f"q.bound={q.bound}"]
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
    text: str, toks: list[Span], view: RuleView | None = None, clusters: Clusters | None = None
) -> list[list[str]]:
    view = view if view is not None else rule_view(text)
    classes = word_classes()
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
    _quantity_features(toks, view.quants, per)
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

    def spans(self, text: str, start: int = 0, end: int | None = None) -> dict[str, list[Span]]:
        """TIME and QUANTITY spans in ``text[start:end]`` (one sentence or a few)."""
        end = len(text) if end is None else end
        toks = tokenize(text, start, end)
        if not toks:
            return {lab: [] for lab in LABELS}
        found = self._tag(text[start:end])
        return {lab: [(a + start, b + start) for a, b in v] for lab, v in found.items()}

    @lru_cache(maxsize=256)  # noqa: B019 - one detector per process; times and quantities tag the same sentences
    def _tag(self, sub: str) -> dict[str, list[Span]]:
        local = tokenize(sub)
        feats = features(sub, local, clusters=self.clusters)
        with self._lock:
            tags = self._tagger.tag(feats)
        found = spans_from_tags(tags, local)
        return {lab: balance_brackets(sub, v, local) for lab, v in found.items()}


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
