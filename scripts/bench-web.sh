#!/usr/bin/env bash
# The page benchmark (README numbers): builds www/pkg, then prints the gzipped size of the
# wasm + JS (budget 250 KB) and the input → findings + charts latency in Chromium (median
# of repeated runs) for the seed report and a large report; then the same for the
# <nianbao-report> widget (scripts/bench-widget.mjs): its gzipped size and the time from the
# element entering view to its charts drawn; then the batch view: 1,000 generated reports
# dropped at once (time to the finished summary, long tasks). The page part also prints the
# file-reader module's size and a .docx and a .pdf dropped on the page (first and warm).
#   node scripts/bench-web.mjs --files-only    only the Word and PDF drops (after build-web)
#   bash scripts/bench-web.sh [--runs N] [--batch N | --batch-only]
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ -z "${LC_ALL:-}${LANG:-}" ]]; then
    export LANG=C.UTF-8
fi
bash scripts/build-web.sh
node scripts/bench-web.mjs "$@"
exec node scripts/bench-widget.mjs "$@"
