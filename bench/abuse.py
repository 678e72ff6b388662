"""The abuse probes of issue 19: crafted HTTP requests against ``warta serve``'s application and
hostile inputs through the command line. Prints how many probes were tried and how many held.

    python bench/abuse.py              # SQLite; PostgreSQL too when WARTA_TEST_PG is set
    python bench/abuse.py --verbose    # one line per probe

A probe holds when the answer is not a 500 (a deliberate 503 of a time limit is fine), carries
the security headers, shows no traceback and comes within its time bound; a command-line probe
holds when it ends with a one-line error (or success), no traceback, within its bounds of time
and memory. ``tests/test_abuse_http.py`` and ``tests/test_abuse_inputs.py`` run the same probes.
"""

from __future__ import annotations

import argparse
import gzip
import os
import resource
import subprocess
import sys
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SECURITY_HEADERS = ("content-security-policy", "x-content-type-options", "x-frame-options", "referrer-policy")
ATTACK_QUERY = " ".join(["a*"] * 166)  # 498 characters: 29.5 s on SQLite, 82.7 s on PostgreSQL before
LONG_LINE = ("Namun, Kapolres Zulmi Hasan mengatakan Budi Santoso bertemu Menteri Basuki di Jakarta, " * 12000)[
    :1_000_000
]
MAX_SECONDS = 30.0
MAX_RSS_MB = 1024


@dataclass
class Probe:
    """One HTTP request: what it is, and the bound on its answer's time."""

    name: str
    method: str
    path: str
    params: dict[str, str] | None = None
    json_body: Any = None
    raw: bytes | None = None  # a body sent as it is (invalid JSON, surrogates)
    headers: dict[str, str] | None = None
    form: dict[str, str] | None = None
    seconds: float = MAX_SECONDS


