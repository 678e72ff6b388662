"""Pipeline stage ``entities``: PER/ORG/LOC with titles, affiliations and in-document linking.

1. The trained NER model (``warta.nlp.ner``) tags the body sentence by sentence.
2. ``mentions``: spans are tidied with language-pack data: a title at the start of a PER span is
   cut off (titles are never part of a name, ``titles.txt``); outlets, country names,
   abbreviations and capitals the model missed are added (``outlets.toml``, ``countries.toml``);
   names after titles the model missed are added.
3. ``roles``: for each person mention, the phrase around it gives titles and affiliations: read
   backwards from the name over titles ("Mayjen"), an organisation or place preceded by a title
   ("juru bicara Kementerian Pertahanan Rusia"), and forwards over an apposition.
4. ``document``: what one sentence tells about another (a surname found elsewhere, a person
   glued to a place); ``linking``: mentions become entities (short forms join the fullest name,
   country aliases their country, an acronym in brackets its name, a capital used for its
   government its country); ``person_names``: the last check on the tagger's persons.
5. Names in the headline, captions and the removed credit/copyright lines (not in
   ``article.text``) are recognised too and kept as ``original_mentions``.

Every heuristic is a named rule (``registry.RULES``; ``warta rules --stage entities``). The stage
is handed the language pack of the article (``warta.lang.for_article``).
"""

from __future__ import annotations

from warta import lang
from warta.article import Article
from warta.extract.entities.document import OUTSIDE_BODY, keep, outside_body, recognise, sentence_spans
from warta.extract.entities.linking import link
from warta.extract.entities.person_names import review_persons
from warta.lang.lexicon import lexicon
from warta.nlp import ner
from warta.stages import stage


def _load_model() -> None:
    ner.load(None)  # the key recognise() asks the cache for


@stage(requires=("text", "sentences"), assigns=("entities",), preload=_load_model)
def run(article: Article) -> None:
    """Pipeline stage: fill ``article.entities``."""
    if lang.skip_unread(article, "entities"):
        return
    pack = lang.for_article(article)
    model_langs = pack.toml("pack").get("ner_languages", [pack.code])
    if article.language and article.language.code not in model_langs:
        name = pack.toml("pack").get("name", pack.code)
        article.warnings.append(f"entities: the NER model is {name}; text language is {article.language.code}")
    text_pack = lang.for_code(article.language.code if article.language else None)
    found, gov = recognise(article.text, sentence_spans(article), pack)
    entities = review_persons(article, link(article, found, gov, pack), lexicon(text_pack.code), pack)
    entities = [e for e in entities if keep(article, e, pack, text_pack)]
    if OUTSIDE_BODY.on:
        outside_body(article, entities, pack)
    for i, e in enumerate(entities, 1):
        e.id = f"e{i}"
    article.entities = entities
