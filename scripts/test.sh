#!/usr/bin/env bash
# README command 2: every check Trellis must pass, stopping at the first
# failure: formatting, domain purity, lints, native tests, browser tests, the
# release build, its size budget, a build with a test-only panic switch and
# the end-to-end tests. Independent work runs side by side on the two cores
# (the tools still installing while the lints run, the panic-switch build
# beside the end-to-end tests), and the time of each step is printed at the
# end.

set -euo pipefail

# shellcheck source=scripts/setup.sh
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"

TOTAL_STEPS=13
STEP_NUMBER=0
CURRENT_STEP=""
STEP_STARTED=$SECONDS
STEP_TIMES=()

# Ends the step under way, keeping its time.
step_done() {
    if [ -n "$CURRENT_STEP" ]; then
        STEP_TIMES+=("$(printf '%6d s  [%d/%d] %s' $((SECONDS - STEP_STARTED)) "$STEP_NUMBER" "$TOTAL_STEPS" "$CURRENT_STEP")")
        CURRENT_STEP=""
    fi
}

step() {
    step_done
    STEP_NUMBER=$((STEP_NUMBER + 1))
    CURRENT_STEP="$1"
    STEP_STARTED=$SECONDS
    printf '\n==> [%d/%d] %s\n' "$STEP_NUMBER" "$TOTAL_STEPS" "$CURRENT_STEP"
}

print_step_times() {
    printf '\nTime per step (wall clock; work beside a step is not in its time):\n'
    printf '%s\n' "${STEP_TIMES[@]}"
    printf '%6d s  in all\n' "$SECONDS"
}

on_failure() {
    local failed="$CURRENT_STEP"
    step_done
    print_step_times
    printf '\nFAILED at step [%d/%d]: %s\n' "$STEP_NUMBER" "$TOTAL_STEPS" "$failed" >&2
}
trap on_failure ERR

check_domain_purity() {
    local paths=()
    [ -f src/domain.rs ] && paths+=(src/domain.rs)
    [ -d src/domain ] && paths+=(src/domain)
    if [ "${#paths[@]}" -eq 0 ]; then
        echo "no src/domain.rs or src/domain/ yet: nothing to check"
        return 0
    fi
    local hits
    hits="$(grep -rnE 'leptos|reactive_|web_sys|web-sys|js_sys|js-sys|gloo|wasm_bindgen|wasm-bindgen' "${paths[@]}" || true)"
    if [ -n "$hits" ]; then
        echo "The domain must stay pure Rust (no browser or UI crates), but it mentions:" >&2
        echo "$hits" >&2
        return 1
    fi
    echo "domain is free of leptos, reactive_ crates, web_sys, js_sys, gloo and wasm_bindgen"
}

# Every form saves through SaveButton, which cancels the browser's own
# submission (20-30 ms on a page of many labels: see BENCHMARKS.md); a
# submit button or submit handler of its own would bring that back.
check_forms_save_through_save_button() {
    local hits
    hits="$(grep -rnE 'type="submit"|on:submit' src/ui | grep -v 'src/ui/components/record_form.rs:.*type="submit"' |
        grep -v 'on:submit=|ev| ev.prevent_default()' || true)"
    if [ -n "$hits" ]; then
        echo "A form submits on its own instead of through SaveButton:" >&2
        echo "$hits" >&2
        return 1
    fi
    echo "every form saves through SaveButton"
}

check_leptosfmt() {
    if ! leptosfmt --check --quiet --config-file leptosfmt.toml src; then
        # --quiet hides the diff: run again to show it, without the file list.
        leptosfmt --check --config-file leptosfmt.toml src 2>&1 | grep -v '^✅' || true
        echo "Fix with: leptosfmt --config-file leptosfmt.toml src" >&2
        return 1
    fi
}

step "setup (installs what is missing; trunk and wasm-bindgen-cli go on beside the next steps)"
trellis_setup test

step "rustfmt (cargo fmt --all -- --check)"
cargo fmt --all -- --check

step "leptosfmt (view! macros, width 100)"
check_leptosfmt

step "domain purity and form rules"
check_domain_purity
check_forms_save_through_save_button

step "clippy for the host (whole workspace)"
cargo clippy --workspace --all-targets -- -D warnings

step "clippy for wasm32 (trellis)"
cargo clippy -p trellis --all-targets --target wasm32-unknown-unknown -- -D warnings

step "native tests"
cargo test --workspace --exclude trellis-e2e

step "browser tests (wasm-bindgen-test in headless Chromium)"
setup_wait wasm_bindgen
# Chromium leaves ~46 MB of profile per run in TMPDIR: keep it in target/ and
# empty it afterwards.
rm -rf target/tmp
mkdir -p target/tmp
CHROMEDRIVER=/usr/bin/chromedriver \
    TMPDIR="$PWD/target/tmp" \
    WASM_BINDGEN_TEST_TIMEOUT=300 \
    cargo test -p trellis --target wasm32-unknown-unknown
rm -rf target/tmp

step "release build (scripts/build.sh into dist/)"
setup_wait trunk
scripts/build.sh dist

step "size budget"
scripts/size.sh

# The error screen's tests need a build that can be made to panic; it is
# built beside the other end-to-end tests, which use dist/.
TRUNK_BUILD_FEATURES=panic-switch scripts/build.sh target/dist-panic >target/dist-panic.log 2>&1 &
PANIC_BUILD=$!
e2e_suites=(--lib)
for suite in tests/e2e/tests/*.rs; do
    suite="$(basename "$suite" .rs)"
    [ "$suite" = faults ] || e2e_suites+=(--test "$suite")
done

step "end-to-end tests against dist/ (the panic-switch build goes on beside them)"
# Two at a time: each test has its own server, ChromeDriver and Chromium
# profile, and most of a test's time is the browser waiting.
cargo test -p trellis-e2e "${e2e_suites[@]}" -- --test-threads=2

step "the build with the test-only panic switch (into target/dist-panic/)"
if ! wait "$PANIC_BUILD"; then
    cat target/dist-panic.log >&2
    false
fi

step "end-to-end tests of the error screen (against target/dist-panic/)"
cargo test -p trellis-e2e --test faults -- --test-threads=1

trap - ERR
step_done
print_step_times
printf '\nAll %d steps passed.\n' "$TOTAL_STEPS"
