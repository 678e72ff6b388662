"""Repair mojibake (UTF-8 text decoded as Mac Roman, cp1252 or latin-1) with an offset map.

Scraped corpora often carry it: the CLICK-ID xlsx exports turn ” into "‚Äù" and a no-break
space into "¬†", which breaks quotation detection. ftfy recognises these sequences reliably but
rewrites a whole string without telling where; so it is applied to each run of non-ASCII
characters (plus the letters around it) on its own, and every changed run is recorded as a
replacement in an OffsetMap, keeping offsets into the user's original text exact.
"""

from __future__ import annotations

import re

from warta.offsets import OffsetMap

# a run of non-ASCII characters: the unit ftfy gets to judge
_RUN = re.compile(r"[^\x00-\x7f]+")
# characters that appear in mojibake of UTF-8 through Mac Roman / cp1252 / latin-1
_SUSPECT = re.compile(r"[ÃÂâ€Ä‚¬Å]")


def repair(text: str) -> tuple[str, OffsetMap | None]:
    """Return the repaired text and a map back to ``text`` (None when nothing changed)."""
    if not _SUSPECT.search(text):
        return text, None
    import ftfy

    out: list[str] = []
    omap = OffsetMap()
    pos = 0
    changed = False
    for m in _RUN.finditer(text):
        run = m.group(0)
        if not _SUSPECT.search(run):
            continue
        fixed = ftfy.fix_text(
            run, uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization=None
        )
        if fixed == run:
            continue
        changed = True
        out.append(text[pos : m.start()])
        omap.copy(pos, m.start())
        out.append(fixed)
        omap.replace(m.start(), m.end(), len(fixed))
        pos = m.end()
    if not changed:
        return text, None
    out.append(text[pos:])
    omap.copy(pos, len(text))
    return "".join(out), omap
