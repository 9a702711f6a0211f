#!/usr/bin/env bash
# Checks `fedchain report` in a real browser, headless: builds fedchain (release), runs the
# default scenario (the paired PoA run), writes its report.html, then opens the page from disk
# in Debian's chromium (installed with apt-get when missing) and checks that
#   - the page renders: the DOM chromium dumps holds every figure of a paired run
#     (fig-accuracy, fig-phases, fig-traffic, fig-updates, fig-blocks) and as many <svg>
#     charts as the file;
#   - the console stays empty: the page has no script, so any console line (a Content Security
#     Policy violation from a load attempt, an error) is a failure;
# and takes a 1280 x 2400 screenshot into docs/figures/report.png for the README.
#
# Usage: analysis/check-report.sh            (from anywhere in the repository)
#   FEDCHAIN_SCRATCH_PATH=DIR  build in DIR instead of .build (swift build --scratch-path)
#   CHROMIUM=PATH              the browser to use (default: chromium, then chromium-browser)
# Prints PASS, or one FAIL line naming what failed (exit 1). Needs no network once chromium is
# installed; the browser runs with a throw-away profile and every host name unresolvable.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
scratch=${FEDCHAIN_SCRATCH_PATH:-$root/.build}
work=$(mktemp -d "${TMPDIR:-/tmp}/fedchain-check-report.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*"
  exit 1
}

# The browser: installed from Debian's archive when missing (root, or sudo without a password).
browser=${CHROMIUM:-$(command -v chromium || command -v chromium-browser || true)}
if [[ -z "$browser" ]]; then
  install=(apt-get install -y -q chromium)
  if [[ $(id -u) -ne 0 ]]; then install=(sudo -n "${install[@]}"); fi
  DEBIAN_FRONTEND=noninteractive "${install[@]}" >"$work/apt.log" 2>&1 \
    || fail "chromium is missing and \`${install[*]}\` failed (log: $(tail -n 1 "$work/apt.log"))"
  browser=$(command -v chromium) || fail "chromium is still missing after apt-get install"
fi

(cd "$root" && swift build -c release --scratch-path "$scratch" --product fedchain) \
  >"$work/build.log" 2>&1 || fail "swift build failed: $(grep -m 1 'error:' "$work/build.log" || tail -n 1 "$work/build.log")"
fedchain=$(cd "$root" && swift build -c release --scratch-path "$scratch" --show-bin-path)/fedchain

# Run from the scratch folder, so that the page (and the screenshot) names traces/default.
(cd "$work" && "$fedchain" --out traces/default --quiet) 2>"$work/run.log" \
  || fail "fedchain (default scenario) failed: $(head -n 1 "$work/run.log")"
(cd "$work" && "$fedchain" report traces/default --quiet) 2>"$work/report.log" \
  || fail "fedchain report failed: $(head -n 1 "$work/report.log")"
page=$work/traces/default/report.html

# Chromium without a sandbox (it runs as root in containers), a GPU, a first-run dialog, or a
# network: every host name maps to nothing, so a load attempt fails rather than reaching out.
chromium_flags=(
  --headless --no-sandbox --disable-gpu --no-first-run --no-default-browser-check
  --disable-background-networking --disable-component-update --disable-sync
  --host-resolver-rules="MAP * ~NOTFOUND" --user-data-dir="$work/profile"
  --enable-logging=stderr --v=0
)
timeout 120 "$browser" "${chromium_flags[@]}" --dump-dom "file://$page" \
  >"$work/dom.html" 2>"$work/dom.log" || fail "chromium --dump-dom failed (exit $?)"

for id in fig-accuracy fig-phases fig-traffic fig-updates fig-blocks; do
  grep -q "<figure id=\"$id\">" "$page" || fail "report.html has no figure $id"
  grep -q "<figure id=\"$id\">" "$work/dom.html" || fail "the rendered page has no figure $id"
done
in_file=$(grep -o '<svg ' "$page" | wc -l)
in_dom=$(grep -o '<svg ' "$work/dom.html" | wc -l)
[[ $in_file -gt 0 && $in_file -eq $in_dom ]] \
  || fail "report.html has $in_file <svg> charts, the rendered page $in_dom"
if grep -q ':CONSOLE' "$work/dom.log"; then
  fail "console message: $(grep -m 1 ':CONSOLE' "$work/dom.log" | cut -c 1-300)"
fi

mkdir -p "$root/docs/figures"
timeout 120 "$browser" "${chromium_flags[@]}" --hide-scrollbars --window-size=1280,2400 \
  --screenshot="$root/docs/figures/report.png" "file://$page" >/dev/null 2>"$work/shot.log" \
  || fail "chromium --screenshot failed (exit $?)"
[[ -s "$root/docs/figures/report.png" ]] || fail "no screenshot written"
if grep -q ':CONSOLE' "$work/shot.log"; then
  fail "console message: $(grep -m 1 ':CONSOLE' "$work/shot.log" | cut -c 1-300)"
fi

echo "PASS: $in_dom charts rendered in $(grep -o '<figure id=' "$work/dom.html" | wc -l) figures," \
  "no console messages; screenshot docs/figures/report.png"
