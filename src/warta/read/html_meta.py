"""Page metadata and body block for HTML news pages, beside trafilatura (warta.read.html).

- title: the headline without the site name ("... - Kompas.com", "KapanLagi.com: ..."), and the
  page's <h1> when it is the same headline with its punctuation (og:title often drops ":" and "?");
- outlet: the publication named by the page (og:site_name, the JSON-LD publisher) or its host, made
  canonical with the outlets lexicon (lang/<code>/outlets.toml: "detiknews" and sport.detik.com ->
  "Detik");
- published: the page's own article:published_time or JSON-LD datePublished before a date guessed
  from the text or URL;
- body block: the article container listed for the site (html_sites.toml), when it holds the text,
  less the blocks listed under [drop] for the site (link tables, captions);
- article body: the JSON-LD articleBody, when the extracted text agrees with it, keeps the lines of
  that text that it holds (:func:`agreeing_lines`).

The separators and XPaths are data (html_sites.toml); outlet names come from the language pack.
"""

from __future__ import annotations

import copy
import json
import re
import tomllib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import html as lxml_html

_DATA = Path(__file__).with_name("html_sites.toml")
_SPACES = re.compile(r"\s+")
_URLISH = re.compile(r"^(https?:)?//|^www\.|\.(com|co\.id|id|net|org)/?$", re.I)
_SECOND_LEVEL = {"co", "or", "ac", "go", "web", "my", "sch", "com", "net", "org"}


@lru_cache(maxsize=1)
def sites() -> dict[str, Any]:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


def key(text: str | None) -> str:
    """Letters and digits only, case-folded: how names are compared."""
    return re.sub(r"[\W_]+", "", (text or "").casefold())


def clean(text: str | None) -> str:
    return _SPACES.sub(" ", text or "").strip()


def registered_domain(url: str | None) -> str | None:
    """ "sport.detik.com" -> "detik.com", "www.republika.co.id" -> "republika.co.id"."""
    host = (urlsplit(url).hostname or "") if url else ""
    labels = [x for x in host.lower().split(".") if x]
    if len(labels) < 2:
        return None
    n = 3 if len(labels) >= 3 and labels[-2] in _SECOND_LEVEL and len(labels[-1]) == 2 else 2
    return ".".join(labels[-n:])


@dataclass
class PageMeta:
    titles: list[str] = field(default_factory=list)  # og:title, <title>, JSON-LD headline
    h1: list[str] = field(default_factory=list)
    site_names: list[str] = field(default_factory=list)  # og:site_name, application-name
    publisher: str | None = None
    published: str | None = None
    url: str | None = None


def _ld_objects(doc: Any) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for s in doc.xpath('//script[@type="application/ld+json"]'):
        try:
            data = json.loads(s.text or "", strict=False)
        except ValueError:
            continue
        stack = [data]
        while stack:
            x = stack.pop()
            if isinstance(x, list):
                stack.extend(x)
            elif isinstance(x, dict):
                out.append(x)
                if isinstance(x.get("@graph"), list):
                    stack.extend(x["@graph"])
    return out


def _is_article(obj: dict[str, Any]) -> bool:
    t = obj.get("@type")
    types = t if isinstance(t, list) else [t]
    return any(isinstance(x, str) and ("Article" in x or x == "ReportageNewsArticle") for x in types)


def page_meta(doc: Any, url: str | None = None) -> PageMeta:
    def metas(*names: str) -> list[str]:
        out = []
        for n in names:
            for v in doc.xpath(f'//meta[@property="{n}" or @name="{n}"]/@content'):
                if clean(v):
                    out.append(clean(v))
        return out

    m = PageMeta(url=url)
    m.titles = metas("og:title", "twitter:title")
    m.titles += [clean(t.text_content()) for t in doc.xpath("//head/title")[:1] if clean(t.text_content())]
    m.h1 = [clean(h.text_content()) for h in doc.xpath("//h1") if clean(h.text_content())]
    m.site_names = [s for s in metas("og:site_name", "application-name") if not _URLISH.search(s)]
    published = metas("article:published_time", "og:published_time")
    for obj in _ld_objects(doc):
        if not _is_article(obj):
            continue
        pub = obj.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str) and clean(pub["name"]) and not m.publisher:
            m.publisher = clean(pub["name"])
        if isinstance(obj.get("headline"), str) and clean(obj["headline"]):
            m.titles.append(clean(obj["headline"]))
        if isinstance(obj.get("datePublished"), str):
            published.append(clean(obj["datePublished"]))
    m.published = next((p for p in published if re.match(r"\d{4}-\d{2}-\d{2}", p)), None)
    if not m.url:
        canon = doc.xpath('//link[@rel="canonical"]/@href') or metas("og:url")
        m.url = canon[0] if canon else None
    return m


def _site_keys(meta: PageMeta) -> set[str]:
    keys = {key(s) for s in [*meta.site_names, meta.publisher or ""] if key(s)}
    dom = registered_domain(meta.url)
    if dom:
        keys |= {key(dom), key(dom.split(".")[0])}
    return {k for k in keys if len(k) >= 3}


