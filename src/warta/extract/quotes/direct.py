"""Direct quotations: quoted spans from paired quotation marks, each with its attribution.

A quotation is attributed by the cue after it (``"...," kata Lavrov``, ``"...," tambahnya``,
``"...," Lavrov menambahkan``) or before it (``Lavrov mengatakan, "..."``); a quotation
interrupted by its attribution (``"...," kata Lavrov. "..."``) is one quotation with two parts.
Quoted titles, terms and scare quotes without attribution are no quotations.
"""

from __future__ import annotations

from warta.article import Cue
from warta.extract.quotes.attribution import cut_phrase, lemma
from warta.extract.quotes.doc import Candidate, Doc
from warta.extract.quotes.indirect import VERB_BLOCKER
from warta.extract.quotes.marks import END_PUNCT, QUOTE_CHARS, Quoted, pair
from warta.extract.quotes.phrase import SpeakerRef, parse_phrase
from warta.extract.quotes.post import post_attribution
from warta.extract.quotes.registry import declare
from warta.extract.quotes.subjects import subject_ref
from warta.lang.lexicon import QuoteLexicon

SINGLE_MARKS = declare("single-marks", "single quotation marks outside double ones quote too")
COMMA_TO_ATTRIBUTION = declare(
    "comma-to-attribution", "a comma, dash or colon at a quotation's end belongs to the attribution after it"
)
TITLE_MARKER = declare(
    "title-marker", "a quoted phrase after a title marker (film, song, program ...) is a title, not a quotation"
)
SCARE_QUOTE = declare(
    "scare-quote", "an unattributed quoted phrase that is short or inside a sentence is a term or a scare quote"
)
UNBALANCED = declare("unbalanced-penalty", "a quotation with a missing mark has a lower confidence")
PRE_ATTRIBUTION = declare(
    "pre-attribution",
    "a speech verb or a fronted cue before a quotation, or ending the sentence before it, attributes it",
)
INTERRUPTED = declare(
    "interrupted", "a quotation right after another one's attribution, without its own, is its second part"
)


def find_direct(doc: Doc, lex: QuoteLexicon) -> list[Candidate]:
    doubles = pair(doc.text, doc.paragraphs, doc.sentence_starts, "double")
    outer = [(q.outer_start, q.outer_end) for q in doubles]
    singles = pair(doc.text, doc.paragraphs, doc.sentence_starts, "single", within=outer) if SINGLE_MARKS.on else []
    out: list[Candidate] = []
    for q in sorted(doubles + singles, key=lambda q: q.start):
        c = _direct_candidate(doc, lex, q)
        if c is not None:
            out.append(c)
    return _merge_interrupted(doc, out) if INTERRUPTED.on else out


def _content_parts(doc: Doc, q: Quoted) -> list[tuple[int, int]]:
    parts = []
    trailing = ", ;:-–—" + "\n" if COMMA_TO_ATTRIBUTION.on else ""
    for s, e in q.parts:
        # a trailing comma belongs to the attribution ("...," kata X)
        while e > s and doc.text[e - 1] in trailing:
            e -= 1
        if e > s:
            parts.append((s, e))
    return parts


def _direct_candidate(doc: Doc, lex: QuoteLexicon, q: Quoted) -> Candidate | None:
    parts = _content_parts(doc, q)
    if not parts:
        return None
    words = sum(len(doc.text[s:e].split()) for s, e in parts)
    post = post_attribution(doc, lex, q)
    pre = None if post or not PRE_ATTRIBUTION.on else _pre_attribution(doc, lex, q)
    attr = post or pre
    before = doc.tokens_in(doc.paragraph_of(q.outer_start)[0], q.outer_start)[-2:]
    titled = TITLE_MARKER.on and any(t.text.lower() in lex.title_markers for t in before)
    at_start = _starts_unit(doc, q.outer_start)
    content = doc.text[parts[0][0] : parts[-1][1]]
    sentence_like = content.rstrip()[-1:] in END_PUNCT or words >= 8
    if attr is None:
        if q.family == "single" or titled:
            return None
        if not (at_start and words >= 4 and sentence_like) and words < 10 and SCARE_QUOTE.on:
            return None  # a term, a title or a scare quote
    elif post is None and titled and words < 4:
        return None
    cue, ref, att_end = attr if attr else (None, None, None)
    conf = 0.9 if attr else 0.6
    if q.unbalanced and UNBALANCED.on:
        conf -= 0.2
    c = Candidate(
        parts[0][0],
        parts[-1][1],
        "direct",
        parts,
        cue=cue,
        ref=ref,
        has_ref=attr is not None,
        confidence=conf,
        quoted=q,
        attribution_end=att_end,
    )
    if q.unbalanced:
        c.notes.append(q.unbalanced)
    return c


