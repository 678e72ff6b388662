"""Load benchmark of the web server on loopback: N concurrent clients (default 50) request
article, search and speaker pages of an archive, bounded in request count and in time.

    .venv/bin/python bench/web_load.py --db /tmp/click.db [--clients 50] [--requests 3000]
        [--duration 60] [--workers 1] [--api]

It starts ``warta serve`` on 127.0.0.1 (a free port; never another address), picks real
targets from the archive (500 random articles, the ``--speakers`` most quoted speakers, 300 words from titles),
then runs each phase: first a baseline on a static file under the same load (the server
and loopback cost with no store work; pages are reported as a ratio of it), then article,
speaker and search pages. For each phase it prints throughput, p50/p90/p99/max latency
and errors, and checks the targets: zero errors, p99 < 200 ms for article and speaker pages.
Clients are closed-loop (each sends its next request when the previous answers) unless
``--think-ms`` adds a pause, so 50 clients with no pause measure a saturated server.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote, urlencode

ROOT = Path(__file__).resolve().parent.parent
HOST = "127.0.0.1"  # loopback only
TARGET_P99_MS = 200.0


@dataclass
class Result:
    name: str
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    error_kinds: dict[str, int] = field(default_factory=dict)
    wall: float = 0.0

    def pct(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        xs = sorted(self.latencies)
        return xs[min(len(xs) - 1, max(0, round(p / 100 * len(xs)) - 1))] * 1000

    def line(self, baseline: Result | None) -> str:
        n = len(self.latencies) + self.errors
        rps = n / self.wall if self.wall else 0.0
        ratio = ""
        if baseline is not None and baseline is not self and baseline.latencies:
            ratio = f"  p50 x{self.pct(50) / baseline.pct(50):.1f} baseline"
        return (
            f"{self.name:<10} {n:>6} req {rps:>8.1f} req/s  p50 {self.pct(50):7.1f} ms  p90 {self.pct(90):7.1f} ms"
            f"  p99 {self.pct(99):7.1f} ms  max {self.pct(100):7.1f} ms  errors {self.errors}{ratio}"
        )


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return int(s.getsockname()[1])


def pick_targets(db: str, api: bool, seed: int, n_speakers: int) -> dict[str, list[str]]:
    sys.path.insert(0, str(ROOT / "src"))
    from warta.store import open_store

    rng = random.Random(seed)
    with open_store(db) as store:
        n = store.stats()["counts"]["articles"]
        if n == 0:
            sys.exit(f"{db}: the archive has no articles")
        conn = store.conn  # type: ignore[attr-defined]  # both SQL stores; no parameters, so no placeholders
        ids = [r[0] for r in conn.execute("SELECT id FROM articles ORDER BY id").fetchall()]
        titles = [r[0] or "" for r in conn.execute("SELECT title FROM articles ORDER BY id LIMIT 5000").fetchall()]
        speakers = store.top_speakers(limit=n_speakers)
    articles = rng.sample(ids, min(500, len(ids)))
    words = sorted({w.lower() for t in titles for w in t.split() if w.isalpha() and len(w) > 4})
    terms = rng.sample(words, min(300, len(words))) or ["berita"]
    if api:
        return {
            "article": [f"/api/articles/{a}" for a in articles],
            "speaker": [
                f"/api/entities/{s['entity_id']}"
                if s["entity_id"] is not None
                else "/api/speakers?" + urlencode({"name": s["name"]})
                for s in speakers
            ],
            "search": ["/api/articles?" + urlencode({"q": t}) for t in terms],
        }
    return {
        "article": [f"/articles/{a}" for a in articles],
        "speaker": [
            f"/entities/{s['entity_id']}" if s["entity_id"] is not None else "/speaker?name=" + quote(s["name"])
            for s in speakers
        ],
        "search": ["/search?" + urlencode({"q": t}) for t in terms],
    }


class Connection:
    """A minimal HTTP/1.1 keep-alive client on asyncio streams: the load generator shares the
    CPUs with the server, so it must cost far less per request than the server (an httpx
    request costs about as much as a small page)."""

    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def get(self, path: str) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        self.writer.write(f"GET {path} HTTP/1.1\r\nHost: {HOST}:{self.port}\r\nAccept: */*\r\n\r\n".encode())
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {k.strip().lower(): v.strip() for k, _, v in (h.partition(":") for h in lines[1:] if h)}
        if "content-length" in headers:
            await self.reader.readexactly(int(headers["content-length"]))
        elif headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
                await self.reader.readexactly(size + 2)
                if size == 0:
                    break
        else:
            await self.reader.read()  # the body runs to the end of the connection
            await self.close()
        if headers.get("connection", "").lower() == "close":
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            with contextlib.suppress(OSError):
                await self.writer.wait_closed()
        self.reader = self.writer = None


async def run_phase(
    port: int, name: str, paths: list[str], *, clients: int, requests: int, duration: float, think: float, seed: int
) -> Result:
    res = Result(name)
    rng = random.Random(seed)
    remaining = requests
    stop_at = time.perf_counter() + duration

    async def worker() -> None:
        nonlocal remaining
        conn = Connection(port)
        try:
            while remaining > 0 and time.perf_counter() < stop_at:
                remaining -= 1
                path = rng.choice(paths)
                t0 = time.perf_counter()
                try:
                    status = await asyncio.wait_for(conn.get(path), timeout=30)
                    kind = str(status)
                except (
                    OSError,
                    asyncio.IncompleteReadError,
                    asyncio.LimitOverrunError,
                    TimeoutError,
                    ValueError,
                ) as exc:
                    status, kind = 0, type(exc).__name__
                    await conn.close()
                dt = time.perf_counter() - t0
                if status == 200:
                    res.latencies.append(dt)
                else:
                    res.errors += 1
                    res.error_kinds[kind] = res.error_kinds.get(kind, 0) + 1
                if think:
                    await asyncio.sleep(think)
        finally:
            await conn.close()

    t0 = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(clients)))
    res.wall = time.perf_counter() - t0
    return res


def start_server(db: str, port: int, workers: int) -> subprocess.Popen[bytes]:
    env = dict(os.environ)
    env.pop("WARTA_API_TOKEN", None)  # read-only
    cmd = [sys.executable, "-m", "warta.cli", "serve", "--db", db, "--host", HOST, "--port", str(port)]
    cmd += ["--workers", str(workers), "--log-level", "error"]
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    import httpx

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            err = proc.stderr.read().decode(errors="replace") if proc.stderr else ""
            sys.exit(f"the server exited: {err.strip()}")
        try:
            if httpx.get(f"http://{HOST}:{port}/static/favicon.svg", timeout=1).status_code == 200:
                return proc
        except httpx.HTTPError:
            time.sleep(0.2)
    proc.kill()
    sys.exit("the server did not start within 60 s")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", required=True, help="an archive made with warta ingest (SQLite file or postgresql:// URL)")
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--requests", type=int, default=3000, help="requests per phase (at most)")
    ap.add_argument("--duration", type=float, default=60.0, help="seconds per phase (at most)")
    ap.add_argument("--warmup", type=int, default=200, help="unmeasured requests per phase first")
    ap.add_argument("--workers", type=int, default=1, help="server processes")
    ap.add_argument("--think-ms", type=float, default=0.0, help="pause of each client between requests")
    ap.add_argument("--api", action="store_true", help="the JSON endpoints instead of the pages")
    ap.add_argument("--speakers", type=int, default=200, help="speaker pages: the N most quoted speakers")
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args(argv)
    if not (0 < args.clients <= 1000 and 0 < args.requests <= 1_000_000 and 0 < args.duration <= 3600):
        ap.error("--clients 1..1000, --requests 1..1000000, --duration 1..3600")
    if not args.db.startswith(("postgresql://", "postgres://")) and not Path(args.db).exists():
        ap.error(f"{args.db}: no such archive")

    targets = pick_targets(args.db, args.api, args.seed, args.speakers)
    port = free_port()
    proc = start_server(args.db, port, args.workers)
    base = f"http://{HOST}:{port}"
    think = args.think_ms / 1000
    print(
        f"web_load: {base} db={args.db} workers={args.workers} clients={args.clients} "
        f"requests/phase<={args.requests} duration/phase<={args.duration:g}s think={args.think_ms:g}ms "
        f"{'api' if args.api else 'pages'}; cpus={os.cpu_count()} load={os.getloadavg()[0]:.1f}"
    )
    results: list[Result] = []
    try:
        phases = [("baseline", ["/static/favicon.svg"]), *targets.items()]
        for i, (name, paths) in enumerate(phases):
            kw = dict(clients=args.clients, duration=args.duration, think=think, seed=args.seed + i)
            if args.warmup:
                asyncio.run(run_phase(port, name, paths, requests=args.warmup, **kw))  # type: ignore[arg-type]
            res = asyncio.run(run_phase(port, name, paths, requests=args.requests, **kw))  # type: ignore[arg-type]
            results.append(res)
            print(res.line(results[0]), flush=True)
            if res.error_kinds:
                print(f"{'':<10} errors by kind: {res.error_kinds}")
    finally:
        os.killpg(proc.pid, signal.SIGTERM)
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
    by = {r.name: r for r in results}
    errors = sum(r.errors for r in results)
    slow = [n for n in ("article", "speaker") if n in by and not by[n].pct(99) < TARGET_P99_MS]
    print(
        f"target: zero errors: {'yes' if errors == 0 else f'NO ({errors})'}; p99 < {TARGET_P99_MS:g} ms for article and speaker pages: "
        + ("yes" if not slow else "NO (" + ", ".join(f"{n} {by[n].pct(99):.0f} ms" for n in slow) + ")")
    )
    return 0 if errors == 0 and not slow else 1


if __name__ == "__main__":
    sys.exit(main())
