"""Hostile inputs (issue 19, item 3): decompression bombs, endless lines and streams, and fuzzed
bytes through every reader. Memory is bounded per record (checked in a child process's peak
RSS), an error line stays short, and a batch goes on after a bad record."""

from __future__ import annotations

import gzip
import io
import json
import os
import subprocess
import sys
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from warta.read.record import Failure, RawDocument
from warta.read.tabular import iter_csv, iter_jsonl
from warta.read.text import decode, normalise
from warta.read.warc import iter_warc

ROOT = Path(__file__).resolve().parents[1]
ENV = dict(os.environ, PYTHONPATH=str(ROOT / "src"))  # this checkout's warta, whatever the working directory
EXPANDS_TO = 256 << 20  # each bomb: about 256 KB of gzip, 256 MB once expanded
RSS_BOUND_MB = 200  # the readers alone (no models); reading a bomb whole would pass it


def bomb(path: Path, head: bytes, tail: bytes, filler: bytes = b"a") -> Path:
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(head)
        chunk = filler * (1 << 20)
        for _ in range(EXPANDS_TO // len(chunk)):
            fh.write(chunk)
        fh.write(tail)
    return path


def read_in_child(path: Path) -> tuple[list[str], float]:
    """Read ``path`` with iter_documents in a fresh interpreter: what it yields, and its peak RSS (MB)."""
    code = (
        "import json, sys\n"
        "from warta.read.inputs import iter_documents\n"
        "out = [type(x).__name__ + ':' + (x.reason if hasattr(x, 'reason') else str(len(x.content)))"
        " for x in iter_documents([sys.argv[1]])]\n"
        # VmHWM: this process's own peak (ru_maxrss keeps the forking parent's across exec)
        "hwm = [l for l in open('/proc/self/status') if l.startswith('VmHWM:')][0].split()[1]\n"
        "print(json.dumps([out, int(hwm) / 1024]))\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", code, str(path)], capture_output=True, text=True, timeout=120, check=True, env=ENV
    )
    items, rss = json.loads(proc.stdout)
    return items, rss


def test_a_jsonl_bomb_is_one_failure_and_the_rest_is_read(tmp_path):
    path = bomb(tmp_path / "c.jsonl.gz", b'{"text": "Budi datang."}\n{"text": "', b'"}\n{"text": "Andi pulang."}\n')
    items, rss = read_in_child(path)
    assert items[0].startswith("RawDocument") and items[2].startswith("RawDocument")
    assert items[1] == "Failure:line over the 32 MB limit for one record"
    assert rss < RSS_BOUND_MB, rss


def test_a_csv_field_bomb_is_one_failure_and_the_rest_is_read(tmp_path):
    path = bomb(tmp_path / "c.csv.gz", b'title,text\nok,"Budi datang."\nbomb,"', b'"\nlast,"Andi pulang."\n')
    items, rss = read_in_child(path)
    assert [i.split(":")[0] for i in items] == ["RawDocument", "Failure", "RawDocument"], items
    assert "over the 32 MB limit" in items[1]
    assert rss < RSS_BOUND_MB, rss


def test_a_warc_header_bomb_is_one_short_failure(tmp_path):
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/\r\n"
        b"Content-Length: 1073741824\r\n\r\nHTTP/1.1 200 OK\r\nX-Big: "
    )
    path = bomb(tmp_path / "b.warc.gz", head, b"\r\n\r\n", filler=b"\0")
    items, rss = read_in_child(path)
    assert len(items) == 1 and "header line over 1024 KB" in items[0], items
    assert rss < RSS_BOUND_MB, rss


def test_a_text_bomb_is_refused_at_the_size_limit(tmp_path):
    items, rss = read_in_child(bomb(tmp_path / "t.txt.gz", b"", b"", filler=b"\0"))
    assert items == ["Failure:input is over the 32 MB limit for one article"]
    assert rss < RSS_BOUND_MB, rss


