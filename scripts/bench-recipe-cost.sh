#!/usr/bin/env bash
# The cost of a low-precision recipe's analysis against mixed_float16's: `mpstudy analyze`
# with full analysis on the blog's model and batch, one epoch (6 steps), the policies back to
# back and interleaved (A B A B ...), and per round the ms/step of each, the ratio of each
# recipe to mixed_float16, and --profile's share of a step for the GEMM error budget and the
# counterfactual scaling. Prints the median ratio per recipe over the rounds and the load.
#
#   scripts/bench-recipe-cost.sh [--rounds N] [--threads T] [--policies nvfp4,mxfp8,...]
#   MPSTUDY=path/to/mpstudy scripts/bench-recipe-cost.sh ...   (time that binary, build nothing)
#
# The issue's bar: a recipe at most 1.5x mixed_float16, the error budget at most 10% of a step.
set -euo pipefail
cd "$(dirname "$0")/.."
rounds=5
threads=1
policies=nvfp4
while [ $# -gt 0 ]; do
  case "$1" in
    --rounds) rounds="$2"; shift 2 ;;
    --threads) threads="$2"; shift 2 ;;
    --policies) policies="$2"; shift 2 ;;
    *) echo "bench-recipe-cost: unknown argument '$1' (use --rounds N, --threads T, --policies a,b)" >&2; exit 64 ;;
  esac
done
case "$rounds$threads" in *[!0-9]*|'') echo "bench-recipe-cost: --rounds and --threads take whole numbers" >&2; exit 64 ;; esac
if [ -z "${MPSTUDY:-}" ]; then
  swift build -c release --scratch-path .build-release --product mpstudy >&2
  MPSTUDY=.build-release/release/mpstudy
fi
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT
IFS=, read -r -a recipes <<< "$policies"
declare -A ms share_budget share_counterfactual
echo "# load $(cut -d' ' -f1-3 /proc/loadavg) at the start; $("$MPSTUDY" --version)"
for round in $(seq 1 "$rounds"); do
  for policy in mixed_float16 "${recipes[@]}"; do
    out="$("$MPSTUDY" analyze --policy "$policy" --epochs 1 --threads "$threads" --profile \
      --data Data/mnist --output "$scratch/$policy-$round" 2>&1)"
    ms[$policy,$round]="$(sed -n 's/^training: [0-9]* steps, \([0-9]*\) ms\/step mean.*/\1/p' <<< "$out")"
    share_budget[$policy,$round]="$(sed -n 's/^  GEMM error budget  *[0-9.]* ms\/step *\([0-9.]*\)%/\1/p' <<< "$out")"
    share_counterfactual[$policy,$round]="$(sed -n 's/^  counterfactual scaling *[0-9.]* ms\/step *\([0-9.]*\)%/\1/p' <<< "$out")"
    echo "round $round $policy: ${ms[$policy,$round]} ms/step, error budget ${share_budget[$policy,$round]}%," \
      "counterfactual ${share_counterfactual[$policy,$round]}% (load $(cut -d' ' -f1 /proc/loadavg))"
    rm -rf "${scratch:?}/$policy-$round"
  done
done
for policy in "${recipes[@]}"; do
  ratios=""
  for round in $(seq 1 "$rounds"); do
    ratios="$ratios $(awk -v a="${ms[$policy,$round]}" -v b="${ms[mixed_float16,$round]}" 'BEGIN { printf "%.3f", a / b }')"
  done
  median="$(tr ' ' '\n' <<< "$ratios" | sed '/^$/d' | sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }')"
  echo "$policy / mixed_float16:$ratios; median ${median}x"
done
echo "# load $(cut -d' ' -f1-3 /proc/loadavg) at the end"
