#!/usr/bin/env bash
# Sets up a fresh machine and runs every test: the Swift tests, then every notebook executed
# top to bottom against the debug mpstudy that swift test has just built.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift test
scripts/check-notebooks.sh
