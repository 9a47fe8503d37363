#!/usr/bin/env bash
# The whole test suite against real parts: installs what is missing, starts a throw-away
# PostgreSQL cluster on loopback (unless POFLOW_TEST_POSTGRES_URL is set), runs pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh

if [ -z "${POFLOW_TEST_POSTGRES_URL:-}" ]; then
  POFLOW_TEST_POSTGRES_URL=$(bash tests/start_postgres.sh)
  export POFLOW_TEST_POSTGRES_URL
fi
echo "PostgreSQL for the tests: $POFLOW_TEST_POSTGRES_URL"

set +e
.venv/bin/pytest -q -n 2 "$@"
status=$?
set -e
# pytest's 5 means no test ran: that proves nothing, so it is a failure here.
[ "$status" -eq 5 ] && echo "no tests were collected" >&2
exit "$status"
