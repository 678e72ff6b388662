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


HONORIFIC = RULES.declare(
    "honorifics-no-titles",
    "honorifics and family relations before a name ('Pak', 'Bu', 'istri') are cut off it but are no titles",
    "Pak Joko Widodo meresmikan jembatan itu.",
)
MODIFIER = RULES.declare(
    "title-modifier-joins",
    "'mantan', 'eks', 'calon', 'Plt' right before a title are part of it ('mantan Ketua')",
    "Mantan Ketua Mahkamah Konstitusi Mahfud MD menilai langkah itu keliru.",
)
ORDINAL = RULES.declare(
    "title-ordinal-joins",
    "an ordinal right after a title is part of it ('Presiden ke-3', 'Presiden ketiga')",
    "Presiden ke-3 Indonesia BJ Habibie wafat.",
)
RANK_FORCE = RULES.declare(
    "rank-force-joins",
    "the force written after a rank is part of it ('Letjen TNI', 'Kombes Pol'), no affiliation",
    "Kepala BNPB Letjen TNI Doni Monardo meninjau lokasi.",
)
OFFICE_HEAD = RULES.declare(
    "office-head-continues",
    "an office head ('Kepala', 'Wakil', 'Head') goes on with the capitalised words after it up to the organisation, place or name",
    "Kepala Seksi Lalu Lintas Andreas Eman mengatakan jalan itu ditutup.",
)
PREDICATE = RULES.declare(
    "title-as-predicate",
    "a title stated as a predicate of the name ('sebagai', 'selaku', 'menjabat', 'menjadi') is the person's",
    "KPK menetapkan Imam Nahrawi sebagai tersangka.",
)
BRACKET_TITLE = RULES.declare(
    "bracket-between-title-and-name",
    "a bracket between the title (or its organisation) and the name holds the title's short form or the organisation's acronym",
    "Menteri Pemuda dan Olahraga (Menpora) Imam Nahrawi hadir.",
)
COMMA_NAME = RULES.declare(
    "title-affiliation-comma-name",
    "'[title] [organisation or place], Name' gives the title and affiliation to the name after the comma",
    "Kapolsek Jagakarsa, Komisaris Harsono, membenarkan kejadian itu.",
)


def _affiliation_run(ends: dict[int, Found], pos: int) -> tuple[int, list[Found]] | None:
    """ORG/LOC mentions adjacent to each other ending at token ``pos`` (read backwards)."""
    run: list[Found] = []
    while pos in ends and ends[pos].label in ("ORG", "LOC"):
        f = ends[pos]
        run.insert(0, f)
        pos = f.start
    return (pos, run) if run else None


def _title_ending(toks: list[Token], pos: int, blocked: frozenset[int], pack: LanguagePack) -> int | None:
    """Start of the title phrase ending just before ``pos``, with an ordinal after it and a
    modifier before it."""
    tl = titles(pack)
    end = pos
    if ORDINAL.on and end > 1 and end - 1 not in blocked and tl.is_ordinal(toks[end - 1].text):
        start = tl.ending_at(toks, end - 1, blocked)
        if start is not None:
            end = end - 1
    start = tl.ending_at(toks, end, blocked)
    if start is None and OFFICE_HEAD.on:  # a listed title ("Dr", a rank) is read first, on its own
        start = tl.head_ending_at(toks, end, blocked)
    if start is None:
        return None
    while MODIFIER.on and start > 0 and start - 1 not in blocked and toks[start - 1].text.lower() in tl.modifiers:
        start -= 1
    return start


def _bracket_before(
    toks: list[Token], pos: int, ends: dict[int, Found], got: list[str], pack: LanguagePack
) -> int | None:
    """'(Menpora)' or '(TII)' right before ``pos``: the index of its opening bracket (a title inside
    is reported), or None when the bracket holds something else."""
    tl = titles(pack)
    for j in range(pos - 2, max(pos - 7, 0) - 1, -1):
        if toks[j].text == "(":
            inner = toks[j + 1 : pos - 1]
            if not inner:
                return None
            if tl.starting_at(toks, j + 1, pos - 1) == pos - 1 or tl.head_starting_at(toks, j + 1, pos - 1) == pos - 1:
                _report(toks, j + 1, pos - 1, got, pack)
                return j
            mention = ends.get(pos - 1)
            if (mention is not None and mention.start == j + 1 and mention.label in ("ORG", "LOC")) or (
                len(inner) == 1 and inner[0].text.isupper()
            ):
                return j
            return None
        if toks[j].text in (")", ",", "."):
            return None
    return None


