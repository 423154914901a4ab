#!/usr/bin/env bash
# Builds dist/widget/: the <nianbao-report> widget as a folder a portal team copies as is
# (the module, the renderers it imports, pkg/ wasm + glue of one build, README.txt).
#   bash scripts/build-widget.sh             # build the wasm (scripts/build-web.sh), then copy
#   bash scripts/build-widget.sh --no-build  # copy the www/pkg already built
set -euo pipefail
cd "$(dirname "$0")/.."
if [[ "${1:-}" != --no-build ]]; then
    bash scripts/build-web.sh
fi
exec node scripts/build-widget.mjs
