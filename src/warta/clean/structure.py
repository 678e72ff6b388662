"""Turn normalised plain text into the cleaned body: title, captions, dateline, paragraphs.

Works line by line (scrapers leave one paragraph per line). Every line that does not reach the
body is either structure (title, caption) or listed in ``Article.removed`` with its kind and its
offsets in the original input.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from warta import lang
from warta.article import Article, Dateline, Field, Removed, Span
from warta.clean.boilerplate import (
    DEFAULT_PACKS,
    RuleSet,
    classify_line,
    looks_like_list_item,
    ruleset,
    title_case_share,
)
from warta.offsets import ChainedMap, OffsetMap

CAPTION_MAX_LEN = 320  # a paragraph repeated verbatim right after itself up to this length is a caption
DUPLICATE_MIN_LEN = 120  # a paragraph repeated verbatim further down is a scraper's copy from this length
CREDITED_CAPTION_MAX_LEN = 220  # the line above a photo credit is its caption up to this length
LIST_ITEM_KINDS = ("related_list", "bullet")
_QUOTED_SPEECH = re.compile(r"^[\"“‘']|[,.!?][\"”’']\s+\w")
_SENTENCE_BREAK = re.compile(r"[.!?][\"”’)]?\s+[\"“‘(]?[A-Z]")
# Paragraphs a scraper joined with commas ("... Liga 1.,\"Tidak ada ...", "... pelatih.\",\"Kami
# ...", "menikah.,,,,Ya", "terbuka. ,\"Kejadiannya", "pergi., Nampaknya"): commas glued between a sentence end and
# the next sentence's first letter or opening quote. Prose never writes that; an abbreviation
# before the comma ("M.Sc.,") is not taken: the full stop must follow a digit or a lower-case
# word of 3 letters or more.
# a paragraph end the scraper flattened into a comma: ". ,Next", and (no space on either side)
# any sentence end or closing bracket or quote glued to a capital: "(17/9/2019).,Fadela", ")),Kata"
_FLAT_JOIN = re.compile(
    r"(?:(?<=[a-z]{3}[.!?])|(?<=\d[.!?])|(?<=[.!?][\"”’)])) ?,+ ?(?=[\"“]?[A-Z])"
    r"|(?<=[.!?)\"”’]),+(?=[\"“]?[A-Z])"
)
FLAT_JOINS_MIN = 2  # one such comma may be a typo; two or more are a flattened page


def _reads_like_caption(text: str) -> bool:
    """A caption is one short sentence; the line above a credit may be a body paragraph whose
    own caption the scraper dropped, and a body paragraph must never leave the body."""
    return (
        len(text) <= CREDITED_CAPTION_MAX_LEN
        and not _SENTENCE_BREAK.search(text)
        and not _QUOTED_SPEECH.search(text)  # “...,” kata Sutrisno: a quotation is body
    )


@dataclass
class Block:
    """One non-blank line of the normalised text, as pieces left after inline cuts."""

    start: int
    end: int
    pieces: list[tuple[int, int]] = field(default_factory=list)
    text: str = ""  # pieces joined by one space
    kind: str | None = None  # removal kind, or "title"/"caption"/None for body
    rule: str = ""


def unflatten(norm: str) -> tuple[str, int]:
    """``norm`` with the commas of flattened paragraph joins turned into line breaks (same length,
    so offsets stay valid), and how many joins were split."""
    joins = list(_FLAT_JOIN.finditer(norm))
    if len(joins) < FLAT_JOINS_MIN:
        return norm, 0
    chars = list(norm)
    for m in joins:
        for k in range(m.start(), m.end()):
            chars[k] = "\n"
    return "".join(chars), len(joins)


def _lines(norm: str) -> list[tuple[int, int]]:
    out = []
    pos = 0
    n = len(norm)
    while pos <= n:
        nl = norm.find("\n", pos)
        if nl < 0:
            nl = n
        s, e = pos, nl
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
        pos = nl + 1
    return out


def _key(text: str) -> str:
    return " ".join(text.lower().split())


@cache
def _structure_rules(code: str) -> tuple[re.Pattern[str] | None, re.Pattern[str] | None, int, list[re.Pattern[str]]]:
    data = lang.get(code).toml("structure")
    t = data.get("title", {})
    suffix = re.compile(t["strip_suffix"], re.IGNORECASE) if t.get("strip_suffix") else None
    prefix = re.compile(t["strip_prefix"], re.IGNORECASE) if t.get("strip_prefix") else None
    datelines = [re.compile(d["pattern"]) for d in data.get("dateline", [])]
    return suffix, prefix, int(t.get("max_len", 250)), datelines


TITLE_CASE_MIN = 0.5


def _reads_like_headline(text: str, max_len: int, dateline_res: list[re.Pattern[str]]) -> bool:
    """The first line is the title when it reads like one: short, several words, no closing
    full stop or comma, mostly capitalised words (Indonesian outlets write headlines in title
    case; a lead paragraph cut at a line break or a question opening a feature is not), and not
    opening with a dateline. A sentence-case headline is then left in the body: nothing is lost."""
    if len(text) > max_len or len(text.split()) < 2 or re.search(r"(?<!\.\.)[.,;:]$", text):
        return False
    if title_case_share(text) < TITLE_CASE_MIN:
        return False
    # "Merdeka.com - ...", "MUENCHEN, JUARA.net - ...": a dateline opens a body paragraph; a colon
    # is not enough ("Bahas Aleppo, Lavrov: AS Akhirnya ..." is a headline)
    for rx in dateline_res:
        m = rx.match(text)
        if m and m.group(0).rstrip()[-1:] in "-–—":
            return False
    return True


def _join_lone_dateline(blocks: list[Block], norm: str, dateline_res: list[re.Pattern[str]]) -> None:
    """A dateline on a line of its own ("JAKARTA, KOMPAS.com -") opens the next body paragraph."""
    body = [i for i, b in enumerate(blocks) if b.kind is None]
    if len(body) < 2:
        return
    for n, i in enumerate(body[:3]):
        b = blocks[i]
        if len(b.text) > 80 or len(b.pieces) != 1 or n + 1 >= len(body):
            continue
        probe = b.text + " x"
        if any((m := rx.match(probe)) and m.end() >= len(b.text) for rx in dateline_res):
            nxt = blocks[body[n + 1]]
            nxt.pieces = b.pieces + nxt.pieces
            nxt.text = b.text + " " + nxt.text
            nxt.start = b.start
            b.pieces, b.kind, b.rule = [], "merged", ""
            break


@cache
def _caption_rule(code: str) -> re.Pattern[str] | None:
    pattern = lang.get(code).toml("structure").get("caption", {}).get("credit_suffix")
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _removed(
    article: Article, norm_map: OffsetMap | ChainedMap, norm: str, s: int, e: int, kind: str, rule: str
) -> None:
    os_, oe = norm_map.span_to_source(s, e)
    article.removed.append(Removed(kind=kind, text=norm[s:e], original_start=os_, original_end=oe, rule=rule))


def _apply_inline(block: Block, norm: str, rules: RuleSet, article: Article, norm_map: OffsetMap | ChainedMap) -> None:
    pieces = [(block.start, block.end)]
    for rule in rules.inline:
        new: list[tuple[int, int]] = []
        for s, e in pieces:
            pos = s
            for m in rule.regex.finditer(norm, s, e):
                if m.end() == m.start():
                    continue
                if m.start() > pos:
                    new.append((pos, m.start()))
                ms, me = m.start(), m.end()
                # report the cut without its surrounding whitespace
                while ms < me and norm[ms].isspace():
                    ms += 1
                while me > ms and norm[me - 1].isspace():
                    me -= 1
                _removed(article, norm_map, norm, ms, me, rule.kind, rule.name)
                pos = m.end()
            if pos < e:
                new.append((pos, e))
        pieces = new
    # trim whitespace at piece edges
    trimmed = []
    for s, e in pieces:
        while s < e and norm[s].isspace():
            s += 1
        while e > s and norm[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append((s, e))
    block.pieces = trimmed
    block.text = " ".join(norm[s:e] for s, e in trimmed)


def build(
    article: Article,
    norm: str,
    norm_map: OffsetMap | ChainedMap,
    *,
    title: str | None = None,
    packs: tuple[str, ...] = DEFAULT_PACKS,
    structure_pack: str = lang.DEFAULT,
) -> None:
    """Fill ``article.text``, ``maps``, ``title``, ``captions``, ``removed``, ``paragraphs``, ``dateline``."""
    rules = ruleset(packs)
    suffix, prefix, title_max, dateline_res = _structure_rules(structure_pack)
    caption_re = _caption_rule(structure_pack)

    norm, joins = unflatten(norm)
    if joins:
        article.warnings.append(f"split the text at {joins} commas where a scraper had joined paragraphs")
    blocks = _classify_lines(article, norm, norm_map, rules, caption_re)
    _join_lone_dateline(blocks, norm, dateline_res)
    blocks = [b for b in blocks if b.pieces]
    title_key = _take_title(
        article, blocks, norm, norm_map, title, _TitleRules(suffix, prefix, title_max, dateline_res)
    )
    _mark_repeats(blocks, title_key)
    _assemble(article, blocks, norm, norm_map)
    _find_dateline(article, dateline_res)


def _classify_lines(
    article: Article, norm: str, norm_map: OffsetMap | ChainedMap, rules: RuleSet, caption_re: re.Pattern[str] | None
) -> list[Block]:
    """1. line rules, with related-list context after a list header. A line that is boilerplate
    as a whole is removed as one block; inline cuts apply only to the lines left, and the
    rest of a cut line is classified again ("Foto: ..." left after an inline cut)."""
    blocks = [Block(s, e) for s, e in _lines(norm)]
    for b in blocks:
        if classify_line(norm[b.start : b.end], rules) is not None:
            b.pieces, b.text = [(b.start, b.end)], norm[b.start : b.end]
        else:
            _apply_inline(b, norm, rules, article, norm_map)
    blocks = [b for b in blocks if b.pieces]
    in_list = False
    for b in blocks:
        rule = classify_line(b.text, rules)
        if rule is not None:
            b.kind, b.rule = rule.kind, rule.name
            # numbered and date-stamped items keep a related list going ("01", "Kamis, 05/11/...")
            in_list = rule.list_header or (in_list and rule.kind in LIST_ITEM_KINDS)
            continue
        if (
            caption_re is not None
            and len(b.text) <= CREDITED_CAPTION_MAX_LEN
            and caption_re.search(b.text)
            and not _QUOTED_SPEECH.search(b.text)
        ):
            b.kind, b.rule = "caption", "caption-with-credit"  # "Tesla (Foto: Tesla)"
            in_list = False
            continue
        if in_list and looks_like_list_item(b.text, rules):
            b.kind, b.rule = "related_list", "list-after-header"
            continue
        in_list = False
    return blocks


@dataclass
class _TitleRules:
    suffix: re.Pattern[str] | None
    prefix: re.Pattern[str] | None
    max_len: int
    datelines: list[re.Pattern[str]]


def _take_title(
    article: Article,
    blocks: list[Block],
    norm: str,
    norm_map: OffsetMap | ChainedMap,
    title: str | None,
    rules: _TitleRules,
) -> str | None:
    """2. title: given by metadata, or the first line when it reads like a headline. Returns the
    title's key (to tell its repetitions in the body)."""
    body_like = [b for b in blocks if b.kind is None]
    title_key = _key(title) if title else None
    if title is None and len(body_like) >= 2:
        first = body_like[0]
        if _reads_like_headline(first.text, rules.max_len, rules.datelines) and len(first.pieces) == 1:
            first.kind = "title"
            s, e = first.pieces[0]
            text = norm[s:e]
            if rules.suffix and (m := rules.suffix.search(text)):
                e = s + m.start()
            if rules.prefix and (m := rules.prefix.match(norm[s:e])):
                s += m.end()
            os_, oe = norm_map.span_to_source(s, e)
            article.title = Field(text=norm[s:e], original_start=os_, original_end=oe)
            title_key = _key(norm[s:e])
    elif title is not None:
        article.title = Field(text=title, original_start=-1, original_end=-1)
    return title_key


