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
from warta.extract.quotes.attribution import cut_phrase, lemma
from warta.extract.quotes.marks import END_PUNCT, QUOTE_CHARS
from warta.extract.quotes.phrase import SpeakerRef, parse_phrase
from warta.extract.quotes.post import NAME_AFTER_ROLE
from warta.extract.quotes.registry import declare
from warta.extract.quotes.subjects import DOCUMENT, subject_ref
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

TRAILING_ADJUNCT = declare(
    "trailing-adjunct", "a day or a short place adjunct after a comma at the content's end is cut"
)
LEADING_CONNECTOR = declare(
    "leading-connector", "a complementiser or a sentence connector at the content's start is cut"
)
PERSON_ONLY_CUE = declare("person-only-cue", "a fronted cue that takes only persons ignores organisations and roles")
CLAUSE_OBJECT = declare(
    "clause-object",
    "a verb's object with a predicate of its own (copula, auxiliary, negation) is a reported clause, not a noun phrase",
)
NP_OBJECT = declare(
    "np-object",
    "a speech verb with a noun-phrase object reports no speech (a weak verb is passed over for a later one)",
)
VERB_BLOCKER = declare(
    "verb-blocker",
    "a negation, relative word or modal before a speech verb: it reports no speech, attributes no quotation",
)
THAT_CLAUSE = declare("that-clause", "the reported clause starts after a complementiser within a few words of the verb")
CUE_WITH_SPEAKER = declare(
    "cue-with-speaker", "a cue with its speaker before unquoted content, inserted in it or after it, reports it"
)
SPEECH_VERB = declare("speech-verb", "a speech verb after its subject introduces the reported clause after it")


@dataclass
class Found:
    start: int
    end: int
    cue: Cue
    ref: SpeakerRef | None
    confidence: float


