"""The attribution after a direct quotation: a cue then its speaker (``"...," kata Menteri Luar
Negeri Rusia Sergey Lavrov``, ``"...," ujarnya``), or a speaker then a verb (``"...," Lavrov
menambahkan``). A role may be followed by its affiliation or its place before the name
(``kata Camat Neglasari, Kabupaten Tangerang, Ubaidillah Ansar``)."""

from __future__ import annotations

from warta.article import Cue
from warta.extract.quotes.attribution import appositive_name, cut_phrase, lemma
from warta.extract.quotes.doc import Doc
from warta.extract.quotes.marks import QUOTE_CHARS, Quoted
from warta.extract.quotes.names import article_places, is_cap, name_in
from warta.extract.quotes.phrase import SpeakerRef, parse_phrase
from warta.extract.quotes.registry import declare
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

Attribution = tuple[Cue, SpeakerRef | None, int]  # the cue, the speaker read, the attribution's end

POST_CUE = declare("post-cue", "a cue word after a quotation, then the speaker, attributes it")
PRONOUN_CUE = declare("pronoun-cue", "a cue with a pronoun suffix after a quotation points to the speaker in focus")
NAME_AFTER_ROLE = declare(
    "name-after-role",
    "a role, then its place between commas, its affiliation or a comma, then a bare name: the name speaks",
)
SUBJECT_VERB = declare("subject-verb", "a speaker then a speech verb after a quotation attributes it")


def post_attribution(doc: Doc, lex: QuoteLexicon, q: Quoted) -> Attribution | None:
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
    if lex.is_post_cue(t0.text) and t0.text[:1].islower() and POST_CUE.on:
        return _cue_then_speaker(doc, lex, toks)
    if SUBJECT_VERB.on:
        return _speaker_then_verb(doc, lex, toks)
    return None


def _cue_then_speaker(doc: Doc, lex: QuoteLexicon, toks: list[Token]) -> Attribution:
    """``"...," kata X``: the phrase after the cue, or a name further on when it names a role."""
    t0 = toks[0]
    cue = Cue(t0.start, t0.end, t0.text, lemma(t0.text, lex))
    if lex.pronoun_cue(t0.text) and PRONOUN_CUE.on:
        return cue, SpeakerRef("pronoun", t0.start, t0.end, t0.text), t0.end
    phrase = cut_phrase(lex, toks[1:])
    ref = parse_phrase(doc.article, phrase, lex) if phrase else None
    end = phrase[-1].end if phrase else t0.end
    rest = [t for t in toks[1:] if t.start >= end]
    placed = _name_after_place(doc, lex, phrase, rest) if NAME_AFTER_ROLE.on else None
    if placed is not None:
        return cue, placed[0], placed[1]
    if (
        (ref is None or ref.kind in ("org", "role"))
        and rest
        and rest[0].text.lower() in lex.affiliation_preps
        and NAME_AFTER_ROLE.on
    ):
        found = _affiliation_name(doc, lex, rest)
        if found is not None:
            return cue, found[0], found[1]
    if (ref is None or ref.kind in ("org", "role")) and NAME_AFTER_ROLE.on:
        # "kata Sekretaris Atase Pers ... di Indonesia, Alexander Thielitz": the name after a comma
        for k in range(min(len(rest), 10)):
            if rest[k].text in (".", "!", "?") or rest[k].text in QUOTE_CHARS:
                break
            if rest[k].text == "," and appositive_name(rest[k + 1 :], lex):
                app = cut_phrase(lex, rest[k + 1 :])
                aref = parse_phrase(doc.article, app, lex) if app else None
                if aref is not None and aref.kind in ("name", "entity"):
                    return cue, aref, app[-1].end
                break
    return cue, ref, end


def _affiliation_name(doc: Doc, lex: QuoteLexicon, rest: list[Token]) -> tuple[SpeakerRef, int] | None:
    """The affiliation after the preposition ``rest[0]`` ends with the name ("kata Wakil Ketua
    Baleg DPR dari Fraksi Nasdem Willy Aditya")."""
    run = []
    for t in rest[1:]:
        if not (is_cap(t.text) or t.text in ("(", ")") or t.text in lex.conjunctions):
            break
        run.append(t)
    run = [t for t in run if t.text not in ("(", ")")]
    rng = name_in(run, lex, article_places(doc.text, lex)) if run and run[0].text in lex.org_words else None
    ok = rng is not None and rng[1] == len(run) and rng[1] - rng[0] >= 2
    aref = parse_phrase(doc.article, run[rng[0] :], lex) if ok and rng is not None else None
    if aref is not None and aref.kind in ("name", "entity"):
        return aref, run[-1].end
    return None


def _speaker_then_verb(doc: Doc, lex: QuoteLexicon, toks: list[Token]) -> Attribution | None:
    """A speaker then a verb: "..., ” Lavrov menambahkan." / "..., ” ia menjelaskan"."""
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
            return Cue(v.start, v.end, v.text, lemma(v.text, lex)), ref, v.end
        if toks[k].text in (".", "!", "?") or toks[k].text in QUOTE_CHARS:
            break
    return None


def _name_after_place(
    doc: Doc, lex: QuoteLexicon, phrase: list[Token], rest: list[Token]
) -> tuple[SpeakerRef, int] | None:
    """``kata Camat Neglasari, Kabupaten Tangerang, Ubaidillah Ansar, Sabtu``: a role, the place
    it belongs to between commas, then the name. Only for a phrase headed by a title or a role."""
    if not phrase or not rest or rest[0].text != ",":
        return None
    words = [t.text for t in phrase]
    if not (words[0] in lex.titles or words[0].rstrip(".") in lex.titles or lex.role_at(words, 0)):
        return None
    places = article_places(doc.text, lex)
    k = 1
    while k < len(rest) and rest[k].text != ",":
        w = rest[k].text
        if not (w in lex.places or w in lex.org_words or w in places):
            return None
        k += 1
    if k == 1 or k >= len(rest) or not appositive_name(rest[k + 1 :], lex):
        return None
    if rest[k + 1].text.lower() in lex.days:
        return None
    app = cut_phrase(lex, rest[k + 1 :])
    ref = parse_phrase(doc.article, app, lex) if app else None
    if ref is None or ref.kind not in ("name", "entity"):
        return None
    return ref, app[-1].end
