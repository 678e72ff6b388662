"""`warta ingest` end to end: idempotency, updates, bad inputs, workers, SIGKILL and resume,
and the search / quotes / export commands on the result. Runs on SQLite and (with
WARTA_TEST_PG) PostgreSQL."""

# ruff: noqa: F811  (pytest fixtures imported from store_helpers)
from __future__ import annotations

import contextlib
import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from store_helpers import target  # noqa: F401
from test_read_inputs import write_warc
from warta.cli import main
from warta.store import EXPORT_TABLES, open_store

FIX = Path(__file__).parent / "fixtures" / "read"
CITIES = ["Bandung", "Medan", "Makassar", "Padang", "Kupang", "Ambon", "Jayapura", "Pontianak", "Manado", "Kendari"]
ENV = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent / "src")}


def article(i: int, *, version: int = 1) -> dict:
    city = CITIES[i % len(CITIES)]
    day = 1 + i % 28
    text = (
        f"Pemerintah Kota {city} memperbaiki {10 + i} ruas jalan yang rusak akibat hujan deras pekan lalu. "
        f"Perbaikan ditargetkan selesai dalam {2 + i % 5} pekan.\n\n"
        f'"Kami sudah menyiapkan anggaran Rp {i + 1} miliar untuk pekerjaan ini," kata Kepala Dinas Pekerjaan Umum '
        f"{city}, Budi Santoso{i}, Senin ({day}/9/2019).\n\n"
        f"Warga {city} diminta berhati-hati saat melintas di lokasi perbaikan."
    )
    if version > 1:
        text += f"\n\nPembaruan {version}: pekerjaan dipercepat."
    return {
        "title": f"{city} perbaiki {10 + i} ruas jalan",
        "text": text,
        "url": f"https://contoh.id/2019/09/{day:02d}/jalan-{i}",
        "published": f"2019-09-{day:02d}",
    }


def write_jsonl(path: Path, rows: list, bad_lines: tuple[int, ...] = ()) -> Path:
    with open(path, "w", encoding="utf-8") as fh:
        for n, r in enumerate(rows):
            if n in bad_lines:
                fh.write("{not json\n")
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    return path


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str


