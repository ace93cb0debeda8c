#!/usr/bin/env bash
# Side-by-side benchmark of mpstudy's SoftFloat against Berkeley SoftFloat 3 (issue 12, item 2).
#
#   scripts/bench-vs-berkeley.sh [options] BERKELEY_SOURCE_DIR
#
# BERKELEY_SOURCE_DIR is a copy of https://github.com/ucb-bar/berkeley-softfloat-3 (BSD licence;
# not kept in this repository). The script
#   1. builds Berkeley's softfloat.a out of tree (its build/Linux-x86_64-GCC Makefile,
#      SPECIALIZE_TYPE=8086-SSE, its own -O2) and the C harness scripts/bench-vs-berkeley/harness.c;
#   2. builds the Swift harness scripts/bench-vs-berkeley (swift build -c release, default flags)
#      against the SoftFloat product of this repository, or of --softfloat DIR;
#   3. writes one operand file (fixed seed): a narrow set (exponents in [-7, 7], no specials) and a
#      full-range set (subnormals, zeros, infinities, quiet and signalling NaNs, every exponent);
#   4. checks that both give identical result bits and flags on every operand of every cell
#      (prints the first mismatches in hex and exits 1 otherwise);
#   5. times them interleaved (Berkeley, SoftFloat, SoftFloat, Berkeley, ... --rounds rounds, the
#      order reversed every other round so that neither always runs first) and prints a Markdown
#      table: median (min-max) Mops/s of each (per second of the thread's CPU time, so that time
#      the scheduler gives to other jobs does not count), the median of the per-round ratios
#      SoftFloat/Berkeley, geometric means per data set and overall, and the load averages.
# Ops: add sub mul div sqrt fma in binary16/32/64, conversions f32->f16 f16->f32 f64->f32 f64->f16
# f32->bf16 bf16->f32. Round to nearest even, tininess after rounding (mpstudy's default; set in
# Berkeley's softfloat_detectTininess). Berkeley's 8086-SSE NaN rules (first NaN operand quieted,
# signalling first; default NaN for invalid; payload's top bits kept in conversions) are the same as
# mpstudy's, so bits are compared exactly, NaN payloads included. Release 3e has no bfloat16: the
# bf16 conversions of the Berkeley column are the C harness's own first-principles reference.
#
# Options:
#   --softfloat DIR   checkout whose SoftFloat is measured (default: the repository of this script)
#   --rounds N        interleaved timing rounds (default 5, at least 1)
#   --seconds S       seconds of CPU time per cell per round (default 0.1)
#   --count N         operands per array (default 65536)
#   --seed S          operand seed (default 12)
#   --work DIR        folder for the Swift harness's build, reused between runs, one per SoftFloat
#                     checkout (default ${TMPDIR:-/tmp}/mpstudy-bench-vs-berkeley-UID); everything
#                     else (Berkeley's build, operands, results) goes to a temporary folder in it,
#                     removed at exit, so runs against different checkouts can share it
#   --mpstudy BINARY  also time `BINARY bench softfloat --timing-lines ROUND` (a release build of
#                     mpstudy) in every round, beside the Swift harness: two more columns, its Mops/s
#                     and its median per-round ratio to the Swift harness (they should agree)
#   --check-only      build and check, no timing
#   -h, --help        this text
set -euo pipefail

script_dir="$(cd "$(dirname "$0")" && pwd)"
harness_dir="$script_dir/bench-vs-berkeley"

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }
fail() { echo "bench-vs-berkeley.sh: $*" >&2; exit 1; }
usage_error() { echo "bench-vs-berkeley.sh: $* (see --help)" >&2; exit 64; }
need_value() { [ $# -ge 2 ] || usage_error "$1 needs a value"; }

softfloat_dir="$(cd "$script_dir/.." && pwd)"
rounds=5
seconds=0.1
count=65536
seed=12
work=""
check_only=0
mpstudy=""
berkeley=""
while [ $# -gt 0 ]; do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --softfloat) need_value "$@"; softfloat_dir="$2"; shift ;;
    --rounds) need_value "$@"; rounds="$2"; shift ;;
    --seconds) need_value "$@"; seconds="$2"; shift ;;
    --count) need_value "$@"; count="$2"; shift ;;
    --seed) need_value "$@"; seed="$2"; shift ;;
    --work) need_value "$@"; work="$2"; shift ;;
    --mpstudy) need_value "$@"; mpstudy="$2"; shift ;;
    --check-only) check_only=1 ;;
    -*) usage_error "unknown option '$1'" ;;
    *) [ -z "$berkeley" ] || usage_error "one BERKELEY_SOURCE_DIR expected, got '$berkeley' and '$1'"
       berkeley="$1" ;;
  esac
  shift
