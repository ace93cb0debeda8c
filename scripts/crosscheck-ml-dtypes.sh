#!/usr/bin/env bash
# Runs scripts/crosscheck-ml-dtypes.py (mpstudy's conversions to FP8, FP6, FP4 and E8M0 against
# ml_dtypes) in a virtual environment from PyPI (.venv-mldtypes: numpy and ml_dtypes, pinned),
# with the mpstudy that swift test built unless MPSTUDY names another. Extra arguments go to
# the script (--count N, --seed S).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="$("$root/scripts/python-venv.sh" "$root/.venv-mldtypes" "numpy==2.4.6 ml_dtypes==0.6.0")"
mpstudy="${MPSTUDY:-$(cd "$root" && swift build --show-bin-path)/mpstudy}"
exec "$python" "$root/scripts/crosscheck-ml-dtypes.py" "$mpstudy" "$@"
