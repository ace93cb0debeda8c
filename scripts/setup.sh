#!/usr/bin/env bash
# Installs the Debian packages mpstudy builds against, when any is missing, and any packages
# named as arguments (scripts/test.sh adds the study engines: parallel slurm-wlm munge), with
# one apt-get update.
set -euo pipefail
packages=(libmpfr-dev libgmp-dev libopenblas-dev libdnnl-dev pkg-config zlib1g-dev "$@")
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: installing ${missing[*]}" >&2
  sudo=""
  [ "$(id -u)" -ne 0 ] && sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
