#!/usr/bin/env bash
# Accuracy runs on MNIST (issue #3 §5): McMahan et al.'s 2NN and CNN, IID, K = 100, C = 0.1.
# Runs each scenario in release, then prints the first round at which the test accuracy reached the
# paper's target (97% for the 2NN, 99% for the CNN), the simulated time to it, and the wall time.
# Needs MNIST beside the checkout (../shared/data/mnist). The CNN run takes tens of minutes on 2 cores.
# Usage: analysis/mnist-accuracy.sh [2nn|cnn|both]   (default both)
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-both}
swift build -c release --product fedchain
run() {  # name target
  local name=$1 target=$2 out=traces/$1
  local start end
  start=$(date +%s)
  .build/release/fedchain run "scenarios/$name.json" --out "$out" --quiet
  end=$(date +%s)
  python3 analysis/first-round-at.py "$out/rounds.csv" "$target" "$name" "$((end - start))"
}
case $which in
  2nn) run mnist-2nn 0.97 ;;
  cnn) run mnist-cnn 0.99 ;;
  both) run mnist-2nn 0.97; run mnist-cnn 0.99 ;;
  *) echo "usage: $0 [2nn|cnn|both]" >&2; exit 64 ;;
esac
