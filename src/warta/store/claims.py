"""Claims: the quantities people state in their quotations, derived from the quotes and
quantities tables (no table of their own, so every archive has them, whatever its age and
however it was filled: ``warta ingest``, ``load-parquet`` or the API).

A claim is one quantity (``quantities``) whose span lies inside a quotation's span (``quotes``;
inside one of its ``parts`` when the quotation was interrupted by its attribution), less the
quantities that are not claims: the named rules of :data:`CLAIM_RULES` (a number in a name, an
age in brackets, a word of the language pack's ``claims.toml``). Each claim carries the speaker,
the quotation, the quantity as normalised by the quantities stage (value, upper, unit, bound,
object), the first resolved time inside the quotation (when the speaker dates what they say) and
the article's publication date, outlet and link. Mixed into the SQL stores; the SQL lives here.
"""

from __future__ import annotations

import abc
import json
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from warta.errors import UsageError
from warta.store.base import ARCHIVE_TABLES, Page, as_id, canonical_key
from warta.store.filters import date_filters, standing_filter
from warta.store.query import Term, parse

# unit families a user filters on without knowing the codes of the quantities stage; a unit
# code ("IDR", "kg") is taken too, with its rates ("IDR" matches "IDR/saham")
UNIT_FAMILIES: dict[str, tuple[str, ...]] = {
    "money": ("IDR", "USD", "EUR", "SGD", "MYR", "JPY", "CNY", "INR", "AUD", "GBP", "SAR", "KRW", "¤", "cent"),
    "percent": ("percent", "bp", "point"),
    "mass": ("kg", "g", "t", "mg"),
    "length": ("km", "m", "cm", "mm", "mile"),
    "area": ("ha", "m2", "km2"),
    "volume": ("l", "ml", "barrel", "m3"),
    "time": ("year", "month", "week", "day", "hour", "minute", "second"),
    "speed": ("km/h",),
    "energy": ("kW", "MW", "kWh", "GW"),
}
COUNT = "count"  # no unit: a number of things (its object says of what)

CLAIM_COLUMNS = ARCHIVE_TABLES["claims"]  # the claims table of `warta export`, and Store.claims items
_SELECT = (
    "q.id AS quote_id, q.article_id AS article_id, q.idx AS quote_idx, n.idx AS quantity_idx,"
    " q.speaker_entity_id AS speaker_entity_id, q.speaker_name AS speaker_name, q.kind AS kind, n.text AS text,"
    ' n.value AS value, n.upper AS upper, n.unit AS unit, n.bound AS bound, n.object AS object, n."start" AS "start",'
    ' n."end" AS "end", q."start" AS quote_start, q."end" AS quote_end, q.text AS quote_text,'
    " {time} AS time, {time_text} AS time_text, q.published AS published, a.outlet AS outlet, a.url AS url"
)
# the first time inside the quotation resolved to one of these grains (a date the speaker gives)
TIME_GRAINS = ("day", "week", "month", "quarter", "year")
_TIME = (
    '(SELECT t.{col} FROM times t WHERE t.article_id = q.article_id AND t."start" >= q."start"'
    ' AND t."end" <= q."end" AND t.value IS NOT NULL AND t.grain IN ({grains}) ORDER BY t."start" LIMIT 1)'
).replace("{grains}", ", ".join(f"'{g}'" for g in TIME_GRAINS))
# quotations drive the join (CROSS JOIN keeps SQLite from scanning every quantity first; PostgreSQL
# plans it as the inner join it is); the rules' conditions come after the span's
_FROM = "FROM quotes q CROSS JOIN quantities n JOIN articles a ON a.id = q.article_id"
_SPAN = 'n.article_id = q.article_id AND n."start" >= q."start" AND n."end" <= q."end"'


@dataclass(frozen=True)
class ClaimRule:
    name: str
    purpose: str
    example: str


# every exclusion is named (as the stages' rules are) so that bench/claims.py can measure what
# each does on the labelled sample (--ablate NAME)
CLAIM_RULES: dict[str, ClaimRule] = {
    r.name: r
    for r in (
        ClaimRule("claims.in-name", "a number inside a name is no claim", "band Sheila on 7, virus COVID-19"),
        ClaimRule(
            "claims.age",
            "a person's age: a bare number in brackets, or a number right after an age word (pack)",
            "Zaenal Abidin (33); sejak berusia enam tahun",
        ),
        ClaimRule(
            "claims.identifier",
            "a number that names, not counts: right after a head word such as an article or a lane (pack)",
            "pasal 372; lajur 3; fase satu",
        ),
        ClaimRule("claims.idiom", "a numeral word used as a word, not a count (pack: claims.toml idioms)", "satu"),
    )
}


