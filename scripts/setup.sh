#!/usr/bin/env bash
# Installs whatever Trellis needs that is not there yet, then sets PATH for
# the build. Safe to run again: it is fast when all is installed. Run it
# (`scripts/setup.sh` installs everything) or source it and call
# `trellis_setup <need>` for what one command needs (see there): when
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

# Installs the Debian packages named that are not installed yet; output in
# target/setup/apt.log.
setup_debian() {
    local missing=() package status
    for package in "$@"; do
        status="$(dpkg-query -W -f='${Status}' "$package" 2>/dev/null || true)"
        if [ "$status" != "install ok installed" ]; then
            missing+=("$package")
        fi
    done
    if [ "${#missing[@]}" -gt 0 ]; then
        setup_log "installing Debian packages: ${missing[*]} (log in target/setup/apt.log)"
        if ! {
            setup_as_root apt-get update &&
                setup_as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y "${missing[@]}"
        } >>target/setup/apt.log 2>&1; then
            cat target/setup/apt.log >&2
            echo "setup: installing ${missing[*]} failed (log above)" >&2
            return 1
        fi
    fi
}

# The browser the tests and the benchmark drive, and what they use beside it.
setup_browser() {
    local packages=(chromium chromium-driver brotli)
    if [ "$1" = test ]; then
        packages+=(poppler-utils)
    fi
    setup_debian "${packages[@]}"
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

# `cargo install`s `crate` at `version` unless `tool --version` says it is
# there; its output goes to target/setup/<crate>.log.
setup_cargo_install() {
    local tool="$1" crate="$2" version="$3"
    shift 3
    if [ "$(setup_tool_version "$tool")" = "$version" ]; then
        return 0
    fi
    setup_log "installing $crate $version from crates.io (takes minutes; log in target/setup/$crate.log)"
    local started=$SECONDS
    if ! cargo install "$crate" --version "$version" "$@" >"target/setup/$crate.log" 2>&1; then
        cat "target/setup/$crate.log" >&2
        echo "setup: installing $crate $version failed (log above)" >&2
        return 1
    fi
    setup_log "installed $crate $version in $((SECONDS - started)) s"
}

setup_wasm_bindgen() {
    local bindgen_version
    bindgen_version="$(setup_locked_version wasm-bindgen)"
    if [ -z "$bindgen_version" ]; then
        echo "setup: wasm-bindgen not found in Cargo.lock" >&2
        return 1
    fi
    # Without --locked: the CLI's own lockfile asks for a crate version the
    # registry lacks. Both of its tools must be this version.
    if [ "$(setup_tool_version wasm-bindgen-test-runner)" != "$bindgen_version" ]; then
        setup_cargo_install wasm-bindgen-test-runner wasm-bindgen-cli "$bindgen_version" --force
    fi
    setup_cargo_install wasm-bindgen wasm-bindgen-cli "$bindgen_version" --force
}

# `setup_start <name> <command...>` runs the command in the background;
# `setup_wait <name>` waits for it.
declare -A SETUP_JOBS=()
setup_start() {
    local name="$1"
    shift
    "$@" &
    SETUP_JOBS[$name]=$!
}

# Waits for the background setup steps named (all of them without a name);
# fails if one did.
setup_wait() {
    local names=("$@") name failed=0
    [ "${#names[@]}" -gt 0 ] || names=("${!SETUP_JOBS[@]}")
    for name in "${names[@]}"; do
        [ -n "${SETUP_JOBS[$name]:-}" ] || continue
        wait "${SETUP_JOBS[$name]}" || failed=1
        unset "SETUP_JOBS[$name]"
    done
    return "$failed"
}

# Runs a command that builds the release wasm (`trunk build --release`,
# `cargo build --release --target wasm32-unknown-unknown`) with the standard
# library rebuilt from source for size: its optimize_for_size code, and
# panics that stop at once instead of formatting a message no one sees
# (wasm has no stderr), so no panic message, source path or Debug code
# ships; `{:?}` writes nothing in that build. These are unstable Cargo and
# rustc options, allowed on stable Rust (1.95 here) by RUSTC_BOOTSTRAP.
# Measured: the release dist is 16 KB brotli smaller (see BENCHMARKS.md).
# It links with scripts/wasm-link.sh, which leaves out wasm-streams'
# unused exports.
trellis_release() {
    RUSTC_BOOTSTRAP=1 \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/wasm-link.sh" \
        CARGO_UNSTABLE_BUILD_STD=std,panic_abort \
        CARGO_UNSTABLE_BUILD_STD_FEATURES=optimize_for_size \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS="-Zunstable-options -Cpanic=immediate-abort -Zfmt-debug=none" \
        "$@"
}

setup_fetch() {
    # Builds run with --offline, so every crate must be in the local cache
    # first: the app's, and those of the standard library trellis_release
    # builds.
    cargo fetch --locked --quiet
    RUSTC_BOOTSTRAP=1 cargo fetch --locked --quiet \
        --manifest-path "$(rustc --print sysroot)/lib/rustlib/src/rust/library/Cargo.toml"
}

# Installs what a command needs, the independent parts side by side (the
# downloads overlap the compiling, and the compilers fill both cores):
#   build  serving and building: Rust's wasm target and standard library
#          source, the npm build tools, trunk and wasm-bindgen-cli;
#   bench  build, plus Chromium, ChromeDriver and brotli from Debian;
#   test   bench, plus poppler-utils (the print tests) and leptosfmt.
# With `test`, trunk and wasm-bindgen-cli go on installing in the background:
# `setup_wait trunk` and `setup_wait wasm_bindgen` wait for them before the
# steps that use them.
trellis_setup() {
    local need="$1"
    mkdir -p target/setup
    setup_rust
    if ! command -v npm >/dev/null 2>&1; then
        setup_debian nodejs npm
    fi
    setup_start npm setup_npm
    setup_start fetch setup_fetch
    if [ "$need" != build ]; then
        setup_start browser setup_browser "$need"
    fi
    setup_start trunk setup_cargo_install trunk trunk "$TRUNK_VERSION" --locked
    setup_start wasm_bindgen setup_wasm_bindgen
    if [ "$need" = test ]; then
        setup_cargo_install leptosfmt leptosfmt "$LEPTOSFMT_VERSION" --locked
        setup_wait npm fetch browser
    else
        setup_wait
    fi
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
    trellis_setup test
    setup_wait
fi
