#!/usr/bin/env bash
# The main job on the embedded default: install, load the sample master data, and process
# the sample corpus into SQLite under ./var, printing the outcome of each document.
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
