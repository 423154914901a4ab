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
#
#   bash scripts/setup.sh           everything (tests: the above)
#   bash scripts/setup.sh --serve   only what building and serving the page needs: the
#                                   target, wasm-pack, wasm-bindgen-cli (no Chromium,
#                                   ChromeDriver, fonts or npm: the page's editor is
#                                   vendored in www/vendor/)
#
# A first run on a fresh 2-core machine takes about 4.5 min when the machine is idle and
# up to ~20 min when it is busy, almost all of it compiling wasm-pack and
# wasm-bindgen-cli; each step says what it does, roughly how long it takes, and how long
# it took.
set -euo pipefail

cd "$(dirname "$0")/.."

# A UTF-8 locale for everything started from here, when the environment sets none.
if [[ -z "${LC_ALL:-}${LANG:-}" ]]; then
    export LANG=C.UTF-8
fi

only_serve=0
if [[ "${1:-}" == --serve ]]; then
    only_serve=1
fi

WASM_PACK_VERSION=0.15.1
WASM_BINDGEN_VERSION=0.2.130
APT_PACKAGES=(chromium chromium-driver fonts-wqy-microhei)

export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

say() { printf 'setup: %s\n' "$*" >&2; }
setup_start=$SECONDS
step_start=0
begin() {
    step_start=$SECONDS
    say "$*"
}
done_step() { say "  done in $((SECONDS - step_start)) s"; }

# --- Rust target --------------------------------------------------------------
# Looking for the target's directory in the sysroot is much faster than asking rustup.
sysroot="$(rustc --print sysroot)"
if [[ ! -d "$sysroot/lib/rustlib/wasm32-unknown-unknown" ]]; then
    begin "adding Rust target wasm32-unknown-unknown (rustup, ~20 s)"
    rustup target add wasm32-unknown-unknown >&2
    done_step
fi

# --- Debian packages ----------------------------------------------------------
missing=()
if ((only_serve)); then
    APT_PACKAGES=()
fi
# The cargo installs below compile C (ring, zstd): an image without a C compiler gets one.
if ! command -v cc >/dev/null 2>&1; then
    APT_PACKAGES+=(gcc libc6-dev)
fi
for pkg in "${APT_PACKAGES[@]+"${APT_PACKAGES[@]}"}"; do
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
    begin "installing Debian packages: ${missing[*]} (apt, ~1 min)"
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]+"${sudo[@]}"}" apt-get update >&2
    "${sudo[@]+"${sudo[@]}"}" apt-get install -y --no-install-recommends "${missing[@]}" >&2
    done_step
fi

# --- cargo-installed tools ----------------------------------------------------
# `tool --version` prints e.g. "wasm-pack 0.15.1"; anything else (absent, other version)
# means install. The installs build in cargo's own temporary directories, not target/.
tool_version() { "$1" --version 2>/dev/null | awk '{print $2}' || true; }

if [[ "$(tool_version wasm-pack)" != "$WASM_PACK_VERSION" ]]; then
    begin "installing wasm-pack $WASM_PACK_VERSION (cargo install: compiling, ~1.5 min on an idle 2-core machine, several times that when busy)"
    cargo install wasm-pack --version "$WASM_PACK_VERSION" --locked --force >&2
    done_step
fi

if [[ "$(tool_version wasm-bindgen)" != "$WASM_BINDGEN_VERSION" ]]; then
    # Without --locked: the published lock file of 0.2.130 does not resolve.
    begin "installing wasm-bindgen-cli $WASM_BINDGEN_VERSION (cargo install: compiling, ~2.5 min on an idle 2-core machine, several times that when busy)"
    cargo install wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION" --force >&2
    done_step
fi

# --- npm packages -------------------------------------------------------------
# node_modules is current when it was installed from exactly this lock file; the stamp
# holds the lock file's hash (mtimes change with every fresh clone, hashes do not).
if ((!only_serve)) && [[ -f package-lock.json ]]; then
    stamp=node_modules/.nianbao-setup-stamp
    want="$(sha256sum package-lock.json | awk '{print $1}')"
    have="$(cat "$stamp" 2>/dev/null || true)"
    if [[ ! -d node_modules || "$want" != "$have" ]]; then
        begin "installing npm packages (npm ci, ~10 s)"
        npm ci --no-audit --no-fund >&2
        done_step
        printf '%s\n' "$want" >"$stamp"
    fi
fi

say "ready ($((SECONDS - setup_start)) s)"
