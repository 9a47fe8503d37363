#!/usr/bin/env bash
# The whole test suite against real parts: installs what is missing, starts a throw-away
# PostgreSQL cluster on a free loopback port (unless POFLOW_TEST_POSTGRES_URL is set, e.g.
# `tests/start_postgres.sh 55432` for a cluster kept between runs), runs pytest, stops it.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh

if [ -z "${POFLOW_TEST_POSTGRES_URL:-}" ]; then
  port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
  data=$(mktemp -d /tmp/poflow-test-pg.XXXXXX)
  bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  stop_postgres() {
    su postgres -s /bin/sh -c "'$bin/pg_ctl' -D '$data' -m fast -w stop" >/dev/null 2>&1 || true
    rm -rf "$data" "$data.log" "$data.initdb.log"
  }
  trap stop_postgres EXIT
  POFLOW_TEST_POSTGRES_URL=$(PG_BIN=$bin sh tests/start_postgres.sh "$port" "$data")
  export POFLOW_TEST_POSTGRES_URL
fi
echo "PostgreSQL for the tests: $POFLOW_TEST_POSTGRES_URL"

export OMP_THREAD_LIMIT=1  # Tesseract: one thread per test worker on a small machine
status=0
.venv/bin/pytest -q -n 2 "$@" || status=$?
# pytest's 5 means no test ran: that proves nothing, so it is a failure here.
[ "$status" -eq 5 ] && echo "no tests were collected" >&2
exit "$status"
