#!/usr/bin/env bash
# Bundles the CodeMirror 6 modules the source view uses (scripts/editor-entry.mjs) into one
# ES module, www/vendor/codemirror.js, which is committed: serving the page needs no npm.
# Run after changing the entry or the pinned versions in package.json (needs `npm ci`).
set -euo pipefail
cd "$(dirname "$0")/.."
out=www/vendor/codemirror.js
{
    echo "// CodeMirror 6 (MIT, https://codemirror.net): $(node -p "['state','view','commands'].map(p => '@codemirror/' + p + ' ' + require('./node_modules/@codemirror/' + p + '/package.json').version).join(', ')")."
    echo "// Bundled by scripts/vendor-editor.sh from scripts/editor-entry.mjs; do not edit."
    node_modules/.bin/esbuild scripts/editor-entry.mjs --bundle --format=esm --minify --legal-comments=none --target=es2020
} >"$out.tmp"
mv "$out.tmp" "$out"
printf 'vendor-editor: %s: %s bytes, %s gzipped\n' "$out" "$(wc -c <"$out")" "$(gzip -9c "$out" | wc -c)" >&2
