#!/usr/bin/env bash
# Checks the Slurm recipe of this folder on one Debian machine, end to end: installs Slurm and
# MUNGE from Debian's packages if missing, makes this machine a one-node cluster, submits
# small-sweep.json in 2 shards with submit.sh, runs the same sweep locally and serially, and
# compares the two folders byte for byte. Prints PASS or FAIL; stops the daemons it started.
#
#   sudo examples/slurm/try-on-this-machine.sh
#
# Environment:
#   FEDCHAIN     a fedchain binary to use instead of building one
#   BUILD_DIR    the build's scratch path (default: the package's .build)
#   JOB_TIMEOUT  seconds to wait for the jobs (default 900)
#   KEEP=1       keep the temporary folder (it is kept anyway on FAIL)
#
# For a test machine only: it writes /etc/slurm/slurm.conf (refusing to replace one it did not
# write) and runs every daemon as root. Safe to run again: it installs, writes and starts only
# what is missing, and leaves daemons it found running alone.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
repo=$(cd "$here/../.." && pwd)
job_timeout=${JOB_TIMEOUT:-900}
conf=/etc/slurm/slurm.conf
marker="# Written by FedChainSim's examples/slurm/try-on-this-machine.sh"

log() { printf '[%s] %s\n' "$(date +%T)" "$*"; }
indent() { sed 's/^/    /'; }

started_names=() # daemons this script started, stopped on exit
started_pids=()
job_ids=()
work=""
verdict=FAIL

fail() {
  log "FAIL: $*"
  exit 1
}

