"""Workers die with their parent (issue 19, item 4): killing ``warta ingest --workers 2`` with
SIGKILL left both workers alive under PID 1 at about 320 MB each; SIGTERM now stops the batch
as Ctrl-C does, keeping every finished article."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
TEXT = "Menteri Basuki Hadimuljono meninjau bendungan di Kabupaten Bogor pada hari Senin nomor {n}. " * 12

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="reads /proc")


def children(pid: int) -> list[int]:
    out = []
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                stat = Path(f"/proc/{d}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(d))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def start_ingest(tmp_path: Path) -> tuple[subprocess.Popen[bytes], list[int]]:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(400):
        (corpus / f"a{n:03d}.txt").write_text(TEXT.format(n=n), encoding="utf-8")
    proc = subprocess.Popen(
        [sys.executable, "-m", "warta.cli", "ingest", str(corpus), "--db", str(tmp_path / "w.db"), "--workers", "2"],
        env=ENV,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    deadline = time.monotonic() + 120  # the parent loads the models before it forks the workers
    workers: list[int] = []
    while time.monotonic() < deadline and len(workers) < 2:
        time.sleep(0.3)
        workers = children(proc.pid)
        assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
    assert len(workers) >= 2, "no workers started"
    return proc, workers


def test_no_orphan_after_sigkill_of_the_parent(tmp_path):
    proc, workers = start_ingest(tmp_path)
    proc.kill()
    proc.wait(10)
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.2)
    left = [w for w in workers if alive(w)]
    for w in left:  # do not leave them behind even when the test fails
        os.kill(w, signal.SIGKILL)
    assert not left, f"orphan workers: {left}"


def test_sigterm_keeps_finished_articles_and_ends_the_workers(tmp_path):
    proc, workers = start_ingest(tmp_path)
    time.sleep(2.0)
    proc.send_signal(signal.SIGTERM)
    rc = proc.wait(60)
    err = proc.stderr.read().decode() if proc.stderr else ""
    assert rc == 130 and "Traceback" not in err, err
    assert err.strip().splitlines()[-1] == "warta: interrupted"
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(alive(w) for w in workers):
        time.sleep(0.2)
    assert not [w for w in workers if alive(w)]
    with sqlite3.connect(tmp_path / "w.db") as conn:
        stored = conn.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
        marked = conn.execute("SELECT COUNT(*) FROM inputs WHERE status = 'stored'").fetchone()[0]
    assert stored >= 1 and stored == marked  # every article stored is marked done: a rerun resumes
