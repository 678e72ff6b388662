"""The attributor: speakers resolved in text order, keeping the speaker in focus for pronouns,
suffixes (``katanya``) and quotations without attribution.

People named as the subject of a sentence ("Kapolsek Tambora Kompol Slamet Riyadi membenarkan
...", "Namun, Rakhmat berharap ...") come into focus too, so a following "Menurutnya, ..." or
"..., ujarnya" points to them even when their own sentence was not a quotation.
"""

from __future__ import annotations

import re

from warta import budget
from warta.article import Article, Entity, Quote, Span, Speaker
from warta.extract.entities.person_names import person_like
from warta.extract.quotes.doc import Candidate, Doc
from warta.extract.quotes.name_index import NameIndex
from warta.extract.quotes.names import is_cap, person_name
from warta.extract.quotes.registry import declare
from warta.extract.quotes.resolve import copy_speaker, resolve
from warta.lang.lexicon import QuoteLexicon

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

AGED_NOT_FOCUS = declare(
    "aged-not-focus",
    "a person introduced with an age (NS (47)) is who the news is about: as a subject, not a speaker in focus",
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
        budget.check()
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
            if AGED_NOT_FOCUS.on and _introduced_with_age(doc.article.text, e):
                continue
            for m in e.mentions:
                budget.check()
                if _subject_position(doc, m.start, m.end, lex):
                    out.append((m.start, e.name))
    return sorted(out)


def _introduced_with_age(text: str, e: Entity) -> bool:
    """Is the person's first mention followed by an age in brackets ("Indratmoko (42)")?"""
    first = min(e.mentions, key=lambda m: m.start, default=None)
    return first is not None and re.match(r"\s*\(\d{1,3}\)", text[first.end : first.end + 8]) is not None


def _subject_position(doc: Doc, start: int, end: int, lex: QuoteLexicon) -> bool:
    """Does a person mention stand as the subject of its sentence?

    The mention may open the sentence, follow its title and affiliation ("Ketua Kadin Surabaya
    Muhammad Ali Affandi mengatakan"), a fronted adjunct or connector ending in a comma ("Namun,
    Rakhmat berharap", "Dalam peluncuran program itu, Gubernur X meminta"), or a passive cue
    ("Hal senada dikemukakan Koordinator DFW X"). A one-word mention followed by another
    capitalised word ("Kadin Surabaya mengusulkan") is part of a longer name, not a subject.

    Works on token indexes and the article-wide :class:`SubjectIndex`, so each mention costs
    the same on a sentence of a million characters as on one of twenty words.
    """
    ix = doc.memo("subject-index", lambda: SubjectIndex(doc, lex))
    tokens = doc.tokens
    ss, se = doc.sentence_of(start)
    a_i, a_j = doc.token_range(end, se)
    after = tokens[a_i] if a_i < a_j else None
    if after is not None and is_cap(after.text) and len(doc.text[start:end].split()) == 1:
        return False
    first, k = doc.token_range(ss, start)  # the sentence's tokens before the mention: [first, k)
    # walk back over the capitalised run before the mention (a title, an affiliation)
    run = max(first, ix.run_start[k])
    if ix.last_stop[k] >= run:
        return False  # "Terkait Daniel yang ...", "Menurut Amin, ...": not the subject
    k = run
    if k == first:
        return True
    prev = tokens[k - 1].text.lower()
    if prev in lex.passive_cues:
        return True
    if prev != ",":
        return False
    if after is not None and after.text == "," and ADJUNCT_SUBJECT.on:
        # "Dosen Fakultas Ekonomika UGM, Rimawan Pradiptyo, juga menyoroti ...": an apposition
        n_i, n_j = doc.token_range(after.end, se)
        if n_i < n_j and tokens[n_i].text[:1].islower():
            return True
    return ADJUNCT_SUBJECT.on and _after_adjunct(ix, first, k - 1, lex)


class SubjectIndex:
    """What ``_subject_position`` asks about the tokens before a mention, for every token
    index at once (one pass over the article):

    - ``run_start[k]``: where the run of capitalised words, run punctuation and run words
      (``lex.subject_run_words``) that ends before token ``k`` starts;
    - ``last_stop[k]``: the last token before ``k`` that is a fronted adjunct or a cue word
      (-1 if none), which ends the search for a subject when it lies in that run;
    - over the tokens that are not commas, in order (``plain``), the prefix counts of those
      that are not connectors and of capitalised adjuncts, and their positions.
    """

    def __init__(self, doc: Doc, lex: QuoteLexicon) -> None:
        tokens = doc.tokens
        n = len(tokens)
        self.run_start = [0] * (n + 1)
        self.last_stop = [-1] * (n + 1)
        start, stop = 0, -1
        cue_words = lex.cue_words  # a union built on each access
        for i, t in enumerate(tokens):
            in_run = is_cap(t.text) or t.text in SUBJECT_RUN_PUNCT or t.text in lex.subject_run_words
            if not in_run:
                start = i + 1
            low = t.text.lower()
            if in_run and (low in lex.subject_adjuncts or low in cue_words):
                stop = i
            self.run_start[i + 1] = start
            self.last_stop[i + 1] = stop
        # tokens that are not commas, in order; plain_at[i]: how many of them come before token i
        self.plain: list[int] = []
        self.plain_at = [0] * (n + 1)
        self.not_connector = [0]  # prefix counts over self.plain
        self.capital_adjunct = [0]
        for i, t in enumerate(tokens):
            self.plain_at[i] = len(self.plain)
            if t.text == ",":
                continue
            low = t.text.lower()
            self.plain.append(i)
            self.not_connector.append(self.not_connector[-1] + (low not in lex.connectors))
            self.capital_adjunct.append(
                self.capital_adjunct[-1] + (t.text[:1].isupper() and low in lex.subject_adjuncts)
            )
        self.plain_at[n] = len(self.plain)
        self.words = [t.text.lower() for t in tokens]
        self.upper = [t.text[:1].isupper() for t in tokens]
        self.longest_connector = max((c.count(" ") + 1 for c in lex.connectors), default=0)


def _after_adjunct(ix: SubjectIndex, first: int, stop: int, lex: QuoteLexicon) -> bool:
    """Do the words before the comma (tokens ``[first, stop)``, commas left out) make a fronted
    adjunct or connector (or nothing)?"""
    a, b = ix.plain_at[first], ix.plain_at[stop]  # the head: ix.plain[a:b]
    if a == b:
        return True
    if ix.not_connector[b] == ix.not_connector[a] or ix.words[ix.plain[a]] in lex.subject_adjuncts:
        return True
    # a subheading glued before the sentence: "Banyak hikmahnya Secara terpisah, Wakil Ketua ..."
    if ix.capital_adjunct[b] > ix.capital_adjunct[a + 1]:
        return True
    # ... or a capitalised word opening a connector that runs to the comma (only the last few
    # words can: no connector is longer)
    return any(
        ix.upper[ix.plain[h]] and " ".join(ix.words[ix.plain[x]] for x in range(h, b)) in lex.connectors
        for h in range(max(a + 1, b - ix.longest_connector), b)
    )


def _para_idx(article: Article, offset: int) -> int:
    """Index of the paragraph holding ``offset``, or -1 (paragraphs are sorted and disjoint)."""
    paras = article.paragraphs
    lo, hi = 0, len(paras)
    while lo < hi:  # the last paragraph starting at or before offset
        mid = (lo + hi) // 2
        if paras[mid].start <= offset:
            lo = mid + 1
        else:
            hi = mid
    k = lo - 1
    return k if k >= 0 and offset < paras[k].end else -1
