"""Pipeline stage ``quotes``: direct and indirect quotations, each attributed to its speaker.

Direct quotations come from paired quotation marks (``marks``); each is attributed by the cue
after it (``"...," kata Lavrov``, ``"...," tambahnya``, ``"...," Lavrov menambahkan``: ``post``) or
before it (``Lavrov mengatakan, "..."``: ``direct``); a quotation interrupted by its attribution
(``"...," kata Lavrov. "..."``) is one quotation with two parts. Indirect quotations
(``indirect``) come from a speech verb with its clause (``X menuturkan bahwa ...``, the subject
read by ``subjects``), a fronted cue (``Menurut X, ...``, also inserted: ``..., menurut X, ...``)
or an unquoted clause with a trailing cue (``..., kata X.``). The phrase naming the speaker is
cut by ``attribution`` and read by ``phrase`` (names: ``names``); ``speakers`` resolves them in
text order (``resolve``, with the article's ``name_index``): speakers named by pronoun or suffix
(``katanya``) go to the speaker in focus, speakers named by role (``kata juru bicara itu``) to
the person the article names with that role. All words are data in the language pack
(``speech_verbs.toml``, ``quotes.toml``, read by ``lexicon``). Every heuristic is a named rule of
``QUOTE_RULES`` (``warta rules --stage quotes``). Rules rather than a trained model: no
Indonesian quotation model with a licence we can ship exists (PFSA-ID is non-commercial).
"""

from __future__ import annotations

from warta.extract.quotes.registry import QUOTE_RULES
from warta.extract.quotes.stage import run

__all__ = ["QUOTE_RULES", "run"]
