#!/usr/bin/env bash
# Runs scripts/check-study-stats.py (a study's statistics recomputed with scipy.stats) in a
# virtual environment from PyPI (.venv-stats: numpy and scipy, pinned).
# Usage: scripts/check-study-stats.sh STUDY_DIR | --reference
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-stats"
pins="numpy==2.4.6 scipy==1.17.1"
if [ "$(cat "$venv/pins" 2>/dev/null)" != "$pins" ]; then
  echo "check-study-stats: creating $venv ($pins)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input $pins
  echo "$pins" >"$venv/pins"
fi
exec "$venv/bin/python" "$root/scripts/check-study-stats.py" "$@"
