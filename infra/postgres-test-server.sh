#!/usr/bin/env bash
# A throwaway PostgreSQL server for tests and benchmarks: loopback only, trust auth, its own data directory,
# never the system cluster. Idempotent. Usage: infra/postgres-test-server.sh start|stop|url
# Environment: RLVR_PG_TEST_DIR (default /tmp/rlvr-pg-test), RLVR_PG_TEST_PORT (default 54329),
#              RLVR_PG_BIN (default /usr/lib/postgresql/15/bin).
# `start` and `url` print the Npgsql connection string of the server's maintenance database on stdout.
set -euo pipefail

dir="${RLVR_PG_TEST_DIR:-/tmp/rlvr-pg-test}"
port="${RLVR_PG_TEST_PORT:-54329}"
bin="${RLVR_PG_BIN:-/usr/lib/postgresql/15/bin}"
url="Host=127.0.0.1;Port=${port};Username=postgres;Database=postgres"

# PostgreSQL refuses to run as root: as root, run its tools as the postgres user, who owns the data directory.
as_owner() {
  if [[ $(id -u) -eq 0 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

running() {
  [[ -f "$dir/PG_VERSION" ]] && as_owner "$bin/pg_ctl" -D "$dir" status >/dev/null 2>&1
}

start() {
  if [[ ! -x "$bin/initdb" ]]; then
    echo "postgres-test-server: $bin/initdb not found; run infra/setup.sh --with-postgres" >&2
    exit 1
  fi
  if running; then
    echo "$url"
    return
  fi
  if [[ ! -f "$dir/PG_VERSION" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    [[ $(id -u) -ne 0 ]] || chown postgres: "$dir"
    chmod 700 "$dir"
    as_owner "$bin/initdb" -D "$dir" -A trust -U postgres >"$dir.initdb.log" 2>&1 ||
      { cat "$dir.initdb.log" >&2; exit 1; }
  fi
  as_owner "$bin/pg_ctl" -D "$dir" -l "$dir/log" -w -t 30 \
    -o "-p $port -k $dir -c listen_addresses=127.0.0.1" start >&2 ||
    { tail -n 20 "$dir/log" >&2; exit 1; }
  echo "$url"
}

stop() {
  if running; then
    as_owner "$bin/pg_ctl" -D "$dir" -m fast -w stop >&2
  fi
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  url) running || { echo "postgres-test-server: not running (start it first)" >&2; exit 1; }; echo "$url" ;;
  *) echo "usage: $0 start|stop|url" >&2; exit 2 ;;
esac