@dataclass(frozen=True)
class ClaimWords:
    """The words of the pack's ``claims.toml`` the rules read (lower case)."""

    idioms: tuple[str, ...] = ()
    age_words: tuple[str, ...] = ()
    identifier_heads: tuple[str, ...] = ()


def pack_words(code: str | None = None) -> ClaimWords:
    """The words of a language pack's ``claims.toml`` (the default pack's when no code is given:
    one archive-wide reading, whatever the language of each article)."""
    from warta import lang

    data = lang.get(code or lang.DEFAULT).toml("claims")
    return ClaimWords(
        idioms=tuple(w.lower() for w in data.get("idioms", ())),
        age_words=tuple(w.lower() for w in data.get("age_words", ())),
        identifier_heads=tuple(w.lower() for w in data.get("identifier_heads", ())),
    )


@dataclass(frozen=True)
class ClaimFilter:
    """Which claims ``Store.claims`` lists. ``speaker``: an entity id or part of the speaker's
    name (any case), as ``Store.quotes`` takes it; ``q``: a full-text query on the quotation;
    ``unit``: a family of :data:`UNIT_FAMILIES`, ``count`` (no unit) or a unit code; ``object``:
    part of the counted thing; ``since``/``until``: publication days; ``standing``: the speaker's,
    one of ``warta.store.STANDINGS`` (``public``: ministers, officials; ``not-private``: no vox
    pops); ``off``: rules switched off."""

    speaker: int | str | None = None
    q: str | None = None
    unit: str | None = None
    object: str | None = None
    since: str | None = None
    until: str | None = None
    article_id: str | None = None
    standing: str | None = None
    words: ClaimWords = field(default_factory=lambda: pack_words())
    off: frozenset[str] = frozenset()


def unit_where(unit: str) -> tuple[str, list[Any]]:
    """The condition on the quantity's unit (alias n) for a family, ``count`` or a unit code."""
    if unit == COUNT:
        return "(n.unit IS NULL OR SUBSTR(n.unit, 1, 6) = ?)", ["count/"]
    codes = UNIT_FAMILIES.get(unit.casefold(), (unit,))
    if len(unit) > 32 or not all(c.isprintable() for c in unit):
        raise UsageError("unit: a unit family or a unit code of at most 32 characters")
    parts = ["n.unit = ?" for _ in codes] + ["SUBSTR(n.unit, 1, ?) = ?" for _ in codes]
    params: list[Any] = list(codes)
    for c in codes:
        params += [len(c) + 1, c + "/"]
    return "(" + " OR ".join(parts) + ")", params


def rule_where(f: ClaimFilter, part_sql: str) -> tuple[list[str], list[Any]]:
    """The conditions every claim meets: inside a part of an interrupted quotation, and not
    excluded by a rule that is on."""
    wheres = [_SPAN, part_sql]
    params: list[Any] = []
    if "claims.in-name" not in f.off:
        wheres.append(
            'NOT EXISTS (SELECT 1 FROM mentions m WHERE m.article_id = q.article_id AND m."start" <= n."start"'
            ' AND m."end" >= n."end" AND m."end" - m."start" > n."end" - n."start")'
        )
    if "claims.age" not in f.off:
        # the characters either side, read in the quotation's text (its offsets are the article's
        # when the quotation is one piece; in an interrupted one the rule does not act)
        bracketed = (
            'n.unit IS NULL AND n.object IS NULL AND SUBSTR(q.text, n."start" - q."start", 1) = ?'
            ' AND SUBSTR(q.text, n."end" - q."start" + 1, 1) = ?'
        )
        after, p = after_word(f.words.age_words)
        wheres.append(
            f"NOT ({bracketed})" + (f" AND NOT ((n.unit IS NULL OR n.unit IN (?, ?)) AND {after})" if p else "")
        )
        params += ["(", ")", *(("year", "month", *p) if p else ())]
    if "claims.identifier" not in f.off and f.words.identifier_heads:
        after, p = after_word(f.words.identifier_heads)
        wheres.append(f"NOT (n.unit IS NULL AND {after})")
        params += p
    if "claims.idiom" not in f.off and f.words.idioms:
        marks = ", ".join("?" * len(f.words.idioms))
        wheres.append(f"NOT (n.unit IS NULL AND n.object IS NULL AND LOWER(n.text) IN ({marks}))")
        params += list(f.words.idioms)
    return wheres, params


def after_word(words: Sequence[str]) -> tuple[str, list[Any]]:
    """A condition: the quantity (alias n) comes right after one of ``words`` (lower case) and a
    space in its quotation's text (alias q), the word starting the text or after a space. Words of
    one length are compared in one SUBSTR; empty when there are no words."""
    by_len: dict[int, list[str]] = {}
    for w in words:
        by_len.setdefault(len(w), []).append(" " + w + " ")
    parts, params = [], []
    for n, ws in sorted(by_len.items()):
        parts.append(f'SUBSTR(? || LOWER(q.text), n."start" - q."start" - ?, ?) IN ({", ".join("?" * len(ws))})')
        params += [" ", n, n + 2, *ws]
    return ("(" + " OR ".join(parts) + ")" if parts else "", params)


