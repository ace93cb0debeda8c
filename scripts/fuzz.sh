#!/usr/bin/env bash
# Fuzzes the number parsers and the teaching commands (issue 11): explain, decode, calc, and
# the parser of every format under every rounding attribute (the built-in formats, and formats
# defined at run time drawn over w 2-11, p 2-53 and every layout); and the tensor-file readers
# (issue 16): npy, npz and safetensors files mutated from the committed fixtures (bit flips,
# smashed bytes, extreme sizes and offsets, truncations, garbage, hostile header text), each
# opened and read in full as `mpstudy inspect` does. All through the library, in process
# (the `mpstudy-fuzz` executable target, Sources/mpstudy-fuzz: the same model, text view and
# JSON code the commands run). Inputs are generated (decimal and hexadecimal literals with
# extreme exponents and long digit strings, special words, Unicode digits, combining marks,
# bidirectional controls, NUL and control characters, long and deeply nested expressions)
# and mutated (bit flips, insertions, deletions, truncations, duplications), each a pure
# function of (seed, index).
#
# Checks per input: no crash; no hang (more than 1 s of CPU time for the input, release
# build); every error message one printable line (no newline or control character; for the
# readers, naming the file); an accepted tensor gives as many values as its shape says, and the
# process stays under 512 MiB resident (a header cannot make a reader allocate); parse
# results that read back (exact decimal in every attribute, shortest to nearest), ordered
# between the directed roundings, and equal to MPFR's (`mpfr_strtofr`) for a quarter of them.
#
#   scripts/fuzz.sh                 10^6 inputs per teaching command, 10^5 mutated files per
#                                   reader, release build (about 40 min)
#   scripts/fuzz.sh --short         a few thousand per command on the debug build that
#                                   `swift test` made (under 60 s; scripts/test.sh runs it)
#   scripts/fuzz.sh --only "npy npz safetensors"        (some commands only)
#   scripts/fuzz.sh --count N --seed S --slow SECONDS   (the hang limit; the watchdog ends an
#                                   input at 10 times it)
#
# One summary line per command: inputs tried, crashes, hangs, multi-line errors, round-trip
# failures, MPFR mismatches (all must be 0; the exit status is 1 otherwise), and the slowest
# input. Anomalies are listed, each with its input, in .build/fuzz/<command>.log. A crash or
# hang ends the runner; the script finds the input by replaying from the last checkpoint,
# counts it, and resumes after it. A run ended from outside (a signal whose replay runs through)
# is noted in the log as not reproduced and resumed.
set -euo pipefail
cd "$(dirname "$0")/.."

short=0
seed=1
count=""
slow_option=""
only=""
while [ $# -gt 0 ]; do
  case "$1" in
    --short) short=1 ;;
    --seed) seed="$2"; shift ;;
    --count) count="$2"; shift ;;
    --slow) slow_option="$2"; shift ;;
    --only) only="$2"; shift ;;
    *) echo "fuzz.sh: unknown argument $1 (use --short, --seed S, --count N, --slow SECONDS, --only COMMANDS)" >&2; exit 64 ;;
  esac
  shift
done

commands=(explain decode calc parse npy npz safetensors)
if [ "$short" -eq 1 ]; then
  # Debug code is about ten times slower: the hang limit scales with it.
  configuration=debug
  slow=10
  declare -A counts=([explain]=8000 [decode]=20000 [calc]=6000 [parse]=6000 [npy]=1500 [npz]=1500 [safetensors]=1500)
else
  configuration=release
  slow=1
  declare -A counts=([explain]=1000000 [decode]=1000000 [calc]=1000000 [parse]=1000000
                     [npy]=100000 [npz]=100000 [safetensors]=100000)
fi
if [ -n "$slow_option" ]; then slow=$slow_option; fi
if [ -n "$only" ]; then
  for c in $only; do
    [ -n "${counts[$c]+x}" ] || { echo "fuzz.sh: unknown command '$c' (${commands[*]})" >&2; exit 64; }
  done
  read -r -a commands <<<"$only"
fi
if [ -n "$count" ]; then
  for c in "${commands[@]}"; do counts[$c]=$count; done
fi

