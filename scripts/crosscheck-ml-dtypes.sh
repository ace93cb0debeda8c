#!/usr/bin/env bash
# Runs scripts/crosscheck-ml-dtypes.py (mpstudy's conversions to FP8, FP6, FP4 and E8M0 against
# ml_dtypes) in a virtual environment from PyPI (.venv-mldtypes: numpy and ml_dtypes, pinned),
# with the mpstudy that swift test built unless MPSTUDY names another. Extra arguments go to
# the script (--count N, --seed S).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-mldtypes"
pins="numpy==2.4.6 ml_dtypes==0.6.0"
if [ "$(cat "$venv/pins" 2>/dev/null)" != "$pins" ]; then
  echo "crosscheck-ml-dtypes: creating $venv ($pins)" >&2
  rm -rf "$venv"
  python3 -m venv "$venv"
  # shellcheck disable=SC2086
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input $pins
  echo "$pins" >"$venv/pins"
fi
mpstudy="${MPSTUDY:-$(cd "$root" && swift build --show-bin-path)/mpstudy}"
exec "$venv/bin/python" "$root/scripts/crosscheck-ml-dtypes.py" "$mpstudy" "$@"