def _starts_unit(doc: Doc, pos: int) -> bool:
    """Does the quotation open a paragraph, a sentence, or follow a colon?"""
    ps, _ = doc.paragraph_of(pos)
    head = doc.text[ps:pos].rstrip()
    if not head:
        return True
    return head[-1] in END_PUNCT + ":" + "”\"’'"


def _pre_attribution(doc: Doc, lex: QuoteLexicon, q: Quoted) -> tuple[Cue, SpeakerRef | None, int] | None:
    ps, _ = doc.paragraph_of(q.outer_start)
    ss, _ = doc.sentence_of(q.outer_start)
    start = ss if ss < q.outer_start else ps
    toks = doc.tokens_in(start, q.outer_start)
    if not toks:
        # the sentence before, in the same or the previous paragraph, ending with a colon
        prev = [t for t in doc.tokens[: doc.tok_index(q.outer_start)][-40:]]
        if not prev or prev[-1].text != ":":
            return None
        i = len(prev) - 1
        while i > 0 and prev[i - 1].text not in (".", "!", "?"):
            i -= 1
        toks = prev[i:]
    if not toks:
        return None
    # the last quotation in the stretch ends it: "”...,” kata X. Ia menambahkan, “...”"
    while toks and toks[-1].text in (",", ":", "-", "—") or (toks and toks[-1].text.lower() in lex.complementisers):
        toks = toks[:-1]
    if not toks:
        return None
    for k in range(len(toks) - 1, -1, -1):
        w = toks[k].text.lower()
        if any(t.text in QUOTE_CHARS for t in toks[k:]):
            return None
        if w in lex.clause_verbs and k >= 1 and k == len(toks) - 1:
            if toks[k - 1].text.lower() in lex.negations and VERB_BLOCKER.on:
                return None
            ref = subject_ref(doc.article, lex, toks[:k])
            v = toks[k]
            return Cue(v.start, v.end, v.text, lemma(v.text, lex)), ref, v.end
        if w in lex.post_cues and not lex.pronoun_cue(w) and k < len(toks) - 1:
            # "Kata Lavrov: “...”"
            phrase = cut_phrase(lex, toks[k + 1 :])
            if phrase and phrase[-1].end == toks[-1].end:
                v = toks[k]
                return Cue(v.start, v.end, v.text, lemma(v.text, lex)), parse_phrase(doc.article, phrase, lex), v.end
    return None


def _merge_interrupted(doc: Doc, cands: list[Candidate]) -> list[Candidate]:
    """``"...," kata Lavrov. "..."``: the second part without its own attribution joins the first."""
    out: list[Candidate] = []
    for c in cands:
        if out:
            p = out[-1]
            q = c.quoted
            if (
                p.kind == "direct"
                and p.attribution_end is not None
                and q is not None
                and q.open_pos is not None
                and (c.ref is None or (p.ref is not None and c.ref.kind == "pronoun"))
                and doc.paragraph_of(p.start) == doc.paragraph_of(q.open_pos)
                and not doc.text[p.attribution_end : q.open_pos].strip(" .,\n")
                and (c.attribution_end is None or c.ref is None)
            ):
                p.parts.extend(c.parts)
                p.end = c.end
                if c.cue is not None and c.attribution_end is not None:
                    p.attribution_end = c.attribution_end
                p.quoted = q
                continue
        out.append(c)
    return out
