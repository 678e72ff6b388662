"""The subject before a speech verb (``Peneliti Formappi, Akbar menambahkan``): the speaker among
the comma-separated chunks before the verb, skipping time and place adjuncts and descriptions."""

from __future__ import annotations

from warta.article import Article
from warta.extract.quotes.names import is_name_token
from warta.extract.quotes.phrase import GENERIC, SpeakerRef, parse_phrase
from warta.extract.quotes.registry import declare
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

DOCUMENT = declare(
    "document-no-speaker", "a document as the subject or after a fronted cue (a report, data, a law) is no speaker"
)
DESCRIBED_NAME = declare(
    "described-name", "a chunk describing a bare name before it (a role, a lower-case description) is not the speaker"
)
PERSON_FIRST = declare("person-first", "a person named in any subject chunk beats an organisation or a role")
SUBJECT_BREAK = declare(
    "subject-break", "a relative word, a function word or a preposition ends the subject: what follows describes it"
)


def _chunks(subj: list[Token]) -> list[list[Token]]:
    """The comma-separated chunks of the words before a verb, bracketed asides left out."""
    chunks: list[list[Token]] = [[]]
    depth = 0
    for t in subj:
        if t.text == "(":
            depth += 1
            continue
        if t.text == ")":
            depth = max(0, depth - 1)
            continue
        if depth:
            continue
        if t.text == ",":
            chunks.append([])
        else:
            chunks[-1].append(t)
    return [c for c in chunks if c]


def subject_ref(article: Article, lex: QuoteLexicon, subj: list[Token]) -> SpeakerRef | None:
    """The speaker among the comma-separated chunks before a verb.

    Time and place adjuncts are skipped; the chunk nearest the verb that names someone wins
    ("Peneliti Formappi, Akbar menambahkan"), except chunks that start with a lower-case
    description ("Tri Maharini, dokter emergensi dari ..., memaparkan").
    """
    chunks = _chunks(subj)
    if not chunks:
        return None
    if chunks[0][0].text.lower() in lex.document_subjects and DOCUMENT.on:
        return None
    refs: list[SpeakerRef] = []
    described: set[int] = set()
    for idx in range(len(chunks) - 1, -1, -1):
        core = subject_core(chunks[idx], lex)
        if not core:
            continue
        first = core[0].text
        if first.lower() in lex.days:
            continue
        lower_start = first[:1].islower() and first.lower() not in lex.pronouns and first.lower() not in lex.party_nouns
        ref = parse_phrase(article, core, lex)
        if ref is None or ref.kind not in ("name", "entity", "pronoun"):
            titled = _titled_tail(chunks[idx], lex)
            tref = parse_phrase(article, titled, lex) if titled else None
            if tref is not None and tref.kind in ("name", "entity"):
                # "Vaksinasi di bulan puasa Kepala Bidang ... Dezy Syukrawati, dihubungi kemarin,
                # mengatakan": a subheading glued before the titled subject
                ref, lower_start = tref, False
        if ref is None or (lower_start and len(chunks) > 1 and ref.kind not in ("pronoun", "role", "entity")):
            continue
        refs.append(ref)
        if (
            lower_start or (idx > 0 and _role_chunk(core, lex) and any(_bare_name(c, lex) for c in chunks[:idx]))
        ) and DESCRIBED_NAME.on:
            # "Kisran Makati, Ketua Pusat Kajian ... Sultra, menjabarkan": the role describes the
            # bare name before it
            described.add(id(ref))
    return _choose(refs, described) or (generic_subject(lex, subject_core(chunks[-1], lex)) if GENERIC.on else None)


