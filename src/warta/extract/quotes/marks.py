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

from warta.extract.quotes.registry import declare

DOUBLE_OPEN = "“„‟«"
DOUBLE_CLOSE = "”»"
DOUBLE_BOTH = '"'
SINGLE_OPEN = "‘‹"
SINGLE_CLOSE = "’›"
SINGLE_BOTH = "'"
PUNCT_AFTER_CLOSE = ",.;:!?)]}—–-…"
SPACE = " \t\n\r\u00a0"
# every quotation mark, and the marks that end a sentence (shared by the whole stage)
QUOTE_CHARS = "\"'“”‘’«»„‟‹›"
END_PUNCT = ".!?…"

REVERSED_MARKS = declare(
    "reversed-marks",
    "a right mark between a space and a word opens (as some outlets print), a left mark after a word closes",
)
CONTINUATION = declare(
    "paragraph-continuation", "an opening mark repeated at the next paragraph's start continues the open quotation"
)
UNBALANCED_MARKS = declare(
    "unbalanced-marks",
    "a closing mark with no opening one quotes from its sentence start; a second opening mark ends the open quotation",
)


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
        return "close" if (not left_open and right_closed and ch not in "„" and REVERSED_MARKS.on) else "open"
    if ch in closes:
        return "open" if (left_open and not right_closed and REVERSED_MARKS.on) else "close"
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


class _Pairing:
    """The state of :func:`pair` while it walks the marks of one family."""

    def __init__(self, text: str, paragraphs: list[tuple[int, int]], sentence_starts: list[int], family: str) -> None:
        self.text = text
        self.paragraphs = paragraphs
        self.sentence_starts = sentence_starts
        self.family = family
        self.out: list[Quoted] = []
        self.cur: Quoted | None = None
        self.cur_para = -1
        self.seg_start = 0

    def close_at_para_end(self, q: Quoted, k: int, start: int) -> None:
        pe = self.paragraphs[k][1] if k >= 0 else len(self.text)
        s, e = _trim(self.text, start, pe)
        if e > s:
            q.parts.append((s, e))
        q.unbalanced = "missing_close"

    def starts_paragraph(self, m: Mark, k: int) -> bool:
        return k >= 0 and not self.text[self.paragraphs[k][0] : m.pos].strip()

    def open_at(self, m: Mark, k: int) -> None:
        self.cur = Quoted(open_pos=m.pos, close_pos=None, family=self.family)
        self.cur_para, self.seg_start = k, m.pos + 1

    def new_paragraph(self, m: Mark, k: int) -> bool:
        """The open quotation reached the end of its paragraph(s) without a closing mark: it ends
        there, or goes on when ``m`` repeats the opening mark at the next paragraph's start (True)."""
        cur = self.cur
        assert cur is not None
        if m.role in ("open", "either") and self.starts_paragraph(m, k) and k == self.cur_para + 1 and CONTINUATION.on:
            # the opening mark is repeated at the start of the next paragraph: continuation
            self.close_at_para_end(cur, self.cur_para, self.seg_start)
            cur.unbalanced = None
            self.cur_para, self.seg_start = k, m.pos + 1
            return True
        self.close_at_para_end(cur, self.cur_para, self.seg_start)
        if cur.parts:  # an opening mark that ends its paragraph opens nothing
            self.out.append(cur)
        self.cur = None
        return False

    def unopened_close(self, m: Mark, k: int) -> None:
        """A closing mark with no opening one: the quotation starts at its sentence or paragraph
        start, after any earlier quotation in the same paragraph."""
        if not UNBALANCED_MARKS.on:
            return
        p_start = self.paragraphs[k][0] if k >= 0 else 0
        prev_end = max([q.outer_end for q in self.out if q.outer_end <= m.pos] + [p_start])
        starts = [s for s in self.sentence_starts if prev_end <= s < m.pos]
        start = p_start if prev_end == p_start else (starts[0] if starts else prev_end)
        s, e = _trim(self.text, start, m.pos)
        if e > s:
            self.out.append(
                Quoted(open_pos=None, close_pos=m.pos, parts=[(s, e)], family=self.family, unbalanced="missing_open")
            )

    def close(self, m: Mark) -> None:
        cur = self.cur
        assert cur is not None
        s, e = _trim(self.text, self.seg_start, m.pos)
        if e > s:
            cur.parts.append((s, e))
        cur.close_pos = m.pos
        if cur.parts:
            self.out.append(cur)
        self.cur = None

    def reopen(self, m: Mark, k: int) -> None:
        """A second opening mark while one is open in the same paragraph: the first lacks its
        closing mark; end it at the last sentence end before the new mark."""
        cur = self.cur
        assert cur is not None
        ends = [s for s in self.sentence_starts if self.seg_start < s <= m.pos]
        stop = ends[-1] if ends else m.pos
        s, e = _trim(self.text, self.seg_start, stop)
        if e > s:
            cur.parts.append((s, e))
            cur.unbalanced = "missing_close"
            self.out.append(cur)
        self.open_at(m, k)

    def step(self, m: Mark) -> None:
        k = _para_index(self.paragraphs, m.pos)
        if self.cur is not None and k != self.cur_para and self.new_paragraph(m, k):
            return
        if self.cur is None:
            if m.role in ("open", "either"):
                self.open_at(m, k)
            else:
                self.unopened_close(m, k)
            return
        # a quotation is open in this paragraph
        if m.role in ("close", "either"):
            self.close(m)
        elif UNBALANCED_MARKS.on:
            self.reopen(m, k)

    def finish(self) -> list[Quoted]:
        if self.cur is not None:
            self.close_at_para_end(self.cur, self.cur_para, self.seg_start)
            if self.cur.parts:
                self.out.append(self.cur)
        return [q for q in self.out if q.parts]


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
    state = _Pairing(text, paragraphs, sentence_starts, family)
    for m in marks:
        state.step(m)
    return state.finish()