class IndirectFinder:
    """Indirect quotations, sentence by sentence, of one article."""

    def __init__(self, article: Article, lex: QuoteLexicon) -> None:
        self.article = article
        self.lex = lex

    # ---- helpers ----------------------------------------------------------------------------
    def cue(self, t: Token) -> Cue:
        return Cue(t.start, t.end, t.text, lemma(t.text, self.lex))

    def cut_phrase(self, toks: list[Token]) -> list[Token]:
        return cut_phrase(self.lex, toks)

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
            if not TRAILING_ADJUNCT.on:
                continue
            for k in range(len(toks) - 1, max(len(toks) - 10, 0), -1):
                if toks[k].text == "," and k + 1 < len(toks):
                    nxt = toks[k + 1].text
                    rest = toks[k + 1 :]
                    if nxt.lower() in lex.days or (
                        nxt in lex.local_preps
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
        words = lex.complementisers | lex.connectors if LEADING_CONNECTOR.on else frozenset()
        i = 0
        while i < len(toks):
            w = toks[i].text
            lw = w.lower()
            if w in (",", ":", "-", "—") or lw in words:
                i += 1
                continue
            two = " ".join(t.text.lower() for t in toks[i : i + 2])
            if two in words:
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
        shapes = (
            (CUE_WITH_SPEAKER, self._inserted_or_fronted),
            (CUE_WITH_SPEAKER, self._trailing),
            (SPEECH_VERB, self._clause),
        )
        for rule, finder in shapes:
            if not rule.on:
                continue
            found = finder(toks, free, opens_direct)
            if found:
                return [f for f in found if f is not None]
        return []

    def _adjuncts_only(self, toks: list[Token]) -> bool:
        """``, Sabtu (3/12), seperti yang dikutip RT.``: only time, place and source adjuncts."""
        rest = [t for t in toks if t.text not in (",", ".")]
        if not rest:
            return True
        first = rest[0].text.lower()
        return first in self.lex.days or first in self.lex.source_adjuncts or first in self.lex.local_preps

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

    def _noun_phrase_object(self, toks: list[Token]) -> bool:
        """A verb's object that is a noun phrase, not a reported clause: short, or headed by a
        possessed noun or a quantifier ("kegembiraannya", "sejumlah hal ...")."""
        words = [t.text.lower() for t in toks if t.text not in END_PUNCT]
        if len(words) < 3:
            return True
        first = words[0]
        possessed = any(
            first.endswith(s) and first[: -len(s)] in self.lex.common_words for s in self.lex.pronoun_suffixes
        )  # "kegembiraannya"
        headed = any(first.startswith(h) for h in self.lex.np_heads if len(h) >= 6)  # "dukunganya"
        if CLAUSE_OBJECT.on and self._has_predicate(words[1:]):
            return False  # "mengatakan informasi dari BNPB sudah diterima": a clause
        return first in self.lex.np_heads or possessed or headed

    def _has_predicate(self, words: list[str]) -> bool:
        """A copula, auxiliary or negation among ``words``, not right after "yang"."""
        return any(w in self.lex.clause_markers and (i == 0 or words[i - 1] != "yang") for i, w in enumerate(words))

    # ---- the three shapes ---------------------------------------------------------------------
    def _inserted_or_fronted(
        self, toks: list[Token], free: list[bool], opens_direct: Callable[[Token], bool]
    ) -> list[Found | None] | None:
        lex = self.lex
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
                got = self._cue_speaker(toks, free, i)
                if got is None:
                    continue
                ref, j, ends_sentence = got
                if ends_sentence:
                    # "..., menurut Gedung Putih." / "..., kata X.": the clause before is the content
                    head = self.item(toks[: i - 1], self.cue(t), ref, 0.7, min_len=3) if i > 1 else None
                    return [head] if head else None
            return self._around_cue(toks, free, opens_direct, i, j, ref, at_start)
        return None

    def _cue_speaker(self, toks: list[Token], free: list[bool], i: int) -> tuple[SpeakerRef, int, bool] | None:
        """The speaker after the cue ``toks[i]``, up to a comma: the reference, the index of the
        comma, and whether the sentence ends after the phrase."""
        lex = self.lex
        n = len(toks)
        lw = toks[i].text.lower()
        j = i + 1
        while j < n and toks[j].text != "," and j - i < 16 and free[j]:
            j += 1
        phrase = [x for x in toks[i + 1 : j] if x.text not in "()"]
        if not phrase or (phrase[0].text.lower() in lex.document_heads and DOCUMENT.on):
            return None
        ends_sentence = (
            j >= n
            or all(x.text in END_PUNCT or x.text in QUOTE_CHARS for x in toks[j:])
            or self._adjuncts_only(toks[j:])
        )
        if not ends_sentence and (j >= n or toks[j].text != ","):
            return None
        tail = self._appositive_tail(toks[j + 1 :]) if not ends_sentence and NAME_AFTER_ROLE.on else None
        if tail is not None:
            # "..., kata Sekretaris Atase Pers ... di Indonesia, Alexander Thielitz."
            phrase, ends_sentence = tail, True
        ref = parse_phrase(self.article, self.cut_phrase(phrase) or phrase, lex)
        if ref is None or (lw in lex.person_only_cues and ref.kind not in ("name", "entity") and PERSON_ONLY_CUE.on):
            return None
        return ref, j, ends_sentence

    def _around_cue(
        self,
        toks: list[Token],
        free: list[bool],
        opens_direct: Callable[[Token], bool],
        i: int,
        j: int,
        ref: SpeakerRef | None,
        at_start: bool,
    ) -> list[Found | None] | None:
        """The content before an inserted cue ``toks[i]`` and after its speaker (ending at ``j``)."""
        n = len(toks)
        cue = self.cue(toks[i])
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
            if b < 0 or (
                (toks[b].text.lower() in lex.negations or toks[b].text.lower() in lex.verb_blockers) and VERB_BLOCKER.on
            ):
                return None
            k = self._clause_start(toks, v)
            nxt = toks[v + 1].text.lower() if v + 1 < len(toks) else ""
            if (
                lw in lex.weak_verbs
                and lw not in lex.strong_verbs
                and nxt not in (",", ":")
                and nxt not in lex.complementisers
                and k == v + 1
                and NP_OBJECT.on
            ):
                # "Menanggapi hal itu, X mengatakan, ...": a weak verb with a noun-phrase object
                # may open the sentence; the speech verb comes later
                continue
            ref = subject_ref(self.article, lex, toks[: b + 1])
            if ref is None:
                return None
            if k == v + 1 and nxt not in (",", ":") and self._noun_phrase_object(toks[k:]) and NP_OBJECT.on:
                return None  # "menjelaskan kasus itu", "mengungkapkan kegembiraannya"
            body = toks[k:]
            while body and (body[0].text in (",", ":") or body[0].text.lower() in lex.complementisers):
                body = body[1:]
            if body and opens_direct(body[0]):
                return None  # "X mengatakan, “...”": a direct quotation
            f = self.item(body, self.cue(t), ref, 0.7)
            return [f] if f else None
        return None

    def _clause_start(self, toks: list[Token], v: int) -> int:
        """Where the reported clause starts: after the verb ``toks[v]``, or after a complementiser
        within a short adjunct after it ("mengatakan di Jakarta bahwa ...")."""
        k = v + 1
        if not THAT_CLAUSE.on:
            return k
        window = [x.text.lower() for x in toks[k : k + 8]]
        at = next((n for n, w in enumerate(window) if w in self.lex.that_words), None)
        if at is not None and "," not in window[:at]:
            k += at + 1
        return k


def _opens_inside(toks: list[Token]) -> bool:
    """Does the last quotation mark close one opened inside ``toks`` (keep it then)?"""
    marks = [t for t in toks if t.text in QUOTE_CHARS]
    return len(marks) % 2 == 0 and len(marks) > 0
