#!/usr/bin/env bash
# Builds and serves the page on http://127.0.0.1:${PORT:-8080}/ (everything runs in the
# browser; the server only hands out the files of www/). A first run on a fresh 2-core
# machine: ~3.5 min of set-up when idle (compiling wasm-pack and wasm-bindgen-cli), then
# ~1 min of build.
set -euo pipefail
cd "$(dirname "$0")/.."
# A UTF-8 locale for what this starts, when the environment sets none.
if [[ -z "${LC_ALL:-}${LANG:-}" ]]; then
    export LANG=C.UTF-8
fi
# Only what serving needs (the target, wasm-pack, wasm-bindgen-cli): the test tools
# (Chromium, fonts, npm) are not installed before the page is up.
bash scripts/setup.sh --serve
echo "serve: building the page's WebAssembly (~1 min the first time, seconds after)" >&2
bash scripts/build-web.sh
exec node scripts/serve.mjs "${PORT:-8080}"
