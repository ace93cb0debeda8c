#!/usr/bin/env bash
# Throughput of `mpstudy inspect` (issue 16: "a 1 GB safetensors file in under 10 s per format on
# one core"): generates a 1 GiB float32 safetensors file (one 16384 x 16384 tensor, weight- and
# gradient-like values spread over 40 binades, written by scripts/make-bench-tensor.py with NumPy)
# unless it exists, then times `mpstudy inspect FILE --format F` for each format on one core
# (taskset -c 0), the formats interleaved round by round (F1 F2 ... F1 F2 ...), ROUNDS rounds; prints
# per format the median wall and CPU (user + system) seconds and the GB/s, with the load average.
#
#   scripts/bench-inspect.sh [--rounds N] [--file PATH] [--formats "half bfloat16 ..."]
#
# The mpstudy binary is the release build (.build-release, built if missing) unless MPSTUDY names one.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
rounds=3
file=/tmp/mpstudy-bench-1gib.safetensors
formats="half bfloat16 e4m3 e5m2 mxfp8 mxfp4 nvfp4"
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift ;;
    --file) file="$2"; shift ;;
    --formats) formats="$2"; shift ;;
    *) echo "bench-inspect: unknown argument $1 (use --rounds N, --file PATH, --formats LIST)" >&2; exit 64 ;;
  esac
  shift
done
mpstudy="${MPSTUDY:-$root/.build-release/release/mpstudy}"
if [ -z "${MPSTUDY:-}" ] && [ ! -x "$mpstudy" ]; then
  (cd "$root" && swift build -c release --scratch-path .build-release --product mpstudy >&2)
fi
if [ ! -f "$file" ]; then
  python="$("$root/scripts/python-venv.sh" "$root/.venv-inspect" "numpy==2.4.6 ml_dtypes==0.6.0 safetensors==0.8.0")"
  "$python" "$root/scripts/make-bench-tensor.py" "$file"
fi
bytes=$(stat -c %s "$file")
log=$(mktemp)
trap 'rm -f "$log"' EXIT
echo "bench-inspect: $file ($bytes bytes), $rounds rounds, one core (taskset -c 0); load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
  for format in $formats; do
    /usr/bin/time -f "$format %e %U %S" -o "$log.one" taskset -c 0 "$mpstudy" inspect "$file" --format "$format" >/dev/null
    cat "$log.one" >>"$log"
  done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-10s %10s %10s %8s\n' format "wall (s)" "CPU (s)" "GB/s"
# median COLUMN FORMAT: the median of the column over the format's rounds.
median() {
  awk -v f="$2" -v c="$1" '$1 == f { print (c == "cpu") ? $3 + $4 : $2 }' "$log" | sort -g |
    awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}
for format in $formats; do
  wall=$(median wall "$format")
  cpu=$(median cpu "$format")
  awk -v f="$format" -v w="$wall" -v c="$cpu" -v b="$bytes" 'BEGIN { printf "%-10s %10.2f %10.2f %8.2f\n", f, w, c, b / w / 1e9 }'
done
echo "rounds (format wall user system):"
sed 's/^/  /' "$log"
