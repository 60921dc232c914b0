#!/usr/bin/env bash
# Installs what the app needs and is missing: system packages (when run as root or
# with password-less sudo), then a virtualenv with the pinned requirements.
# Usage: scripts/bootstrap.sh [runtime|dev]
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-dev}"
python="${PYTHON:-python3}"
venv="${VENV:-.venv}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

# --- system packages -------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q 'Liberation Serif' || missing+=(fonts-liberation2 fontconfig)
# LibreOffice turns a judge's revised .docx into the PDF that is signed and entered.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
if [ "$profile" = dev ]; then
  command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fi
"$python" -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=(python3-venv)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi
  if [ "$sudo" = none ]; then
    say "Missing system packages: ${missing[*]}"
    echo "    Install them with: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  say "Installing system packages: ${missing[*]}"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# --- Python ---------------------------------------------------------------------
"$python" - <<'PY' || { echo "Python 3.11 or newer is needed (set PYTHON=...)." >&2; exit 1; }
import sys
sys.exit(0 if sys.version_info >= (3, 11) else 1)
PY

if [ ! -x "$venv/bin/python" ]; then
  say "Creating the virtualenv in $venv"
  "$python" -m venv "$venv"
  "$venv/bin/pip" install -q --upgrade pip
fi

requirements=requirements.txt
[ "$profile" = dev ] && requirements=requirements-dev.txt
stamp="$venv/.installed-$profile"
if [ ! -f "$stamp" ] || [ requirements.txt -nt "$stamp" ] || [ "$requirements" -nt "$stamp" ]; then
  say "Installing pinned Python packages from $requirements"
  "$venv/bin/pip" install -q --disable-pip-version-check -r "$requirements"
  touch "$stamp"
fi