stop_daemons() {
  local i pid n
  # Reverse order of starting: slurmd, slurmctld, then munged.
  for ((i = ${#started_pids[@]} - 1; i >= 0; i--)); do
    pid=${started_pids[i]}
    kill -TERM "$pid" 2>/dev/null || continue
    for ((n = 0; n < 100; n++)); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 0.1
    done
    kill -KILL "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    log "stopped ${started_names[i]} (pid $pid)"
  done
}

cleanup() {
  local status=$?
  trap - EXIT
  if ((${#job_ids[@]})) && [[ $verdict != PASS ]]; then
    scancel "${job_ids[@]}" 2>/dev/null || true
  fi
  stop_daemons
  if [[ -n $work && -d $work ]]; then
    if [[ $verdict == PASS && ${KEEP:-0} != 1 ]]; then
      rm -rf "$work"
    else
      log "kept $work (logs, both sweep folders)"
    fi
  fi
  exit "$status"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# Polls `$@` every second until it succeeds; false after `timeout` seconds.
wait_for() {
  local timeout=$1
  shift
  local deadline=$((SECONDS + timeout))
  until "$@"; do
    ((SECONDS < deadline)) || return 1
    sleep 1
  done
}

[[ $(id -u) == 0 ]] || fail "run as root: it installs packages and starts daemons"
start=$SECONDS

# MARK: - (a) Packages

installed() { [[ $(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null) == installed ]]; }
if installed slurm-wlm && installed munge; then
  log "slurm-wlm and munge are installed"
else
  log "installing slurm-wlm and munge from Debian's packages"
  apt-get update -qq
  # No recommends: slurm-wlm-plugins (HDF5, InfluxDB, IPMI, MySQL, ...: some 35 more packages)
  # serves nothing that this one-node check uses.
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    slurm-wlm munge >/dev/null
fi
slurm_version=$(dpkg-query -W -f='${Version}' slurm-wlm)

# MARK: - (b) MUNGE

key=/etc/munge/munge.key
if [[ ! -s $key ]]; then
  log "creating $key"
  mungekey --create --keyfile="$key"
fi
chown munge:munge "$key"
chmod 0400 "$key"

munge_works() { munge -n 2>/dev/null | unmunge >/dev/null 2>&1; }
if munge_works; then
  log "munged is already running"
else
  # The socket folder is made by systemd-tmpfiles on a booted system; not here.
  install -d -o munge -g munge -m 0755 /run/munge
  setpriv --reuid=munge --regid=munge --init-groups /usr/sbin/munged --foreground \
    </dev/null >>/var/log/munge/munged.out 2>&1 &
  started_names+=(munged)
  started_pids+=($!)
  wait_for 15 munge_works || fail "munged did not start; see /var/log/munge/munged.out"
  log "started munged (pid ${started_pids[-1]})"
fi

# MARK: - (c) slurm.conf

host=$(hostname -s)
# The first line of `slurmd -C` is this node's NodeName line: CPUs, sockets, cores, threads
# and RealMemory as slurmd will report them, so the node registers as valid.
node_line=$(slurmd -C | head -n 1)
[[ $node_line == "NodeName=$host "* ]] || fail "unexpected \`slurmd -C\` output: $node_line"

new_conf="$marker
# A one-node cluster for checking the job array of this folder: not a production setup.
ClusterName=fedchain-check
SlurmctldHost=$host
# Every daemon runs as root, for simplicity on a throw-away test machine; a real cluster runs
# slurmctld as an unprivileged SlurmUser (Debian's package creates the user slurm).
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
StateSaveLocation=/var/spool/slurmctld
SlurmdSpoolDir=/var/spool/slurmd
SlurmctldPidFile=/run/slurmctld.pid
SlurmdPidFile=/run/slurmd.pid
SlurmctldLogFile=/var/log/slurm/slurmctld.log
SlurmdLogFile=/var/log/slurm/slurmd.log
# Plain process tracking, no task binding: no cgroups needed (none without systemd here).
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
MpiDefault=none
# The default, /bin/mail, comes with none of these packages; without it slurmctld logs an error.
MailProg=/bin/true
# No accounting: no slurmdbd, no database; sacct has nothing to show.
AccountingStorageType=accounting_storage/none
JobAcctGatherType=jobacct_gather/none
JobCompType=jobcomp/none
# A node left DOWN by an earlier run of this script comes back when its slurmd registers.
ReturnToService=2
# Keep finished jobs in slurmctld's memory long enough for \`scontrol show job\`.
MinJobAge=900
$node_line State=UNKNOWN
PartitionName=debug Nodes=$host Default=YES MaxTime=INFINITE State=UP"

if [[ -e $conf ]] && ! grep -qxF "$marker" "$conf"; then
  fail "$conf exists and was not written by this script; move it away to use this check"
fi
if [[ -e $conf ]] && [[ $(cat "$conf") == "$new_conf" ]]; then
  log "$conf is up to date"
else
  mkdir -p /etc/slurm
  printf '%s\n' "$new_conf" >"$conf"
  log "wrote $conf"
fi
mkdir -p /var/spool/slurmctld /var/spool/slurmd /var/log/slurm

# MARK: - (d) slurmctld and slurmd

controller_up() { scontrol ping 2>/dev/null | grep -q 'is UP'; }
node_idle() { [[ $(sinfo -h -N -n "$host" -o %t 2>/dev/null) == idle ]]; }

if controller_up; then
  log "slurmctld is already running"
else
  # -D: stay in the foreground (no systemd here), so that $! is the daemon itself.
  slurmctld -D </dev/null >>/var/log/slurm/slurmctld.out 2>&1 &
  started_names+=(slurmctld)
  started_pids+=($!)
  wait_for 30 controller_up || fail "slurmctld did not come up; see /var/log/slurm/slurmctld.log"
  log "started slurmctld (pid ${started_pids[-1]})"
fi
if pgrep -x slurmd >/dev/null; then
  log "slurmd is already running"
else
  slurmd -D </dev/null >>/var/log/slurm/slurmd.out 2>&1 &
  started_names+=(slurmd)
  started_pids+=($!)
  log "started slurmd (pid ${started_pids[-1]})"
fi
wait_for 60 node_idle ||
  fail "node $host is not idle: $(sinfo -h -N -o '%N %t %E' 2>&1); see /var/log/slurm/"
log "node $host is idle: $(sinfo -h -o '%P %D node(s), %c CPUs, %m MB')"

# MARK: - (e) fedchain

if [[ -n ${FEDCHAIN:-} ]]; then
  fedchain=$(command -v "$FEDCHAIN") || fail "FEDCHAIN=$FEDCHAIN is not an executable"
else
  scratch=${BUILD_DIR:-$repo/.build}
  log "building fedchain (release) in $scratch"
  build_log=$(mktemp)
  if ! swift build -c release --product fedchain --package-path "$repo" \
    --scratch-path "$scratch" >"$build_log" 2>&1; then
    tail -n 30 "$build_log"
    rm -f "$build_log"
    fail "the build failed"
  fi
  rm -f "$build_log"
  fedchain=$(swift build -c release --package-path "$repo" --scratch-path "$scratch" \
    --show-bin-path)/fedchain
fi
fedchain=$(realpath "$fedchain")
log "fedchain: $fedchain ($("$fedchain" --version))"

# MARK: - (f) The sweep through Slurm

work=$(mktemp -d /tmp/fedchain-slurm-check.XXXXXX)
sweep=$here/small-sweep.json
slurm_out=$work/slurm
local_out=$work/local
cd "$work" # submit.sh's jobs write their logs into the folder it is run from

log "submitting $sweep in 2 shards"
submitted=$(FEDCHAIN=$fedchain "$here/submit.sh" "$sweep" "$slurm_out" 2)
indent <<<"$submitted"
array_id=$(awk '$1 == "array" { sub(":", "", $3); print $3 }' <<<"$submitted")
collect_id=$(awk '$1 == "collect" { sub(":", "", $3); print $3 }' <<<"$submitted")
[[ $array_id =~ ^[0-9]+$ && $collect_id =~ ^[0-9]+$ ]] ||
  fail "could not read the job ids from submit.sh's output"
job_ids=("$array_id" "$collect_id")

slurm_start=$SECONDS
last_queue=""
queue_empty() {
  local queue
  queue=$(squeue -h -j "$array_id,$collect_id" -o '%i %t %r' 2>/dev/null | paste -sd ',' -)
  if [[ $queue != "$last_queue" && -n $queue ]]; then
    log "squeue: ${queue//,/; }"
  fi
  last_queue=$queue
  [[ -z $queue ]]
}
wait_for "$job_timeout" queue_empty || fail "the jobs did not finish in ${job_timeout} s"
slurm_seconds=$((SECONDS - slurm_start))

# One line per job (per array task): JobId, ArrayTaskId, JobState, ExitCode, NodeList.
job_states() {
  scontrol -o show job "$1" | tr ' ' '\n' |
    awk -F= '$1 == "ArrayTaskId" || $1 == "JobState" || $1 == "ExitCode" || $1 == "NodeList" {
      printf "%s=%s ", $1, $2 } $1 == "NodeList" { print "" }'
}
array_states=$(job_states "$array_id")
collect_states=$(job_states "$collect_id")

# MARK: - (g) The same sweep locally, serially

log "running the same sweep locally with --jobs 1"
local_start=$SECONDS
local_status=0
"$fedchain" sweep "$sweep" --out "$local_out" --jobs 1 --quiet || local_status=$?
local_seconds=$((SECONDS - local_start))

problems=()
[[ $(grep -c 'JobState=COMPLETED ExitCode=0:0' <<<"$array_states") == 2 ]] ||
  problems+=("an array task did not complete with exit 0")
[[ $collect_states == *'JobState=COMPLETED ExitCode=0:0'* ]] ||
  problems+=("the collect job did not complete with exit 0")
[[ $local_status == 0 || $local_status == 3 ]] ||
  problems+=("the local sweep exited $local_status")
for file in sweep.csv sweep-stats.csv; do
  if [[ ! -f $slurm_out/$file || ! -f $local_out/$file ]]; then
    problems+=("$file is missing")
  elif ! cmp -s "$slurm_out/$file" "$local_out/$file"; then
    problems+=("$file differs")
  fi
done
# Hidden files are the folders' lock files (.sweep.lock, a run's lock): not outputs.
diff_out=$work/diff.txt
if ! diff -r --exclude='.*' "$slurm_out" "$local_out" >"$diff_out" 2>&1; then
  problems+=("the folders differ ($(wc -l <"$diff_out") line(s) of diff -r)")
fi
run_folders=0
compared=0
if [[ -d $slurm_out/points ]]; then
  run_folders=$(find "$slurm_out/points" -mindepth 2 -maxdepth 2 -type d | wc -l)
  compared=$(find "$slurm_out" -type f ! -name '.*' | wc -l)
fi

# MARK: - (h) Summary

echo
echo "==== summary"
echo "slurm-wlm $slurm_version; node: $node_line"
echo "array job $array_id (2 shards), $slurm_seconds s from submission to the end of collect:"
indent <<<"$array_states"
echo "collect job $collect_id:"
indent <<<"$collect_states"
for job_log in "$work"/*.out; do
  echo "log $(basename "$job_log"):"
  indent <"$job_log"
done
echo "local serial sweep: exit $local_status, $local_seconds s"
echo "compared byte for byte (diff -r, hidden lock files excluded): $compared files, $run_folders run folders, sweep.csv, sweep-stats.csv"
if ((${#problems[@]})); then
  for problem in "${problems[@]}"; do echo "problem: $problem"; done
  head -n 20 "$diff_out"
  echo "slurmctld.log, last lines:"
  tail -n 5 /var/log/slurm/slurmctld.log 2>/dev/null | indent
  echo "FAIL ($((SECONDS - start)) s in all)"
  exit 1
fi
verdict=PASS
echo "PASS ($((SECONDS - start)) s in all)"
