"""Large and odd inputs run in bounded memory and time."""

from __future__ import annotations

import tracemalloc

from warta.article import Article, Span
from warta.extract import entities


def _article(text: str) -> Article:
    a = Article(original=text, text=text)
    a.paragraphs = [Span(0, len(text))]
    return a


def test_one_megabyte_article_bounded_memory():
    para = (
        "Menteri Luar Negeri Retno Marsudi bertemu Duta Besar Jepang di Jakarta pada Senin. "
        "Retno mengatakan kerja sama kedua negara akan diperluas, kata juru bicara Kementerian Luar Negeri. "
    )
    text = (para * (1_000_000 // len(para) + 1))[:1_000_000]
    a = _article(text)  # one "paragraph" with no sentences: the stage must chunk it
    tracemalloc.start()
    entities.run(a)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert peak < 400 * 2**20
    retno = [e for e in a.entities if e.name == "Retno Marsudi"]
    assert retno and len(retno[0].mentions) > 1000


def test_empty_and_symbol_only_text():
    for text in ("", "   ", "*** --- 123 456 ***"):
        a = _article(text)
        entities.run(a)
        assert a.entities == []
