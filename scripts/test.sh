#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: the import scan of DESIGN.md's dependency
# arrows, the Swift tests, then every notebook executed top to bottom against the debug
# mpstudy that swift test has just built.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/check-layers.sh
swift test
scripts/check-notebooks.sh