done

[ -n "$berkeley" ] || usage_error "BERKELEY_SOURCE_DIR missing"
[[ "$rounds" =~ ^[1-9][0-9]*$ ]] || usage_error "--rounds must be a positive integer, not '$rounds'"
[[ "$count" =~ ^[1-9][0-9]*$ ]] || usage_error "--count must be a positive integer, not '$count'"
[[ "$seed" =~ ^[0-9]+$ ]] || usage_error "--seed must be an unsigned integer, not '$seed'"
[[ "$seconds" =~ ^([0-9]+\.?[0-9]*|\.[0-9]+)$ ]] && awk "BEGIN { exit !($seconds > 0) }" \
  || usage_error "--seconds must be a positive number, not '$seconds'"
[ -d "$berkeley" ] || usage_error "BERKELEY_SOURCE_DIR '$berkeley' is not a directory"
berkeley="$(cd "$berkeley" && pwd)"
[ -f "$berkeley/source/include/softfloat.h" ] && [ -f "$berkeley/build/Linux-x86_64-GCC/Makefile" ] \
  || usage_error "'$berkeley' is not a Berkeley SoftFloat 3 source tree (no source/include/softfloat.h or build/Linux-x86_64-GCC/Makefile)"
[ -d "$softfloat_dir" ] || usage_error "--softfloat '$softfloat_dir' is not a directory"
softfloat_dir="$(cd "$softfloat_dir" && pwd)"
[ -d "$softfloat_dir/Sources/SoftFloat" ] && [ -f "$softfloat_dir/Package.swift" ] \
  || usage_error "--softfloat '$softfloat_dir' is not an mpstudy checkout (no Sources/SoftFloat)"
if [ -n "$mpstudy" ]; then
  [ -x "$mpstudy" ] && [ -f "$mpstudy" ] || usage_error "--mpstudy '$mpstudy' is not an executable file"
  mpstudy_help="$("$mpstudy" bench softfloat --help 2>&1)" || true
  [[ "$mpstudy_help" == *--timing-lines* ]] || usage_error "--mpstudy '$mpstudy' has no 'bench softfloat --timing-lines' (an older mpstudy?)"
fi
for tool in gcc make ar swift; do command -v "$tool" >/dev/null || fail "'$tool' not found on PATH"; done

key="$(printf '%s' "$softfloat_dir" | cksum | cut -d' ' -f1)"
work="${work:-${TMPDIR:-/tmp}/mpstudy-bench-vs-berkeley-$(id -u)}"
mkdir -p "$work" || fail "cannot create work folder '$work'"
work="$(cd "$work" && pwd)"
run="$(mktemp -d "$work/run.XXXXXX")" || fail "cannot create a temporary folder in '$work'"
trap 'rm -rf "$run"' EXIT

# 1. Berkeley SoftFloat, out of tree: a copy of its build folder, sources read in place.
echo "Building Berkeley SoftFloat from $berkeley ..." >&2
berkeley_build="$run/berkeley-build"
cp -R "$berkeley/build/Linux-x86_64-GCC" "$berkeley_build"
make -s -C "$berkeley_build" SOURCE_DIR="$berkeley/source" SPECIALIZE_TYPE=8086-SSE softfloat.a >/dev/null \
  || fail "building Berkeley SoftFloat failed (make in $berkeley_build)"
bf16_define=""
if grep -q 'f32_to_bf16' "$berkeley/source/include/softfloat.h"; then bf16_define="-DBERKELEY_HAS_BF16"; fi
gcc -O2 -std=c11 -D_POSIX_C_SOURCE=200809L $bf16_define -I "$berkeley/source/include" -I "$berkeley_build" \
  -o "$run/berkeley-harness" "$harness_dir/harness.c" "$berkeley_build/softfloat.a" \
  || fail "building the C harness failed"

# 2. The Swift harness: a copy of scripts/bench-vs-berkeley (symlinks resolved) whose path
#    dependency names the checkout under test.
echo "Building the Swift harness against $softfloat_dir (swift build -c release) ..." >&2
swift_src="$work/swift-$key/package"
rm -rf "$swift_src"
mkdir -p "$swift_src"
cp -RL "$harness_dir/Package.swift" "$harness_dir/Sources" "$swift_src/"
sed -i "s|path: \"../..\"|path: \"$softfloat_dir\"|" "$swift_src/Package.swift"
grep -q "path: \"$softfloat_dir\"" "$swift_src/Package.swift" || fail "cannot point the Swift harness at $softfloat_dir"
swift build -c release --package-path "$swift_src" --scratch-path "$work/swift-$key/build" -q >&2 \
  || fail "building the Swift harness failed"
