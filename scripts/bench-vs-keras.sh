#!/usr/bin/env bash
# Side by side with TensorFlow on this machine: Keras `fit` steps of the blog's model against
# `mpstudy train` and `mpstudy analyze`, float32 and mixed_float16, interleaved, and one
# Markdown table: ms/step, ratio to Keras, ratio to the FMA-peak floor.
#
#   scripts/bench-vs-keras.sh [--rounds N] [--epochs E] [--threads T] [--keras-mixed-steps S]
#                             [--keras-onednn auto|on|off]
#   MPSTUDY=path/to/mpstudy scripts/bench-vs-keras.sh ...   (time that binary, build nothing)
#
# - Keras: a venv from PyPI (.venv-keras, or $KERAS_VENV; created on first use) with
#   tensorflow-cpu and keras at the versions below; scripts/keras-reference/fit_step_times.py
#   builds the blog's model (batch 8192, 4096 units, RMSprop, validation_split 0.2) on
#   Data/mnist and times its fit steps, the first step of each epoch left out.
#   --keras-mixed-steps S stops Keras's mixed_float16 epochs after S steps (default 0: whole
#   epochs, as for float32).
# - TensorFlow's oneDNN graph rewrites (TF_ENABLE_ONEDNN_OPTS) are on for float32 and off for
#   mixed_float16 (--keras-onednn auto, the default): each policy runs in Keras's faster setting.
#   With them on, TensorFlow 2.21 fuses a float16 Dense layer's MatMul, BiasAdd and ReLU into
#   one oneDNN op that runs about 1000x slower than the three ops apart on an AVX-512 FP16 Xeon
#   (a 1024-unit forward pass of batch 1024: 52 s against 44 ms; a bare float16 tf.matmul is
#   fast either way), so mixed_float16 took over 15 minutes a step. With them off, float32's
#   forward and backward pass together take 1.46x as long. --keras-onednn on|off forces one setting.
# - mpstudy: the release build (built here); `train --profile` and `analyze --profile` (report
#   written to a scratch folder), the same model, data and batch; their "steps after the first"
#   figure, so both sides leave the first step out.
# - Each round runs, in this order: Keras float32, train float32, analyze float32, Keras
#   mixed_float16, train mixed_float16, analyze mixed_float16 (train and analyze of a policy
#   back to back). The table gives the median over rounds (and the range); the ratios are
#   medians of the per-round ratios, so a load change between rounds cancels out.
# - The floor is a step's GEMM flops (printed by --profile) at the FMA peak that mpstudy
#   measures (a register-only FMA loop on every thread); the best peak of all runs is used.
# - The load average is printed before and after every run: the machine may be shared, and
#   absolute numbers then mean little; the interleaved ratios mean more.
set -euo pipefail
cd "$(dirname "$0")/.."

rounds=2 epochs=1 threads="" keras_mixed_steps=0 keras_onednn=auto
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds|--epochs|--threads|--keras-mixed-steps|--keras-onednn)
      [ $# -ge 2 ] || { echo "bench-vs-keras: $1 needs a value" >&2; exit 64; } ;;
  esac
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --epochs) epochs="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --keras-mixed-steps) keras_mixed_steps="$2"; shift 2 ;;
    --keras-onednn) keras_onednn="$2"; shift 2 ;;
    -h|--help) sed -n "2,$(( $(grep -n "^set -euo" "$0" | cut -d: -f1) - 1 ))p" "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "bench-vs-keras: unknown argument $1" >&2; exit 64 ;;
  esac
done
for value in "$rounds" "$epochs" "$keras_mixed_steps" ${threads:+"$threads"}; do
  [[ "$value" =~ ^[0-9]{1,4}$ ]] || { echo "bench-vs-keras: $value is not a whole number (0-9999)" >&2; exit 64; }
done
[ "$rounds" -ge 1 ] && [ "$epochs" -ge 1 ] || { echo "bench-vs-keras: --rounds and --epochs must be at least 1" >&2; exit 64; }
case "$keras_onednn" in
  auto|on|off) ;;
  *) echo "bench-vs-keras: --keras-onednn takes auto, on or off, not '$keras_onednn'" >&2; exit 64 ;;
esac
# onednn POLICY: 1 or 0, TensorFlow's oneDNN rewrites for Keras under POLICY.
onednn() {
  case "$keras_onednn" in
    on) echo 1 ;;
    off) echo 0 ;;
    auto) if [ "$1" = mixed_float16 ]; then echo 0; else echo 1; fi ;;
  esac
}

TF_VERSION=2.21.0 KERAS_VERSION=3.15.1
venv="${KERAS_VENV:-.venv-keras}"
if ! "$venv/bin/python" -c "import tensorflow, keras" 2>/dev/null; then
  echo "bench-vs-keras: creating $venv (tensorflow-cpu==$TF_VERSION keras==$KERAS_VERSION from PyPI)" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install -q "tensorflow-cpu==$TF_VERSION" "keras==$KERAS_VERSION"
fi

# $MPSTUDY: an mpstudy binary to time instead of building one here.
mpstudy="${MPSTUDY:-}"
if [ -z "$mpstudy" ]; then
  scripts/setup.sh
  swift build -c release --product mpstudy >&2
  mpstudy=.build/release/mpstudy
fi
log=$(mktemp -d)
trap 'rm -rf "$log"' EXIT
thread_args=()
[ -n "$threads" ] && thread_args=(--threads "$threads")
if [ -n "$threads" ]; then export OMP_NUM_THREADS="$threads" TF_NUM_INTRAOP_THREADS="$threads"; fi