def _report(toks: list[Token], a: int, b: int, got: list[str], pack: LanguagePack) -> None:
    if not HONORIFIC.on or titles(pack).reported(toks, a, b):
        got.insert(0, span_text(toks, a, b))


def _before(
    toks: list[Token], f: Found, ends: dict[int, Found], blocked: frozenset[int], pack: LanguagePack
) -> tuple[list[str], list[str]]:
    pos = f.start
    got: list[str] = []
    affs: list[str] = []
    crossed = False  # the one comma allowed: "[title] [affiliation], [rank] Name"
    while pos > 0:
        rank = titles(pack).rank_with_force(toks, pos) if RANK_FORCE.on else None
        if rank is not None:
            _report(toks, rank, pos, got, pack)
            pos = rank
            continue
        if BRACKET_TITLE.on and toks[pos - 1].text == ")":
            opened = _bracket_before(toks, pos, ends, got, pack)
            if opened is None:
                break
            pos = opened
            continue
        aff = _affiliation_run(ends, pos)
        if aff is None and COMMA_NAME.on and not crossed and not affs and len(got) <= 1 and toks[pos - 1].text == ",":
            aff = _affiliation_run(ends, pos - 1)
            if aff is None or _title_ending(toks, aff[0], blocked, pack) is None:
                break
            crossed = True
        if aff is not None:
            astart, run = aff
            tstart = _title_ending(toks, astart, blocked, pack)
            if tstart is None:
                break
            before = ends.get(tstart - 1)
            if crossed and toks[tstart - 1].text == "," and before is not None and before.label == "PER":
                break  # "X, Kepala BNPB, Y": an apposition of the person before
            role = span_text(toks, tstart, astart)
            name = span_text(toks, run[0].start, run[-1].end)
            has_org = any(r.label == "ORG" for r in run)
            got.insert(0, f"{role} {name}" if has_org and not TITLE_APART.on else role)
            affs.insert(0, name)
            pos = tstart
            continue
        tstart = _title_ending(toks, pos, blocked, pack)
        if tstart is None:
            break
        _report(toks, tstart, pos, got, pack)
        pos = tstart
    return got, affs


def _after(toks: list[Token], found: list[Found], k: int, pack: LanguagePack) -> tuple[str, str | None] | None:
    """The role after the name and its affiliation: in apposition ('Sri Mulyani, Menteri Keuangan,')
    or as a predicate ('Imam Nahrawi sebagai tersangka')."""
    tl = titles(pack)
    f = found[k]
    starts = {g.start: g for g in found}
    ceil = found[k + 1].start if k + 1 < len(found) else len(toks)
    nxt = f.end
    if APPOSITION.on and nxt + 1 < len(toks) and toks[nxt].text == ",":
        at = nxt + 1
    elif PREDICATE.on:
        at = nxt
        while at < ceil and at - nxt < 3 and toks[at].text.lower() in tl.predicate_skip:
            at += 1
        if not (at < ceil and toks[at].text.lower() in tl.predicate_cues):
            return None
        at += 1
        while at < ceil and toks[at].text.lower() in tl.predicate_cues:  # "menjabat sebagai"
            at += 1
    else:
        return None
    tend = tl.title_starting_at(toks, at, ceil, heads=OFFICE_HEAD.on, modifiers=MODIFIER.on)
    if tend is None:
        return None
    role = span_text(toks, at, tend)
    if not tl.reported(toks, at, tend):
        return None
    run = []
    p = tend
    if p + 1 < len(toks) and toks[p].text == "," and p + 1 in starts and starts[p + 1].label == "ORG":
        p += 1  # "Head of Marketing, PT Bank HSBC Indonesia"
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
        app = _after(toks, found, k, pack)
        if app is not None:
            role, name = app
            if name is not None:
                affs.append(name)
            got.append(role)
        f.titles, f.affiliations = got, affs
