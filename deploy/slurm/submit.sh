#!/bin/bash
# Runs a winwin tournament on a Slurm cluster: an array of SHARDS tasks,
# one shard each, then a merge job that starts when all of them ended
# well. Edit the four lines below (or set them in the environment), then:
#
#   bash deploy/slurm/submit.sh
#
# It prints the two job IDs; the merge job's output file ends with the run
# folder's path. Add sbatch options (partition, account, time) to
# SBATCH_ARGS, e.g. SBATCH_ARGS="--partition=short --time=01:00:00".
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"

# ---- the lines you edit ------------------------------------------------
WINWIN="${WINWIN:-$HOME/go/bin/winwin}"        # go install github.com/winwin-sim/winwin/cmd/winwin@latest
CONFIG="${CONFIG:-$PWD/configs/classic.toml}"  # the tournament config
OUT="${OUT:-$PWD/winwin-out}"                  # shards go to OUT/shards, the run folder to OUT
SHARDS="${SHARDS:-4}"                          # array tasks, one shard each
# ------------------------------------------------------------------------

read -r -a extra <<< "${SBATCH_ARGS:-}"
mkdir -p "$OUT"
export WINWIN CONFIG OUT
array=$(sbatch --parsable "${extra[@]}" --array="0-$((SHARDS - 1))" --chdir="$OUT" \
  --export=ALL "$here/winwin-shard.sbatch")
array=${array%%;*}
merge=$(sbatch --parsable "${extra[@]}" --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --chdir="$OUT" --export=ALL "$here/winwin-merge.sbatch")
merge=${merge%%;*}
echo "array job $array ($SHARDS shards), merge job $merge"
echo "the merge's output: $OUT/winwin-merge-$merge.out"
