#!/usr/bin/env bash
# One-time set-up on a fresh Debian machine: system packages (when root), a virtual environment
# in .venv with Warta and its test tools. Safe to run again: it skips what is already there.
# Each step says what it does (the first run takes a few minutes: pip downloads PyTorch and spaCy).
set -euo pipefail
cd "$(dirname "$0")/.."
step() { echo "setup: $*"; }

need_apt=()
command -v java >/dev/null 2>&1 || need_apt+=(default-jre-headless)
if [ "${WARTA_SKIP_SYSTEM:-0}" != "1" ]; then
  { command -v pg_ctl >/dev/null 2>&1 || ls /usr/lib/postgresql/*/bin/pg_ctl >/dev/null 2>&1; } || need_apt+=(postgresql)
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)
fi
if [ ${#need_apt[@]} -gt 0 ]; then
  if [ "$(id -u)" = "0" ]; then
    step "installing Debian packages: ${need_apt[*]} (apt-get, a minute or two)"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
    step "Debian packages installed"
  else
    echo "setup: please install these Debian packages: ${need_apt[*]}" >&2
  fi
fi

PY=${PYTHON:-python3.11}
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
  step "creating the virtual environment .venv with $("$PY" --version 2>&1)"
  "$PY" -m venv .venv
fi
stamp=.venv/.warta-installed
if [ ! -f "$stamp" ] || [ pyproject.toml -nt "$stamp" ]; then
  step "upgrading pip in .venv"
  .venv/bin/python -m pip install -q --upgrade pip
  step "installing Warta with its test and Spark tools into .venv (pip shows each package; a few minutes the first time)"
  if ! .venv/bin/python -m pip install --progress-bar off -e ".[dev,spark]" 2>&1 | tee .venv/pip-install.log \
    | { grep -E "^(Collecting|Successfully installed)" || true; }; then
    echo "setup: pip failed; the whole log is in .venv/pip-install.log" >&2
    exit 1
  fi
  touch "$stamp"
  step "Warta installed"
else
  step ".venv is up to date"
fi
step "ready: run '. .venv/bin/activate' to put warta on your PATH (or call .venv/bin/warta)"
