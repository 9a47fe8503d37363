#!/usr/bin/env bash
# The main job on the embedded default: install, load the sample master data, process the
# sample corpus into SQLite under ./var (printing the outcome of each document), then start
# the whole service (`poflow run`: Prefect server and UI, watched folder, workers, review
# app) in the background and say where it is.   usage: scripts/quickstart.sh [--no-service]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export POFLOW_HOME="${POFLOW_HOME:-$PWD/var}"
.venv/bin/poflow master import --customers samples/master/customers.csv \
                               --products samples/master/products.csv
shopt -s nullglob
files=()
for f in samples/corpus/* samples/bad/*; do
  case "$f" in *.truth.json|*.md) ;; *) files+=("$f") ;; esac
done
.venv/bin/poflow process "${files[@]}"
echo
echo "orders and review tasks are in $POFLOW_HOME/poflow.db; originals in $POFLOW_HOME/originals"
[ "${1:-}" = "--no-service" ] && exit 0

web="http://${POFLOW_WEB_HOST:-127.0.0.1}:${POFLOW_WEB_PORT:-8000}"
prefect="${PREFECT_API_URL:-http://127.0.0.1:${POFLOW_PREFECT_PORT:-4200}/api}"
pidfile="$POFLOW_HOME/poflow-run.pid"
log="$POFLOW_HOME/poflow-run.log"
if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
  echo "poflow is already running (pid $(cat "$pidfile"))"
else
  # Detached (own session, no inherited terminal or pipes), so it outlives this script.
  setsid .venv/bin/poflow run </dev/null >"$log" 2>&1 &
  echo $! >"$pidfile"
  echo "starting poflow (pid $!, log $log) ..."
  .venv/bin/python - "$web/login" "${prefect%/api}/api/health" "$(cat "$pidfile")" <<'PY' || {
import os, sys, time, urllib.request
urls, pid = sys.argv[1:3], int(sys.argv[3])
deadline = time.monotonic() + 180  # the Prefect server's first start migrates its database
while time.monotonic() < deadline:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        sys.exit("poflow run stopped")
    try:
        for url in urls:
            urllib.request.urlopen(url, timeout=5).close()
        sys.exit(0)
    except OSError:
        time.sleep(1)
sys.exit("poflow run did not answer in time")
PY
    echo "poflow did not start; the end of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  }
fi
cat <<TXT

poflow is running:
  review app    $web   (no default account: .venv/bin/poflow users add NAME --role admin)
  Prefect UI    ${prefect%/api}
  watched folder $POFLOW_HOME/inbox   (drop PDFs, images or .eml files there)
  log           $log
  stop it with  kill \$(cat $pidfile)
TXT
