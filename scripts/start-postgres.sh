#!/usr/bin/env bash
# Start a throw-away PostgreSQL server for the tests on a Unix socket and port 54329 (as the
# postgres user when run as root) and print the URL for WARTA_TEST_PG.
set -euo pipefail
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)" 2>/dev/null || true)
[ -n "$PGBIN" ] && [ -x "$PGBIN/pg_ctl" ] || PGBIN=$(dirname "$(command -v pg_ctl)")
DATA=${WARTA_PG_DIR:-/tmp/warta-pg}
PORT=${WARTA_PG_PORT:-54329}
RUNAS=()
if [ "$(id -u)" = "0" ]; then RUNAS=(runuser -u postgres --); fi
if [ ! -f "$DATA/PG_VERSION" ]; then
  mkdir -p "$DATA"
  [ "$(id -u)" = "0" ] && chown postgres "$DATA"
  "${RUNAS[@]}" "$PGBIN/initdb" -D "$DATA" -A trust -U postgres >/dev/null
fi
if ! "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w -o "-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null
fi
"${RUNAS[@]}" "$PGBIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname='warta_test'" | grep -q 1 \
  || "${RUNAS[@]}" "$PGBIN/createdb" -h 127.0.0.1 -p "$PORT" -U postgres warta_test
echo "postgresql://postgres@127.0.0.1:$PORT/warta_test"