def warta(*args: str, check: bool = True) -> Run:
    """Run the command line in this process (the pipeline loads once for all tests); the
    SIGKILL and concurrency tests below use real subprocesses."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        rc = main(list(args))
    run = Run(rc, out.getvalue(), err.getvalue())
    if check:
        assert run.returncode in (0, 1), run.stderr
    return run


def counts(target: str) -> dict:
    with open_store(target) as s:
        return s.stats()["counts"]


def test_ingest_is_idempotent_and_updates_changed_articles(tmp_path, target):
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(5)])
    out = warta("ingest", str(src), "--db", target)
    assert out.returncode == 0 and "5 new" in out.stderr
    first = counts(target)
    assert first["articles"] == 5 and first["failures"] == 0
    out = warta("ingest", str(src), "--db", target)
    assert "0 new" in out.stderr and "5 done before" in out.stderr
    assert counts(target) == first
    out = warta("ingest", str(src), "--db", target, "--reprocess")
    assert "5 updated" in out.stderr and counts(target) == first
    # the same content under another file name is recognised by its content hash
    copy = tmp_path / "copy.jsonl"
    copy.write_bytes(src.read_bytes())
    warta("ingest", str(copy), "--db", target)
    assert counts(target)["articles"] == 5
    # article 2 changed at the same URL: updated, not duplicated
    changed = write_jsonl(tmp_path / "b.jsonl", [article(2, version=2)])
    out = warta("ingest", str(changed), "--db", target)
    assert "1 updated" in out.stderr
    assert counts(target)["articles"] == 5
    with open_store(target) as s:
        assert "Pembaruan 2" in s.get_article_by_url(article(2)["url"])["text"]
        assert s.search_articles("dipercepat").total == 1


def test_bad_inputs_each_become_one_failure_and_the_rest_is_stored(tmp_path, target):
    d = tmp_path / "in"
    d.mkdir()
    write_jsonl(d / "a.jsonl", [article(i) for i in range(3)], bad_lines=(1,))
    (d / "b.csv").write_text(
        "title,text,url,published\n"
        f'"{article(3)["title"]}","{article(3)["text"].replace(chr(34), chr(34) * 2)}",{article(3)["url"]},2019-09-04\n'
        '"rusak","teks",https://contoh.id/rusak,2019-09-05,kolom-lebih\n'
        f'"{article(4)["title"]}","{article(4)["text"].replace(chr(34), chr(34) * 2)}",{article(4)["url"]},2019-09-05\n',
        encoding="utf-8",
    )
    html = (FIX / "halaman.html").read_text(encoding="utf-8")
    full = tmp_path / "full.warc.gz"
    write_warc(
        full,
        [(f"https://contoh.id/2019/09/20/p{i}", "text/html", html.replace("seribu", f"{i} ribu")) for i in range(3)],
    )
    data = full.read_bytes()
    (d / "cut.warc.gz").write_bytes(data[: int(len(data) * 0.8)])
    big = "<html><body>" + "<p>Paragraf panjang tentang banjir di kota.</p>\n" * 420_000 + "</body></html>"
    assert len(big) > 20_000_000
    (d / "besar.html").write_text(big, encoding="utf-8")
    out = warta("ingest", str(d), "--db", target, "--workers", "2")
    assert out.returncode == 1
    with open_store(target) as s:
        fails = s.failures().items
        reasons = sorted(f["reason"] for f in fails)
        assert len(fails) == 4, fails
        assert reasons[0].startswith("HTML page is 20.") and reasons[0].endswith("over the 10 million limit")
        assert reasons[1].startswith("broken CSV row: 5 fields, the header has 4")
        assert reasons[2].startswith("line is not JSON")
        assert reasons[3].startswith("truncated WARC")
        by_input = {f["input"] for f in fails}
        assert any(i.endswith("a.jsonl:2") for i in by_input) and any(
            i.endswith("b.csv:7") for i in by_input
        )  # line where the row starts
        c = s.stats()["counts"]
        assert c["articles"] == 3 + 2 + 2  # jsonl, csv, complete WARC records before the cut
    # a rerun neither repeats failures nor articles
    warta("ingest", str(d), "--db", target)
    assert counts(target)["failures"] == 4 and counts(target)["articles"] == 7


def test_two_workers_store_the_same_as_one(tmp_path):
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(12)])
    dbs = []
    for n in ("1", "2"):
        db = str(tmp_path / f"w{n}.db")
        warta("ingest", str(src), "--db", db, "--workers", n)
        dbs.append(db)
    dumps = []
    for db in dbs:
        with open_store(db) as s:
            dumps.append(sorted((r[0], r[7]) for r in s.export_table("articles")))
            assert s.stats()["counts"]["articles"] == 12
    assert dumps[0] == dumps[1]


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigkill_mid_run_then_rerun_stores_every_article_once(tmp_path, target, workers):
    n = 60
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(n)])
    proc = subprocess.Popen(
        [sys.executable, "-m", "warta.cli", "ingest", str(src), "--db", target, "--workers", workers],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        stored = 0
        while time.monotonic() < deadline:
            time.sleep(0.05)
            try:
                stored = counts(target)["articles"]
            except Exception:  # the store may still be being created
                continue
            if stored >= 3:
                break
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait(timeout=30)
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(proc.pid, signal.SIGKILL)  # the worker processes too
    at_kill = counts(target)["articles"]
    assert 3 <= at_kill < n, "the run must be killed in the middle"
    out = warta("ingest", str(src), "--db", target, "--workers", workers)
    assert out.returncode == 0, out.stderr
    assert f"{n - at_kill} new" in out.stderr and f"{at_kill} done before" in out.stderr, out.stderr
    c = counts(target)
    assert c["articles"] == n and c["failures"] == 0 and c["inputs"] == n
    with open_store(target) as s:
        urls = [r[1] for r in s.export_table("articles")]
        assert sorted(urls) == sorted(article(i)["url"] for i in range(n))
    if not target.startswith("postgresql"):
        conn = sqlite3.connect(target)
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.execute("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')")
        conn.execute("INSERT INTO quotes_fts (quotes_fts) VALUES ('integrity-check')")
        conn.close()


def test_search_quotes_and_export_commands(tmp_path, target):
    src = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(4)])
    warta("ingest", str(src), "--db", target)
    out = warta("search", "ruas jalan Medan", "--db", target)
    lines = out.stdout.splitlines()
    assert out.returncode == 0 and lines[0].split() == ["date", "outlet", "title", "match", "id"]
    assert len(lines) == 3 and "Medan perbaiki 11 ruas jalan" in lines[2]
    assert "articles 1-1 of 1" in out.stderr
    out = warta("search", "jalan", "--db", target, "--since", "2019-09-03", "--json")
    assert sorted(json.loads(x)["published"] for x in out.stdout.splitlines()) == ["2019-09-03", "2019-09-04"]
    out = warta("search", "tidakadakatainiditeks", "--db", target)
    assert out.stdout.strip() == "no articles found"
    out = warta("quotes", "--text", "anggaran", "--db", target, "--json")
    assert out.returncode == 0
    quotes = [json.loads(x) for x in out.stdout.splitlines()]
    assert all("anggaran" in q["text"] for q in quotes)
    for fmt in ("jsonl", "csv", "parquet"):
        out = warta("export", "--db", target, "--format", fmt, str(tmp_path / fmt))
        assert out.returncode == 0, out.stderr
    pd = pytest.importorskip("pandas")
    arts = pd.read_parquet(tmp_path / "parquet" / "articles.parquet")
    assert len(arts) == 4 and set(arts["url"]) == {article(i)["url"] for i in range(4)}
    assert len(pd.read_csv(tmp_path / "csv" / "articles.csv")) == 4
    assert len(pd.read_json(tmp_path / "jsonl" / "articles.jsonl", lines=True)) == 4
    duckdb = pytest.importorskip("duckdb")
    n = duckdb.sql(f"SELECT COUNT(*) FROM '{tmp_path / 'parquet' / 'quotes.parquet'}'").fetchall()[0][0]
    assert n == len(pd.read_parquet(tmp_path / "parquet" / "quotes.parquet"))


def test_ingest_usage_errors(tmp_path):
    out = warta("ingest", "x", "--workers", "0", "--db", str(tmp_path / "d.db"), check=False)
    assert out.returncode == 2 and out.stderr.count("\n") == 1
    out = warta("search", "x", "--db", str(tmp_path / "none.db"), check=False)
    assert out.returncode == 1 and "no such archive" in out.stderr and not (tmp_path / "none.db").exists()
    out = warta("ingest", "x", "--db", str(tmp_path / "nodir" / "d.db"), check=False)
    assert out.returncode == 1 and out.stderr.count("\n") == 1


def test_two_ingests_at_once_into_one_archive(tmp_path, target):
    """Two team members ingesting overlapping inputs at the same time: each article once."""
    n = 16
    a = write_jsonl(tmp_path / "a.jsonl", [article(i) for i in range(n)])
    b = write_jsonl(tmp_path / "b.jsonl", [article(i) for i in reversed(range(n))])
    open_store(target).close()  # create the schema first, as a shared archive would have it
    procs = [
        subprocess.Popen(
            [sys.executable, "-m", "warta.cli", "ingest", str(src), "--db", target],
            env=ENV,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        for src in (a, b)
    ]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    c = counts(target)
    assert c["articles"] == n and c["failures"] == 0
    n_quotes = EXPORT_TABLES["articles"].index("n_quotes")
    with open_store(target) as s:  # no annotation stored twice either
        assert sum(r[n_quotes] for r in s.export_table("articles")) == c["quotes"]