load() { cut -d' ' -f1-3 /proc/loadavg; }

# run NAME POLICY ROUND: one timed run; appends "name policy round ms floor_ms peak load_before load_after" to $log/results
run() {
  local name="$1" policy="$2" round="$3" out="$log/$1-$2-$3.txt" before after ms floor peak
  before=$(load)
  case "$name" in
    keras)
      local steps=0
      [ "$policy" = mixed_float16 ] && steps="$keras_mixed_steps"
      TF_ENABLE_ONEDNN_OPTS=$(onednn "$policy") "$venv/bin/python" scripts/keras-reference/fit_step_times.py --policy "$policy" --epochs "$epochs" \
        --steps "$steps" >"$out" 2>"$out.err"
      ms=$(python3 -c 'import json,sys; print("%.1f" % json.loads(open(sys.argv[1]).read().strip().splitlines()[-1])["ms_per_step"])' "$out")
      floor="" peak="" ;;
    train)
      "$mpstudy" train --policy "$policy" --epochs "$epochs" --profile "${thread_args[@]}" >"$out" 2>/dev/null ;;
    analyze)
      "$mpstudy" analyze --policy "$policy" --epochs "$epochs" --profile --output "$log/report-$policy-$round" \
        "${thread_args[@]}" >"$out" 2>/dev/null ;;
  esac
  if [ "$name" != keras ]; then
    ms=$(sed -n 's/^  steps after the first: \([0-9.]*\) ms\/step.*/\1/p' "$out" | head -1)
    floor=$(sed -n 's/^  floor (GEMM flops at the peak) \([0-9.]*\) ms\/step.*/\1/p' "$out" | head -1)
    peak=$(sed -n 's/^  FMA peak \([0-9.]*\) GFLOP\/s.*/\1/p' "$out" | head -1)
  fi
  after=$(load)
  echo "$name $policy $round ${ms:-nan} ${floor:-nan} ${peak:-nan} $before $after" >>"$log/results"
  echo "bench-vs-keras: round $round $name $policy: ${ms:-?} ms/step (load $before -> $after)" >&2
}

for round in $(seq 1 "$rounds"); do
  for policy in float32 mixed_float16; do
    run keras "$policy" "$round"
    run train "$policy" "$round"
    run analyze "$policy" "$round"
  done
done

versions=$(tail -1 "$log/keras-float32-1.txt" | python3 -c 'import json,sys; d=json.loads(sys.stdin.read()); print("TensorFlow %s, Keras %s" % (d["tensorflow"], d["keras"]))')
python3 - "$log/results" "$rounds" "$epochs" "$versions" "$(sed -n 's/^BLAS: //p' "$log/train-float32-1.txt")" \
  "$keras_mixed_steps" "$(onednn float32)" "$(onednn mixed_float16)" <<'PY'
import statistics as st, sys
path, rounds, epochs, versions, blas = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4], sys.argv[5]
rows = [l.split() for l in open(path)]
res = {}
for name, policy, rnd, ms, floor, peak, *load in rows:
    res[(name, policy, int(rnd))] = (float(ms), float(floor), float(peak), load)
peaks = [v[2] for v in res.values() if v[2] == v[2]]
floors = [v[1] * v[2] for v in res.values() if v[1] == v[1]]  # floor_ms * peak = GEMM MFLOP per step
peak = max(peaks)
floor = st.median(floors) / peak
loads = [float(x) for v in res.values() for x in (v[3][0], v[3][3])]
with open("/proc/cpuinfo") as f:
    cpu = next((l.split(":", 1)[1].strip() for l in f if l.startswith("model name")), "unknown CPU")
print(f"Keras `fit` vs mpstudy, {rounds} interleaved rounds of {epochs} epoch(s) (6 steps of batch 8192 per epoch, "
      f"Keras mixed_float16 {sys.argv[6] + ' steps' if sys.argv[6] != '0' else 'whole epochs'}, the first step of each left out); {cpu}")
onoff = {"1": "on", "0": "off"}
print(f"{versions} (oneDNN rewrites {onoff[sys.argv[7]]} for float32, {onoff[sys.argv[8]]} for mixed_float16); mpstudy BLAS: {blas}")
print(f"FMA peak {peak:.1f} GFLOP/s (best of all runs); floor {floor:.0f} ms/step (a step's GEMM flops at the peak); "
      f"1-minute load average {min(loads):.2f}-{max(loads):.2f} during the runs")
print()
print("| run | policy | ms/step (median) | range | vs Keras | vs floor |")
print("|:--|:--|--:|--:|--:|--:|")
for policy in ["float32", "mixed_float16"]:
    for name, label in [("keras", "Keras fit"), ("train", "mpstudy train"), ("analyze", "mpstudy analyze")]:
        ms = [res[(name, policy, r)][0] for r in range(1, rounds + 1)]
        vs = [res[(name, policy, r)][0] / res[("keras", policy, r)][0] for r in range(1, rounds + 1)]
        print(f"| {label} | {policy} | {st.median(ms):.0f} | {min(ms):.0f}-{max(ms):.0f} | {st.median(vs):.3f}x | {st.median(ms) / floor:.3f}x |")
print()
for policy in ["float32", "mixed_float16"]:
    ratios = [res[("analyze", policy, r)][0] / res[("train", policy, r)][0] for r in range(1, rounds + 1)]
    print(f"analyze / train ({policy}, back to back, median of rounds): {st.median(ratios):.3f}x")
print()
print("per run (name policy round ms/step floor-ms peak-GFLOP/s load-before(1,5,15 min) load-after):")
for l in rows:
    print("    " + " ".join(l))
PY
