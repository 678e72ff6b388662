"""In-domain NER training data: annotated CLICK-ID articles as tagged sentences (issue 16).

Two corpora of whole articles annotated by reading (stand-off offsets into the raw text):

- the gold standard's ``train`` part (``bench/gold``; its ``dev`` part is the dev set that picks
  the checkpoint; its ``test`` part is never read here), and
- ``training/ner/click``: more CLICK-ID articles, annotated for the entity layers only.

Each article goes through Warta's own reading, cleaning and sentence splitting, and each sentence
is tokenized as the entities stage tokenizes it at run time (:func:`warta.nlp.ner.tokens`), so the
model learns on exactly the token sequences it will see. A token is tagged with the gold mention
that covers it (mapped back to raw-text offsets); a token that a gold mention covers only in part,
or that lies in a boilerplate block the annotators marked (its entities are not annotated there),
is *missing* (spaCy learns nothing from it either way).
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from warta.evaluate.gold_corpus import GoldArticle, default_gold_dir, load_gold
from warta.extract.entities.document import chunk_tokens, sentence_spans
from warta.training.ner import Sentence

if TYPE_CHECKING:
    from warta.pipeline import Pipeline

SEGMENTING = ("language", "segment")  # the stages the entities stage's sentences come from

REPO = Path(__file__).resolve().parents[3]
CLICK_TRAIN = REPO / "training" / "ner" / "click"


@cache
def _segmenting() -> Pipeline:
    """The reading, language and sentence stages of the default pipeline, built once."""
    from warta.pipeline import STAGES, Pipeline

    return Pipeline.default(exclude=[name for name, _ in STAGES if name not in SEGMENTING])


def article_sentences(g: GoldArticle) -> list[Sentence]:
    """One gold article as tagged sentences in Warta's run-time tokens."""
    from warta.read.record import RawDocument

    article = _segmenting().run(RawDocument(content=g.text, url=g.url, published=g.published, name=g.id))
    label_at: dict[int, str] = {}  # raw offset -> "B-X" / "I-X" for each char of a mention
    for ent in g.ann.get("entities", []):
        for s, e in ent["mentions"]:
            for i in range(s, e):
                label_at[i] = ("B-" if i == s else "I-") + ent["type"]
    blocked = [(s, e) for b in g.ann.get("boilerplate", []) for s, e in [b["span"]]]
    out: list[Sentence] = []
    for toks in chunk_tokens(article.text, sentence_spans(article)):
        words, tags, missing = [], [], []
        for t in toks:
            a, b = article.to_original(t.start, t.end)
            chars = [label_at.get(i) for i in range(a, b)]
            inside = [c for c in chars if c]
            words.append(t.text)
            if any(s <= a < e or s < b <= e for s, e in blocked):
                tags.append("O")
                missing.append(True)
            elif not inside:
                tags.append("O")
                missing.append(False)
            elif len(inside) != len(chars) or any(c.startswith("B-") for c in inside[1:]):
                tags.append("O")  # a mention boundary inside the token: unknown
                missing.append(True)
            else:
                tags.append(inside[0])
                missing.append(False)
        if words:
            out.append(Sentence(words, tags, missing if any(missing) else None))
    return out


def gold_sentences(data: Path, split: str) -> list[Sentence]:
    """Tagged sentences of the gold standard's ``split`` (``train`` or ``dev``; never ``test``)."""
    if split == "test":
        raise ValueError("the gold test part is never used for training or model choice")
    return [s for g in load_gold(data, default_gold_dir(), split) for s in article_sentences(g)]


def click_sentences(data: Path, corpus: Path = CLICK_TRAIN) -> list[Sentence]:
    """Tagged sentences of the extra annotated CLICK-ID training articles (those annotated so far)."""
    if not (corpus / "articles.jsonl").exists():
        return []
    return [s for g in load_gold(data, corpus, "train") for s in article_sentences(g)]
