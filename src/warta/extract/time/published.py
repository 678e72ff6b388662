"""Pipeline stage ``published``: the publication date when the input did not give one.

Order of evidence: the input (CLI ``--published``, HTML metadata, the record) is kept as it is;
then a date in the URL (``/2019/09/10/``); then a dated dateline at the top of the body
("Jakarta, Senin (5/12/2016) -"); then weekday-plus-date pairs ("Sabtu (3/12)"), which narrow the
year to the few years where that day falls on that weekday; then the latest full date in the
text. The result lists the candidates and the evidence and carries an honest confidence.
"""

from __future__ import annotations

import re
from datetime import date

from warta import lang
from warta.article import Article, Published
from warta.extract.time.grammar import Found, find
from warta.extract.time.lexicon import PackLike
from warta.extract.time.resolve import safe_date, weekday_name
from warta.stages import stage

FIRST_YEAR = 1995  # the first years of Indonesian online news
DATELINE_CHARS = 120
# before a dateline date: a place, maybe an outlet ("JAKARTA, KOMPAS.com,", "Jakarta (ANTARA)")
DATELINE_PREFIX = re.compile(
    r"^\s*(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})?(?:\s*(?:,\s*[A-Z][\w.]*|\([A-Za-z .]+\)))?\s*,?\s*$"
)
DATELINE_DASH = re.compile(r"\s*[-–—:|]\s")
URL_DATE = re.compile(r"/((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:/|\d|$)")


def _url_date(url: str | None) -> date | None:
    if not url:
        return None
    m = URL_DATE.search(url)
    return safe_date(int(m[1]), int(m[2]), int(m[3])) if m else None


def _full_date(f: Found) -> date | None:
    if f.kind != "day" or f.f.get("month") is None or f.f.get("year") is None:
        return None
    return safe_date(int(f.f["year"]), int(f.f["month"]), int(f.f["day"]))


def weekday_years(day: int, month: int, weekday: int, first: int, last: int) -> list[int]:
    """The years in ``[first, last]`` where ``day/month`` falls on ``weekday`` (Monday = 0)."""
    out = []
    for y in range(first, last + 1):
        d = safe_date(y, month, day)
        if d is not None and d.weekday() == weekday:
            out.append(y)
    return out


def infer(article: Article, *, today: date | None = None) -> Published:
    """Infer the publication date from the URL and the text (does not touch ``article``)."""
    today = today or date.today()
    pack = lang.for_article(article)
    found = find(article.text, pack=pack) if article.text else []

    if (d := _url_date(article.url)) is not None:
        return Published(d.isoformat(), source="metadata", confidence=0.95, evidence=[f"date in the URL {article.url}"])

    for f in found:
        if f.start >= DATELINE_CHARS:
            break
        d = _full_date(f)
        # a dated dateline: "Jakarta, Senin (5/12/2016) -", only a place or an outlet before the date
        if (
            d is not None
            and d <= today
            and DATELINE_PREFIX.match(article.text[: f.start])
            and DATELINE_DASH.match(article.text, f.end)
        ):
            return Published(d.isoformat(), source="dateline", confidence=0.9, evidence=[f"dated dateline {f.text!r}"])

    full = [(f, d) for f in found if (d := _full_date(f)) is not None and d <= today]
    pairs = [
        f
        for f in found
        if f.kind == "day"
        and f.f.get("weekday") is not None
        and f.f.get("month")
        and f.f.get("year") is None
        and f.f.get("year2") is None
    ]
    years_named = [int(f.f["y"]) for f in found if f.kind == "year" and FIRST_YEAR <= int(f.f["y"]) <= today.year]
    years_named += [d.year for _f, d in full]

    if pairs:
        return _from_pairs(pairs, years_named, full, today, pack)
    if full:
        f, d = max(full, key=lambda x: x[1])
        return Published(
            d.isoformat(),
            source="inferred",
            confidence=0.4,
            evidence=[f"latest full date in the text {f.text!r}; the article is from that day or later"],
        )
    return Published(None, source="none", confidence=0.0, evidence=["no date in the input, the URL or the text"])


def _from_pairs(
    pairs: list[Found], years_named: list[int], full: list[tuple[Found, date]], today: date, pack: PackLike
) -> Published:
    evidence: list[str] = []
    per_pair: list[set[int]] = []
    for f in pairs:
        ys = weekday_years(f.f["day"], f.f["month"], f.f["weekday"], FIRST_YEAR, today.year)
        per_pair.append(set(ys))
        names = ", ".join(str(y) for y in ys) or "no year"
        wd = weekday_name(f.f["weekday"], pack)
        evidence.append(f"{f.text!r}: {f.f['day']}/{f.f['month']} is a {wd} in {names}")
    common = set.intersection(*per_pair) if per_pair else set()
    if not common:  # the pairs disagree: keep the years most of them allow
        counts: dict[int, int] = {}
        for ys in per_pair:
            for y in ys:
                counts[y] = counts.get(y, 0) + 1
        if not counts:
            return Published(None, source="none", confidence=0.0, evidence=[*evidence, "no year matches the weekdays"])
        top = max(counts.values())
        common = {y for y, c in counts.items() if c == top}
        evidence.append("the weekday-date pairs do not all agree")

    def reported(y: int) -> date | None:
        days = [safe_date(y, f.f["month"], f.f["day"]) for f in pairs]
        valid = [d for d in days if d is not None and d <= today]
        return max(valid) if valid else None

    cands = sorted((d for y in common if (d := reported(y)) is not None), reverse=True)
    if not cands:
        return Published(
            None, source="none", confidence=0.0, evidence=[*evidence, "every candidate lies in the future"]
        )
    if years_named:
        ref = max(years_named)
        chosen = min(cands, key=lambda d: abs(d.year - ref) + (0.5 if d.year < ref else 0.0))
        conf = 0.6 if chosen.year == ref else 0.4
        evidence.append(f"chose the candidate nearest to the latest year named in the text ({ref})")
    else:
        chosen = cands[0]
        conf = round(min(0.5, 1.0 / len(cands)), 3)
        evidence.append(f"no year named in the text: chose the most recent of {len(cands)} candidate years")
    evidence.append("the article is from the latest reported day or shortly after")
    return Published(
        chosen.isoformat(),
        source="inferred",
        confidence=conf,
        candidates=[d.isoformat() for d in cands],
        evidence=evidence,
    )


@stage(requires=("text",), assigns=("published",))
def annotate(article: Article) -> None:
    """Stage: keep a given publication date, or infer one."""
    if article.published is not None and article.published.value:
        return
    article.published = infer(article)
