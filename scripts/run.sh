#!/usr/bin/env bash
# Sets up a fresh machine, builds mpstudy optimised, and runs the main job:
# the differential check of SoftFloat against MPFR (every format and operation).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product mpstudy
.build/release/mpstudy verify "$@"
