#!/bin/sh
# Start a throw-away PostgreSQL 15 cluster for the storage tests, idempotently, and print its URL.
#   usage: tests/start_postgres.sh [PORT] [DATADIR]      (defaults: 55432, /tmp/poflow-pg-PORT)
#   then:  export POFLOW_TEST_POSTGRES_URL=$(tests/start_postgres.sh 55432)
# Runs the server as the `postgres` user with trust auth on 127.0.0.1 only: tests, never production.
set -eu
PORT="${1:-55432}"
DATA="${2:-/tmp/poflow-pg-$PORT}"
BIN="${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)}"
as_pg() { if [ "$(id -un)" = postgres ]; then sh -c "$1"; else su postgres -s /bin/sh -c "$1"; fi; }

if [ ! -f "$DATA/PG_VERSION" ]; then
    mkdir -p "$DATA"
    chown postgres "$DATA" 2>/dev/null || true
    as_pg "'$BIN/initdb' -D '$DATA' -A trust -U postgres -E UTF8 >'$DATA.initdb.log' 2>&1"
fi
if ! as_pg "'$BIN/pg_ctl' -D '$DATA' status" >/dev/null 2>&1; then
    as_pg "'$BIN/pg_ctl' -D '$DATA' -w -l '$DATA.log' \
        -o \"-p $PORT -k /tmp -c listen_addresses=127.0.0.1 -c fsync=off\" start" >/dev/null
fi
as_pg "'$BIN/pg_isready' -h 127.0.0.1 -p $PORT -t 30" >/dev/null
echo "postgresql+psycopg://postgres@127.0.0.1:$PORT/postgres"
