"""Pipeline stage ``published``: the publication date when the input did not give one.

Order of evidence: the input (CLI ``--published``, HTML metadata, the record) is kept as it is;
then a date in the URL (``/2019/09/10/``, read by ``warta.read.dates.date_from_url``); then a
dated dateline at the top of the body ("Jakarta, Senin (5/12/2016) -"); then weekday-plus-date
pairs ("Sabtu (3/12)"), which narrow the year to the few years where that day falls on that
weekday; then the latest full date in the text written with its weekday ("Senin (2/1/2017)").

No date is better than a wrong one: a year is only chosen when the text or the corpus names it.
Weekday pairs take a year named in the text, or the one candidate year among the years of the
corpus's other records (``Article.corpus_years``, set by a batch); a full date without its
weekday ("lahir 25 Juni 1936") only bounds the date from below; an inferred year far from the
corpus's other records is refused. A refused inference keeps its candidates and evidence.
"""

from __future__ import annotations

import re
from datetime import date

from warta import lang
from warta.article import Article, Published
from warta.extract.time.grammar import Found, find
from warta.extract.time.lexicon import PackLike
from warta.extract.time.resolve import safe_date, weekday_name
from warta.read.dates import date_from_url
from warta.stages import stage

FIRST_YEAR = 1995  # the first years of Indonesian online news
DATELINE_CHARS = 120
# before a dateline date: a place, maybe an outlet ("JAKARTA, KOMPAS.com,", "Jakarta (ANTARA)")
DATELINE_PREFIX = re.compile(
    r"^\s*(?:[A-Z][\w.'-]*(?:\s+[A-Z][\w.'-]*){0,3})?(?:\s*(?:,\s*[A-Z][\w.]*|\([A-Za-z .]+\)))?\s*,?\s*$"
)
DATELINE_DASH = re.compile(r"\s*[-–—:|]\s")
CORPUS_SLACK_YEARS = 1  # an inferred year may lie this far outside the years of the corpus's other records


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


def _in_corpus(d: date, corpus: tuple[int, int] | None) -> bool:
    return corpus is None or corpus[0] - CORPUS_SLACK_YEARS <= d.year <= corpus[1] + CORPUS_SLACK_YEARS


def _none(evidence: list[str], candidates: list[date] | None = None) -> Published:
    cands = [d.isoformat() for d in candidates or []]
    return Published(None, source="none", confidence=0.0, candidates=cands, evidence=evidence)


def infer(article: Article, *, today: date | None = None) -> Published:
    """Infer the publication date from the URL and the text (does not touch ``article``)."""
    today = today or date.today()
    corpus = article.corpus_years
    pack = lang.for_article(article)
    found = find(article.text, pack=pack) if article.text else []

    if (iso := date_from_url(article.url)) is not None:
        return Published(iso, source="metadata", confidence=0.95, evidence=[f"date in the URL {article.url}"])
    if not lang.reads(article):
        return _none(["no date in the input or the URL; dates in the text are not read in this language yet"])

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
        return _from_pairs(pairs, years_named, corpus, today, pack)
    if full:
        return _from_full_dates(full, corpus)
    return _none(["no date in the input, the URL or the text"])


def _from_full_dates(full: list[tuple[Found, date]], corpus: tuple[int, int] | None) -> Published:
    """The latest full date when it is written with its weekday (a reporting date, "Senin
    (2/1/2017)"); one without may be a birthday or an anniversary and only bounds the date."""
    f, d = max(full, key=lambda x: x[1])
    lower = f"latest full date in the text {f.text!r}: the article is from that day or later"
    if f.f.get("weekday") is None or d.weekday() != f.f["weekday"]:
        return _none([lower, "it is not written with its weekday, so it may name any earlier event"], [d])
    if corpus is not None and not _in_corpus(d, corpus):
        return _none([lower, f"{d.year} is far from the corpus's other records ({corpus[0]}-{corpus[1]})"], [d])
    return Published(d.isoformat(), source="inferred", confidence=0.4, evidence=[lower, "written with its weekday"])


def _from_pairs(
    pairs: list[Found], years_named: list[int], corpus: tuple[int, int] | None, today: date, pack: PackLike
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
            return _none([*evidence, "no year matches the weekdays"])
        top = max(counts.values())
        common = {y for y, c in counts.items() if c == top}
        evidence.append("the weekday-date pairs do not all agree")

    def reported(y: int) -> date | None:
        days = [safe_date(y, f.f["month"], f.f["day"]) for f in pairs]
        valid = [d for d in days if d is not None and d <= today]
        return max(valid) if valid else None

    cands = sorted((d for y in common if (d := reported(y)) is not None), reverse=True)
    if not cands:
        return _none([*evidence, "every candidate lies in the future"])
    near_corpus = [d for d in cands if _in_corpus(d, corpus)]
    if years_named:
        ref = max(years_named)
        # reported in the latest year the text names, or early in the next one
        near = [d for d in near_corpus if ref <= d.year <= ref + 1]
        if not near:
            why = f"no candidate year agrees with the latest year named in the text ({ref})"
            return _none([*evidence, why], cands)
        chosen = min(near, key=lambda d: d.year - ref)
        conf = 0.6 if chosen.year == ref else 0.4
        evidence.append(f"chose the candidate nearest to the latest year named in the text ({ref})")
    elif corpus is not None and len(near_corpus) == 1:
        chosen = near_corpus[0]
        conf = 0.5
        evidence.append(f"the only candidate year near the corpus's other records ({corpus[0]}-{corpus[1]})")
    else:
        near_note = "" if corpus is None else f", {len(near_corpus)} near the corpus's years ({corpus[0]}-{corpus[1]})"
        return _none([*evidence, f"no year named in the text and {len(cands)} candidate years{near_note}"], cands)
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
