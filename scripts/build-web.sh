#!/usr/bin/env bash
# Builds the page's WebAssembly with the settings of wasm-pack.toml: the main module into
# www/pkg, and the PDF module (the same crate with the `pdf` feature, loaded by the page
# only when a PDF arrives, so the main page stays within its size budget) into
# www/pkg-pdf ([pdf] out-dir / out-name / features).
#   bash scripts/build-web.sh          # build both as configured
#   bash scripts/build-web.sh --print  # print the wasm-pack commands and exit
# Expects the tools of scripts/setup.sh (wasm-pack, wasm-bindgen-cli, the wasm32 target).
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# toml_get SECTION KEY: the value of `KEY = value` in [SECTION] of wasm-pack.toml, quotes
# and trailing comments removed. Fails when the key is absent: no silent defaults.
toml_get() {
    local v
    v="$(awk -v sec="[$1]" -v key="$2" '
        /^[[:space:]]*\[/ { cur = $0; gsub(/[[:space:]]/, "", cur); next }
        cur == sec {
            line = $0; sub(/#.*/, "", line)
            split(line, kv, "=")
            k = kv[1]; gsub(/[[:space:]]/, "", k)
            if (k == key) { v = substr(line, index(line, "=") + 1); gsub(/^[[:space:]]+|[[:space:]]+$/, "", v); gsub(/"/, "", v); print v; exit }
        }' wasm-pack.toml)"
    if [[ -z "$v" ]]; then
        echo "build-web: wasm-pack.toml has no '$2' in [$1]" >&2
        exit 1
    fi
    printf '%s' "$v"
}

target="$(toml_get build target)"
out_dir="$(toml_get build out-dir)"
out_name="$(toml_get build out-name)"
profile="$(toml_get build profile)"
no_default="$(toml_get build no-default-features)"
install="$(toml_get build install)"
typescript="$(toml_get build typescript)"
# The release profile is tuned for the native CLI; the wasm gets its own opt-level.
CARGO_PROFILE_RELEASE_OPT_LEVEL="$(toml_get build opt-level)"
export CARGO_PROFILE_RELEASE_OPT_LEVEL

args=(build --target "$target" --out-dir "$out_dir" --out-name "$out_name")
case "$profile" in
    release | dev | profiling) args+=("--$profile") ;;
    *) args+=(--profile "$profile") ;;
esac
[[ "$install" == never ]] && args+=(--mode no-install)
[[ "$typescript" == false ]] && args+=(--no-typescript)
args+=(--no-pack .)
[[ "$no_default" == true ]] && args+=(--no-default-features)

# The PDF module: the same flags, its own output, plus the pdf feature.
pdf_out_dir="$(toml_get pdf out-dir)"
pdf_out_name="$(toml_get pdf out-name)"
pdf_features="$(toml_get pdf features)"
pdf_args=()
for a in "${args[@]}"; do pdf_args+=("$a"); done
for i in "${!pdf_args[@]}"; do
    case "${pdf_args[$i]}" in
        --out-dir) pdf_args[i + 1]="$pdf_out_dir" ;;
        --out-name) pdf_args[i + 1]="$pdf_out_name" ;;
    esac
done
pdf_args+=(--features "$pdf_features")

if [[ "${1:-}" == --print ]]; then
    echo "CARGO_PROFILE_RELEASE_OPT_LEVEL=$CARGO_PROFILE_RELEASE_OPT_LEVEL"
    echo "wasm-pack ${args[*]}"
    echo "wasm-pack ${pdf_args[*]}"
    exit 0
fi

echo "build-web: wasm-pack ${args[*]}" >&2
wasm-pack "${args[@]}" >&2
echo "build-web: wasm-pack ${pdf_args[*]}" >&2
wasm-pack "${pdf_args[@]}" >&2
ls -l "$out_dir"/*.wasm "$out_dir"/*.js "$pdf_out_dir"/*.wasm "$pdf_out_dir"/*.js >&2
