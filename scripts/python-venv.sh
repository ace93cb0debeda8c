#!/usr/bin/env bash
# Makes sure the virtual environment DIR holds exactly the pinned PyPI packages PINS (recreated
# when the pins change), then prints DIR's python. Shared by the Python check scripts.
# Usage: scripts/python-venv.sh DIR "pkg==ver pkg==ver"
set -euo pipefail
venv="$1"
pins="$2"
if [ "$(cat "$venv/pins" 2>/dev/null)" != "$pins" ]; then
  echo "$(basename "$venv"): creating $venv ($pins)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input $pins >&2
  echo "$pins" >"$venv/pins"
fi
echo "$venv/bin/python"