def http_probes() -> list[Probe]:
    big = "99999999999999999999999"
    p: list[Probe] = [
        # ids past 64 bits, "²".isdigit(), negative and malformed ids
        Probe("entity id 2**63", "GET", "/api/entities/9223372036854775808"),
        Probe("entity id 2**64", "GET", "/api/entities/18446744073709551616"),
        Probe("entity id ²", "GET", "/api/entities/²"),
        Probe("entity id -1", "GET", "/api/entities/-1"),
        Probe("entity page 2**63", "GET", "/entities/9223372036854775808"),
        Probe("entity page ²", "GET", "/entities/²"),
        Probe("articles entity ²", "GET", "/api/articles", {"entity": "²"}),
        Probe("articles entity huge", "GET", "/api/articles", {"entity": big}),
        Probe("articles speaker ²", "GET", "/api/articles", {"speaker": "²"}),
        Probe("articles speaker huge", "GET", "/api/articles", {"speaker": big}),
        Probe("quotes speaker huge", "GET", "/api/quotes", {"speaker": big}),
        Probe("quotes speaker ³", "GET", "/api/quotes", {"speaker": "³"}),
        Probe("speakers name huge", "GET", "/api/speakers", {"name": big}),
        Probe("speakers name ²", "GET", "/api/speakers", {"name": "²"}),
        Probe("search page entity huge", "GET", "/search", {"entity": big}),
        Probe("search page entity ²", "GET", "/search", {"entity": "²"}),
        Probe("limit huge", "GET", "/api/articles", {"limit": big}),
        Probe("offset text", "GET", "/api/articles", {"offset": "abc"}),
        Probe("page huge", "GET", "/search", {"q": "banjir", "page": big}),
        # NUL bytes (PostgreSQL refuses them in text) and broken encodings
        Probe("article id NUL", "GET", "/api/articles/%00"),
        Probe("article page NUL", "GET", "/articles/%00"),
        Probe("q NUL", "GET", "/api/articles", {"q": "banjir\x00"}),
        Probe("outlet NUL", "GET", "/api/articles", {"outlet": "\x00"}),
        Probe("language NUL", "GET", "/api/articles", {"language": "\x00"}),
        Probe("entity NUL", "GET", "/api/articles", {"entity": "\x00"}),
        Probe("speaker NUL", "GET", "/api/articles", {"speaker": "a\x00"}),
        Probe("entities name NUL", "GET", "/api/entities", {"name": "\x00"}),
        Probe("quotes all NUL", "GET", "/api/quotes", {"q": "\x00", "speaker": "\x00", "article_id": "\x00"}),
        Probe("speakers NUL", "GET", "/api/speakers", {"name": "\x00"}),
        Probe("speaker page NUL", "GET", "/speaker", {"name": "\x00"}),
        Probe("search page NUL", "GET", "/search", {"q": "\x00", "entity": "\x00", "outlet": "\x00"}),
        Probe("q invalid UTF-8", "GET", "/api/articles?q=%ff%fe%00"),
        Probe("q lone surrogate (CESU)", "GET", "/api/articles?q=%ed%a0%80"),
        # places (issue 22)
        Probe("places bbox text", "GET", "/api/places", {"bbox": "a,b,c,d"}),
        Probe("places bbox inf", "GET", "/api/places", {"bbox": "-inf,0,inf,1e999"}),
        Probe("places bbox huge", "GET", "/api/places", {"bbox": big}),
        Probe("places province NUL", "GET", "/api/places", {"province": "\x00", "regency": "\x00", "name": "\x00"}),
        Probe("places name wildcards", "GET", "/api/places", {"name": "%_\\" * 60}),
        Probe("places geojson limit huge", "GET", "/api/places.geojson", {"limit": big}),
        Probe("place id traversal", "GET", "/api/places/..%2F..%2Fetc%2Fpasswd"),
        Probe("place id NUL", "GET", "/api/places/geonames:%00"),
        Probe("place page huge id", "GET", "/places/geonames:" + "9" * 200),
        Probe("map province NUL", "GET", "/map", {"province": "\x00"}),
        Probe("claims speaker huge", "GET", "/api/claims", {"speaker": big}),
        Probe("claims all NUL", "GET", "/api/claims", {"speaker": "\x00", "q": "\x00", "object": "\x00"}),
        Probe("claims unit NUL", "GET", "/api/claims", {"unit": "\x00"}),
        Probe("claims object wildcards", "GET", "/api/claims", {"object": "%_\\" * 60, "unit": "%_"}),
        Probe("claims page NUL", "GET", "/claims", {"speaker": "\x00", "unit": "\x00"}),
        # search as a denial of service
        Probe("166 a* terms", "GET", "/api/articles", {"q": ATTACK_QUERY}, seconds=1.0),
        Probe("166 a* terms on quotes", "GET", "/api/quotes", {"q": ATTACK_QUERY}, seconds=1.0),
        Probe("166 a* terms on claims", "GET", "/api/claims", {"q": ATTACK_QUERY}, seconds=1.0),
        Probe("166 a* terms on the page", "GET", "/search", {"q": ATTACK_QUERY}, seconds=1.0),
        Probe("80 different words", "GET", "/api/articles", {"q": " ".join(f"w{i}" for i in range(80))}, seconds=1.0),
        Probe("phrase of 60 words", "GET", "/api/articles", {"q": '"' + " ".join(["ab"] * 60) + '"'}, seconds=1.0),
        Probe("query over 500", "GET", "/api/articles", {"q": "x" * 501}),
        Probe("wildcards in names", "GET", "/api/entities", {"name": "%_" * 100}),
        Probe("fts syntax", "GET", "/api/articles", {"q": 'NEAR(a b) OR "x" AND -y ^z :*'}),
        # the extraction endpoint: lang as a path, surrogates, budgets, sizes
        Probe("lang ../../tmp/x", "POST", "/api/extract", json_body={"text": "Budi datang.", "lang": "../../tmp/x"}),
        Probe("lang /etc", "POST", "/api/extract", json_body={"text": "Budi datang.", "lang": "/etc"}),
        Probe("lang fr", "POST", "/api/extract", json_body={"text": "Budi datang.", "lang": "fr"}),
        Probe("lang number", "POST", "/api/extract", json_body={"text": "Budi datang.", "lang": 5}),
        Probe("text lone surrogate", "POST", "/api/extract", raw=b'{"text": "Budi \\ud800 datang."}'),
        Probe("title lone surrogate", "POST", "/api/extract", raw=b'{"text": "Budi datang.", "title": "\\udfff"}'),
        Probe("text NUL", "POST", "/api/extract", json_body={"text": "Budi\x00 datang.\x00"}),
        Probe("text only NUL", "POST", "/api/extract", json_body={"text": "\x00\x00\x00"}),
        Probe("html NUL", "POST", "/api/extract", json_body={"html": "<p>\x00</p>"}),
        Probe(
            "published nonsense", "POST", "/api/extract", json_body={"text": "Budi datang.", "published": "9999-99-99"}
        ),
        Probe("published huge", "POST", "/api/extract", json_body={"text": "Budi datang.", "published": "9" * 5000}),
        Probe("text number", "POST", "/api/extract", json_body={"text": 12}),
        Probe("body not JSON", "POST", "/api/extract", raw=b"{not json"),
        Probe("body JSON list", "POST", "/api/extract", json_body=[1, 2]),
        Probe("deep JSON", "POST", "/api/extract", raw=b"[" * 100_000 + b"]" * 100_000),
        Probe("1M-character line", "POST", "/api/extract", json_body={"text": LONG_LINE}, seconds=12.0),
        Probe("over 1M characters", "POST", "/api/extract", json_body={"text": "a" * 1_000_001}),
        Probe("body over 2 MB", "POST", "/api/extract", raw=b'{"text": "' + b"a" * 2_100_000 + b'"}'),
        Probe("Content-Length abc", "POST", "/api/extract", raw=b"{}", headers={"content-length": "abc"}),
        Probe("paste NUL", "POST", "/paste", form={"text": "Budi\x00 datang.", "format": "text"}),
        Probe("paste 1M-character line", "POST", "/paste", form={"text": LONG_LINE[:900_000]}, seconds=12.0),
        Probe("paste bad format", "POST", "/paste", form={"text": "x", "format": "../../etc"}),
        Probe("paste published nonsense", "POST", "/paste", form={"text": "Budi datang.", "published": "32/13/2019"}),
        # writes and files
        Probe("write without token", "POST", "/api/articles", json_body={"text": "Budi datang."}),
        Probe("static traversal", "GET", "/static/../../../../etc/passwd"),
        Probe("static traversal encoded", "GET", "/static/%2e%2e/%2e%2e/etc/passwd"),
        Probe("unknown path", "GET", "/api/" + "x" * 5000),
    ]
    return p


