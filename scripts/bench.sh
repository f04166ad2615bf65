#!/usr/bin/env bash
# The scale benchmark: builds the release (or takes DIST=<folder> of another
# build), serves it on 127.0.0.1 precompressed with brotli and gzip as a
# static host would, writes workbooks at 1x, 10x and 100x (printing their
# sizes), puts each into localStorage and drives headless Chromium; prints
# one markdown table (BENCHMARKS.md keeps the results). Then Lighthouse
# (scripts/lighthouse/, installed there on first use) scores the front page
# of a new visitor and the 10x pair's dashboard and Plan page, three runs
# each with brotli and with gzip, and prints a second table. It measures,
# it does not pass or fail on speed.
#
#   scripts/bench.sh                      # this worktree's release build
#   DIST=/work/wt-before/dist scripts/bench.sh
#   DIST=/work/wt-before/dist LIGHTHOUSE=only scripts/bench.sh
#
# Settings, all optional: RUNS (reloads per page at 1x,10x,100x; default
# 5,5,3), EDITS (timed edits of each kind; default 20), TIMEOUT (seconds a
# page may take before it is printed as "timeout"; default 180), SCALES
# (default 1,10,100), PROFILE (a folder: each kind of edit is CPU-profiled
# there, and its busiest functions printed; build with TRELLIS_WASM_NAMES=1
# for the wasm's function names), LIGHTHOUSE (1: the scale benchmark, then
# Lighthouse, the default; only: Lighthouse alone; 0: the scale benchmark
# alone), CHROME_PATH (the Chromium Lighthouse drives; default
# /usr/bin/chromium).

set -euo pipefail

source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
trellis_setup bench
# setup.sh leaves us in the repository root.

LIGHTHOUSE="${LIGHTHOUSE:-1}"
case "$LIGHTHOUSE" in
    1 | only | 0) ;;
    *)
        echo "bench: LIGHTHOUSE must be 1, only or 0, not '$LIGHTHOUSE'" >&2
        exit 1
        ;;
esac

# Lighthouse has a package.json of its own, so that `npm ci` of the build
# tools stays small; 12.8.2 is the last Lighthouse that runs on Node 20.
if [ "$LIGHTHOUSE" != 0 ]; then
    lighthouse_dir=scripts/lighthouse
    if [ ! -d "$lighthouse_dir/node_modules" ] ||
        [ "$lighthouse_dir/package-lock.json" -nt "$lighthouse_dir/node_modules" ]; then
        echo "bench: installing Lighthouse (npm ci in $lighthouse_dir)"
        PUPPETEER_SKIP_DOWNLOAD=true npm ci --no-audit --no-fund --prefix "$lighthouse_dir"
        touch "$lighthouse_dir/node_modules"
    fi
    export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
fi

BENCH="$PWD/target/bench"
DATA="$BENCH/data"
SITE="$BENCH/site"

if [ -z "${DIST:-}" ]; then
    scripts/build.sh dist
    DIST="$PWD/dist"
fi
DIST="$(cd "$DIST" && pwd)"
if [ ! -f "$DIST/index.html" ]; then
    echo "bench: $DIST/index.html not found" >&2
    exit 1
fi

echo "bench: writing the workbooks into $DATA"
TRELLIS_BENCH_DATA="$DATA" cargo test --release --offline --quiet --test scale_data \
    -- --ignored --nocapture write_the_benchmark_workbooks
for scale in 1x 10x 100x; do
    if [ -f "$DATA/$scale/workbook.json" ]; then
        printf 'bench: %-5s workbook.json %10s B   storage.json %10s B\n' "$scale" \
            "$(stat -c %s "$DATA/$scale/workbook.json")" "$(stat -c %s "$DATA/$scale/storage.json")"
    fi
done

echo "bench: serving a precompressed copy of $DIST from $SITE"
rm -rf "$SITE"
mkdir -p "$SITE"
cp -R "$DIST"/. "$SITE"/
# A blank page of the same origin to seed localStorage from, so no running
# app can save over the seeded keys.
printf '<!doctype html><html lang="en"><link rel="icon" href="data:,"><title>seed</title></html>\n' >"$SITE/seed.html"
find "$SITE" -type f \( -name '*.html' -o -name '*.js' -o -name '*.wasm' -o -name '*.css' \
    -o -name '*.svg' -o -name '*.json' -o -name '*.webmanifest' \) -print0 |
    while IFS= read -r -d '' file; do
        brotli -q 11 -k -f "$file"
        gzip -9 -k -f "$file"
    done
brotli_total=$(find "$SITE" -name '*.br' ! -name 'seed.html.br' -printf '%s\n' | awk '{ s += $1 } END { print s }')
echo "bench: the app is $brotli_total B brotli"

if [ "$LIGHTHOUSE" != only ]; then
    echo "bench: $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    TRELLIS_BENCH_SITE="$SITE" TRELLIS_BENCH_DATA="$DATA" \
        TRELLIS_BENCH_RUNS="${RUNS:-5,5,3}" TRELLIS_BENCH_EDITS="${EDITS:-20}" \
        TRELLIS_BENCH_TIMEOUT="${TIMEOUT:-180}" TRELLIS_BENCH_SCALES="${SCALES:-1,10,100}" \
        TRELLIS_BENCH_PROFILE="${PROFILE:-}" \
        cargo test -p trellis-e2e --release --offline --quiet --test scale \
        -- --ignored --nocapture --test-threads=1 scale_benchmark
    echo "bench: load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi

if [ "$LIGHTHOUSE" != 0 ]; then
    echo "bench: Lighthouse $(node -p 'require("./scripts/lighthouse/node_modules/lighthouse/package.json").version')," \
        "$("$CHROME_PATH" --version 2>/dev/null); $(nproc) cores; load before: $(cut -d' ' -f1-3 /proc/loadavg)"
    lighthouse_start=$SECONDS
    rm -rf "$BENCH/lighthouse"
    node scripts/lighthouse/run.mjs "$SITE" "$DATA/10x" "$BENCH/lighthouse"
    echo "bench: Lighthouse took $((SECONDS - lighthouse_start)) s (reports in $BENCH/lighthouse);" \
        "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
fi
