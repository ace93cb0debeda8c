#!/usr/bin/env bash
# Checks python/mpstudy_capture with Keras 3 on the JAX backend (CI runs it from scripts/test.sh):
# a virtual environment from PyPI (.venv-capture-keras: keras, jax[cpu], numpy, safetensors,
# pytest, pinned; about 25 s and 700 MB on first use), the package installed into it with
# `pip install ./python`, then
#   1. python/tests (pytest): the safetensors writer and the capture folder, read back by the
#      safetensors package and by mpstudy inspect;
#   2. scripts/check-capture-keras.py: tiny models trained with CaptureCallback, the capture
#      checked against the contract, NumPy's chain rule and the layers' own weights, then read
#      by mpstudy inspect (and inspect --run when the binary has it).
# mpstudy is the build swift test made (.build/debug) unless MPSTUDY names another binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
start=$(date +%s)
python="$("$root/scripts/python-venv.sh" "$root/.venv-capture-keras" \
  "keras==3.15.1 jax[cpu]==0.10.2 jaxlib==0.10.2 ml_dtypes==0.6.0 numpy==2.4.6 safetensors==0.8.0 pytest==9.2.0")"
"$python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps --force-reinstall "$root/python" >&2
mpstudy="${MPSTUDY:-$(cd "$root" && swift build --show-bin-path)/mpstudy}"
case "$mpstudy" in /*) ;; *) mpstudy="$root/$mpstudy" ;; esac
[ -x "$mpstudy" ] || { echo "check-capture-keras: no mpstudy binary at $mpstudy" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# The installed package, not the source tree, is what the checks import.
cd "$work"
MPSTUDY="$mpstudy" "$python" -m pytest -q -p no:cacheprovider "$root/python/tests"
KERAS_BACKEND=jax JAX_PLATFORMS=cpu "$python" "$root/scripts/check-capture-keras.py" "$mpstudy" "$work"
echo "check-capture-keras: done in $(($(date +%s) - start)) s"
