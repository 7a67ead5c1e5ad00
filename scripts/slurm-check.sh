#!/usr/bin/env bash
# slurm-check.sh: the Slurm path, for real. It installs Debian's slurm-wlm
# and munge when they are missing (as root), starts a one-node Slurm
# cluster on this machine in a temporary folder (munged, slurmctld and
# slurmd with a minimal config, on their own ports and socket), submits a
# tournament with deploy/slurm/submit.sh — an array of 4 shards and a
# merge job that depends on it — waits, compares the merged run folder
# byte for byte with a single-process `winwin run` of the same config, and
# tears the cluster down.
#
#   bash scripts/slurm-check.sh [CONFIG]     (default: configs/classic.toml)
#
# Exit status 0: identical; 1: they differ or a job failed; 2: the cluster
# could not be set up. manifest.json may differ only in what records when
# and how the folder was made (start, end, command, shards).
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$PWD
export PATH="/usr/local/go/bin:$PATH"
config=$(realpath "${1:-configs/classic.toml}")
shards=4
t0=$(date +%s)
say() { echo "slurm-check [$(($(date +%s) - t0))s]: $*"; }

if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "slurm-check: slurm-wlm and munge are not installed, and installing them needs root" >&2
    exit 2
  fi
  say "installing slurm-wlm and munge from Debian"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null
  apt-get install -y -qq --no-install-recommends slurm-wlm munge >/dev/null
fi

tmp=$(mktemp -d /tmp/winwin-slurm.XXXXXX)
chmod 755 "$tmp"
pids=()
teardown() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do
    for _ in $(seq 50); do kill -0 "$p" 2>/dev/null || break; sleep 0.1; done
    kill -9 "$p" 2>/dev/null || true
  done
  if [ -z "${KEEP:-}" ]; then rm -rf "$tmp"; else echo "slurm-check: kept $tmp"; fi
}
trap teardown EXIT
fail() { echo "slurm-check: $*" >&2; for f in "$tmp"/log/*.log; do echo "--- $f"; tail -n 20 "$f"; done >&2; exit "${2:-1}"; }

say "building winwin"
go build -o "$tmp/winwin" ./cmd/winwin

# munge: its own key, socket and files, so that nothing of the machine's
# munge (if any) is touched.
mkdir -p "$tmp/munge" "$tmp/log" "$tmp/state" "$tmp/spool" "$tmp/out"
chmod 711 "$tmp/munge"
dd if=/dev/urandom of="$tmp/munge/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge/munge.key"
sock="$tmp/munge/munge.socket"
munged --foreground --force --key-file="$tmp/munge/munge.key" --socket="$sock" \
  --pid-file="$tmp/munge/munged.pid" --seed-file="$tmp/munge/seed" --log-file="$tmp/log/munged.log" \
  >"$tmp/log/munged.out" 2>&1 &
pids+=($!)
for _ in $(seq 50); do [ -S "$sock" ] && break; sleep 0.1; done
[ -S "$sock" ] || fail "munged did not start" 2

host=$(hostname -s)
port=$((20000 + RANDOM % 20000))
cat > "$tmp/slurm.conf" <<EOF
ClusterName=winwincheck
SlurmctldHost=$host(127.0.0.1)
SlurmctldPort=$port
SlurmdPort=$((port + 1))
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=$sock
CredType=cred/munge
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/log/slurmctld.log
SlurmdLogFile=$tmp/log/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
JobCompType=jobcomp/none
SchedulerType=sched/builtin
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
MpiDefault=none
ReturnToService=2
MinJobAge=600
NodeName=$host NodeAddr=127.0.0.1 CPUs=$(nproc) State=UNKNOWN
PartitionName=check Nodes=$host Default=YES MaxTime=INFINITE State=UP
EOF
export SLURM_CONF="$tmp/slurm.conf"

say "starting slurmctld and slurmd (port $port)"
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/log/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$host" >"$tmp/log/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 100); do
  state=$(sinfo -h -n "$host" -o %T 2>/dev/null || true)
  case "$state" in idle*|mixed*|allocated*) break ;; esac
  sleep 0.2
done
case "$state" in idle*|mixed*|allocated*) ;; *) fail "the node did not come up (state: '$state')" 2 ;; esac
say "cluster up: $(sinfo -h -o '%P %D node(s) %T, %c CPUs')"

say "submitting $(basename "$config") as an array of $shards shards and a dependent merge"
submitted=$(WINWIN="$tmp/winwin" CONFIG="$config" OUT="$tmp/out" SHARDS=$shards bash deploy/slurm/submit.sh)
echo "$submitted"
array=$(echo "$submitted" | sed -n 's/^array job \([0-9]*\).*/\1/p')
merge=$(echo "$submitted" | sed -n 's/.*merge job \([0-9]*\).*/\1/p')
[ -n "$array" ] && [ -n "$merge" ] || fail "submit.sh printed no job IDs"

# Meanwhile the single-process run, outside Slurm.
say "running the same config in one process"
mkdir -p "$tmp/single"
(cd "$tmp" && "$tmp/winwin" run "$config" --out "$tmp/single" --no-progress >"$tmp/log/single.log" 2>&1) ||
  fail "the single-process run failed"

say "waiting for the jobs"
deadline=$(($(date +%s) + 1200))
while squeue -h -j "$array,$merge" 2>/dev/null | grep -q .; do
  [ "$(date +%s)" -lt "$deadline" ] || fail "the jobs did not finish in 20 minutes"
  sleep 1
done
states=$( (scontrol show job "$array"; scontrol show job "$merge") 2>/dev/null | grep -o 'JobState=[A-Z]*' | sort | uniq -c | paste -sd ' ')
say "job states: $states"
tail -n 3 "$tmp/out/winwin-merge-$merge.out" | sed 's/^/  merge: /'

merged=$(find "$tmp/out" -mindepth 1 -maxdepth 1 -type d ! -name shards | head -n 1)
single=$(find "$tmp/single" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[ -n "$merged" ] || fail "the merge wrote no run folder"
echo "$states" | grep -q 'JobState=\(FAILED\|CANCELLED\|TIMEOUT\|NODE_FAIL\|OUT_OF_MEMORY\)' && fail "a job did not complete: $states"
[ -f "$merged/manifest.json" ] || fail "the merged folder has no manifest"
say "comparing $merged with $single"
differ=0
n=0
for f in "$single"/*; do
  name=$(basename "$f")
  [ "$name" = manifest.json ] && continue
  n=$((n + 1))
  cmp -s "$f" "$merged/$name" || { echo "  DIFFERS: $name"; differ=1; }
done
[ "$(ls "$single" | sort)" = "$(ls "$merged" | sort)" ] || { echo "  the folders hold other files"; differ=1; }
# The manifests, without start, end, command and shards.
norm() {
  python3 -c 'import json, sys
m = json.load(open(sys.argv[1]))
for k in ("start", "end", "command", "shards"):
    m.pop(k, None)
print(json.dumps(m, sort_keys=True))' "$1"
}
if command -v python3 >/dev/null; then
  [ "$(norm "$single/manifest.json")" = "$(norm "$merged/manifest.json")" ] || { echo "  DIFFERS: manifest.json beyond start, end, command and shards"; differ=1; }
else
  echo "  (no python3: manifest.json not compared)"
fi
if [ "$differ" != 0 ]; then
  fail "the merged run folder differs from the single-process run"
fi
say "IDENTICAL: $n files byte for byte, and manifest.json but for start, end, command and shards ($shards Slurm array tasks + a merge vs one process)"
