"""The attribution phrase after a cue (``kata Direktur Eksekutif ICT Institute, Heru Sutadi,
kepada wartawan``): where it ends, and the lemma of the cue word."""

from __future__ import annotations

from warta.extract.quotes.marks import QUOTE_CHARS
from warta.extract.quotes.names import is_name_token
from warta.extract.quotes.registry import declare
from warta.lang.lexicon import QuoteLexicon
from warta.nlp.segment import Token

APPOSITIVE = declare(
    "appositive-name", "a bare name after a comma ends a role phrase: role, then name", test="test_model_error_rules"
)
SHORT_NAME = declare("org-short-name", "an organisation's short name in brackets inside a role phrase does not end it")
JOINED_TITLE = declare(
    "joined-title", "a conjunction between two capitalised words is part of a title, not the phrase's end"
)


def cut_phrase(lex: QuoteLexicon, toks: list[Token]) -> list[Token]:
    """The attribution phrase: tokens up to a stop word, punctuation, date or source marker."""
    out: list[Token] = []
    skip_to = -1
    for k, t in enumerate(toks):
        if k <= skip_to:
            continue
        w = t.text
        lw = w.lower()
        if w == "," and out and APPOSITIVE.on and appositive_name(toks[k + 1 :], lex):
            continue  # "kata Direktur Eksekutif ICT Institute, Heru Sutadi"
        if w == "(" and out and SHORT_NAME.on:
            close = _short_parenthetical(toks, k)
            if close is not None:
                # "kata Direktur Jenderal Otonomi Daerah Kementerian Dalam Negeri (Kemendagri)
                # Akmal Malik": the organisation's short name, the phrase goes on
                skip_to = close
                continue
        if (
            lw in lex.conjunctions
            and out
            and out[-1].text[:1].isupper()
            and k + 1 < len(toks)
            and toks[k + 1].text[:1].isupper()
            and JOINED_TITLE.on
        ):
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


def appositive_name(toks: list[Token], lex: QuoteLexicon) -> bool:
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
        or (
            any(rest.startswith(p) for p in lex.locative_prefixes)
            and len(rest) > 5
            and rest.isalpha()
            and rest.islower()
        )
    )


def lemma(word: str, lex: QuoteLexicon) -> str:
    """The cue word without its pronoun suffix (``katanya`` → ``kata``)."""
    w = word.lower()
    for suf in lex.pronoun_suffixes:
        if w.endswith(suf) and w[: -len(suf)] in lex.post_cues:
            return w[: -len(suf)]
    return w