def _mark_repeats(blocks: list[Block], title_key: str | None) -> None:
    """3. duplicates, captions, photo credits."""
    seen: dict[str, tuple[int, Block]] = {}
    for i, b in enumerate(blocks):
        if b.kind is not None and b.kind not in ("photo_credit",):
            if b.kind == "title":
                seen.setdefault(_key(b.text), (i, b))
            continue
        if b.kind == "photo_credit":
            # the line before a credit (skipping duplicates) is a caption when it is short
            j = i - 1
            while j >= 0 and blocks[j].kind in ("duplicate_caption",):
                j -= 1
            if j >= 0 and blocks[j].kind is None and _reads_like_caption(blocks[j].text):
                blocks[j].kind = "caption"
            continue
        k = _key(b.text)
        if title_key and k == title_key:
            b.kind, b.rule = "duplicate_title", "same-as-title"
            continue
        if k in seen:
            first_i, first = seen[k]
            near = i - first_i <= 2  # a credit line may sit between the two copies
            credited = any(
                0 <= j < len(blocks) and blocks[j].kind == "photo_credit" for j in (first_i - 1, first_i + 1, i + 1)
            )
            if first.kind in (None, "caption") and near and credited and len(first.text) <= CAPTION_MAX_LEN:
                # a photo caption printed twice around its credit ("... Lavrov." / "... Lavrov." / "EPA")
                first.kind = "caption"
                b.kind, b.rule = "duplicate_caption", "repeated-caption"
            elif near or len(b.text) >= DUPLICATE_MIN_LEN:
                # the same paragraph twice: the second copy goes, the first stays in the body
                b.kind, b.rule = "duplicate_paragraph", "repeated-paragraph"
            # short lines that repeat far apart ("Dani Pedrosa (Repsol Honda) - finis 5", a list
            # whose links the scraper dropped) are body: both stay
            continue
        seen[k] = (i, b)