def _choose(refs: list[SpeakerRef], described: set[int]) -> SpeakerRef | None:
    """Nearest the verb first; a pronoun right before the verb is the subject; otherwise a person
    named in any chunk beats an organisation or a role, and a bare name beats a name inside a
    lower-case description ("Enuyrohman (43), warga Leles, mengatakan": Leles is a place)."""
    if refs and refs[0].kind == "pronoun":
        return refs[0]

    def person(r: SpeakerRef) -> bool:
        return r.kind == "name" or (r.kind == "entity" and r.entity is not None and r.entity.type == "PER")

    if PERSON_FIRST.on:
        for r in refs:
            if person(r) and id(r) not in described:
                return r
    for kinds in (("entity", "name"), ("pronoun",), ("role",), ("org",)):
        for r in refs:
            if r.kind in kinds:
                if r.kind == "pronoun" and refs.index(r) != 0:
                    continue
                return r
    return None


def generic_subject(lex: QuoteLexicon, core: list[Token]) -> SpeakerRef | None:
    """An unnamed speaker ("Para periset", "sejumlah pejabat Afghanistan", "Polisi"): the
    quotation stands, its speaker is null."""
    if not core or len(core) > 6:
        return None
    words = [t.text.lower() for t in core]
    k = 0
    while k < len(words) - 1 and words[k] in lex.generic_quantifiers:
        k += 1
    if words[-1] in lex.demonstratives:
        return None  # "satpam tersebut" points back to someone: left to the role reading
    if words[k] in lex.generic_speakers or lex.role_at([t.text for t in core], k):
        return SpeakerRef("generic", core[0].start, core[-1].end, " ".join(t.text for t in core))
    return None


def subject_core(chunk: list[Token], lex: QuoteLexicon) -> list[Token]:
    """A subject chunk without leading connectors and trailing adjuncts."""
    out: list[Token] = []
    for k, t in enumerate(chunk):
        lw = t.text.lower()
        if t.text == "-" and k + 1 < len(chunk) and chunk[k + 1].text == "-":
            out = []  # "Jakarta, CNN Indonesia--Menteri ...": a dateline before the subject
            continue
        if t.text in ("-", "—") and not out:
            continue
        if not out and (lw in lex.connectors or lw in lex.subject_lead_skips):
            continue
        if t.text in lex.local_preps and out and _name_tail(chunk[k + 1 :], lex):
            # "Pengamat politik dari Universitas Lampung Robi Cahyadi Kurniawan": the phrase after
            # the preposition is the affiliation and ends with the name
            out.append(t)
            continue
        if (t.text in lex.local_preps or t.text in lex.subject_breaks) and out and SUBJECT_BREAK.on:
            break  # "Refrizal yang juga menjabat Kepala Satgas ...", "X selaku Presiden Direktur ..."
        out.append(t)
    # a leading adjunct chunk such as "Pada pengoperasian awal ini, dia": keep the pronoun
    return out


def _name_tail(toks: list[Token], lex: QuoteLexicon) -> bool:
    """Is the rest of a subject chunk a capitalised run (an affiliation ending in a name)?"""
    words = [t.text for t in toks if t.text not in ("(", ")")]
    return len(words) >= 2 and all(w[:1].isupper() or w in ("&", "-") or w in lex.conjunctions for w in words)


def _titled_tail(chunk: list[Token], lex: QuoteLexicon) -> list[Token]:
    """The capitalised run ending a chunk when it opens with a title ("Kepala Bidang ... Dezy
    Syukrawati"); empty otherwise."""
    k = len(chunk)
    while k > 0 and (
        chunk[k - 1].text[:1].isupper() or chunk[k - 1].text in ("(", ")") or chunk[k - 1].text in lex.conjunctions
    ):
        k -= 1
    while k < len(chunk) and not (chunk[k].text in lex.titles or lex.role_at([t.text for t in chunk], k)):
        k += 1
    tail = chunk[k:]
    return tail if len(tail) >= 2 else []


def _role_chunk(core: list[Token], lex: QuoteLexicon) -> bool:
    words = [t.text for t in core]
    return bool(words) and (words[0] in lex.titles or lex.role_at(words, 0) > 0)


def _bare_name(chunk: list[Token], lex: QuoteLexicon) -> bool:
    """A chunk that is only a person's name (2-4 capitalised name words)."""
    return 2 <= len(chunk) <= 4 and all(is_name_token(t.text, lex) for t in chunk)
