"""Publication dates: one reader for every way a date comes in (``--published``, page metadata,
corpus fields) and the dates in URLs (many news URLs carry the date).

``parse_published`` reads what a user or an input gives (ISO dates and datetimes, a spreadsheet's
day number, a full date written out) and refuses the rest; ``parse_field_date`` reads a corpus
field the same way (the same value for everything ``parse_published`` accepts) and, failing that,
the other spellings corpora carry (English month names, "10-Sep-19").
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

from warta.errors import UsageError

# /2019/09/10/, /2019-09-10/, /20190910..., /read/2019/09/10/; not the number that starts a slug
# under a month ("/2019/09/14-tahun-mengenang-....html": a blog's /YEAR/MONTH/slug)
_URL_YMD = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?![\dA-Za-z]|-[A-Za-z])")
_URL_COMPACT = re.compile(r"/(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\d{0,8})?(?=[/_.-]|$)")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")
_EXCEL_EPOCH = date(1899, 12, 30)
# what ``parse_published`` accepts, for help texts and error messages
PUBLISHED_FORMATS = (
    "YYYY-MM-DD (2019-09-10), an ISO datetime (2019-09-10T14:30+07:00), a full written date, day first"
    " ('31 Juli 2019', '10-09-2019', '10/9/2019', 'Selasa, 10/9/2019 14:30 WIB'), or a spreadsheet day number"
    " ('43718'); a date without its year is refused"
)


def _valid(y: str, m: str, d: str) -> str | None:
    try:
        return date(int(y), int(m), int(d)).isoformat()
    except ValueError:
        return None


def date_from_url(url: str | None) -> str | None:
    """The first plausible YYYY/MM/DD (or YYYYMMDD path segment) in a URL, as an ISO date."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]*", "", url, flags=re.I)
    for rx in (_URL_YMD, _URL_COMPACT):
        for m in rx.finditer(path):
            iso = _valid(*m.groups())
            if iso:
                return iso
    return None


def parse_published(value: str | date | datetime) -> str:
    """Validate a publication date given by the user or the input (ISO date or datetime)."""
    if isinstance(value, datetime):
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    read = read_date(str(value).strip())
    if read is None:
        raise UsageError(
            f"invalid publication date {value!r}: expected YYYY-MM-DD, an ISO datetime, a written date with its"
            " year ('31 Juli 2019', '10/9/2019') or a spreadsheet day number ('43718')"
        )
    return read


def read_date(v: str) -> str | None:
    """The publication-date policy: an ISO date or datetime, a spreadsheet's day number, or a full
    date written out; None for anything else (no guessing of a year or a day)."""
    try:
        if len(v) == 10:
            return date.fromisoformat(v).isoformat()
        return datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    return _excel_serial(v) or _written_date(v)


def _excel_serial(v: str) -> str | None:
    """A spreadsheet's day number ("43718" = 2019-09-10), as CSV exports of Excel files carry
    them; only whole-field numbers that fall between 1950 and 2100."""
    if not re.fullmatch(r"\d{5}(?:\.\d+)?", v):
        return None
    n = float(v)
    if not 18264 <= n < 73051:  # 1950-01-01 .. 2100-01-01
        return None
    return (_EXCEL_EPOCH + timedelta(days=int(n))).isoformat()


def _written_date(v: str) -> str | None:
    """A full date written out ("31 Juli 2019", "Selasa, 10/9/2019 14:30 WIB"), read by the
    language pack's time grammar: one expression over the whole field, with its year and day."""
    from warta.extract.time.times import resolve_span

    found = resolve_span(v, 0, len(v), None, 0.0)
    if len(found) != 1 or found[0].value is None or len(found[0].text) < len(v.strip(" ,.")) - 2:
        return None
    value = found[0].value
    return value if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?:T[\d:]+(?:[+-]\d{2}:\d{2})?)?", value) else None


def parse_field_date(value: object) -> str | None:
    """An ISO date/datetime from a corpus field, or None for what cannot be read without
    guessing. Read: everything ``parse_published`` reads, to the same value (ISO 8601, a
    spreadsheet's day number, a full date written out in the language pack's words); then
    D/M/YYYY (day first, as Indonesian sites write it) and written dates dateparser knows in
    Indonesian or English ("Sep 30, 2019", "10-Sep-19")."""
    if value is None:
        return None
    v = " ".join(str(value).split())
    if not v:
        return None
    read = _read_cached(v)
    if read is not None:
        return read
    m = _DMY.match(v)
    if m:
        return _valid(m.group(3), m.group(2), m.group(1))
    return _written(v)


@lru_cache(maxsize=4096)
def _read_cached(v: str) -> str | None:
    return read_date(v)


@lru_cache(maxsize=4096)
def _written(v: str) -> str | None:
    if len(re.findall(r"\d+", v)) < 2:  # a day and a year, not "kemarin" or "Oktober 2019"
        return None
    import dateparser  # well-kept, knows Indonesian month and day names

    settings = {"DATE_ORDER": "DMY", "STRICT_PARSING": True, "RETURN_AS_TIMEZONE_AWARE": False}
    try:
        parsed = dateparser.parse(v, languages=["id", "en"], settings=settings)  # type: ignore[arg-type]
    except (ValueError, OverflowError):
        return None
    return parsed.date().isoformat() if parsed is not None else None


def choose_published(field_value: object, url: str | None) -> tuple[str | None, str | None]:
    """(published, why): the field when it is a readable date that agrees with the URL's date;
    the URL's date when they disagree or the field is unreadable (URLs are set at publication)."""
    from_field = parse_field_date(field_value)
    from_url = date_from_url(url)
    if from_field and (not from_url or from_field[:10] == from_url):
        return from_field, "field"
    if from_url:
        return from_url, "url"
    return None, None
