#!/usr/bin/env bash
# Installs what the app needs and is missing: system packages (when run as root or
# with password-less sudo), then a virtualenv with the pinned requirements.
# Debian 12 and Ubuntu 22.04 / 24.04.
# Usage: scripts/bootstrap.sh [runtime|dev]
# PYTHON=/path/to/python3.11 picks the interpreter; CHROMIUM=/path/to/chrome the
# browser the browser tests drive.
set -euo pipefail
cd "$(dirname "$0")/.."

profile="${1:-dev}"
venv="${VENV:-.venv}"
os_release="${OS_RELEASE:-/etc/os-release}"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

if [ "$(id -u)" = 0 ]; then sudo=""; elif sudo -n true 2>/dev/null; then sudo="sudo"; else sudo="none"; fi

apt_install() {
  if [ "$sudo" = none ]; then
    say "Missing system packages: $*"
    echo "    Install them with: sudo apt-get install -y $*" >&2
    exit 1
  fi
  say "Installing system packages: $*"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

is_ubuntu() (
  # Ubuntu and its derivatives, whose chromium package only installs the snap.
  [ -r "$os_release" ] || exit 1
  # shellcheck disable=SC1090
  . "$os_release"
  [ "${ID:-}" = ubuntu ] || [[ " ${ID_LIKE:-} " == *" ubuntu "* ]]
)

# --- Python 3.11 or newer -------------------------------------------------------
python_ok() {
  command -v "$1" >/dev/null 2>&1 &&
    "$1" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null
}

find_python() {
  local candidate
  for candidate in python3 python3.13 python3.12 python3.11; do
    if python_ok "$candidate"; then echo "$candidate"; return 0; fi
  done
  return 1
}

if [ -n "${PYTHON:-}" ]; then
  python="$PYTHON"
  python_ok "$python" || { echo "PYTHON=$python is not Python 3.11 or newer." >&2; exit 1; }
elif ! python="$(find_python)"; then
  # Ubuntu 22.04 ships Python 3.10 as python3, and 3.11 as a package of its own.
  if [ "$sudo" != none ] && apt-cache show python3.11 >/dev/null 2>&1; then
    apt_install python3.11 python3.11-venv
    python=python3.11
  else
    cat >&2 <<'EOF'
Python 3.11 or newer is needed; python3 here is older.
  Debian 12, Ubuntu 24.04:  sudo apt-get install python3 python3-venv
  Ubuntu 22.04:             sudo apt-get install python3.11 python3.11-venv
Then run make again, or point at any Python 3.11+: PYTHON=/path/to/python3.11 make test
EOF
    exit 1
  fi
fi
python_version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"

# --- Chromium for the browser tests ----------------------------------------------
usable_chromium() {
  # Debian's chromium (or any Chrome given as CHROMIUM); never a snap, whose
  # confinement keeps Playwright from driving it (the tests pass it over the same way, see chromium_executable in tests/conftest.py).
  local candidate path
  for candidate in "${CHROMIUM:-}" chromium chromium-browser; do
    [ -n "$candidate" ] || continue
    path="$(command -v "$candidate" 2>/dev/null)" || continue
    path="$(readlink -f "$path")"
    case "$path" in /snap/*) continue ;; esac
    if [ "$(head -c 2 "$path")" = '#!' ] && grep -q '/snap/' "$path"; then continue; fi
    echo "$path"
    return 0
  done
  return 1
}

# --- system packages -------------------------------------------------------------
missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing+=(libpango-1.0-0)
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing+=(libpangoft2-1.0-0)
fc-list 2>/dev/null | grep -q 'Liberation Serif' || missing+=(fonts-liberation2 fontconfig)
# LibreOffice turns a judge's revised .docx into the PDF that is signed and entered.
command -v soffice >/dev/null 2>&1 || missing+=(libreoffice-writer-nogui)
playwright_chromium=no
if [ "$profile" = dev ] && ! usable_chromium >/dev/null; then
  if is_ubuntu; then
    playwright_chromium=yes  # installed below, once the virtualenv has Playwright
  else
    missing+=(chromium)
  fi
fi
"$python" -c 'import venv, ensurepip' >/dev/null 2>&1 || missing+=("python${python_version}-venv")

if [ ${#missing[@]} -gt 0 ]; then
  apt_install "${missing[@]}"
fi

# --- virtualenv ------------------------------------------------------------------
if [ ! -x "$venv/bin/python" ]; then
  say "Creating the virtualenv in $venv with $python (Python $python_version)"
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

# --- Playwright's own Chromium, where the system has no usable one ---------------
if [ "$playwright_chromium" = yes ]; then
  browser_stamp="$venv/.playwright-chromium"
  if [ ! -f "$browser_stamp" ] || [ requirements-dev.txt -nt "$browser_stamp" ]; then
    if [ "$sudo" = none ]; then
      say "Installing Playwright's Chromium (no root: its libraries are not installed)"
      "$venv/bin/playwright" install chromium
      echo "    If the browser tests cannot start Chromium, run:" >&2
      echo "    sudo $venv/bin/playwright install-deps chromium" >&2
    elif [ -z "$sudo" ]; then
      say "Installing Playwright's Chromium and its libraries"
      "$venv/bin/playwright" install --with-deps chromium
    else
      say "Installing Playwright's Chromium and its libraries"
      $sudo "$venv/bin/playwright" install-deps chromium
      "$venv/bin/playwright" install chromium
    fi
    touch "$browser_stamp"
  fi
fi