def is_site_name(part: str, keys: set[str]) -> bool:
    """A title part that names the site: "Kompas.com", "Okezone Economy", "Republika Online"."""
    k = key(part)
    if not k or len(part.split()) > int(sites()["title"]["max_site_words"]):
        return False
    return any(k == s or k.startswith(s) or s.startswith(k) for s in keys)


def strip_site_name(title: str, keys: set[str]) -> str:
    """Remove a site name before or after a separator; the rest, when something is left."""
    title = clean(title)
    changed = True
    while changed:
        changed = False
        for sep in sites()["title"]["separators"]:
            if sep not in title:
                continue
            head, _, tail = title.rpartition(sep)
            if head and is_site_name(tail, keys) and len(head.split()) > len(tail.split()):
                title, changed = clean(head), True
                break
            first, _, rest = title.partition(sep)
            if rest and is_site_name(first, keys) and len(rest.split()) > len(first.split()):
                title, changed = clean(rest), True
                break
    return title


def best_title(meta: PageMeta, fallback: str | None = None) -> str | None:
    """The headline without the site name; the <h1> when it is the same words with its punctuation."""
    keys = _site_keys(meta)
    cands = [strip_site_name(t, keys) for t in [*meta.titles, *([fallback] if fallback else [])]]
    cands = [c for c in cands if c and not is_site_name(c, keys)]
    if not cands:
        return fallback
    title = cands[0]
    for h in meta.h1:
        if key(h) == key(title):
            return h
    return title


def _outlet_names() -> dict[str, str]:
    from warta.extract.sources import outlets

    return {key(v): c for v, c in outlets().variant.items() if len(key(v)) >= 3}


def best_outlet(meta: PageMeta, fallback: str | None = None) -> str | None:
    """The publication: a known outlet named by the page or its host, else the page's own name for it."""
    names = _outlet_names()
    dom = registered_domain(meta.url)
    for cand in [*meta.site_names, meta.publisher, dom, dom.split(".")[0] if dom else None]:
        if cand and key(cand) in names:
            return names[key(cand)]
    if meta.publisher:
        return meta.publisher
    if meta.site_names:
        return meta.site_names[0]
    return dom or fallback


def _remove(el: Any) -> None:
    """Remove an element, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def drop_blocks(block: Any, url: str | None) -> Any:
    """A copy of the container without the blocks listed for the site (html_sites.toml [drop])."""
    conf = sites().get("drop", {})
    dom = registered_domain(url)
    paths = [*conf.get("*", []), *(conf.get(dom, []) if dom else [])]
    if not paths:
        return block
    block = copy.deepcopy(block)
    for xp in paths:
        for el in block.xpath(xp):
            _remove(el)
    return block


def body_block(doc: Any, url: str | None) -> Any | None:
    """The site's article container (html_sites.toml [body]) when it holds enough text, less its
    listed non-article blocks ([drop]); else None."""
    conf = sites()["body"]
    dom = registered_domain(url)
    for xp in conf.get(dom, []) if dom else []:
        for el in doc.xpath(xp):
            if len(clean(el.text_content())) >= int(conf["min_chars"]):
                return drop_blocks(el, url)
    return None


def article_body(doc: Any) -> str | None:
    """The JSON-LD articleBody of the page's article, if it gives one."""
    for obj in _ld_objects(doc):
        if _is_article(obj) and isinstance(obj.get("articleBody"), str) and clean(obj["articleBody"]):
            return clean(lxml_html.fromstring(f"<div>{obj['articleBody']}</div>").text_content())
    return None


_WORD = re.compile(r"\w+", re.UNICODE)


def _trigrams(words: list[str]) -> set[tuple[str, ...]]:
    return {tuple(words[i : i + 3]) for i in range(len(words) - 2)}


def agreeing_lines(text: str, body: str | None) -> str | None:
    """The lines of ``text`` that the JSON-LD articleBody holds, when the two agree; else None.

    They agree when most of the articleBody's word trigrams are in the text and it is not much
    shorter than the text (html_sites.toml [article_body]); a line is kept when most of its
    trigrams (its words, when it has under three) are in the articleBody."""
    conf = sites()["article_body"]
    if not body or not text:
        return None
    bwords = [w.casefold() for w in _WORD.findall(body)]
    twords = [w.casefold() for w in _WORD.findall(text)]
    if len(bwords) < int(conf["min_words"]) or len(bwords) < float(conf["min_share"]) * len(twords):
        return None
    btri, ttri = _trigrams(bwords), _trigrams(twords)
    if len(btri & ttri) < float(conf["min_found"]) * len(btri):
        return None
    bset, kept = set(bwords), []
    for line in text.splitlines():
        words = [w.casefold() for w in _WORD.findall(line)]
        if not words:
            continue
        tri = _trigrams(words)
        share = len(tri & btri) / len(tri) if tri else sum(w in bset for w in words) / len(words)
        if share >= float(conf["line_share"]):
            kept.append(line)
    return "\n".join(kept) if kept else None


def parse(html: str) -> Any | None:
    try:
        return lxml_html.fromstring(html)
    except (ValueError, lxml_html.etree.ParserError):
        return None
