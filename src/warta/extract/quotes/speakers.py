"""The attributor: speakers resolved in text order, keeping the speaker in focus for pronouns,
suffixes (``katanya``) and quotations without attribution.

People named as the subject of a sentence ("Kapolsek Tambora Kompol Slamet Riyadi membenarkan
...", "Namun, Rakhmat berharap ...") come into focus too, so a following "Menurutnya, ..." or
"..., ujarnya" points to them even when their own sentence was not a quotation.
"""

from __future__ import annotations

from warta.article import Article, Quote, Span, Speaker
from warta.extract.entities.person_names import person_like
from warta.extract.quotes.doc import Candidate, Doc
from warta.extract.quotes.name_index import NameIndex
from warta.extract.quotes.names import is_cap, person_name
from warta.extract.quotes.registry import declare
from warta.extract.quotes.resolve import copy_speaker, resolve
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

SUBJECT_FOCUS = declare("subject-focus", "a person named as a sentence's subject comes into focus for later pronouns")
QUOTED_PERSON = declare(
    "quoted-person", "a person named inside a direct quotation is what is talked about, not a subject"
)
PERSON_FOCUS = declare(
    "person-focus", "a pronoun or a quotation without attribution goes to the last person, not to an organisation"
)
FAR_FOCUS = declare(
    "far-focus", "a quotation without attribution more than two paragraphs after the last speaker gets no speaker"
)
IN_REPORTED_SPEECH = declare(
    "in-reported-speech", "a quoted phrase inside reported speech takes the speaker of that reported speech"
)
ADJUNCT_SUBJECT = declare(
    "adjunct-subject",
    "a person after a fronted adjunct or a connector and a comma, or in apposition after a role, is the subject",
)

# punctuation inside a capitalised subject run ("Institute for Development of Economics and Finance")
SUBJECT_RUN_PUNCT = frozenset({"(", ")", "&", "-", "/"})

PARTS_JOINER = " … "  # between the parts of a quotation interrupted by its attribution


def attribute(
    article: Article, cands: list[Candidate], names: NameIndex, subjects: list[tuple[int, str]]
) -> list[Quote]:
    """Resolve speakers in text order, keeping the speaker in focus for pronouns and suffixes.

    ``subjects``: people named as the subject of a sentence come into focus. Two foci are kept:
    the last speaker of any kind and the last person; a pronoun (``ia``, ``-nya``) or a quotation
    without attribution goes to the person, as an organisation ("Pemprov Jabar meyakini ...") is
    not what ``tuturnya`` refers to when a person was just named; the organisation is taken only
    when no person is in focus nearby.
    """
    quotes: list[Quote] = []
    focus: Speaker | None = None
    focus_para = -1
    person: Speaker | None = None
    person_para = -1
    kinds = {e.id: e.type for e in article.entities}
    if QUOTED_PERSON.on:
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
        if (
            c.ref is None
            and c.kind == "direct"
            and inside
            and last_indirect is not None
            and last_indirect.speaker
            and IN_REPORTED_SPEECH.on
        ):
            # a quoted phrase inside reported speech: "... berada dalam keadaan “paling parah”"
            speaker, reason, factor = copy_speaker(last_indirect.speaker), None, 0.8
        else:
            f, f_para = focus, focus_para
            if (
                (c.ref is None or c.ref.kind == "pronoun")
                and person is not None
                and para - person_para <= 2
                and PERSON_FOCUS.on
            ):
                f, f_para = person, person_para
            if c.ref is None and c.kind == "direct" and (f is None or para - f_para > 2) and FAR_FOCUS.on:
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
        quote = _quote(article, c, speaker, reason, factor)
        quotes.append(quote)
        if c.kind == "indirect":
            last_indirect = quote
        if speaker is not None:
            focus, focus_para = speaker, para
            if not organisation:
                person, person_para = speaker, para
    return quotes


def _quote(article: Article, c: Candidate, speaker: Speaker | None, reason: str | None, factor: float) -> Quote:
    return Quote(
        start=c.start,
        end=c.end,
        text=PARTS_JOINER.join(article.text[s:e] for s, e in c.parts),
        kind=c.kind,
        cue=c.cue,
        speaker=speaker,
        speaker_reason=reason,
        confidence=round(max(0.05, min(1.0, c.confidence * factor)), 3),
        parts=[Span(s, e) for s, e in c.parts] if len(c.parts) > 1 else [],
    )


def sentence_subjects(doc: Doc, names: NameIndex, lex: QuoteLexicon) -> list[tuple[int, str]]:
    """People named with a title at the start of a sentence (after connectors)."""
    if not SUBJECT_FOCUS.on:
        return []
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


def _subject_position(doc: Doc, start: int, end: int, lex: QuoteLexicon) -> bool:
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
    while k > 0 and (
        is_cap(toks[k - 1].text) or toks[k - 1].text in SUBJECT_RUN_PUNCT or toks[k - 1].text in lex.subject_run_words
    ):
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
    if after and after[0].text == "," and ADJUNCT_SUBJECT.on:
        # "Dosen Fakultas Ekonomika UGM, Rimawan Pradiptyo, juga menyoroti ...": an apposition
        nxt = doc.tokens_in(after[0].end, se)[:1]
        if nxt and nxt[0].text[:1].islower():
            return True
    return ADJUNCT_SUBJECT.on and _after_adjunct(toks[: k - 1], lex)


def _after_adjunct(head_toks: list[Token], lex: QuoteLexicon) -> bool:
    """Do the words before the comma make a fronted adjunct or connector (or nothing)?"""
    head_toks = [t for t in head_toks if t.text != ","]
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
