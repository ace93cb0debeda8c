#!/usr/bin/env bash
# The Slurm path of `mpstudy sweep`, run for real on a single-node Slurm started here:
# installs Debian's slurm-wlm and munge when missing, starts munged, slurmctld and slurmd
# (a generated slurm.conf with this machine's CPUs and memory, no cgroups, no accounting),
# submits a 4-run sweep (--units 64 --epochs 1) with `mpstudy sweep --run slurm --submit`,
# waits for the job array, runs `mpstudy study` on the result and checks it, then stops the
# daemons it started (by their PIDs, never by name).
# Usage: scripts/check-slurm.sh [MPSTUDY]  (default: the debug build swift test made). Root.
set -euo pipefail
cd "$(dirname "$0")/.."
mpstudy="${1:-$(swift build --show-bin-path)/mpstudy}"
mpstudy="$(cd "$(dirname "$mpstudy")" && pwd)/$(basename "$mpstudy")"
[ "$(id -u)" -eq 0 ] || { echo "check-slurm: needs root (it starts munged, slurmctld and slurmd)" >&2; exit 1; }
scripts/setup.sh slurm-wlm munge

work="$(mktemp -d /tmp/mpstudy-slurm.XXXXXX)"
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  sleep 1
  for pid in "${pids[@]}"; do kill -KILL "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT
fail() {
  echo "check-slurm: FAILED: $*" >&2
  for log in "$work"/slurmctld.log "$work"/slurmd.log; do [ -f "$log" ] && tail -n 5 "$log" >&2; done
  exit 1
}

# munge: a private key, its folders owned by munge, the daemon run as munge.
mkdir -p /etc/munge /run/munge /var/lib/munge /var/log/munge
if [ ! -s /etc/munge/munge.key ]; then
  dd if=/dev/urandom of=/etc/munge/munge.key bs=1024 count=1 status=none
fi
chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge
chmod 700 /etc/munge
chmod 400 /etc/munge/munge.key
if ! munge -n 2>/dev/null | unmunge >/dev/null 2>&1; then
  rm -f /run/munge/munged.pid
  runuser -u munge -- /usr/sbin/munged --pid-file=/run/munge/munged.pid || fail "munged did not start"
  for _ in $(seq 1 50); do [ -s /run/munge/munged.pid ] && break; sleep 0.1; done
  [ -s /run/munge/munged.pid ] || fail "munged wrote no PID file"
  pids+=("$(cat /run/munge/munged.pid)")
fi
munge -n | unmunge | grep -q Success || fail "munge does not work"

host=$(hostname)
cpus=$(nproc)
memory=$(( $(awk '/MemTotal/ {print int($2 / 1024)}' /proc/meminfo) - 1024 ))
mkdir -p "$work/state" "$work/spool"
cat >"$work/slurm.conf" <<CONF
ClusterName=mpstudy-check
SlurmctldHost=$host
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
ReturnToService=2
MpiDefault=none
StateSaveLocation=$work/state
SlurmdSpoolDir=$work/spool
SlurmctldPidFile=$work/slurmctld.pid
SlurmdPidFile=$work/slurmd.pid
SlurmctldLogFile=$work/slurmctld.log
SlurmdLogFile=$work/slurmd.log
NodeName=$host CPUs=$cpus RealMemory=$memory State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP
CONF
export SLURM_CONF="$work/slurm.conf"
slurmctld -f "$SLURM_CONF" || fail "slurmctld did not start"
for _ in $(seq 1 50); do [ -s "$work/slurmctld.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmctld.pid")")
slurmd -f "$SLURM_CONF" || fail "slurmd did not start"
for _ in $(seq 1 50); do [ -s "$work/slurmd.pid" ] && break; sleep 0.1; done
pids+=("$(cat "$work/slurmd.pid")")
for _ in $(seq 1 100); do
  sinfo -h -o %T 2>/dev/null | grep -q idle && break
  sleep 0.2
done
sinfo -h -o %T | grep -q idle || fail "the node did not become idle: $(sinfo 2>&1)"
echo "check-slurm: single-node Slurm up on $host ($cpus CPUs, ${memory} MiB)"

study="$work/study"
out=$("$mpstudy" sweep --policy float32,mixed_float16 --seeds 0-1 --units 64 --epochs 1 --output "$study" \
  --run slurm --submit --cpus 1 --memory 2G --time 00:20:00 --data "$PWD/Data/mnist") || fail "sweep --submit: $out"
echo "$out"
job=$(echo "$out" | sed -n 's/.*submitted job array \([0-9]*\).*/\1/p')
[ -n "$job" ] || fail "no job id in: $out"
for _ in $(seq 1 1800); do
  [ -z "$(squeue -h -j "$job" 2>/dev/null)" ] && break
  sleep 1
done
[ -z "$(squeue -h -j "$job" 2>/dev/null)" ] || fail "job array $job still queued or running after 30 minutes"
echo "check-slurm: job array $job finished"
"$mpstudy" study "$study" >"$work/study.out" || fail "mpstudy study: $(cat "$work/study.out")"
cat "$work/study.out"
grep -q "float32: 2 of 2 runs complete" "$work/study.out" || fail "not every float32 run completed (logs: $(ls "$study/logs"))"
grep -q "mixed_float16: 2 of 2 runs complete" "$work/study.out" || fail "not every mixed_float16 run completed"
grep -q "mixed_float16 minus float32 in test accuracy" "$work/study.out" || fail "no paired difference"
ls "$study"/logs/slurm-"$job"_*.out >/dev/null 2>&1 || fail "no Slurm task logs"
echo "check-slurm: OK (4 Slurm array tasks, study of 4 complete runs)"
