#!/usr/bin/env bash
# Executes every notebook in Notebooks/ top to bottom and fails, naming the notebook and the
# cell, on any error. CI runs it after scripts/test.sh.
#
#   scripts/check-notebooks.sh            check (the notebooks are not modified)
#   scripts/check-notebooks.sh --write    also store the executed notebooks, outputs included
#
# Sets up a virtual environment in .venv-notebooks/ with the pinned packages of
# Notebooks/requirements.txt (re-created when that file changes), builds mpstudy (debug, the
# default .build; the notebooks call the binary, they never re-implement it) unless MPSTUDY
# names a binary already built, and runs scripts/run-notebooks.py with the environment's Python.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=.venv-notebooks
requirements=Notebooks/requirements.txt

# Python 3 with venv and pip (Debian: python3-venv), installed like scripts/setup.sh does.
if ! python3 -c 'import venv, ensurepip' 2>/dev/null; then
  echo "check-notebooks: installing python3 python3-venv" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends python3 python3-venv
fi

if ! cmp -s "$requirements" "$venv/requirements.txt"; then
  echo "check-notebooks: creating $venv" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$requirements"
  cp "$requirements" "$venv/requirements.txt"
fi

if [ -z "${MPSTUDY:-}" ]; then
  scripts/setup.sh
  swift build --product mpstudy
  MPSTUDY="$root/.build/debug/mpstudy"
fi
case "$MPSTUDY" in /*) ;; *) MPSTUDY="$root/$MPSTUDY" ;; esac
[ -x "$MPSTUDY" ] || { echo "check-notebooks: no mpstudy binary at $MPSTUDY" >&2; exit 1; }
export MPSTUDY

# No colours from mpstudy; a fixed hash seed for Python.
export NO_COLOR=1 PYTHONHASHSEED=0
"$venv/bin/python" scripts/run-notebooks.py "$@"
