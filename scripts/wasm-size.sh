#!/usr/bin/env bash
# Measures the optimised wasm alone, the way the release build makes it
# (cargo's release build, linked by scripts/wasm-link.sh as scripts/build.sh
# links it, wasm-bindgen, then wasm-opt as scripts/post-build.mjs runs it),
# and prints its raw and brotli sizes.
# Quicker than a whole `trunk build`, for comparing one change against
# another; BENCHMARKS.md says which figures come from it.

set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
trellis_setup bench

out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

trellis_release cargo build --release --target wasm32-unknown-unknown --bin trellis --quiet
wasm-bindgen --target web --out-dir "$out" "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/release/trellis.wasm"
node scripts/post-build.mjs --wasm "$out/trellis_bg.wasm"
echo "wasm: $(wc -c <"$out/trellis_bg.wasm") B raw, $(brotli -q 11 -c "$out/trellis_bg.wasm" | wc -c) B brotli"