def _like(text: str) -> str:
    return "%" + text.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


class ClaimQueries(abc.ABC):
    """Requires ``_all``, ``_one`` and the dialect hooks of the SQL store."""

    @abc.abstractmethod
    def _all(self, sql: str, params: Sequence[Any] = ()) -> list[dict[str, Any]]: ...

    @abc.abstractmethod
    def _one(self, sql: str, params: Sequence[Any] = ()) -> tuple[Any, ...] | None: ...

    @abc.abstractmethod
    def _quote_match(self, terms: list[Term]) -> tuple[str, str, list[Any]]: ...

    @abc.abstractmethod
    def _in_quote_part_sql(self) -> str:
        """A condition: the quantity (alias n) is inside one of the quotation's (alias q) parts,
        or the quotation has no parts (it was not interrupted)."""

    def _claim_query(self, f: ClaimFilter) -> tuple[str, list[str], list[Any]] | None:
        """(extra join, conditions, parameters); None when the text query has no words."""
        join, wheres, params = "", [], []
        if f.q:  # first: its parameter is in the join (PostgreSQL) or the first condition (SQLite)
            terms = parse(f.q)
            if not terms:
                return None
            join, w, params = self._quote_match(terms)
            wheres.append(w)
        w2, p = rule_where(f, self._in_quote_part_sql())
        wheres += w2
        params += p
        speaker = as_id(f.speaker) if isinstance(f.speaker, str) and as_id(f.speaker) is not None else f.speaker
        if isinstance(speaker, int):
            wheres.append("q.speaker_entity_id = ?")
            params.append(speaker)
        elif speaker:
            wheres.append(
                "(LOWER(q.speaker_name) LIKE ? OR q.speaker_entity_id IN (SELECT id FROM entities WHERE key LIKE ?))"
            )
            params += ["%" + speaker.lower() + "%", "%" + canonical_key(speaker) + "%"]
        if f.unit:
            w, p = unit_where(f.unit)
            wheres.append(w)
            params += p
        if f.object:
            wheres.append("LOWER(n.object) LIKE ? ESCAPE '\\'")
            params.append(_like(f.object))
        if f.article_id:
            wheres.append("q.article_id = ?")
            params.append(f.article_id)
        if f.standing:
            w, p = standing_filter(f.standing)
            wheres.append(w)
            params += p
        date_filters("q.published", f.since, f.until, wheres, params)
        return join, wheres, params

    def _claim_select(self, times: bool = True) -> str:
        """The claim columns; without ``times`` the time columns are NULL (see :meth:`_add_times`)."""
        if not times:
            return _SELECT.format(time="NULL", time_text="NULL")
        return _SELECT.format(time=_TIME.format(col="value"), time_text=_TIME.format(col="text"))

    def _add_times(self, rows: list[dict[str, Any]]) -> None:
        """The time columns of a page of claims, in one query (a subquery per row would run for
        every claim of the filter before the page is cut)."""
        ids = sorted({r["article_id"] for r in rows})
        if not ids:
            return
        found = self._all(
            f'SELECT article_id, "start", "end", value, text FROM times WHERE article_id IN ({", ".join("?" * len(ids))})'
            f' AND value IS NOT NULL AND grain IN ({", ".join("?" * len(TIME_GRAINS))}) ORDER BY "start"',
            [*ids, *TIME_GRAINS],
        )
        for r in rows:
            t = next(
                (
                    t
                    for t in found
                    if t["article_id"] == r["article_id"]
                    and r["quote_start"] <= t["start"]
                    and t["end"] <= r["quote_end"]
                ),
                None,
            )
            r["time"], r["time_text"] = (t["value"], t["text"]) if t else (None, None)

    def claims(self, f: ClaimFilter, *, limit: int = 20, offset: int = 0) -> Page:
        """Claims of the filter, newest first (items: :data:`CLAIM_COLUMNS` and ``title``)."""
        query = self._claim_query(f)
        if query is None:
            return Page([], 0, limit, offset)
        join, wheres, params = query
        where = " WHERE " + " AND ".join(wheres)
        # the count comes with the page (one pass over the join); past the last page, on its own
        rows = self._all(
            f"SELECT {self._claim_select(times=False)}, a.title AS title, COUNT(*) OVER () AS n_total"
            f" {_FROM} {join}{where}"
            ' ORDER BY q.published IS NULL, q.published DESC, q.article_id, q.idx, n."start" LIMIT ? OFFSET ?',
            [*params, limit, offset],
        )
        if rows:
            total = int(rows[0]["n_total"])
        else:
            row = self._one(f"SELECT COUNT(*) {_FROM} {join}{where}", params) if offset else None
            total = int(row[0]) if row else 0
        for r in rows:
            del r["n_total"]
        self._add_times(rows)
        return Page(rows, total, limit, offset)

    def claim_units(self, f: ClaimFilter, *, limit: int = 20) -> list[dict[str, Any]]:
        """The units of the filter's claims (``None`` for counts), most claims first: unit, n."""
        query = self._claim_query(f)
        if query is None:
            return []
        join, wheres, params = query
        return self._all(
            f"SELECT n.unit AS unit, COUNT(*) AS n {_FROM} {join} WHERE {' AND '.join(wheres)}"
            " GROUP BY n.unit ORDER BY n DESC, n.unit LIMIT ?",
            [*params, limit],
        )

    def claim_speakers(self, f: ClaimFilter, *, limit: int = 20) -> list[dict[str, Any]]:
        """The speakers with most claims of the filter: name, entity_id (or None), n."""
        query = self._claim_query(f)
        if query is None:
            return []
        join, wheres, params = query
        wheres = [*wheres, "q.speaker_name IS NOT NULL"]
        return self._all(
            "SELECT MAX(COALESCE(e.name, q.speaker_name)) AS name, q.speaker_entity_id AS entity_id, COUNT(*) AS n"
            f" {_FROM} LEFT JOIN entities e ON e.id = q.speaker_entity_id {join} WHERE {' AND '.join(wheres)}"
            " GROUP BY q.speaker_entity_id, CASE WHEN q.speaker_entity_id IS NULL THEN LOWER(q.speaker_name) END"
            " ORDER BY n DESC, name LIMIT ?",
            [*params, limit],
        )

    def export_claims(self, f: ClaimFilter) -> Iterator[tuple[Any, ...]]:
        """Every claim of the filter in :data:`CLAIM_COLUMNS` order, by article and position."""
        query = self._claim_query(f)
        if query is None:
            return iter(())
        join, wheres, params = query
        sql = (
            f"SELECT {self._claim_select()} {_FROM} {join} WHERE {' AND '.join(wheres)}"
            ' ORDER BY q.article_id, q.idx, n."start"'
        )
        return self._stream(sql, params)

    @abc.abstractmethod
    def _stream(self, sql: str, params: Sequence[Any]) -> Iterator[tuple[Any, ...]]:
        """Rows of a long read, a batch at a time (an export)."""


