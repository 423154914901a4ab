#!/usr/bin/env bash
# Builds and serves the page on http://127.0.0.1:${PORT:-8080}/ (everything runs in the
# browser; the server only hands out the files of www/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build-web.sh
exec node scripts/serve.mjs "${PORT:-8080}"
