"""Pair quotation marks into quoted spans, tolerating the ways news sites write them.

Handles curly, straight and low double quotes, guillemets, single quotes (apostrophes inside
words are skipped), a right mark used as an opening mark (``”Saya ...,” kata X`` as Kompas
prints it), quotations running over several paragraphs with the opening mark repeated, and
unbalanced marks (a missing closing mark ends the quotation at its paragraph end; a closing mark
with no opening one starts it at its sentence or paragraph start). Our own code: no library pairs
typographic quotation marks in free text, and the rules need the paragraph structure.
"""

from __future__ import annotations

from dataclasses import dataclass, field

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
DOUBLE_BOTH = '"'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_BOTH = "'"
PUNCT_AFTER_CLOSE = ",.;:!?)]}—–-…"
SPACE = " \t\n\r\u00a0"


@dataclass
class Mark:
    pos: int
    char: str
    role: str  # open | close | either


@dataclass
class Quoted:
    """A quoted span: content between the marks, possibly in several paragraph parts."""

    open_pos: int | None  # offset of the opening mark (None when missing)
    close_pos: int | None  # offset of the closing mark (None when missing)
    parts: list[tuple[int, int]] = field(default_factory=list)  # content spans, marks excluded
    family: str = "double"  # double | single
    unbalanced: str | None = None  # missing_close | missing_open

    @property
    def start(self) -> int:
        return self.parts[0][0]

    @property
    def end(self) -> int:
        return self.parts[-1][1]

    @property
    def outer_start(self) -> int:
        return self.open_pos if self.open_pos is not None else self.start

    @property
    def outer_end(self) -> int:
        return self.close_pos + 1 if self.close_pos is not None else self.end


def _role(text: str, i: int, family: str) -> str | None:
    ch = text[i]
    prev = text[i - 1] if i > 0 else "\n"
    nxt = text[i + 1] if i + 1 < len(text) else "\n"
    left_open = prev in SPACE or prev in "([{—–-/" or prev in DOUBLE_OPEN + SINGLE_OPEN
    right_closed = nxt in SPACE or nxt in PUNCT_AFTER_CLOSE or nxt in DOUBLE_CLOSE + SINGLE_CLOSE + "\"'"
    if family == "single":
        if prev.isalnum() and nxt.isalnum():
            return None  # apostrophe: Ma’ruf, Jum'at
        if ch in SINGLE_CLOSE and prev.isalnum() and not nxt.isalnum():
            # s’ (possessive) or a closing mark: a closing mark if an opening one is pending
            return "close"
    opens, closes = (DOUBLE_OPEN, DOUBLE_CLOSE) if family == "double" else (SINGLE_OPEN, SINGLE_CLOSE)
    if ch in opens:
        return "close" if (not left_open and right_closed and ch not in "„") else "open"
    if ch in closes:
        return "open" if (left_open and not right_closed) else "close"
    # straight marks: decide by spacing
    if left_open and not right_closed:
        return "open"
    if right_closed and not left_open:
        return "close"
    return "either"


def find_marks(text: str, family: str) -> list[Mark]:
    chars = DOUBLE_OPEN + DOUBLE_CLOSE + DOUBLE_BOTH if family == "double" else SINGLE_OPEN + SINGLE_CLOSE + SINGLE_BOTH
    out = []
    for i, ch in enumerate(text):
        if ch in chars:
            role = _role(text, i, family)
            if role is not None:
                out.append(Mark(i, ch, role))
    return out


def _para_index(paragraphs: list[tuple[int, int]], pos: int) -> int:
    for k, (s, e) in enumerate(paragraphs):
        if s <= pos < e or (pos == e and k == len(paragraphs) - 1):
            return k
    return -1


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in SPACE:
        s += 1
    while e > s and text[e - 1] in SPACE:
        e -= 1
    return s, e


def pair(
    text: str,
    paragraphs: list[tuple[int, int]],
    sentence_starts: list[int],
    family: str = "double",
    within: list[tuple[int, int]] | None = None,
) -> list[Quoted]:
    """Pair the marks of one family into quoted spans.

    ``within``: only marks outside these spans are used (single quotes inside double ones are
    nested quotations and stay part of the outer one).
    """
    marks = find_marks(text, family)
    if within:
        marks = [m for m in marks if not any(s - 1 <= m.pos <= e for s, e in within)]
    out: list[Quoted] = []
    cur: Quoted | None = None
    cur_para = -1
    seg_start = 0

    def close_at_para_end(q: Quoted, k: int, start: int) -> None:
        pe = paragraphs[k][1] if k >= 0 else len(text)
        s, e = _trim(text, start, pe)
        if e > s:
            q.parts.append((s, e))
        q.unbalanced = "missing_close"

    def starts_paragraph(m: Mark, k: int) -> bool:
        return k >= 0 and not text[paragraphs[k][0] : m.pos].strip()

    idx = 0
    while idx < len(marks):
        m = marks[idx]
        k = _para_index(paragraphs, m.pos)
        if cur is not None and k != cur_para:
            # the open quotation reached the end of its paragraph(s) without a closing mark
            if m.role in ("open", "either") and starts_paragraph(m, k) and k == cur_para + 1:
                # the opening mark is repeated at the start of the next paragraph: continuation
                close_at_para_end(cur, cur_para, seg_start)
                cur.unbalanced = None
                cur_para, seg_start = k, m.pos + 1
                idx += 1
                continue
            close_at_para_end(cur, cur_para, seg_start)
            out.append(cur)
            cur = None
        if cur is None:
            if m.role in ("open", "either"):
                cur = Quoted(open_pos=m.pos, close_pos=None, family=family)
                cur_para, seg_start = k, m.pos + 1
            else:
                # a closing mark with no opening one: the quotation starts at its sentence or
                # paragraph start, after any earlier quotation in the same paragraph
                p_start = paragraphs[k][0] if k >= 0 else 0
                prev_end = max([q.outer_end for q in out if q.outer_end <= m.pos] + [p_start])
                starts = [s for s in sentence_starts if prev_end <= s < m.pos]
                start = p_start if prev_end == p_start else (starts[0] if starts else prev_end)
                s, e = _trim(text, start, m.pos)
                if e > s:
                    out.append(
                        Quoted(open_pos=None, close_pos=m.pos, parts=[(s, e)], family=family, unbalanced="missing_open")
                    )
            idx += 1
            continue
        # a quotation is open in this paragraph
        if m.role in ("close", "either"):
            s, e = _trim(text, seg_start, m.pos)
            if e > s:
                cur.parts.append((s, e))
            cur.close_pos = m.pos
            if cur.parts:
                out.append(cur)
            cur = None
        else:
            # a second opening mark while one is open in the same paragraph: the first lacks
            # its closing mark; end it at the last sentence end before the new mark
            ends = [s for s in sentence_starts if seg_start < s <= m.pos]
            stop = ends[-1] if ends else m.pos
            s, e = _trim(text, seg_start, stop)
            if e > s:
                cur.parts.append((s, e))
                cur.unbalanced = "missing_close"
                out.append(cur)
            cur = Quoted(open_pos=m.pos, close_pos=None, family=family)
            cur_para, seg_start = k, m.pos + 1
        idx += 1
    if cur is not None:
        close_at_para_end(cur, cur_para, seg_start)
        if cur.parts:
            out.append(cur)
    return [q for q in out if q.parts]
