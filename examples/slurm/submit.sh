#!/usr/bin/env bash
# Submits a FedChainSim sweep to Slurm as a job array of SHARDS shards, then a collect job that
# runs once every shard succeeded. Prints both job ids.
#
#   examples/slurm/submit.sh SWEEP.json OUT SHARDS
#
# OUT must be on a file system that every compute node shares. FEDCHAIN names the binary
# (default: `fedchain` on PATH); it is resolved here and passed to the jobs. Other sbatch
# options (partition, account, time) come from sbatch's own variables: SBATCH_PARTITION,
# SBATCH_ACCOUNT, SBATCH_TIMELIMIT, ... The logs go to the folder this script is run from.
set -euo pipefail

usage() {
  echo "usage: submit.sh SWEEP.json OUT SHARDS   (SHARDS: the number of array tasks, ≥ 1)" >&2
  exit 64
}
fail() {
  echo "submit.sh: $*" >&2
  exit 64
}

[[ $# -eq 3 ]] || usage
sweep=$1
out=$2
shards=$3

[[ $shards =~ ^[1-9][0-9]*$ ]] || fail "SHARDS=$shards is not a whole number ≥ 1"
[[ -f $sweep ]] || fail "$sweep: no such sweep file"
[[ -n $out ]] || fail "OUT is empty; give the sweep folder"
command -v sbatch >/dev/null || fail "sbatch is not on PATH; run this on a Slurm submit host"

# The jobs start in this folder, but absolute paths survive a --chdir and read better in logs.
sweep=$(realpath "$sweep")
out=$(realpath -m "$out")
fedchain=$(command -v "${FEDCHAIN:-fedchain}") ||
  fail "FEDCHAIN=${FEDCHAIN:-fedchain} is not an executable; set FEDCHAIN to the binary's path"
fedchain=$(realpath "$fedchain")
# --export separates its variables with commas, so a comma inside a path would split it.
for path in "$sweep" "$out" "$fedchain"; do
  [[ $path != *,* ]] || fail "$path: a path with a comma cannot be passed through --export"
done

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)

array_id=$(sbatch --parsable --array="0-$((shards - 1))" \
  --export="ALL,SWEEP=$sweep,OUT=$out,SHARDS=$shards,FEDCHAIN=$fedchain" \
  "$here/sweep.sbatch")
array_id=${array_id%%;*} # --parsable prints "id;cluster" on a multi-cluster setup

# --kill-on-invalid-dep: if a shard fails, Slurm cancels the collect job instead of leaving it
# pending forever (reason DependencyNeverSatisfied).
collect_id=$(sbatch --parsable --dependency="afterok:$array_id" --kill-on-invalid-dep=yes \
  --export="ALL,OUT=$out,FEDCHAIN=$fedchain" \
  "$here/collect.sbatch")
collect_id=${collect_id%%;*}

echo "array job $array_id: $shards shard(s) of $sweep into $out"
echo "collect job $collect_id: runs after every shard succeeded"
