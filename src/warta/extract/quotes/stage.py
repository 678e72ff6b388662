"""The quotes stage: direct quotations, indirect quotations, then their speakers."""

from __future__ import annotations

import bisect

from warta import budget, lang
from warta.article import Article
from warta.extract.quotes.direct import find_direct
from warta.extract.quotes.doc import Candidate, Doc
from warta.extract.quotes.indirect import IndirectFinder
from warta.extract.quotes.name_index import NameIndex
from warta.extract.quotes.safety import check_speakers
from warta.extract.quotes.speakers import attribute, sentence_subjects
from warta.lang.lexicon import QuoteLexicon, lexicon
from warta.nlp.segment import Token
from warta.stages import stage


@stage(requires=("text", "sentences", "entities"), assigns=("quotes",))
def run(article: Article) -> None:
    """Pipeline stage: fill ``article.quotes``."""
    if not article.text.strip() or lang.skip_unread(article, "quotes"):
        return
    lex = lexicon(lang.for_article(article))
    doc = Doc(article)
    names = NameIndex.build(article, doc.tokens, lex)
    direct = find_direct(doc, lex)
    indirect = find_indirect(doc, lex, direct)
    cands = sorted(direct + indirect, key=lambda c: c.start)
    quotes = attribute(article, cands, names, sentence_subjects(doc, names, lex))
    article.quotes = check_speakers(article, quotes, lex)


def find_indirect(doc: Doc, lex: QuoteLexicon, direct: list[Candidate]) -> list[Candidate]:
    """Indirect quotations, sentence by sentence, outside the direct ones."""
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

    finder = IndirectFinder(doc.article, lex)
    out: list[Candidate] = []
    for ss, se in doc.sentence_spans:
        budget.check()
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
