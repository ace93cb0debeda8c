#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: the import scan of DESIGN.md's dependency
# arrows, the Swift tests, a short fuzz run of the number parsers and teaching commands (under
# a minute, on the debug build swift test made), then every notebook executed top to bottom
# against the debug mpstudy that swift test has just built, the Keras capture callback
# (python/mpstudy_capture on the JAX backend, read back by that mpstudy), the cross-checks against
# ml_dtypes and NumPy (conversions; inspect's counts), then the study engines for real:
# a sweep through GNU parallel resumed after a SIGKILL (its statistics checked against scipy)
# and a sweep submitted to a single-node Slurm started for the purpose.
# Each part's wall time goes to standard error as it ends (CI must stay under 30 minutes; on a
# Zen 1 machine of this kind, fresh-clone-ci took 26 minutes in all, its tests alone 12).
set -euo pipefail
cd "$(dirname "$0")/.."

# Runs one part and says how long it took.
part() {
  local start=$SECONDS
  "$@"
  echo "test.sh: $* took $((SECONDS - start)) s (total $SECONDS s)" >&2
}

part scripts/setup.sh parallel slurm-wlm munge
part scripts/check-layers.sh
part swift test
part scripts/fuzz.sh --short
part scripts/check-notebooks.sh
part scripts/check-capture-keras.sh
part scripts/crosscheck-ml-dtypes.sh
part scripts/crosscheck-inspect-numpy.sh
part scripts/check-sweep-parallel.sh
part scripts/check-slurm.sh
