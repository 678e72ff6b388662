"""Publication dates from corpus fields and URLs (many news URLs carry the date)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from functools import lru_cache

# /2019/09/10/, /2019-09-10/, /20190910..., /read/2019/09/10/
_URL_YMD = re.compile(r"(?<!\d)(20\d\d|19\d\d)[/-](0[1-9]|1[0-2])[/-](0[1-9]|[12]\d|3[01])(?!\d)")
_URL_COMPACT = re.compile(r"/(20\d\d)(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?:\d{0,8})?(?=[/_.-]|$)")
_DMY = re.compile(r"^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$")


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


def parse_field_date(value: object) -> str | None:
    """An ISO date/datetime from a corpus field, or None for what cannot be read without
    guessing. Read: ISO 8601; D/M/YYYY (day first, as Indonesian sites write it); written
    dates in Indonesian or English ("26 Oktober 2019", "Sep 30, 2019", "10-Sep-19", with
    dateparser); spreadsheet serial day numbers when unambiguous (see ``_serial``)."""
    if value is None:
        return None
    v = " ".join(str(value).split())
    if not v:
        return None
    try:
        if len(v) == 10:
            return date.fromisoformat(v).isoformat()
        return datetime.fromisoformat(v.replace("Z", "+00:00")).isoformat()
    except ValueError:
        pass
    m = _DMY.match(v)
    if m:
        return _valid(m.group(3), m.group(2), m.group(1))
    if _SERIAL.match(v):
        return _serial(float(v))
    return _written(v)


_SERIAL = re.compile(r"^\d{5}(?:\.\d+)?$")
_EXCEL_EPOCH = date(1899, 12, 30)


def _serial(n: float) -> str | None:
    """A spreadsheet day number (days since 1899-12-30). Spreadsheets in month-first locales
    turn a day-first "10/09/2019" into 9 October, so a serial whose day is 12 or less may
    have day and month swapped: those are left unread (None); later days are unambiguous."""
    if not 32874 <= n <= 73050:  # 1990..2099: outside this it is not a publication date
        return None
    d = _EXCEL_EPOCH + timedelta(days=int(n))
    return d.isoformat() if d.day > 12 else None


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