@dataclass
class Outcome:
    name: str
    held: bool
    detail: str


def run_http(client: Any, probe: Probe) -> Outcome:
    t = time.perf_counter()
    kwargs: dict[str, Any] = {"params": probe.params, "headers": probe.headers}
    if probe.raw is not None:
        kwargs["content"] = probe.raw
        kwargs["headers"] = {"content-type": "application/json", **(probe.headers or {})}
    elif probe.json_body is not None:
        kwargs["json"] = probe.json_body
    elif probe.form is not None:
        kwargs["data"] = probe.form
    try:
        r = client.request(probe.method, probe.path, **kwargs)
    except Exception as exc:  # the client itself failed: the server dropped the connection
        return Outcome(probe.name, False, f"no answer: {type(exc).__name__}: {exc}"[:200])
    elapsed = time.perf_counter() - t
    problems = []
    if r.status_code == 500 or r.status_code >= 600:
        problems.append(f"status {r.status_code}")
    missing = [h for h in SECURITY_HEADERS if h not in r.headers]
    if missing:
        problems.append("no " + ", ".join(missing))
    if "Traceback" in r.text:
        problems.append("traceback")
    if elapsed > probe.seconds:
        problems.append(f"{elapsed:.1f} s (bound {probe.seconds:g} s)")
    return Outcome(
        probe.name,
        not problems,
        f"{r.status_code} in {elapsed:.2f} s" + (": " + "; ".join(problems) if problems else ""),
    )


def seeded_archive(target: str) -> None:
    sys.path.insert(0, str(ROOT / "tests"))
    from store_helpers import sample_articles
    from warta.store import open_store

    with open_store(target) as st:
        for art in sample_articles():
            st.add(art)


def http_outcomes(target: str) -> Iterator[Outcome]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        from fastapi.testclient import TestClient

    from warta.web import create_app

    app = create_app(target, token="a-token", extract_seconds=8.0)
    with TestClient(app, raise_server_exceptions=False) as client:
        for probe in http_probes():
            yield run_http(client, probe)


# ---- command-line probes: hostile files and streams ----------------------------------------------------
@dataclass
class CliProbe:
    name: str
    args: list[str]
    make: Callable[[Path], None] | None = None  # writes the input files into the folder
    stdin: str | None = None  # a shell pipeline feeding standard input
    seconds: float = MAX_SECONDS


