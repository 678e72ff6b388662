"""Store faults as one line (issue 19, item 6): another application's database is refused
untouched, a read-only archive can be searched, a corrupt one and a full disk are one-line
errors, never a traceback."""

from __future__ import annotations

import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from store_helpers import sample_articles
from warta.errors import StoreError
from warta.store import open_store

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))


def warta(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "warta.cli", *args], cwd=cwd, env=ENV, capture_output=True, text=True, timeout=300
    )


def archive(path: Path) -> Path:
    with open_store(str(path)) as st:
        for art in sample_articles():
            st.add(art)
        st.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def tables(path: Path) -> list[str]:
    with sqlite3.connect(path) as conn:
        return sorted(r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'"))


def test_another_applications_database_is_refused_and_left_as_it_was(tmp_path):
    other = tmp_path / "other_app.db"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    before = other.read_bytes()
    for args in (("search", "banjir"), ("quotes",), ("ingest", "x.txt")):
        (tmp_path / "x.txt").write_text("Budi datang ke Jakarta.\n", encoding="utf-8")
        proc = warta(*args, "--db", str(other), cwd=tmp_path)
        assert proc.returncode == 1, (args, proc.stderr)
        assert (
            proc.stderr.strip()
            == f"warta: {other}: not a Warta archive (it holds other tables: users); give another --db"
        )
    assert tables(other) == ["users"] and other.read_bytes() == before
    assert not Path(str(other) + "-wal").exists()
    empty = tmp_path / "empty.db"
    sqlite3.connect(empty).close()  # an empty database becomes an archive
    open_store(str(empty)).close()
    assert "meta" in tables(empty)


def test_a_read_only_archive_can_be_searched(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    db = archive(folder / "w.db")
    db.chmod(stat.S_IRUSR | stat.S_IRGRP)
    folder.chmod(stat.S_IRUSR | stat.S_IXUSR)  # no journal or shared-memory file can be made here
    try:
        if os.access(folder, os.W_OK):
            pytest.skip("running as a user who can write anything (root): a read-only folder cannot be tried")
        proc = warta("search", "banjir", "--db", str(db), cwd=tmp_path)
        assert proc.returncode == 0, proc.stderr
        assert "Banjir rendam Jakarta Utara" in proc.stdout
        with open_store(str(db)) as st:
            assert st.search_articles("bendungan").total == 1
            with pytest.raises(StoreError, match="read-only"):
                st.add(sample_articles()[0].__class__(original="Baru.", text="Baru."))
    finally:
        folder.chmod(stat.S_IRWXU)
        db.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_read_only_file_opens_read_only(tmp_path):
    """As root the file modes do not stop writes; SQLite's own read-only mode is what is tried."""
    from warta.store.sqlite import SqliteStore

    db = archive(tmp_path / "w.db")
    st = SqliteStore(db, read_only=True)  # how a file this process cannot write is opened
    try:
        assert st.read_only and st.search_articles("banjir").total == 1
        with pytest.raises(StoreError, match="read-only"):
            st.add_failure("x", "y")
    finally:
        st.close()


def test_a_corrupt_archive_is_one_line(tmp_path):
    db = archive(tmp_path / "w.db")
    data = bytearray(db.read_bytes())
    for i in range(4096, len(data), 4096):
        data[i : i + 4096] = b"\xff" * min(4096, len(data) - i)
    db.write_bytes(bytes(data))
    for args in (("search", "banjir"), ("quotes", "--speaker", "Basuki"), ("search", "--failures")):
        proc = warta(*args, "--db", str(db), cwd=tmp_path)
        assert proc.returncode == 1, (args, proc.stdout, proc.stderr)
        assert "Traceback" not in proc.stderr and len(proc.stderr.strip().splitlines()) == 1, proc.stderr
        assert "corrupt" in proc.stderr or "not a usable" in proc.stderr, proc.stderr


def test_a_full_disk_is_one_line(tmp_path):
    """SQLite's own "database or disk is full" (a page-count cap stands in for a full disk)."""
    db = archive(tmp_path / "w.db")
    with open_store(str(db)) as st:
        pages = st.conn.execute("PRAGMA page_count").fetchone()[0]
        st.conn.execute(f"PRAGMA max_page_count = {pages}")
        big = sample_articles()[0].__class__(original="Banjir. " * 20000, text="Banjir. " * 20000)
        with pytest.raises(StoreError, match="full: free some space"):
            st.add(big)
        assert st.search_articles("bendungan").total == 1  # rolled back; the archive is fine
