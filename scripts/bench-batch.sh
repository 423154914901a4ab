#!/usr/bin/env bash
# The CLI's batch benchmark (issue: the reviewer's desk): N generated reports (default
# 10,000; every shape, both formats, cross-year pairs, planted errors) written once by
# examples/synth_batch.rs into target/bench-batch/N/, then checked by the release CLI
# `nianbao check --csv DIR` (all cores), best of RUNS (default 3). Prints wall time,
# reports per second, CPU time (user + system), peak RSS and the load average before the
# run, so a number taken on a busy machine says so.
#   bash scripts/bench-batch.sh            # 10,000 reports, 3 runs
#   bash scripts/bench-batch.sh 1000 1     # N RUNS
# First run: ~1 min to build the release CLI and write the ~220 MB of reports.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
n="${1:-10000}"
runs="${2:-3}"
dir="target/bench-batch/$n"

cargo build --quiet --release --features cli,synth --bin nianbao --example synth_batch
if [[ ! -f "$dir/.complete" ]]; then
    rm -rf "$dir"
    mkdir -p "$dir"
    echo "bench-batch: writing $n reports to $dir" >&2
    target/release/examples/synth_batch "$dir" "$n" 7 >/dev/null
    touch "$dir/.complete"
fi
files=$(find "$dir" -type f ! -name '.*' | wc -l)
bytes=$(du -sb --exclude=.complete "$dir" | cut -f1)
echo "bench-batch: $files files ($((bytes / 1000000)) MB), $(nproc) cores, load before: $(cut -d' ' -f1-3 /proc/loadavg)"

best=""
for i in $(seq "$runs"); do
    log="$(mktemp)"
    # Exit status 1 (errors found: the planted ones) or 2 (the unreadable PDF) is expected.
    /usr/bin/time -f '%e %U %S %M' -o "$log" target/release/nianbao check --csv "$dir" >/dev/null 2>&1 || true
    read -r wall user sys rss < <(tail -n 1 "$log")
    rm -f "$log"
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { printf "%.2f", u + s }')
    rate=$(awk -v n="$files" -v w="$wall" 'BEGIN { printf "%.0f", n / (w > 0 ? w : 0.01) }')
    echo "  run $i: ${wall} s wall, $rate reports/s, ${cpu} s CPU, peak RSS $((rss / 1024)) MB, load $(cut -d' ' -f1 /proc/loadavg)"
    if [[ -z "$best" ]] || awk -v a="$wall" -v b="$best" 'BEGIN { exit !(a < b) }'; then
        best="$wall"
    fi
done
echo "bench-batch: best of $runs: $best s wall for $files files (goal: 10,000 reports in 5 s)"
