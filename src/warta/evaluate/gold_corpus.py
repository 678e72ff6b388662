"""The gold standard of whole articles (``bench/gold/``): reading it back from ``../shared/data``.

The repository holds no article text. ``articles.jsonl`` names each article by outlet file, row
and SHA-256 of its raw ``content`` field; ``annotations/<id>.json`` holds stand-off annotations
(character offsets into that content). :func:`load_gold` rebuilds the texts from the CLICK-ID
CSVs, checks each hash, and returns :class:`GoldArticle` objects. The annotators' working form
(text snippets instead of offsets) is turned into the stand-off form by
:mod:`warta.evaluate.gold_resolve`.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from warta.errors import UsageError

CLICK_DIR = Path("click-id-raw-articles") / "csv_converted"
_MONTHS = {
    "jan": 1, "januari": 1, "feb": 2, "februari": 2, "mar": 3, "maret": 3, "apr": 4, "april": 4,
    "mei": 5, "may": 5, "jun": 6, "juni": 6, "jul": 7, "juli": 7, "agu": 8, "agustus": 8, "aug": 8,
    "sep": 9, "september": 9, "okt": 10, "oktober": 10, "oct": 10, "nov": 11, "november": 11,
    "des": 12, "desember": 12, "dec": 12,
}  # fmt: skip


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def click_rows(data: Path, outlet: str) -> Iterator[dict[str, str]]:
    """The data rows of one CLICK-ID outlet file, in file order (row 0 is the first data row)."""
    path = data / CLICK_DIR / f"{outlet}.csv.gz"
    csv.field_size_limit(1 << 27)
    with gzip.open(path, "rt", encoding="utf-8", newline="") as fh:
        yield from csv.DictReader(fh)


# the CLICK-ID outlet files, in the order the miners read them
CLICK_OUTLETS = (
    "kompas", "tempo", "sindonews", "okezone", "tribunnews", "pos_metro", "kapanlagi", "wowkeren", "fimela_combined",
)  # fmt: skip


def unseen_click_texts(data: Path, gold_dir: Path) -> Iterator[str]:
    """The texts of all CLICK-ID articles but the gold standard's dev and test ones: what lexicons
    may be mined from without learning the parts they are measured on."""
    held_out = {r["sha256"] for r in read_manifest(gold_dir) if r["split"] in ("dev", "test")}
    for outlet in CLICK_OUTLETS:
        for row in click_rows(data, outlet):
            text = row.get("content") or ""
            if text and text_hash(text) not in held_out:
                yield text


def reference_date(row: dict[str, str]) -> str | None:
    """The date an article's relative times resolve against: the date in its URL (or Sindonews'
    Unix time stamp, in WIB), else the ``date`` cell. Checked on the corpus: the Excel day numbers
    equal the URL date in Sindonews and Okezone and are day/month swapped in Kompas only."""
    url = row.get("url") or ""
    m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url)
    if m:
        return dt.date(*map(int, m.groups())).isoformat()
    t = re.search(r"-(1[5-6]\d{8})(?:$|[/?#])", url)
    if t:
        stamp = dt.datetime.fromtimestamp(int(t.group(1)), tz=dt.UTC) + dt.timedelta(hours=7)
        return stamp.date().isoformat()
    raw = (row.get("date") or "").strip()
    if raw.isdigit():
        return (dt.date(1899, 12, 30) + dt.timedelta(days=int(raw))).isoformat()
    m = re.fullmatch(r"(\d{1,2})[ -]([A-Za-z]+)[ -](\d{2,4})", raw)
    if m and m.group(2).lower()[:3] in _MONTHS:
        year = int(m.group(3)) + (2000 if len(m.group(3)) == 2 else 0)
        return dt.date(year, _MONTHS[m.group(2).lower()[:3]], int(m.group(1))).isoformat()
    m = re.fullmatch(r"([A-Za-z]+) (\d{1,2}), (\d{4})", raw)
    if m and m.group(1).lower()[:3] in _MONTHS:
        return dt.date(int(m.group(3)), _MONTHS[m.group(1).lower()[:3]], int(m.group(2))).isoformat()
    m = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", raw)
    if m:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1))).isoformat()
    return None


def manifest_record(outlet: str, row_index: int, row: dict[str, str], sha256: str, split: str) -> dict[str, Any]:
    """One manifest line for an article drawn from a CLICK-ID outlet file (no text)."""
    return {
        "id": f"{outlet.split('_')[0]}-{row_index:05d}",
        "outlet": outlet,
        "row": row_index,
        "sha256": sha256,
        "chars": len(row["content"]),
        "url": row.get("url") or None,
        "published": reference_date(row),
        "split": split,
    }


@dataclass
class GoldArticle:
    """One annotated article: its raw text and the stand-off annotation (offsets into ``text``)."""

    id: str
    outlet: str
    row: int
    split: str
    published: str | None
    url: str | None
    text: str
    ann: dict[str, Any] = field(default_factory=dict)


def default_gold_dir() -> Path:
    return Path(__file__).resolve().parents[3] / "bench" / "gold"


def read_manifest(gold_dir: Path) -> list[dict[str, Any]]:
    path = gold_dir / "articles.jsonl"
    if not path.exists():
        raise UsageError(f"no gold manifest at {path}")
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@lru_cache(maxsize=16)
def _outlet_texts(data: str, outlet: str) -> tuple[str, ...]:
    return tuple(row.get("content") or "" for row in click_rows(Path(data), outlet))


def article_text(data: Path, outlet: str, row: int, sha256: str) -> str:
    path = data / CLICK_DIR / f"{outlet}.csv.gz"
    if not path.exists():
        raise UsageError(f"CLICK-ID file missing: {path} (the gold standard is rebuilt from ../shared/data)")
    texts = _outlet_texts(str(data), outlet)
    if row >= len(texts) or text_hash(texts[row]) != sha256:
        raise UsageError(f"{outlet} row {row}: text differs from the one annotated (hash mismatch)")
    return texts[row]


def load_gold(
    data: Path, gold_dir: Path | None = None, split: str | None = None, *, annotated_only: bool = True
) -> list[GoldArticle]:
    """The gold articles of ``split`` (all when None), texts rebuilt and checked by hash."""
    gold_dir = gold_dir or default_gold_dir()
    out = []
    for rec in read_manifest(gold_dir):
        if split and rec["split"] != split:
            continue
        ann_path = gold_dir / "annotations" / f"{rec['id']}.json"
        if annotated_only and not ann_path.exists():
            continue
        ann = json.loads(ann_path.read_text(encoding="utf-8")) if ann_path.exists() else {}
        text = article_text(data, rec["outlet"], rec["row"], rec["sha256"])
        out.append(
            GoldArticle(
                rec["id"], rec["outlet"], rec["row"], rec["split"], rec.get("published"), rec.get("url"), text, ann
            )
        )
    return out
