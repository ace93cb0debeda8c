#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: the import scan of DESIGN.md's dependency
# arrows, the Swift tests, a short fuzz run of the number parsers and teaching commands (under
# a minute, on the debug build swift test made), then every notebook executed top to bottom
# against the debug mpstudy that swift test has just built, the Keras capture callback
# (python/mpstudy_capture on the JAX backend, read back by that mpstudy), the cross-checks against
# ml_dtypes and NumPy (conversions; inspect's counts), then the study engines for real:
# a sweep through GNU parallel resumed after a SIGKILL (its statistics checked against scipy)
# and a sweep submitted to a single-node Slurm started for the purpose.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh parallel slurm-wlm munge
scripts/check-layers.sh
swift test
scripts/fuzz.sh --short
scripts/check-notebooks.sh
scripts/check-capture-keras.sh
scripts/crosscheck-ml-dtypes.sh
scripts/crosscheck-inspect-numpy.sh
scripts/check-sweep-parallel.sh
scripts/check-slurm.sh
