#!/usr/bin/env bash
# Sets up a fresh machine, builds mpstudy optimised, and runs the main job: the case study
# (the blog's Keras MNIST model under mixed_float16, analysed per layer; dense_2 shown).
# Extra arguments go to `mpstudy analyze`, e.g. scripts/run.sh --compare float32
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product mpstudy
.build/release/mpstudy analyze --layer dense_2 "$@"
