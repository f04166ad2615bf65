#!/usr/bin/env bash
# The linker of the release wasm (trellis_release in setup.sh): Rust's own
# rust-lld, minus the exports of wasm-streams' classes. leptos always
# builds server_fn with wasm-streams, and its #[wasm_bindgen] classes
# (IntoUnderlyingSource, ...Sink, ...ByteSource) would be exported roots
# of the module. Nothing in Trellis uses them; left out at the link, their
# code, the futures they start and the function-table entries those need
# are never linked in. (Dropped after the link instead, the table entries
# would keep the code alive.)

set -euo pipefail

args=()
while [ "$#" -gt 0 ]; do
    if [ "$1" = --export ] && [[ "${2:-}" == *intounderlying* ]]; then
        shift 2
        continue
    fi
    args+=("$1")
    shift
done
host="$(rustc -vV | sed -n 's/^host: //p')"
exec "$(rustc --print sysroot)/lib/rustlib/$host/bin/rust-lld" "${args[@]}"
