#!/usr/bin/env bash
# Installs what building and testing nianbao needs, and nothing that is already there.
#
# Idempotent and fast when everything is present (~0.1 s: only cheap checks run).
# Works as root on a fresh Debian 12 machine with Rust (rustup), Node and apt, reaching
# only the package registries; see ../shared/docs/toolchain.md for why each pin exists:
#   - wasm32-unknown-unknown target           (rustup)
#   - wasm-pack 0.15.1                        (cargo install --locked; npm's needs GitHub)
#   - wasm-bindgen-cli 0.2.130                (cargo install, NOT --locked; must equal
#                                              Cargo.lock's wasm-bindgen or wasm-pack
#                                              starts its own install)
#   - chromium, chromium-driver, fonts-wqy-microhei   (apt; headless tests, CJK glyphs)
#   - node_modules from package-lock.json     (npm ci, when missing or stale)
set -euo pipefail

cd "$(dirname "$0")/.."

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130
APT_PACKAGES=(chromium chromium-driver fonts-wqy-microhei)

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'setup: %s\n' "$*" >&2; }

# --- Rust target --------------------------------------------------------------
# Looking for the target's directory in the sysroot is much faster than asking rustup.
sysroot="$(rustc --print sysroot)"
if [[ ! -d "$sysroot/lib/rustlib/wasm32-unknown-unknown" ]]; then
    say "adding Rust target wasm32-unknown-unknown"
    rustup target add wasm32-unknown-unknown >&2
fi

# --- Debian packages ----------------------------------------------------------
missing=()
# The cargo installs below compile C (ring, zstd): an image without a C compiler gets one.
if ! command -v cc >/dev/null 2>&1; then
    APT_PACKAGES+=(gcc libc6-dev)
fi
for pkg in "${APT_PACKAGES[@]}"; do
    status="$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)"
    if [[ "$status" != "install ok installed" ]]; then
        missing+=("$pkg")
    fi
done
if ((${#missing[@]})); then
    sudo=()
    if [[ "$(id -u)" != 0 ]]; then
        sudo=(sudo -n)
    fi
    say "installing Debian packages: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update >&2
    "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
fi

# --- cargo-installed tools ----------------------------------------------------
# `tool --version` prints e.g. "wasm-pack 0.15.1"; anything else (absent, other version)
# means install. The installs build in cargo's own temporary directories, not target/.
tool_version() { "$1" --version 2>/dev/null | awk '{print $2}' || true; }

if [[ "$(tool_version wasm-pack)" != "$WASM_PACK_VERSION" ]]; then
    say "installing wasm-pack $WASM_PACK_VERSION (cargo install, ~1.5 min)"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force >&2
fi

if [[ "$(tool_version wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ]]; then
    # Without --locked: the published lock file of 0.2.130 does not resolve.
    say "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install, ~2.5 min)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >&2
fi

# --- npm packages -------------------------------------------------------------
# node_modules is current when it was installed from exactly this lock file; the stamp
# holds the lock file's hash (mtimes change with every fresh clone, hashes do not).
if [[ -f package-lock.json ]]; then
    stamp=node_modules/.nianbao-setup-stamp
    want="$(sha256sum package-lock.json | awk '{print $1}')"
    have="$(cat "$stamp" 2>/dev/null || true)"
    if [[ ! -d node_modules || "$want" != "$have" ]]; then
        say "installing npm packages (npm ci)"
        npm ci --no-audit --no-fund >&2
        printf '%s\n' "$want" >"$stamp"
    fi
fi

say "ready"