def _gz_bomb(path: Path, size: int, head: bytes = b"", tail: bytes = b"") -> None:
    """A small gzip file that expands to ``size`` bytes of zeros (after ``head``)."""
    chunk = b"\0" * (1 << 20)
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(head)
        for _ in range(size // len(chunk)):
            fh.write(chunk)
        fh.write(tail)


def _csv_bomb(path: Path) -> None:
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(b'title,text\nok,"Budi datang ke Jakarta."\nbomb,"')
        for _ in range(1024):
            fh.write(b"a" * (1 << 20))
        fh.write(b'"\nlast,"Andi pulang."\n')


def _jsonl_bomb(path: Path) -> None:
    with gzip.open(path, "wb", compresslevel=9) as fh:
        fh.write(b'{"text": "Budi datang ke Jakarta."}\n{"text": "')
        for _ in range(1024):
            fh.write(b"a" * (1 << 20))
        fh.write(b'"}\n{"text": "Andi pulang."}\n')


def _warc_bomb(path: Path) -> None:
    """A WARC.gz record whose HTTP header never ends: a 1 GB header line."""
    head = b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/\r\nContent-Length: 1073741824\r\n\r\nHTTP/1.1 200 OK\r\nX-Big: "
    _gz_bomb(path, 1 << 30, head=head)


def _warc_body_bomb(path: Path) -> None:
    head = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: http://x.test/\r\nContent-Length: 1073741900\r\n\r\n"
        b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html>"
    )
    _gz_bomb(path, 1 << 30, head=head)


def cli_probes() -> list[CliProbe]:
    return [
        CliProbe("2 GB of zeros on stdin (extract)", ["extract", "-"], stdin="head -c 2G /dev/zero"),
        CliProbe(
            "2 GB of text on stdin (extract)", ["extract", "-"], stdin="yes 'Budi datang ke Jakarta.' | head -c 2G"
        ),
        CliProbe(
            "1 GB .gz text bomb (extract)", ["extract", "bomb.txt.gz"], lambda d: _gz_bomb(d / "bomb.txt.gz", 1 << 30)
        ),
        CliProbe("1 GB field .csv.gz bomb (ingest)", ["ingest", "bomb.csv.gz"], lambda d: _csv_bomb(d / "bomb.csv.gz")),
        CliProbe(
            "1 GB line .jsonl.gz bomb (ingest)", ["ingest", "bomb.jsonl.gz"], lambda d: _jsonl_bomb(d / "bomb.jsonl.gz")
        ),
        CliProbe(
            "1 GB header .warc.gz bomb (ingest)", ["ingest", "bomb.warc.gz"], lambda d: _warc_bomb(d / "bomb.warc.gz")
        ),
        CliProbe(
            "1 GB body .warc.gz bomb (ingest)",
            ["ingest", "body.warc.gz"],
            lambda d: _warc_body_bomb(d / "body.warc.gz"),
        ),
        CliProbe(
            "1 GB .json.gz bomb (extract)",
            ["extract", "bomb.json.gz"],
            lambda d: _gz_bomb(d / "bomb.json.gz", 1 << 30, head=b'{"text": "'),
        ),
        CliProbe("search of 166 a* terms", ["search", ATTACK_QUERY], seconds=10.0),
        CliProbe(
            "search another application's database",
            ["search", "banjir", "--db", "other_app.db"],
            lambda d: _other_app(d / "other_app.db"),
        ),
        CliProbe("ingest into a corrupt database", ["ingest", "in.txt", "--db", "corrupt.db"], lambda d: _corrupt(d)),
        CliProbe("search a corrupt database", ["search", "banjir", "--db", "corrupt.db"], lambda d: _corrupt(d)),
        CliProbe("extract --lang ../../etc", ["extract", "-", "--lang", "../../etc"], stdin="echo Budi datang."),
    ]


def _other_app(path: Path) -> None:
    import sqlite3

    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE users (id INTEGER PRIMARY KEY, name TEXT)")
    conn.commit()
    conn.close()


def _corrupt(folder: Path) -> None:
    from warta.store import open_store

    db = folder / "corrupt.db"
    (folder / "in.txt").write_text("Budi datang ke Jakarta pada hari Senin.\n", encoding="utf-8")
    seeded_archive(str(db))
    with open_store(str(db)):
        pass
    data = bytearray(db.read_bytes())
    for i in range(4096, len(data), 4096):  # every page after the first: garbage
        data[i + 100 : i + 400] = os.urandom(300)
    db.write_bytes(bytes(data))
    for extra in ("corrupt.db-wal", "corrupt.db-shm"):
        (folder / extra).unlink(missing_ok=True)


