#!/usr/bin/env bash
# The GNU parallel path of `mpstudy sweep`, run for real: a 4-run study (--units 64 --epochs 1)
# through GNU parallel, one run killed with SIGKILL half-way, then `sweep --run parallel
# --resume`: the killed run is redone, the others are skipped (their run.json untouched, the
# job log gains one line), and `mpstudy study` counts 4 complete runs.
# Usage: scripts/check-sweep-parallel.sh [MPSTUDY]  (default: the debug build swift test made)
set -euo pipefail
cd "$(dirname "$0")/.."
mpstudy="${1:-$(swift build --show-bin-path)/mpstudy}"
mpstudy="$(cd "$(dirname "$mpstudy")" && pwd)/$(basename "$mpstudy")"
scripts/setup.sh parallel
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
study="$work/study"
fail() { echo "check-sweep-parallel: FAILED: $*" >&2; exit 1; }
grid=(--policy float32,mixed_float16 --seeds 0-1 --units 64 --epochs 1 --output "$study" --run parallel --jobs 1)

# First pass: kill the second run (float32-s1) with SIGKILL half a second after it starts.
"$mpstudy" sweep "${grid[@]}" >"$work/first.out" 2>&1 &
sweep=$!
# The mpstudy process itself, not the shell GNU parallel runs the line in; found by reading
# /proc, since a fresh machine has no procps (pgrep).
find_victim() {
  # Matched by argv[0] (comm is "exe" once mpstudy has re-executed itself to set OpenBLAS's
  # core) and the run's --output; prints the first such process.
  local dir argv0 cmdline
  for dir in /proc/[0-9]*; do
    argv0="$(head -z -n1 2>/dev/null <"$dir/cmdline" | tr -d '\0' || true)"
    [[ "$argv0" == */mpstudy ]] || continue
    cmdline="$(tr '\0' ' ' 2>/dev/null <"$dir/cmdline" || true)"
    if [[ "$cmdline" == *" analyze "*"--output runs/float32-s1 "* ]]; then
      echo "${dir#/proc/}"
      return 0
    fi
  done
  return 0
}
victim=""
for _ in $(seq 1 6000); do
  victim="$(find_victim)"
  [ -n "$victim" ] && break
  kill -0 "$sweep" 2>/dev/null || break
  sleep 0.1
done
[ -n "$victim" ] || fail "the run float32-s1 never started; the sweep printed: $(cat "$work/first.out")"
sleep 0.5
kill -0 "$victim" 2>/dev/null || fail "float32-s1 finished before it could be killed (too fast a machine: raise --units)"
kill -KILL "$victim"
status=0
wait "$sweep" || status=$?
[ "$status" -ne 0 ] || fail "the sweep with a killed run exited 0"
grep -q "failed lines" "$work/first.out" || fail "the sweep did not report the failed line: $(cat "$work/first.out")"
[ ! -e "$study/runs/float32-s1/run.json" ] || fail "the killed run left a run.json"
for id in float32-s0 mixed_float16-s0 mixed_float16-s1; do
  [ -f "$study/runs/$id/run.json" ] || fail "run $id did not finish in the first pass"
done
before=$(stat -c '%Y %i' "$study"/runs/{float32-s0,mixed_float16-s0,mixed_float16-s1}/run.json)
lines_before=$(wc -l <"$study/parallel.joblog")
echo "check-sweep-parallel: first pass: float32-s1 killed (SIGKILL), sweep exit $status, 3 of 4 runs complete"

# Second pass: --resume reruns only the failed line.
"$mpstudy" sweep "${grid[@]}" --resume >"$work/second.out" 2>&1 || fail "the resumed sweep failed: $(cat "$work/second.out")"
[ -f "$study/runs/float32-s1/run.json" ] || fail "the resumed sweep did not redo float32-s1"
after=$(stat -c '%Y %i' "$study"/runs/{float32-s0,mixed_float16-s0,mixed_float16-s1}/run.json)
[ "$before" = "$after" ] || fail "the resumed sweep rewrote a finished run"
lines_after=$(wc -l <"$study/parallel.joblog")
[ $((lines_after - lines_before)) -eq 1 ] || fail "the job log gained $((lines_after - lines_before)) lines, not 1"
tail -n1 "$study/parallel.joblog" | grep -q -- "--output runs/float32-s1" || fail "the rerun line is not float32-s1"
echo "check-sweep-parallel: resumed: float32-s1 redone (1 new job-log line), the 3 others skipped untouched"

"$mpstudy" study "$study" >"$work/study.out"
grep -q "float32: 2 of 2 runs complete" "$work/study.out" || fail "study: $(cat "$work/study.out")"
grep -q "mixed_float16: 2 of 2 runs complete" "$work/study.out" || fail "study: $(cat "$work/study.out")"
for f in study.md study.csv study.json charts/test-accuracy.svg; do [ -s "$study/$f" ] || fail "study wrote no $f"; done
scripts/check-study-stats.sh "$study" || fail "the study's statistics differ from scipy's"
echo "check-sweep-parallel: OK (study: 4 of 4 runs complete)"
