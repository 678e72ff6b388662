"""Gold quotations for ``warta eval quotes``: PFSA-ID token files and the indirect JSONL set.

PFSA-ID (Purnomo et al. 2022, CC BY-NC-SA 4.0) gives one token per line with BILOU labels and a
blank line between sentences; an article starts with a dateline ``JAKARTA , KOMPAS —``. We rebuild
each article's text (detokenized, with token→character offsets) and read its STATEMENT spans
and the PERSON each one is attributed to (PERSONCOREF resolved to the PERSON it refers to).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

QUOTE_TOKENS = {"”", "“", '"', "„", "«", "»"}
NO_SPACE_BEFORE = {",", ".", ";", ":", "?", "!", ")", "]", "%", "…"}
NO_SPACE_AFTER = {"(", "["}
JOINERS = {"-", "/"}


@dataclass
class GoldQuote:
    start: int
    end: int
    speaker: str | None  # gold PERSON name (None when the data names nobody)
    kind: str = "direct"
    cue: str | None = None
    # True when a None speaker is itself the gold answer (the article names nobody); False when
    # None only means the data set gives no speaker (PFSA statements without a PERSON)
    null_is_gold: bool = False


@dataclass
class GoldDoc:
    id: str
    text: str
    quotes: list[GoldQuote] = field(default_factory=list)
    scope: tuple[int, int] | None = None  # only predictions overlapping this range are scored


def read_pfsa(path: str | Path) -> list[GoldDoc]:
    sentences: list[list[tuple[str, str]]] = []
    cur: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line.strip():
                if cur:
                    sentences.append(cur)
                    cur = []
                continue
            tok, _, label = line.partition("\t")
            cur.append((tok, label.strip() or "O"))
    if cur:
        sentences.append(cur)
    articles: list[list[list[tuple[str, str]]]] = []
    for s in sentences:
        if len(s) > 3 and s[1][0] == "," and s[2][0].upper().startswith("KOMPAS") or not articles:
            articles.append([])
        articles[-1].append(s)
    return [_pfsa_doc(f"pfsa-{i:03d}", a) for i, a in enumerate(articles)]


def _pfsa_doc(doc_id: str, sents: list[list[tuple[str, str]]]) -> GoldDoc:
    # flatten with sentence boundaries
    toks: list[tuple[str, str, int, bool]] = []  # token, label, sentence index, last in sentence
    for si, s in enumerate(sents):
        for k, (t, lab) in enumerate(s):
            toks.append((t, lab, si, k == len(s) - 1))
    # quotation marks: a left mark opens; a right or straight mark (Kompas prints ” for both)
    # closes an open quotation and opens one otherwise
    role: dict[int, str] = {}
    open_ = False
    for i, (t, _, _, _) in enumerate(toks):
        if t in ("“", "„", "«"):
            role[i], open_ = "open", True
        elif t in QUOTE_TOKENS:
            role[i] = "close" if open_ else "open"
            open_ = not open_
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    prev_tok = ""
    for i, (t, _, _si, _last) in enumerate(toks):
        if i == 0:
            sep = ""
        elif role.get(i) == "open" and toks[i][3]:
            sep = "\n\n"  # an opening mark that ends a tokenized sentence starts a new paragraph
        elif (
            role.get(i - 1) == "open"
            and toks[i - 1][3]
            or role.get(i) == "close"
            or t in NO_SPACE_BEFORE
            or prev_tok in NO_SPACE_AFTER
            or role.get(i - 1) == "open"
            or (t in JOINERS and _wordish(prev_tok) and i + 1 < len(toks) and _wordish(toks[i + 1][0]))
            or (prev_tok in JOINERS and i >= 2 and _wordish(toks[i - 2][0]) and _wordish(t) and _joined(parts))
        ):
            sep = ""
        else:
            sep = " "
        if sep:
            parts.append(sep)
            pos += len(sep)
        spans.append((pos, pos + len(t)))
        parts.append(t)
        pos += len(t)
        prev_tok = t
    text = "".join(parts)
    labels = [lab for _, lab, _, _ in toks]
    sent_of = [si for _, _, si, _ in toks]
    quotes = []
    for s, e in _label_spans(labels, "STATEMENT"):
        quotes.append(GoldQuote(spans[s][0], spans[e][1], _pfsa_speaker(toks, labels, sent_of, s, e)))
    return GoldDoc(doc_id, text, quotes)


def _joined(parts: list[str]) -> bool:
    return bool(parts) and parts[-1] in JOINERS and (len(parts) < 2 or parts[-2] != " ")


def _wordish(t: str) -> bool:
    return bool(t) and t[0].isalnum() and t[-1].isalnum()


def _label_spans(labels: list[str], name: str) -> list[tuple[int, int]]:
    """Inclusive token ranges of one label (BILOU)."""
    out = []
    start = None
    for i, lab in enumerate(labels):
        tag, _, typ = lab.partition("-")
        if typ != name:
            start = None
            continue
        if tag == "U":
            out.append((i, i))
            start = None
        elif tag == "B":
            start = i
        elif tag == "L" and start is not None:
            out.append((start, i))
            start = None
    return out


def _pfsa_speaker(toks, labels: list[str], sent_of: list[int], s: int, e: int) -> str | None:
    persons = _label_spans(labels, "PERSON")
    corefs = _label_spans(labels, "PERSONCOREF")
    words = [t for t, _, _, _ in toks]

    def text(r: tuple[int, int]) -> str:
        return " ".join(words[r[0] : r[1] + 1])

    def resolve(r: tuple[int, int], kind: str) -> str | None:
        if kind == "PERSON":
            return text(r)
        coref = set(text(r).split())
        before = [p for p in persons if p[1] < r[0]]
        for p in reversed(before):
            if coref & set(text(p).split()):
                return text(p)
        after = [p for p in persons if p[0] > r[1]]
        for p in after:
            if coref & set(text(p).split()):
                return text(p)
        return text(before[-1]) if before else None

    mentions = sorted([(p, "PERSON") for p in persons] + [(c, "PERSONCOREF") for c in corefs])
    # 1) the attribution after the statement, in the sentence where it ends
    end_sent = sent_of[e]
    for r, kind in mentions:
        if r[0] > e and sent_of[r[0]] == end_sent:
            return resolve(r, kind)
    after = [labels[i] for i in range(e + 1, len(labels)) if sent_of[i] == end_sent]
    if any(lab.endswith("-CUE") for lab in after[:3]):
        # "..., ” ujar Husain": a named cue whose speaker the data does not label; falling back
        # to the nearest labelled person would name someone else, so the speaker is unknown
        return None
    # 2) the attribution before it, in the sentence where it starts
    for r, kind in reversed(mentions):
        if r[1] < s and sent_of[r[1]] == sent_of[s]:
            return resolve(r, kind)
    # 3) the nearest person before (a "katanya" attribution)
    for r, kind in reversed(mentions):
        if r[1] < s:
            return resolve(r, kind)
    return None


def read_indirect(path: str | Path) -> list[GoldDoc]:
    """The hand-checked indirect set: one JSON object per quotation, grouped by context."""
    docs: dict[str, GoldDoc] = {}
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            r = json.loads(line)
            ctx_id = r["context_id"]
            d = docs.get(ctx_id)
            if d is None:
                d = docs[ctx_id] = GoldDoc(ctx_id, r["context"], scope=(r["scope_start"], r["scope_end"]))
            if r.get("start") is None:
                continue  # a context with no indirect quotation (scored for false positives)
            if d.text[r["start"] : r["end"]] != r["content"]:
                raise ValueError(f"{r['id']}: offsets do not match the content")
            d.quotes.append(
                GoldQuote(r["start"], r["end"], r.get("speaker"), kind="indirect", cue=r.get("cue"), null_is_gold=True)
            )
    return list(docs.values())
