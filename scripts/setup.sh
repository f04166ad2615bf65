#!/usr/bin/env bash
# Installs whatever Trellis needs to build and test that is not there yet, then
# sets PATH for the build. Safe to run again: it is fast when all is installed.
# Run it (`scripts/setup.sh`) or source it (`source scripts/setup.sh`): when
# sourced it leaves the caller in the repository root with PATH exported.
# Needs only package registries: crates.io, npm, Debian apt and rustup's
# (for the wasm target and the standard library's source).

set -euo pipefail

TRELLIS_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$TRELLIS_ROOT"

# node_modules/.bin must come first so the npm wasm-opt (binaryen 132) wins
# over any other wasm-opt; Debian's binaryen 108 builds modules that fail.
export PATH="$PWD/node_modules/.bin:$HOME/.cargo/bin:$PATH"
export TRUNK_SKIP_VERSION_CHECK=true
export CHROMEDRIVER_SKIP_DOWNLOAD=true

TRUNK_VERSION="0.21.14"
LEPTOSFMT_VERSION="0.1.33"

setup_log() {
    printf 'setup: %s\n' "$*"
}

setup_as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    else
        sudo "$@"
    fi
}

setup_rust() {
    if ! command -v rustup >/dev/null 2>&1 || ! command -v cargo >/dev/null 2>&1; then
        echo "setup: rustup and cargo are required (see https://rustup.rs); they were not found on PATH" >&2
        return 1
    fi
    local targets
    targets="$(rustup target list --installed)"
    if ! grep -qx 'wasm32-unknown-unknown' <<<"$targets"; then
        setup_log "adding Rust target wasm32-unknown-unknown"
        rustup target add wasm32-unknown-unknown
    fi
    local installed component
    installed="$(rustup component list --installed)"
    for component in rustfmt clippy rust-src; do
        if ! grep -q "^${component}" <<<"$installed"; then
            setup_log "adding Rust component $component"
            rustup component add "$component"
        fi
    done
}

setup_apt() {
    local wanted=(chromium chromium-driver brotli poppler-utils)
    if ! command -v npm >/dev/null 2>&1; then
        wanted+=(nodejs npm)
    fi
    local missing=() package status
    for package in "${wanted[@]}"; do
        status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
        if [ "$status" != "install ok installed" ]; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        setup_log "installing Debian packages: ${missing[*]}"
        setup_as_root apt-get update
        setup_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
    fi
}

setup_npm() {
    if [ ! -d node_modules ] || [ package-lock.json -nt node_modules ]; then
        setup_log "installing npm devDependencies (npm ci)"
        npm ci --no-audit --no-fund
        touch node_modules
    fi
}

# The version a tool prints, e.g. "trunk 0.21.14" -> "0.21.14"; empty if absent.
setup_tool_version() {
    if command -v "$1" >/dev/null 2>&1; then
        "$1" --version 2>/dev/null | awk 'NR == 1 { print $2 }'
    fi
}

# The version of a package as locked in Cargo.lock.
setup_locked_version() {
    awk -v name="$1" '
        $0 == "name = \"" name "\"" { found = 1; next }
        found && /^version = / { gsub(/"/, "", $3); print $3; exit }
    ' Cargo.lock
}

setup_cargo_tools() {
    if [ "$(setup_tool_version trunk)" != "$TRUNK_VERSION" ]; then
        setup_log "installing trunk $TRUNK_VERSION (takes several minutes)"
        cargo install trunk --locked --version "$TRUNK_VERSION"
    fi

    local bindgen_version
    bindgen_version="$(setup_locked_version wasm-bindgen)"
    if [ -z "$bindgen_version" ]; then
        echo "setup: wasm-bindgen not found in Cargo.lock" >&2
        return 1
    fi
    # Without --locked: the CLI's own lockfile asks for a crate version the
    # registry lacks.
    if [ "$(setup_tool_version wasm-bindgen)" != "$bindgen_version" ] ||
        [ "$(setup_tool_version wasm-bindgen-test-runner)" != "$bindgen_version" ]; then
        setup_log "installing wasm-bindgen-cli $bindgen_version (takes a few minutes)"
        cargo install wasm-bindgen-cli --version "$bindgen_version"
    fi

    if [ "$(setup_tool_version leptosfmt)" != "$LEPTOSFMT_VERSION" ]; then
        setup_log "installing leptosfmt $LEPTOSFMT_VERSION"
        cargo install leptosfmt --locked --version "$LEPTOSFMT_VERSION"
    fi
}

# Runs a command that builds the release wasm (`trunk build --release`,
# `cargo build --release --target wasm32-unknown-unknown`) with the standard
# library rebuilt from source for size: its optimize_for_size code, and
# panics that stop at once instead of formatting a message no one sees
# (wasm has no stderr), so no panic message, source path or Debug code
# ships; `{:?}` writes nothing in that build. These are unstable Cargo and
# rustc options, allowed on stable Rust (1.95 here) by RUSTC_BOOTSTRAP.
# Measured: the release dist is 16 KB brotli smaller (see BENCHMARKS.md).
trellis_release() {
    RUSTC_BOOTSTRAP=1 \
        CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none" \
        "$@"
}

setup_rust
setup_apt
setup_npm
setup_cargo_tools
# Builds run with --offline, so every crate must be in the local cache first:
# the app's, and those of the standard library that trellis_release builds.
cargo fetch --locked --quiet
RUSTC_BOOTSTRAP=1 cargo fetch --locked --quiet \
    --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