def claim_json(row: dict[str, Any]) -> dict[str, Any]:
    """A claim item with the quantity's place in ``quote_text`` (``mark``: [start, end] or None,
    for highlighting): the offset into the article when the quotation is one piece, else found
    by its text."""
    qt, text = row.get("quote_text") or "", row.get("text") or ""
    at = int(row["start"]) - int(row["quote_start"]) if row.get("start") is not None else -1
    if not (at >= 0 and qt[at : at + len(text)] == text):
        at = qt.find(text) if text else -1
    return dict(row, mark=[at, at + len(text)] if at >= 0 else None)


def dumps_row(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False)


BOUNDS = {"at_least": "≥ ", "at_most": "≤ ", "about": "~"}


def _num(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,.6g}"


def normalised(row: dict[str, Any]) -> str:
    """The quantity as the quantities stage normalised it: '≥ 300 percent', '11,000,000–25,000,000 IDR'."""
    if row.get("value") is None:
        return ""
    out = BOUNDS.get(row.get("bound") or "", "") + _num(float(row["value"]))
    if row.get("upper") is not None:
        out += "–" + _num(float(row["upper"]))
    return out + (f" {row['unit']}" if row.get("unit") else "")


def over_time(rows: list[dict[str, Any]], *, least: int = 2) -> list[dict[str, Any]]:
    """Claims grouped by what they count (unit and object, any case), oldest first within a group:
    the same figure claimed again, or changed, over time. Groups of at least ``least`` claims,
    the largest first: unit, object, claims."""
    groups: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in rows:
        obj = " ".join(str(r.get("object") or "").casefold().split())
        if not obj and not r.get("unit"):
            continue  # a bare number: nothing says two of them count the same thing
        groups.setdefault((str(r.get("unit") or ""), obj), []).append(r)
    out = [
        {
            "unit": u or None,
            "object": o or None,
            "claims": sorted(g, key=lambda r: (r.get("published") or "", r["start"])),
        }
        for (u, o), g in groups.items()
        if len(g) >= least
    ]
    return sorted(out, key=lambda g: (-len(g["claims"]), g["unit"] or "", g["object"] or ""))