def test_endless_standard_input_is_not_read_whole(tmp_path):
    """``head -c 2G /dev/zero | warta extract -`` stops after the 32 MB limit with one line."""
    peak = tmp_path / "peak"
    timed = f"/usr/bin/time -o {peak} -f %M " if Path("/usr/bin/time").exists() else ""
    script = f"head -c 2G /dev/zero | {timed}{sys.executable} -m warta.cli extract -"
    proc = subprocess.run(["bash", "-c", script], capture_output=True, text=True, timeout=120, env=ENV)
    assert proc.returncode == 1
    lines = [x for x in proc.stderr.splitlines() if not x.startswith("Command exited")]
    assert lines == ["warta: <stdin>: input is over the 32 MB limit for one article"]
    if timed:  # far below the 2 GB a whole read would take
        assert int(peak.read_text().split()[-1]) / 1024 < 300


def test_an_error_line_never_echoes_a_huge_header():
    huge = "http://x.test/" + "a" * 2_000_000
    record = (
        f"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {huge}\r\nContent-Length: 10\r\n\r\n"
        "HTTP/1.1 2"  # cut inside the record
    ).encode()
    items = list(iter_warc(io.BytesIO(record), "cut.warc"))
    assert items and all(isinstance(i, Failure) for i in items)
    assert all(len(i.name) <= 300 and len(i.reason) <= 500 for i in items), [len(i.name) for i in items]
    assert len(RawDocument(content="x", name=huge).name or "") <= 300


def test_ingest_of_bombs_is_one_line_per_bad_record(tmp_path):
    bomb(tmp_path / "c.jsonl.gz", b'{"text": "Budi datang ke Jakarta."}\n{"text": "', b'"}\n')
    (tmp_path / "ok.txt").write_text("Andi pulang ke Bandung pada hari Senin.\n", encoding="utf-8")
    proc = subprocess.run(
        [sys.executable, "-m", "warta.cli", "ingest", "c.jsonl.gz", "ok.txt", "--db", "w.db", "--progress", "log"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=300,
        env=ENV,
    )
    assert proc.returncode == 1 and "Traceback" not in proc.stderr
    assert "c.jsonl.gz:2: line over the 32 MB limit for one record" in proc.stderr
    assert "2 new, 0 updated, 0 unchanged, 1 failed" in proc.stderr
    assert all(len(line) < 400 for line in proc.stderr.splitlines())


# ---- fuzzing: every reader yields documents or failures, never raises ----------------------------------
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(st.binary(max_size=2000))
def test_jsonl_reader_never_raises(data):
    for item in iter_jsonl(io.BytesIO(data), "f.jsonl", {}):
        assert isinstance(item, RawDocument | Failure)


@FUZZ
@given(st.binary(max_size=2000))
def test_csv_reader_never_raises(data):
    for item in iter_csv(io.BytesIO(b"title,text\n" + data), "f.csv", {}):
        assert isinstance(item, RawDocument | Failure)


@FUZZ
@given(st.binary(max_size=2000), st.booleans())
def test_warc_reader_never_raises(data, gz):
    blob = b"WARC/1.0\r\n" + data
    if gz:
        blob = gzip.compress(blob)
    for item in iter_warc(io.BytesIO(blob), "f.warc", {}, gzipped=gz):
        assert isinstance(item, RawDocument | Failure)


@FUZZ
@given(st.binary(max_size=3000))
def test_decoding_is_an_input_error_or_text(data):
    from warta.errors import InputError

    try:
        text = decode(data).text
    except InputError:
        return
    norm = normalise(text)
    assert len(norm.text) <= len(text)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.text(
        alphabet=st.sampled_from(list("Budi kata “Kami siap,” ujarnya. Menteri Jakarta (10/9/2019) 5 persen,\n\"'-")),
        max_size=600,
    )
)
def test_the_stages_take_any_text(text):
    """Any text through every stage: an article, or a one-line InputError (empty, too short)."""
    import warta
    from warta.errors import InputError

    try:
        art = warta.extract(text)
    except InputError:
        return
    for q in art.quotes:
        assert 0 <= q.start <= q.end <= len(art.text)
    json.dumps(art.to_dict())
