#!/usr/bin/env bash
# Builds the libFuzzer target of fedchain-fuzz and fuzzes the scenario decoder and the GraphML
# importer for a given time. See fuzz/README.md.
#
#   fuzz/run.sh [SECONDS] [JOBS]      defaults: 600 seconds, 1 job
#
# Extra libFuzzer flags can be passed in FUZZ_FLAGS; FUZZ_SANITIZE picks the sanitizers
# (default `fuzzer,address`; `fuzzer` alone runs about twice as fast).
set -euo pipefail

seconds="${1:-600}"
jobs="${2:-1}"
sanitize="${FUZZ_SANITIZE:-fuzzer,address}"
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

# The fuzz build has its own scratch folder: its flags differ from the normal build's, and
# sharing `.build` would rebuild everything twice.
swift build -c release --scratch-path .build-fuzz --product fedchain-fuzz \
  -Xswiftc "-sanitize=$sanitize" -Xswiftc -D -Xswiftc FUZZING
binary="$root/.build-fuzz/release/fedchain-fuzz"

work="$root/fuzz/work"
findings="$work/findings"
mkdir -p "$work/corpus" "$findings"

# Swift's own crash backtracer would race libFuzzer's and the sanitizer's signal handlers.
export SWIFT_BACKTRACE=enable=no
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"

# Fork mode keeps going after a crash, timeout or out-of-memory, saving each reproducer in
# $findings; new corpus entries go to the first corpus folder, $work/corpus.
status=0
"$binary" \
  -fork="$jobs" -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
  -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=16384 \
  -detect_leaks=0 -print_final_stats=1 \
  -dict="$root/fuzz/scenario.dict" -artifact_prefix="$findings/" \
  ${FUZZ_FLAGS:-} \
  "$work/corpus" "$root/fuzz/corpus/scenario" "$root/fuzz/corpus/graphml" || status=$?

count=$(find "$findings" -type f | wc -l)
echo "fuzz/run.sh: libFuzzer exited with $status; $count reproducer(s) in $findings"
# Newest first; replay one with `swift run fedchain-fuzz replay FILE` (fuzz/README.md).
ls -t "$findings" | head -50 | sed "s|^|  $findings/|"
[ "$count" -eq 0 ]
