#!/usr/bin/env bash
# Regenerates tests/fixtures/docx/*.docx and expected.json from known cells, with
# python-docx (what real people's tooling writes) in a venv under target/.
#   bash scripts/make-docx-fixtures.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/docx-venv
if [[ ! -x "$venv/bin/python" ]]; then
    python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import docx' 2>/dev/null; then
    "$venv/bin/pip" install -q 'python-docx==1.1.2'
fi
cargo run -q --example docx_source > target/docx-source.json
"$venv/bin/python" scripts/make-docx-fixtures.py target/docx-source.json \
    ../shared/corpus/dev/seed-2020-linyi-police.txt tests/fixtures/docx
