#!/usr/bin/env bash
# Creates or updates the two virtual environments from the committed lock files.
#   .venv-rasa  Python 3.10: Rasa 3.6.21 (it refuses 3.11) + underthesea   (requirements/rasa.lock)
#   .venv       Python 3.11: action server, knowledge, gateway, tests       (requirements/app.lock)
# An environment is rebuilt only when its lock file changed. Safe to run again and again.
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }
fail() { printf '\033[31m[setup] %s\033[0m\n' "$*" >&2; exit 1; }
quiet_pip() { "$@" 2>&1 | grep -v -e "is ignored: it is neither a file nor a directory" -e "^$" || true; return "${PIPESTATUS[0]}"; }

find_python() {  # find_python 3.10 VARNAME -> path of an interpreter of that minor version
  local version=$1 override=${!2:-}
  if [ -n "$override" ]; then echo "$override"; return; fi
  local root
  if root=$(pyenv root 2>/dev/null) || root=${PYENV_ROOT:-$HOME/.pyenv}; then
    local candidate
    for candidate in $(ls -d "$root"/versions/"$version".* 2>/dev/null | sort -V -r); do
      if [ -x "$candidate/bin/python" ]; then echo "$candidate/bin/python"; return; fi
    done
  fi
  command -v "python$version" 2>/dev/null || true
}

ensure_venv() {  # ensure_venv DIR PYTHON LOCKFILE [first-install args...]
  local dir=$1 python=$2 lock=$3; shift 3
  local wanted; wanted=$(sha256sum "$lock" requirements/*.in | sha256sum | cut -c1-16)
  if [ -f "$dir/.lock-hash" ] && [ "$(cat "$dir/.lock-hash")" = "$wanted" ]; then
    say "$dir is up to date"
    return
  fi
  say "installing $dir from $lock (first time takes a few minutes)"
  local started=$SECONDS
  [ -x "$dir/bin/python" ] || "$python" -m venv "$dir"
  quiet_pip "$dir/bin/python" -m pip install -q --upgrade pip
  if [ $# -gt 0 ]; then quiet_pip "$dir/bin/python" -m pip install -q "$@"; fi
  quiet_pip "$dir/bin/python" -m pip install -q -r "$lock"
  echo "$wanted" > "$dir/.lock-hash"
  say "$dir ready in $((SECONDS - started)) s"
}

PY310=$(find_python 3.10 PYTHON310)
[ -n "$PY310" ] && [ -x "$PY310" ] || fail "Python 3.10 not found (Rasa 3.6 needs it). Set PYTHON310=/path/to/python3.10, or install it: 'pyenv install 3.10.13' (https://github.com/pyenv/pyenv), or your system's python3.10 package."
PY311=$(find_python 3.11 PYTHON311)
[ -n "$PY311" ] && [ -x "$PY311" ] || fail "Python 3.11 not found. Set PYTHON311=/path/to/python3.11, or install it: 'pyenv install 3.11.7'."

ensure_venv .venv-rasa "$PY310" requirements/rasa.lock
# torch first and alone: the CPU build 2.13.0; a plain "torch" would pull a multi-GB CUDA build.
ensure_venv .venv "$PY311" requirements/app.lock torch==2.13.0

# Debian's Chromium for the web widget's browser tests (Playwright drives it; browsers cannot be
# downloaded here). Installed when this script may use apt-get; otherwise those tests say they skip.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    say "installing Debian's chromium for the browser tests"
    (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }) \
      || say "chromium could not be installed: the browser tests will be skipped"
  else
    say "chromium not found: run 'sudo apt-get install chromium' to run the browser tests"
  fi
fi
