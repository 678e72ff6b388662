"""``warta serve [--db TARGET] [--host 127.0.0.1] [--port 8000]``: the web UI and JSON API.

Writes through the API (``POST /api/articles``) are enabled only when ``WARTA_API_TOKEN`` is
set; callers then send ``Authorization: Bearer <token>``. Without it the server is read-only.
"""

from __future__ import annotations

import argparse
import os
import sys

from warta.commands._options import add_db


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("serve", help="serve the web UI and the JSON API over an archive")
    add_db(p)
    p.add_argument(
        "--host",
        default="127.0.0.1",
        help="address to listen on (127.0.0.1: this machine only; 0.0.0.0: every interface)",
    )
    p.add_argument("--port", type=int, default=8000, help="TCP port to listen on (1 to 65535)")
    p.add_argument("--workers", type=int, default=1, help="server processes")
    p.add_argument(
        "--log-level",
        default="warning",
        choices=["critical", "error", "warning", "info", "debug"],
        help="the least severe server messages to print (info: one line per request)",
    )
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from warta.errors import UsageError
    from warta.web.stores import StorePool

    if not 0 < args.port < 65536:
        raise UsageError(f"--port {args.port}: expected 1 to 65535")
    if args.workers < 1:
        raise UsageError("--workers must be at least 1")
    StorePool(args.db).close()  # a clear one-line error now, before the server starts
    os.environ["WARTA_DB"] = args.db
    mode = "writes enabled (bearer token)" if os.environ.get("WARTA_API_TOKEN") else "read-only"
    host = f"[{args.host}]" if ":" in args.host else args.host
    print(
        f"warta: serving {args.db} ({mode}) at http://{host}:{args.port}/  (API: /api/, docs: /api/docs)",
        file=sys.stderr,
    )
    uvicorn.run(
        "warta.web.app:app_from_env",
        factory=True,
        host=args.host,
        port=args.port,
        workers=args.workers,
        log_level=args.log_level,
        server_header=False,
    )
    return 0
