#!/usr/bin/env bash
# Checks python/mpstudy_capture.torch with PyTorch. Run by hand, not in CI: PyPI's Linux torch
# wheel pulls several GB of CUDA libraries (about 5.4 GB installed, 2 to 4 minutes here) into its own
# virtual environment, .venv-torch (or $TORCH_VENV), pinned: torch, numpy, safetensors, ml_dtypes.
# The package is installed into it with `pip install ./python`; scripts/check-capture-torch.py
# then trains tiny models with Capture, checks the capture against the contract, NumPy's chain
# rule and the optimizer's own parameters, and reads it with mpstudy inspect (and inspect --run
# when the binary has it). mpstudy is the debug build unless MPSTUDY names another binary.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
start=$(date +%s)
python="$("$root/scripts/python-venv.sh" "${TORCH_VENV:-$root/.venv-torch}" \
  "torch==2.15.0 numpy==2.4.6 safetensors==0.8.0 ml_dtypes==0.6.0")"
"$python" -m pip install --quiet --disable-pip-version-check --no-input --no-deps --force-reinstall "$root/python" >&2
mpstudy="${MPSTUDY:-$(cd "$root" && swift build --show-bin-path)/mpstudy}"
case "$mpstudy" in /*) ;; *) mpstudy="$root/$mpstudy" ;; esac
[ -x "$mpstudy" ] || { echo "check-capture-torch: no mpstudy binary at $mpstudy" >&2; exit 1; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
# PyTorch warns once that the first Linear's backward hook sees no input gradient: expected here.
PYTHONWARNINGS="ignore::UserWarning" "$python" "$root/scripts/check-capture-torch.py" "$mpstudy" "$work"
echo "check-capture-torch: done in $(($(date +%s) - start)) s"