def run_cli(probe: CliProbe, folder: Path) -> Outcome:
    """Run one probe as a user would (a shell, a subprocess) with its bounds of time and memory."""
    if probe.make is not None:
        probe.make(folder)
    if "--db" not in probe.args and probe.args[0] in ("ingest", "search"):
        db = folder / "probe.db"
        if probe.args[0] == "search" and not db.exists():
            seeded_archive(str(db))
        probe = CliProbe(probe.name, [*probe.args, "--db", str(db)], None, probe.stdin, probe.seconds)
    peak_file = folder / ".peak-rss-kb"
    timed = ["/usr/bin/time", "-o", str(peak_file), "-f", "%M"] if Path("/usr/bin/time").exists() else []
    cmd = " ".join(_quote(a) for a in [*timed, sys.executable, "-m", "warta.cli", *probe.args])
    if probe.stdin:
        cmd = f"{probe.stdin} | {cmd}"
    limit = 6 << 30  # address space: a safety stop for this machine, far past the 1 GB RSS bound

    def bounds() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))

    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    t = time.perf_counter()
    try:
        proc = subprocess.run(
            ["bash", "-c", cmd],
            cwd=folder,
            capture_output=True,
            timeout=probe.seconds * 4,
            env=env,
            preexec_fn=bounds,
        )
    except subprocess.TimeoutExpired:
        return Outcome(probe.name, False, f"still running after {probe.seconds * 4:g} s")
    elapsed = time.perf_counter() - t
    err = proc.stderr.decode("utf-8", "replace")
    try:
        rss_mb = int(peak_file.read_text().split()[-1]) / 1024
    except (OSError, ValueError, IndexError):
        rss_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    err = "\n".join(line for line in err.splitlines() if not line.startswith("Command exited with"))
    problems = []
    if "Traceback" in err or "MemoryError" in err:
        problems.append("traceback: " + err.strip().splitlines()[-1][:120])
    if any(len(line) > 1000 for line in err.splitlines()):
        problems.append("an error line over 1,000 characters")
    if elapsed > probe.seconds:
        problems.append(f"{elapsed:.1f} s (bound {probe.seconds:g} s)")
    if proc.returncode not in (0, 1, 2, 141):  # 141: the feeding command's SIGPIPE when we stop reading
        problems.append(f"exit {proc.returncode}")
    if rss_mb > MAX_RSS_MB:
        problems.append(f"{rss_mb:.0f} MB peak RSS")
    first = err.strip().splitlines()[0][:100] if err.strip() else ""
    detail = f"exit {proc.returncode} in {elapsed:.1f} s, peak RSS {rss_mb:.0f} MB: {first}"
    return Outcome(probe.name, not problems, detail + ("; " + "; ".join(problems) if problems else ""))


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def cli_outcomes() -> Iterator[Outcome]:
    for probe in cli_probes():
        with tempfile.TemporaryDirectory(prefix="warta-abuse-") as d:
            yield run_cli(probe, Path(d))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", action="store_true", help="one line per probe")
    ap.add_argument("--only", choices=["http", "cli"], help="one kind of probe")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    groups: list[tuple[str, Callable[[], Iterator[Outcome]]]] = []
    if args.only in (None, "http"):
        tmp = tempfile.mkdtemp(prefix="warta-abuse-")
        sqlite_db = os.path.join(tmp, "w.db")
        seeded_archive(sqlite_db)
        groups.append(("http, SQLite", lambda: http_outcomes(sqlite_db)))
        pg = os.environ.get("WARTA_TEST_PG")
        if pg:
            sys.path.insert(0, str(ROOT / "tests"))
            from store_helpers import pg_schema_url

            url, _schema = pg_schema_url(pg)
            seeded_archive(url)
            groups.append(("http, PostgreSQL", lambda: http_outcomes(url)))
    if args.only in (None, "cli"):
        groups.append(("command line", cli_outcomes))
    tried = held = 0
    for label, outcomes in groups:
        g_tried = g_held = 0
        for o in outcomes():
            g_tried += 1
            g_held += o.held
            if args.verbose or not o.held:
                print(f"  {'held ' if o.held else 'FAILED'} {label}: {o.name}: {o.detail}", flush=True)
        print(f"{label}: {g_tried} probes tried, {g_held} held", flush=True)
        tried += g_tried
        held += g_held
    print(f"total: {tried} probes tried, {held} held")
    return 0 if tried == held else 1


if __name__ == "__main__":
    sys.exit(main())