swift_harness="$(swift build -c release --package-path "$swift_src" --scratch-path "$work/swift-$key/build" --show-bin-path)/SoftFloatHarness"

# 3. One operand file for both.
operands="$run/operands.bin"
"$swift_harness" generate "$operands" "$count" "$seed"

# 4. Identical bits and flags on every operand.
echo "Checking bits and flags on every operand ..." >&2
"$run/berkeley-harness" check "$operands" "$run/berkeley-results.bin"
check_status=0
check_report="$("$swift_harness" check "$operands" "$run/berkeley-results.bin")" || check_status=$?
if [ "$check_status" -eq 0 ]; then echo "$check_report" >&2; else echo "$check_report"; fi
[ "$check_status" -le 1 ] || fail "the Swift harness could not check the results"
bf16_note="Berkeley SoftFloat 3e has no bfloat16: the Berkeley column of f32->bf16 and bf16->f32 is harness.c's first-principles reference (round to nearest even on the upper 16 bits; NaN sign and top payload bits kept and quieted, invalid if signalling)."
if [ -n "$bf16_define" ]; then
  read -r to_differ to_nan from_differ from_nan < <("$run/berkeley-harness" bf16-vs-berkeley "$operands")
  bf16_note="$bf16_note These sources do have f32_to_bf16/bf16_to_f32 (added after 3e), not used: they differ from the reference on $to_differ (f32->bf16; $to_nan of them NaN payloads only) and $from_differ (bf16->f32; $from_nan NaN payloads only) of $((2 * count)) operands (their NaN payload is shifted by one bit)."
fi
[ "$check_status" -eq 0 ] || fail "SoftFloat and Berkeley SoftFloat differ (see above); no timing"
[ "$check_only" -eq 0 ] || { echo "$bf16_note"; exit 0; }

# 5. Interleaved timing rounds.
timings="$run/timings.tsv"
: > "$timings"
loads=()
for round in $(seq 1 "$rounds"); do
  echo "Timing round $round of $rounds ..." >&2
  loads+=("$(cut -d' ' -f1-3 /proc/loadavg)")
  # Odd rounds Berkeley first, even rounds last, so neither side always runs first.
  order="berkeley softfloat${mpstudy:+ mpstudy}"
  [ $((round % 2)) -eq 1 ] || order="${mpstudy:+mpstudy }softfloat berkeley"
  for side in $order; do
    case "$side" in
      berkeley) "$run/berkeley-harness" time "$operands" "$seconds" "$round" ;;
      softfloat) "$swift_harness" time "$operands" "$seconds" "$round" ;;
      mpstudy) "$mpstudy" bench softfloat --timing-lines "$round" --seconds "$seconds" --count "$count" \
        --seed "$seed" || fail "'$mpstudy bench softfloat' failed" ;;
    esac >> "$timings"
  done
done
loads+=("$(cut -d' ' -f1-3 /proc/loadavg)")

describe() { git -C "$1" describe --always --dirty 2>/dev/null || echo "not a git checkout"; }
echo
echo "## SoftFloat vs Berkeley SoftFloat 3 ($(date -u '+%Y-%m-%d %H:%M UTC'))"
echo
echo "- SoftFloat: $softfloat_dir ($(describe "$softfloat_dir")), swift build -c release"
echo "- Berkeley: $berkeley ($(describe "$berkeley")), Linux-x86_64-GCC, 8086-SSE, -O2"
echo "- CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), $(nproc) cores; one thread"
echo "- $count operands per array, seed $seed; $rounds interleaved rounds of ${seconds} s (CPU time) per cell per implementation"
echo "- Load average (1, 5, 15 min) before each round and at the end: $(IFS='/'; echo "${loads[*]}" | sed 's|/| · |g')"
echo "- Mops/s per second of the timing thread's CPU time (CLOCK_THREAD_CPUTIME_ID), so time given to other jobs does not count"
echo "- Round to nearest even, tininess after rounding; ratio = median over rounds of SoftFloat/Berkeley"
if [ -n "$mpstudy" ]; then
  echo "- mpstudy bench: $mpstudy bench softfloat --timing-lines ROUND, run in each round (odd rounds Berkeley, harness, bench; even rounds the reverse); bench / harness = median over rounds of mpstudy/SoftFloat harness"
fi
echo "- $bf16_note"
echo "- Check: $(echo "$check_report" | tail -1)"
echo
"$swift_harness" table "$timings"
