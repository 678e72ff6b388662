"""Pipeline stage ``quantities``: amounts with their value, unit, bound and the counted thing
(the rules are ``warta.extract.time.amounts``), plus the amounts only the learned detector finds.

Runs after ``times``, whose spans are skipped. The times stage has usually read each sentence's
quantities already (for the detector's features); that reading is reused here when the time spans
of the sentence are the same.
"""

from __future__ import annotations

from warta import lang
from warta.article import Article, Quantity, Span
from warta.extract.time import amounts, tagger
from warta.extract.time.amounts import WORD, Spans, next_word
from warta.extract.time.lexicon import PackLike
from warta.extract.time.numwords import parse_number
from warta.stages import stage


@stage(requires=("text", "sentences"), assigns=("quantities",))
def annotate(article: Article) -> None:
    """Stage: fill ``article.quantities`` (after ``times``, whose spans are skipped)."""
    if not article.text or lang.skip_unread(article, "quantities"):
        return
    pack = lang.for_article(article)
    skip = [(t.start, t.end) for t in article.times]
    spans = article.sentences or [Span(0, len(article.text))]
    for s in spans:
        found, _alone = amounts.find_shared(article.text, s.start, s.end, skip=skip, pack=pack, take=True)
        found += model_only(article.text, s.start, s.end, found, skip, pack)
        article.quantities.extend(sorted(found, key=lambda q: q.start))


def model_only(
    text: str, start: int, end: int, found: list[Quantity], skip: Spans, pack: PackLike = None
) -> list[Quantity]:
    """QUANTITY spans the learned detector (``tagger``) finds where the rules found none.

    The amount inside the span is read by the same numeral grammar; a span without a readable
    amount is dropped (a quantity without a value helps nobody). Words after the amount are
    the counted thing.
    """
    det = tagger.detector()
    if det is None:
        return []
    r = amounts.rules(pack)
    out = []
    for a, b in det.spans(text, start, end)["QUANTITY"]:
        if any(q.start < b and a < (q.object_end or q.end) for q in found) or any(x < b and a < y for x, y in skip):
            continue
        m = r.amount.search(text, a, b)
        if m is None:
            continue
        nxt = next_word(text, m.end(), b)
        value = parse_number(m.group(0), next_word=nxt.group(0) if nxt else "", pack=pack)
        if value is None:
            continue
        q = Quantity(start=a, end=m.end(), text=text[a : m.end()], value=value)
        obj = WORD.search(text, m.end(), b)
        if obj is not None:
            q.object_start, q.object_end = obj.start(), b
            q.object = text[obj.start() : b]
        out.append(q)
    return out
