#!/usr/bin/env bash
# Installs what poflow needs on a Debian machine: system packages and the Python venv.
# Idempotent: a second run installs nothing new. Used by quickstart.sh, test.sh and .ci/run.
set -euo pipefail
cd "$(dirname "$0")/.."

APT_PACKAGES=(
  python3 python3-venv python3-pip
  tesseract-ocr tesseract-ocr-eng tesseract-ocr-deu tesseract-ocr-chi-sim  # OCR
  tesseract-ocr-fra tesseract-ocr-spa tesseract-ocr-por tesseract-ocr-ita  # accents of
  tesseract-ocr-pol tesseract-ocr-nld tesseract-ocr-ces  # names and addresses
  tesseract-ocr-dan tesseract-ocr-tur  # (POFLOW_OCR_REREAD_LANGUAGES)
  postgresql            # the production database, tested beside SQLite
  dovecot-imapd         # a real IMAP server for the mail-intake tests
  chromium              # headless browser for the review-UI tests
  qpdf poppler-utils    # test fixtures (encrypted PDFs) and PDF inspection
  fonts-dejavu-core
)

missing=()
for pkg in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "installing system packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq </dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" </dev/null >/dev/null
fi

[ -x .venv/bin/python ] || python3 -m venv .venv
stamp=.venv/.poflow-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  echo "installing Python packages into .venv"
  log=$(mktemp)
  if ! { .venv/bin/python -m pip install -q --upgrade pip &&
         .venv/bin/python -m pip install -q -e '.[dev]'; } </dev/null >"$log" 2>&1; then
    cat "$log" >&2
    exit 1
  fi
  rm -f "$log"
  touch "$stamp"
fi

# Byte-compile poflow's own modules (only what changed). Where PYTHONDONTWRITEBYTECODE is
# set, Python never caches them itself and compiles them anew on every start: a fifth of
# a one-page `poflow extract`.
.venv/bin/python -m compileall -q poflow extractors flows rules review_queue storage >/dev/null
