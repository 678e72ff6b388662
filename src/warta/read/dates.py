"""Publication dates from corpus fields and URLs (many news URLs carry the date)."""

from __future__ import annotations

import re
from datetime import date, datetime

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
    """An ISO date/datetime from a corpus field (ISO, or D/M/YYYY as Indonesian sites write it);
    None for what cannot be read without guessing (e.g. spreadsheet serial numbers)."""
    if value is None:
        return None
    v = str(value).strip()
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
    return None


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
