#!/usr/bin/env bash
# Regenerates the README's figures, docs/figures/default-{accuracy,round-phases,traffic}.png:
# builds fedchain in release, runs the default scenario (blockchain FL paired with FedAvg) into
# a scratch folder, draws its figures with analysis/figures.py and copies three of them.
# Needs Swift and analysis/requirements.txt (python3 -m pip install -r analysis/requirements.txt).
# Arguments are passed to `swift build` (e.g. --scratch-path DIR).
# Usage: analysis/readme-figures.sh [SWIFT_BUILD_OPTION…]
set -euo pipefail
cd "$(dirname "$0")/.."

swift build -c release --product fedchain "$@"
fedchain="$(swift build -c release --show-bin-path "$@")/fedchain"
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
"$fedchain" --out "$scratch/default" --quiet
python3 analysis/figures.py "$scratch/default" --out "$scratch/figures"
mkdir -p docs/figures
for name in accuracy round-phases traffic; do
  cp "$scratch/figures/$name.png" "docs/figures/default-$name.png"
done
echo "wrote docs/figures/default-{accuracy,round-phases,traffic}.png"