def _assemble(article: Article, blocks: list[Block], norm: str, norm_map: OffsetMap | ChainedMap) -> None:
    """4. assemble the cleaned text."""
    clean_map = OffsetMap()
    parts: list[str] = []
    length = 0
    for b in blocks:
        if b.kind == "caption":
            s, e = b.pieces[0][0], b.pieces[-1][1]
            os_, oe = norm_map.span_to_source(s, e)
            article.captions.append(Field(text=b.text, original_start=os_, original_end=oe))
            continue
        if b.kind == "title":
            continue
        if b.kind is not None:
            s, e = b.pieces[0][0], b.pieces[-1][1]
            _removed(article, norm_map, norm, s, e, b.kind, b.rule)
            continue
        if parts:
            parts.append("\n\n")
            clean_map.insert(2)
            length += 2
        pstart = length
        for k, (s, e) in enumerate(b.pieces):
            if k:
                parts.append(" ")
                clean_map.insert(1)
                length += 1
            parts.append(norm[s:e])
            clean_map.copy(s, e)
            length += e - s
        article.paragraphs.append(Span(pstart, length))
    article.text = "".join(parts)
    article.maps = [clean_map, norm_map]
    article.removed.sort(key=lambda r: r.original_start)


def _find_dateline(article: Article, dateline_res: list[re.Pattern[str]]) -> None:
    """5. dateline at the start of the first paragraph."""
    if article.paragraphs:
        p = article.paragraphs[0]
        head = article.text[p.start : min(p.end, p.start + 120)]
        for rx in dateline_res:
            m = rx.match(head)
            if m:
                gd = m.groupdict()
                place = (gd.get("place") or "").strip() or None
                outlet = (gd.get("outlet") or "").strip() or None
                matched = m.group(0).rstrip()
                article.dateline = Dateline(p.start, p.start + len(matched), text=matched, place=place, outlet=outlet)
                break
