#!/usr/bin/env bash
# Runs scripts/crosscheck-inspect-numpy.py (mpstudy inspect's and inspect --run's overflow, flush
# and subnormal counts against NumPy and ml_dtypes) in a virtual environment from PyPI
# (.venv-inspect: numpy, ml_dtypes and safetensors, pinned), with the mpstudy that swift build
# built unless MPSTUDY names another. Extra arguments go to the script ([PATH] [--seed S]).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
python="$("$root/scripts/python-venv.sh" "$root/.venv-inspect" "numpy==2.4.6 ml_dtypes==0.6.0 safetensors==0.8.0")"
mpstudy="${MPSTUDY:-$(cd "$root" && swift build --show-bin-path)/mpstudy}"
exec "$python" "$root/scripts/crosscheck-inspect-numpy.py" "$mpstudy" "$@"