swift build -c "$configuration" --product mpstudy-fuzz >&2
bin=".build/$configuration/mpstudy-fuzz"
logs=.build/fuzz
mkdir -p "$logs"
failed=0

# run_command COMMAND TOTAL: runs inputs 0..<TOTAL, recovering from crashes and hangs.
run_command() {
  local cmd=$1 total=$2
  local start=0 inputs=0 crashes=0 hangs=0 multi=0 round=0 mismatch=0 slowest=0 slowest_index=0
  local out="$logs/$cmd.out" err="$logs/$cmd.err" log="$logs/$cmd.log"
  : >"$log"
  # add_counts H M R X T TI: adds a checkpoint's or summary's counts, keeps the slowest input.
  add_counts() {
    hangs=$((hangs + $1)); multi=$((multi + $2)); round=$((round + $3)); mismatch=$((mismatch + $4))
    if awk "BEGIN { exit !($5 > $slowest) }"; then slowest=$5; slowest_index=$6; fi
  }
  while [ "$start" -lt "$total" ]; do
    local status=0
    "$bin" "$cmd" --seed "$seed" --start "$start" --count $((total - start)) --slow "$slow" >"$out" 2>"$err" || status=$?
    grep -v '^checkpoint' "$err" >>"$log" || true
    if [ "$status" -eq 0 ]; then
      # summary COMMAND INPUTS HANGS MULTILINE ROUNDTRIP MISMATCHES SLOWEST SLOWEST_INDEX
      read -r _ _ n h m r x t ti <"$out"
      inputs=$((inputs + n)); add_counts "$h" "$m" "$r" "$x" "$t" "$ti"
      break
    fi
    # Ended early (a signal: crash; 3: the watchdog stopped a hang). Counts up to the last
    # checkpoint stand; replay from there one input at a time to find the one that failed.
    local next=$start last
    last=$(grep '^checkpoint' "$err" | tail -1 || true)
    if [ -n "$last" ]; then
      read -r _ next h m r x t ti <<<"$last"
      add_counts "$h" "$m" "$r" "$x" "$t" "$ti"
    fi
    inputs=$((inputs + next - start))
    local replay=0
    "$bin" "$cmd" --seed "$seed" --start "$next" --count 1000 --slow "$slow" --trace >"$out" 2>"$err" || replay=$?
    local failing=$next
    last=$(grep '^checkpoint' "$err" | tail -1 || true)
    if [ -n "$last" ]; then
      read -r _ failing h m r x t ti <<<"$last"
      add_counts "$h" "$m" "$r" "$x" "$t" "$ti"
    fi
    inputs=$((inputs + failing - next))
    if [ "$replay" -eq 0 ]; then
      echo "not reproduced: the run from input $next ended with status $status, its replay did not" >>"$log"
      start=$((next + 1000))
      continue
    fi
    inputs=$((inputs + 1))
    if [ "$status" -eq 3 ] || [ "$replay" -eq 3 ]; then kind=hang; hangs=$((hangs + 1)); else kind=crash; crashes=$((crashes + 1)); fi
    echo "$kind (exit status $status): $("$bin" "$cmd" --seed "$seed" --start "$failing" --count 1 --describe)" >>"$log"
    start=$((failing + 1))
  done
  case "$cmd" in
    npy|npz|safetensors) format='%-8s %8d files, %d crashes, %d hangs, %d bad error lines, %d wrong value counts, %d over the memory bound; slowest %s s (input %s)\n' ;;
    *) format='%-8s %8d inputs, %d crashes, %d hangs, %d multi-line errors, %d round-trip failures, %d MPFR mismatches; slowest %s s (input %s)\n' ;;
  esac
  # shellcheck disable=SC2059
  printf "$format" "$cmd:" "$inputs" "$crashes" "$hangs" "$multi" "$round" "$mismatch" "$slowest" "$slowest_index"
  if [ $((crashes + hangs + multi + round + mismatch)) -ne 0 ]; then
    failed=1
    echo "  see $log" >&2
  fi
}

echo "fuzz: seed $seed, $configuration build, a hang is over $slow s of CPU time per input" >&2
for c in "${commands[@]}"; do run_command "$c" "${counts[$c]}"; done
exit "$failed"
