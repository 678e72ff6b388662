#!/usr/bin/env bash
# Stop the throw-away PostgreSQL server that start-postgres.sh started (the same WARTA_PG_DIR).
# With --delete, also remove its data directory. Does nothing when no server is running there.
set -euo pipefail
PGBIN=$(dirname "$(ls /usr/lib/postgresql/*/bin/pg_ctl 2>/dev/null | sort -V | tail -1)" 2>/dev/null || true)
[ -n "$PGBIN" ] && [ -x "$PGBIN/pg_ctl" ] || PGBIN=$(dirname "$(command -v pg_ctl)")
DATA=${WARTA_PG_DIR:-/tmp/warta-pg}
RUNAS=()
if [ "$(id -u)" = "0" ]; then RUNAS=(runuser -u postgres --); fi
if [ -f "$DATA/PG_VERSION" ] && "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  "${RUNAS[@]}" "$PGBIN/pg_ctl" -D "$DATA" -m fast -w stop >/dev/null
  echo "stop-postgres: stopped the test server in $DATA"
else
  echo "stop-postgres: no test server running in $DATA"
fi
if [ "${1:-}" = "--delete" ] && [ -d "$DATA" ]; then
  rm -rf "$DATA"
  echo "stop-postgres: removed $DATA"
fi
