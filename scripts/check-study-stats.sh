#!/usr/bin/env bash
# Runs scripts/check-study-stats.py (a study's statistics recomputed with scipy.stats) in a
# virtual environment from PyPI (.venv-stats: numpy and scipy, pinned).
# Usage: scripts/check-study-stats.sh STUDY_DIR | --reference
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="$("$root/scripts/python-venv.sh" "$root/.venv-stats" "numpy==2.4.6 scipy==1.17.1")"
exec "$python" "$root/scripts/check-study-stats.py" "$@"
