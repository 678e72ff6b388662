"""Indirect quotations: reported content introduced by a speech or assessment cue.

Shapes, per sentence (the annotation guidelines, "Indirect"):
- a speech verb with its clause: ``X (juga) mengatakan, (bahwa) ...``; the subject is read
  from the comma-separated chunks before the verb, skipping time and place adjuncts;
- a fronted cue: ``Menurut X, ...``, ``Bagi X, ...``, ``Menurutnya, ...``, ``Kata dia, ...``;
- a cue inserted in the content: ``Langkah ini, menurut X, merupakan ...``,
  ``..., kata dia, ...`` (two items with the same speaker);
- a trailing cue after unquoted content: ``..., kata X.``, ``..., menurut X.``.
Cue words found inside a direct quotation are not cues; content that starts with a quotation
mark is a direct quotation introduced by its speaker, not an indirect one.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from warta.article import Article, Cue
from warta.extract.quote_lexicon import QuoteLexicon
from warta.extract.quote_speakers import SpeakerRef, is_name_token, parse_phrase
from warta.nlp.segment import Token

QUOTE_CHARS = "\"'“”‘’«»„‟‹›"
END_PUNCT = ".!?…"
LOCAL_PREPS = ("pada", "di", "dalam", "saat", "ketika", "kepada", "melalui", "lewat", "usai", "seusai", "dari", "via")


@dataclass
class Found:
    start: int
    end: int
    cue: Cue
    ref: SpeakerRef | None
    confidence: float


Lemma = Callable[[str], str]


class IndirectFinder:
    def __init__(
        self, article: Article, lex: QuoteLexicon, lemma: Lemma, cut_phrase: Callable[[list[Token]], list[Token]]
    ) -> None:
        self.article = article
        self.lex = lex
        self.lemma = lemma
        self.cut_phrase = cut_phrase

    # ---- helpers ----------------------------------------------------------------------------
    def cue(self, t: Token) -> Cue:
        return Cue(t.start, t.end, t.text, self.lemma(t.text))

    def strip_end(self, toks: list[Token]) -> list[Token]:
        """Content end: drop final punctuation and a trailing time adjunct (``, Senin (3/12)``)."""
        lex = self.lex
        toks = list(toks)
        changed = True
        while toks and changed:
            changed = False
            while toks and (
                toks[-1].text in END_PUNCT + ",;:" or toks[-1].text in QUOTE_CHARS and not _opens_inside(toks)
            ):
                toks.pop()
                changed = True
            for k in range(len(toks) - 1, max(len(toks) - 10, 0), -1):
                if toks[k].text == "," and k + 1 < len(toks):
                    nxt = toks[k + 1].text
                    rest = toks[k + 1 :]
                    if nxt.lower() in lex.days or (
                        nxt in LOCAL_PREPS
                        and len(rest) <= 6
                        and any(t.text.lower() in lex.days or t.text[:1].isupper() for t in rest[1:])
                    ):
                        toks = toks[:k]
                        changed = True
                    break
        return toks

    def strip_start(self, toks: list[Token]) -> list[Token]:
        """Content start: no leading punctuation, complementiser or sentence connector."""
        lex = self.lex
        i = 0
        while i < len(toks):
            w = toks[i].text
            lw = w.lower()
            if w in (",", ":", "-", "—") or lw in lex.complementisers or lw in lex.connectors:
                i += 1
                continue
            two = " ".join(t.text.lower() for t in toks[i : i + 2])
            if two in lex.connectors:
                i += 2
                continue
            break
        return toks[i:]

    def item(self, toks: list[Token], cue: Cue, ref: SpeakerRef | None, conf: float, min_len: int = 2) -> Found | None:
        toks = self.strip_end(self.strip_start(toks))
        if len(toks) < min_len or toks[0].text in QUOTE_CHARS:
            return None
        return Found(toks[0].start, toks[-1].end, cue, ref, conf)

    # ---- one sentence -----------------------------------------------------------------------
    def sentence(
        self, toks: list[Token], inside: Callable[[Token], bool], opens_direct: Callable[[Token], bool]
    ) -> list[Found]:
        """Indirect quotations in one sentence. ``inside(t)``: is ``t`` inside a direct quotation;
        ``opens_direct(t)``: does ``t`` open a direct quotation."""
        if len(toks) < 4:
            return []
        free = [not inside(t) for t in toks]
        for finder in (self._inserted_or_fronted, self._trailing, self._clause):
            found = finder(toks, free, opens_direct)
            if found:
                return [f for f in found if f is not None]
        return []

    def _inserted_or_fronted(
        self, toks: list[Token], free: list[bool], opens_direct: Callable[[Token], bool]
    ) -> list[Found | None] | None:
        lex = self.lex
        n = len(toks)
        for i, t in enumerate(toks):
            lw = t.text.lower()
            if not free[i]:
                continue
            fronted = lw in lex.fronted_cues or lw in lex.fronted_pronoun_cues
            post = lex.is_post_cue(lw) and t.text[:1].islower() and i > 0
            if not fronted and not post:
                continue
            prev = toks[i - 1].text if i > 0 else ""
            at_start = i == 0 or (i <= 2 and all(x.text.lower() in lex.connectors or x.text == "," for x in toks[:i]))
            if not at_start and prev != ",":
                continue
            if lex.pronoun_cue(lw) or lw in lex.fronted_pronoun_cues:
                ref: SpeakerRef | None = SpeakerRef("pronoun", t.start, t.end, t.text)
                j = i  # the speaker is the cue word itself
            else:
                j = i + 1
                while j < n and toks[j].text != "," and j - i < 16 and free[j]:
                    j += 1
                phrase = [x for x in toks[i + 1 : j] if x.text not in "()"]
                if not phrase or phrase[0].text.lower() in lex.document_heads:
                    continue
                ends_sentence = (
                    j >= n
                    or all(x.text in END_PUNCT or x.text in QUOTE_CHARS for x in toks[j:])
                    or self._adjuncts_only(toks[j:])
                )
                if not ends_sentence and (j >= n or toks[j].text != ","):
                    continue
                tail = self._appositive_tail(toks[j + 1 :]) if not ends_sentence else None
                if tail is not None:
                    # "..., kata Sekretaris Atase Pers ... di Indonesia, Alexander Thielitz."
                    phrase, ends_sentence = tail, True
                ref = parse_phrase(self.article, self.cut_phrase(phrase) or phrase, lex)
                if ref is None or (lw == "bagi" and ref.kind not in ("name", "entity")):
                    continue
                if ends_sentence:
                    # "..., menurut Gedung Putih." / "..., kata X.": the clause before is the content
                    head = self.item(toks[: i - 1], self.cue(t), ref, 0.7, min_len=3) if i > 1 else None
                    return [head] if head else None
            cue = self.cue(t)
            out: list[Found | None] = []
            if i > 1 and not at_start:
                head_toks = toks[: i - 1]
                # the head may hold its own speech verb: "Fahmi mengakui bila ..., menurutnya ..."
                inner = self._clause(head_toks, free[: i - 1], opens_direct)
                if inner:
                    out.extend(inner)
                else:
                    out.append(self.item(head_toks, cue, ref, 0.7))
            k = j + 1 if j < n and toks[j].text == "," and j > i else j if j > i else i + 1
            body = toks[k:]
            while body and body[0].text in (",", ":"):
                body = body[1:]
            if body and opens_direct(body[0]):
                return [x for x in out if x] or None
            out.append(self.item(body, cue, ref, 0.75))
            out = [x for x in out if x]
            return out or None
        return None

    def _noun_phrase_object(self, toks: list[Token]) -> bool:
        """A verb's object that is a noun phrase, not a reported clause: short, or headed by a
        possessed noun or a quantifier ("kegembiraannya", "sejumlah hal ...")."""
        words = [t.text.lower() for t in toks if t.text not in END_PUNCT]
        if len(words) < 3:
            return True
        first = words[0]
        possessed = first.endswith("nya") and first[:-3] in self.lex.common_words  # "kegembiraannya"
        headed = any(first.startswith(h) for h in self.lex.np_heads if len(h) >= 6)  # "dukunganya"
        return first in self.lex.np_heads or possessed or headed

    def _appositive_tail(self, toks: list[Token]) -> list[Token] | None:
        """A bare name (1-4 capitalised words) ending the sentence or followed by adjuncts."""
        k = 0
        while k < len(toks) and toks[k].text[:1].isupper() and toks[k].text.lower() not in self.lex.days and k < 4:
            k += 1
        if k == 0:
            return None
        rest = toks[k:]
        if rest and rest[0].text == ",":
            rest = rest[1:]
        if not rest or all(x.text in END_PUNCT or x.text in QUOTE_CHARS for x in rest) or self._adjuncts_only(rest):
            return toks[:k]
        return None

    def _adjuncts_only(self, toks: list[Token]) -> bool:
        """``, Sabtu (3/12), seperti yang dikutip RT.``: only time, place and source adjuncts."""
        rest = [t for t in toks if t.text not in (",", ".")]
        if not rest:
            return True
        first = rest[0].text.lower()
        return (
            first in self.lex.days or first in ("seperti", "sebagaimana", "dikutip", "dilansir") or first in LOCAL_PREPS
        )

    def _trailing(
        self, toks: list[Token], free: list[bool], opens_direct: Callable[[Token], bool]
    ) -> list[Found | None] | None:
        """``..., kata X.`` with no quotation marks: the clause before the cue is the content."""
        lex = self.lex
        if any(t.text in QUOTE_CHARS for t in toks):
            return None
        for i in range(3, len(toks)):
            t = toks[i]
            if toks[i - 1].text != "," or not lex.is_post_cue(t.text) or not t.text[:1].islower():
                continue
            if lex.pronoun_cue(t.text):
                ref: SpeakerRef | None = SpeakerRef("pronoun", t.start, t.end, t.text)
            else:
                phrase = self.cut_phrase(toks[i + 1 :])
                if not phrase:
                    continue
                ref = parse_phrase(self.article, phrase, lex)
                if ref is None:
                    continue
            f = self.item(toks[: i - 1], self.cue(t), ref, 0.7, min_len=3)
            return [f] if f else None
        return None

    def _clause(
        self, toks: list[Token], free: list[bool], opens_direct: Callable[[Token], bool]
    ) -> list[Found | None] | None:
        """``X (juga) mengatakan, (bahwa) ...``: the clause after a speech verb."""
        lex = self.lex
        depth = 0
        for v, t in enumerate(toks):
            if t.text == "(":
                depth += 1
            elif t.text == ")":
                depth = max(0, depth - 1)
            lw = t.text.lower()
            if depth or lw not in lex.clause_verbs or v == 0 or not free[v]:
                continue
            if not all(free[:v]) or any(
                x.text in QUOTE_CHARS or lex.is_post_cue(x.text) and x.text[:1].islower() for x in toks[:v]
            ):
                return None  # '”..., kata Bogdanov menekankan': the verb belongs to an attribution
            b = v - 1
            while b >= 0 and toks[b].text.lower() in lex.verb_modifiers:
                b -= 1
            if (
                b < 0
                or toks[b].text.lower() in lex.negations
                or toks[b].text.lower() in ("yang", "untuk", "akan", "ingin", "mau", "dapat", "bisa", "harus", "perlu")
            ):
                return None
            # the reported clause starts after the verb, an optional adjunct and "bahwa"
            k = v + 1
            window = [x.text.lower() for x in toks[k : k + 8]]
            if "bahwa" in window and "," not in window[: window.index("bahwa")]:
                k += window.index("bahwa") + 1
            nxt = toks[v + 1].text.lower() if v + 1 < len(toks) else ""
            if (
                lw in lex.weak_verbs
                and lw not in lex.strong_verbs
                and nxt not in (",", ":")
                and nxt not in lex.complementisers
                and k == v + 1
            ):
                # "Menanggapi hal itu, X mengatakan, ...": a weak verb with a noun-phrase object
                # may open the sentence; the speech verb comes later
                continue
            ref = subject_ref(self.article, lex, toks[: b + 1])
            if ref is None:
                return None
            if k == v + 1 and nxt not in (",", ":") and self._noun_phrase_object(toks[k:]):
                return None  # "menjelaskan kasus itu", "mengungkapkan kegembiraannya"
            body = toks[k:]
            while body and (body[0].text in (",", ":") or body[0].text.lower() in lex.complementisers):
                body = body[1:]
            if body and opens_direct(body[0]):
                return None  # "X mengatakan, “...”": a direct quotation
            f = self.item(body, self.cue(t), ref, 0.7)
            return [f] if f else None
        return None


def _opens_inside(toks: list[Token]) -> bool:
    """Does the last quotation mark close one opened inside ``toks`` (keep it then)?"""
    marks = [t for t in toks if t.text in QUOTE_CHARS]
    return len(marks) % 2 == 0 and len(marks) > 0


def subject_ref(article: Article, lex: QuoteLexicon, subj: list[Token]) -> SpeakerRef | None:
    """The speaker among the comma-separated chunks before a verb.

    Time and place adjuncts are skipped; the chunk nearest the verb that names someone wins
    ("Peneliti Formappi, Akbar menambahkan"), except chunks that start with a lower-case
    description ("Tri Maharini, dokter emergensi dari ..., memaparkan").
    """
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
    chunks = [c for c in chunks if c]
    if not chunks:
        return None
    if chunks[0][0].text.lower() in lex.document_subjects:
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
        lower_start = first[:1].islower() and first.lower() not in lex.pronouns and first.lower() != "pihak"
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
        if lower_start or (idx > 0 and _role_chunk(core, lex) and any(_bare_name(c, lex) for c in chunks[:idx])):
            # "Kisran Makati, Ketua Pusat Kajian ... Sultra, menjabarkan": the role describes the
            # bare name before it
            described.add(id(ref))
    # nearest the verb first; a pronoun right before the verb is the subject; otherwise a person
    # named in any chunk beats an organisation or a role, and a bare name beats a name inside a
    # lower-case description ("Enuyrohman (43), warga Leles, mengatakan": Leles is a place)
    if refs and refs[0].kind == "pronoun":
        return refs[0]

    def person(r: SpeakerRef) -> bool:
        return r.kind == "name" or (r.kind == "entity" and r.entity is not None and r.entity.type == "PER")

    for r in refs:
        if person(r) and id(r) not in described:
            return r
    for kinds in (("entity", "name"), ("pronoun",), ("role",), ("org",)):
        for r in refs:
            if r.kind in kinds:
                if r.kind == "pronoun" and refs.index(r) != 0:
                    continue
                return r
    return generic_subject(lex, subject_core(chunks[-1], lex))


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
        if not out and (lw in lex.connectors or lw in ("selain", "itu", "saat", "ketika", "dalam", "pada")):
            continue
        if t.text in LOCAL_PREPS and out and _name_tail(chunk[k + 1 :]):
            # "Pengamat politik dari Universitas Lampung Robi Cahyadi Kurniawan": the phrase after
            # the preposition is the affiliation and ends with the name
            out.append(t)
            continue
        if (t.text in LOCAL_PREPS or t.text in ("yang", "selaku", "sebagai")) and out:
            break  # "Refrizal yang juga menjabat Kepala Satgas ...", "X selaku Presiden Direktur ..."
        out.append(t)
    # a leading adjunct chunk such as "Pada pengoperasian awal ini, dia": keep the pronoun
    return out


def _name_tail(toks: list[Token]) -> bool:
    """Is the rest of a subject chunk a capitalised run (an affiliation ending in a name)?"""
    words = [t.text for t in toks if t.text not in ("(", ")")]
    return len(words) >= 2 and all(w[:1].isupper() or w in ("dan", "&", "-") for w in words)


def _titled_tail(chunk: list[Token], lex: QuoteLexicon) -> list[Token]:
    """The capitalised run ending a chunk when it opens with a title ("Kepala Bidang ... Dezy
    Syukrawati"); empty otherwise."""
    k = len(chunk)
    while k > 0 and (chunk[k - 1].text[:1].isupper() or chunk[k - 1].text in ("dan", "(", ")")):
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
