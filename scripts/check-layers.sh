#!/usr/bin/env bash
# Checks the dependency arrows of DESIGN.md: every `import` of a target under Sources/ names
# only a target below it (or a system module), so no target reaches upward. Prints one line
# per target with what it imports, and one line per violation; exits 1 on any violation.
set -euo pipefail
cd "$(dirname "$0")/.."

# What each target may import: the targets below it in DESIGN.md's arrows (transitively),
# its system libraries, and the toolchain's modules.
system="Foundation Dispatch Glibc Darwin Synchronization"
declare -A allowed=(
  [SoftFloat]=""
  [_MPStudySupport]=""
  [Statistics]=""
  [CKernels]=""
  [Reference]="SoftFloat CMPFR _MPStudySupport"
  [FloatTeaching]="SoftFloat Reference CMPFR _MPStudySupport"
  [TensorFiles]="SoftFloat CZlib"
  [Precision]="SoftFloat CKernels _MPStudySupport"
  [NeuralNet]="Precision SoftFloat CKernels CBLAS CDNNL CZlib _MPStudySupport"
  [Analyzer]="NeuralNet Precision SoftFloat CKernels _MPStudySupport"
  [Bench]="SoftFloat Reference Precision NeuralNet CKernels _MPStudySupport"
  [Reporter]="Analyzer FloatTeaching NeuralNet Precision SoftFloat Reference Statistics TensorFiles CZlib _MPStudySupport"
  [mpstudy-fuzz]="FloatTeaching Reporter Reference SoftFloat TensorFiles CZlib CMPFR Analyzer NeuralNet Precision Statistics _MPStudySupport"
  [mpstudy]="Reporter Statistics Analyzer FloatTeaching NeuralNet Precision SoftFloat Reference Bench CKernels TensorFiles _MPStudySupport ArgumentParser"
)

status=0
for dir in Sources/*/; do
  target=$(basename "$dir")
  imports=$(grep -rhoE '^(@testable |@_exported |@preconcurrency )?import +[A-Za-z_][A-Za-z0-9_.]*' "$dir" --include='*.swift' 2>/dev/null \
              | awk '{print $NF}' | sort -u | tr '\n' ' ' || true)
  [ -z "$imports" ] && [ -z "${allowed[$target]+x}" ] && continue
  if [ -z "${allowed[$target]+x}" ]; then
    echo "check-layers: $target is not in the list of targets; add it with its allowed imports" >&2
    status=1
    continue
  fi
  echo "$target imports: ${imports:-nothing}"
  # SoftFloat depends on nothing at all, not even the toolchain's system modules.
  extra=$system
  [ "$target" = SoftFloat ] && extra=""
  for module in $imports; do
    case " ${allowed[$target]} $extra " in
      *" $module "*) ;;
      *) echo "check-layers: $target imports $module, which is not below it (DESIGN.md arrows)" >&2; status=1 ;;
    esac
  done
done
exit $status
