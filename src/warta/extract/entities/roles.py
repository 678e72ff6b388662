"""Titles and affiliations of each person mention, read from the words around it."""

from __future__ import annotations

from warta.extract.entities.lexicons import span_text, titles
from warta.extract.entities.mentions import Found
from warta.extract.entities.registry import RULES
from warta.lang import LanguagePack
from warta.nlp.segment import Token

ROLES_BEFORE = RULES.declare(
    "titles-before-name",
    "titles and the organisation or place they belong to, read backwards from a person's name",
    "Menteri Luar Negeri Rusia Sergey Lavrov menolak usulan itu.",
)
TITLE_APART = RULES.declare(
    "title-apart-from-affiliation",
    "a title keeps to the role; the organisation it belongs to is the affiliation, never inside the title",
    "Juru bicara Kementerian Pertahanan Rusia Mayjen Igor Konashenkov mengatakan pasukan mundur.",
)
APPOSITION = RULES.declare(
    "title-in-apposition",
    "a title after a name and a comma ('Sri Mulyani, Menteri Keuangan,') is the person's",
    "Sri Mulyani, Menteri Keuangan, menyebut defisit masih aman.",
)


def _affiliation_run(ends: dict[int, Found], pos: int) -> tuple[int, list[Found]] | None:
    """ORG/LOC mentions adjacent to each other ending at token ``pos`` (read backwards)."""
    run: list[Found] = []
    while pos in ends and ends[pos].label in ("ORG", "LOC"):
        f = ends[pos]
        run.insert(0, f)
        pos = f.start
    return (pos, run) if run else None


def _before(
    toks: list[Token], f: Found, ends: dict[int, Found], blocked: frozenset[int], pack: LanguagePack
) -> tuple[list[str], list[str]]:
    tl = titles(pack)
    pos = f.start
    got: list[str] = []
    affs: list[str] = []
    while pos > 0:
        aff = _affiliation_run(ends, pos)
        if aff is not None:
            astart, run = aff
            tstart = tl.ending_at(toks, astart, blocked)
            if tstart is None:
                break
            role = span_text(toks, tstart, astart)
            name = span_text(toks, run[0].start, run[-1].end)
            has_org = any(r.label == "ORG" for r in run)
            got.insert(0, f"{role} {name}" if has_org and not TITLE_APART.on else role)
            affs.insert(0, name)
            pos = tstart
            continue
        tstart = tl.ending_at(toks, pos, blocked)
        if tstart is None:
            break
        got.insert(0, span_text(toks, tstart, pos))
        pos = tstart
    return got, affs


def _apposition(toks: list[Token], found: list[Found], k: int, pack: LanguagePack) -> tuple[str, str | None] | None:
    """'Sri Mulyani, Menteri Keuangan, ...': the role after the name and its affiliation."""
    f = found[k]
    starts = {g.start: g for g in found}
    nxt = f.end
    if not (nxt < len(toks) and toks[nxt].text == "," and nxt + 1 < len(toks)):
        return None
    ceil = found[k + 1].start if k + 1 < len(found) else len(toks)
    tend = titles(pack).starting_at(toks, nxt + 1, ceil)
    if tend is None:
        return None
    role = span_text(toks, nxt + 1, tend)
    run = []
    p = tend
    while p in starts and starts[p].label in ("ORG", "LOC"):
        run.append(starts[p])
        p = starts[p].end
    if not run:
        return role, None
    name = span_text(toks, run[0].start, run[-1].end)
    if any(r.label == "ORG" for r in run) and not TITLE_APART.on:
        role = f"{role} {name}"
    return role, name


def roles(toks: list[Token], found: list[Found], pack: LanguagePack) -> None:
    """Titles and affiliations of each PER mention from the words around it."""
    ends = {f.end: f for f in found}
    blocked = frozenset(i for f in found for i in range(f.start, f.end))
    for k, f in enumerate(found):
        if f.label != "PER":
            continue
        got, affs = _before(toks, f, ends, blocked, pack) if ROLES_BEFORE.on else ([], [])
        app = _apposition(toks, found, k, pack) if APPOSITION.on else None
        if app is not None:
            role, name = app
            if name is not None:
                affs.append(name)
            got.append(role)
        f.titles, f.affiliations = got, affs
