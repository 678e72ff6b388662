"""Pipeline stage ``quotes``: direct and indirect quotations, each attributed to its speaker.

Direct quotations come from paired quotation marks (``quote_marks``); each is attributed by
the cue after it (``"...," kata Lavrov``, ``"...," tambahnya``, ``"...," Lavrov menambahkan``) or
before it (``Lavrov mengatakan, "..."``); a quotation interrupted by its attribution
(``"...," kata Lavrov. "..."``) is one quotation with two parts. Indirect quotations come from a
speech verb with its clause (``X menuturkan bahwa ...``), a fronted cue (``Menurut X, ...``, also
inserted: ``..., menurut X, ...``) or an unquoted clause with a trailing cue (``..., kata X.``).
Speakers named by pronoun or suffix (``katanya``) go to the speaker in focus, speakers named by
role (``kata juru bicara itu``) to the person the article names with that role. All words are
data in the language pack (``speech_verbs.toml``). Rules rather than a trained model: no
Indonesian quotation model with a licence we can ship exists (PFSA-ID is non-commercial).
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from warta.article import Article, Cue, Quote, Span, Speaker
from warta.extract.quote_indirect import IndirectFinder, subject_ref
from warta.extract.quote_lexicon import QuoteLexicon, lexicon
from warta.extract.quote_marks import Quoted, pair
from warta.extract.quote_speakers import (
    NameIndex,
    SpeakerRef,
    article_places,
    is_cap,
    is_name_token,
    name_in,
    parse_phrase,
    person_like,
    person_name,
    resolve,
)
from warta.nlp.segment import Token, tokenize

QUOTE_CHARS = "\"'“”‘’«»„‟‹›"
END_PUNCT = ".!?…"


@dataclass
class Candidate:
    start: int
    end: int
    kind: str  # direct | indirect
    parts: list[tuple[int, int]]
    cue: Cue | None = None
    ref: SpeakerRef | None = None
    has_ref: bool = False  # an attribution was found (even if its speaker could not be read)
    confidence: float = 0.8
    quoted: Quoted | None = None
    attribution_end: int | None = None  # end of the post-quote attribution
    notes: list[str] = field(default_factory=list)


class _Doc:
    """Tokens of the article with fast offset lookups."""

    def __init__(self, article: Article) -> None:
        self.article = article
        self.text = article.text
        self.tokens: list[Token] = tokenize(article.text)
        self.starts = [t.start for t in self.tokens]
        self.ends = [t.end for t in self.tokens]
        self.paragraphs = [(p.start, p.end) for p in article.paragraphs] or [(0, len(article.text))]
        self.sentence_spans = [(s.start, s.end) for s in article.sentences] or self.paragraphs
        self.sentence_starts = [s for s, _ in self.sentence_spans]

    def tok_index(self, offset: int) -> int:
        """Index of the first token starting at or after ``offset``."""
        return bisect.bisect_left(self.starts, offset)

    def tokens_in(self, start: int, end: int) -> list[Token]:
        # bisect both ends and slice: linear scans made single-line megabyte texts quadratic
        i = self.tok_index(start)
        j = bisect.bisect_right(self.ends, end, lo=i)
        return self.tokens[i:j]

    def paragraph_of(self, offset: int) -> tuple[int, int]:
        for s, e in self.paragraphs:
            if s <= offset < e:
                return s, e
        return self.paragraphs[-1]

    def sentence_of(self, offset: int) -> tuple[int, int]:
        for s, e in self.sentence_spans:
            if s <= offset < e:
                return s, e
        return self.paragraph_of(offset)


def run(article: Article) -> None:
    """Pipeline stage: fill ``article.quotes``."""
    if not article.text.strip():
        return
    code = article.language.code if article.language else "id"
    lex = lexicon("id" if code not in ("id", "ms") else "id")
    doc = _Doc(article)
    names = NameIndex.build(article, doc.tokens, lex)
    direct = find_direct(doc, lex)
    indirect = find_indirect(doc, lex, direct)
    cands = sorted(direct + indirect, key=lambda c: c.start)
    article.quotes = attribute(article, cands, names, sentence_subjects(doc, names, lex))


# ---- direct quotations ---------------------------------------------------------------------


def find_direct(doc: _Doc, lex: QuoteLexicon) -> list[Candidate]:
    doubles = pair(doc.text, doc.paragraphs, doc.sentence_starts, "double")
    outer = [(q.outer_start, q.outer_end) for q in doubles]
    singles = pair(doc.text, doc.paragraphs, doc.sentence_starts, "single", within=outer)
    out: list[Candidate] = []
    for q in sorted(doubles + singles, key=lambda q: q.start):
        c = _direct_candidate(doc, lex, q)
        if c is not None:
            out.append(c)
    return _merge_interrupted(doc, out)


def _content_parts(doc: _Doc, q: Quoted) -> list[tuple[int, int]]:
    parts = []
    for s, e in q.parts:
        # a trailing comma belongs to the attribution ("...," kata X)
        while e > s and doc.text[e - 1] in ", ;:-–—" + "\n":
            e -= 1
        if e > s:
            parts.append((s, e))
    return parts


def _direct_candidate(doc: _Doc, lex: QuoteLexicon, q: Quoted) -> Candidate | None:
    parts = _content_parts(doc, q)
    if not parts:
        return None
    words = sum(len(doc.text[s:e].split()) for s, e in parts)
    post = _post_attribution(doc, lex, q)
    pre = None if post else _pre_attribution(doc, lex, q)
    attr = post or pre
    before = doc.tokens_in(doc.paragraph_of(q.outer_start)[0], q.outer_start)[-2:]
    titled = any(t.text.lower() in lex.title_markers for t in before)
    at_start = _starts_unit(doc, q.outer_start)
    content = doc.text[parts[0][0] : parts[-1][1]]
    sentence_like = content.rstrip()[-1:] in END_PUNCT or words >= 8
    if attr is None:
        if q.family == "single" or titled:
            return None
        if not (at_start and words >= 4 and sentence_like) and words < 10:
            return None  # a term, a title or a scare quote
    elif post is None and titled and words < 4:
        return None
    cue, ref, att_end = attr if attr else (None, None, None)
    conf = 0.9 if attr else 0.6
    if q.unbalanced:
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


def _starts_unit(doc: _Doc, pos: int) -> bool:
    """Does the quotation open a paragraph, a sentence, or follow a colon?"""
    ps, _ = doc.paragraph_of(pos)
    head = doc.text[ps:pos].rstrip()
    if not head:
        return True
    return head[-1] in END_PUNCT + ":" + "”\"’'"


def _cut_phrase(doc: _Doc, lex: QuoteLexicon, toks: list[Token]) -> list[Token]:
    """The attribution phrase: tokens up to a stop word, punctuation, date or source marker."""
    out: list[Token] = []
    skip_to = -1
    for k, t in enumerate(toks):
        if k <= skip_to:
            continue
        w = t.text
        lw = w.lower()
        if w == "," and out and _appositive_name(toks[k + 1 :], lex):
            continue  # "kata Direktur Eksekutif ICT Institute, Heru Sutadi"
        if w == "(" and out:
            close = _short_parenthetical(toks, k)
            if close is not None:
                # "kata Direktur Jenderal Otonomi Daerah Kementerian Dalam Negeri (Kemendagri)
                # Akmal Malik": the organisation's short name, the phrase goes on
                skip_to = close
                continue
        if lw == "dan" and out and out[-1].text[:1].isupper() and k + 1 < len(toks) and toks[k + 1].text[:1].isupper():
            out.append(t)  # "Menteri Koordinator Bidang Pembangunan Manusia dan Kebudayaan Muhadjir Effendy"
            continue
        stop_word = w == lw and (lw in lex.attribution_stops or lw in lex.source_markers)
        if w in (",", ".", ";", ":", "(", "!", "?", "…") or w in QUOTE_CHARS or stop_word:
            break
        if lw in lex.days:
            break
        if w[:1].isdigit() and not (
            out
            and out[-1].text[:1].isupper()
            and k + 1 < len(toks)
            and (toks[k + 1].text[:1].isupper() or toks[k + 1].text == ",")
        ):
            break  # a date or a number ends the phrase; "Daop 2 KAI" does not
        if out and lw in lex.post_speaker_adverbs and not w[:1].isupper():
            break
        out.append(t)
    return out


def _short_parenthetical(toks: list[Token], k: int) -> int | None:
    """Index of the ``)`` closing a short capitalised aside opened at ``toks[k]`` ("(Kemendagri)",
    "(PJR)"), when the phrase goes on with a capitalised word after it; an age ("(20)") or a
    date is no such aside."""
    for j in range(k + 1, min(len(toks), k + 6)):
        if toks[j].text == ")":
            inner = toks[k + 1 : j]
            if not inner or not all(x.text[:1].isupper() for x in inner):
                return None
            if j + 1 < len(toks) and toks[j + 1].text[:1].isupper():
                return j
            return None
    return None


def _appositive_name(toks: list[Token], lex: QuoteLexicon) -> bool:
    """Do the tokens start with a bare name (1-4 name words, after abbreviated titles such as
    "Capt." or "Dr.") ending at punctuation or a stop word? ("kata Dedy, Kepala Peleton B dari
    ...": a role with its unit, no name)"""
    k = 0
    while k < len(toks) - 1 and toks[k].text.endswith(".") and toks[k].text in lex.titles:
        k += 1
    toks = toks[k:]
    n = 0
    for t in toks:
        if is_name_token(t.text, lex) or (n and len(t.text) == 1 and t.text.isupper()):
            n += 1
            continue
        break
    if not 1 <= n <= 4:
        return False
    rest = toks[n].text.lower() if n < len(toks) else "."
    return (
        rest in (",", ".", ";", "(", "!", "?")
        or rest in lex.attribution_stops
        or rest in QUOTE_CHARS
        or rest in lex.days
        # "Zaidin dikediamannya" (a locative written as one word) or "Zaidin dikonfirmasi"
        or (rest.startswith("di") and len(rest) > 5 and rest.isalpha() and rest.islower())
    )


def _post_attribution(doc: _Doc, lex: QuoteLexicon, q: Quoted) -> tuple[Cue, SpeakerRef | None, int] | None:
    if q.close_pos is None:
        # missing closing mark: an attribution may still follow the content ("... , kata X.")
        return None
    _, pend = doc.paragraph_of(q.close_pos)
    toks = doc.tokens_in(q.close_pos + 1, pend)
    if toks and toks[0].text == ",":
        toks = toks[1:]
    if not toks:
        return None
    t0 = toks[0]
    if lex.is_post_cue(t0.text) and t0.text[:1].islower():
        cue = Cue(t0.start, t0.end, t0.text, _lemma(t0.text, lex))
        if lex.pronoun_cue(t0.text):
            return cue, SpeakerRef("pronoun", t0.start, t0.end, t0.text), t0.end
        phrase = _cut_phrase(doc, lex, toks[1:])
        ref = parse_phrase(doc.article, phrase, lex) if phrase else None
        end = phrase[-1].end if phrase else t0.end
        rest = [t for t in toks[1:] if t.start >= end]
        placed = _name_after_place(doc, lex, phrase, rest)
        if placed is not None:
            return cue, placed[0], placed[1]
        if (ref is None or ref.kind in ("org", "role")) and rest and rest[0].text.lower() == "dari":
            # "kata Wakil Ketua Baleg DPR dari Fraksi Nasdem Willy Aditya": the affiliation after
            # "dari" ends with the name
            run = []
            for t in rest[1:]:
                if not (is_cap(t.text) or t.text in ("(", ")", "dan")):
                    break
                run.append(t)
            run = [t for t in run if t.text not in ("(", ")")]
            rng = name_in(run, lex, article_places(doc.text)) if run and run[0].text in lex.org_words else None
            ok = rng is not None and rng[1] == len(run) and rng[1] - rng[0] >= 2
            aref = parse_phrase(doc.article, run[rng[0] :], lex) if ok and rng is not None else None
            if aref is not None and aref.kind in ("name", "entity"):
                return cue, aref, run[-1].end
        if ref is None or ref.kind in ("org", "role"):
            # "kata Sekretaris Atase Pers ... di Indonesia, Alexander Thielitz": the name after a comma
            for k in range(min(len(rest), 10)):
                if rest[k].text in (".", "!", "?") or rest[k].text in QUOTE_CHARS:
                    break
                if rest[k].text == "," and _appositive_name(rest[k + 1 :], lex):
                    app = _cut_phrase(doc, lex, rest[k + 1 :])
                    aref = parse_phrase(doc.article, app, lex) if app else None
                    if aref is not None and aref.kind in ("name", "entity"):
                        return cue, aref, app[-1].end
                    break
        return cue, ref, end
    # "..., ” Lavrov menambahkan." / "..., ” ia menjelaskan."
    for k in range(1, min(len(toks), 9)):
        w = toks[k].text.lower()
        if w in lex.clause_verbs or (lex.is_post_cue(w) and not lex.pronoun_cue(w)):
            subj = toks[:k]
            subj = [t for t in subj if t.text.lower() not in lex.verb_modifiers]
            if not subj or any(t.text in (".", "!", "?") or t.text in QUOTE_CHARS for t in toks[:k]):
                return None
            ref = parse_phrase(doc.article, subj, lex)
            if ref is None:
                return None
            v = toks[k]
            return Cue(v.start, v.end, v.text, _lemma(v.text, lex)), ref, v.end
        if toks[k].text in (".", "!", "?") or toks[k].text in QUOTE_CHARS:
            break
    return None


def _name_after_place(
    doc: _Doc, lex: QuoteLexicon, phrase: list[Token], rest: list[Token]
) -> tuple[SpeakerRef, int] | None:
    """``kata Camat Neglasari, Kabupaten Tangerang, Ubaidillah Ansar, Sabtu``: a role, the place
    it belongs to between commas, then the name. Only for a phrase headed by a title or a role."""
    if not phrase or not rest or rest[0].text != ",":
        return None
    words = [t.text for t in phrase]
    if not (words[0] in lex.titles or words[0].rstrip(".") in lex.titles or lex.role_at(words, 0)):
        return None
    places = article_places(doc.text)
    k = 1
    while k < len(rest) and rest[k].text != ",":
        w = rest[k].text
        if not (w in lex.places or w in lex.org_words or w in places):
            return None
        k += 1
    if k == 1 or k >= len(rest) or not _appositive_name(rest[k + 1 :], lex):
        return None
    if rest[k + 1].text.lower() in lex.days:
        return None
    app = _cut_phrase(doc, lex, rest[k + 1 :])
    ref = parse_phrase(doc.article, app, lex) if app else None
    if ref is None or ref.kind not in ("name", "entity"):
        return None
    return ref, app[-1].end


def _pre_attribution(doc: _Doc, lex: QuoteLexicon, q: Quoted) -> tuple[Cue, SpeakerRef | None, int] | None:
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
            if toks[k - 1].text.lower() in lex.negations:
                return None
            ref = subject_ref(doc.article, lex, toks[:k])
            v = toks[k]
            return Cue(v.start, v.end, v.text, _lemma(v.text, lex)), ref, v.end
        if w in lex.post_cues and not lex.pronoun_cue(w) and k < len(toks) - 1:
            # "Kata Lavrov: “...”"
            phrase = _cut_phrase(doc, lex, toks[k + 1 :])
            if phrase and phrase[-1].end == toks[-1].end:
                v = toks[k]
                return Cue(v.start, v.end, v.text, _lemma(v.text, lex)), parse_phrase(doc.article, phrase, lex), v.end
    return None


def _merge_interrupted(doc: _Doc, cands: list[Candidate]) -> list[Candidate]:
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


# ---- indirect quotations -------------------------------------------------------------------


def find_indirect(doc: _Doc, lex: QuoteLexicon, direct: list[Candidate]) -> list[Candidate]:
    inner = [p for c in direct for p in c.parts]
    opens = {c.quoted.open_pos for c in direct if c.quoted is not None and c.quoted.open_pos is not None}
    outer = [(c.quoted.outer_start, c.quoted.outer_end) for c in direct if c.quoted is not None]

    # merged, sorted intervals: a bisect per token instead of a scan over every quotation
    merged: list[tuple[int, int]] = []
    for s, e in sorted(inner + outer):
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    merged_starts = [s for s, _ in merged]

    def inside(t: Token) -> bool:
        k = bisect.bisect_right(merged_starts, t.start) - 1
        return k >= 0 and t.start < merged[k][1]

    def opens_direct(t: Token) -> bool:
        return t.start in opens

    finder = IndirectFinder(doc.article, lex, lambda w: _lemma(w, lex), lambda toks: _cut_phrase(doc, lex, toks))
    out: list[Candidate] = []
    for ss, se in doc.sentence_spans:
        toks = doc.tokens_in(ss, se)
        for f in finder.sentence(toks, inside, opens_direct):
            out.append(
                Candidate(
                    f.start,
                    f.end,
                    "indirect",
                    [(f.start, f.end)],
                    cue=f.cue,
                    ref=f.ref,
                    has_ref=True,
                    confidence=f.confidence,
                )
            )
    return out


def _lemma(word: str, lex: QuoteLexicon) -> str:
    w = word.lower()
    for suf in lex.pronoun_suffixes:
        if w.endswith(suf) and w[: -len(suf)] in lex.post_cues:
            return w[: -len(suf)]
    return w


# ---- speakers ------------------------------------------------------------------------------


def attribute(
    article: Article, cands: list[Candidate], names: NameIndex, subjects: list[tuple[int, str]]
) -> list[Quote]:
    """Resolve speakers in text order, keeping the speaker in focus for pronouns and suffixes.

    ``subjects``: people named as the subject of a sentence ("Kapolsek Tambora Kompol Slamet
    Riyadi membenarkan ...", "Namun, Rakhmat berharap ...") also come into focus, so a following
    "Menurutnya, ..." or "..., ujarnya" points to them even when their own sentence was not a
    quotation. Two foci are kept: the last speaker of any kind and the last person; a pronoun
    (``ia``, ``-nya``) or a quotation without attribution goes to the person, as an organisation
    ("Pemprov Jabar meyakini ...") is not what ``tuturnya`` refers to when a person was just
    named; the organisation is taken only when no person is in focus nearby.
    """
    quotes: list[Quote] = []
    focus: Speaker | None = None
    focus_para = -1
    person: Speaker | None = None
    person_para = -1
    kinds = {e.id: e.type for e in article.entities}
    # a person named inside a quotation is what the speaker talks about, not a new subject
    quoted = [part for c in cands if c.kind == "direct" for part in c.parts]
    subjects = [(off, name) for off, name in subjects if not any(s <= off < e for s, e in quoted)]
    si = 0
    last_indirect: Quote | None = None
    for c in cands:
        while si < len(subjects) and subjects[si][0] < c.start:
            off, name = subjects[si]
            focus, focus_para = Speaker(entity=None, name=names.fullest(name)), _para_idx(article, off)
            person, person_para = focus, focus_para
            si += 1
        para = _para_idx(article, c.start)
        inside = last_indirect is not None and last_indirect.start <= c.start and c.end <= last_indirect.end + 2
        if c.ref is None and c.kind == "direct" and inside and last_indirect is not None and last_indirect.speaker:
            # a quoted phrase inside reported speech: "... berada dalam keadaan “paling parah”"
            speaker, reason, factor = _copy_speaker(last_indirect.speaker), None, 0.8
        else:
            f, f_para = focus, focus_para
            if (c.ref is None or c.ref.kind == "pronoun") and person is not None and para - person_para <= 2:
                f, f_para = person, person_para
            if c.ref is None and c.kind == "direct" and (f is None or para - f_para > 2):
                f = None  # an unattributed quotation far from the last speaker: do not guess
            speaker, reason, factor = resolve(article, c.ref, names, f, c.start)
        organisation = speaker is not None and (
            kinds.get(speaker.entity) == "ORG" if speaker.entity else c.ref is not None and c.ref.kind == "org"
        )
        if speaker is not None and not organisation:
            # "Korupsi Pahala Nainggolan" from a tagger's span: the name without the glued word
            speaker.name = person_name(article, speaker.name, names.lex, common=False)
        if c.ref is None and speaker is not None:
            reason = None
        quote = Quote(
            start=c.start,
            end=c.end,
            text=" ".join(article.text[s:e] for s, e in c.parts),
            kind=c.kind,
            cue=c.cue,
            speaker=speaker,
            speaker_reason=reason,
            confidence=round(max(0.05, min(1.0, c.confidence * factor)), 3),
            parts=[Span(s, e) for s, e in c.parts] if len(c.parts) > 1 else [],
        )
        quotes.append(quote)
        if c.kind == "indirect":
            last_indirect = quote
        if speaker is not None:
            focus, focus_para = speaker, para
            if not organisation:
                person, person_para = speaker, para
    return quotes


def _copy_speaker(s: Speaker) -> Speaker:
    return Speaker(
        entity=s.entity, name=s.name, titles=list(s.titles), affiliations=list(s.affiliations), mention=s.mention
    )


def sentence_subjects(doc: _Doc, names: NameIndex, lex: QuoteLexicon) -> list[tuple[int, str]]:
    """People named with a title at the start of a sentence (after connectors)."""
    out = []
    starts = set(doc.sentence_starts)
    for off, _role, name in names.roles:
        i = doc.tok_index(off)
        j = i
        while (
            j > 0
            and doc.tokens[j - 1].start not in starts
            and (doc.tokens[j - 1].text == "," or doc.tokens[j - 1].text.lower() in lex.connectors)
        ):
            j -= 1
        head = doc.tokens[j - 1].start if j > 0 else -1
        if off in starts or (j > 0 and head in starts and doc.tokens[j - 1].text.lower() in lex.connectors) or j == 0:
            out.append((off, name))
    for e in doc.article.entities:
        if e.type == "PER" and person_like(doc.article, e.name, lex):
            for m in e.mentions:
                if _subject_position(doc, m.start, m.end, lex):
                    out.append((m.start, e.name))
    return sorted(out)


SUBJECT_RUN_WORDS = frozenset({"(", ")", "dan", "and", "of", "for", "&", "-", "/"})


def _subject_position(doc: _Doc, start: int, end: int, lex: QuoteLexicon) -> bool:
    """Does a person mention stand as the subject of its sentence?

    The mention may open the sentence, follow its title and affiliation ("Ketua Kadin Surabaya
    Muhammad Ali Affandi mengatakan"), a fronted adjunct or connector ending in a comma ("Namun,
    Rakhmat berharap", "Dalam peluncuran program itu, Gubernur X meminta"), or a passive cue
    ("Hal senada dikemukakan Koordinator DFW X"). A one-word mention followed by another
    capitalised word ("Kadin Surabaya mengusulkan") is part of a longer name, not a subject.
    """
    ss, se = doc.sentence_of(start)
    after = doc.tokens_in(end, se)[:1]
    if after and is_cap(after[0].text) and len(doc.text[start:end].split()) == 1:
        return False
    toks = doc.tokens_in(ss, start)
    k = len(toks)
    while k > 0 and (is_cap(toks[k - 1].text) or toks[k - 1].text in SUBJECT_RUN_WORDS):
        low = toks[k - 1].text.lower()
        if low in lex.subject_adjuncts or low in lex.cue_words:
            return False  # "Terkait Daniel yang ...", "Menurut Amin, ...": not the subject
        k -= 1
    if k == 0:
        return True
    prev = toks[k - 1].text.lower()
    if prev in lex.passive_cues:
        return True
    if prev != ",":
        return False
    if after and after[0].text == ",":
        # "Dosen Fakultas Ekonomika UGM, Rimawan Pradiptyo, juga menyoroti ...": an apposition
        nxt = doc.tokens_in(after[0].end, se)[:1]
        if nxt and nxt[0].text[:1].islower():
            return True
    head_toks = [t for t in toks[: k - 1] if t.text != ","]
    head = [t.text.lower() for t in head_toks]
    if not head:
        return True
    if all(w in lex.connectors for w in head) or head[0] in lex.subject_adjuncts:
        return True
    # a subheading glued before the sentence: "Banyak hikmahnya Secara terpisah, Wakil Ketua ..."
    return any(
        head_toks[i].text[:1].isupper() and (" ".join(head[i:]) in lex.connectors or head[i] in lex.subject_adjuncts)
        for i in range(1, len(head))
    )


def _para_idx(article: Article, offset: int) -> int:
    for k, p in enumerate(article.paragraphs):
        if p.start <= offset < p.end:
            return k
    return -1
