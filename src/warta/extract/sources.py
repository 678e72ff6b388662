"""Pipeline stage ``sources``: outlets and agencies the article cites or credits.

Relations: ``cited`` ("seperti dikutip RT", "dilansir Reuters", "kata X kepada Kompas"),
``publisher`` (the outlet given with the input, or a web-domain dateline "KOMPAS.com -"),
``dateline`` ("Jakarta (Antara) -"), ``copyright`` ("Hak cipta milik Rossiyskaya Gazeta") and
``photo_credit`` ("EPA", "ANTARA FOTO/..."). Copyright lines and photo credits were removed from
the body by the cleaner and captions live outside it, so those references carry
``in_original=True`` and offsets into ``Article.original``. Outlet names are normalised through
the language pack's ``outlets.toml``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from warta import lang
from warta.article import Article, SourceRef
from warta.extract.lexicon_re import alternation as _alt
from warta.lang import LanguagePack
from warta.rules import Registry, Rule
from warta.stages import stage

SOURCE_RULES = Registry("sources")


def _declare(name: str, purpose: str) -> Rule:
    """A switch of the sources stage; its example is the default pack's ``sources.toml``
    ``[rule_examples]`` entry (required)."""
    full = f"sources.{name}"
    example = lang.get(lang.DEFAULT).toml("sources").get("rule_examples", {}).get(full)
    if not example:
        raise KeyError(f"{full}: no example in the default pack's sources.toml [rule_examples]")
    return SOURCE_RULES.declare(name, purpose=purpose, example=example)


FAMILY = _declare("outlet-family", "a parent brand glued to a channel or region is an outlet: TribunJakarta.com")
HANDLE = _declare("social-handle", "a social-media account after an account cue is a cited source: akun Instagram @x")
REPORTS = _declare("outlet-reports", "a listed outlet before a reporting verb is cited: CNN melaporkan")
DOMAIN = _declare(
    "web-domain-after-weak-cue", "a web domain after a weak cue is an outlet: kepada Badmintonindonesia.org"
)
CREDIT_CODE = _declare("credit-code-outlet", "a removed credit code that names a listed outlet is a credit: (antara)")


# a web domain written as a name: "Badmintonindonesia.org", "disbudpar.acehprov.go.id", "Mirror.co.uk"
_DOMAIN = re.compile(r"(?:[A-Za-z0-9-]+\.)+(?:com|net|org|id|tv|info|uk|co)\b")


def _unknown_name(d: dict[str, list[str]]) -> re.Pattern[str]:
    """A name not in the list after a strong cue: capitalised words (with the articles before
    and the lower-case words inside a name that ``sources.toml`` lists) or a web domain."""
    articles = _alt(d.get("articles", []))
    joiners = _alt(d.get("joiners", []))
    lead = rf"(?:(?:{articles})\s+)?" if articles else ""
    inner = rf"|{joiners}" if joiners else ""
    return re.compile(
        rf"(?:{_DOMAIN.pattern}"
        rf"|{lead}[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*{inner}))*)"
    )


@dataclass(frozen=True)
class Outlets:
    variant: dict[str, str]  # written form (exact case) -> canonical
    names: re.Pattern[str]
    prefixes: str
    strong: re.Pattern[str]
    weak: re.Pattern[str]
    copy_lead: re.Pattern[str]
    copy_trail: re.Pattern[str]
    photo_lead: re.Pattern[str]
    not_outlets: frozenset[str]
    unknown_name: re.Pattern[str]  # a name not in the list, after a strong cue
    time_words: frozenset[str]  # weekday and month names (and their short forms), lower-cased
    family: re.Pattern[str] | None  # a parent brand glued to a channel: "TribunJakarta.com"
    handle: re.Pattern[str] | None  # an account cue, the platform, then the handle (group "h")
    reports: re.Pattern[str] | None  # a reporting verb after an outlet's name


def _pack(pack: LanguagePack | None) -> LanguagePack:
    return pack if pack is not None else lang.get(lang.DEFAULT)


def outlets(pack: LanguagePack | None = None) -> Outlets:
    """The outlet names and cues of a language pack (the default pack's when none is given)."""
    return _outlets(_pack(pack))


@cache
def _outlets(pack: LanguagePack) -> Outlets:
    d = pack.toml("outlets")
    variant: dict[str, str] = {}
    for canon, forms in d.get("outlets", {}).items():
        for form in [canon, *forms]:
            variant.setdefault(form, canon)
            variant.setdefault(form.upper(), canon)
    names = re.compile(rf"(?<![\w.])(?:{_alt(list(variant))})(?![\w]|\.[a-z])")
    prefixes = _alt(d.get("prefixes", {}).get("words", []))
    cues = d.get("cues", {})
    pre = rf"(?:(?:{prefixes})\s+)?" if prefixes else ""
    strong = re.compile(rf"\b(?:{_alt(cues.get('strong', []))})\s+{pre}", re.IGNORECASE)
    weak = re.compile(rf"\b(?:{_alt(cues.get('weak', []))})\s+{pre}", re.IGNORECASE)
    cp = d.get("copyright", {})
    ph = d.get("photo_credit", {})
    return Outlets(
        variant=variant,
        names=names,
        prefixes=prefixes,
        strong=strong,
        weak=weak,
        copy_lead=re.compile(
            rf"^\s*(?:{_alt(cp.get('lead', []))})\s*(?:\d{{4}}(?:\s*[-–]\s*\d{{4}})?\s*)?", re.IGNORECASE
        ),
        copy_trail=re.compile(rf"[\s.,;]*(?:{_alt(cp.get('trail', []))}).*$", re.IGNORECASE),
        photo_lead=re.compile(rf"^\s*\(?\s*(?:(?:{_alt(ph.get('lead', []))})\s*[:;]?\s*)?", re.IGNORECASE),
        not_outlets=frozenset(w.lower() for w in ph.get("not_outlets", [])),
        unknown_name=_unknown_name(pack.toml("sources").get("unknown_name", {})),
        time_words=_time_words(pack),
        **_cited_patterns(pack.toml("sources")),
    )


def _cited_patterns(d: dict) -> dict[str, re.Pattern[str] | None]:
    fam = d.get("families", {}).get("prefixes", [])
    hd = d.get("handles", {})
    verbs = d.get("reports", {}).get("verbs", [])
    platforms = rf"(?:(?:{_alt(hd['platforms'])})\s+)?" if hd.get("platforms") else ""
    return {
        "family": re.compile(rf"(?<![\w.@])(?:{_alt(fam)})[A-Z][a-z]+(?:\.com|\.id)?(?![\w])") if fam else None,
        "handle": re.compile(rf"\b(?:{_alt(hd['cues'])})\s+{platforms}(?:resmi\s+)?(?P<h>@[\w.]*\w)", re.IGNORECASE)
        if hd.get("cues")
        else None,
        "reports": re.compile(rf"\s+(?:{_alt(verbs)})\b") if verbs else None,
    }


def listed(name: str, pack: LanguagePack | None = None) -> bool:
    """Whether a written form (any case) is an outlet of the pack's list."""
    low = name.strip(" .,;:()").lower()
    return any(k.lower() == low for k in outlets(pack).variant)


def canonical(name: str, pack: LanguagePack | None = None) -> str:
    """The canonical outlet name for a written form ("Kantor berita RIA Novosti" -> "RIA Novosti")."""
    o = outlets(pack)
    n = " ".join(name.split()).strip(" .,;:()")
    m = re.match(rf"(?:{o.prefixes})\s+", n, re.IGNORECASE) if o.prefixes else None
    if m:
        n = n[m.end() :]
    if n in o.variant:
        return o.variant[n]
    low = {k.lower(): v for k, v in o.variant.items()}
    return low.get(n.lower(), n)


def _time_words(pack: LanguagePack) -> frozenset[str]:
    """Weekday and month names (and their short forms) of the language pack, lower-cased."""
    d = pack.toml("time")
    return frozenset(
        str(w).lower() for table in ("weekdays", "months", "month_abbreviations") for w in d.get(table, {})
    )


def cited(text: str, start: int = 0, end: int | None = None, pack: LanguagePack | None = None) -> list[SourceRef]:
    """Outlets cited in the body: after a strong cue (any name) or a weak cue (listed names only)."""
    end = len(text) if end is None else end
    o = outlets(pack)
    out: list[SourceRef] = []
    seen: set[int] = set()
    for pattern, strong in ((o.strong, True), (o.weak, False)):
        for cue in pattern.finditer(text, start, end):
            pos = cue.end()
            if pos in seen:
                continue
            m = o.names.match(text, pos, end)
            if m is None and o.family is not None and FAMILY.on:
                m = o.family.match(text, pos, end)
            if m is None and not strong and DOMAIN.on:
                m = _DOMAIN.match(text, pos, end)
            if m is None and strong:
                m = o.unknown_name.match(text, pos, end)
                if m is not None:
                    # a person named after the cue ("mengutip Presiden Joko Widodo") is not an outlet:
                    # keep unknown names only when they look like a medium (a domain, or a short name)
                    name = m.group(0).rstrip(".")
                    if not (re.search(r"\.(com|id|net|org|co)\b", name) or len(name.split()) <= 3):
                        m = None
                    elif name.split()[0].lower() in o.time_words:
                        m = None  # "kata Afroni kepada wartawan Jumat (20/9)": a day, not a medium
            if m is None:
                continue
            s, e = m.start(), m.start() + len(m.group(0).rstrip("."))
            seen.add(pos)
            out.append(SourceRef(start=s, end=e, name=canonical(text[s:e], pack), relation="cited", text=text[s:e]))
    return out + _handles_and_reports(text, start, end, o, {r.start for r in out})


def _handles_and_reports(text: str, start: int, end: int, o: Outlets, taken: set[int]) -> list[SourceRef]:
    """Accounts after an account cue ("akun Instagram @x") and listed outlets before a reporting
    verb ("CNN melaporkan")."""
    out: list[SourceRef] = []
    if o.handle is not None and HANDLE.on:
        for m in o.handle.finditer(text, start, end):
            s, e = m.span("h")
            out.append(SourceRef(start=s, end=e, name=m.group("h"), relation="cited", text=m.group("h")))
    if o.reports is not None and REPORTS.on:
        for m in o.names.finditer(text, start, end):
            if m.start() not in taken and o.reports.match(text, m.end(), end):
                name = m.group(0)
                out.append(
                    SourceRef(start=m.start(), end=m.end(), name=o.variant.get(name, name), relation="cited", text=name)
                )
    return out


def _original_name(
    article: Article, text: str, base: int, lead: re.Pattern[str], trail: re.Pattern[str] | None
) -> tuple[str, int, int] | None:
    lm = lead.match(text)
    s = lm.end() if lm else 0
    body = text[s:]
    if trail is not None:
        tm = trail.search(body)
        if tm:
            body = body[: tm.start()]
    body = body.rstrip(" .)")
    if not body.strip():
        return None
    lead_ws = len(body) - len(body.lstrip())
    return body.strip(), base + s + lead_ws, base + s + lead_ws + len(body.strip())


def _photo_credits(article: Article, text: str, base: int, pack: LanguagePack) -> list[SourceRef]:
    """Agencies in a credit line: "EPA", "ANTARA FOTO/Sigid Kurniawan", "Foto: Reuters/..."."""
    o = outlets(pack)
    out: list[SourceRef] = []
    lm = o.photo_lead.match(text)
    s = lm.end() if lm else 0
    for part in re.finditer(r"[^/|,;()]+", text[s:]):
        raw = part.group(0)
        name = raw.strip(" .-")
        if not name:
            continue
        k = o.names.match(name, 0, len(name))
        if k is None or k.end() != len(name):
            continue  # a photographer's name, "Istimewa", "Dok. pribadi"
        if name.lower() in o.not_outlets:
            continue
        ps = base + s + part.start() + (len(raw) - len(raw.lstrip(" .-")))
        out.append(
            SourceRef(
                start=ps,
                end=ps + len(name),
                name=canonical(name, pack),
                relation="photo_credit",
                text=name,
                in_original=True,
            )
        )
    return out


def _credit_code(text: str, base: int, pack: LanguagePack) -> list[SourceRef]:
    """A credit code in brackets that names a listed outlet: "(antara)", "(rmol)"."""
    m = re.fullmatch(r"[\s,]*\(\s*([^()/]{2,40}?)\s*\)[\s,.]*", text)
    if m is None or base < 0 or not listed(m.group(1), pack):
        return []
    s, e = base + m.start(1), base + m.end(1)
    name = canonical(m.group(1), pack)
    return [SourceRef(start=s, end=e, name=name, relation="credit", text=m.group(1), in_original=True)]


@stage(requires=("text",), assigns=("sources",))
def annotate(article: Article) -> None:
    """Stage: fill ``article.sources``."""
    pack = lang.for_article(article)
    o = outlets(pack)
    refs: list[SourceRef] = []
    if article.outlet:
        refs.append(
            SourceRef(start=-1, end=-1, name=canonical(article.outlet, pack), relation="publisher", text=article.outlet)
        )
    dl = article.dateline
    if dl is not None and dl.outlet:
        i = article.text.find(dl.outlet, dl.start, max(dl.end, dl.start + len(dl.text)))
        s, e = (i, i + len(dl.outlet)) if i >= 0 else (dl.start, dl.end)
        # "KOMPAS.com -": the site speaking for itself; "Jakarta (Antara) -": an agency dateline
        rel = "publisher" if re.search(r"\.(com|co|id|net)\b", dl.outlet, re.IGNORECASE) else "dateline"
        refs.append(SourceRef(start=s, end=e, name=canonical(dl.outlet, pack), relation=rel, text=dl.outlet))
    if article.text and not lang.skip_unread(article, "sources cited in the text"):
        refs.extend(cited(article.text, pack=pack))
    for r in article.removed:
        if r.kind == "copyright":
            got = _original_name(article, r.text, r.original_start, o.copy_lead, o.copy_trail)
            if got and len(got[0]) <= 80 and not re.fullmatch(r"[\d\s-]+", got[0]):
                name, s, e = got
                refs.append(
                    SourceRef(
                        start=s, end=e, name=canonical(name, pack), relation="copyright", text=name, in_original=True
                    )
                )
        elif r.kind == "photo_credit":
            refs.extend(_photo_credits(article, r.text, r.original_start, pack))
        elif r.kind == "author_credit" and CREDIT_CODE.on:
            refs.extend(_credit_code(r.text, r.original_start, pack))
    for c in article.captions:
        # a credit at the end of a caption: "... (ANTARA FOTO/Wahyu Putro A)"
        m = re.search(r"\(([^()]{2,80})\)\s*\.?\s*$", c.text)
        if m and c.original_start >= 0 and "/" in m.group(1):
            refs.extend(_photo_credits(article, m.group(1), c.original_start + m.start(1), pack))
    uniq: dict[tuple[str, str, int, bool], SourceRef] = {}
    for ref in refs:
        uniq.setdefault((ref.name, ref.relation, ref.start, ref.in_original), ref)
    article.sources.extend(uniq.values())
